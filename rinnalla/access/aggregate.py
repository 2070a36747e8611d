"""Aggregate views: reports that show figures, never a client (issue 13).

A report request is still a look at the network's data, so it is logged — as an
aggregate view: one entry with no client, ``part="report:<name>"`` and purpose
``aggregate_report``, allowed or refused. Managers and administrators see every
service, a coordinator their own service; network professionals none.
"""

from django.utils.translation import gettext as _

from rinnalla.access.labels import Purpose
from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import AccessRefused, _write_log
from rinnalla.accounts.models import User


def may_see_aggregates(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and (
            user.is_manager
            or user.is_administrator
            or (user.is_coordinator and user.organisation_id is not None)
        )
    )


def aggregate_services(user: User) -> list[int] | None:
    """The services whose figures ``user`` may see; None means every service."""
    if user.is_manager or user.is_administrator:
        return None
    return [user.organisation_id]


def aggregate_view(user: User, *, part: str, channel: str) -> list[int] | None:
    """Log one aggregate view (allowed or refused); return the services, or raise 403."""
    allowed = may_see_aggregates(user)
    _write_log(
        user,
        client=None,
        action=AccessLogEntry.Action.VIEW,
        part=part,
        channel=channel,
        outcome=AccessLogEntry.Outcome.ALLOWED if allowed else AccessLogEntry.Outcome.REFUSED,
        purpose=Purpose.AGGREGATE_REPORT,
    )
    if not allowed:
        raise AccessRefused(
            _("Reports are for managers, administrators and work ability coordinators.")
        )
    return aggregate_services(user)
