"""API: client relationships (asiakkuus), their service path and closing."""

import datetime

from django.core.exceptions import ValidationError
from django.db.models import Prefetch
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, File, Form, Path, Query, Router, Schema, Status
from ninja.files import UploadedFile

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.accounts.models import Organisation
from rinnalla.consent.scans import EXTENSIONS
from rinnalla.core.apikit import (
    MAX_ID,
    Id,
    Moment,
    Page,
    PageParams,
    Text,
    actor,
    choices_literal,
    paginate,
)
from rinnalla.core.deadlines import first_contact_status
from rinnalla.episodes.models import (
    Closing,
    Episode,
    EventAttachment,
    EventKind,
    EventMode,
    Outcome,
    PathEvent,
    ResponsiblePerson,
    StatementStatus,
)
from rinnalla.episodes.services import (
    attachment_add,
    episode_close,
    episode_reopen,
    event_create,
)

router = Router(tags=["client relationships"])

EpisodeStatus = choices_literal(Episode.Status)
EventKindCode = choices_literal(EventKind)
EventModeCode = choices_literal(EventMode)
StatementStatusCode = choices_literal(StatementStatus)
OutcomeCode = choices_literal(Outcome)
EpisodeId = Path(..., ge=1, le=MAX_ID)


class EpisodeResponsiblePersonOut(Schema):
    id: int
    professional_id: int
    username: str
    first_name: str
    last_name: str
    area: str
    is_primary: bool
    started_at: datetime.datetime


class ClosingOut(Schema):
    id: int
    episode_id: int
    outcome: OutcomeCode
    summary: str
    handover_to: str
    closed_at: datetime.datetime
    closed_by_id: int


class EpisodeOut(Schema):
    id: int
    client_id: int
    service_id: int
    status: EpisodeStatus
    opened_on: datetime.date
    first_contact_at: datetime.datetime | None
    first_contact_due_on: datetime.date = Field(
        description="The service's target date for the first contact."
    )
    first_contact_days_left: int | None = Field(
        description="Days until the target (negative when overdue); null once contacted."
    )
    last_event_at: datetime.datetime | None
    responsible_persons: list[EpisodeResponsiblePersonOut]
    closing: ClosingOut | None = Field(description="The current closing while closed.")


class EventIn(Schema):
    kind: EventKindCode
    occurred_at: Moment = Field(description="Without an offset it is read as Finnish time.")
    summary: Text(min_length=1)
    organisation_id: Id | None = Field(None, description="Required for a consultation.")
    mode: EventModeCode | None = Field(
        None, description="contact: phone/message/letter; meeting: in_person/phone/video."
    )
    duration_minutes: int | None = Field(None, ge=1, le=2_147_483_647)
    statement_name: Text(100) = ""
    statement_status: StatementStatusCode | None = None
    next_step: Text() = ""
    internal: bool | None = Field(
        None,
        description="Not shown to the client. Default: true for a consultation, else false.",
    )


class EventOut(Schema):
    id: int
    episode_id: int
    kind: EventKindCode
    occurred_at: datetime.datetime
    summary: str
    organisation_id: int | None
    mode: EventModeCode | None
    duration_minutes: int | None
    statement_name: str
    statement_status: StatementStatusCode | None
    next_step: str
    internal: bool
    author_id: int
    created_at: datetime.datetime

    @staticmethod
    def resolve_summary(obj) -> str:
        # A summary the system wrote is rendered in the reader's language.
        return obj.summary_text

    @staticmethod
    def resolve_mode(obj) -> str | None:
        return obj.mode or None

    @staticmethod
    def resolve_statement_status(obj) -> str | None:
        return obj.statement_status or None


class CloseIn(Schema):
    outcome: OutcomeCode
    summary: Text(min_length=1)
    handover_to: Text(200) = ""


class ReopenIn(Schema):
    reason: Text(min_length=1)


def _episode_for(request, episode_id: int, *, action: str, part: str) -> Episode:
    """The episode through the access rule: one cheap id lookup, then ``client_for``;
    changes belong to the coordinators of the service that owns the relationship."""
    keys = Episode.objects.filter(pk=episode_id).values_list("client_id", "service_id").first()
    if keys is None:
        raise Http404
    client = client_for(
        actor(request),
        keys[0],
        action=action,
        part=part,
        channel=Channel.API,
        coordinators_of=keys[1] if action == Action.CHANGE else None,
    )
    episode = Episode.objects.get(pk=episode_id, client=client)
    episode.client = client
    return episode


def _episode_out(episode: Episode) -> dict:
    episode = (
        Episode.objects.filter(pk=episode.pk)
        .prefetch_related(
            Prefetch(
                "responsible_persons",
                queryset=ResponsiblePerson.objects.filter(ended_at__isnull=True)
                .select_related("professional")
                .order_by("-is_primary", "started_at", "id"),
            ),
            Prefetch("closings", queryset=Closing.objects.filter(reopened_at__isnull=True)),
        )
        .get()
    )
    deadline = first_contact_status(
        clock_starts_on=episode.contact_clock_starts_on,
        contacted_at=episode.first_contact_at,
        today=timezone.localdate(),
    )
    closings = list(episode.closings.all())
    return {
        "id": episode.pk,
        "client_id": episode.client_id,
        "service_id": episode.service_id,
        "status": episode.status,
        "opened_on": episode.opened_on,
        "first_contact_at": episode.first_contact_at,
        "first_contact_due_on": deadline.due_on,
        "first_contact_days_left": None if deadline.is_done else deadline.days_left,
        "last_event_at": episode.last_event_at,
        "responsible_persons": [
            {
                "id": person.pk,
                "professional_id": person.professional_id,
                "username": person.professional.username,
                "first_name": person.professional.first_name,
                "last_name": person.professional.last_name,
                "area": person.area_text,
                "is_primary": person.is_primary,
                "started_at": person.started_at,
            }
            for person in episode.responsible_persons.all()
        ],
        "closing": closings[0] if episode.is_closed and closings else None,
    }


