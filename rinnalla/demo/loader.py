"""Record the demo cases (:mod:`rinnalla.demo.cases`) through the real services.

Generic: it knows organisations, people, clients, referrals and path items, not the
five cases. Every write goes through a service (client_create, referral_create,
referral_triage, event_create, consent_record, responsible_person_add, meeting_create,
meeting_record_minutes, plan_create, action_create, episode_close), so the demo data
obeys exactly the rules the pages do. The one exception is the "recorded at" stamps
(client, referral and relationship created, responsible person since, handover time,
meeting, minutes, plan and actions recorded), which the services set to the current
time: the loader moves them back to the step's date so a case from 2023 does not look
registered today.
"""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from rinnalla.accounts.models import Organisation, User
from rinnalla.catalogue import seed
from rinnalla.catalogue.models import Service
from rinnalla.catalogue.services import catalogue_load
from rinnalla.clients.services import client_create
from rinnalla.consent.services import consent_record
from rinnalla.core import hetu
from rinnalla.demo import cases as data
from rinnalla.episodes.models import Handover, ResponsiblePerson
from rinnalla.episodes.services import episode_close, event_create, responsible_person_add
from rinnalla.measurements.models import Measurement, ServiceNeedsAssessment
from rinnalla.measurements.services import assessment_save as needs_assessment_save
from rinnalla.measurements.services import measurement_record
from rinnalla.plans.models import (
    ActionStatusChange,
    ClientPlan,
    Meeting,
    PlanAction,
    PlanRevision,
)
from rinnalla.plans.services import (
    action_create,
    action_set_status,
    meeting_create,
    meeting_record_minutes,
    plan_create,
)
from rinnalla.referrals.services import referral_create, referral_triage
from rinnalla.situation.models import ClientSegment
from rinnalla.situation.services import period_record, segment_record
from rinnalla.workability.services import assessment_save as work_ability_save


class DemoAlreadyLoaded(Exception):
    pass


def _tz():
    return ZoneInfo(settings.TIME_ZONE)


def at(text: str) -> datetime.datetime:
    return datetime.datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=_tz())


