"""Scheduled jobs: APScheduler inside the worker process enqueues django-tasks jobs.

Why this way: no extra server and no cron on the machine. ``manage.py run_worker``
starts APScheduler's background thread, which only *enqueues* jobs at their times;
the same process's django-tasks worker loop runs them, so a job's result and failure
are recorded in the task table like any other job (and counted in /metrics). Every
daily job is idempotent, and all of them are enqueued once more when the worker
starts, so a run missed while the machine was down is caught up.

Run one scheduler per installation (``run_worker``); extra worker processes take
``--no-scheduler``. A new daily job: add its task's dotted path to ``DAILY``.
"""

import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from apscheduler.triggers.interval import IntervalTrigger
from django.conf import settings
from django.db import close_old_connections
from django.utils.module_loading import import_string

logger = logging.getLogger("rinnalla.scheduler")

# Daily jobs (task paths), run at RINNALLA_DAILY_JOBS_AT local time. Self-fill links
# need no job: each is refused once past its time, and the link stays on the record.
DAILY = [
    "rinnalla.followup.tasks.send_reminders",
    "rinnalla.ops.tasks.prune",
    "rinnalla.surveys.tasks.delete_expired_links",
    "rinnalla.reports.tasks.refresh_rollups_nightly",
]
HEARTBEAT = "rinnalla.ops.tasks.heartbeat"
# The report rollups catch up with the day's changes every RINNALLA_REPORT_REFRESH_SECONDS
# (only the changed days are recomputed).
ROLLUPS = "rinnalla.reports.tasks.refresh_rollups"


def enqueue(path: str) -> None:
    close_old_connections()
    try:
        result = import_string(path).enqueue()
        logger.info("enqueued %s", path, extra={"task": path, "task_id": str(result.id)})
    except Exception:
        logger.exception("could not enqueue %s", path, extra={"task": path})
    finally:
        close_old_connections()


def build(*, catch_up: bool = True) -> BackgroundScheduler:
    scheduler = BackgroundScheduler(timezone=settings.TIME_ZONE, daemon=True)
    hour, minute = (int(part) for part in settings.RINNALLA_DAILY_JOBS_AT.split(":"))
    for path in DAILY:
        scheduler.add_job(
            enqueue,
            CronTrigger(hour=hour, minute=minute, timezone=settings.TIME_ZONE),
            args=[path],
            id=path,
            coalesce=True,
            misfire_grace_time=3600,
        )
        if catch_up:
            scheduler.add_job(enqueue, args=[path], id=f"{path}:start")
    scheduler.add_job(
        enqueue,
        IntervalTrigger(seconds=settings.RINNALLA_HEARTBEAT_SECONDS),
        args=[HEARTBEAT],
        id=HEARTBEAT,
        coalesce=True,
        max_instances=1,
        next_run_time=None if not catch_up else _now(),
    )
    scheduler.add_job(
        enqueue,
        IntervalTrigger(seconds=settings.RINNALLA_REPORT_REFRESH_SECONDS),
        args=[ROLLUPS],
        id=ROLLUPS,
        coalesce=True,
        max_instances=1,
    )
    return scheduler


def _now():
    import datetime

    return datetime.datetime.now(datetime.UTC)
