"""THE access rule: the one way in to a client's data.

Every page, API operation, PDF, export and background job that reads or changes a
client's data calls :func:`client_for` (one client) or :func:`visible_clients` with
:func:`log_list_access` (lists). Each call decides by role, relationship and consent
and appends exactly one :class:`~rinnalla.access.models.AccessLogEntry`.

The rule (SPEC §2, issue 4):
- a coordinator sees the clients of their own service (and, like a network
  professional, a client of another service whose path they take part in while a
  valid consent covers their organisation);
- a network professional sees a client only while a valid consent covers their
  organisation *and* they take part in an open client relationship (or own work that
  was kept open when it was closed: an open action, a coming meeting);
- a manager never sees personal data; an administrator manages users, not clients;
- withdrawal or expiry of the consent ends access at once (checked on every call);
- emergency access ("break-glass"): a coordinator may open any client for a short
  time with a written reason (:class:`~rinnalla.access.models.BreakGlassGrant`); it
  allows viewing only, and every look under it is flagged in the log with the reason.

Some actions belong to the client's own coordinators only (recording and withdrawing
consent, reading the access log): callers pass ``coordinator_only=True``. Others belong
to the coordinators of the service that owns a client relationship
(``coordinators_of=<service id>``), optionally also to the person responsible for a plan
action (``responsible=<user id>``). These narrower rules are decided here, in
:func:`client_for`, so that a refusal is always logged as refused; pages that only
need to know whether to offer a button ask :func:`is_service_coordinator`.

The log is private to this module: nothing else writes entries. A write that a
service authorised without a look-up through the rule (a referral that names a new
client by henkilötunnus, the client's own answers through a self-fill link) is
recorded with :func:`record_write`.

Refusals: a client the user has no connection to at all answers 404 (its existence
is not revealed); a user who takes part but lacks the right now (no consent, or a
role without client data) answers 403.
"""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from rinnalla.access.labels import Part, Purpose
from rinnalla.access.models import (
    AccessGrant,
    AccessLogEntry,
    AccessLogListing,
    BreakGlassGrant,
)
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.episodes.models import Episode, ResponsiblePerson

Action = AccessLogEntry.Action
Channel = AccessLogEntry.Channel


class AccessRefused(PermissionDenied):
    """403: the user is known to the client but may not do this now."""


# The rule is written as ``pk IN (uncorrelated subquery)`` rather than correlated
# EXISTS: OR-ed EXISTS force a probe per client row (a full scan with subplans at a
# county's 50,000 clients), while each IN-subquery is computed once and hashed.


def _coordinator_q(user: User) -> Q:
    """Registered in the user's service, or referred to it, or with a relationship there."""
    from rinnalla.referrals.models import Referral

    service = user.organisation_id
    return (
        Q(service=service)
        | Q(pk__in=Episode.objects.filter(service=service).values("client_id"))
        | Q(pk__in=Referral.objects.filter(service=service).values("client_id"))
    )


def _participation_q(user: User) -> Q:
    """The user takes part in an open client relationship of the client, or in work
    that was kept open when a relationship was closed.

    Taking part means: an active responsible person or a participant of a network
    meeting that was not cancelled, of an open relationship; the person responsible for
    a plan action that is not done or cancelled (also after the relationship was closed:
    the action was kept open, so its owner keeps seeing the client until it is done or
    cancelled); a participant of a meeting of a closed relationship that is still
    planned (not cancelled, no minutes, today or later), until it is held.
    """
    from rinnalla.plans.models import OPEN_STATUSES, MeetingParticipant, PlanAction

    closed = Episode.Status.CLOSED
    responsible = (
        ResponsiblePerson.objects.filter(professional=user, ended_at__isnull=True)
        .exclude(episode__status=closed)
        .values("episode__client_id")
    )
    meeting_participant = (
        MeetingParticipant.objects.filter(professional=user, meeting__cancelled_at__isnull=True)
        .exclude(meeting__episode__status=closed)
        .values("meeting__episode__client_id")
    )
    # Open actions count whatever the relationship's status: closing may keep them.
    action_responsible = PlanAction.objects.filter(
        responsible_professional=user, status__in=OPEN_STATUSES
    ).values("episode__client_id")
    return (
        Q(pk__in=responsible)
        | Q(pk__in=meeting_participant)
        | Q(pk__in=action_responsible)
        | Q(pk__in=_kept_meeting_clients(user))
    )


