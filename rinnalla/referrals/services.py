"""Receiving and triaging referrals (lähete)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.clients.services import DuplicateClient, client_find_or_create
from rinnalla.core.errors import Conflict
from rinnalla.episodes.services import episode_open, open_episode
from rinnalla.referrals.models import Decision, Referral


@transaction.atomic
def referral_create(
    *,
    actor: User,
    client: Client,
    service: Organisation,
    source_kind: str,
    channel: str,
    reason: str,
    received_on: datetime.date,
    urgency: str = "normal",
    source_organisation: Organisation | None = None,
    source_professional: User | None = None,
    given_name: str = "",
) -> Referral:
    if not service.is_coordination_service:
        raise ValidationError(
            {"service": _("Referrals can only be sent to a coordination service.")}
        )
    if received_on > timezone.localdate():
        raise ValidationError({"received_on": _("The received date cannot be in the future.")})
    if source_professional is not None:
        if source_organisation is None:
            source_organisation = source_professional.organisation
        elif source_professional.organisation_id != source_organisation.pk:
            raise ValidationError(
                {
                    "source_professional": _(
                        "This professional does not work in the referring organisation."
                    )
                }
            )
    referral = Referral(
        client=client,
        given_name=" ".join(given_name.split())[:201],
        service=service,
        source_kind=source_kind,
        source_organisation=source_organisation,
        source_professional=source_professional,
        channel=channel,
        reason=(reason or "").strip(),
        urgency=urgency,
        received_on=received_on,
        created_by=actor,
    )
    referral.full_clean(exclude=["client", "service", "created_by", "episode", "triaged_by"])
    referral.save()
    return referral


@transaction.atomic
def referral_triage(
    *,
    actor: User,
    referral: Referral,
    decision: str,
    reason: str = "",
    redirect_to: str = "",
    redirect_service=None,
    coordinator: User | None = None,
    triaged_at: datetime.datetime | None = None,
) -> Referral:
    """Accept, attach, redirect or decline a referral — once.

    Accepting opens a client relationship. When the client already has an open
    relationship in the service, the referral is attached to it instead: the database
    refuses a second open relationship of one client in one service.
    """
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    if referral.is_triaged:
        raise Conflict(_("This referral has already been triaged."))
    existing = open_episode(client=referral.client, service=referral.service)
    reason = (reason or "").strip()
    redirect_to = (redirect_to or "").strip()
    if redirect_service is not None and not redirect_to:
        redirect_to = str(redirect_service.name)[:200]  # a catalogue service, by name
    errors = {}
    if decision not in Decision.values:
        errors["decision"] = _("Choose accept, redirect or decline.")
    elif decision == Decision.REDIRECT:
        if redirect_service is not None and not redirect_service.is_valid_on(timezone.localdate()):
            # The page and the API both name the field redirect_service_id here.
            errors["redirect_service_id"] = _(
                "This service of the catalogue is not in force today. Choose another "
                "service or write the name of the service."
            )
        if not redirect_to:
            errors["redirect_to"] = _("Say which service the client is redirected to.")
        if not reason:
            errors["reason"] = _("Say why the client is redirected.")
    elif decision == Decision.DECLINE and not reason:
        errors["reason"] = _("Say why the referral is declined.")
    elif decision == Decision.ACCEPT and existing is not None:
        errors["decision"] = _(
            "The client already has an open client relationship in this service. "
            "Attach the referral to it."
        )
    elif decision == Decision.ATTACH and existing is None:
        errors["decision"] = _(
            "The client has no open client relationship in this service. Accept the "
            "referral to open one."
        )
    elif decision == Decision.ACCEPT:
        coordinator = coordinator or actor
        if not coordinator.is_coordinator or coordinator.organisation_id != referral.service_id:
            errors["coordinator_id"] = _(
                "The coordinator must be a coordinator of the receiving service."
            )
    if errors:
        raise ValidationError(errors)

    triaged_at = triaged_at or timezone.now()
    if decision == Decision.ACCEPT:
        referral.episode = episode_open(
            actor=actor,
            client=referral.client,
            service=referral.service,
            coordinator=coordinator,
            opened_on=timezone.localtime(triaged_at).date(),
            contact_clock_starts_on=referral.received_on,
        )
        referral.status = Referral.Status.ACCEPTED
    elif decision == Decision.ATTACH:
        referral.attached_to = existing
        referral.status = Referral.Status.ATTACHED
    elif decision == Decision.REDIRECT:
        referral.status = Referral.Status.REDIRECTED
        referral.redirected_to = redirect_to
        referral.redirected_service = redirect_service
    else:
        referral.status = Referral.Status.DECLINED
    referral.triage_reason = reason
    referral.triaged_at = triaged_at
    referral.triaged_by = actor
    referral.save()
    return referral


@transaction.atomic
def referral_receive(
    *,
    actor: User,
    service: Organisation,
    client_fields: dict,
    source_kind: str,
    channel: str,
    reason: str,
    received_on: datetime.date,
    urgency: str = "normal",
    source_organisation: Organisation | None = None,
    source_professional: User | None = None,
) -> Referral:
    """Record a received (or sent) referral with the client's identity, all or nothing.

    The client is found by henkilötunnus and reused unchanged, or registered to the
    receiving service. The caller never learns which happened, so a network
    professional sending a referral cannot probe who is already a client.
    """
    try:
        client = client_find_or_create(actor=actor, service=service, **client_fields)
    except DuplicateClient as exc:  # registered concurrently by someone else: reuse it
        client = exc.existing
    given_name = f"{client_fields.get('first_name', '')} {client_fields.get('last_name', '')}"
    return referral_create(
        actor=actor,
        client=client,
        given_name=given_name,
        service=service,
        source_kind=source_kind,
        channel=channel,
        reason=reason,
        received_on=received_on,
        urgency=urgency,
        source_organisation=source_organisation,
        source_professional=source_professional,
    )
