"""Test helpers for the access rule, importable by every app's tests.

``exactly_one_log_entry()`` is the log-completeness check: every request to a URL
that reads or changes one client's data must append exactly one access-log entry.
"""

import contextlib
import datetime
from dataclasses import dataclass, field

from django.test import Client as HttpClient
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.accounts.models import ApiToken, Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent, Method, Purpose
from rinnalla.consent.services import consent_record


@dataclass
class NewEntries:
    entries: list[AccessLogEntry] = field(default_factory=list)

    @property
    def entry(self) -> AccessLogEntry:
        assert len(self.entries) == 1, self.entries
        return self.entries[0]


def _last_id() -> int:
    return AccessLogEntry.objects.order_by("-id").values_list("id", flat=True).first() or 0


@contextlib.contextmanager
def exactly_one_log_entry(what: str = "the request"):
    """Assert that the block appends exactly one access-log entry; yields the new entries."""
    before = _last_id()
    new = NewEntries()
    yield new
    new.entries = list(AccessLogEntry.objects.filter(id__gt=before).order_by("id"))
    assert len(new.entries) == 1, (
        f"{what} wrote {len(new.entries)} access-log entries, expected exactly one: "
        + ", ".join(f"{e.part}/{e.action}/{e.outcome}" for e in new.entries)
    )


def request_logs_once(web: HttpClient, method: str, url: str, **kwargs):
    """Make one request and assert it appended exactly one log entry; return (response, entry)."""
    with exactly_one_log_entry(f"{method.upper()} {url}") as new:
        response = getattr(web, method.lower())(url, **kwargs)
    return response, new.entry


def give_consent(
    *,
    actor: User,
    client: Client,
    organisations: list[Organisation],
    purpose: str = Purpose.INFORMATION_EXCHANGE,
    days_ago: int = 0,
    valid_days: int | None = None,
) -> Consent:
    given_on = timezone.localdate() - datetime.timedelta(days=days_ago)
    valid_until = given_on + datetime.timedelta(days=valid_days) if valid_days is not None else None
    return consent_record(
        actor=actor,
        client=client,
        organisations=organisations,
        purpose=purpose,
        method=Method.SIGNED_PAPER,
        given_on=given_on,
        valid_until=valid_until,
    )


def api_client(user: User) -> HttpClient:
    """An HTTP client that calls the API with a fresh bearer token of ``user``."""
    _token, raw = ApiToken.issue(user)
    return HttpClient(HTTP_AUTHORIZATION=f"Bearer {raw}", HTTP_ACCEPT_LANGUAGE="en")
