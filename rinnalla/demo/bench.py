"""Measure the main pages against a raw-SQL baseline of the same page data.

Each page is requested through Django's test client, logged in as one synthetic
coordinator, so the figures include everything a real request does (session,
middleware, the access rule and its log entry, templates). Beside it, the baseline
fetches the same rows the page shows with hand-written SQL on ``connection.cursor()``:
what the page data costs without the ORM, templates or access logging.
"""

import datetime
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection
from django.test import Client as TestClient
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.core.search import fold
from rinnalla.demo import synthetic

PAGE_SIZE = 25
QUEUE_OVERDUE_LIMIT = 50


@dataclass
class Figures:
    queries: list[int] = field(default_factory=list)
    millis: list[float] = field(default_factory=list)
    errors: int = 0

    def add(self, queries: int, millis: float) -> None:
        self.queries.append(queries)
        self.millis.append(millis)

    @property
    def median(self) -> float:
        return statistics.median(self.millis) if self.millis else float("nan")

    @property
    def p95(self) -> float:
        if not self.millis:
            return float("nan")
        ordered = sorted(self.millis)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]

    @property
    def query_range(self) -> str:
        if not self.queries:
            return "-"
        low, high = min(self.queries), max(self.queries)
        return str(low) if low == high else f"{low}-{high}"


@dataclass
class PageResult:
    name: str
    page: Figures
    raw: Figures
    note: str = ""


@dataclass
class Target:
    """One page: how to build a request from a random draw, and its raw-SQL baseline."""

    name: str
    url: Callable[[random.Random], str]
    raw: Callable[[random.Random], None]
    # A form to post instead of a GET (a henkilötunnus never travels in an address).
    data: Callable[[random.Random], dict] | None = None


