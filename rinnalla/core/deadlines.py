"""The service's target time from referral to first contact."""

import datetime
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class FirstContactStatus:
    due_on: datetime.date
    days_left: int  # negative when overdue
    contacted_at: datetime.datetime | None

    @property
    def is_done(self) -> bool:
        return self.contacted_at is not None

    @property
    def is_overdue(self) -> bool:
        return not self.is_done and self.days_left < 0

    @property
    def days_overdue(self) -> int:
        return -self.days_left


def first_contact_status(
    *,
    clock_starts_on: datetime.date,
    contacted_at: datetime.datetime | None,
    today: datetime.date,
) -> FirstContactStatus:
    due_on = clock_starts_on + datetime.timedelta(days=settings.RINNALLA_FIRST_CONTACT_TARGET_DAYS)
    return FirstContactStatus(
        due_on=due_on, days_left=(due_on - today).days, contacted_at=contacted_at
    )
