"""Reads of the client's situation. Callers have checked access with ``client_for``
(one client) or ``list_access`` (lists)."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from rinnalla.plans.models import ActionStatus, PlanAction
from rinnalla.situation.models import ClientSegment, PeriodKind, SituationPeriod


def attention_weeks() -> int:
    return settings.RINNALLA_PERIOD_ENDING_WEEKS


def segments(*, client) -> QuerySet[ClientSegment]:
    """The client's segments, the current one first."""
    return (
        ClientSegment.objects.filter(client=client)
        .select_related("recorded_by")
        .order_by("-recorded_on", "-created_at", "-id")
    )


def current_segment(*, client) -> ClientSegment | None:
    return segments(client=client).first()


def current_segment_code(client_ref: str = "pk") -> Subquery:
    """The current segment's code of the client at ``OuterRef(client_ref)`` ("" when
    none is recorded), for lists: one subquery in the row query, not a query per row."""
    newest = ClientSegment.objects.filter(client=OuterRef(client_ref)).order_by(
        "-recorded_on", "-created_at", "-id"
    )
    return Subquery(newest.values("segment")[:1])


def periods(*, client) -> QuerySet[SituationPeriod]:
    """The client's periods: current and coming first, then ended ones, newest first."""
    return (
        SituationPeriod.objects.filter(client=client)
        .select_related("recorded_by", "organisation")
        .order_by("-starts_on", "-id")
    )


def _action_after(end_field: str):
    """A plan action of the client due after the period's ``end_field`` (not cancelled)."""
    return PlanAction.objects.filter(
        episode__client=OuterRef("client"), due_on__gt=OuterRef(end_field)
    ).exclude(status=ActionStatus.CANCELLED)


def ending_without_action(today: datetime.date, weeks: int | None = None):
    """Periods that end within ``weeks`` weeks with no plan action due after the end,
    and rejected pension decisions of the last ``weeks`` weeks with no action after."""
    weeks = attention_weeks() if weeks is None else weeks
    horizon = today + datetime.timedelta(weeks=weeks)
    ending = (
        SituationPeriod.objects.filter(ends_on__gte=today, ends_on__lte=horizon)
        .exclude(kind=PeriodKind.PENSION_REJECTED)
        .filter(~Exists(_action_after("ends_on")))
    )
    rejected = SituationPeriod.objects.filter(
        kind=PeriodKind.PENSION_REJECTED,
        starts_on__lte=today,
        starts_on__gte=today - datetime.timedelta(weeks=weeks),
    ).filter(~Exists(_action_after("starts_on")))
    return ending | rejected


def checkpoints_soon(today: datetime.date, weeks: int | None = None):
    """Sickness allowance periods with a Kela checkpoint (60, 90, 150 days) within ``weeks``."""
    weeks = attention_weeks() if weeks is None else weeks
    horizon = today + datetime.timedelta(weeks=weeks)
    window = {"gte": today, "lte": horizon}
    return SituationPeriod.objects.filter(
        Q(**{f"checkpoint_60_on__{k}": v for k, v in window.items()})
        | Q(**{f"checkpoint_90_on__{k}": v for k, v in window.items()})
        | Q(**{f"checkpoint_150_on__{k}": v for k, v in window.items()}),
        kind=PeriodKind.SICKNESS_ALLOWANCE,
    )


@dataclass
class Attention:
    """Why a client's periods need attention, for one row of the needs-attention list."""

    ending: list[SituationPeriod]
    checkpoints: list[tuple[int, datetime.date, str]]


def attention_for(client_ids: list[int], *, today: datetime.date | None = None) -> dict:
    """``{client_id: Attention}`` for the clients on one page of the list (one query)."""
    today = today or timezone.localdate()
    horizon = today + datetime.timedelta(weeks=attention_weeks())
    ending_ids = set(
        ending_without_action(today).filter(client_id__in=client_ids).values_list("pk", flat=True)
    )
    checkpoint_ids = set(
        checkpoints_soon(today).filter(client_id__in=client_ids).values_list("pk", flat=True)
    )
    found: dict[int, Attention] = {}
    rows = SituationPeriod.objects.filter(pk__in=ending_ids | checkpoint_ids).order_by(
        "ends_on", "starts_on"
    )
    for period in rows:
        entry = found.setdefault(period.client_id, Attention([], []))
        if period.pk in ending_ids:
            entry.ending.append(period)
        if period.pk in checkpoint_ids:
            entry.checkpoints += [
                (day, when, text)
                for day, when, text in period.checkpoints
                if today <= when <= horizon
            ]
    return found
