# ruff: noqa: F811 (fixtures imported from the plan tests are used as arguments)
"""A network professional is told why they see a client (issue 11, problem 4)."""

import pytest
from django.urls import reverse

from rinnalla.plans.tests.conftest import (  # noqa: F401
    past_meeting,
    physician_action,
    physician_consent,
    plan,
)

pytestmark = pytest.mark.django_db


def test_the_physician_sees_the_consent_and_the_action_that_connect_them(
    web, physician, physician_consent, physician_action, client
):
    web.force_login(physician)
    response = web.get(reverse("clients:detail", args=[client.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Why you see this client" in html
    assert "consent covers your organisation" in html
    assert "B-lausunto kuntoutusrahaa varten" in html
    why = response.context["why"]
    assert [c.pk for c in why.consents] == [physician_consent.pk]
    assert [a.pk for a in why.actions] == [physician_action.pk]


def test_the_own_coordinator_gets_no_box(web, coordinator, client, episode):
    web.force_login(coordinator)
    response = web.get(reverse("clients:detail", args=[client.pk]))
    assert response.context["why"] is None
    assert "Why you see this client" not in response.content.decode()


def test_the_list_page_tells_the_truth_about_who_is_listed(web, physician):
    web.force_login(physician)
    html = web.get(reverse("clients:list")).content.decode()
    assert "a participant of a network meeting" in html
