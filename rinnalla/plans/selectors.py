"""Every read the meeting and plan pages need, each with a constant number of queries.

The ``*_client_id`` helpers find whose data a URL points to without reading that data,
so that the access rule is called before anything else is loaded. Pages and API
operations open an episode, meeting, plan or action through ``checked_*``: the one
access check (logged) followed by the load filtered by the client it allowed.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from rinnalla.access.policy import Action, client_for
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.episodes.models import Episode, ResponsiblePerson
from rinnalla.plans.models import (
    OPEN_STATUSES,
    ActionStatusChange,
    ClientPlan,
    Meeting,
    MeetingParticipant,
    PlanAction,
)


def episode_client_id(pk: int) -> int | None:
    return Episode.objects.filter(pk=pk).values_list("client_id", flat=True).first()


def meeting_client_id(pk: int) -> int | None:
    return Meeting.objects.filter(pk=pk).values_list("episode__client_id", flat=True).first()


def plan_client_id(pk: int) -> int | None:
    return ClientPlan.objects.filter(pk=pk).values_list("episode__client_id", flat=True).first()


def action_client_id(pk: int) -> int | None:
    return PlanAction.objects.filter(pk=pk).values_list("episode__client_id", flat=True).first()


def action_keys(pk: int) -> tuple[int, int, int | None] | None:
    """(client id, owning service id, responsible professional id) of an action."""
    return (
        PlanAction.objects.filter(pk=pk)
        .values_list("episode__client_id", "episode__service_id", "responsible_professional_id")
        .first()
    )


def episode_service_id(pk: int) -> int | None:
    return Episode.objects.filter(pk=pk).values_list("service_id", flat=True).first()


def meeting_service_id(pk: int) -> int | None:
    return Meeting.objects.filter(pk=pk).values_list("episode__service_id", flat=True).first()


def plan_service_id(pk: int) -> int | None:
    return ClientPlan.objects.filter(pk=pk).values_list("episode__service_id", flat=True).first()


def episode_for(*, pk: int, client: Client) -> Episode:
    episode = Episode.objects.select_related("service").get(pk=pk, client=client)
    episode.client = client
    return episode


def _participants() -> Prefetch:
    return Prefetch(
        "participants",
        queryset=MeetingParticipant.objects.select_related("professional__organisation"),
    )


def meeting_for(*, pk: int, client: Client) -> Meeting:
    meeting = (
        Meeting.objects.select_related("episode__service", "minutes_recorded_by")
        .prefetch_related(_participants())
        .get(pk=pk, episode__client=client)
    )
    meeting.episode.client = client
    return meeting


def plan_for(*, pk: int, client: Client) -> ClientPlan:
    plan = (
        ClientPlan.objects.select_related("episode__service", "meeting", "created_by", "updated_by")
        .prefetch_related(Prefetch("meeting__participants", queryset=_participants().queryset))
        .get(pk=pk, episode__client=client)
    )
    plan.episode.client = client
    plan.meeting.episode = plan.episode
    return plan


def action_for(*, pk: int, client: Client) -> PlanAction:
    action = PlanAction.objects.select_related("episode", "plan").get(pk=pk, episode__client=client)
    action.episode.client = client
    return action


# --- opened through the access rule -------------------------------------------------------


def _checked_client(
    user: User,
    client_id: int | None,
    *,
    action: str,
    part: str,
    channel: str,
    owner: int | None = None,
    responsible: int | None = None,
) -> Client:
    """The one access check; ``owner`` (a service id) reserves the request to its
    coordinators and ``responsible`` (a user id) lets the person responsible for an
    action in too."""
    if client_id is None:
        raise Http404
    return client_for(
        user,
        client_id,
        action=action,
        part=part,
        channel=channel,
        coordinators_of=owner,
        responsible=responsible,
    )


def _checked(
    user: User,
    pk: int,
    client_id_of,
    service_id_of,
    load,
    *,
    part: str,
    channel: str,
    action: str = Action.VIEW,
    coordinators_only: bool = False,
):
    client = _checked_client(
        user,
        client_id_of(pk),
        action=action,
        part=part,
        channel=channel,
        owner=service_id_of(pk) if coordinators_only else None,
    )
    return client, load(pk=pk, client=client)


def checked_episode(user: User, pk: int, **how) -> tuple[Client, Episode]:
    """The client and the episode ``pk`` if ``user`` may do ``action`` (default: view)
    on them in ``part`` through ``channel``, logged; ``coordinators_only``: only the
    coordinators of the episode's service."""
    return _checked(user, pk, episode_client_id, episode_service_id, episode_for, **how)


