"""The access-grant table answers exactly as the rule, at every step of random histories.

Hypothesis draws histories of what happens to two clients held by two services:
referrals and their triage, responsible persons named and ended, consents given
(from the past, today or the future, open-ended or expiring, expired) and withdrawn,
network meetings (held or coming) made and cancelled, plan actions made and done,
relationships closed (also keeping an open action and a coming meeting) and reopened,
the kept action marked done by its owner, a kept meeting cancelled, a professional
moving to another organisation. After every step, for every persona, the
fast answer (``visible_clients``, ``own_coordinator_clients``: the grants) equals the
slow one (the same rule over the live tables).
"""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rinnalla.access import grants
from rinnalla.access.policy import (
    own_coordinator_clients,
    own_coordinator_clients_by_rule,
    visible_clients,
    visible_clients_by_rule,
)
from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.consent.services import consent_record, consent_withdraw
from rinnalla.core.errors import Conflict
from rinnalla.episodes.models import Episode, ResponsiblePerson
from rinnalla.episodes.services import (
    episode_close,
    episode_reopen,
    responsible_person_add,
    responsible_person_end,
)
from rinnalla.plans.models import Meeting, PlanAction
from rinnalla.plans.services import (
    action_create,
    action_set_status,
    episode_close_with_items,
    meeting_cancel,
    meeting_create,
    plan_create,
)
from rinnalla.referrals.services import referral_create, referral_triage

pytestmark = pytest.mark.django_db

OPERATIONS = (
    "refer",
    "accept",
    "responsible",
    "end_responsible",
    "consent",
    "withdraw",
    "meeting",
    "cancel_meeting",
    "action",
    "action_done",
    "close",
    "reopen",
    "move",
    "meeting_later",
    "close_keeping",
    "kept_done",
    "kept_meeting_cancel",
)
STEP = st.tuples(
    st.sampled_from(OPERATIONS),
    st.integers(0, 7),
    st.integers(0, 7),
    st.integers(-3, 3),
    st.integers(-3, 3),
)


