"""A synthetic access log at the size a county reaches in years, and its timing.

The access log is the fastest-growing table: every look at a client's data appends a
row. ``fill(rows=N)`` grows ``access_accesslogentry`` to N rows on PostgreSQL, spread
evenly over ``months`` ending today, the clients drawn with a skew (a few clients are
looked at far more often than most), the users from the database's professionals.

Why SQL instead of COPY from Python: the rows are made inside the server with
``INSERT … SELECT … FROM generate_series``, one million per transaction, so no row
passes through Python or the network; at 100 million rows that is the difference
between minutes and hours on two cores. A large fill first drops the table's
secondary indexes and foreign keys and builds them again at the end (one sorted
build is many times faster than 100 million random index insertions), then runs
``VACUUM ANALYZE`` so that the planner and index-only scans see the real table.

``measure()`` times what the client's "who has seen my data" page runs: the count of
the period's entries for the paginator and the newest page of 50, through the same
selector the page uses.
"""

import datetime
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connection, transaction
from django.utils import timezone

from rinnalla.access.forms import default_period
from rinnalla.access.selectors import client_log_entries
from rinnalla.clients.models import Client

TABLE = "access_accesslogentry"
CHUNK = 1_000_000

# The table name is fixed; every value is bound.
_INSERT = f"""
WITH c AS (SELECT array_agg(id ORDER BY id) AS ids, count(*) AS n FROM clients_client),
     u AS (SELECT array_agg(id ORDER BY id) AS ids, array_agg(username ORDER BY id) AS names,
                  count(*) AS n FROM accounts_user)
INSERT INTO {TABLE}
    (at, username, action, part, purpose, outcome, channel, break_glass, client_id, user_id)
SELECT %(start)s::timestamptz
         + make_interval(secs => (g::float8 / %(total)s) * %(span)s + random() * 3600),
       u.names[x.ui],
       CASE WHEN x.r < 0.9 THEN 'view' ELSE 'change' END,
       (ARRAY['client', 'events', 'plan', 'consent', 'measurements', 'workability'])
         [1 + floor(random() * 6)::int],
       '',
       CASE WHEN x.r2 < 0.99 THEN 'allowed' ELSE 'refused' END,
       CASE WHEN x.r2 < 0.80 THEN 'page' WHEN x.r2 < 0.95 THEN 'api' ELSE 'pdf' END,
       false,
       c.ids[x.ci],
       u.ids[x.ui]
FROM c, u, generate_series(%(lo)s::bigint, %(hi)s::bigint) AS g,
     LATERAL (SELECT 1 + floor(random() * u.n)::int AS ui,
                     1 + floor(power(random(), 1.5) * c.n)::int AS ci,
                     random() + g * 0 AS r, random() + g * 0 AS r2) AS x
"""  # noqa: S608


@dataclass
class Dropped:
    indexes: list[str]
    constraints: list[tuple[str, str]]


def row_count() -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM {TABLE}")  # noqa: S608 - fixed name
        return cursor.fetchone()[0]


def _drop_secondary(cursor) -> Dropped:
    cursor.execute(
        "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s AND indexname NOT LIKE %s",
        [TABLE, "%_pkey"],
    )
    indexes = cursor.fetchall()
    cursor.execute(
        "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
        "WHERE conrelid = %s::regclass AND contype = 'f'",
        [TABLE],
    )
    constraints = cursor.fetchall()
    for name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {TABLE} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f'DROP INDEX "{name}"')
    return Dropped(indexes=[d for _n, d in indexes], constraints=constraints)


def _restore(cursor, dropped: Dropped, say: Callable[[str], None]) -> None:
    cursor.execute("SET maintenance_work_mem = '1GB'")
    for definition in dropped.indexes:
        started = time.perf_counter()
        cursor.execute(definition)
        say(f"  {definition.split(' ON ')[0]}: {time.perf_counter() - started:.0f} s")
    for name, definition in dropped.constraints:
        started = time.perf_counter()
        cursor.execute(f'ALTER TABLE {TABLE} ADD CONSTRAINT "{name}" {definition}')
        say(f"  constraint {name}: {time.perf_counter() - started:.0f} s")


def fill(
    *, rows: int, months: int = 60, say: Callable[[str], None] = print, chunk: int = CHUNK
) -> int:
    """Grow the access log to ``rows`` rows (PostgreSQL only); returns rows added."""
    if connection.vendor != "postgresql":
        raise RuntimeError("the synthetic access log is made on PostgreSQL only")
    have = row_count()
    if have >= rows:
        return 0
    end = timezone.now()
    start = end - datetime.timedelta(days=round(months * 30.44))
    span = (end - start).total_seconds()
    bulk = rows - have > 5 * chunk
    dropped = None
    if bulk:
        with transaction.atomic(), connection.cursor() as cursor:
            dropped = _drop_secondary(cursor)
        say(f"Dropped {len(dropped.indexes)} indexes and {len(dropped.constraints)} foreign keys.")
    started = time.perf_counter()
    position = have
    try:
        while position < rows:
            hi = min(rows, position + chunk)
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(
                    _INSERT,
                    {"start": start, "span": span, "total": rows, "lo": position + 1, "hi": hi},
                )
            position = hi
            rate = (position - have) / (time.perf_counter() - started)
            say(f"  {position:,} rows ({rate:,.0f} rows/s)")
    finally:
        if dropped is not None:
            say("Building the indexes and foreign keys again…")
            with connection.cursor() as cursor:
                _restore(cursor, dropped, say)
    with connection.cursor() as cursor:
        say("VACUUM ANALYZE…")
        cursor.execute(f"VACUUM ANALYZE {TABLE}")
    return position - have


@dataclass
class Timing:
    rows: int
    samples: list[float]
    entries: list[int]

    def percentile(self, q: float) -> float:
        ordered = sorted(self.samples)
        return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]

    @property
    def p50(self) -> float:
        return statistics.median(self.samples)


def measure(*, requests: int = 200, seed: int = 1) -> Timing:
    """Time the client's "who has seen my data" page query for random clients (ms)."""
    rng = random.Random(seed)
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), max(id) FROM clients_client")
        low, high = cursor.fetchone()
    start, end = default_period()
    samples, entries = [], []
    for _ in range(requests):
        client = Client.objects.filter(pk__gte=rng.randint(low, high)).order_by("pk").first()
        began = time.perf_counter()
        page = Paginator(client_log_entries(client=client, start=start, end=end), 50).get_page(1)
        shown = list(page.object_list)
        samples.append((time.perf_counter() - began) * 1000)
        entries.append(page.paginator.count)
        del shown
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples::bigint FROM pg_class WHERE relname = %s"
            if connection.vendor == "postgresql"
            else f"SELECT count(*) FROM {TABLE} WHERE %s IS NOT NULL",  # noqa: S608
            [TABLE],
        )
        rows = cursor.fetchone()[0]
    return Timing(rows=rows, samples=samples, entries=entries)