def checked_meeting(user: User, pk: int, **how) -> tuple[Client, Meeting]:
    """The client and the meeting ``pk``, as :func:`checked_episode`."""
    return _checked(user, pk, meeting_client_id, meeting_service_id, meeting_for, **how)


def checked_plan(user: User, pk: int, **how) -> tuple[Client, ClientPlan]:
    """The client and the plan version ``pk``, as :func:`checked_episode`."""
    return _checked(user, pk, plan_client_id, plan_service_id, plan_for, **how)


def checked_action_change(user: User, pk: int, *, channel: str) -> tuple[Client, PlanAction]:
    """The client and the plan action ``pk`` if ``user`` may change it (logged): a
    coordinator of the episode's service or the person responsible for the action."""
    client_id, service_id, responsible_id = action_keys(pk) or (None, None, None)
    client = _checked_client(
        user,
        client_id,
        action=Action.CHANGE,
        part="plan_action",
        channel=channel,
        owner=service_id,
        responsible=responsible_id,
    )
    return client, action_for(pk=pk, client=client)


def plan_actions(plan: ClientPlan) -> QuerySet[PlanAction]:
    """The actions agreed in this plan version or earlier, with their status history."""
    return (
        PlanAction.objects.filter(episode_id=plan.episode_id, plan__number__lte=plan.number)
        .select_related(
            "responsible_professional__organisation",
            "status_changed_by",
            "plan",
            "catalogue_service__provider",
        )
        .prefetch_related(
            Prefetch("history", queryset=ActionStatusChange.objects.select_related("changed_by"))
        )
        .order_by("due_on", "id")
    )


def plan_versions(episode: Episode) -> QuerySet[ClientPlan]:
    return (
        ClientPlan.objects.filter(episode=episode)
        .select_related("meeting")
        .only("id", "number", "episode_id", "meeting__starts_at", "updated_at")
        .order_by("number")
    )


def previous_version(plan: ClientPlan) -> ClientPlan | None:
    return (
        ClientPlan.objects.filter(episode_id=plan.episode_id, number__lt=plan.number)
        .select_related("meeting")
        .order_by("-number")
        .first()
    )


def is_current(plan: ClientPlan) -> bool:
    return not ClientPlan.objects.filter(
        episode_id=plan.episode_id, number__gt=plan.number
    ).exists()


def primary_contact(episode: Episode) -> User | None:
    person = (
        ResponsiblePerson.objects.filter(episode=episode, is_primary=True, ended_at__isnull=True)
        .select_related("professional__organisation")
        .first()
    )
    return person.professional if person else None


def next_scheduled_meeting(episode: Episode) -> Meeting | None:
    return (
        Meeting.objects.filter(
            episode=episode,
            starts_at__gte=timezone.now(),
            minutes_recorded_at__isnull=True,
            cancelled_at__isnull=True,
        )
        .order_by("starts_at")
        .first()
    )


