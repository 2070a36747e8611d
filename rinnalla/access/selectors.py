"""Reads for the access-log pages: "who has seen my data"."""

import datetime

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry, AccessLogListing
from rinnalla.clients.models import Client


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def client_log_entries(
    *, client: Client, start: datetime.date, end: datetime.date
) -> QuerySet[AccessLogEntry]:
    """The client's log entries from ``start`` to ``end`` (local dates, inclusive), newest first.

    Besides the entries about the client, the lists and search results that showed the
    client (``entry.listed_here`` is then true: "appeared in a list").
    """
    start_at, end_at = _day_start(start), _day_start(end + datetime.timedelta(days=1))
    # Materialised ids: "client = X OR id = ANY(ids)" is two index scans; an OR with a
    # subquery would filter every entry of the period.
    listed = list(
        AccessLogListing.objects.filter(
            client=client, entry__at__gte=start_at, entry__at__lt=end_at
        ).values_list("entry_id", flat=True)
    )
    return (
        AccessLogEntry.objects.filter(
            Q(client=client) | Q(pk__in=listed), at__gte=start_at, at__lt=end_at
        )
        .annotate(
            listed_here=Case(
                When(client=client, then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            )
        )
        .select_related("user__organisation")
        .order_by("-at", "-id")
    )
