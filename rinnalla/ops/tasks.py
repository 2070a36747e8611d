"""Background jobs of operations, enqueued by the scheduler (``ops.scheduler``)."""

import datetime

from django.conf import settings
from django.core.management import call_command
from django.utils import timezone
from django_tasks import task

from rinnalla.ops import health
from rinnalla.ops.models import IdempotentRequest


@task()
def heartbeat() -> str:
    """Run by the worker from the queue: proves that the scheduler, queue and worker work."""
    health.beat()
    return "ok"


@task()
def prune() -> dict[str, int]:
    """Forget idempotency answers past their time, and old finished job results."""
    cutoff = timezone.now() - datetime.timedelta(hours=settings.RINNALLA_IDEMPOTENCY_HOURS)
    forgotten, _ = IdempotentRequest.objects.filter(created_at__lt=cutoff).delete()
    call_command(
        "prune_db_task_results",
        min_age_days=settings.RINNALLA_TASK_RESULT_DAYS,
        verbosity=0,
    )
    return {"idempotency_records": forgotten}
