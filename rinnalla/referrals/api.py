"""API: referrals (lähete) and their triage."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status
from pydantic import model_validator

from rinnalla.access.policy import (
    Action,
    Channel,
    client_for,
    list_access,
    log_shown,
    record_write,
    visible_clients,
)
from rinnalla.accounts.models import Organisation, User
from rinnalla.catalogue.models import Service as CatalogueService
from rinnalla.clients.api import ClientIn
from rinnalla.clients.models import Client
from rinnalla.core.apikit import (
    MAX_ID,
    Day,
    Id,
    Page,
    PageParams,
    Text,
    actor,
    choices_literal,
    paginate,
)
from rinnalla.referrals.models import Channel as ReferralChannel
from rinnalla.referrals.models import Decision, Referral, SourceKind, Urgency
from rinnalla.referrals.services import referral_create, referral_receive, referral_triage

router = Router(tags=["referrals"])

SourceKindCode = choices_literal(SourceKind)
ChannelCode = choices_literal(ReferralChannel)
UrgencyCode = choices_literal(Urgency)
StatusCode = choices_literal(Referral.Status)
DecisionCode = choices_literal(Decision)
NO_REFERRALS = _("Your role does not send or receive referrals.")


class ReferralIn(Schema):
    """A referral about an existing client (``client_id``) or a new one (``client``).

    A coordinator records it into their own service. A network professional sends it
    to a coordination service (``service_id``) as its referring professional; with
    ``client`` an already registered client is found by henkilötunnus, never changed.
    """

    client_id: Id | None = None
    client: ClientIn | None = None
    service_id: Id | None = Field(None, description="Required from network professionals.")
    source_kind: SourceKindCode
    source_organisation_id: Id | None = None
    source_professional_id: Id | None = None
    channel: ChannelCode
    reason: Text(min_length=1)
    urgency: UrgencyCode = "normal"
    received_on: Day | None = Field(None, description="Defaults to today.")

    @model_validator(mode="after")
    def one_client(self):
        if (self.client_id is None) == (self.client is None):
            raise ValueError("Give either client_id or client, not both.")
        return self


class ReferralOut(Schema):
    id: int
    client_id: int | None = Field(
        description="Null when the requester may not see the client (e.g. a sender)."
    )
    service_id: int
    source_kind: SourceKindCode
    source_organisation_id: int | None
    source_professional_id: int | None
    channel: ChannelCode
    reason: str | None = Field(description="Null when the requester may not see the client.")
    urgency: UrgencyCode
    received_on: datetime.date
    status: StatusCode
    triaged_at: datetime.datetime | None
    redirected_to: str
    redirected_service_id: int | None = Field(
        description="The service of the catalogue the client was redirected to, if any."
    )
    episode_id: int | None = Field(
        description="The relationship the referral opened or was attached to."
    )


class ReferralFilters(PageParams):
    status: StatusCode | None = None


class TriageIn(Schema):
    decision: DecisionCode
    reason: Text() = ""
    redirect_to: Text(200) = Field(
        "", description="When redirecting to a service outside the catalogue: its name."
    )
    redirect_service_id: Id | None = Field(
        None,
        description="When redirecting: the service of the catalogue (GET /services); "
        "redirected_to then defaults to its name.",
    )
    coordinator_id: Id | None = Field(
        None, description="The accepted client's coordinator; defaults to the requester."
    )


def _out(referral: Referral, *, client_visible: bool) -> dict:
    return {
        "id": referral.pk,
        "client_id": referral.client_id if client_visible else None,
        "service_id": referral.service_id,
        "source_kind": referral.source_kind,
        "source_organisation_id": referral.source_organisation_id,
        "source_professional_id": referral.source_professional_id,
        "channel": referral.channel,
        "reason": referral.reason if client_visible else None,
        "urgency": referral.urgency,
        "received_on": referral.received_on,
        "status": referral.status,
        "triaged_at": referral.triaged_at,
        "redirected_to": referral.redirected_to,
        "redirected_service_id": referral.redirected_service_id,
        "episode_id": referral.episode_id or referral.attached_to_id,
    }


def _get(model, pk: int | None, field: str, **filters):
    """The referenced object, or a 422 naming the field (never a 500 for a bad id)."""
    if pk is None:
        return None
    obj = model.objects.filter(pk=pk, **filters).first()
    if obj is None:
        raise ValidationError({field: _("Nothing with this id exists.")})
    return obj


@router.get("/referrals", response=Page[ReferralOut])
def list_referrals(request, filters: Query[ReferralFilters]):
    """A coordinator's service's referrals, oldest first (``?status=received`` is the
    triage queue); for a network professional, the referrals they sent, newest first,
    with their status."""
    user = actor(request)
    listing = list_access(user, part="referrals", channel=Channel.API)
    visible = visible_clients(user).filter(pk=OuterRef("client_id"))
    if user.is_coordinator:
        referrals = Referral.objects.filter(service=user.organisation_id).order_by(
            "received_on", "id"
        )
    else:
        referrals = Referral.objects.filter(source_professional=user).order_by(
            "-received_on", "-id"
        )
    if filters.status is not None:
        referrals = referrals.filter(status=filters.status)
    referrals = referrals.annotate(client_visible=Exists(visible))
    page = paginate(referrals, filters)
    log_shown(listing, [r.client_id for r in page["items"] if r.client_visible])
    page["items"] = [_out(r, client_visible=r.client_visible) for r in page["items"]]
    return page


@router.post("/referrals", response={201: ReferralOut})
def create_referral(request, payload: ReferralIn):
    """Record (coordinator) or send (network professional) a referral."""
    user = actor(request)
    if payload.client_id is not None:
        # An existing client goes through the access rule before anything else.
        client = client_for(
            user, payload.client_id, action=Action.CHANGE, part="referral", channel=Channel.API
        )
        referral = referral_create(actor=user, client=client, **_referral_fields(user, payload))
        return Status(201, _out(referral, client_visible=True))

    # The same service as the page: the client is found by henkilötunnus (also when
    # registered concurrently) or registered to the receiving service.
    with transaction.atomic():
        referral = referral_receive(
            actor=user, client_fields=payload.client.dict(), **_referral_fields(user, payload)
        )
        record_write(user, client=referral.client, part="referral", channel=Channel.API)
    client_visible = visible_clients(user).filter(pk=referral.client_id).exists()
    return Status(201, _out(referral, client_visible=client_visible))


def _referral_fields(user: User, payload: ReferralIn) -> dict:
    """The receiving service and the sender, by role; bad ids answer 422."""
    if user.is_coordinator:
        service = user.organisation
        if service is None or (payload.service_id not in (None, service.pk)):
            raise ValidationError(
                {"service_id": _("A coordinator records referrals into their own service.")}
            )
        source_professional = _get(User, payload.source_professional_id, "source_professional_id")
    elif user.is_network_professional:
        if payload.service_id is None:
            raise ValidationError({"service_id": _("Choose the coordination service.")})
        service = _get(Organisation, payload.service_id, "service_id", is_coordination_service=True)
        if payload.source_professional_id not in (None, user.pk):
            raise ValidationError(
                {"source_professional_id": _("You send referrals in your own name.")}
            )
        source_professional = user
    else:
        raise PermissionDenied(NO_REFERRALS)
    source_organisation = _get(
        Organisation, payload.source_organisation_id, "source_organisation_id"
    )
    if source_organisation is None and user.is_network_professional:
        source_organisation = user.organisation
    return {
        "service": service,
        "source_kind": payload.source_kind,
        "source_organisation": source_organisation,
        "source_professional": source_professional,
        "channel": payload.channel,
        "reason": payload.reason,
        "urgency": payload.urgency,
        "received_on": payload.received_on or timezone.localdate(),
    }


@router.post("/referrals/{id}/triage", response=ReferralOut)
def triage_referral(request, payload: TriageIn, id: int = Path(..., ge=1, le=MAX_ID)):
    """Accept (opens a client relationship: see ``episode_id``), redirect or decline —
    once; a second triage answers 409."""
    user = actor(request)
    keys = Referral.objects.filter(pk=id).values_list("client_id", "service_id").first()
    if keys is None:
        raise Http404
    client: Client = client_for(
        user,
        keys[0],
        action=Action.CHANGE,
        part="referral_triage",
        channel=Channel.API,
        coordinators_of=keys[1],
    )
    referral = Referral.objects.get(pk=id, client=client)
    coordinator = _get(User, payload.coordinator_id, "coordinator_id")
    referral = referral_triage(
        actor=user,
        referral=referral,
        decision=payload.decision,
        reason=payload.reason,
        redirect_to=payload.redirect_to,
        redirect_service=_get(CatalogueService, payload.redirect_service_id, "redirect_service_id"),
        coordinator=coordinator,
    )
    return _out(referral, client_visible=True)
