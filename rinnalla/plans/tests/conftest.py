"""Meetings, plans and actions for the plan tests, made through the real services."""

import datetime

import pytest
from django.utils import timezone

from rinnalla.consent.services import consent_record
from rinnalla.plans.services import action_create, meeting_create, plan_create

PASSWORD = "test-pass-123"


@pytest.fixture
def past_meeting(coordinator, episode, physician, kela_advisor):
    """A meeting held two days ago with the physician and the Kela advisor."""
    return meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(days=2),
        duration_minutes=90,
        place="Hollolan sote-keskus, neuvotteluhuone 2",
        client_present=True,
        topics=["coping_at_work", "partial_work_ability"],
        professionals=[physician, kela_advisor],
        external_participants=[
            {"name": "Eija Esimies", "role": "other", "organisation_name": "Työnantaja Oy"}
        ],
        send_invitations=False,
    )


@pytest.fixture
def plan(coordinator, past_meeting):
    return plan_create(
        actor=coordinator,
        meeting=past_meeting,
        client_wishes="Haluan palata kevyempään työhön.",
        shared_view="Selviää asiakaspalvelusta, nostot vaikeita.",
        planned="Työkokeilu ja kuntoutusrahan haku.",
        client_tasks="Hakee kuntoutusrahaa Kelalta.",
        coordinator_tasks="Sopii työkokeilusta työnantajan kanssa.",
        next_meeting_on=timezone.localdate() + datetime.timedelta(days=30),
    )


@pytest.fixture
def physician_consent(coordinator, client, health_centre):
    return consent_record(
        actor=coordinator,
        client=client,
        organisations=[health_centre],
        purpose="cooperation",
        method="signed_paper",
        given_on=timezone.localdate() - datetime.timedelta(days=1),
    )


@pytest.fixture
def kela_consent(coordinator, client, kela):
    return consent_record(
        actor=coordinator,
        client=client,
        organisations=[kela],
        purpose="cooperation",
        method="signed_paper",
        given_on=timezone.localdate() - datetime.timedelta(days=1),
    )


@pytest.fixture
def physician_action(coordinator, plan, physician):
    return action_create(
        actor=coordinator,
        plan=plan,
        category="further_assessment",
        description="B-lausunto kuntoutusrahaa varten",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
        responsible_professional=physician,
    )


@pytest.fixture
def client_action(coordinator, plan):
    return action_create(
        actor=coordinator,
        plan=plan,
        category="rehabilitation_allowance_application",
        description="Täyttää kuntoutusrahahakemuksen",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        responsible_is_client=True,
    )


@pytest.fixture
def web():
    """The browser: a Django test client (``client`` is the client, the person)."""
    from django.test import Client as HttpClient

    return HttpClient()


@pytest.fixture
def api():
    """``api(user).get(path)``: the JSON API with the user's bearer token."""
    from django.test import Client as HttpClient

    from rinnalla.accounts.models import ApiToken

    def for_user(user):
        _token, raw = ApiToken.issue(user)
        return HttpClient(headers={"Authorization": f"Bearer {raw}"})

    return for_user
