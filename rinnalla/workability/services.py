"""Every write of the work ability assessment and its statement requests."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import User
from rinnalla.core.errors import Conflict
from rinnalla.episodes.models import Episode, EventKind, StatementStatus
from rinnalla.episodes.services import attachment_add, event_create
from rinnalla.measurements.models import Measurement
from rinnalla.workability.models import (
    Proposal,
    StatementRequest,
    WorkAbilityAssessment,
)
from rinnalla.workability.texts import (
    ASSESSMENT_WRITTEN,
    STATEMENT_RECEIVED,
    STATEMENT_REQUESTED,
    statement_label,
)


def follow_up_days() -> int:
    return settings.RINNALLA_STATEMENT_FOLLOW_UP_DAYS


@transaction.atomic
def assessment_save(
    *,
    actor: User,
    episode: Episode,
    based_on_version: int | None,
    conclusion: str,
    proposals: list[str],
    situation: str = "",
    functional_capacity: str = "",
    limitations: str = "",
    client_view: str = "",
    proposal_details: str = "",
    physician: User | None = None,
    physician_name: str = "",
    measurements: list[Measurement] | None = None,
    at: datetime.datetime | None = None,
) -> WorkAbilityAssessment:
    """Save a new version; a statement it asks for starts its follow-up.

    ``based_on_version`` is the version the writer started from (None for the first);
    when someone saved a newer one meanwhile, :class:`Conflict` — nothing is overwritten.
    The version enters the service path ("written for the physician"), and each
    statement it asks for that is not already awaited gets a "statement requested" path
    event and a :class:`StatementRequest` to follow until it is received.
    """
    episode = Episode.objects.select_for_update().get(pk=episode.pk)
    if episode.status == Episode.Status.CLOSED:
        raise Conflict(_("The client relationship is closed. Reopen it first."))
    latest = episode.work_ability_assessments.aggregate(v=Max("version"))["v"]
    if latest != based_on_version:
        raise Conflict(
            _(
                "Someone saved a newer version (%(version)s) while you were writing. Open "
                "it and add your changes there."
            )
            % {"version": latest}
        )
    now = timezone.now()
    at = at or now
    errors = {}
    if at > now + datetime.timedelta(minutes=5):
        errors["at"] = _("The date cannot be in the future.")
    unknown = set(proposals) - set(Proposal.values)
    if unknown:
        errors["proposals"] = _("Unknown proposal: %(codes)s") % {"codes": ", ".join(unknown)}
    if not (conclusion or "").strip():
        errors["conclusion"] = _("Write the conclusion of your assessment.")
    if not proposals:
        errors["proposals"] = _("Choose at least one thing you propose.")
    if physician is not None and physician.role != User.Role.NETWORK_PROFESSIONAL:
        errors["physician"] = _("Choose a physician of the network.")
    picked = list(measurements or [])
    if any(m.client_id != episode.client_id for m in picked):
        errors["measurements"] = _("Choose the client's own measurements.")
    if errors:
        raise ValidationError(errors)
    assessment = WorkAbilityAssessment.objects.create(
        episode=episode,
        version=(latest or 0) + 1,
        physician=physician,
        physician_name="" if physician else " ".join((physician_name or "").split())[:200],
        situation=situation.strip(),
        functional_capacity=functional_capacity.strip(),
        limitations=limitations.strip(),
        client_view=client_view.strip(),
        conclusion=conclusion.strip(),
        proposals=[code for code in Proposal.values if code in proposals],
        proposal_details=proposal_details.strip(),
        written_by=actor,
        organisation=actor.organisation,
        created_at=at,
    )
    assessment.measurements.set(picked)
    event_create(
        actor=actor,
        episode=episode,
        kind=EventKind.NOTE,
        occurred_at=at,
        organisation=physician.organisation if physician else None,
        summary_code=ASSESSMENT_WRITTEN,
        summary_data={"version": assessment.version, "physician": assessment.physician_display},
    )
    for statement in assessment.requested_statements:
        if episode.statement_requests.filter(statement=statement, received_on__isnull=True):
            continue  # already awaited: the follow-up goes on
        _request(actor=actor, assessment=assessment, statement=statement, at=at)
    return assessment


def _request(
    *, actor: User, assessment: WorkAbilityAssessment, statement: str, at: datetime.datetime
) -> StatementRequest:
    episode = assessment.episode
    physician = assessment.physician
    event = event_create(
        actor=actor,
        episode=episode,
        kind=EventKind.STATEMENT,
        occurred_at=at,
        organisation=physician.organisation if physician else None,
        statement_status=StatementStatus.REQUESTED,
        summary_code=STATEMENT_REQUESTED,
        summary_data={
            "statement": statement,
            "version": assessment.version,
            "physician": assessment.physician_display,
        },
    )
    try:
        with transaction.atomic():
            return StatementRequest.objects.create(
                episode=episode,
                assessment=assessment,
                statement=statement,
                physician=physician,
                physician_name=assessment.physician_name,
                requested_at=at,
                requested_by=actor,
                follow_up_on=timezone.localtime(at).date()
                + datetime.timedelta(days=follow_up_days()),
                requested_event=event,
            )
    except IntegrityError as exc:  # a concurrent save asked for the same statement
        raise Conflict(_("This statement is already awaited.")) from exc


@transaction.atomic
def statement_receive(
    *,
    actor: User,
    request: StatementRequest,
    received_on: datetime.date,
    summary: str = "",
    document=None,
) -> StatementRequest:
    """Record that the statement arrived: a path event (with the document, if given)."""
    request = StatementRequest.objects.select_for_update().get(pk=request.pk)
    if request.received_on is not None:
        raise Conflict(_("The statement has already been recorded as received."))
    today = timezone.localdate()
    if received_on > today:
        raise ValidationError({"received_on": _("The date cannot be in the future.")})
    if received_on < timezone.localtime(request.requested_at).date():
        raise ValidationError({"received_on": _("The date is before the statement was requested.")})
    # A date without a time: now when it came today, else noon of that day, but never
    # before the request, so the path reads "requested", then "received".
    if received_on == today:
        occurred_at = timezone.now()
    else:
        noon = timezone.make_aware(datetime.datetime.combine(received_on, datetime.time(12, 0)))
        occurred_at = max(noon, request.requested_at)
    event = event_create(
        actor=actor,
        episode=request.episode,
        kind=EventKind.STATEMENT,
        occurred_at=occurred_at,
        organisation=request.physician.organisation if request.physician_id else None,
        statement_status=StatementStatus.RECEIVED,
        summary=(summary or "").strip(),
        summary_code="" if (summary or "").strip() else STATEMENT_RECEIVED,
        summary_data={"statement": request.statement},
    )
    if document is not None:
        attachment_add(
            actor=actor, event=event, title=statement_label(request.statement), upload=document
        )
    request.received_on = received_on
    request.received_event = event
    request.save(update_fields=["received_on", "received_event"])
    return request
