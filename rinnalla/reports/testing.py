"""Test helpers for the reports, importable by every app's tests."""

import datetime

from django.utils import timezone


def month_ago(offset: int) -> datetime.date:
    """The first day of the month ``offset`` months before this one (0: this month)."""
    month = timezone.localdate().replace(day=1)
    for _i in range(offset):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month
