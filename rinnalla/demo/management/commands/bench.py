"""Benchmark the main pages on the synthetic county (see rinnalla.demo.bench)."""

import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test.utils import override_settings

from rinnalla.demo import synthetic
from rinnalla.demo.bench import Bench, format_table
from rinnalla.episodes.models import PathEvent

DEV_DATABASE = Path(settings.BASE_DIR) / "var" / "rinnalla.sqlite3"


def guard_dev_database(db: dict, *, allowed: bool) -> None:
    """Never fill var/rinnalla.sqlite3 (the demo database) unless told; make the directory."""
    if db["ENGINE"] != "django.db.backends.sqlite3":
        return
    name = str(db["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return
    path = Path(name).resolve()
    if path == DEV_DATABASE.resolve() and not allowed:
        raise CommandError(
            f"Refusing to load benchmark data into the development database {path}. "
            "Set DATABASE_URL or RINNALLA_VAR_DIR (e.g. RINNALLA_VAR_DIR=var/bench), "
            "or pass --allow-dev-database."
        )
    path.parent.mkdir(parents=True, exist_ok=True)


class Command(BaseCommand):
    help = (
        "Load the synthetic county if the database has fewer than --clients synthetic "
        "clients, then time the client list, name and henkilötunnus search, referral "
        "queue and client page against a raw-SQL baseline of the same data."
    )

    def add_arguments(self, parser):
        parser.add_argument("--clients", type=int, default=50_000)
        parser.add_argument(
            "--requests",
            type=int,
            default=200,
            help="Measured requests per page (after 5 warm-up requests).",
        )
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--warmup", type=int, default=5)
        parser.add_argument(
            "--allow-dev-database",
            action="store_true",
            help="Allow writing synthetic data into var/rinnalla.sqlite3.",
        )
        parser.add_argument("--no-progress", action="store_true")
        parser.add_argument(
            "--only",
            default="",
            help="Measure only pages whose name contains one of these "
            "comma-separated words (e.g. 'queue,client page').",
        )

    def handle(
        self,
        *args,
        clients,
        requests,
        seed,
        warmup,
        allow_dev_database=False,
        no_progress=False,
        only="",
        **options,
    ):
        if requests < 1:
            raise CommandError("--requests must be at least 1.")
        db = connection.settings_dict
        guard_dev_database(db, allowed=allow_dev_database)
        started = time.perf_counter()
        if MigrationExecutor(connection).migration_plan(
            MigrationExecutor(connection).loader.graph.leaf_nodes()
        ):
            self.stdout.write("Migrating the benchmark database…")
            call_command("migrate", interactive=False, verbosity=0)
        have = synthetic.synthetic_client_count(seed)
        if have < clients:
            self.stdout.write(
                f"The database has {have} synthetic clients (seed {seed}); "
                f"generating up to {clients}…"
            )
            call_command(
                "generate_synthetic",
                clients=clients,
                seed=seed,
                no_progress=no_progress,
                stdout=self.stdout,
                stderr=self.stderr,
            )
        loaded = time.perf_counter() - started
        with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
            bench = Bench(seed=seed, requests=requests, warmup=warmup)
            self.stdout.write(
                f"\nRinnalla bench on {connection.vendor} ({db.get('NAME')}): "
                f"{synthetic.synthetic_client_count(seed):,} synthetic clients, "
                f"{PathEvent.objects.count():,} path events in the database."
            )
            self.stdout.write(
                f"Logged in as {bench.coordinator.username} (coordinator of "
                f"{bench.service.name}): {bench.visible:,} clients visible. "
                f"{requests} measured requests per page after {warmup} warm-up requests."
            )
            bench_started = time.perf_counter()
            results = bench.run(
                only=only,
                progress=None
                if no_progress
                else (lambda name: self.stderr.write(f"  measuring {name}…")),
            )
        self.stdout.write("")
        self.stdout.write(format_table(results))
        if not only or "report" in only:
            from rinnalla.reports.bench import run as run_reports

            with override_settings(ALLOWED_HOSTS=[*settings.ALLOWED_HOSTS, "testserver"]):
                self.stdout.write("")
                self.stdout.write(
                    run_reports(
                        requests=min(requests, 50),
                        log=(lambda line: None) if no_progress else self.stderr.write,
                    )
                )
        self.stdout.write(
            f"\n'queries' = SQL queries per request (min-max) through the whole Django "
            f"request; 'raw SQL' = hand-written SQL fetching the same page data. "
            f"Load/setup {loaded:.1f} s, measuring {time.perf_counter() - bench_started:.1f} s."
        )