def _kept_meeting_clients(user: User) -> QuerySet:
    """Clients of closed relationships with a meeting still planned that ``user`` joins.

    Closing may keep a planned meeting; its participants keep access until the end of
    the meeting's day (the grant's ``valid_until``), or until it is held or cancelled.
    """
    from rinnalla.plans.models import MeetingParticipant

    return MeetingParticipant.objects.filter(
        professional=user,
        meeting__episode__status=Episode.Status.CLOSED,
        meeting__cancelled_at__isnull=True,
        meeting__minutes_recorded_at__isnull=True,
        meeting__starts_at__date__gte=timezone.localdate(),
    ).values("meeting__episode__client_id")


def _consent_q(user: User) -> Q:
    covering = Consent.objects.valid_now().filter(organisations=user.organisation_id)
    return Q(pk__in=covering.values("client_id"))


def _may_hold_client_data(user: User) -> bool:
    return bool(
        user.is_authenticated
        and user.is_active
        and user.organisation_id is not None
        and (user.is_coordinator or user.is_network_professional)
    )


def _grants_for(user: User, *, service_only: bool = False) -> QuerySet[AccessGrant]:
    """The user's grants in force today: the service's (coordinators) and their own."""
    service = Q(reason=AccessGrant.Reason.SERVICE, service=user.organisation_id)
    if service_only:
        return AccessGrant.objects.filter(service)
    today = timezone.localdate()
    own = Q(
        Q(valid_from__isnull=True) | Q(valid_from__lte=today),
        Q(valid_until__isnull=True) | Q(valid_until__gte=today),
        reason=AccessGrant.Reason.PARTICIPATION,
        user=user.pk,
    )
    return AccessGrant.objects.filter(service | own if user.is_coordinator else own)


def visible_clients(user: User) -> QuerySet[Client]:
    """The clients whose data ``user`` may see right now (no log entry: see list_access).

    Read from the access-grant table (``access.grants``): one indexed look-up. The
    same rule over the live tables is :func:`visible_clients_by_rule`.
    """
    if not _may_hold_client_data(user):
        return Client.objects.none()
    return Client.objects.filter(pk__in=_grants_for(user).values("client_id"))


def own_coordinator_clients(user: User) -> QuerySet[Client]:
    """The clients of the user's own service: the ones whose coordinator the user is."""
    if not (_may_hold_client_data(user) and user.is_coordinator):
        return Client.objects.none()
    return Client.objects.filter(pk__in=_grants_for(user, service_only=True).values("client_id"))


def visible_clients_by_rule(user: User) -> QuerySet[Client]:
    """:func:`visible_clients` evaluated on the live tables (slow; for verification)."""
    if not _may_hold_client_data(user):
        return Client.objects.none()
    if user.is_coordinator:
        return Client.objects.filter(
            _coordinator_q(user) | (_participation_q(user) & _consent_q(user))
        )
    return Client.objects.filter(_participation_q(user), _consent_q(user))


def own_coordinator_clients_by_rule(user: User) -> QuerySet[Client]:
    """:func:`own_coordinator_clients` evaluated on the live tables (for verification)."""
    if not (_may_hold_client_data(user) and user.is_coordinator):
        return Client.objects.none()
    return Client.objects.filter(_coordinator_q(user))


def _is_connected(user: User, client_id: int) -> bool:
    """Whether a refusal may say 403: the user takes part in the client's path."""
    if user.is_network_professional or user.is_coordinator:
        return Client.objects.filter(_participation_q(user), pk=client_id).exists()
    return user.is_manager or user.is_administrator


