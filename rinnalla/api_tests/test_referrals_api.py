import datetime

import pytest
from django.utils import timezone

from rinnalla.clients.models import Client
from rinnalla.episodes.models import Episode
from rinnalla.referrals.models import Referral
from rinnalla.referrals.services import referral_create

TODAY = datetime.date.today


def _referral_body(**extra):
    return {
        "source_kind": "physiotherapist",
        "channel": "encrypted_email",
        "reason": "Toistuvat selkäkivut, työkyky epäselvä.",
        "urgency": "urgent",
        "received_on": str(timezone.localdate() - datetime.timedelta(days=1)),
        **extra,
    }


NEW_PERSON = {
    "first_name": "Liisa",
    "last_name": "Virtanen",
    "personal_identity_code": "010594Y9032",
}


def test_coordinator_records_a_referral_about_an_existing_client(
    coordinator_api, client, service, health_centre
):
    response = coordinator_api.post(
        "/referrals", _referral_body(client_id=client.pk, source_organisation_id=health_centre.pk)
    )

    assert response.status_code == 201
    body = response.json()
    assert body["client_id"] == client.pk
    assert body["service_id"] == service.pk
    assert body["source_kind"] == "physiotherapist"
    assert body["source_organisation_id"] == health_centre.pk
    assert body["channel"] == "encrypted_email"
    assert body["urgency"] == "urgent"
    assert body["status"] == "received"
    assert body["episode_id"] is None
    assert Referral.objects.get(pk=body["id"]).service == service


def test_coordinator_records_a_referral_about_a_new_client(coordinator_api, service):
    response = coordinator_api.post("/referrals", _referral_body(client=NEW_PERSON))

    assert response.status_code == 201
    created = Client.objects.get(personal_identity_code="010594Y9032")
    assert created.service == service
    assert response.json()["client_id"] == created.pk


def test_received_on_defaults_to_today(coordinator_api, client):
    body = _referral_body(client_id=client.pk)
    del body["received_on"]
    response = coordinator_api.post("/referrals", body)
    assert response.status_code == 201
    assert response.json()["received_on"] == str(timezone.localdate())


def test_a_coordinator_cannot_record_into_another_service(coordinator_api, client, other_service):
    response = coordinator_api.post(
        "/referrals", _referral_body(client_id=client.pk, service_id=other_service.pk)
    )
    assert response.status_code == 422
    assert not Referral.objects.exists()


def test_a_network_professional_sends_a_referral_and_sees_its_status(
    api_as, physician, coordinator_api, service, health_centre
):
    api = api_as(physician)

    sent = api.post("/referrals", _referral_body(client=NEW_PERSON, service_id=service.pk))

    assert sent.status_code == 201
    referral = Referral.objects.get(pk=sent.json()["id"])
    assert referral.source_professional == physician
    assert referral.source_organisation == health_centre
    assert referral.service == service
    # The sender does not see the client's data without consent, only the status.
    assert sent.json()["client_id"] is None
    assert sent.json()["reason"] is None

    coordinator_api.post(
        f"/referrals/{referral.pk}/triage", {"decision": "decline", "reason": "Ei kuulu palveluun."}
    )
    listed = api.get("/referrals").json()

    assert listed["count"] == 1
    assert listed["items"][0]["id"] == referral.pk
    assert listed["items"][0]["status"] == "declined"
    assert listed["items"][0]["client_id"] is None


def test_a_network_professional_must_name_a_coordination_service(api_as, physician, health_centre):
    api = api_as(physician)
    assert api.post("/referrals", _referral_body(client=NEW_PERSON)).status_code == 422
    not_a_service = _referral_body(client=NEW_PERSON, service_id=health_centre.pk)
    assert api.post("/referrals", not_a_service).status_code == 422
    assert not Referral.objects.exists()
    assert not Client.objects.exists()


def test_a_sender_reuses_an_existing_client_without_changing_it(api_as, physician, client, service):
    api = api_as(physician)
    body = _referral_body(
        service_id=service.pk,
        client={
            "first_name": "Väärä",
            "last_name": "Nimi",
            "personal_identity_code": "131052-308T",
        },
    )

    response = api.post("/referrals", body)

    assert response.status_code == 201
    assert Client.objects.count() == 1
    client.refresh_from_db()
    assert client.first_name == "Matti"
    assert Referral.objects.get(pk=response.json()["id"]).client == client


def test_a_new_client_is_not_left_behind_when_the_referral_is_refused(coordinator_api):
    future = str(timezone.localdate() + datetime.timedelta(days=3))
    response = coordinator_api.post(
        "/referrals", _referral_body(client=NEW_PERSON, received_on=future)
    )
    assert response.status_code == 422
    assert response.json()["errors"]["received_on"]
    assert not Client.objects.exists()


@pytest.mark.parametrize(
    "change",
    [
        {"source_kind": "doctor"},
        {"channel": "fax"},
        {"urgency": "very"},
        {"received_on": "2024-02-30"},
        {"received_on": "yesterday"},
        {"reason": ""},
        {"reason": "x\x00y"},
        {"source_organisation_id": 999999},
        {"source_organisation_id": -5},
        {"source_professional_id": 999999},
        {"client_id": 999999},
        {"client_id": None},
        {"client": NEW_PERSON},
    ],
)
def test_bad_referral_input_answers_4xx_and_creates_nothing(coordinator_api, client, change):
    response = coordinator_api.post("/referrals", {**_referral_body(client_id=client.pk), **change})
    assert response.status_code in (404, 422)
    assert not Referral.objects.exists()
    assert Client.objects.count() == 1