class World:
    def __init__(self, *, coordinator, other_coordinator, physician, kela_advisor, client):
        self.coordinators = [coordinator, other_coordinator]
        self.services = [coordinator.organisation, other_coordinator.organisation]
        provider = Organisation.objects.create(
            name="Valmennus Oy", kind=Organisation.Kind.PRIVATE_PROVIDER
        )
        coach = User.objects.create_user(
            username="coach",
            password="x",
            role=User.Role.NETWORK_PROFESSIONAL,
            organisation=provider,
        )
        self.professionals = [physician, kela_advisor, coach]
        self.organisations = [p.organisation for p in self.professionals]
        second = Client.objects.create(
            first_name="Toinen",
            last_name="Asiakas",
            personal_identity_code="010594Y9032",
            service=other_coordinator.organisation,
            created_by=other_coordinator,
        )
        self.clients = [client, second]
        self.users = [*self.coordinators, *self.professionals]
        # A start where every kind of participation already grants access, so that a
        # short history can take it away again.
        episode = self.episode(client)
        responsible_person_add(actor=coordinator, episode=episode, professional=physician, area="x")
        meeting = meeting_create(
            actor=coordinator,
            episode=episode,
            starts_at=timezone.now() - datetime.timedelta(days=2),
            place="x",
            professionals=[kela_advisor],
            send_invitations=False,
        )
        plan = plan_create(actor=coordinator, meeting=meeting, shared_view="x")
        action_create(
            actor=coordinator,
            plan=plan,
            category="further_assessment",
            description="x",
            due_on=timezone.localdate() + datetime.timedelta(days=7),
            responsible_professional=coach,
        )
        consent_record(
            actor=coordinator,
            client=client,
            organisations=self.organisations,
            purpose="information_exchange",
            method="signed_paper",
            given_on=timezone.localdate() - datetime.timedelta(days=1),
        )
        assert all(visible_clients(p).filter(pk=client.pk).exists() for p in self.professionals)

    def pick(self, items, index):
        return items[index % len(items)]

    def episode(self, client, *, open_only=True):
        episodes = Episode.objects.filter(client=client).order_by("-id")
        if open_only:
            episodes = episodes.exclude(status=Episode.Status.CLOSED)
        return episodes.first()

    def coordinator_of(self, episode):
        return next(c for c in self.coordinators if c.organisation_id == episode.service_id)

    def apply(self, operation, a, b, c, d):
        client = self.pick(self.clients, a)
        today = timezone.localdate()
        if operation == "refer":
            referral_create(
                actor=self.pick(self.coordinators, b),
                client=client,
                service=self.pick(self.services, b),
                source_kind="self",
                channel="phone",
                reason="x",
                received_on=today,
            )
        elif operation == "accept":
            referral = client.referrals.filter(status="received").order_by("id").first()
            if referral:
                coordinator = self.pick(
                    [x for x in self.coordinators if x.organisation_id == referral.service_id], 0
                )
                referral_triage(actor=coordinator, referral=referral, decision="accept")
        elif operation == "responsible":
            episode = self.episode(client)
            if episode:
                responsible_person_add(
                    actor=self.coordinator_of(episode),
                    episode=episode,
                    professional=self.pick(self.professionals, b),
                    area="x",
                )
        elif operation == "end_responsible":
            person = (
                ResponsiblePerson.objects.filter(
                    episode__client=client, ended_at__isnull=True, is_primary=False
                )
                .order_by("id")
                .first()
            )
            if person:
                responsible_person_end(
                    actor=self.coordinator_of(person.episode), person=person, note="x"
                )
        elif operation == "consent":
            given_on = today + datetime.timedelta(days=c * 10)
            valid_until = None if d == 0 else given_on + datetime.timedelta(days=abs(d) * 5)
            organisations = [o for i, o in enumerate(self.organisations) if (b >> i) & 1]
            consent_record(
                actor=self.coordinators[0],
                client=client,
                organisations=organisations or [self.organisations[b % 3]],
                purpose="information_exchange",
                method="signed_paper",
                given_on=given_on,
                valid_until=valid_until,
            )
        elif operation == "withdraw":
            consent = (
                Consent.objects.filter(client=client, withdrawn_at__isnull=True)
                .order_by("id")
                .first()
            )
            if consent:
                consent_withdraw(actor=self.coordinators[0], consent=consent)
        elif operation in ("meeting", "action"):
            episode = self.episode(client)
            if episode:
                professional = self.pick(self.professionals, b)
                meeting = meeting_create(
                    actor=self.coordinator_of(episode),
                    episode=episode,
                    starts_at=timezone.now() - datetime.timedelta(days=1),
                    place="x",
                    professionals=[professional] if operation == "meeting" else [],
                    external_participants=[{"name": "Ulkopuolinen"}],
                    send_invitations=False,
                )
                if operation == "action":
                    plan = plan_create(
                        actor=self.coordinator_of(episode), meeting=meeting, shared_view="x"
                    )
                    action_create(
                        actor=self.coordinator_of(episode),
                        plan=plan,
                        category="further_assessment",
                        description="x",
                        due_on=today + datetime.timedelta(days=7),
                        responsible_professional=professional,
                    )
        elif operation == "cancel_meeting":
            meetings = Meeting.objects.filter(
                episode__client=client, cancelled_at__isnull=True
            ).order_by("id")
            meeting = meetings[b % meetings.count()] if meetings.exists() else None
            if meeting:
                meeting_cancel(
                    actor=self.coordinator_of(meeting.episode), meeting=meeting, reason="x"
                )
        elif operation == "action_done":
            action = (
                PlanAction.objects.filter(episode__client=client, status="planned")
                .order_by("id")
                .first()
            )
            if action:
                action_set_status(
                    actor=self.coordinator_of(action.episode), action=action, status="done"
                )
        elif operation == "close":
            episode = self.episode(client)
            if episode:
                episode_close(
                    actor=self.coordinator_of(episode),
                    episode=episode,
                    outcome="work",
                    summary="x",
                )
        elif operation == "reopen":
            episode = self.episode(client, open_only=False)
            if episode and episode.status == Episode.Status.CLOSED:
                episode_reopen(actor=self.coordinator_of(episode), episode=episode, reason="x")
        elif operation == "meeting_later":
            episode = self.episode(client)
            if episode:
                meeting_create(
                    actor=self.coordinator_of(episode),
                    episode=episode,
                    starts_at=timezone.now() + datetime.timedelta(days=abs(c) + 1),
                    place="x",
                    professionals=[self.pick(self.professionals, b)],
                    send_invitations=False,
                )
        elif operation == "close_keeping":
            episode = self.episode(client)
            if episode:
                open_actions = PlanAction.objects.filter(
                    episode=episode, status__in=("planned", "in_progress")
                ).order_by("id")
                # Keep one action open (the b-th), finish the others one way or another.
                kept = self.pick(list(open_actions), b) if open_actions else None
                episode_close_with_items(
                    actor=self.coordinator_of(episode),
                    episode=episode,
                    outcome="work",
                    summary="x",
                    actions={
                        action.pk: "keep" if action == kept else ("done" if d > 0 else "cancel")
                        for action in open_actions
                    },
                    meetings={},  # every coming meeting kept
                )
        elif operation == "kept_done":
            action = (
                PlanAction.objects.filter(
                    episode__client=client,
                    episode__status=Episode.Status.CLOSED,
                    status__in=("planned", "in_progress"),
                    responsible_professional__isnull=False,
                )
                .order_by("id")
                .first()
            )
            if action:
                action_set_status(
                    actor=action.responsible_professional,
                    action=action,
                    status="done" if c >= 0 else "cancelled",
                )
        elif operation == "kept_meeting_cancel":
            # Reopening is the way to cancel a kept meeting: the relationship is open again.
            meeting = (
                Meeting.objects.filter(
                    episode__client=client, cancelled_at__isnull=True, starts_at__gt=timezone.now()
                )
                .order_by("id")
                .first()
            )
            if meeting and not meeting.episode.is_closed:
                meeting_cancel(
                    actor=self.coordinator_of(meeting.episode), meeting=meeting, reason="x"
                )
        elif operation == "move":
            professional = self.pick(self.professionals, b)
            professional.organisation = self.pick(self.organisations, c)
            professional.save()

    def start_example(self):
        """Hypothesis reuses the fixture's objects across examples while the database
        rolls back: reload the users so that a ``move`` sees the organisation as stored
        (the grants' signal remembers the organisation a user instance was loaded with)."""
        for user in self.users:
            user.refresh_from_db()
            user._grants_organisation_id = user.organisation_id

    def assert_fast_equals_rule(self, where):
        for user in self.users:
            user.refresh_from_db()
            for fast, slow in (
                (visible_clients, visible_clients_by_rule),
                (own_coordinator_clients, own_coordinator_clients_by_rule),
            ):
                quick = set(fast(user).values_list("pk", flat=True))
                rule = set(slow(user).values_list("pk", flat=True))
                assert quick == rule, f"{where}: {user.username} {fast.__name__}"
        assert grants.differences() == [], where


