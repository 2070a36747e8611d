"""Reads of the client's own view: only the client's own data, never internal steps."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.episodes.models import Episode, PathEvent, ResponsiblePerson
from rinnalla.measurements import instruments
from rinnalla.measurements.models import Measurement, SelfFillLink
from rinnalla.plans.models import (
    OPEN_STATUSES,
    ActionStatus,
    ClientPlan,
    Meeting,
    MeetingParticipant,
    PlanAction,
)
from rinnalla.portal.models import PortalAccess, TaskReport


def portal_access(client: Client) -> PortalAccess | None:
    return PortalAccess.objects.filter(client=client).first()


def action_client_id(pk: int) -> int | None:
    return PlanAction.objects.filter(pk=pk).values_list("episode__client_id", flat=True).first()


def current_episode(client: Client) -> Episode | None:
    """The open client relationship, else the latest one."""
    episodes = list(Episode.objects.filter(client=client).select_related("service"))
    if not episodes:
        return None
    open_ = [e for e in episodes if e.status != Episode.Status.CLOSED]
    pool = open_ or episodes
    return max(pool, key=lambda e: (e.opened_on, e.pk))


@dataclass
class Contact:
    person: User
    area: str
    phone: str
    organisation_phone: str


def contacts(episode: Episode | None) -> list[Contact]:
    """My contact person first, then the other responsible persons."""
    if episode is None:
        return []
    people = (
        ResponsiblePerson.objects.filter(episode=episode, ended_at__isnull=True)
        .select_related("professional__organisation")
        .order_by("-is_primary", "started_at", "id")
    )
    return [
        Contact(
            person=p.professional,
            area=p.area_text,
            phone=p.professional.phone,
            organisation_phone=(
                p.professional.organisation.phone if p.professional.organisation_id else ""
            ),
        )
        for p in people
    ]


def next_meeting(episode: Episode | None) -> Meeting | None:
    if episode is None:
        return None
    return (
        Meeting.objects.filter(
            episode=episode, starts_at__gte=timezone.now(), minutes_recorded_at__isnull=True
        )
        .prefetch_related(
            Prefetch(
                "participants",
                queryset=MeetingParticipant.objects.select_related("professional__organisation"),
            )
        )
        .order_by("starts_at")
        .first()
    )


def current_plan(episode: Episode | None) -> ClientPlan | None:
    if episode is None:
        return None
    return (
        ClientPlan.objects.filter(episode=episode, distributed_to_client=True)
        .select_related("meeting")
        .order_by("-number")
        .first()
    )


@dataclass
class Task:
    action: PlanAction
    reports: list[TaskReport] = field(default_factory=list)

    @property
    def text(self) -> str:
        return self.action.for_client or self.action.description

    @property
    def reported_done(self) -> TaskReport | None:
        return next((r for r in self.reports if r.kind == TaskReport.Kind.DONE), None)

    @property
    def asked_help(self) -> TaskReport | None:
        return next((r for r in self.reports if r.kind == TaskReport.Kind.HELP), None)


def plan_actions(episode: Episode | None, plan: ClientPlan | None) -> list[Task]:
    """The plan's actions as the client reads them (cancelled ones left out)."""
    if episode is None or plan is None:
        return []
    actions = (
        PlanAction.objects.filter(episode=episode, plan__number__lte=plan.number)
        .exclude(status=ActionStatus.CANCELLED)
        .select_related("responsible_professional__organisation")
        .prefetch_related(
            Prefetch(
                "client_reports",
                queryset=TaskReport.objects.filter(handled_at__isnull=True),
                to_attr="open_reports",
            )
        )
        .order_by("due_on", "id")
    )
    return [Task(action=a, reports=a.open_reports) for a in actions]


def my_tasks(tasks: list[Task]) -> list[Task]:
    return [t for t in tasks if t.action.responsible_is_client]


def open_tasks(client: Client) -> list[Task]:
    """The client's own open tasks over all their relationships."""
    actions = (
        PlanAction.objects.filter(
            episode__client=client, responsible_is_client=True, status__in=OPEN_STATUSES
        )
        .prefetch_related(
            Prefetch(
                "client_reports",
                queryset=TaskReport.objects.filter(handled_at__isnull=True),
                to_attr="open_reports",
            )
        )
        .order_by("due_on", "id")
    )
    return [Task(action=a, reports=a.open_reports) for a in actions]


def shared_events(episode: Episode | None, *, limit: int = 10) -> list[PathEvent]:
    """What has happened, newest first: never the internal steps."""
    if episode is None:
        return []
    return list(
        PathEvent.objects.filter(episode=episode, internal=False)
        .select_related("organisation")
        .order_by("-occurred_at", "-id")[:limit]
    )


def waiting_questionnaires(client: Client) -> int:
    """Self-assessment links sent to the client and not used yet."""
    return SelfFillLink.objects.filter(
        client=client, used_at__isnull=True, expires_at__gt=timezone.now()
    ).count()


@dataclass
class Result:
    name: str
    measured_on: datetime.date
    score: str
    meaning: str
    by_self: bool


def my_results(client: Client, *, limit: int = 10) -> list[Result]:
    """Results of the instruments a client fills themself, in words the client knows."""
    rows = Measurement.objects.filter(
        client=client, instrument_code__in=instruments.SELF_FILL_CODES
    ).order_by("-measured_on", "-id")[:limit]
    results = []
    for m in rows:
        instrument = instruments.INSTRUMENTS.get(m.instrument_code)
        if instrument is None:
            continue
        results.append(
            Result(
                name=str(instrument.name),
                measured_on=m.measured_on,
                score=f"{m.total_score.normalize():f}" if m.total_score is not None else "",
                meaning=instrument.interpretation_label(m.interpretation)
                if m.interpretation
                else "",
                by_self=m.self_reported,
            )
        )
    return results


def log_entries(
    *, client: Client, start: datetime.date, end: datetime.date
) -> QuerySet[AccessLogEntry]:
    """Who has seen the client's data: the looks that were allowed, newest first."""
    from rinnalla.access.selectors import client_log_entries

    return client_log_entries(client=client, start=start, end=end).filter(
        outcome=AccessLogEntry.Outcome.ALLOWED
    )


def open_reports_for(user: User) -> list[TaskReport]:
    """Clients' reports on their tasks that a coordinator of the service has not handled."""
    if not (user.is_authenticated and user.is_coordinator and user.organisation_id):
        return []
    return list(
        TaskReport.objects.filter(
            handled_at__isnull=True, action__episode__service_id=user.organisation_id
        )
        .select_related("action__episode__client")
        .order_by("created_at", "id")
    )


def report_client_id(pk: int) -> int | None:
    return TaskReport.objects.filter(pk=pk).values_list("client_id", flat=True).first()


def report_service_id(pk: int) -> int | None:
    return (
        TaskReport.objects.filter(pk=pk)
        .values_list("action__episode__service_id", flat=True)
        .first()
    )