class Bench:
    def __init__(self, *, seed: int, requests: int, warmup: int = 5):
        self.seed = seed
        self.requests = requests
        self.warmup = warmup
        services = list(synthetic.synthetic_services(seed).order_by("id"))
        if not services:
            raise LookupError(f"No synthetic data for seed {seed}.")
        counts = {s.pk: Client.objects.filter(service=s).count() for s in services}
        self.service = max(services, key=lambda s: (counts[s.pk], -s.pk))
        self.coordinator = (
            User.objects.filter(organisation=self.service, role=User.Role.COORDINATOR)
            .order_by("username")
            .first()
        )
        rows = list(
            Client.objects.filter(service=self.service)
            .order_by("id")
            .values_list("id", "personal_identity_code", "last_name")
        )
        self.client_ids = [r[0] for r in rows]
        self.codes = [r[1] for r in rows]
        self.prefixes = sorted({r[2][:4] for r in rows if r[2][:4].isascii()})
        self.visible = self._raw_count()
        self.pages = max(1, -(-self.visible // PAGE_SIZE))
        self.http = TestClient()
        self.http.force_login(self.coordinator)

    # --- the targets -------------------------------------------------------------------

    def targets(self) -> list[Target]:
        return [
            Target(
                "client list (?page=)",
                lambda rng: self._url("clients:list", f"?page={rng.randint(1, self.pages)}"),
                lambda rng: self._raw_list(page=rng.randint(1, self.pages)),
            ),
            Target(
                "name search (?q=prefix)",
                lambda rng: self._url("clients:list", f"?q={rng.choice(self.prefixes)}"),
                lambda rng: self._raw_list(prefix=rng.choice(self.prefixes)),
            ),
            Target(
                "henkilötunnus search (?q=code)",
                lambda rng: self._url("clients:list"),
                lambda rng: self._raw_list(code=rng.choice(self.codes)),
                data=lambda rng: {"q": rng.choice(self.codes)},
            ),
            Target(
                "referral queue",
                lambda rng: self._url("referrals:queue"),
                lambda rng: self._raw_queue(),
            ),
            Target(
                "client page",
                lambda rng: self._url("clients:detail", pk=rng.choice(self.client_ids)),
                lambda rng: self._raw_client_page(rng.choice(self.client_ids)),
            ),
        ]

    @staticmethod
    def _url(name: str, query: str = "", **kwargs) -> str:
        return reverse(name, kwargs=kwargs or None) + query

    # --- measuring ---------------------------------------------------------------------

    def run(
        self, progress: Callable[[str], None] | None = None, only: str = ""
    ) -> list[PageResult]:
        results = []
        for target in self.targets():
            if only and not any(word.strip() in target.name for word in only.split(",")):
                continue
            if progress:
                progress(target.name)
            results.append(self.measure(target))
        return results

    def measure(self, target: Target) -> PageResult:
        page, raw = Figures(), Figures()
        rng = random.Random(f"bench:{self.seed}:{target.name}")
        try:
            target.url(rng)
        except NoReverseMatch:
            return PageResult(target.name, page, raw, note="page not available")
        for i in range(self.warmup + self.requests):
            url = target.url(rng)
            data = target.data(rng) if target.data else None
            # The log keeps 9,000 queries; when full, CaptureQueriesContext counts 0.
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = self.http.get(url) if data is None else self.http.post(url, data)
                millis = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                page.errors += 1
            if i >= self.warmup:
                page.add(len(queries), millis)
        rng = random.Random(f"bench:{self.seed}:{target.name}")
        for i in range(self.warmup + self.requests):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                target.raw(rng)
                millis = (time.perf_counter() - started) * 1000
            if i >= self.warmup:
                raw.add(len(queries), millis)
        note = f"{page.errors} responses not 200" if page.errors else ""
        return PageResult(target.name, page, raw, note)

    # --- the raw-SQL baselines ----------------------------------------------------------
    # The coordinator sees the clients of their service and those with an episode there
    # (rinnalla.access.policy); the baselines apply the same rule in SQL.

    VISIBLE = (
        "(c.service_id = %s OR c.id IN (SELECT x.client_id FROM episodes_episode x "
        "WHERE x.service_id = %s))"
    )

    def _fetch(self, sql: str, params) -> list:
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchall()

    def _raw_count(self, where: str = "", params=()) -> int:
        sql = f"SELECT COUNT(*) FROM clients_client c WHERE {self.VISIBLE}{where}"  # noqa: S608
        return self._fetch(sql, [self.service.pk, self.service.pk, *params])[0][0]

    def _raw_list(self, *, page: int = 1, prefix: str = "", code: str = "") -> list:
        """One page of the client list: 25 clients with newest status and primary contact."""
        where, params = "", []
        if prefix:
            low = fold(prefix)  # the folded name columns, as the search reads them
            high = low[:-1] + chr(ord(low[-1]) + 1)
            where = (
                " AND ((c.search_last_name >= %s AND c.search_last_name < %s)"
                " OR (c.search_first_name >= %s AND c.search_first_name < %s))"
            )
            params = [low, high, low, high]
        elif code:
            where, params = " AND c.personal_identity_code = %s", [code]
        total = self._raw_count(where, params)
        pages = max(1, -(-total // PAGE_SIZE))
        offset = (min(page, pages) - 1) * PAGE_SIZE
        sql = f"""
            SELECT c.id, c.first_name, c.last_name, c.personal_identity_code,
                   e.status, e.contact_clock_starts_on, e.first_contact_at,
                   (SELECT u.first_name || ' ' || u.last_name
                      FROM episodes_responsibleperson rp
                      JOIN episodes_episode pe ON pe.id = rp.episode_id
                      JOIN accounts_user u ON u.id = rp.professional_id
                     WHERE pe.client_id = c.id AND rp.is_primary AND rp.ended_at IS NULL
                     ORDER BY pe.opened_on DESC, pe.id DESC LIMIT 1) AS primary_contact
              FROM (SELECT c.id, c.first_name, c.last_name, c.personal_identity_code
                      FROM clients_client c WHERE {self.VISIBLE}{where}
                     ORDER BY c.last_name, c.first_name, c.id
                     LIMIT {PAGE_SIZE} OFFSET {offset}) c
              LEFT JOIN episodes_episode e ON e.id = (
                    SELECT ne.id FROM episodes_episode ne WHERE ne.client_id = c.id
                     ORDER BY ne.opened_on DESC, ne.id DESC LIMIT 1)
             ORDER BY c.last_name, c.first_name, c.id
        """  # noqa: S608 - fixed SQL, values are parameters
        return self._fetch(sql, [self.service.pk, self.service.pk, *params])

    def _raw_queue(self) -> list:
        """The queue's first page, its count, and the 'waiting for first contact' box."""
        service = self.service.pk
        count = self._fetch(
            "SELECT COUNT(*) FROM referrals_referral WHERE service_id = %s AND status = %s",
            [service, "received"],
        )
        rows = self._fetch(
            f"""
            SELECT r.id, r.received_on, r.urgency, r.source_kind, r.channel, r.reason,
                   c.id, c.first_name, c.last_name, c.personal_identity_code,
                   o.name, u.first_name, u.last_name
              FROM referrals_referral r
              JOIN clients_client c ON c.id = r.client_id
              LEFT JOIN accounts_organisation o ON o.id = r.source_organisation_id
              LEFT JOIN accounts_user u ON u.id = r.source_professional_id
             WHERE r.service_id = %s AND r.status = %s
             ORDER BY r.received_on, r.id LIMIT {PAGE_SIZE}
            """,  # noqa: S608
            [service, "received"],
        )
        latest_start = timezone.localdate() - datetime.timedelta(
            days=settings.RINNALLA_FIRST_CONTACT_TARGET_DAYS + 1
        )
        waiting = (
            "FROM episodes_episode e WHERE e.service_id = %s AND e.first_contact_at IS NULL "
            "AND e.status IN ('waiting', 'active')"
        )
        counts = self._fetch(
            f"SELECT COUNT(*), SUM(CASE WHEN e.contact_clock_starts_on <= %s THEN 1 ELSE 0 END) "
            f"{waiting}",  # noqa: S608
            [latest_start, service],
        )
        overdue = self._fetch(
            f"SELECT e.id, e.contact_clock_starts_on, c.id, c.first_name, c.last_name "
            f"{waiting.replace('FROM episodes_episode e', 'FROM episodes_episode e JOIN clients_client c ON c.id = e.client_id')} "
            f"AND e.contact_clock_starts_on <= %s ORDER BY e.contact_clock_starts_on, e.id "
            f"LIMIT {QUEUE_OVERDUE_LIMIT}",  # noqa: S608
            [service, latest_start],
        )
        return [count, rows, counts, overdue]

    def _raw_client_page(self, client_id: int) -> list:
        """The client, their episodes with referral, path, responsible persons, handovers,
        closings, and referrals that did not open an episode."""
        client = self._fetch(
            f"SELECT c.* FROM clients_client c WHERE c.id = %s AND {self.VISIBLE}",  # noqa: S608
            [client_id, self.service.pk, self.service.pk],
        )
        episodes = self._fetch(
            """
            SELECT e.*, s.name, r.id, r.received_on, r.source_kind, r.channel, r.reason,
                   ro.name, ru.first_name, ru.last_name
              FROM episodes_episode e
              JOIN accounts_organisation s ON s.id = e.service_id
              LEFT JOIN referrals_referral r ON r.episode_id = e.id
              LEFT JOIN accounts_organisation ro ON ro.id = r.source_organisation_id
              LEFT JOIN accounts_user ru ON ru.id = r.source_professional_id
             WHERE e.client_id = %s ORDER BY e.opened_on DESC, e.id DESC
            """,
            [client_id],
        )
        ids = [row[0] for row in episodes] or [0]
        marks = ", ".join(["%s"] * len(ids))
        events = self._fetch(
            f"""
            SELECT ev.*, a.first_name, a.last_name, o.name FROM episodes_pathevent ev
              JOIN accounts_user a ON a.id = ev.author_id
              LEFT JOIN accounts_organisation o ON o.id = ev.organisation_id
             WHERE ev.episode_id IN ({marks}) ORDER BY ev.occurred_at, ev.id
            """,  # noqa: S608
            ids,
        )
        persons = self._fetch(
            f"""
            SELECT rp.*, u.first_name, u.last_name, u.profession
              FROM episodes_responsibleperson rp JOIN accounts_user u ON u.id = rp.professional_id
             WHERE rp.episode_id IN ({marks}) ORDER BY rp.started_at, rp.id
            """,  # noqa: S608
            ids,
        )
        handovers = self._fetch(
            f"""
            SELECT h.*, f.first_name, f.last_name, t.first_name, t.last_name,
                   b.first_name, b.last_name
              FROM episodes_handover h
              LEFT JOIN accounts_user f ON f.id = h.from_professional_id
              LEFT JOIN accounts_user t ON t.id = h.to_professional_id
              JOIN accounts_user b ON b.id = h.by_id
             WHERE h.episode_id IN ({marks}) ORDER BY h.at, h.id
            """,  # noqa: S608
            ids,
        )
        closings = self._fetch(
            f"SELECT cl.* FROM episodes_closing cl WHERE cl.episode_id IN ({marks}) "  # noqa: S608
            "ORDER BY cl.closed_at, cl.id",
            ids,
        )
        others = self._fetch(
            """
            SELECT r.*, s.name, o.name FROM referrals_referral r
              JOIN accounts_organisation s ON s.id = r.service_id
              LEFT JOIN accounts_organisation o ON o.id = r.source_organisation_id
             WHERE r.client_id = %s AND r.episode_id IS NULL
             ORDER BY r.received_on DESC, r.id DESC
            """,
            [client_id],
        )
        return [client, episodes, events, persons, handovers, closings, others]


def format_table(results: list[PageResult]) -> str:
    head = (
        f"{'page':<32} | {'queries':>7} {'median':>9} {'p95':>9} | "
        f"{'raw SQL':>7} {'median':>9} {'p95':>9} | note"
    )
    lines = [head, "-" * len(head)]
    for r in results:
        lines.append(
            f"{r.name:<32} | {r.page.query_range:>7} {r.page.median:>7.1f}ms {r.page.p95:>7.1f}ms"
            f" | {r.raw.query_range:>7} {r.raw.median:>7.1f}ms {r.raw.p95:>7.1f}ms | {r.note}"
        )
    return "\n".join(lines)
