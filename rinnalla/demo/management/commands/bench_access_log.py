"""``manage.py bench_access_log``: grow the access log to --rows and time "who has seen my data"."""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from rinnalla.demo import accesslog


class Command(BaseCommand):
    help = (
        "Grow the access log to --rows synthetic entries (PostgreSQL; continues an earlier "
        "fill) and time the client's 'who has seen my data' page query: p50 / p95 / p99."
    )

    def add_arguments(self, parser):
        parser.add_argument("--rows", type=int, default=100_000_000)
        parser.add_argument("--months", type=int, default=60)
        parser.add_argument("--requests", type=int, default=200)
        parser.add_argument("--no-fill", action="store_true", help="Measure the table as it is.")

    def handle(self, *args, rows, months, requests, no_fill=False, **options):
        if connection.vendor != "postgresql":
            raise CommandError("The access-log benchmark needs PostgreSQL (DATABASE_URL).")
        if not no_fill:
            started = time.perf_counter()
            added = accesslog.fill(rows=rows, months=months, say=self.stdout.write)
            if added:
                self.stdout.write(
                    f"Added {added:,} access-log rows in {time.perf_counter() - started:.0f} s."
                )
        accesslog.measure(requests=10, seed=99)  # warm-up
        timing = accesslog.measure(requests=requests)
        average = sum(timing.entries) / len(timing.entries)
        self.stdout.write(
            f"Access log 'who has seen my data' at {timing.rows:,} rows "
            f"({requests} random clients, last 12 months, {average:.0f} entries on average, "
            f"max {max(timing.entries)}): p50 {timing.p50:.1f} ms, "
            f"p95 {timing.percentile(0.95):.1f} ms, p99 {timing.percentile(0.99):.1f} ms"
        )
