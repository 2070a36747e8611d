"""Time name search at county scale and beyond (issue 9: p95 ≤ 50 ms at 1,000,000 clients).

Apart from ``manage.py bench`` (the page table and the HTTP run): this times only the
search, as a coordinator of the largest synthetic service, for typical queries —
prefixes, prefixes typed without the dots, one-letter typos, first and last name.

    DATABASE_URL=postgres://…/hsearch_1m manage.py bench_search --clients 1000000

loads a million clients (if fewer are there) with ``--event-share 0.05`` of the usual
path events (~2 per client relationship instead of 10-60) and prints, per query, the
median and p95 of

- *selector*: what the list page asks of the database — ``client_list(user, query=…)``,
  the bounded count and the first page's ids, and ``client_list_rows`` for that page;
- *API*: ``POST /api/v1/clients/search`` through Django's whole request path in this
  process (bearer token, middleware, django-ninja, the access-log entry), no network.
"""

import os
import statistics
import time

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import CaptureQueriesContext, override_settings

from rinnalla.access.policy import visible_clients
from rinnalla.access.testing import api_client
from rinnalla.accounts.models import User
from rinnalla.clients import selectors
from rinnalla.clients.models import Client, SearchName
from rinnalla.core.paging import BoundedPaginator
from rinnalla.demo import synthetic
from rinnalla.demo.management.commands.bench import guard_dev_database
from rinnalla.episodes.models import PathEvent

PAGE_SIZE = 25

# (kind, query): names from the synthetic vocabulary, as people type them.
QUERIES = [
    ("prefix", "Virtane"),
    ("prefix", "Kor"),
    ("prefix, first name", "Juh"),
    ("without dots", "makinen"),
    ("without dots", "Hamalai"),
    ("without dots", "jarvinen"),
    ("typo", "Virtnen"),
    ("typo", "Korhnen"),
    ("typo", "Nieminn"),
    ("first + last", "anna virtanen"),
    ("first + last, typo", "anna virtnen"),
    ("no match", "Zyxw"),
]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} {five:.2f} {fifteen:.2f} ({os.cpu_count()} CPUs)"


class Command(BaseCommand):
    help = (
        "Load up to --clients synthetic clients (few path events each) and time name "
        "search for typical queries: the selector and the API, median and p95."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=1_000_000)
        parser.add_argument("--event-share", type=float, default=0.05)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--requests", type=int, default=100, help="Timed runs per query.")
        parser.add_argument("--warmup", type=int, default=3)
        parser.add_argument("--no-api", action="store_true", help="Time the selector only.")
        parser.add_argument("--allow-dev-database", action="store_true")
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args, clients, event_share, seed, requests, warmup, **options):
        if requests < 1:
            raise CommandError("--requests must be at least 1.")
        guard_dev_database(connection.settings_dict, allowed=options["allow_dev_database"])
        executor = MigrationExecutor(connection)
        if executor.migration_plan(executor.loader.graph.leaf_nodes()):
            call_command("migrate", interactive=False, verbosity=0)
        have = synthetic.synthetic_client_count(seed)
        if have < clients:
            self.stdout.write(f"{have:,} synthetic clients; generating up to {clients:,}…")
            started = time.perf_counter()
            call_command(
                "generate_synthetic",
                clients=clients,
                seed=seed,
                event_share=event_share,
                no_progress=options["no_progress"],
                stdout=self.stdout,
                stderr=self.stderr,
            )
            self.stdout.write(f"Loaded in {time.perf_counter() - started:.0f} s.")
        coordinator = self._coordinator(seed)
        visible = visible_clients(coordinator).count()
        total = Client.objects.count()
        self.stdout.write(
            f"\nName search on {connection.vendor} ({connection.settings_dict.get('NAME')}): "
            f"{total:,} clients, {PathEvent.objects.count():,} path events, "
            f"{SearchName.objects.count():,} distinct names. As {coordinator.username} "
            f"(coordinator) who sees {visible:,} clients ({visible / max(total, 1):.0%}). "
            f"{requests} timed runs per query after {warmup} warm-up runs. "
            f"Load average before: {_load()}."
        )
        api = None if options["no_api"] else api_client(coordinator)
        header = (
            f"{'kind':<20} {'query':<15} {'found':>6} {'q':>3} | {'selector':>8} {'p95':>8}"
            + ("" if api is None else f" | {'API':>8} {'p95':>8}")
        )
        self.stdout.write("\n" + header + "\n" + "-" * len(header))
        worst = 0.0
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            for kind, query in QUERIES:
                found, queries, times = self._time(
                    lambda q=query: self._selector(coordinator, q), requests, warmup
                )
                line = (
                    f"{kind:<20} {query:<15} {found:>6} {queries:>3} | "
                    f"{statistics.median(times):>6.1f}ms {_p95(times):>6.1f}ms"
                )
                worst = max(worst, _p95(times))
                if api is not None:
                    _, _, api_times = self._time(
                        lambda q=query: self._api(api, q), requests, warmup
                    )
                    line += f" | {statistics.median(api_times):>6.1f}ms {_p95(api_times):>6.1f}ms"
                self.stdout.write(line)
        self.stdout.write(
            f"\nWorst selector p95 {worst:.1f} ms (goal ≤ 50 ms at 1,000,000 clients). "
            f"'found' = clients matching (bounded count, at most {BoundedPaginator([], 1).limit}"
            f"+1), 'q' = SQL queries of the selector. Load average after: {_load()}."
        )

    @staticmethod
    def _coordinator(seed: int) -> User:
        """The first coordinator of the synthetic service with the most clients."""
        services = list(synthetic.synthetic_services(seed).order_by("id"))
        if not services:
            raise CommandError(f"No synthetic data for seed {seed}.")
        counts = {s.pk: Client.objects.filter(service=s).count() for s in services}
        service = max(services, key=lambda s: (counts[s.pk], -s.pk))
        return (
            User.objects.filter(organisation=service, role=User.Role.COORDINATOR)
            .order_by("username")
            .first()
        )

    @staticmethod
    def _selector(user: User, query: str) -> int:
        ids = selectors.client_list(user, query=query).values_list("pk", flat=True)
        page = BoundedPaginator(ids, PAGE_SIZE).get_page(1)
        selectors.client_list_rows(ids=list(page.object_list))
        return page.paginator.count

    @staticmethod
    def _api(api, query: str) -> int:
        response = api.post(
            "/api/v1/clients/search",
            {"q": query, "limit": PAGE_SIZE},
            content_type="application/json",
        )
        if response.status_code != 200:
            raise CommandError(f"POST /api/v1/clients/search {query!r}: {response.status_code}")
        return response.json()["count"]

    @staticmethod
    def _time(run, requests: int, warmup: int) -> tuple[int, int, list[float]]:
        for _ in range(warmup):
            run()
        times = []
        found = queries = 0
        for _ in range(requests):
            reset_queries()
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                found = run()
                times.append((time.perf_counter() - started) * 1000)
            queries = len(captured)
        return found, queries, times
