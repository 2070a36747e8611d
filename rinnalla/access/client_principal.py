"""The client as a principal of the access rule (issue 14): a client sees their own data.

Kept apart from the professionals' rule in ``policy.py`` on purpose: a signed-in
client is not a ``User`` and has no role, relationship or consent to weigh. The rule
is one line — the only client a client principal ever reaches is themself, while the
coordinator keeps their own view switched on — and, like ``policy.client_for``, every
call appends exactly one access-log entry (``by_client``), allowed or refused.

Views pass the id of the client that the requested object belongs to (found without
reading the object, as with ``client_for``); anything else is refused with 404 and
logged as refused, so another client's ids reveal nothing.
"""

from dataclasses import dataclass

from django.http import Http404

from rinnalla.access.labels import Purpose
from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import _check_part
from rinnalla.clients.models import Client

Action = AccessLogEntry.Action
Channel = AccessLogEntry.Channel

CLIENT_SELF_PURPOSE = Purpose.CLIENT_SELF


@dataclass(frozen=True)
class ClientPrincipal:
    """A client signed in to their own view, and how (``code`` or ``oidc``)."""

    client_id: int
    via: str = "code"


def _log(client: Client | None, *, action: str, part: str, channel: str, outcome: str) -> None:
    _check_part(part)
    AccessLogEntry.objects.create(
        user=None,
        username="",
        client=client,
        action=action,
        part=part[:60],
        purpose=CLIENT_SELF_PURPOSE,
        outcome=outcome,
        channel=channel,
        by_client=True,
    )


def own_client(
    principal: ClientPrincipal | None,
    *,
    part: str,
    action: str = Action.VIEW,
    channel: str = Channel.PAGE,
) -> Client:
    """The principal's own client while their own view is on, or Http404 (logged)."""
    return _decide(principal, mine=True, part=part, action=action, channel=channel)


def client_of_object(
    principal: ClientPrincipal | None,
    object_client_id: int | None,
    *,
    part: str,
    action: str = Action.VIEW,
    channel: str = Channel.PAGE,
) -> Client:
    """The principal's client if the object (e.g. a plan action) is theirs, else Http404.

    ``object_client_id`` is the client the object belongs to, None when it does not
    exist: both an unknown id and another client's id answer 404, logged as refused.
    """
    mine = principal is not None and object_client_id == principal.client_id
    return _decide(principal, mine=mine, part=part, action=action, channel=channel)


def _decide(principal, *, mine: bool, part: str, action: str, channel: str) -> Client:
    if principal is None:
        raise Http404
    # The coordinator's switch is read on every call: turning it off ends access at once.
    client = Client.objects.filter(pk=principal.client_id, portal_access__enabled=True).first()
    allowed = client is not None and mine
    if client is None:
        client = Client.objects.filter(pk=principal.client_id).first()
    _log(
        client,
        action=action,
        part=part,
        channel=channel,
        outcome=AccessLogEntry.Outcome.ALLOWED if allowed else AccessLogEntry.Outcome.REFUSED,
    )
    if not allowed:
        raise Http404
    return client
