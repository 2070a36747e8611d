"""The rules the services keep, checked over the whole database.

Used by the tests of the demo loader and the synthetic generator (which writes
without the services and must keep them by construction). Each check returns the
offending ids, so a failure says where to look.
"""

import datetime

from django.db.models import DateField, Exists, ExpressionWrapper, F, Max, Min, OuterRef, Q
from django.db.models.functions import TruncDate
from django.utils import timezone

from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.core import hetu
from rinnalla.episodes.models import (
    FIRST_CONTACT_KINDS,
    MODES_BY_KIND,
    Closing,
    Episode,
    EventKind,
    PathEvent,
    ResponsiblePerson,
)
from rinnalla.referrals.models import Referral


def _ids(queryset) -> list[int]:
    return list(queryset.values_list("pk", flat=True)[:20])


def violations() -> dict[str, list]:
    """Name of each broken rule → up to 20 offending ids (empty dict: all hold)."""
    found = {}
    for name, check in CHECKS.items():
        bad = check()
        if bad:
            found[name] = bad
    return found


def referral_status_matches_triage():
    return _ids(
        Referral.objects.filter(
            Q(status="accepted", episode__isnull=True)
            | (~Q(status="accepted") & Q(episode__isnull=False))
            | Q(status="redirected", redirected_to="")
            | (~Q(status="received") & Q(triaged_at__isnull=True))
            | Q(status="received", triaged_at__isnull=False)
        )
    )


def referral_triaged_after_receipt():
    return [
        r.pk
        for r in Referral.objects.exclude(triaged_at=None).only("received_on", "triaged_at")
        if timezone.localtime(r.triaged_at).date() < r.received_on
    ]


def episode_path_summary_matches_events():
    annotated = Episode.objects.annotate(
        first=Min("events__occurred_at", filter=Q(events__kind__in=list(FIRST_CONTACT_KINDS))),
        last=Max("events__occurred_at"),
    )
    return _ids(
        annotated.filter(
            ~Q(first_contact_at=F("first")) & ~Q(first_contact_at__isnull=True, first__isnull=True)
            | ~Q(last_event_at=F("last")) & ~Q(last_event_at__isnull=True, last__isnull=True)
            | Q(first_contact_at__isnull=True, first__isnull=False)
            | Q(first_contact_at__isnull=False, first__isnull=True)
            | Q(last_event_at__isnull=True, last__isnull=False)
            | Q(last_event_at__isnull=False, last__isnull=True)
        )
    )


def episode_status_consistent():
    open_closing = Closing.objects.filter(episode=OuterRef("pk"), reopened_at__isnull=True)
    annotated = Episode.objects.annotate(closed=Exists(open_closing))
    return _ids(
        annotated.filter(
            Q(status="closed", closed=False)
            | (~Q(status="closed") & Q(closed=True))
            | Q(status="waiting", first_contact_at__isnull=False)
            | Q(status="active", first_contact_at__isnull=True)
        )
    )


def episode_has_one_primary_contact():
    primary = ResponsiblePerson.objects.filter(
        episode=OuterRef("pk"), is_primary=True, ended_at__isnull=True
    )
    return _ids(Episode.objects.filter(~Exists(primary)))


def episode_opened_after_referral():
    return _ids(
        Referral.objects.filter(episode__isnull=False).filter(
            Q(episode__opened_on__lt=F("received_on"))
            | ~Q(episode__contact_clock_starts_on=F("received_on"))
        )
    )


def closing_after_last_event():
    return _ids(Closing.objects.filter(closed_at__lt=F("episode__last_event_at")))


def event_fields_fit_kind():
    bad = Q()
    for kind in EventKind.values:
        modes = MODES_BY_KIND.get(kind)
        if modes:
            bad |= Q(kind=kind) & ~Q(mode__in=[str(m) for m in modes])
        else:
            bad |= Q(kind=kind) & ~Q(mode="")
    bad |= ~Q(kind="meeting") & Q(duration_minutes__isnull=False)
    bad |= Q(duration_minutes__lte=0)
    bad |= Q(kind="consultation", organisation__isnull=True)
    bad |= Q(kind="statement") & ~Q(statement_status__in=["requested", "received"])
    bad |= ~Q(kind="statement") & (~Q(statement_status="") | ~Q(statement_name=""))
    bad |= ~Q(kind__in=EventKind.values)
    return _ids(PathEvent.objects.filter(bad))


def event_not_in_future_nor_long_before_opening():
    now = timezone.now() + datetime.timedelta(minutes=5)
    earliest = ExpressionWrapper(
        F("episode__opened_on") - datetime.timedelta(days=366), output_field=DateField()
    )
    return _ids(
        PathEvent.objects.filter(Q(occurred_at__gt=now) | Q(occurred_at__date__lt=earliest))
    )


def consultation_covered_by_consent():
    covering = Consent.objects.filter(
        client=OuterRef("episode__client"),
        organisations=OuterRef("organisation"),
        given_on__lte=OuterRef("day"),
        withdrawn_at__isnull=True,
    ).filter(Q(valid_until__isnull=True) | Q(valid_until__gte=OuterRef("day")))
    return _ids(
        PathEvent.objects.filter(kind="consultation")
        .annotate(day=TruncDate("occurred_at"))
        .filter(~Exists(covering))
    )


def identity_codes_valid():
    bad = []
    for pk, code in Client.objects.values_list("pk", "personal_identity_code").iterator():
        if not hetu.is_valid(code):
            bad.append(pk)
    return bad[:20]


CHECKS = {
    "referral status matches triage": referral_status_matches_triage,
    "referral triaged after receipt": referral_triaged_after_receipt,
    "episode path summary matches events": episode_path_summary_matches_events,
    "episode status consistent": episode_status_consistent,
    "episode has one primary contact": episode_has_one_primary_contact,
    "episode opened after its referral": episode_opened_after_referral,
    "closing after the last event": closing_after_last_event,
    "event fields fit its kind": event_fields_fit_kind,
    "event not in the future": event_not_in_future_nor_long_before_opening,
    "consultation covered by consent": consultation_covered_by_consent,
    "identity codes valid": identity_codes_valid,
}
