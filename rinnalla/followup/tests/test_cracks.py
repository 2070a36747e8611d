import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.clients.services import client_create
from rinnalla.episodes.services import episode_open, event_create
from rinnalla.followup.selectors import cracks
from rinnalla.plans.services import action_create, meeting_create
from rinnalla.plans.services import plan_update as update

pytestmark = pytest.mark.django_db
CODES = ["010594Y9032", "020202A0202", "311299-9872"]


def _reasons(coordinator):
    return {
        e.client.last_name: {
            "no_responsible": not e.has_responsible,
            "no_contact": e.no_contact,
            "overdue": e.overdue_count or 0,
            "meeting_missed": e.meeting_missed,
        }
        for e in cracks(coordinator)
    }


def _client(coordinator, service, code, name):
    return client_create(
        actor=coordinator,
        service=service,
        first_name="Testi",
        last_name=name,
        personal_identity_code=code,
    )


def _contact(coordinator, episode, when):
    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=when,
        summary="Puhelu",
    )


def test_each_reason_puts_a_client_on_the_list(coordinator, service, settings):
    settings.RINNALLA_NO_CONTACT_WEEKS = 6
    now = timezone.now()
    long_ago = timezone.localdate() - datetime.timedelta(weeks=10)

    fine = episode_open(
        actor=coordinator,
        client=_client(coordinator, service, CODES[0], "Hyvä"),
        service=service,
        coordinator=coordinator,
    )
    _contact(coordinator, fine, now - datetime.timedelta(days=2))

    silent = episode_open(
        actor=coordinator,
        client=_client(coordinator, service, CODES[1], "Hiljainen"),
        service=service,
        coordinator=coordinator,
        opened_on=long_ago,
    )
    _contact(coordinator, silent, now - datetime.timedelta(weeks=8))

    # The primary contact of this one left the job and her account was closed.
    from conftest import make_user
    from rinnalla.accounts.models import User

    leaver = make_user("leena", User.Role.COORDINATOR, service)
    orphan = episode_open(
        actor=coordinator,
        client=_client(coordinator, service, CODES[2], "Orpo"),
        service=service,
        coordinator=leaver,
    )
    _contact(coordinator, orphan, now - datetime.timedelta(days=1))
    leaver.is_active = False
    leaver.save()

    reasons = _reasons(coordinator)
    assert "Hyvä" not in reasons
    assert reasons["Hiljainen"]["no_contact"] is True
    assert reasons["Orpo"]["no_responsible"] is True


def test_overdue_actions_and_missed_meetings_are_reasons(coordinator, episode, plan, physician):
    _contact(coordinator, episode, timezone.now() - datetime.timedelta(days=1))
    assert _reasons(coordinator) == {}
    action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="x",
        responsible_professional=physician,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    update(
        actor=coordinator,
        plan=plan,
        version=plan.version,
        next_meeting_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    reasons = _reasons(coordinator)["Meikäläinen"]
    assert reasons["overdue"] == 1
    assert reasons["meeting_missed"] is True
    # a later meeting (even one only planned) takes it off the "missed" reason
    later = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=2),
        place="Huone",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )
    assert _reasons(coordinator)["Meikäläinen"]["meeting_missed"] is False
    assert later


def test_cracks_page_for_coordinators_only(web, coordinator, physician, manager, episode):
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    assert web.get(reverse("followup:cracks")).status_code == 200
    assert AccessLogEntry.objects.count() == before + 1
    web.force_login(physician)
    assert web.get(reverse("followup:cracks")).status_code == 403
    web.force_login(manager)
    assert web.get(reverse("followup:cracks")).status_code == 403


def test_other_services_clients_are_not_on_my_list(other_coordinator, episode):
    assert list(cracks(other_coordinator)) == []


def test_cracks_page_query_count_is_constant_and_paginated(
    web, coordinator, service, django_assert_max_num_queries
):
    from rinnalla.core import hetu

    web.force_login(coordinator)
    long_ago = timezone.localdate() - datetime.timedelta(weeks=10)

    def make(start, n):
        for i in range(start, start + n):
            code = hetu.build(datetime.date(1980, 1, 1) + datetime.timedelta(days=i), 100 + i)
            episode_open(
                actor=coordinator,
                client=_client(coordinator, service, code, f"A{i}"),
                service=service,
                coordinator=coordinator,
                opened_on=long_ago,
            )

    make(0, 1)
    with django_assert_max_num_queries(30) as one:
        response = web.get(reverse("followup:cracks"))
    assert len(response.context["page"].object_list) == 1
    make(1, 30)
    with django_assert_max_num_queries(len(one.captured_queries)):
        response = web.get(reverse("followup:cracks"))
    assert len(response.context["page"].object_list) == 25
    assert response.context["page"].paginator.count == 31


def test_overdue_api_for_coordinators(api, coordinator, physician, plan, other_coordinator):
    action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="Myöhässä",
        responsible_professional=physician,
        due_on=timezone.localdate() - datetime.timedelta(days=3),
    )
    body = api(coordinator).get("/api/v1/follow-up/overdue").json()
    assert [a["description"] for a in body["items"]] == ["Myöhässä"]
    assert api(other_coordinator).get("/api/v1/follow-up/overdue").json()["count"] == 0
    assert api(physician).get("/api/v1/follow-up/overdue").status_code == 403
