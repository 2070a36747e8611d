"""API: the client's consents (suostumus)."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Router, Schema, Status

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.accounts.models import Organisation
from rinnalla.consent import selectors, services
from rinnalla.consent.models import Consent, Method, Purpose
from rinnalla.core.apikit import MAX_ID, Day, Id, Text, actor, choices_literal

router = Router(tags=["consents"])

PurposeCode = choices_literal(Purpose)
MethodCode = choices_literal(Method)
ClientId = Path(..., ge=1, le=MAX_ID)


class ConsentIn(Schema):
    organisation_ids: list[Id]
    purpose: PurposeCode | None = Field(None, description="One purpose; or give ``purposes``.")
    purposes: list[PurposeCode] | None = Field(None, description="Every purpose of the form.")
    method: MethodCode
    given_on: Day
    valid_until: Day | None = None


class WithdrawIn(Schema):
    note: Text(2000) = ""


class ConsentOut(Schema):
    id: int
    client_id: int
    organisation_ids: list[int]
    purpose: PurposeCode
    purposes: list[PurposeCode]
    method: MethodCode
    given_on: datetime.date
    valid_until: datetime.date | None
    status: str
    withdrawn_at: datetime.datetime | None
    withdrawn_by: str | None
    withdrawal_note: str
    has_scan: bool
    recorded_at: datetime.datetime


def _out(consent: Consent) -> dict:
    return {
        "id": consent.pk,
        "client_id": consent.client_id,
        "organisation_ids": sorted(o.pk for o in consent.organisations.all()),
        "purpose": consent.purpose,
        "purposes": consent.purposes or [consent.purpose],
        "method": consent.method,
        "given_on": consent.given_on,
        "valid_until": consent.valid_until,
        "status": consent.status,
        "withdrawn_at": consent.withdrawn_at,
        "withdrawn_by": consent.withdrawn_by.username if consent.withdrawn_by else None,
        "withdrawal_note": consent.withdrawal_note,
        "has_scan": bool(consent.scan),
        "recorded_at": consent.recorded_at,
    }


@router.get("/clients/{id}/consents", response=list[ConsentOut])
def list_consents(request, id: int = ClientId):
    """The client's consents, newest first, with their status today."""
    client = client_for(
        actor(request), id, action=Action.VIEW, part="consents", channel=Channel.API
    )
    return [_out(consent) for consent in selectors.client_consents(client=client)]


@router.post("/clients/{id}/consents", response={201: ConsentOut})
def record_consent(request, payload: ConsentIn, id: int = ClientId):
    """Record the client's consent (the client's own coordinators only)."""
    user = actor(request)
    client = client_for(
        user, id, action=Action.CHANGE, part="consents", channel=Channel.API, coordinator_only=True
    )
    wanted = set(payload.organisation_ids)
    organisations = list(Organisation.objects.filter(pk__in=wanted))
    if len(organisations) != len(wanted):
        raise ValidationError({"organisation_ids": _("No organisation has one of these ids.")})
    consent = services.consent_record(
        actor=user,
        client=client,
        organisations=organisations,
        purpose=payload.purpose or "",
        purposes=payload.purposes,
        method=payload.method,
        given_on=payload.given_on,
        valid_until=payload.valid_until,
    )
    return Status(201, _out(selectors.client_consents(client=client).get(pk=consent.pk)))


@router.post("/consents/{id}/withdraw", response=ConsentOut)
def withdraw_consent(request, payload: WithdrawIn | None = None, id: int = ClientId):
    """Withdraw a consent: access based on it ends at once. A second withdrawal answers 409."""
    user = actor(request)
    client_id = selectors.consent_client_id(id)
    if client_id is None:
        raise Http404
    client = client_for(
        user,
        client_id,
        action=Action.CHANGE,
        part="consents",
        channel=Channel.API,
        coordinator_only=True,
    )
    consent = Consent.objects.filter(pk=id, client=client).first()
    if consent is None:
        raise Http404
    services.consent_withdraw(actor=user, consent=consent, note=payload.note if payload else "")
    return _out(selectors.client_consents(client=client).get(pk=consent.pk))
