"""Finding 3: no henkilötunnus existence oracle, and every probe is logged on the client."""

import datetime

import pytest
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.api_tests.conftest import Api
from rinnalla.clients.models import Client

KNOWN = "131052-308T"  # the ``client`` persona
UNKNOWN = "010594Y9032"


def _referral(code, **client_extra):
    return {
        "service_id": None,
        "source_kind": "physician",
        "channel": "patient_record_message",
        "reason": "Työkyvyn selvittely",
        "received_on": str(timezone.localdate() - datetime.timedelta(days=1)),
        "client": {
            "first_name": "Testi",
            "last_name": "Henkilö",
            "personal_identity_code": code,
            **client_extra,
        },
    }


@pytest.fixture
def sender(physician, service):
    return Api(physician), service


def _shape(body):
    """The answer without the values that differ between any two referrals."""
    return {key: value for key, value in body.items() if key not in ("id", "received_on")}


@pytest.mark.parametrize("bad", [{"email": "not-an-email"}, {"language": "xx"}])
def test_an_invalid_client_is_refused_whether_or_not_the_code_exists(sender, client, bad):
    api, service = sender
    known = api.post("/referrals", {**_referral(KNOWN, **bad), "service_id": service.pk})
    unknown = api.post("/referrals", {**_referral(UNKNOWN, **bad), "service_id": service.pk})

    assert known.status_code == unknown.status_code == 422
    assert known.json() == unknown.json()
    assert not Client.objects.filter(personal_identity_code=UNKNOWN).exists()


def test_a_valid_referral_answers_the_same_for_known_and_unknown_codes(sender, client):
    api, service = sender
    known = api.post("/referrals", {**_referral(KNOWN), "service_id": service.pk})
    unknown = api.post("/referrals", {**_referral("020202A0202"), "service_id": service.pk})

    assert known.status_code == unknown.status_code == 201
    assert _shape(known.json()) == _shape(unknown.json())
    assert known.json()["client_id"] is None


def test_a_referral_naming_an_existing_client_is_logged_on_that_client(sender, client, physician):
    api, service = sender
    api.post("/referrals", {**_referral(KNOWN), "service_id": service.pk})

    assert AccessLogEntry.objects.filter(client=client, user=physician).exists()


def test_a_coordinator_typing_an_existing_code_leaves_a_trace_on_that_client(
    other_coordinator, client
):
    api = Api(other_coordinator)
    response = api.post(
        "/clients",
        {"first_name": "Uusi", "last_name": "Asiakas", "personal_identity_code": KNOWN},
    )

    assert response.status_code == 422
    # Another service's coordinator may not open the client: no id to follow.
    assert (
        "existing_client_id" not in response.json() or response.json()["existing_client_id"] is None
    )
    entry = AccessLogEntry.objects.filter(client=client, user=other_coordinator).get()
    assert entry.outcome == "refused"


def test_the_own_coordinator_gets_the_id_of_the_existing_client(coordinator, client):
    api = Api(coordinator)
    response = api.post(
        "/clients",
        {"first_name": "Uusi", "last_name": "Asiakas", "personal_identity_code": KNOWN},
    )

    assert response.json()["existing_client_id"] == client.pk
    assert AccessLogEntry.objects.filter(client=client, user=coordinator, outcome="allowed")


def test_the_page_logs_the_duplicate_on_the_existing_client(web, other_coordinator, client):
    web.force_login(other_coordinator)
    response = web.post(
        "/clients/new/",
        {
            "first_name": "Uusi",
            "last_name": "Asiakas",
            "personal_identity_code": KNOWN,
            "language": "fi",
            "preferred_contact_method": "phone",
        },
    )

    assert response.status_code == 200
    assert AccessLogEntry.objects.filter(client=client, user=other_coordinator).exists()