@router.get("/episodes/{id}", response=EpisodeOut)
def get_episode(request, id: int = EpisodeId):
    """A client relationship with its status, first-contact target and responsible persons."""
    episode = _episode_for(request, id, action=Action.VIEW, part="episode")
    return _episode_out(episode)


@router.get("/episodes/{id}/events", response=Page[EventOut])
def list_events(request, params: Query[PageParams], id: int = EpisodeId):
    """The service path in time order (``occurred_at``, then ``id``)."""
    episode = _episode_for(request, id, action=Action.VIEW, part="path_events")
    return paginate(episode.events.order_by("occurred_at", "id"), params)


@router.post("/episodes/{id}/events", response={201: EventOut})
def create_event(request, payload: EventIn, id: int = EpisodeId):
    """Record one step of the service path."""
    episode = _episode_for(request, id, action=Action.CHANGE, part="path_events")
    organisation = None
    if payload.organisation_id is not None:
        organisation = Organisation.objects.filter(pk=payload.organisation_id).first()
        if organisation is None:
            raise ValidationError({"organisation_id": _("No organisation has this id.")})
    event: PathEvent = event_create(
        actor=actor(request),
        episode=episode,
        kind=payload.kind,
        occurred_at=payload.occurred_at,
        summary=payload.summary,
        mode=payload.mode or "",
        duration_minutes=payload.duration_minutes,
        organisation=organisation,
        statement_name=payload.statement_name,
        statement_status=payload.statement_status or "",
        next_step=payload.next_step,
        internal=payload.internal,
    )
    return Status(201, event)


@router.post("/episodes/{id}/close", response=ClosingOut)
def close_episode(request, payload: CloseIn, id: int = EpisodeId):
    """Close with an outcome; a closed relationship answers 409."""
    episode = _episode_for(request, id, action=Action.CHANGE, part="closing")
    return episode_close(
        actor=actor(request),
        episode=episode,
        outcome=payload.outcome,
        summary=payload.summary,
        handover_to=payload.handover_to,
    )


@router.post("/episodes/{id}/reopen", response=EpisodeOut)
def reopen_episode(request, payload: ReopenIn, id: int = EpisodeId):
    """Reopen a closed client relationship with a reason; an open one answers 409."""
    episode = _episode_for(request, id, action=Action.CHANGE, part="closing")
    episode = episode_reopen(actor=actor(request), episode=episode, reason=payload.reason)
    return _episode_out(episode)


# --- attachments ---------------------------------------------------------------------------


class AttachmentOut(Schema):
    id: int
    event_id: int
    title: str
    content_type: str
    size: int
    uploaded_at: datetime.datetime
    uploaded_by_id: int

    @staticmethod
    def resolve_content_type(obj) -> str:
        return obj.scan_content_type


AttachmentTitle = Form(..., max_length=200)
AttachmentFile = File(...)


@router.post("/events/{event_id}/attachments", response={201: AttachmentOut})
def add_attachment(
    request,
    event_id: int = Path(..., ge=1, le=MAX_ID),
    title: str = AttachmentTitle,
    file: UploadedFile = AttachmentFile,
):
    """Attach a document (PDF, JPEG or PNG, checked by content) to a path event.

    Multipart form data: ``title`` and ``file``. For the coordinators of the
    relationship's service.
    """
    keys = (
        PathEvent.objects.filter(pk=event_id)
        .values_list("episode__client_id", "episode__service_id")
        .first()
    )
    if keys is None:
        raise Http404
    user = actor(request)
    client_for(
        user,
        keys[0],
        action=Action.CHANGE,
        part="attachments",
        channel=Channel.API,
        coordinators_of=keys[1],
    )
    event = PathEvent.objects.select_related("episode").get(pk=event_id)
    return Status(201, attachment_add(actor=user, event=event, title=title, upload=file))


@router.get("/attachments/{attachment_id}", response={200: None})
def get_attachment(request, attachment_id: int = Path(..., ge=1, le=MAX_ID)):
    """The attached file, through the access rule (never cached)."""
    keys = (
        EventAttachment.objects.filter(pk=attachment_id)
        .values_list("event__episode__client_id")
        .first()
    )
    if keys is None:
        raise Http404
    client = client_for(
        actor(request), keys[0], action=Action.VIEW, part="attachment", channel=Channel.EXPORT
    )
    document = EventAttachment.objects.get(pk=attachment_id, event__episode__client=client)
    try:
        handle = document.file.storage.open(document.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"attachment-{document.pk}{EXTENSIONS.get(document.scan_content_type, '')}",
        content_type=document.scan_content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
