"""The login lock-out (django-axes): by username and address together, and by username.

- A (username, address) pair is locked after ``LOGIN_FAILURE_LIMIT`` failures: typos under
  one name never lock the other people behind the same address (a health centre's NAT).
- A username is locked after ``LOGIN_USERNAME_FAILURE_LIMIT`` failures from any addresses
  together (higher), so that guessing one person's password from many addresses stops too.
- A successful login clears only that user's own pair: logging in with one's own account
  does not erase the failures recorded against someone else's.

Axes compares one failure count with one limit; :meth:`LockoutHandler.get_failures`
reports the pair's count, or the limit itself once the username's own limit is reached.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


class LockoutHandler(AxesDatabaseHandler):
    def _username_failures(self, request, credentials) -> int:
        username = get_client_username(request, credentials)
        if not username:
            return 0
        attempts = AccessAttempt.objects.filter(username=username)
        if settings.AXES_COOLOFF_TIME is not None:
            attempts = attempts.filter(attempt_time__gte=get_cool_off_threshold(request))
        return attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0

    def get_failures(self, request, credentials=None) -> int:
        pair = super().get_failures(request, credentials)
        if self._username_failures(request, credentials) >= settings.RINNALLA_LOGIN_USERNAME_LIMIT:
            return max(pair, settings.AXES_FAILURE_LIMIT)
        return pair
