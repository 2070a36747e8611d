"""The API obeys the same access rule as the pages, and logs every look at client data."""

import datetime

import pytest
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.clients.models import Client
from rinnalla.episodes.models import Closing, PathEvent
from rinnalla.referrals.models import Referral
from rinnalla.referrals.services import referral_create


@pytest.fixture
def pending_referral(coordinator, client, service, episode):
    return referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="kela",
        channel="phone",
        reason="Toinen lähete",
        received_on=timezone.localdate(),
    )


def _one_client_operations(client, episode, referral):
    an_hour_ago = (timezone.now() - datetime.timedelta(hours=1)).isoformat()
    return {
        "read client": ("get", f"/clients/{client.pk}", None),
        "change client": ("patch", f"/clients/{client.pk}", {"phone": "050 1"}),
        "read episode": ("get", f"/episodes/{episode.pk}", None),
        "read path": ("get", f"/episodes/{episode.pk}/events", None),
        "record event": (
            "post",
            f"/episodes/{episode.pk}/events",
            {"kind": "note", "occurred_at": an_hour_ago, "summary": "x"},
        ),
        "close": ("post", f"/episodes/{episode.pk}/close", {"outcome": "work", "summary": "x"}),
        "reopen": ("post", f"/episodes/{episode.pk}/reopen", {"reason": "x"}),
        "triage": ("post", f"/referrals/{referral.pk}/triage", {"decision": "attach"}),
        "refer": (
            "post",
            "/referrals",
            {"client_id": client.pk, "source_kind": "self", "channel": "phone", "reason": "x"},
        ),
    }


READS = {"read client", "read episode", "read path"}
OPERATIONS = [
    "read client",
    "change client",
    "read episode",
    "read path",
    "record event",
    "close",
    "reopen",
    "triage",
    "refer",
]


def _snapshot():
    return (
        Client.objects.values_list("phone", flat=True).first(),
        PathEvent.objects.count(),
        Closing.objects.count(),
        Referral.objects.count(),
        list(Referral.objects.values_list("status", flat=True).order_by("id")),
    )


# persona → expected answer to every one-client operation (reads, writes)
REFUSALS = {
    "other_coordinator": (404, 404),
    "kela_advisor": (404, 404),
    "physician": (404, 404),
    "physician_taking_part": (403, 403),
    "physician_with_consent": (200, 403),
    "manager": (403, 403),
    "administrator": (403, 403),
}


@pytest.mark.parametrize("operation", OPERATIONS)
@pytest.mark.parametrize("persona", list(REFUSALS))
def test_refusals_match_the_access_rule_and_change_nothing(
    api_as, request, persona, operation, client, episode, pending_referral
):
    user = request.getfixturevalue(persona)
    method, path, body = _one_client_operations(client, episode, pending_referral)[operation]
    expected_read, expected_write = REFUSALS[persona]
    expected = expected_read if operation in READS else expected_write
    if persona == "physician_with_consent" and operation == "refer":
        expected = 201  # a network professional who sees the client may refer them
        body = {**body, "service_id": episode.service_id}
    before = _snapshot()
    log_before = AccessLogEntry.objects.count()

    response = api_as(user).request(method, path, body)

    assert response.status_code == expected, response.content
    if expected >= 400:
        assert _snapshot() == before
    entries = AccessLogEntry.objects.order_by("id")[log_before:]
    assert len(entries) == 1
    [entry] = entries
    assert entry.user == user
    assert entry.client_id == client.pk
    assert entry.channel == "api"
    assert entry.outcome == ("allowed" if expected in (200, 201) else "refused")


@pytest.mark.parametrize("operation", OPERATIONS)
def test_each_allowed_operation_writes_exactly_one_log_entry(
    coordinator_api, coordinator, operation, client, episode, pending_referral
):
    ops = _one_client_operations(client, episode, pending_referral)
    if operation == "reopen":
        coordinator_api.request(*ops["close"])
    log_before = AccessLogEntry.objects.count()

    method, path, body = ops[operation]
    response = coordinator_api.request(method, path, body)

    assert response.status_code in (200, 201), response.content
    entries = list(AccessLogEntry.objects.order_by("id")[log_before:])
    assert len(entries) == 1
    assert entries[0].client_id == client.pk
    assert entries[0].user == coordinator
    assert entries[0].channel == "api"
    assert entries[0].outcome == "allowed"
    assert entries[0].action == ("view" if operation in READS else "change")


def test_creating_a_client_writes_one_log_entry(coordinator_api):
    response = coordinator_api.post(
        "/clients",
        {"first_name": "Uusi", "last_name": "Asiakas", "personal_identity_code": "020202A0202"},
    )
    assert response.status_code == 201
    [entry] = AccessLogEntry.objects.all()
    assert entry.client_id == response.json()["id"]
    assert entry.action == "change"


def test_a_sender_referring_a_new_person_writes_one_log_entry(api_as, physician, service):
    response = api_as(physician).post(
        "/referrals",
        {
            "service_id": service.pk,
            "source_kind": "physician",
            "channel": "web_form",
            "reason": "Työkyvyn selvittely",
            "client": {
                "first_name": "Uusi",
                "last_name": "Asiakas",
                "personal_identity_code": "020202A0202",
            },
        },
    )
    assert response.status_code == 201
    [entry] = AccessLogEntry.objects.all()
    assert entry.user == physician
    assert entry.client.personal_identity_code == "020202A0202"
    assert entry.channel == "api"


@pytest.mark.parametrize("path", ["/clients", "/referrals"])
def test_a_list_writes_one_log_entry_without_a_client(coordinator_api, client, referral, path):
    assert coordinator_api.get(path).status_code == 200
    [entry] = AccessLogEntry.objects.all()
    assert entry.client is None
    assert entry.channel == "api"
    assert entry.action == "view"


@pytest.mark.parametrize("path", ["/organisations", "/professionals"])
def test_the_directory_is_open_to_every_role_and_logs_nothing(api_as, manager, coordinator, path):
    response = api_as(manager).get(path)
    assert response.status_code == 200
    assert response.json()["count"] >= 1
    assert not AccessLogEntry.objects.exists()


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_managers_and_administrators_get_no_client_list(api_as, request, persona, client):
    response = api_as(request.getfixturevalue(persona)).get("/clients")
    assert response.status_code == 403
    assert "Matti" not in response.content.decode()


def test_other_coordinator_sees_none_of_another_services_clients(api_as, other_coordinator, client):
    assert api_as(other_coordinator).get("/clients").json() == {"items": [], "count": 0}


def test_a_physician_without_consent_sees_no_clients(api_as, physician_taking_part, client):
    assert api_as(physician_taking_part).get("/clients").json() == {"items": [], "count": 0}


def test_a_withdrawn_consent_ends_the_physicians_access(
    api_as, physician_with_consent, client, coordinator
):
    from rinnalla.consent.services import consent_withdraw

    api = api_as(physician_with_consent)
    assert api.get(f"/clients/{client.pk}").status_code == 200
    consent_withdraw(actor=coordinator, consent=client.consents.get())
    assert api.get(f"/clients/{client.pk}").status_code == 403
    assert api.get("/clients").json()["count"] == 0
