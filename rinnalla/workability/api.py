"""API: the work ability assessment and plan proposal, and statement follow-up.

The same services and access rule as the pages: reading goes through ``client_for``;
writing is for the coordinators of the relationship's service.
"""

import datetime

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Router, Schema, Status

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.accounts.models import User
from rinnalla.core.apikit import MAX_ID, Day, Id, Text, actor, choices_literal
from rinnalla.core.pdf import pdf_response
from rinnalla.episodes.models import Episode
from rinnalla.measurements.models import Measurement
from rinnalla.workability import outputs, selectors, services
from rinnalla.workability.models import Proposal, Statement, WorkAbilityAssessment

router = Router(tags=["work ability assessment"])

PART = "work_ability_assessment"
PathId = Path(..., ge=1, le=MAX_ID)
ProposalCode = choices_literal(Proposal)
StatementCode = choices_literal(Statement)


class AssessmentIn(Schema):
    based_on_version: int | None = Field(
        None, ge=1, description="The version you started from; null for the first."
    )
    physician_id: Id | None = None
    physician_name: Text(200) = ""
    situation: Text() = ""
    functional_capacity: Text() = ""
    limitations: Text() = ""
    client_view: Text() = ""
    measurement_ids: list[Id] = Field(default_factory=list, max_length=100)
    conclusion: Text(min_length=1)
    proposals: list[ProposalCode] = Field(min_length=1, max_length=20)
    proposal_details: Text() = ""


class StatementRequestOut(Schema):
    id: int
    episode_id: int
    statement: StatementCode
    assessment_id: int
    physician_id: int | None
    physician_name: str
    requested_at: datetime.datetime
    follow_up_on: datetime.date
    received_on: datetime.date | None
    requested_event_id: int
    received_event_id: int | None


class AssessmentOut(Schema):
    id: int
    episode_id: int
    version: int
    physician_id: int | None
    physician_name: str
    situation: str
    functional_capacity: str
    limitations: str
    client_view: str
    measurement_ids: list[int]
    conclusion: str
    proposals: list[ProposalCode]
    proposal_details: str
    written_by_id: int
    created_at: datetime.datetime

    @staticmethod
    def resolve_measurement_ids(obj) -> list[int]:
        return sorted(m.pk for m in obj.measurements.all())


class StatementReceivedIn(Schema):
    received_on: Day
    summary: Text() = ""


def _episode(request, episode_id: int, *, action: str, write: bool = False) -> Episode:
    keys = selectors.episode_keys(episode_id)
    if keys is None:
        raise Http404
    client_id, service_id = keys
    client = client_for(
        actor(request),
        client_id,
        action=action,
        part=PART,
        channel=Channel.API,
        coordinators_of=service_id if write else None,
    )
    return Episode.objects.get(pk=episode_id, client=client)


def _assessment(request, pk: int, *, channel=Channel.API) -> tuple[WorkAbilityAssessment, object]:
    keys = selectors.assessment_keys(pk)
    if keys is None:
        raise Http404
    client = client_for(actor(request), keys[1], action=Action.VIEW, part=PART, channel=channel)
    return selectors.assessment_for_page(pk=pk, client=client), client


@router.get("/episodes/{episode_id}/work-ability-assessments", response=list[AssessmentOut])
def list_assessments(request, episode_id: int = PathId):
    """Every version of the relationship's assessment, newest first."""
    episode = _episode(request, episode_id, action=Action.VIEW)
    return list(
        episode.work_ability_assessments.prefetch_related("measurements").order_by("-version")
    )


@router.post("/episodes/{episode_id}/work-ability-assessments", response={201: AssessmentOut})
def create_assessment(request, payload: AssessmentIn, episode_id: int = PathId):
    """Save a new version. Asking for a B-lausunto starts its follow-up (409 when
    ``based_on_version`` is not the latest)."""
    episode = _episode(request, episode_id, action=Action.CHANGE, write=True)
    physician = None
    if payload.physician_id is not None:
        physician = User.objects.filter(pk=payload.physician_id, is_active=True).first()
        if physician is None:
            raise ValidationError({"physician_id": _("Choose a physician of the network.")})
    measurements = list(
        Measurement.objects.filter(pk__in=payload.measurement_ids, client_id=episode.client_id)
    )
    if len(measurements) != len(set(payload.measurement_ids)):
        raise ValidationError({"measurement_ids": _("Choose the client's own measurements.")})
    assessment = services.assessment_save(
        actor=actor(request),
        episode=episode,
        based_on_version=payload.based_on_version,
        conclusion=payload.conclusion,
        proposals=list(payload.proposals),
        situation=payload.situation,
        functional_capacity=payload.functional_capacity,
        limitations=payload.limitations,
        client_view=payload.client_view,
        proposal_details=payload.proposal_details,
        physician=physician,
        physician_name=payload.physician_name,
        measurements=measurements,
    )
    return Status(201, assessment)


@router.get("/work-ability-assessments/{assessment_id}", response=AssessmentOut)
def get_assessment(request, assessment_id: int = PathId):
    assessment, _client = _assessment(request, assessment_id)
    return assessment


@router.get("/work-ability-assessments/{assessment_id}/pdf", response={200: None})
def assessment_pdf(request, assessment_id: int = PathId):
    """The version as a tagged PDF for the physician."""
    assessment, client = _assessment(request, assessment_id, channel=Channel.PDF)
    return pdf_response(
        outputs.assessment_pdf(assessment, client),
        f"tyokykyarvio-{assessment.episode_id}-v{assessment.version}.pdf",
    )


@router.get("/work-ability-assessments/{assessment_id}/record-text", response={200: None})
def assessment_record_text(request, assessment_id: int = PathId) -> HttpResponse:
    """The version as plain text for the patient record."""
    assessment, client = _assessment(request, assessment_id)
    response = HttpResponse(
        outputs.record_text(assessment, client), content_type="text/plain; charset=utf-8"
    )
    response["Cache-Control"] = "no-store"
    return response


@router.get("/episodes/{episode_id}/statement-requests", response=list[StatementRequestOut])
def list_statement_requests(request, episode_id: int = PathId):
    """The statements asked in the relationship, awaited ones first."""
    episode = _episode(request, episode_id, action=Action.VIEW)
    return selectors.statement_requests(episode=episode)


@router.post("/statement-requests/{request_id}/received", response=StatementRequestOut)
def statement_received(request, payload: StatementReceivedIn, request_id: int = PathId):
    """Record the statement as received (attach the document with POST /events/{id}/attachments)."""
    keys = selectors.statement_request_keys(request_id)
    if keys is None:
        raise Http404
    episode = _episode(request, keys[0], action=Action.CHANGE, write=True)
    statement_request = episode.statement_requests.get(pk=request_id)
    return services.statement_receive(
        actor=actor(request),
        request=statement_request,
        received_on=payload.received_on,
        summary=payload.summary,
    )