def day(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def demo_users_present() -> list[str]:
    names = [p.username for p in data.PEOPLE]
    return sorted(User.objects.filter(username__in=names).values_list("username", flat=True))


@transaction.atomic
def load(cases: list[data.Case] | None = None, *, history: bool = False) -> dict:
    """Load organisations, people and ``cases`` (default: all five). All or nothing.

    ``history`` adds a year of finished paths in the demo service for the reports
    (:mod:`rinnalla.demo.history`).
    """
    existing = demo_users_present()
    if existing:
        raise DemoAlreadyLoaded(", ".join(existing))
    orgs = _organisations()
    people = _people(orgs)
    service = orgs[data.COORDINATION_SERVICE]
    _catalogue(people)
    loaded = {}
    for case in data.CASES if cases is None else cases:
        loaded[case.label] = _case(case, service=service, orgs=orgs, people=people)
    if history:
        from rinnalla.demo.history import load_history

        load_history(service=service, orgs=orgs, people=people)
    _feedback_and_reports(service=service, people=people)
    return loaded


def _catalogue(people: dict[str, User]) -> None:
    """The service catalogue; the demo coordinator keeps the two services of LIITE 8."""
    catalogue_load()
    for code in (seed.SUPPORT_TEAM, seed.REHAB_CLINIC):
        Service.objects.get(code=code).keepers.add(people["tkk"])


def _feedback_and_reports(*, service, people) -> None:
    """Seeded survey answers, the coordinator's working time, and the first report figures."""
    from rinnalla.reports.rollup import rollups_refresh
    from rinnalla.surveys.demo import seed_feedback

    seed_feedback(service=service)
    # Addresses for the demo's professionals, so that the survey e-mails after a network
    # meeting show in the console.
    for user in people.values():
        if not user.email:
            User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.org")
    User.objects.filter(role=User.Role.COORDINATOR, organisation=service).update(
        working_time_percent=100
    )
    rollups_refresh(full=True)


def _organisations() -> dict[str, Organisation]:
    orgs = {}
    for org in data.ORGANISATIONS:
        orgs[org.key], _ = Organisation.objects.get_or_create(
            name=org.name,
            defaults={"kind": org.kind, "is_coordination_service": org.is_coordination_service},
        )
    return orgs


def _people(orgs: dict[str, Organisation]) -> dict[str, User]:
    people = {}
    # "demo" is shorter than the password validators allow on purpose: these are demo
    # logins, set here and never through a form. Hashed once: hashing is slow by design.
    demo_password = make_password(data.DEMO_PASSWORD)
    for person in data.PEOPLE:
        user = User(
            username=person.username,
            first_name=person.first_name,
            last_name=person.last_name,
            role=person.role,
            profession=person.profession,
            phone=person.phone,
            phone_hours=person.phone_hours,
            organisation=orgs[person.org],
            is_staff=person.is_staff,
        )
        if person.login:
            user.password = demo_password
        else:
            user.set_unusable_password()
        user.save()
        people[person.username] = user
    return people


def _case(case: data.Case, *, service, orgs, people):
    tkk = people[case.referral.coordinator]
    c = case.client
    client = client_create(
        actor=tkk,
        service=service,
        first_name=c.first_name,
        last_name=c.last_name,
        personal_identity_code=hetu.build(c.birth_date, c.individual_number),
        municipality=c.municipality,
        language=c.language,
        email=c.email,
        phone=c.phone,
        preferred_contact_method=c.preferred_contact_method,
    )
    r = case.referral
    referral = referral_create(
        actor=tkk,
        client=client,
        service=service,
        source_kind=r.source_kind,
        channel=r.channel,
        reason=r.reason,
        received_on=day(r.received_on),
        urgency=r.urgency,
        source_organisation=orgs[r.source_org] if r.source_org else None,
        source_professional=people[r.source_person] if r.source_person else None,
    )
    referral = referral_triage(
        actor=tkk,
        referral=referral,
        decision="accept",
        reason=r.triage_reason,
        coordinator=tkk,
        triaged_at=at(r.triaged_at),
    )
    episode = referral.episode
    _backdate(client, referral, episode, received=at(r.triaged_at))
    for item in case.path:
        if isinstance(item, data.Event):
            event_create(
                actor=people[item.author],
                episode=episode,
                kind=item.kind,
                occurred_at=at(item.at),
                summary=item.summary,
                mode=item.mode,
                duration_minutes=item.minutes,
                organisation=orgs[item.org] if item.org else None,
                statement_name=item.statement_name,
                statement_status=item.statement_status,
                next_step=item.next_step,
            )
        elif isinstance(item, data.GiveConsent):
            consent_record(
                actor=tkk,
                client=client,
                organisations=[orgs[key] for key in item.orgs],
                purpose=item.purpose,
                method=item.method,
                given_on=day(item.on),
                valid_until=day(item.until) if item.until else None,
            )
        elif isinstance(item, data.AddResponsible):
            person = responsible_person_add(
                actor=tkk,
                episode=episode,
                professional=people[item.username],
                area=item.area,
                primary=item.primary,
            )
            ResponsiblePerson.objects.filter(pk=person.pk).update(started_at=at(item.at))
            Handover.objects.filter(episode=episode, to_professional=person.professional).update(
                at=at(item.at)
            )
        elif isinstance(item, data.NetworkMeeting):
            _meeting(item, episode=episode, people=people)
        elif isinstance(item, data.Measure):
            measured = measurement_record(
                actor=people[item.author],
                client=client,
                instrument_code=item.instrument,
                answers=item.answers,
                measured_on=day(item.on),
                self_reported=item.self_reported,
                confirm_repeat=True,
            ).measurement
            Measurement.objects.filter(pk=measured.pk).update(created_at=at(f"{item.on} 15:00"))
        elif isinstance(item, data.NeedsAssessment):
            latest = ServiceNeedsAssessment.objects.filter(client=client).order_by("-version")
            saved = needs_assessment_save(
                actor=people[item.author],
                client=client,
                based_on_version=latest.values_list("version", flat=True).first(),
                own_work_ability_rating=item.own_rating,
                **item.sections,
            )
            ServiceNeedsAssessment.objects.filter(pk=saved.pk).update(created_at=at(item.at))
        elif isinstance(item, data.SetSegment):
            recorded = segment_record(
                actor=people[item.author],
                client=client,
                segment=item.segment,
                reason=item.reason,
                recorded_on=day(item.on),
            )
            ClientSegment.objects.filter(pk=recorded.pk).update(created_at=at(f"{item.on} 15:00"))
        elif isinstance(item, data.Period):
            ends_on = day(item.ends_on) if item.ends_on else None
            if item.ends_in_days is not None:
                ends_on = timezone.localdate() + datetime.timedelta(days=item.ends_in_days)
            period_record(
                actor=people[item.author],
                client=client,
                kind=item.kind,
                starts_on=day(item.starts_on),
                ends_on=ends_on,
                note=item.note,
            )
        elif isinstance(item, data.WorkAbility):
            _work_ability(item, episode=episode, people=people)
        elif isinstance(item, data.Close):
            episode_close(
                actor=tkk,
                episode=episode,
                outcome=item.outcome,
                summary=item.summary,
                handover_to=item.handover_to,
                closed_at=at(item.at),
            )
        else:  # pragma: no cover - a typo in cases.py
            raise TypeError(f"Unknown path item {item!r}")
    episode.refresh_from_db()
    return episode


def _work_ability(item: data.WorkAbility, *, episode, people) -> None:
    """The work ability assessment, with the newest result of each instrument named."""
    written_at = at(item.at)
    picked = []
    for code in item.instruments:
        newest = (
            Measurement.objects.filter(
                client=episode.client, instrument_code=code, measured_on__lte=written_at.date()
            )
            .order_by("-measured_on", "-id")
            .first()
        )
        if newest is not None:
            picked.append(newest)
    assessment = work_ability_save(
        actor=people[item.author],
        episode=episode,
        based_on_version=episode.work_ability_assessments.order_by("-version")
        .values_list("version", flat=True)
        .first(),
        physician=people[item.physician] if item.physician else None,
        situation=item.situation,
        functional_capacity=item.functional_capacity,
        limitations=item.limitations,
        client_view=item.client_view,
        conclusion=item.conclusion,
        proposals=list(item.proposals),
        proposal_details=item.proposal_details,
        measurements=picked,
        at=written_at,
    )
    if item.follow_up_in_days is not None:
        # Like the plan's due dates, the follow-up is relative to the day of loading.
        assessment.statement_requests.update(
            follow_up_on=timezone.localdate() + datetime.timedelta(days=item.follow_up_in_days)
        )


def _meeting(item: data.NetworkMeeting, *, episode, people) -> Meeting:
    """A network meeting that took place: minutes (and so its path event), plan, actions."""
    author = people[item.author]
    meeting = meeting_create(
        actor=author,
        episode=episode,
        starts_at=at(item.at),
        duration_minutes=item.duration,
        mode=item.mode,
        place=item.place,
        client_present=item.client_present,
        topics=list(item.topics),
        professionals=[people[username] for username in item.participants],
        send_invitations=False,  # recorded afterwards: nobody is invited to the past
    )
    # The path event's summary is a system text, shown in each reader's language.
    meeting = meeting_record_minutes(actor=author, meeting=meeting, minutes=item.minutes)
    today = timezone.localdate()
    p = item.plan
    plan = plan_create(
        actor=author,
        meeting=meeting,
        client_wishes=p.client_wishes,
        shared_view=p.shared_view,
        planned=p.planned,
        client_tasks=p.client_tasks,
        coordinator_tasks=p.coordinator_tasks,
        next_meeting_on=day(p.next_meeting_on)
        if p.next_meeting_on
        else today + datetime.timedelta(days=p.next_meeting_in_days),
        follow_up_of_actions=p.follow_up_of_actions,
        network_contact=p.network_contact,
        distributed_to_client=p.distributed_to_client,
        distributed_to_primary_care=p.distributed_to_primary_care,
    )
    for action in p.actions:
        is_client = action.responsible == data.CLIENT
        created = action_create(
            actor=author,
            plan=plan,
            category=action.category,
            description=action.description,
            for_client=action.for_client,
            due_on=day(action.due_on)
            if action.due_on
            else today + datetime.timedelta(days=action.due_in_days),
            responsible_professional=None if is_client else people[action.responsible],
            responsible_is_client=is_client,
        )
        if action.status != "planned":
            action_set_status(actor=author, action=created, status=action.status)
    # Recorded when the meeting ended, not today.
    recorded = meeting.ends_at
    Meeting.objects.filter(pk=meeting.pk).update(created_at=recorded, minutes_recorded_at=recorded)
    ClientPlan.objects.filter(pk=plan.pk).update(created_at=recorded, updated_at=recorded)
    PlanRevision.objects.filter(plan=plan).update(saved_at=recorded)
    PlanAction.objects.filter(plan=plan).update(created_at=recorded, status_changed_at=recorded)
    ActionStatusChange.objects.filter(action__plan=plan).update(changed_at=recorded)
    return meeting


def _backdate(client, referral, episode, *, received: datetime.datetime) -> None:
    """The case was registered when the referral was triaged, not today."""
    type(client).objects.filter(pk=client.pk).update(created_at=received)
    type(referral).objects.filter(pk=referral.pk).update(created_at=received)
    type(episode).objects.filter(pk=episode.pk).update(created_at=received)
    ResponsiblePerson.objects.filter(episode=episode).update(started_at=received)
    Handover.objects.filter(episode=episode).update(at=received)
