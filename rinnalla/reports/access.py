"""Who sees which reports: through the access app's aggregate view (logged, no client)."""

from rinnalla.access.aggregate import aggregate_view
from rinnalla.accounts.models import User


def report_access(user: User, name: str, *, channel: str) -> list[int] | None:
    """Log the report request; return the services ``user`` may see (None: all) or 403."""
    return aggregate_view(user, part=f"report:{name}", channel=channel)
