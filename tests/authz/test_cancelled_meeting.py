"""A participant of a cancelled network meeting is refused everywhere, and logged so.

The Kela advisor of the matrix scenario (the consent covers Kela, but she takes no
part) is invited to a network meeting, which then is cancelled. Every client-data read
of the matrix that taking part with consent opens (pages and API) must now refuse her
and write exactly one ``refused`` entry naming the client, as if she had never been
invited.
"""

import datetime

import pytest
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.testing import exactly_one_log_entry
from rinnalla.plans.services import meeting_cancel, meeting_create

from .conftest import COORDINATOR, NP_CONSENT_AND_PART, NP_CONSENT_ONLY
from .test_matrix import API, CLIENT, PAGES, request_api, request_page

pytestmark = pytest.mark.django_db


def _participation_reads():
    for kind, matrix in (("page", PAGES), ("api", API)):
        for key, entry in matrix.items():
            for index, check in enumerate(entry.checks):
                if check.reads == CLIENT and NP_CONSENT_AND_PART in check.allowed:
                    yield pytest.param(kind, key, index, id=f"{key} {check.method}{check.query}")


def _invite_kela_advisor(scenario):
    return meeting_create(
        actor=scenario.user(COORDINATOR),
        episode=scenario.episode,
        starts_at=timezone.now() + datetime.timedelta(days=5),
        place="Neuvotteluhuone 3",
        professionals=[scenario.user(NP_CONSENT_ONLY)],
        send_invitations=False,
    )


@pytest.fixture
def cancelled(scenario):
    meeting = _invite_kela_advisor(scenario)
    meeting_cancel(actor=scenario.user(COORDINATOR), meeting=meeting, reason="Siirtyy.")
    return scenario


def test_an_invited_participant_sees_the_client_until_the_meeting_is_cancelled(scenario):
    meeting = _invite_kela_advisor(scenario)
    check = PAGES["clients:detail"].checks[0]
    response, _url = request_page(scenario, NP_CONSENT_ONLY, "clients:detail", check)
    assert response.status_code == 200
    meeting_cancel(actor=scenario.user(COORDINATOR), meeting=meeting, reason="Siirtyy.")
    response, _url = request_page(scenario, NP_CONSENT_ONLY, "clients:detail", check)
    assert response.status_code == 404


@pytest.mark.parametrize(("kind", "key", "index"), list(_participation_reads()))
def test_the_participant_of_a_cancelled_meeting_is_refused_and_logged(cancelled, kind, key, index):
    matrix = PAGES if kind == "page" else API
    check = matrix[key].checks[index]
    send = request_page if kind == "page" else request_api
    with exactly_one_log_entry(f"{check.method} {key}") as new:
        response, url = send(cancelled, NP_CONSENT_ONLY, key, check)
    assert response.status_code in (403, 404), f"{url}: {response.status_code}"
    content = response.content.decode("utf-8", "replace")
    assert cancelled.client.personal_identity_code not in content, url
    assert new.entry.outcome == AccessLogEntry.Outcome.REFUSED, url
    assert new.entry.client_id == cancelled.client.pk, url
    assert new.entry.user_id == cancelled.user(NP_CONSENT_ONLY).pk, url