def test_the_queue_lists_untriaged_referrals_oldest_first(
    coordinator_api, coordinator, client, service, referral
):
    today = timezone.localdate()
    older = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="kela",
        channel="phone",
        reason="Vanhempi",
        received_on=today - datetime.timedelta(days=10),
    )
    newer = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="self",
        channel="in_person",
        reason="Uusin",
        received_on=today,
    )

    queue = coordinator_api.get("/referrals", status="received").json()

    assert [r["id"] for r in queue["items"]] == [older.pk, referral.pk, newer.pk]
    assert queue["items"][0]["reason"] == "Vanhempi"
    assert queue["items"][0]["client_id"] == client.pk
    assert queue["count"] == 3


def test_triaged_referrals_leave_the_queue(coordinator_api, referral):
    coordinator_api.post(f"/referrals/{referral.pk}/triage", {"decision": "accept"})
    assert coordinator_api.get("/referrals", status="received").json()["count"] == 0
    assert coordinator_api.get("/referrals", status="accepted").json()["count"] == 1
    assert coordinator_api.get("/referrals", status="bogus").status_code == 422


def test_another_service_does_not_see_the_referrals(api_as, other_coordinator, referral):
    assert api_as(other_coordinator).get("/referrals").json() == {"items": [], "count": 0}


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_managers_and_administrators_get_403_on_referrals(api_as, request, persona, referral):
    api = api_as(request.getfixturevalue(persona))
    assert api.get("/referrals").status_code == 403
    assert api.post("/referrals", _referral_body(client_id=referral.client_id)).status_code == 403


def test_accepting_opens_a_client_relationship(coordinator_api, referral, coordinator):
    response = coordinator_api.post(
        f"/referrals/{referral.pk}/triage", {"decision": "accept", "reason": "Sopii palveluun."}
    )

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "accepted"
    episode = Episode.objects.get(pk=body["episode_id"])
    assert episode.client_id == referral.client_id
    assert episode.responsible_persons.get(is_primary=True).professional == coordinator


def test_accepting_with_a_named_coordinator(coordinator_api, referral, service):
    from conftest import make_user
    from rinnalla.accounts.models import User

    colleague = make_user("tiina", User.Role.COORDINATOR, service)
    response = coordinator_api.post(
        f"/referrals/{referral.pk}/triage", {"decision": "accept", "coordinator_id": colleague.pk}
    )
    assert response.status_code == 200
    episode = Episode.objects.get(pk=response.json()["episode_id"])
    assert episode.responsible_persons.get(is_primary=True).professional == colleague


@pytest.mark.parametrize("coordinator_id", [999999, "physician", "other_coordinator"])
def test_the_named_coordinator_must_be_one_of_the_service(
    coordinator_api, referral, request, coordinator_id
):
    if isinstance(coordinator_id, str):
        coordinator_id = request.getfixturevalue(coordinator_id).pk
    response = coordinator_api.post(
        f"/referrals/{referral.pk}/triage", {"decision": "accept", "coordinator_id": coordinator_id}
    )
    assert response.status_code == 422
    assert "coordinator_id" in response.json()["errors"]
    referral.refresh_from_db()
    assert referral.status == "received"
    assert not Episode.objects.exists()


def test_redirect_needs_a_target_and_a_reason(coordinator_api, referral):
    missing = coordinator_api.post(f"/referrals/{referral.pk}/triage", {"decision": "redirect"})
    assert missing.status_code == 422
    assert set(missing.json()["errors"]) == {"redirect_to", "reason"}

    done = coordinator_api.post(
        f"/referrals/{referral.pk}/triage",
        {"decision": "redirect", "reason": "TYP-asiakas", "redirect_to": "TYP Lahti"},
    )
    assert done.status_code == 200
    assert done.json()["status"] == "redirected"
    assert done.json()["redirected_to"] == "TYP Lahti"


def test_decline_needs_a_reason(coordinator_api, referral):
    response = coordinator_api.post(f"/referrals/{referral.pk}/triage", {"decision": "decline"})
    assert response.status_code == 422
    referral.refresh_from_db()
    assert referral.status == "received"


def test_a_second_triage_answers_409(coordinator_api, referral):
    first = coordinator_api.post(f"/referrals/{referral.pk}/triage", {"decision": "accept"})
    second = coordinator_api.post(
        f"/referrals/{referral.pk}/triage", {"decision": "decline", "reason": "Tuplana"}
    )

    assert first.status_code == 200
    assert second.status_code == 409
    assert second.json()["detail"]
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert Episode.objects.count() == 1


def test_an_unknown_decision_answers_422(coordinator_api, referral):
    response = coordinator_api.post(f"/referrals/{referral.pk}/triage", {"decision": "maybe"})
    assert response.status_code == 422


def test_triage_of_an_unknown_referral_answers_404(coordinator_api, referral):
    assert (
        coordinator_api.post("/referrals/999999/triage", {"decision": "accept"}).status_code == 404
    )


def test_another_services_coordinator_cannot_triage(api_as, other_coordinator, referral):
    response = api_as(other_coordinator).post(
        f"/referrals/{referral.pk}/triage", {"decision": "accept"}
    )
    assert response.status_code == 404
    referral.refresh_from_db()
    assert referral.status == "received"


def test_a_network_professional_with_consent_cannot_triage(
    api_as, physician_with_consent, coordinator, client, service
):
    pending = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="kela",
        channel="phone",
        reason="Uusi lähete",
        received_on=timezone.localdate(),
    )
    response = api_as(physician_with_consent).post(
        f"/referrals/{pending.pk}/triage", {"decision": "accept"}
    )
    assert response.status_code == 403
    pending.refresh_from_db()
    assert pending.status == "received"


def test_a_manager_cannot_triage(api_as, manager, referral):
    response = api_as(manager).post(f"/referrals/{referral.pk}/triage", {"decision": "accept"})
    assert response.status_code == 403
