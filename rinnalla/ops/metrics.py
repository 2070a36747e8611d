"""Prometheus metrics: django-prometheus' request figures plus the task queue.

Request latency, counts by status and exceptions come from django-prometheus'
middleware. Under gunicorn each worker is its own process, so the figures are
collected through prometheus_client's multiprocess mode when
``PROMETHEUS_MULTIPROC_DIR`` is set (``deploy/gunicorn.conf.py`` sets it). The task
queue figures are read from the database at scrape time, so they are the same
whichever process answers.
"""

import os

from django.db import DatabaseError
from django.db.models import Count, Min
from django.utils import timezone
from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector


class TaskQueueCollector:
    """Queue length, age of the oldest waiting job, and finished jobs by status."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        waiting = GaugeMetricFamily("rinnalla_task_queue_length", "Background jobs waiting to run")
        oldest = GaugeMetricFamily(
            "rinnalla_task_queue_oldest_seconds", "Age of the oldest waiting background job"
        )
        results = GaugeMetricFamily(
            "rinnalla_task_results", "Background job results kept, by status", labels=["status"]
        )
        try:
            ready = DBTaskResult.objects.filter(status="READY").aggregate(
                n=Count("id"), first=Min("enqueued_at")
            )
            by_status = list(
                DBTaskResult.objects.order_by().values_list("status").annotate(n=Count("id"))
            )
        except DatabaseError:
            return
        waiting.add_metric([], ready["n"])
        age = (timezone.now() - ready["first"]).total_seconds() if ready["first"] else 0
        oldest.add_metric([], age)
        for status, count in by_status:
            results.add_metric([status], count)
        yield waiting
        yield oldest
        yield results


_tasks = CollectorRegistry()
_tasks.register(TaskQueueCollector())


def render_metrics() -> tuple[bytes, str]:
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return generate_latest(registry) + generate_latest(_tasks), CONTENT_TYPE_LATEST
