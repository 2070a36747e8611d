"""Issue 9, one access spine: the narrower rules refuse through the one rule, logged as refused.

The matrix scenario plus two things the matrix alone does not reach:

- a client held by two services: the other service's coordinator accepts a referral of
  the same client, so Olli *sees* the client but does not own Aino's relationship;
- a plan action whose responsible person is the coordinator: the physician sees the
  client (consent and part) but is not responsible for it.

Each refusal answers the same status on the page and in the API, and writes exactly
one entry, ``refused``, naming the client.
"""

import datetime
import pathlib
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import visible_clients
from rinnalla.access.testing import api_client, exactly_one_log_entry
from rinnalla.plans.services import action_create
from rinnalla.referrals.services import referral_create, referral_triage

from .conftest import COORDINATOR, NP_CONSENT_AND_PART, OTHER_COORDINATOR
from .test_matrix import web_for

pytestmark = pytest.mark.django_db

REPO = pathlib.Path(__file__).resolve().parents[2]


@pytest.fixture
def second_episode(scenario):
    """The same client also in Olli's service (a client held by two services)."""
    olli = scenario.user(OTHER_COORDINATOR)
    referral = referral_create(
        actor=olli,
        client=scenario.client,
        service=scenario.other_service,
        source_kind="self",
        channel="phone",
        reason="Toinen palvelu",
        received_on=timezone.localdate(),
    )
    return referral_triage(actor=olli, referral=referral, decision="accept").episode


@pytest.fixture
def coordinators_action(scenario):
    """An open action the coordinator is responsible for (not the physician)."""
    return action_create(
        actor=scenario.user(COORDINATOR),
        plan=scenario.plan,
        category="further_assessment",
        description="Työkokeilun sopiminen",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        responsible_professional=scenario.user(COORDINATOR),
    )


def _refused_once(scenario, send, where):
    with exactly_one_log_entry(where) as new:
        response = send()
    entry = new.entry
    assert entry.outcome == AccessLogEntry.Outcome.REFUSED, f"{where}: logged {entry.outcome}"
    assert entry.client_id == scenario.client.pk, where
    return response.status_code


def test_a_professionals_refused_action_change_is_logged_refused_alike_in_page_and_api(
    scenario, coordinators_action
):
    physician = scenario.user(NP_CONSENT_AND_PART)
    assert visible_clients(physician).filter(pk=scenario.client.pk).exists()
    page = _refused_once(
        scenario,
        lambda: web_for(scenario, NP_CONSENT_AND_PART).post(
            reverse("plans:action_status", args=[coordinators_action.pk]),
            {"status": "done"},
        ),
        "page",
    )
    api = _refused_once(
        scenario,
        lambda: api_client(physician).patch(
            f"/api/v1/actions/{coordinators_action.pk}",
            {"status": "done"},
            content_type="application/json",
        ),
        "api",
    )
    assert page == api == 403
    coordinators_action.refresh_from_db()
    assert coordinators_action.status != "done"


def _episode_writes(episode):
    """(page url, page body, api url, api body) of writes reserved to the owning service."""
    now = (timezone.now() - datetime.timedelta(minutes=5)).isoformat()
    return [
        (
            reverse("episodes:event_create", args=[episode.pk]),
            {"kind": "contact", "mode": "phone", "occurred_at": now, "summary": "x"},
            f"/api/v1/episodes/{episode.pk}/events",
            {"kind": "contact", "mode": "phone", "occurred_at": now, "summary": "x"},
        ),
        (
            reverse("episodes:close", args=[episode.pk]),
            {"outcome": "work", "summary": "x"},
            f"/api/v1/episodes/{episode.pk}/close",
            {"outcome": "work", "summary": "x"},
        ),
    ]


@pytest.mark.parametrize("role", [OTHER_COORDINATOR, COORDINATOR])
def test_a_client_held_by_two_services_each_service_writes_only_its_own_relationship(
    scenario, second_episode, role
):
    """Both coordinators see the client; each is refused (403, logged) on the other's."""
    user = scenario.user(role)
    assert visible_clients(user).filter(pk=scenario.client.pk).exists()
    foreign = scenario.episode if role == OTHER_COORDINATOR else second_episode
    for page_url, page_body, api_url, api_body in _episode_writes(foreign):
        page = _refused_once(
            scenario,
            lambda url=page_url, body=page_body: web_for(scenario, role).post(url, body),
            page_url,
        )
        api = _refused_once(
            scenario,
            lambda url=api_url, body=api_body: api_client(user).post(
                url, body, content_type="application/json"
            ),
            api_url,
        )
        assert page == api == 403, (page_url, page, api)
    foreign.refresh_from_db()
    assert foreign.status != "closed"


def test_a_client_held_by_two_services_the_foreign_referral_is_refused_alike(
    scenario, second_episode
):
    referral = second_episode.referral
    page = _refused_once(
        scenario,
        lambda: web_for(scenario, COORDINATOR).post(
            reverse("referrals:triage", args=[referral.pk]), {"decision": "decline"}
        ),
        "page",
    )
    api = _refused_once(
        scenario,
        lambda: api_client(scenario.user(COORDINATOR)).post(
            f"/api/v1/referrals/{referral.pk}/triage",
            {"decision": "decline", "reason": "x"},
            content_type="application/json",
        ),
        "api",
    )
    assert page == api == 403


# --- the rule lives in one place -----------------------------------------------------------

LOG_WRITE = re.compile(
    r"\bwrite_log\(|AccessLogEntry\.objects\.(?:create|bulk_create)|AccessLogEntry\("
)
OWN_SERVICE = re.compile(
    r"(?:user|actor)\.organisation_id\s*[!=]=|[!=]=\s*(?:request\.)?(?:user|actor)\.organisation_id"
)


def _app_sources():
    for path in sorted((REPO / "rinnalla").rglob("*.py")):
        relative = path.relative_to(REPO).as_posix()
        if relative.startswith("rinnalla/access/") or "/tests/" in relative:
            continue
        if "/migrations/" in relative:
            continue
        yield relative, path.read_text(encoding="utf-8")


def test_no_log_writes_and_no_owning_service_checks_outside_the_access_app():
    found = [
        f"{name}:{number}: {line.strip()}"
        for name, text in _app_sources()
        for number, line in enumerate(text.splitlines(), 1)
        if LOG_WRITE.search(line) or OWN_SERVICE.search(line)
    ]
    assert not found, (
        "The access log and the owning-service rule belong to rinnalla/access: use "
        "client_for(coordinators_of=…, responsible=…), is_service_coordinator() or "
        "record_write():\n" + "\n".join(found)
    )
