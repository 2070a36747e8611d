"""The card the client page includes, and the page listing all meetings and versions."""

import datetime

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from rinnalla.plans.services import action_create, meeting_create

pytestmark = pytest.mark.django_db


def _render(episode, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load plans_tags %}{% episode_plans episode %}")
    return template.render(Context({"episode": episode, "request": request}))


def test_card_shows_current_plan_next_meeting_and_overdue_actions(
    coordinator, episode, plan, physician
):
    action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="x",
        responsible_professional=physician,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    coming = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        place="Huone",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )
    html = _render(episode, coordinator)
    assert reverse("plans:plan_detail", args=[plan.pk]) in html
    assert reverse("plans:meeting_detail", args=[coming.pk]) in html
    assert reverse("plans:meeting_create", args=[episode.pk]) in html
    assert "deadline--overdue" in html


def test_card_offers_no_meeting_button_to_a_network_professional(physician, episode, plan):
    html = _render(episode, physician)
    assert reverse("plans:meeting_create", args=[episode.pk]) not in html


def test_card_query_count_does_not_grow_with_meetings(
    coordinator, episode, physician, django_assert_max_num_queries
):
    def add(n):
        for i in range(n):
            meeting_create(
                actor=coordinator,
                episode=episode,
                starts_at=timezone.now() - datetime.timedelta(days=i + 1),
                place="Huone",
                topics=["follow_up"],
                professionals=[physician],
                send_invitations=False,
            )

    add(1)
    with django_assert_max_num_queries(10) as one:
        _render(episode, coordinator)
    add(10)
    with django_assert_max_num_queries(len(one.captured_queries)):
        _render(episode, coordinator)


def test_overview_page_lists_meetings_and_versions(web, coordinator, episode, plan):
    web.force_login(coordinator)
    response = web.get(reverse("plans:episode", args=[episode.pk]))
    assert response.status_code == 200
    assert reverse("plans:plan_detail", args=[plan.pk]) in response.content.decode()


def test_overview_page_refusals(web, other_coordinator, manager, episode):
    url = reverse("plans:episode", args=[episode.pk])
    assert web.get(url).status_code == 302
    web.force_login(other_coordinator)
    assert web.get(url).status_code == 404
    web.force_login(manager)
    assert web.get(url).status_code == 403
