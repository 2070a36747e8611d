"""API: the client's segments and benefit or status periods (transition points)."""

import datetime

from ninja import Field, Path, Router, Schema, Status

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.core.apikit import MAX_ID, Day, Text, actor, choices_literal
from rinnalla.situation import selectors, services
from rinnalla.situation.models import PeriodKind, Segment

router = Router(tags=["client situation"])

PART = "situation"
PathId = Path(..., ge=1, le=MAX_ID)
SegmentCode = choices_literal(Segment)
PeriodCode = choices_literal(PeriodKind)


class SegmentIn(Schema):
    segment: SegmentCode
    reason: Text(2000, min_length=1)
    recorded_on: Day | None = None


class SegmentOut(Schema):
    id: int
    segment: SegmentCode
    reason: str
    recorded_on: datetime.date
    recorded_by_id: int
    created_at: datetime.datetime


class PeriodIn(Schema):
    kind: PeriodCode
    starts_on: Day
    ends_on: Day | None = None
    days_before: int = Field(
        0, ge=0, le=299, description="Sickness allowance days paid before this period."
    )
    note: Text(2000) = ""


class CheckpointOut(Schema):
    day: int
    date: datetime.date
    text: str


class PeriodOut(Schema):
    id: int
    kind: PeriodCode
    starts_on: datetime.date
    ends_on: datetime.date | None
    days_before: int
    note: str
    checkpoints: list[CheckpointOut] = Field(
        description="Kela's 60-, 90- and 150-day checkpoints (sickness allowance)."
    )
    recorded_by_id: int
    created_at: datetime.datetime

    @staticmethod
    def resolve_checkpoints(obj) -> list[dict]:
        return [{"day": d, "date": when, "text": str(text)} for d, when, text in obj.checkpoints]


@router.get("/clients/{client_id}/segments", response=list[SegmentOut])
def list_segments(request, client_id: int = PathId):
    """The client's segments, the current one first (the rest is its history)."""
    client = client_for(
        actor(request), client_id, action=Action.VIEW, part=PART, channel=Channel.API
    )
    return list(selectors.segments(client=client))


@router.post("/clients/{client_id}/segments", response={201: SegmentOut})
def add_segment(request, payload: SegmentIn, client_id: int = PathId):
    """Record the client's segment (the client's own coordinators)."""
    client = client_for(
        actor(request),
        client_id,
        action=Action.CHANGE,
        part=PART,
        channel=Channel.API,
        coordinator_only=True,
    )
    return Status(
        201,
        services.segment_record(
            actor=actor(request),
            client=client,
            segment=payload.segment,
            reason=payload.reason,
            recorded_on=payload.recorded_on,
        ),
    )


@router.get("/clients/{client_id}/periods", response=list[PeriodOut])
def list_periods(request, client_id: int = PathId):
    """The client's benefit and status periods, newest first."""
    client = client_for(
        actor(request), client_id, action=Action.VIEW, part=PART, channel=Channel.API
    )
    return list(selectors.periods(client=client))


@router.post("/clients/{client_id}/periods", response={201: PeriodOut})
def add_period(request, payload: PeriodIn, client_id: int = PathId):
    """Record a period; sickness allowance gets Kela's 60-, 90- and 150-day checkpoints."""
    client = client_for(
        actor(request), client_id, action=Action.CHANGE, part=PART, channel=Channel.API
    )
    return Status(
        201,
        services.period_record(
            actor=actor(request),
            client=client,
            kind=payload.kind,
            starts_on=payload.starts_on,
            ends_on=payload.ends_on,
            days_before=payload.days_before,
            note=payload.note,
        ),
    )
