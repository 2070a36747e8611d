"""API: network meetings, the versioned client plan and plan actions (issue 5)."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from ninja import Field, Path, Router, Schema, Status

from rinnalla.access.policy import Action, Channel
from rinnalla.accounts.models import User
from rinnalla.core.apikit import (
    MAX_ID,
    Day,
    Id,
    Moment,
    Text,
    actor,
    choices_literal,
)
from rinnalla.core.pdf import pdf_response
from rinnalla.plans import selectors, services
from rinnalla.plans.models import (
    MEETING_MODES,
    ActionCategory,
    ActionStatus,
    ClientPlan,
    ParticipantRole,
    Topic,
)
from rinnalla.plans.outputs import client_pdf, record_summary_text

router = Router(tags=["plans"])

TopicCode = choices_literal(Topic)
RoleCode = choices_literal(ParticipantRole)
CategoryCode = choices_literal(ActionCategory)
StatusCode = choices_literal(ActionStatus)
ModeCode = Literal[tuple(value for value, _label in MEETING_MODES)]
PathId = Path(..., ge=1, le=MAX_ID)


# --- Schemas ------------------------------------------------------------------------------


class ExternalParticipantIn(Schema):
    name: Text(200, min_length=1)
    role: RoleCode = "other"
    organisation_name: Text(200) = ""
    email: Text(254) = ""


class MeetingIn(Schema):
    starts_at: Moment
    duration_minutes: int = Field(90, ge=1, le=24 * 60)
    participant_ids: list[Id] = Field(default_factory=list, max_length=100)
    client_present: bool = True
    topics: list[TopicCode] = Field(default_factory=list, max_length=10)
    topic_other: Text(200) = ""
    mode: ModeCode = "in_person"
    place: Text(200) = ""
    video_link: Text(500) = ""
    external_participants: list[ExternalParticipantIn] = Field(default_factory=list, max_length=50)
    send_invitations: bool = True


class ParticipantOut(Schema):
    id: int
    professional_id: int | None
    name: str
    role: str
    organisation: str
    invited_at: datetime.datetime | None

    @staticmethod
    def resolve_name(obj) -> str:
        return obj.display_name

    @staticmethod
    def resolve_organisation(obj) -> str:
        return obj.display_organisation


class MeetingOut(Schema):
    id: int
    episode_id: int
    starts_at: datetime.datetime
    duration_minutes: int
    mode: str
    place: str
    video_link: str
    client_present: bool
    topics: list[str]
    topic_other: str
    participants: list[ParticipantOut]
    minutes: str
    held: bool
    plan_id: int | None

    @staticmethod
    def resolve_participants(obj):
        return list(obj.participants.all())

    @staticmethod
    def resolve_held(obj) -> bool:
        return obj.is_held

    @staticmethod
    def resolve_plan_id(obj):
        return ClientPlan.objects.filter(meeting=obj).values_list("pk", flat=True).first()


class PlanFields(Schema):
    client_wishes: Text() | None = None
    shared_view: Text() | None = None
    planned: Text() | None = None
    client_tasks: Text() | None = None
    coordinator_tasks: Text() | None = None
    next_meeting_on: Day | None = None
    follow_up_of_actions: Text() | None = None
    network_contact: Text() | None = None
    distributed_to_client: bool | None = None
    distributed_to_primary_care: bool | None = None


class PlanPatch(PlanFields):
    version: int = Field(
        ..., ge=1, le=2**31 - 1, description="The version you read; a stale one answers 409."
    )


class ActionOut(Schema):
    id: int
    plan_id: int
    category: str
    description: str
    for_client: str
    responsible_professional_id: int | None
    responsible_is_client: bool
    due_on: datetime.date
    status: str
    status_changed_at: datetime.datetime
    status_changed_by_id: int
    overdue: bool

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue


class PlanOut(Schema):
    id: int
    number: int = Field(description="Plan version number: 1 for the first meeting, 2 …")
    version: int = Field(description="Edit version (optimistic lock) to send back in PATCH.")
    episode_id: int
    meeting_id: int
    meeting_starts_at: datetime.datetime
    topics: list[str]
    client_present: bool
    participants: list[ParticipantOut]
    client_wishes: str
    shared_view: str
    planned: str
    client_tasks: str
    coordinator_tasks: str
    next_meeting_on: datetime.date | None
    follow_up_of_actions: str
    network_contact: str
    distributed_to_client: bool
    distributed_to_primary_care: bool
    is_current: bool
    actions: list[ActionOut]
    updated_at: datetime.datetime
    updated_by_id: int


class ChangeOut(Schema):
    field: str
    label: str
    theirs: str | bool | None
    yours: str | bool | None


class ConflictOut(Schema):
    detail: str
    current_version: int
    saved_by: str
    changes: list[ChangeOut]


class ActionIn(Schema):
    category: CategoryCode
    description: Text(5000, min_length=1)
    for_client: Text(1000) = Field(
        "", description="One plain sentence to the client, for the client's PDF."
    )
    responsible_professional_id: Id | None = None
    responsible: Literal["client", "professional"] | None = None
    catalogue_service_id: Id | None = Field(
        None, description="The service of the catalogue the action refers the client to."
    )
    due_on: Day


class ActionStatusIn(Schema):
    status: StatusCode
    note: Text(500) = ""


def _plan_out(plan: ClientPlan) -> dict:
    data = {name: getattr(plan, name) for name in ClientPlan.TEXT_FIELDS}
    meeting = plan.meeting
    return {
        "id": plan.pk,
        "number": plan.number,
        "version": plan.version,
        "episode_id": plan.episode_id,
        "meeting_id": meeting.pk,
        "meeting_starts_at": meeting.starts_at,
        "topics": meeting.topics,
        "client_present": meeting.client_present,
        "participants": list(meeting.participants.all()),
        "is_current": selectors.is_current(plan),
        "actions": list(selectors.plan_actions(plan)),
        "updated_at": plan.updated_at,
        "updated_by_id": plan.updated_by_id,
        **data,
    }


def _professionals(ids: list[int]) -> list[User]:
    found = {u.pk: u for u in User.objects.filter(pk__in=ids).select_related("organisation")}
    missing = [i for i in ids if i not in found]
    if missing:
        raise ValidationError(
            {"participant_ids": f"Unknown professional: {', '.join(map(str, missing))}."}
        )
    return [found[i] for i in ids]


def _changed(checked, request, pk: int, *, part: str):
    """Open what a write changes: reserved to the coordinators of the episode's service."""
    return checked(
        actor(request),
        pk,
        part=part,
        channel=Channel.API,
        action=Action.CHANGE,
        coordinators_only=True,
    )