@pytest.fixture
def world(coordinator, other_coordinator, physician, kela_advisor, client, episode):
    return World(
        coordinator=coordinator,
        other_coordinator=other_coordinator,
        physician=physician,
        kela_advisor=kela_advisor,
        client=client,
    )


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(history=st.lists(STEP, min_size=1, max_size=14))
def test_the_grants_answer_as_the_rule_at_every_step(world, history):
    with transaction.atomic():
        world.start_example()
        world.assert_fast_equals_rule("start")
        for number, step in enumerate(history):
            try:
                with transaction.atomic():
                    world.apply(*step)
            except (ValidationError, Conflict):
                pass  # the service refused this step: nothing changed
            world.assert_fast_equals_rule(f"after step {number} {step}")
        transaction.set_rollback(True)


def test_rebuild_writes_what_refresh_keeps(world):
    before = grants.differences()
    grants.rebuild()
    assert before == grants.differences() == []


def test_expiry_ends_access_without_a_refresh(coordinator, kela_advisor, client, episode):
    """A consent's end date is compared with today when read: no job is needed."""
    responsible_person_add(actor=coordinator, episode=episode, professional=kela_advisor, area="x")
    consent_record(
        actor=coordinator,
        client=client,
        organisations=[kela_advisor.organisation],
        purpose="information_exchange",
        method="signed_paper",
        given_on=timezone.localdate() - datetime.timedelta(days=10),
        valid_until=timezone.localdate(),
    )
    assert visible_clients(kela_advisor).filter(pk=client.pk).exists()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    from unittest import mock

    with mock.patch("django.utils.timezone.localdate", return_value=tomorrow):
        assert not visible_clients(kela_advisor).filter(pk=client.pk).exists()
        assert not visible_clients_by_rule(kela_advisor).filter(pk=client.pk).exists()
