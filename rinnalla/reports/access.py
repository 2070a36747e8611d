"""Who sees which reports, and the access-log entry of every report request.

Managers and administrators see every service; a coordinator sees the figures of their
own service; network professionals see none. A report shows no client, so its entry in
the access log names none: it is an aggregate view (``part="report:<name>"``).
"""

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import AccessRefused, write_log
from rinnalla.accounts.models import User

AGGREGATE_PURPOSE = "aggregate_report"


def may_see_reports(user: User) -> bool:
    return user.is_authenticated and (
        user.is_manager
        or user.is_administrator
        or (user.is_coordinator and user.organisation_id is not None)
    )


def report_services(user: User) -> list[int] | None:
    """The services whose figures ``user`` may see: None means all."""
    if user.is_manager or user.is_administrator:
        return None
    return [user.organisation_id]


def report_access(user: User, name: str, *, channel: str) -> list[int] | None:
    """Log the request (allowed or refused); return the services, or raise 403."""
    allowed = may_see_reports(user)
    write_log(
        user,
        client=None,
        action=AccessLogEntry.Action.VIEW,
        part=f"report:{name}",
        channel=channel,
        outcome=AccessLogEntry.Outcome.ALLOWED if allowed else AccessLogEntry.Outcome.REFUSED,
        purpose=AGGREGATE_PURPOSE,
    )
    if not allowed:
        raise AccessRefused("Reports are for managers, administrators and coordinators.")
    return report_services(user)