# --- Endpoints ----------------------------------------------------------------------------


@router.post("/episodes/{episode_id}/meetings", response={201: MeetingOut})
def create_meeting(request, payload: MeetingIn, episode_id: int = PathId):
    """Plan (or record afterwards) a network meeting; invitations go by e-mail."""
    client, episode = _changed(selectors.checked_episode, request, episode_id, part="meeting")
    data = payload.dict()
    meeting = services.meeting_create(
        actor=actor(request),
        episode=episode,
        professionals=_professionals(data["participant_ids"]),
        external_participants=data["external_participants"],
        send_invitations=data["send_invitations"],
        **services.meeting_fields(data),
    )
    return Status(201, selectors.meeting_for(pk=meeting.pk, client=client))


@router.get("/meetings/{meeting_id}", response=MeetingOut)
def get_meeting(request, meeting_id: int = PathId):
    _client, meeting = selectors.checked_meeting(
        actor(request), meeting_id, part="meeting", channel=Channel.API
    )
    return meeting


class MinutesIn(Schema):
    minutes: Text(20000, min_length=1)


@router.post("/meetings/{meeting_id}/minutes", response=MeetingOut)
def record_minutes(request, payload: MinutesIn, meeting_id: int = PathId):
    """Record the minutes; the first time, the meeting enters the service path."""
    client, meeting = _changed(
        selectors.checked_meeting, request, meeting_id, part="meeting_minutes"
    )
    services.meeting_record_minutes(actor=actor(request), meeting=meeting, minutes=payload.minutes)
    return selectors.meeting_for(pk=meeting_id, client=client)


