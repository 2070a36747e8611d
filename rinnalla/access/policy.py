"""THE access rule: the one way in to a client's data.

Every page, API operation, PDF, export and background job that reads or changes a
client's data calls :func:`client_for` (one client) or :func:`visible_clients` with
:func:`log_list_access` (lists). Each call decides by role, relationship and consent
and appends exactly one :class:`~rinnalla.access.models.AccessLogEntry`.

The rule (SPEC §2):
- a coordinator sees the clients of their own service;
- a network professional sees a client only while a valid consent covers their
  organisation *and* they take part in an open client relationship;
- a manager never sees personal data; an administrator manages users, not clients.

Refusals: a client the user has no connection to at all answers 404 (its existence
is not revealed); a user who takes part but lacks the right now (no consent, or a
role without client data) answers 403.
"""

from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from rinnalla.access.models import AccessLogEntry
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.episodes.models import Episode, ResponsiblePerson

Action = AccessLogEntry.Action
Channel = AccessLogEntry.Channel


class AccessRefused(PermissionDenied):
    """403: the user is known to the client but may not do this now."""


def _coordinator_q(user: User) -> Q:
    own_service_episode = Episode.objects.filter(client=OuterRef("pk"), service=user.organisation_id)
    return Q(service=user.organisation_id) | Q(Exists(own_service_episode))


def _participation_q(user: User) -> Q:
    """The user takes part in an open client relationship of the client."""
    responsible = ResponsiblePerson.objects.filter(
        episode__client=OuterRef("pk"), professional=user, ended_at__isnull=True
    ).exclude(episode__status=Episode.Status.CLOSED)
    return Q(Exists(responsible))


def _consent_q(user: User) -> Q:
    covering = Consent.objects.valid_now().filter(
        client=OuterRef("pk"), organisations=user.organisation_id
    )
    return Q(Exists(covering))


def visible_clients(user: User) -> QuerySet[Client]:
    """The clients whose data ``user`` may see right now (no log entry: see log_list_access)."""
    if not user.is_authenticated or not user.is_active or user.organisation_id is None:
        return Client.objects.none()
    if user.is_coordinator:
        return Client.objects.filter(_coordinator_q(user))
    if user.is_network_professional:
        return Client.objects.filter(_participation_q(user), _consent_q(user))
    return Client.objects.none()


def _is_connected(user: User, client_id: int) -> bool:
    """Whether a refusal may say 403: the user takes part in the client's path."""
    if user.is_network_professional:
        return Client.objects.filter(_participation_q(user), pk=client_id).exists()
    return user.is_manager or user.is_administrator


def _refusal_message(user: User) -> str:
    if user.is_network_professional:
        return _(
            "You take part in this client's path, but no valid consent of the client "
            "covers your organisation. Ask the coordinator to record the consent."
        )
    return _("Your role does not give access to clients' personal data.")


def write_log(
    user: User,
    *,
    client: Client | None,
    action: str,
    part: str,
    channel: str,
    outcome: str,
    purpose: str = "",
    break_glass: bool = False,
) -> AccessLogEntry:
    return AccessLogEntry.objects.create(
        user=user if user.is_authenticated else None,
        username=user.get_username() if user.is_authenticated else "",
        client=client,
        action=action,
        part=part[:60],
        purpose=purpose[:200],
        outcome=outcome,
        channel=channel,
        break_glass=break_glass,
    )


def client_for(
    user: User,
    client_id: int,
    *,
    action: str = Action.VIEW,
    part: str,
    channel: str = Channel.PAGE,
    purpose: str = "",
) -> Client:
    """Return the client if ``user`` may do ``action`` on it now; log the attempt either way.

    Raises ``Http404`` when the user has no connection to the client (or it does not
    exist) and :class:`AccessRefused` (403) when a connected user lacks the right.
    """
    purpose = purpose or _default_purpose(user)
    client = visible_clients(user).filter(pk=client_id).first()
    if client is not None:
        write_log(user, client=client, action=action, part=part, channel=channel,
                  outcome=AccessLogEntry.Outcome.ALLOWED, purpose=purpose)
        return client
    existing = Client.objects.filter(pk=client_id).first()
    write_log(user, client=existing, action=action, part=part, channel=channel,
              outcome=AccessLogEntry.Outcome.REFUSED, purpose=purpose)
    if existing is not None and user.is_authenticated and _is_connected(user, client_id):
        raise AccessRefused(_refusal_message(user))
    raise Http404


def log_list_access(user: User, *, part: str, channel: str = Channel.PAGE,
                    purpose: str = "") -> None:
    """Log one look at a list of clients (names and masked codes of many clients)."""
    write_log(user, client=None, action=Action.VIEW, part=part, channel=channel,
              outcome=AccessLogEntry.Outcome.ALLOWED, purpose=purpose or _default_purpose(user))


def can_see_client_data(user: User) -> bool:
    return user.is_authenticated and (user.is_coordinator or user.is_network_professional)


def _default_purpose(user: User) -> str:
    return "client_work" if user.is_authenticated and not user.is_manager else ""
