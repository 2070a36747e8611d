"""Retention: what has passed its keeping time.

Defaults, from the Client Data Act (laki sosiaali- ja terveydenhuollon asiakastietojen
käsittelystä 703/2023) and its annex of keeping times, to be confirmed against the
county's own records plan (arkistonmuodostussuunnitelma) before anything is deleted:

- a social welfare client's records: 12 years from the end of the client relationship
  (``RINNALLA_RETENTION_YEARS``, default 12);
- the access log (lokitiedot): 12 years from the entry
  (``RINNALLA_ACCESS_LOG_RETENTION_YEARS``, default 12). The access log is never
  deleted early: the setting cannot be shorter than the client records' keeping time.

A client is past keeping time when none of their relationships is open and the last
thing that happened (a closing, an event, a referral, the registration) is older than
the keeping time.
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.clients.models import Client
from rinnalla.episodes.models import Closing, Episode, PathEvent
from rinnalla.referrals.models import Referral


def _years_ago(years: int, now: datetime.datetime) -> datetime.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


@dataclass
class Due:
    clients: list[tuple[int, datetime.datetime]]  # (client id, last activity)
    client_cutoff: datetime.datetime
    access_log_entries: int
    access_log_cutoff: datetime.datetime


def due(*, now: datetime.datetime | None = None, limit: int = 1000) -> Due:
    now = now or timezone.now()
    client_cutoff = _years_ago(settings.RINNALLA_RETENTION_YEARS, now)
    log_cutoff = _years_ago(settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS, now)
    open_episode = Episode.objects.filter(client=OuterRef("pk")).exclude(status="closed")
    epoch = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    clients = (
        Client.objects.annotate(
            open_episode=Exists(open_episode),
            last_closing=Subquery(
                Closing.objects.filter(episode__client=OuterRef("pk"))
                .order_by()
                .values("episode__client")
                .annotate(m=Max("closed_at"))
                .values("m")
            ),
            last_event=Subquery(
                PathEvent.objects.filter(episode__client=OuterRef("pk"))
                .order_by()
                .values("episode__client")
                .annotate(m=Max("occurred_at"))
                .values("m")
            ),
            last_referral=Subquery(
                Referral.objects.filter(client=OuterRef("pk"))
                .order_by()
                .values("client")
                .annotate(m=Max("created_at"))
                .values("m")
            ),
        )
        .annotate(
            last_activity=Greatest(
                "created_at",
                Coalesce("last_closing", epoch),
                Coalesce("last_event", epoch),
                Coalesce("last_referral", epoch),
            )
        )
        .filter(Q(open_episode=False), last_activity__lt=client_cutoff)
        .order_by("last_activity")
        .values_list("pk", "last_activity")[:limit]
    )
    return Due(
        clients=list(clients),
        client_cutoff=client_cutoff,
        access_log_entries=AccessLogEntry.objects.filter(at__lt=log_cutoff).count(),
        access_log_cutoff=log_cutoff,
    )
