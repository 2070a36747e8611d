"""Reads for the access-log pages: "who has seen my data"."""

import datetime

from django.db.models import QuerySet
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.clients.models import Client


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def client_log_entries(
    *, client: Client, start: datetime.date, end: datetime.date
) -> QuerySet[AccessLogEntry]:
    """The client's log entries from ``start`` to ``end`` (local dates, inclusive), newest first."""
    return (
        AccessLogEntry.objects.filter(
            client=client,
            at__gte=_day_start(start),
            at__lt=_day_start(end + datetime.timedelta(days=1)),
        )
        .select_related("user__organisation")
        .order_by("-at", "-id")
    )