def _refusal_message(user: User) -> str:
    if user.is_network_professional or user.is_coordinator:
        return _(
            "You take part in this client's path, but no valid consent of the client "
            "covers your organisation. Ask the coordinator to record the consent."
        )
    return _("Your role does not give access to clients' personal data.")


def _coordinator_only_message() -> str:
    return _("Only the client's own work ability coordinator can do this.")


def _active_grant(user: User, client_id: int) -> BreakGlassGrant | None:
    if not (user.is_authenticated and user.is_active and user.is_coordinator):
        return None
    return (
        BreakGlassGrant.objects.active()
        .filter(user=user, client_id=client_id)
        .order_by("-expires_at")
        .first()
    )


def _check_part(part: str) -> None:
    """Every part written has a label (labels.Part); outside production an unknown one raises."""
    if part not in _PART_VALUES and not getattr(settings, "PRODUCTION", False):
        raise ValueError(
            f"access log part {part!r} has no label: add it to rinnalla.access.labels.Part"
        )


_PART_VALUES = frozenset(Part.values)


def _write_log(
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
    _check_part(part)
    known = user.is_authenticated
    organisation = user.organisation if known and user.organisation_id else None
    return AccessLogEntry.objects.create(
        user=user if known else None,
        username=user.get_username() if known else "",
        user_name=(user.get_full_name() or user.get_username())[:300] if known else "",
        user_role=user.role if known else "",
        organisation_name=organisation.name if organisation else "",
        client=client,
        action=action,
        part=part[:60],
        purpose=purpose[:200],
        outcome=outcome,
        channel=channel,
        break_glass=break_glass,
    )


def write_log(user: User, **kwargs) -> AccessLogEntry:
    """Deprecated: kept callable for older callers. Use :func:`record_write` or the checks."""
    return _write_log(user, **kwargs)


def record_write(
    user: User,
    *,
    client: Client,
    part: str,
    channel: str = Channel.PAGE,
    purpose: str = "",
) -> AccessLogEntry:
    """Log a change that a service authorised itself, without a look-up through the rule.

    For writes where the caller names the client rather than finds them: a referral
    that names a (possibly new) client by henkilötunnus, or the client's own answers
    through a self-fill link (``user`` is then anonymous).
    """
    return _write_log(
        user,
        client=client,
        action=Action.CHANGE,
        part=part,
        channel=channel,
        outcome=AccessLogEntry.Outcome.ALLOWED,
        purpose=purpose or _default_purpose(user),
    )


def is_service_coordinator(user: User, service_id: int | None) -> bool:
    """THE owning-service rule: ``user`` is a coordinator of the service ``service_id``.

    The coordinators of the service that owns a client relationship run its meetings,
    write its plan and assessment, and change its path; the question is asked here only.
    """
    return bool(
        service_id is not None
        and user.is_authenticated
        and user.is_active
        and user.is_coordinator
        and user.organisation_id == service_id
    )


ONLY_RESPONSIBLE = _lazy(
    "Only the person responsible for the action or the coordinator can change its status."
)
ONLY_SERVICE_COORDINATORS = _lazy(
    "Only a work ability coordinator of the client relationship's service can do this."
)


def client_for(
    user: User,
    client_id: int,
    *,
    action: str = Action.VIEW,
    part: str,
    channel: str = Channel.PAGE,
    purpose: str = "",
    coordinator_only: bool = False,
    coordinators_of: int | None = None,
    responsible: int | None = None,
) -> Client:
    """Return the client if ``user`` may do ``action`` on it now; log the attempt either way.

    Raises ``Http404`` when the user has no connection to the client (or it does not
    exist) and :class:`AccessRefused` (403) when a connected user lacks the right.
    ``coordinator_only`` limits the action to the coordinators of the client's own
    service (no consent-based or emergency access); ``coordinators_of`` (a service id)
    limits it to the coordinators of that service, e.g. the one owning the relationship,
    and ``responsible`` (a user id) lets that one person in as well (the person
    responsible for a plan action). Either way a refusal is logged as refused.
    """
    purpose = purpose or _default_purpose(user)
    if coordinators_of is not None or responsible is not None:
        narrower = is_service_coordinator(user, coordinators_of) or (
            responsible is not None and user.is_authenticated and user.pk == responsible
        )
        if not narrower:
            return _refuse_narrower(
                user,
                client_id,
                action=action,
                part=part,
                channel=channel,
                purpose=purpose,
                message=ONLY_RESPONSIBLE if responsible is not None else ONLY_SERVICE_COORDINATORS,
            )
    allowed = own_coordinator_clients(user) if coordinator_only else visible_clients(user)
    client = allowed.filter(pk=client_id).first()
    if client is not None:
        _write_log(
            user,
            client=client,
            action=action,
            part=part,
            channel=channel,
            outcome=AccessLogEntry.Outcome.ALLOWED,
            purpose=purpose,
        )
        return client
    grant = _active_grant(user, client_id)
    if grant is not None and action == Action.VIEW and not coordinator_only:
        client = Client.objects.get(pk=client_id)
        _write_log(
            user,
            client=client,
            action=action,
            part=part,
            channel=channel,
            outcome=AccessLogEntry.Outcome.ALLOWED,
            purpose=grant.reason,
            break_glass=True,
        )
        return client
    existing = Client.objects.filter(pk=client_id).first()
    _write_log(
        user,
        client=existing,
        action=action,
        part=part,
        channel=channel,
        outcome=AccessLogEntry.Outcome.REFUSED,
        purpose=grant.reason if grant is not None else purpose,
        break_glass=grant is not None,
    )
    if existing is None or not user.is_authenticated:
        raise Http404
    if coordinator_only and visible_clients(user).filter(pk=client_id).exists():
        raise AccessRefused(_coordinator_only_message())
    if grant is not None:
        raise AccessRefused(
            _coordinator_only_message()
            if coordinator_only
            else _("Emergency access allows viewing only.")
        )
    if _is_connected(user, client_id):
        raise AccessRefused(_refusal_message(user))
    raise Http404


def _refuse_narrower(
    user: User, client_id: int, *, action: str, part: str, channel: str, purpose: str, message
):
    """Log and refuse an action reserved to others (another service's coordinators,
    the person responsible for an action): 403 to whoever may see or takes part in the
    client's path, 404 to anyone else."""
    existing = Client.objects.filter(pk=client_id).first()
    _write_log(
        user,
        client=existing,
        action=action,
        part=part,
        channel=channel,
        outcome=AccessLogEntry.Outcome.REFUSED,
        purpose=purpose,
    )
    if existing is None or not user.is_authenticated:
        raise Http404
    if not can_see_client_data(user):
        raise AccessRefused(_refusal_message(user))
    if visible_clients(user).filter(pk=client_id).exists() or _is_connected(user, client_id):
        raise AccessRefused(str(message))
    raise Http404


BREAK_GLASS_PART = Part.BREAK_GLASS
BREAK_GLASS_MIN_REASON = 10


def break_glass_client(user: User, client_id: int, *, channel: str = Channel.PAGE) -> Client:
    """The client a coordinator is about to open in an emergency (nothing shown yet).

    Anyone else is refused, and the refusal is logged like any refused access.
    """
    client = Client.objects.filter(pk=client_id).first()
    if (
        user.is_authenticated
        and user.is_active
        and user.is_coordinator
        and user.organisation_id is not None
        and client is not None
    ):
        return client
    _write_log(
        user,
        client=client,
        action=Action.VIEW,
        part=BREAK_GLASS_PART,
        channel=channel,
        outcome=AccessLogEntry.Outcome.REFUSED,
        purpose=_default_purpose(user),
    )
    if client is None or not user.is_authenticated:
        raise Http404
    raise AccessRefused(_("Only work ability coordinators can use emergency access."))


def break_glass_open(
    user: User, client_id: int, *, reason: str, channel: str = Channel.PAGE
) -> BreakGlassGrant:
    """Give a coordinator time-boxed emergency access to one client, with a written reason.

    Writes one flagged access-log entry; every later look under the grant is flagged
    too (see :func:`client_for`).
    """
    client = break_glass_client(user, client_id, channel=channel)
    reason = " ".join((reason or "").split())
    if len(reason) < BREAK_GLASS_MIN_REASON:
        raise ValidationError(
            {
                "reason": _(
                    "Write the reason for the emergency access (at least %(count)d characters)."
                )
                % {"count": BREAK_GLASS_MIN_REASON}
            }
        )
    now = timezone.now()
    with transaction.atomic():  # not around the refusal above: a refusal stays logged
        grant = BreakGlassGrant.objects.create(
            user=user,
            client=client,
            reason=reason[:200],
            created_at=now,
            expires_at=now + datetime.timedelta(minutes=settings.RINNALLA_BREAK_GLASS_MINUTES),
        )
        _write_log(
            user,
            client=client,
            action=Action.VIEW,
            part=BREAK_GLASS_PART,
            channel=channel,
            outcome=AccessLogEntry.Outcome.ALLOWED,
            purpose=grant.reason,
            break_glass=True,
        )
    return grant


def log_list_access(
    user: User, *, part: str, channel: str = Channel.PAGE, purpose: str = ""
) -> AccessLogEntry:
    """Log one look at a list of clients (names and masked codes of many clients)."""
    return _write_log(
        user,
        client=None,
        action=Action.VIEW,
        part=part,
        channel=channel,
        outcome=AccessLogEntry.Outcome.ALLOWED,
        purpose=purpose or _default_purpose(user),
    )


def list_access(
    user: User,
    *,
    part: str,
    channel: str = Channel.PAGE,
    purpose: str = "",
    coordinators_only: bool = False,
) -> AccessLogEntry:
    """The one check for a list of clients' data: one log entry, refused or allowed.

    Roles without client data (manager, administrator) get :class:`AccessRefused`, and
    so does everyone but coordinators for a coordinators' list (queue, cracks). Returns
    the entry: pass it to :func:`log_shown` with the clients the list showed.
    """
    allowed = can_see_client_data(user) and (user.is_coordinator or not coordinators_only)
    if not allowed or user.organisation_id is None:
        _write_log(
            user,
            client=None,
            action=Action.VIEW,
            part=part,
            channel=channel,
            outcome=AccessLogEntry.Outcome.REFUSED,
            purpose=purpose or _default_purpose(user),
        )
        raise AccessRefused(
            _("Only work ability coordinators see this list.")
            if coordinators_only and can_see_client_data(user)
            else _("Your role does not give access to clients' personal data.")
        )
    return log_list_access(user, part=part, channel=channel, purpose=purpose)


def log_shown(entry: AccessLogEntry | None, client_ids) -> None:
    """Record which clients a list or search result (``entry``) showed, in one insert.

    The client's "who has seen my data" then lists the look as "appeared in a list or
    search result".
    """
    ids = sorted({int(pk) for pk in client_ids if pk is not None})
    if entry is None or not ids:
        return
    # One INSERT statement: bulk_create would wrap it in BEGIN … COMMIT (3 queries).
    table = connection.ops.quote_name(AccessLogListing._meta.db_table)
    values = ", ".join(["(%s, %s)"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (entry_id, client_id) VALUES {values}",  # noqa: S608
            [value for pk in ids for value in (entry.pk, pk)],
        )


def can_see_client_data(user: User) -> bool:
    return user.is_authenticated and (user.is_coordinator or user.is_network_professional)


def _default_purpose(user: User) -> str:
    return Purpose.CLIENT_WORK if user.is_authenticated and not user.is_manager else ""


def may_see_protected_details(user: User, client: Client) -> bool:
    """Turvakielto: a client's address, phone and e-mail are for their own coordinators.

    Everyone else who may see the client (network professionals, another service's
    coordinator under consent or emergency access) sees the client without them.
    """
    if not client.non_disclosure:
        return True
    return own_coordinator_clients(user).filter(pk=client.pk).exists()


def protected_view(user: User, client: Client) -> Client:
    """The client as ``user`` may see them: without contact details under turvakielto."""
    if may_see_protected_details(user, client):
        return client
    return client.without_protected_details()
