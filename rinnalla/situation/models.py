"""The client's situation for decision support: the segment and the transition points.

- :class:`ClientSegment` — *asiakkuussegmentointi* (004 KUVA 1, after THL's work
  ability programme): self-service, community, network and cooperation clients, recorded
  with the date, the reason and who; the newest row is the current segment and the
  earlier ones are its history.
- :class:`SituationPeriod` — the benefit and status periods that matter for work
  ability (*nivelvaiheet*, 004: "sairauslomalla, kuntoutustuella sekä eläkkeen
  hylkäämispäätöksen saaneiden"): sickness allowance with its day count and Kela's
  60-, 90- and 150-day checkpoints, rehabilitation subsidy, a rejected pension, the end
  of unemployment benefit, the end of a work trial.
"""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Segment(models.TextChoices):
    SELF_SERVICE = "self_service", _("Self-service client")
    COMMUNITY = "community", _("Community client")
    NETWORK = "network", _("Network client")
    COOPERATION = "cooperation", _("Cooperation client")


SEGMENT_HELP = {
    Segment.SELF_SERVICE: _("Manages with information and digital services."),
    Segment.COMMUNITY: _("Needs the support of a community, peers or an NGO."),
    Segment.NETWORK: _("Needs services of a few professionals who work together."),
    Segment.COOPERATION: _(
        "Needs the multi-professional network's coordinated support (most partially "
        "work-able clients)."
    ),
}


class ClientSegment(models.Model):
    """One recorded segment of a client; the newest is the current one."""

    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    segment = models.CharField(_("segment"), max_length=20, choices=Segment.choices)
    reason = models.TextField(_("reason"))
    recorded_on = models.DateField(_("date"), default=timezone.localdate)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client", "-recorded_on", "-created_at", "-id"]
        verbose_name = _("client segment")
        verbose_name_plural = _("client segments")
        indexes = [
            models.Index(
                fields=["client", "-recorded_on", "-created_at"], name="segment_client_idx"
            )
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.segment}"


class PeriodKind(models.TextChoices):
    SICKNESS_ALLOWANCE = "sickness_allowance", _("Sickness allowance")
    REHABILITATION_SUBSIDY = "rehabilitation_subsidy", _("Rehabilitation subsidy")
    PENSION_REJECTED = "pension_rejected", _("Pension application rejected")
    UNEMPLOYMENT_BENEFIT = "unemployment_benefit", _("Unemployment benefit")
    WORK_TRIAL = "work_trial", _("Work trial")
    OTHER = "other", _("Other")


# Kela's checkpoints of sickness allowance (paid days): by day 60 Kela tells the
# employer and occupational health care; by day 90 the occupational physician's
# statement on the remaining work ability must reach Kela; at day 150 Kela assesses the
# need for rehabilitation and advises on applying for a pension. 300 days is the most.
CHECKPOINTS = (60, 90, 150)
SICKNESS_ALLOWANCE_MAX_DAYS = 300

CHECKPOINT_TEXT = {
    60: _(
        "Day 60: Kela informs the employer and occupational health care; plan the return to work."
    ),
    90: _(
        "Day 90: the occupational physician's statement on the remaining work ability "
        "must reach Kela."
    ),
    150: _(
        "Day 150: Kela assesses the need for rehabilitation and advises on applying for a "
        "rehabilitation subsidy or pension."
    ),
}


def paid_days_between(start: datetime.date, end: datetime.date) -> int:
    """Sickness allowance days from ``start`` to ``end`` inclusive: Monday to Saturday.

    Public holidays are not subtracted, so a checkpoint may come a day or two early: an
    early warning, never a late one.
    """
    if end < start:
        return 0
    days = (end - start).days + 1
    weeks, rest = divmod(days, 7)
    count = weeks * 6
    for offset in range(rest):
        if (start + datetime.timedelta(days=weeks * 7 + offset)).weekday() != 6:
            count += 1
    return count


def date_of_paid_day(start: datetime.date, day_number: int) -> datetime.date:
    """The date on which the ``day_number``-th paid day (counting from 1 at ``start``) falls."""
    if day_number <= 0:
        return start
    weeks, rest = divmod(day_number - 1, 6)
    current = start + datetime.timedelta(weeks=weeks)
    counted = 0
    while True:
        if current.weekday() != 6:
            if counted == rest:
                return current
            counted += 1
        current += datetime.timedelta(days=1)


class SituationPeriod(models.Model):
    """One benefit or status period of a client (a transition point, *nivelvaihe*)."""

    client = models.ForeignKey(
        "clients.Client", verbose_name=_("client"), on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PeriodKind.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    days_before = models.PositiveSmallIntegerField(
        _("sickness allowance days paid before this period"),
        default=0,
        help_text=_(
            "Days already paid for the same illness, for Kela's 60-, 90- and 150-day checkpoints."
        ),
    )
    note = models.TextField(_("note"), blank=True)
    # Computed when saved (sickness allowance only), so lists can filter on them.
    checkpoint_60_on = models.DateField(null=True, blank=True)
    checkpoint_90_on = models.DateField(null=True, blank=True)
    checkpoint_150_on = models.DateField(null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["client", "-starts_on", "-id"]
        verbose_name = _("benefit or status period")
        verbose_name_plural = _("benefit and status periods")
        indexes = [
            models.Index(fields=["client", "-starts_on"], name="period_client_idx"),
            models.Index(fields=["ends_on"], name="period_ends_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="period_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} {self.kind} {self.starts_on}"

    def checkpoint_date(self, day: int) -> datetime.date | None:
        if self.kind != PeriodKind.SICKNESS_ALLOWANCE or day <= self.days_before:
            return None
        return date_of_paid_day(self.starts_on, day - self.days_before)

    def compute_checkpoints(self) -> None:
        for day in CHECKPOINTS:
            when = self.checkpoint_date(day)
            if when is not None and self.ends_on is not None and when > self.ends_on:
                when = None
            setattr(self, f"checkpoint_{day}_on", when)

    def paid_days_on(self, day: datetime.date) -> int | None:
        """Sickness allowance days paid by ``day`` (including days before this period)."""
        if self.kind != PeriodKind.SICKNESS_ALLOWANCE:
            return None
        last = min(day, self.ends_on) if self.ends_on else day
        return self.days_before + paid_days_between(self.starts_on, last)

    def is_current(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)

    @property
    def checkpoints(self) -> list[tuple[int, datetime.date, str]]:
        return [
            (day, getattr(self, f"checkpoint_{day}_on"), CHECKPOINT_TEXT[day])
            for day in CHECKPOINTS
            if getattr(self, f"checkpoint_{day}_on")
        ]
