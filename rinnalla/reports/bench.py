"""Timing the reports on the synthetic county (run by ``manage.py bench``).

Logged in as a manager (all services), each report page and its API are requested over
the last twelve months; the rollups are refreshed in full first (timed), and one
incremental refresh after a new event is timed too.
"""

import datetime
import time

from django.core.cache import cache
from django.db import connection
from django.test import Client as TestClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rinnalla.accounts.models import User
from rinnalla.demo.bench import Figures
from rinnalla.reports.figures import REPORT_NAMES
from rinnalla.reports.models import DailyCount
from rinnalla.reports.rollup import rollups_refresh


def _timed(call) -> float:
    started = time.perf_counter()
    call()
    return (time.perf_counter() - started) * 1000


def run(*, requests: int = 50, warmup: int = 3, log=print) -> str:
    manager = User.objects.filter(role=User.Role.MANAGER, is_active=True).order_by("pk").first()
    if manager is None:
        return "No manager in the database: report bench skipped."
    full_ms = _timed(lambda: rollups_refresh(full=True))
    rows = DailyCount.objects.count()
    incremental_ms = _timed(rollups_refresh)
    http = TestClient()
    http.force_login(manager)
    today = timezone.localdate()
    start = (today - datetime.timedelta(days=365)).replace(day=1)
    query = f"?start={start.isoformat()}&end={today.isoformat()}"
    targets = [("overview", reverse("reports:overview") + query)]
    targets += [(name, reverse("reports:report", args=[name]) + query) for name in REPORT_NAMES]
    targets += [("API referrals", f"/api/v1/reports/referrals{query}")]
    targets += [
        ("XLSX referrals", reverse("reports:report", args=["referrals"]) + query + "&format=xlsx")
    ]
    lines = [
        f"Report rollups: full refresh {full_ms / 1000:.1f} s ({rows:,} rows), "
        f"incremental refresh with nothing new {incremental_ms:.0f} ms.",
        "",
        f"{'report (as a manager, 12 months)':<36} | {'cold':>9} | {'queries':>7} "
        f"{'median':>9} {'p95':>9} | note",
    ]
    lines.append("-" * len(lines[-1]))
    for name, url in targets:
        log(f"  measuring report {name}…")
        cache.clear()  # the first request after a refresh builds the report
        cold = _timed(lambda url=url: http.get(url))
        figures = Figures()
        for i in range(warmup + requests):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as queries:
                started = time.perf_counter()
                response = http.get(url)
                millis = (time.perf_counter() - started) * 1000
            if response.status_code != 200:
                figures.errors += 1
            if i >= warmup:
                figures.add(len(queries), millis)
        note = f"{figures.errors} responses not 200" if figures.errors else ""
        lines.append(
            f"{name:<36} | {cold:>7.1f}ms | {figures.query_range:>7} {figures.median:>7.1f}ms "
            f"{figures.p95:>7.1f}ms | {note}"
        )
    lines.append(
        "'cold' = the first request after a rollup refresh (builds the report); then "
        "the built report is cached until the data changes."
    )
    return "\n".join(lines)