@router.post("/meetings/{meeting_id}/plan", response={201: PlanOut})
def create_plan(request, payload: PlanFields, meeting_id: int = PathId):
    """Make the meeting's plan version; text not sent is copied from the previous version."""
    client, meeting = _changed(selectors.checked_meeting, request, meeting_id, part="client_plan")
    plan = services.plan_create(
        actor=actor(request), meeting=meeting, **payload.dict(exclude_unset=True)
    )
    return Status(201, _plan_out(selectors.plan_for(pk=plan.pk, client=client)))


@router.get("/plans/{plan_id}", response=PlanOut)
def get_plan(request, plan_id: int = PathId):
    _client, plan = selectors.checked_plan(
        actor(request), plan_id, part="client_plan", channel=Channel.API
    )
    return _plan_out(plan)


@router.patch("/plans/{plan_id}", response={200: PlanOut, 409: ConflictOut})
def update_plan(request, payload: PlanPatch, plan_id: int = PathId):
    """Change the plan. Send the ``version`` you read: if someone saved since, 409 tells
    what they changed (their value and yours) and nothing is saved."""
    client, plan = _changed(selectors.checked_plan, request, plan_id, part="client_plan")
    fields = payload.dict(exclude_unset=True)
    version = fields.pop("version")
    try:
        services.plan_update(actor=actor(request), plan=plan, version=version, **fields)
    except services.PlanConflict as exc:
        return Status(
            409,
            {
                "detail": str(exc),
                "current_version": exc.plan.version,
                "saved_by": str(exc.saved_by or ""),
                "changes": [
                    {"field": c.name, "label": c.label, "theirs": c.theirs, "yours": c.yours}
                    for c in exc.changes
                ],
            },
        )
    return Status(200, _plan_out(selectors.plan_for(pk=plan_id, client=client)))


@router.post("/plans/{plan_id}/actions", response={201: ActionOut})
def create_action(request, payload: ActionIn, plan_id: int = PathId):
    """Add an action: ``responsible_professional_id`` or ``"responsible": "client"``."""
    _client, plan = _changed(selectors.checked_plan, request, plan_id, part="plan_action")
    professional = None
    if payload.responsible_professional_id is not None:
        professional = User.objects.filter(pk=payload.responsible_professional_id).first()
        if professional is None:
            raise ValidationError({"responsible_professional_id": "Unknown professional."})
    action = services.action_create(
        actor=actor(request),
        plan=plan,
        category=payload.category,
        description=payload.description,
        for_client=payload.for_client,
        due_on=payload.due_on,
        responsible_professional=professional,
        responsible_is_client=payload.responsible == "client",
        catalogue_service=_catalogue_service(payload.catalogue_service_id),
    )
    return Status(201, action)


def _catalogue_service(service_id: int | None):
    if service_id is None:
        return None
    from rinnalla.catalogue.models import Service

    service = Service.objects.filter(pk=service_id).first()
    if service is None:
        raise ValidationError({"catalogue_service_id": "Unknown service of the catalogue."})
    return service


@router.patch("/actions/{action_id}", response=ActionOut)
def update_action_status(request, payload: ActionStatusIn, action_id: int = PathId):
    """Change an action's status: the responsible professional or a coordinator."""
    _client, action = selectors.checked_action_change(
        actor(request), action_id, channel=Channel.API
    )
    return services.action_set_status(
        actor=actor(request), action=action, status=payload.status, note=payload.note
    )


@router.get("/plans/{plan_id}/pdf", response={200: None})
def plan_pdf(request, plan_id: int = PathId):
    """The client's plain-language PDF, in the client's language."""
    client, plan = selectors.checked_plan(
        actor(request), plan_id, part="client_plan_pdf", channel=Channel.PDF
    )
    return pdf_response(client_pdf(plan, client), f"suunnitelma-{plan.number}.pdf")


@router.get("/plans/{plan_id}/record-summary", response={200: None})
def plan_record_summary(request, plan_id: int = PathId) -> HttpResponse:
    """The plan as plain text for the patient record."""
    client, plan = selectors.checked_plan(
        actor(request), plan_id, part="record_summary", channel=Channel.API
    )
    response = HttpResponse(
        record_summary_text(plan, client), content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response
