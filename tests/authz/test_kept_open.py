"""Issue 11, problem 3: work kept open at closing stays with its owner, through the one rule.

The coordinator closes the relationship and leaves the physician's action open (the
coming meeting is cancelled). The physician may still see the client and change that
action, on the page and in the API alike; a network professional with consent but no
part in the kept work (the Kela advisor) is refused. Once the action is done, the
physician's next change is refused alike in page and API, logged as refused.
"""

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import visible_clients, visible_clients_by_rule
from rinnalla.access.testing import api_client, exactly_one_log_entry
from rinnalla.plans.models import Meeting
from rinnalla.plans.services import episode_close_with_items

from .conftest import COORDINATOR, NP_CONSENT_AND_PART, NP_CONSENT_ONLY
from .test_matrix import web_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def closed_keeping_the_action(scenario):
    coming = Meeting.objects.filter(
        episode=scenario.episode, starts_at__gt=timezone.now(), cancelled_at__isnull=True
    )
    episode_close_with_items(
        actor=scenario.user(COORDINATOR),
        episode=scenario.episode,
        outcome="work",
        summary="Palasi töihin.",
        actions={scenario.action.pk: "keep"},
        meetings={meeting.pk: "cancel" for meeting in coming},
    )
    return scenario.action


def _once(scenario, send, where, outcome):
    with exactly_one_log_entry(where) as new:
        response = send()
    assert new.entry.outcome == outcome, f"{where}: logged {new.entry.outcome}"
    assert new.entry.client_id == scenario.client.pk, where
    return response.status_code


def _sees(user, client):
    fast = visible_clients(user).filter(pk=client.pk).exists()
    assert fast == visible_clients_by_rule(user).filter(pk=client.pk).exists()
    return fast


def test_the_owner_of_a_kept_action_keeps_it_alike_in_page_and_api(
    scenario, closed_keeping_the_action
):
    action = closed_keeping_the_action
    physician = scenario.user(NP_CONSENT_AND_PART)
    assert _sees(physician, scenario.client)
    assert not _sees(scenario.user(NP_CONSENT_ONLY), scenario.client)

    api = _once(
        scenario,
        lambda: api_client(physician).patch(
            f"/api/v1/actions/{action.pk}",
            {"status": "in_progress"},
            content_type="application/json",
        ),
        "api",
        AccessLogEntry.Outcome.ALLOWED,
    )
    page = _once(
        scenario,
        lambda: web_for(scenario, NP_CONSENT_AND_PART).post(
            reverse("plans:action_status", args=[action.pk]), {"status": "done"}
        ),
        "page",
        AccessLogEntry.Outcome.ALLOWED,
    )
    assert (api, page) == (200, 302)
    action.refresh_from_db()
    assert action.status == "done"
    assert not _sees(physician, scenario.client)

    refused_page = _once(
        scenario,
        lambda: web_for(scenario, NP_CONSENT_AND_PART).post(
            reverse("plans:action_status", args=[action.pk]), {"status": "planned"}
        ),
        "page again",
        AccessLogEntry.Outcome.REFUSED,
    )
    refused_api = _once(
        scenario,
        lambda: api_client(physician).patch(
            f"/api/v1/actions/{action.pk}",
            {"status": "planned"},
            content_type="application/json",
        ),
        "api again",
        AccessLogEntry.Outcome.REFUSED,
    )
    assert refused_page == refused_api == 404
    action.refresh_from_db()
    assert action.status == "done"


def test_someone_else_with_consent_may_not_change_the_kept_action(
    scenario, closed_keeping_the_action
):
    refused = _once(
        scenario,
        lambda: web_for(scenario, NP_CONSENT_ONLY).post(
            reverse("plans:action_status", args=[closed_keeping_the_action.pk]),
            {"status": "done"},
        ),
        "page",
        AccessLogEntry.Outcome.REFUSED,
    )
    assert refused == 404  # no part in the kept work: the client is not revealed
