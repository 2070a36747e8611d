"""Reads of the work ability assessment pages, the PDF, the record text and My work."""

from django.db.models import Prefetch, QuerySet

from rinnalla.access.policy import visible_clients
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.episodes.models import Episode
from rinnalla.measurements.models import Measurement, ServiceNeedsAssessment
from rinnalla.measurements.selectors import Row, client_measurement_rows
from rinnalla.workability.models import StatementRequest, WorkAbilityAssessment


def assessment_keys(pk: int) -> tuple[int, int, int] | None:
    """(episode id, client id, service id) of a version, without reading the client."""
    return (
        WorkAbilityAssessment.objects.filter(pk=pk)
        .values_list("episode_id", "episode__client_id", "episode__service_id")
        .first()
    )


def statement_request_keys(pk: int) -> tuple[int, int, int] | None:
    return (
        StatementRequest.objects.filter(pk=pk)
        .values_list("episode_id", "episode__client_id", "episode__service_id")
        .first()
    )


def episode_keys(pk: int) -> tuple[int, int] | None:
    return Episode.objects.filter(pk=pk).values_list("client_id", "service_id").first()


def versions(*, episode: Episode) -> list[WorkAbilityAssessment]:
    return list(
        episode.work_ability_assessments.select_related("written_by", "physician").order_by(
            "-version"
        )
    )


def assessment_for_page(*, pk: int, client: Client) -> WorkAbilityAssessment:
    measurements = Measurement.objects.select_related("administered_by", "organisation")
    return (
        WorkAbilityAssessment.objects.filter(pk=pk, episode__client=client)
        .select_related(
            "episode", "episode__service", "physician", "physician__organisation", "written_by"
        )
        .prefetch_related(Prefetch("measurements", queryset=measurements))
        .get()
    )


def measurement_rows(assessment: WorkAbilityAssessment) -> list[Row]:
    """The measurements picked for this version, with their instruments, newest first."""
    picked = {m.pk for m in assessment.measurements.all()}
    return [
        row
        for row in client_measurement_rows(client=assessment.episode.client)
        if row.measurement.pk in picked
    ]


def latest(*, episode: Episode) -> WorkAbilityAssessment | None:
    return episode.work_ability_assessments.order_by("-version").first()


def latest_needs_assessment(*, client: Client) -> ServiceNeedsAssessment | None:
    return ServiceNeedsAssessment.objects.filter(client=client).order_by("-version").first()


def statement_requests(*, episode: Episode) -> list[StatementRequest]:
    """The relationship's requests, the awaited ones first."""
    return sorted(
        episode.statement_requests.select_related("physician", "assessment", "received_event")
        .prefetch_related("received_event__attachments")
        .all(),
        key=lambda r: (not r.is_open, r.follow_up_on),
    )


def awaited_statements(user: User) -> QuerySet[StatementRequest]:
    """Statements awaited in the relationships the user is responsible for (My work)."""
    return (
        StatementRequest.objects.filter(
            received_on__isnull=True,
            episode__client__in=visible_clients(user),
            episode__responsible_persons__professional=user,
            episode__responsible_persons__ended_at__isnull=True,
        )
        .exclude(episode__status=Episode.Status.CLOSED)
        .select_related("episode__client", "physician")
        .distinct()
        .order_by("follow_up_on", "id")
    )


def episode_cards(episodes: list[Episode]) -> dict[int, dict]:
    """For the client page: each relationship's latest version and its statement
    requests (awaited first), in at most two queries whatever the number of
    relationships."""
    ids = [episode.pk for episode in episodes]
    cards = {pk: {"latest": None, "requests": []} for pk in ids}
    for assessment in WorkAbilityAssessment.objects.filter(episode_id__in=ids).order_by(
        "episode_id", "version"
    ):
        cards[assessment.episode_id]["latest"] = assessment
    # A request is always asked in an assessment: none written, no second query.
    written = [pk for pk, card in cards.items() if card["latest"] is not None]
    requests = (
        StatementRequest.objects.filter(episode_id__in=written).select_related("physician")
        if written
        else []
    )
    for request in requests:
        cards[request.episode_id]["requests"].append(request)
    for card in cards.values():
        card["requests"].sort(key=lambda r: (not r.is_open, r.follow_up_on))
    return cards
