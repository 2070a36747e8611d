"""What the load balancer and the monitoring ask: is it alive, is it ready, numbers."""

import datetime

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from rinnalla.ops.models import Heartbeat

WORKER = "worker"
_migrated: set[str] = set()


def database_reachable() -> str | None:
    try:
        with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as exc:
        return f"database unreachable: {type(exc).__name__}"
    return None


def migrations_applied() -> str | None:
    """None when every migration is applied; checked once per process after success."""
    if DEFAULT_DB_ALIAS in _migrated:
        return None
    connection = connections[DEFAULT_DB_ALIAS]
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    if plan:
        return f"{len(plan)} migrations not applied"
    _migrated.add(DEFAULT_DB_ALIAS)
    return None


def worker_alive(now: datetime.datetime | None = None) -> str | None:
    limit = settings.RINNALLA_WORKER_HEARTBEAT_MAX_AGE
    if not limit:
        return None
    beat = Heartbeat.objects.filter(name=WORKER).values_list("at", flat=True).first()
    if beat is None:
        return "no worker heartbeat yet"
    age = ((now or timezone.now()) - beat).total_seconds()
    if age > limit:
        return f"worker heartbeat {age:.0f} s old (limit {limit} s)"
    return None


def readiness() -> dict[str, str]:
    """Each check's problem, or "ok"; stops at an unreachable database."""
    problem = database_reachable()
    if problem:
        return {"database": problem}
    checks = {"database": "ok"}
    for name, check in (("migrations", migrations_applied), ("worker", worker_alive)):
        try:
            checks[name] = check() or "ok"
        except DatabaseError as exc:
            checks[name] = f"database error: {type(exc).__name__}"
    return checks


def beat(name: str = WORKER) -> None:
    Heartbeat.objects.update_or_create(name=name, defaults={"at": timezone.now()})
