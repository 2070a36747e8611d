"""The access-grant table: the access rule precomputed, so that "which clients may this
user see" is one indexed look-up instead of OR-ed subqueries on every request.

The rule itself stays written once, in :func:`expected_grants` (for any set of clients)
and in ``policy.visible_clients_by_rule`` (the same rule as a query over the live
tables, kept for the verification and the property test). The table is kept current
by :func:`refresh`, called from the model signals in ``access.signals`` whenever
something the rule reads changes (a client's service, a relationship, a referral, a
responsible person, a meeting participant, a meeting's cancellation, an action, a
consent, a user's organisation) — in the same transaction as the change. Consent
dates are stored on the grant and compared with today's date when read, so expiry
needs no job; withdrawal changes the consent and refreshes at once.

``manage.py rebuild_access_grants`` rebuilds the whole table (after bulk loads such as
``generate_synthetic``) and ``--verify`` compares it with the rule user by user.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable

from django.apps import apps as live_apps
from django.db import transaction
from django.utils import timezone

SERVICE = "service"
PARTICIPATION = "participation"
CLOSED = "closed"
OPEN_ACTION_STATUSES = ("planned", "in_progress")

#: (reason, service id, user id, valid from, valid until, client id)
Grant = tuple[str, int | None, int | None, datetime.date | None, datetime.date | None, int]


def _model(apps, label: str):
    return apps.get_model(*label.split("."))


def _open_action_statuses():
    try:
        from rinnalla.plans.models import OPEN_STATUSES

        return tuple(OPEN_STATUSES)
    except ImportError:  # pragma: no cover - during early migrations
        return OPEN_ACTION_STATUSES


def expected_grants(client_ids: Iterable[int], *, apps=live_apps) -> set[Grant]:
    """The grants the rule gives for these clients, computed from the live tables."""
    ids = sorted(set(client_ids))
    if not ids:
        return set()
    Client = _model(apps, "clients.Client")
    Episode = _model(apps, "episodes.Episode")
    Referral = _model(apps, "referrals.Referral")
    ResponsiblePerson = _model(apps, "episodes.ResponsiblePerson")
    MeetingParticipant = _model(apps, "plans.MeetingParticipant")
    PlanAction = _model(apps, "plans.PlanAction")
    Consent = _model(apps, "consent.Consent")
    User = _model(apps, "accounts.User")

    grants: set[Grant] = set()
    # Service grants: registered in the service, or a relationship or referral there.
    for client_id, service_id in Client.objects.filter(pk__in=ids).values_list("pk", "service"):
        if service_id is not None:
            grants.add((SERVICE, service_id, None, None, None, client_id))
    for model in (Episode, Referral):
        for client_id, service_id in (
            model.objects.filter(client__in=ids).values_list("client", "service").distinct()
        ):
            grants.add((SERVICE, service_id, None, None, None, client_id))

    # Participation in an open client relationship (a cancelled meeting gives none).
    # A bound (a date) ends a grant earlier than the consent does; None leaves the
    # consent's end.
    participants: set[tuple[int, int]] = set()
    participants.update(
        ResponsiblePerson.objects.filter(episode__client__in=ids, ended_at__isnull=True)
        .exclude(episode__status=CLOSED)
        .values_list("professional", "episode__client")
    )
    participants.update(
        MeetingParticipant.objects.filter(
            meeting__episode__client__in=ids,
            meeting__cancelled_at__isnull=True,
            professional__isnull=False,
        )
        .exclude(meeting__episode__status=CLOSED)
        .values_list("professional", "meeting__episode__client")
    )
    participants.update(
        PlanAction.objects.filter(
            episode__client__in=ids,
            responsible_professional__isnull=False,
            status__in=_open_action_statuses(),
        ).values_list("responsible_professional", "episode__client")  # closed or not: kept open
    )
    bounds: dict[tuple[int, int], set[datetime.date | None]] = defaultdict(set)
    for participant in participants:
        bounds[participant].add(None)
    # A meeting still planned in a closed relationship (kept when it was closed): its
    # participants keep access until the end of the meeting's day, or until it is held
    # or cancelled (a Meeting save refreshes the grants).
    for user_id, client_id, starts_at in MeetingParticipant.objects.filter(
        meeting__episode__client__in=ids,
        meeting__episode__status=CLOSED,
        meeting__cancelled_at__isnull=True,
        meeting__minutes_recorded_at__isnull=True,
        professional__isnull=False,
    ).values_list("professional", "meeting__episode__client", "meeting__starts_at"):
        bounds[(user_id, client_id)].add(timezone.localtime(starts_at).date())
    if not bounds:
        return grants
    organisation_of = dict(
        User.objects.filter(pk__in={user for user, _client in bounds}).values_list(
            "pk", "organisation"
        )
    )
    # Consents not withdrawn, by client and covered organisation, with their dates.
    periods: dict[tuple[int, int], set] = defaultdict(set)
    for client_id, organisation_id, given_on, valid_until in Consent.objects.filter(
        client__in=ids, withdrawn_at__isnull=True
    ).values_list("client", "organisations", "given_on", "valid_until"):
        if organisation_id is not None:
            periods[(client_id, organisation_id)].add((given_on, valid_until))
    for (user_id, client_id), ends in bounds.items():
        organisation_id = organisation_of.get(user_id)
        for valid_from, valid_until in periods.get((client_id, organisation_id), ()):
            for end in ends:
                until = valid_until if end is None else _earlier(valid_until, end)
                if valid_from is not None and until is not None and until < valid_from:
                    continue  # never in force
                grants.add((PARTICIPATION, None, user_id, valid_from, until, client_id))
    return grants


def _earlier(a: datetime.date | None, b: datetime.date) -> datetime.date:
    return b if a is None else min(a, b)


def _stored(client_ids: list[int], *, apps=live_apps) -> dict[Grant, list[int]]:
    AccessGrant = _model(apps, "access.AccessGrant")
    stored: dict[Grant, list[int]] = defaultdict(list)
    for pk, *grant in AccessGrant.objects.filter(client__in=client_ids).values_list(
        "pk", "reason", "service", "user", "valid_from", "valid_until", "client"
    ):
        stored[tuple(grant)].append(pk)
    return stored


def _new_grant(AccessGrant, grant: Grant):
    reason, service_id, user_id, valid_from, valid_until, client_id = grant
    return AccessGrant(
        reason=reason,
        service_id=service_id,
        user_id=user_id,
        valid_from=valid_from,
        valid_until=valid_until,
        client_id=client_id,
    )


def refresh(client_ids: Iterable[int], *, apps=live_apps) -> None:
    """Bring the grants of these clients in line with the rule (in the caller's transaction)."""
    ids = sorted({int(pk) for pk in client_ids if pk is not None})
    if not ids:
        return
    AccessGrant = _model(apps, "access.AccessGrant")
    with transaction.atomic():
        expected = expected_grants(ids, apps=apps)
        stored = _stored(ids, apps=apps)
        stale = [
            pk
            for grant, pks in stored.items()
            for pk in (pks if grant not in expected else pks[1:])  # duplicates too
        ]
        if stale:
            AccessGrant.objects.filter(pk__in=stale).delete()
        missing = [grant for grant in expected if grant not in stored]
        if missing:
            AccessGrant.objects.bulk_create([_new_grant(AccessGrant, g) for g in missing])


def refresh_user(user_id: int, *, apps=live_apps) -> None:
    """After a user's organisation changed: the clients whose grants depend on the user."""
    refresh(_clients_of_participant(user_id, apps=apps), apps=apps)


def _clients_of_participant(user_id: int, *, apps=live_apps) -> set[int]:
    AccessGrant = _model(apps, "access.AccessGrant")
    ResponsiblePerson = _model(apps, "episodes.ResponsiblePerson")
    MeetingParticipant = _model(apps, "plans.MeetingParticipant")
    PlanAction = _model(apps, "plans.PlanAction")
    clients = set(AccessGrant.objects.filter(user=user_id).values_list("client", flat=True))
    clients.update(
        ResponsiblePerson.objects.filter(professional=user_id).values_list(
            "episode__client", flat=True
        )
    )
    clients.update(
        MeetingParticipant.objects.filter(professional=user_id).values_list(
            "meeting__episode__client", flat=True
        )
    )
    clients.update(
        PlanAction.objects.filter(responsible_professional=user_id).values_list(
            "episode__client", flat=True
        )
    )
    return clients


def rebuild(*, apps=live_apps, chunk: int = 2000, progress=None) -> int:
    """Recompute the whole table, ``chunk`` clients at a time; returns the number of grants."""
    Client = _model(apps, "clients.Client")
    AccessGrant = _model(apps, "access.AccessGrant")
    ids = list(Client.objects.order_by("pk").values_list("pk", flat=True))
    total = 0
    with transaction.atomic():
        AccessGrant.objects.all().delete()
        for start in range(0, len(ids), chunk):
            part = ids[start : start + chunk]
            grants = expected_grants(part, apps=apps)
            AccessGrant.objects.bulk_create(
                [_new_grant(AccessGrant, g) for g in grants], batch_size=5000
            )
            total += len(grants)
            if progress:
                progress(len(part))
    return total


def differences(*, apps=live_apps, chunk: int = 2000) -> list[str]:
    """Where the table differs from the rule (empty when it agrees), client by client."""
    Client = _model(apps, "clients.Client")
    ids = list(Client.objects.order_by("pk").values_list("pk", flat=True))
    found = []
    for start in range(0, len(ids), chunk):
        part = ids[start : start + chunk]
        expected = expected_grants(part, apps=apps)
        stored = _stored(part, apps=apps)
        for grant in expected - stored.keys():
            found.append(f"missing {grant}")
        for grant, pks in stored.items():
            if grant not in expected:
                found.append(f"extra {grant}")
            elif len(pks) > 1:
                found.append(f"duplicate {grant}")
    return found
