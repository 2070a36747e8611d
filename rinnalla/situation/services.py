"""Every write of the client's situation: segments and benefit or status periods."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rinnalla.accounts.models import User
from rinnalla.situation.models import (
    SICKNESS_ALLOWANCE_MAX_DAYS,
    ClientSegment,
    PeriodKind,
    Segment,
    SituationPeriod,
)


@transaction.atomic
def segment_record(
    *,
    actor: User,
    client,
    segment: str,
    reason: str,
    recorded_on: datetime.date | None = None,
) -> ClientSegment:
    """Record the client's segment now (the earlier ones stay as its history)."""
    reason = (reason or "").strip()
    errors = {}
    if segment not in Segment.values:
        errors["segment"] = _("Choose one of the segments.")
    if not reason:
        errors["reason"] = _("Write why the client is in this segment.")
    recorded_on = recorded_on or timezone.localdate()
    if recorded_on > timezone.localdate():
        errors["recorded_on"] = _("The date cannot be in the future.")
    if errors:
        raise ValidationError(errors)
    return ClientSegment.objects.create(
        client=client,
        segment=segment,
        reason=reason[:2000],
        recorded_on=recorded_on,
        recorded_by=actor,
    )


@transaction.atomic
def period_record(
    *,
    actor: User,
    client,
    kind: str,
    starts_on: datetime.date,
    ends_on: datetime.date | None = None,
    days_before: int = 0,
    note: str = "",
) -> SituationPeriod:
    """Record a benefit or status period; sickness allowance gets Kela's checkpoints."""
    errors = {}
    if kind not in PeriodKind.values:
        errors["kind"] = _("Choose one of the kinds.")
    if ends_on is not None and starts_on is not None and ends_on < starts_on:
        errors["ends_on"] = _("The end cannot be before the start.")
    if days_before and kind != PeriodKind.SICKNESS_ALLOWANCE:
        errors["days_before"] = _("Days paid before are for sickness allowance only.")
    if not 0 <= (days_before or 0) < SICKNESS_ALLOWANCE_MAX_DAYS:
        errors["days_before"] = _("Write a number from 0 to %(max)s.") % {
            "max": SICKNESS_ALLOWANCE_MAX_DAYS - 1
        }
    if errors:
        raise ValidationError(errors)
    period = SituationPeriod(
        client=client,
        kind=kind,
        starts_on=starts_on,
        ends_on=ends_on,
        days_before=days_before or 0,
        note=(note or "").strip()[:2000],
        recorded_by=actor,
        organisation=actor.organisation,
    )
    period.compute_checkpoints()
    period.save()
    return period


@transaction.atomic
def period_end(*, actor: User, period: SituationPeriod, ends_on: datetime.date) -> SituationPeriod:
    """Set or correct the period's end (e.g. sickness allowance ended early)."""
    if ends_on < period.starts_on:
        raise ValidationError({"ends_on": _("The end cannot be before the start.")})
    period.ends_on = ends_on
    period.compute_checkpoints()
    period.save(
        update_fields=["ends_on", "checkpoint_60_on", "checkpoint_90_on", "checkpoint_150_on"]
    )
    return period
