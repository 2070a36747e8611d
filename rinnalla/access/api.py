"""API: the client's access log and the client relationship's responsible persons."""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema, Status

from rinnalla.access.forms import default_period
from rinnalla.access.labels import entry_organisation_name, entry_user_name, part_label
from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.access.selectors import client_log_entries
from rinnalla.accounts.models import User
from rinnalla.core.apikit import MAX_ID, Day, Id, Page, PageParams, Text, actor, paginate
from rinnalla.episodes.models import Episode, ResponsiblePerson
from rinnalla.episodes.services import responsible_person_add

router = Router(tags=["access"])

PathId = Path(..., ge=1, le=MAX_ID)


class LogFilter(PageParams):
    start: Day | None = None
    end: Day | None = None


class AccessLogEntryOut(Schema):
    id: int
    at: datetime.datetime
    user: str = Field(description="The user's name as it was at the time.")
    username: str
    role: str = Field(description="The user's role at the time ('' for the client).")
    organisation: str | None = Field(description="The user's organisation at the time.")
    action: str
    listed: bool = Field(description="The client appeared in a list or search result.")
    part: str
    part_label: str = Field(description="The part in the requester's language.")
    channel: str
    purpose: str
    outcome: str
    break_glass: bool


def _entry_out(entry) -> dict:
    return {
        "id": entry.pk,
        "at": entry.at,
        "user": entry_user_name(entry),
        "username": entry.username,
        "role": entry.user_role or (entry.user.role if entry.user else ""),
        "organisation": entry_organisation_name(entry) or None,
        "action": entry.action,
        "listed": bool(getattr(entry, "listed_here", False)),
        "part": entry.part,
        "part_label": part_label(entry.part),
        "channel": entry.channel,
        "purpose": entry.purpose,
        "outcome": entry.outcome,
        "break_glass": entry.break_glass,
    }


@router.get("/clients/{id}/access-log", response=Page[AccessLogEntryOut])
def client_access_log(request, filters: Query[LogFilter], id: int = PathId):
    """Who has seen the client's data: newest first, default the last 12 months.

    For the client's own coordinators only; reading the log is itself logged.
    """
    client = client_for(
        actor(request),
        id,
        action=Action.VIEW,
        part="access_log",
        channel=Channel.API,
        coordinator_only=True,
    )
    default_start, default_end = default_period()
    start, end = filters.start or default_start, filters.end or default_end
    if start > end:
        raise ValidationError({"start": _("The start of the period must not be after its end.")})
    page = paginate(client_log_entries(client=client, start=start, end=end), filters)
    return {"items": [_entry_out(entry) for entry in page["items"]], "count": page["count"]}


class ResponsiblePersonIn(Schema):
    professional_id: Id
    area: Text(200, min_length=1)
    primary: bool = False


class ResponsiblePersonOut(Schema):
    id: int
    professional_id: int
    username: str
    name: str
    organisation: str | None
    area: str
    primary: bool
    started_at: datetime.datetime
    ended_at: datetime.datetime | None


def _person_out(person: ResponsiblePerson) -> dict:
    professional = person.professional
    return {
        "id": person.pk,
        "professional_id": professional.pk,
        "username": professional.username,
        "name": professional.get_full_name() or professional.username,
        "organisation": professional.organisation.name if professional.organisation else None,
        "area": person.area_text,
        "primary": person.is_primary,
        "started_at": person.started_at,
        "ended_at": person.ended_at,
    }


def _episode(request, episode_id: int, *, action: str) -> Episode:
    keys = Episode.objects.filter(pk=episode_id).values_list("client_id", "service_id").first()
    if keys is None:
        raise Http404
    client = client_for(
        actor(request),
        keys[0],
        action=action,
        part="responsible_persons",
        channel=Channel.API,
        coordinators_of=keys[1] if action == Action.CHANGE else None,
    )
    return Episode.objects.get(pk=episode_id, client=client)


def _persons(episode: Episode):
    return (
        ResponsiblePerson.objects.filter(episode=episode)
        .select_related("professional__organisation")
        .order_by("ended_at", "-is_primary", "started_at", "id")
    )


@router.get("/episodes/{id}/responsible-persons", response=list[ResponsiblePersonOut])
def list_responsible_persons(request, id: int = PathId):
    """The client relationship's responsible persons (asiakasvastaava), current ones first."""
    episode = _episode(request, id, action=Action.VIEW)
    return [_person_out(person) for person in _persons(episode)]


@router.post("/episodes/{id}/responsible-persons", response={201: ResponsiblePersonOut})
def add_responsible_person(request, payload: ResponsiblePersonIn, id: int = PathId):
    """Name a responsible person; ``primary`` makes them the primary contact."""
    episode = _episode(request, id, action=Action.CHANGE)
    professional = User.objects.filter(pk=payload.professional_id, is_active=True).first()
    if professional is None:
        raise ValidationError({"professional_id": _("No active professional has this id.")})
    person = responsible_person_add(
        actor=actor(request),
        episode=episode,
        professional=professional,
        area=payload.area,
        primary=payload.primary,
    )
    return Status(201, _person_out(_persons(episode).get(pk=person.pk)))
