"""Reads of the client's own view: only the client's own data, never internal steps."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q, QuerySet
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rinnalla.access.models import AccessLogEntry
from rinnalla.accounts.models import User
from rinnalla.catalogue.models import Service as CatalogueService
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
from rinnalla.referrals.models import Referral
from rinnalla.surveys.models import SurveyLink


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


@dataclass
class WaitingQuestionnaire:
    """A self-assessment link sent to the client, still open: filled on the site."""

    pk: int
    names: list[str]
    expires_at: datetime.datetime


def waiting_questionnaires(client: Client) -> list[WaitingQuestionnaire]:
    """Self-assessment links made for the client and not used, revoked or expired."""
    links = SelfFillLink.objects.filter(
        client=client, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now()
    ).order_by("expires_at", "id")
    return [
        WaitingQuestionnaire(
            pk=link.pk,
            names=[
                str(instruments.INSTRUMENTS[code].name)
                for code in link.instruments
                if code in instruments.INSTRUMENTS
            ],
            expires_at=link.expires_at,
        )
        for link in links
    ]


def questionnaire_client_id(pk: int) -> int | None:
    return SelfFillLink.objects.filter(pk=pk).values_list("client_id", flat=True).first()


def _client_survey_links():
    """Survey links addressed to a client (recipient "client"), never those handed out
    by hand: those may be for anyone."""
    return SurveyLink.objects.filter(recipient="client")


def waiting_surveys(client: Client) -> list[SurveyLink]:
    """Feedback surveys sent to the client and not answered yet.

    A link exists only until it is answered (the answer keeps nothing that joins it to
    the client), so "not answered" is simply "still exists and has not expired".
    """
    return list(
        _client_survey_links()
        .filter(Q(episode__client=client) | Q(meeting__episode__client=client))
        .filter(expires_at__gt=timezone.now())
        .select_related("survey", "meeting")
        .order_by("expires_at", "id")
    )


def survey_link_client_id(pk: int) -> int | None:
    row = (
        _client_survey_links()
        .filter(pk=pk)
        .values_list("episode__client_id", "meeting__episode__client_id")
        .first()
    )
    return (row[0] or row[1]) if row else None


# What a client's result means, in a sentence the client understands.
RESULT_EXPLANATIONS = {
    "work-ability-self-rating": gettext_lazy(
        "0 means that you cannot work at all now, 10 means your work ability at its best."
    ),
    "whodas-12": gettext_lazy("The more points, the more difficulty you have in everyday life."),
    "audit": gettext_lazy("The more points, the more harm alcohol may cause to your health."),
}


@dataclass
class Result:
    name: str
    measured_on: datetime.date
    score: str
    meaning: str
    by_self: bool
    max_score: str = ""
    explanation: str = ""


def _number(value) -> str:
    return f"{value.normalize():f}" if value is not None else ""


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
                score=_number(m.total_score),
                meaning=instrument.interpretation_label(m.interpretation)
                if m.interpretation
                else "",
                by_self=m.self_reported,
                max_score=_number(instrument.max_total),
                explanation=str(RESULT_EXPLANATIONS.get(m.instrument_code, "")),
            )
        )
    return results


@dataclass
class MyService:
    """A service the client is in, with what the catalogue says of it when it knows it."""

    name: str
    provider: str = ""
    description: str = ""
    phone: str = ""
    email: str = ""
    url: str = ""
    catalogue_id: int | None = None
    reasons: list[str] = field(default_factory=list)


def _from_catalogue(service: CatalogueService) -> MyService:
    return MyService(
        name=service.name,
        provider=service.provider_display,
        description=service.description,
        phone=service.phone,
        email=service.email,
        url=service.url,
        catalogue_id=service.pk,
    )


REDIRECT_SHOWN_DAYS = 365


def my_services(client: Client) -> list[MyService]:
    """The services I am in: my open client relationships (with their catalogue entry
    when the catalogue has one for that organisation), the catalogue services of my open
    plan actions, and services my referral was passed on to in the last year.

    Only what the client may see: actions of plans given to the client, never internal
    steps, and no referral texts or reasons. Four queries whatever the number.
    """
    today = timezone.localdate()
    found: dict[tuple, MyService] = {}

    def add(key, make, reason: str) -> None:
        item = found.get(key) or make()
        found[key] = item
        if reason not in item.reasons:
            item.reasons.append(reason)

    episodes = list(
        Episode.objects.filter(client=client)
        .exclude(status=Episode.Status.CLOSED)
        .select_related("service")
        .order_by("opened_on", "id")
    )
    by_provider: dict[int, list[CatalogueService]] = {}
    for service in CatalogueService.objects.filter(
        provider_id__in=[e.service_id for e in episodes]
    ).select_related("provider"):
        if service.is_valid_on(today):
            by_provider.setdefault(service.provider_id, []).append(service)
    for episode in episodes:
        reason = _("You are a client here since %(date)s.") % {
            "date": formats.date_format(episode.opened_on, "SHORT_DATE_FORMAT")
        }
        entries = by_provider.get(episode.service_id)
        if not entries:
            organisation = episode.service
            add(
                ("organisation", organisation.pk),
                lambda o=organisation: MyService(name=o.name, phone=o.phone),
                reason,
            )
        for service in entries or []:
            add(("catalogue", service.pk), lambda s=service: _from_catalogue(s), reason)

    actions = (
        PlanAction.objects.filter(
            episode__client=client,
            status__in=OPEN_STATUSES,
            catalogue_service__isnull=False,
            plan__distributed_to_client=True,
        )
        .select_related("catalogue_service__provider")
        .order_by("due_on", "id")
    )
    for action in actions:
        reason = _("In your plan: %(text)s (by %(date)s).") % {
            "text": action.for_client or action.description,
            "date": formats.date_format(action.due_on, "SHORT_DATE_FORMAT"),
        }
        service = action.catalogue_service
        add(("catalogue", service.pk), lambda s=service: _from_catalogue(s), reason)

    since = timezone.now() - datetime.timedelta(days=REDIRECT_SHOWN_DAYS)
    redirects = (
        Referral.objects.filter(
            client=client,
            status=Referral.Status.REDIRECTED,
            redirected_service__isnull=False,
            triaged_at__gte=since,
        )
        .select_related("redirected_service__provider")
        .order_by("triaged_at", "id")
    )
    for referral in redirects:
        reason = _("Your referral was passed on to this service on %(date)s.") % {
            "date": formats.date_format(
                timezone.localtime(referral.triaged_at).date(), "SHORT_DATE_FORMAT"
            )
        }
        service = referral.redirected_service
        add(("catalogue", service.pk), lambda s=service: _from_catalogue(s), reason)
    return list(found.values())


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
