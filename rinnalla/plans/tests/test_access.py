"""Who sees a client through meetings and actions (the extended "takes part" rule)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import visible_clients
from rinnalla.episodes.services import episode_close
from rinnalla.plans.services import action_create, action_set_status

pytestmark = pytest.mark.django_db


def test_meeting_participant_with_consent_sees_the_client(
    web, physician, client, plan, physician_consent
):
    assert client in visible_clients(physician)
    web.force_login(physician)
    assert web.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 200
    assert web.get(reverse("plans:plan_pdf", args=[plan.pk])).status_code == 200


def test_meeting_participant_without_consent_is_refused_with_403(web, physician, client, plan):
    assert client not in visible_clients(physician)
    web.force_login(physician)
    assert web.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 403


def test_professional_who_does_not_take_part_gets_404(web, client, plan, health_centre):
    from conftest import make_user
    from rinnalla.accounts.models import User

    nurse = make_user("hanna", User.Role.NETWORK_PROFESSIONAL, health_centre)
    web.force_login(nurse)
    assert web.get(reverse("plans:plan_detail", args=[plan.pk])).status_code == 404


def test_responsible_for_an_open_action_takes_part_until_it_is_done(
    coordinator, client, plan, health_centre, physician_consent
):
    from conftest import make_user
    from rinnalla.accounts.models import User

    nurse = make_user("hanna", User.Role.NETWORK_PROFESSIONAL, health_centre)
    assert client not in visible_clients(nurse)
    action = action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="Terveystarkastus",
        responsible_professional=nurse,
        due_on=timezone.localdate() + datetime.timedelta(days=5),
    )
    assert client in visible_clients(nurse)
    action_set_status(actor=nurse, action=action, status="done")
    assert client not in visible_clients(nurse)


def test_participation_ends_when_the_client_relationship_closes(
    coordinator, physician, client, plan, physician_consent
):
    episode_close(actor=coordinator, episode=plan.episode, outcome="work", summary="Palasi työhön")
    assert client not in visible_clients(physician)


def test_other_coordinator_gets_404_and_manager_403(web, other_coordinator, manager, plan):
    url = reverse("plans:plan_detail", args=[plan.pk])
    web.force_login(other_coordinator)
    assert web.get(url).status_code == 404
    web.force_login(manager)
    assert web.get(url).status_code == 403
    assert web.get(reverse("plans:plan_detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    "name",
    [
        "plans:plan_detail",
        "plans:plan_edit",
        "plans:plan_compare",
        "plans:record_summary",
        "plans:action_create",
    ],
)
def test_each_plan_page_writes_exactly_one_access_log_entry(web, coordinator, plan, name):
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    web.get(reverse(name, args=[plan.pk]))
    assert AccessLogEntry.objects.count() == before + 1


def test_plan_page_query_count_is_constant(
    web, coordinator, plan, physician, django_assert_max_num_queries
):
    web.force_login(coordinator)
    url = reverse("plans:plan_detail", args=[plan.pk])
    action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="1",
        responsible_professional=physician,
        due_on=timezone.localdate(),
    )
    with django_assert_max_num_queries(40) as one:
        web.get(url)
    for i in range(15):
        action = action_create(
            actor=coordinator,
            plan=plan,
            category="work_trial",
            description=str(i),
            responsible_is_client=True,
            due_on=timezone.localdate(),
        )
        action_set_status(actor=coordinator, action=action, status="in_progress")
    with django_assert_max_num_queries(len(one.captured_queries)):
        web.get(url)
