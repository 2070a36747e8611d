"""Rollups for the service owner's reports: counts per day × service × dimension.

The reports never read client rows at request time; they sum these rows. A django-tasks
job (``reports.tasks.refresh_rollups``) recomputes the days touched since the last run,
and the whole table nightly. ``RollupState`` says when the figures were computed
("data as of").
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DailyCount(models.Model):
    """How many (``count``) and how much (``total``: minutes, days…) of one metric on one day.

    ``key`` is the category (a referral source, an outcome, a number of days…);
    ``organisation_id`` and ``coordinator_id`` are the optional breakdowns (the referring
    organisation or the organisation taking part; the coordinator who did the work).
    No client is ever named.
    """

    day = models.DateField()
    service_id = models.BigIntegerField()
    organisation_id = models.BigIntegerField(null=True)
    coordinator_id = models.BigIntegerField(null=True)
    metric = models.CharField(max_length=30)
    key = models.CharField(max_length=60)
    count = models.IntegerField()
    total = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["metric", "day", "service_id"], name="dailycount_report_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.day} {self.metric}:{self.key} {self.count}"


class MonthlyCount(models.Model):
    """DailyCount summed per month: what the reports read (their periods are whole months).

    Rebuilt from DailyCount for the months a refresh touched, so a year's report sums a
    few thousand rows instead of hundreds of thousands.
    """

    month = models.DateField()  # the first day of the month
    service_id = models.BigIntegerField()
    organisation_id = models.BigIntegerField(null=True)
    coordinator_id = models.BigIntegerField(null=True)
    metric = models.CharField(max_length=30)
    key = models.CharField(max_length=60)
    count = models.IntegerField()
    total = models.BigIntegerField(default=0)

    class Meta:
        indexes = [
            models.Index(fields=["metric", "month", "service_id"], name="monthlycount_report_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.month:%m/%Y} {self.metric}:{self.key} {self.count}"


class RollupState(models.Model):
    """One row: when the rollups were last brought up to date, and from what."""

    refreshed_at = models.DateTimeField(null=True)
    full_refreshed_at = models.DateTimeField(null=True)
    requested_at = models.DateTimeField(null=True)
    # The highest ids already counted: new path events and measurements are found by
    # their primary key (indexed) rather than by an unindexed created_at.
    event_id_mark = models.BigIntegerField(default=0)
    measurement_id_mark = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("report data state")

    def __str__(self) -> str:
        return f"{self.refreshed_at}"