def plan_prefill(meeting: Meeting) -> dict:
    """What a new plan version starts from, so that nothing is typed twice.

    The previous version's text (copied forward by ``plan_create`` too); "things
    planned" from this meeting's minutes; for a first version the client's view and
    functional capacity from the latest work ability assessment; the next meeting from
    the next network meeting already scheduled after this one.
    """
    from rinnalla.workability.selectors import latest as latest_assessment

    episode = meeting.episode
    previous = ClientPlan.objects.filter(episode=episode).order_by("-number").first()
    values = {}
    if previous is not None:
        values = {name: getattr(previous, name) for name in ClientPlan.TEXT_FIELDS}
        values["next_meeting_on"] = None
    else:
        assessment = latest_assessment(episode=episode)
        if assessment is not None:
            values["client_wishes"] = assessment.client_view
            values["shared_view"] = "\n\n".join(
                text for text in (assessment.functional_capacity, assessment.limitations) if text
            )
            proposals = "; ".join(assessment.get_proposals_display())
            values["planned"] = "\n".join(
                text for text in (proposals, assessment.proposal_details) if text
            )
    if meeting.minutes:
        values["planned"] = meeting.minutes
    following = (
        Meeting.objects.filter(
            episode=episode, starts_at__gt=meeting.starts_at, cancelled_at__isnull=True
        )
        .order_by("starts_at")
        .first()
    )
    if following is not None:
        values["next_meeting_on"] = timezone.localdate(following.starts_at)
    return values


def professional_candidates() -> QuerySet[User]:
    """Who can take part or be responsible: active coordinators and network professionals."""
    return (
        User.objects.filter(
            is_active=True,
            organisation__isnull=False,
            role__in=[User.Role.COORDINATOR, User.Role.NETWORK_PROFESSIONAL],
        )
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "id")
    )


def network_of(episode: Episode) -> set[int]:
    """Ids of the professionals already in this client's network (responsible or invited)."""
    responsible = ResponsiblePerson.objects.filter(
        episode=episode, ended_at__isnull=True
    ).values_list("professional_id", flat=True)
    invited = MeetingParticipant.objects.filter(
        meeting__episode=episode, professional__isnull=False
    ).values_list("professional_id", flat=True)
    return set(responsible) | set(invited)


@dataclass
class EpisodeSummary:
    episode: Episode
    meetings: list[Meeting]
    current_plan: ClientPlan | None
    next_meeting: Meeting | None
    open_actions: int
    overdue_actions: int


def episode_summary(episode: Episode) -> EpisodeSummary:
    """What the client page shows about meetings and the plan of one relationship."""
    return episode_summaries([episode])[episode.pk]


def episode_summaries(episodes) -> dict[int, EpisodeSummary]:
    """The summaries of many relationships in two queries, whatever their number."""
    today = timezone.localdate()
    now = timezone.now()
    ids = [episode.pk for episode in episodes]
    meetings_by_episode: dict[int, list[Meeting]] = defaultdict(list)
    for meeting in (
        Meeting.objects.filter(episode_id__in=ids)
        .select_related("plan")
        .order_by("-starts_at", "-id")
    ):
        meetings_by_episode[meeting.episode_id].append(meeting)
    counts = {
        row["episode_id"]: row
        for row in PlanAction.objects.filter(episode_id__in=ids, status__in=OPEN_STATUSES)
        .values("episode_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today)))
    }
    summaries = {}
    for episode in episodes:
        meetings = meetings_by_episode[episode.pk]
        plans = [m.plan for m in meetings if hasattr(m, "plan")]
        upcoming = [
            m
            for m in meetings
            if m.minutes_recorded_at is None and m.cancelled_at is None and m.starts_at >= now
        ]
        count = counts.get(episode.pk, {})
        summaries[episode.pk] = EpisodeSummary(
            episode=episode,
            meetings=meetings,
            current_plan=max(plans, key=lambda p: p.number) if plans else None,
            next_meeting=min(upcoming, key=lambda m: m.starts_at) if upcoming else None,
            open_actions=count.get("open", 0),
            overdue_actions=count.get("overdue", 0),
        )
    return summaries


@dataclass
class OpenItems:
    """What is still open when a relationship is about to close."""

    actions: list[PlanAction]
    meetings: list[Meeting]


def open_items(episode: Episode) -> OpenItems:
    return OpenItems(
        actions=list(
            PlanAction.objects.filter(episode=episode, status__in=OPEN_STATUSES)
            .select_related("responsible_professional")
            .order_by("due_on", "id")
        ),
        meetings=list(
            Meeting.objects.filter(
                episode=episode,
                minutes_recorded_at__isnull=True,
                cancelled_at__isnull=True,
                starts_at__gte=timezone.now(),
            )
            .prefetch_related("participants__professional")
            .order_by("starts_at", "id")
        ),
    )
