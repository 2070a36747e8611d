import datetime

import pytest
from django.utils import timezone

from rinnalla.consent.services import consent_record
from rinnalla.episodes.models import Closing, Episode, PathEvent
from rinnalla.episodes.services import episode_close, event_create


def _ago(**delta):
    return (timezone.now() - datetime.timedelta(**delta)).isoformat()


def test_coordinator_reads_the_client_relationship(coordinator_api, episode, coordinator, referral):
    response = coordinator_api.get(f"/episodes/{episode.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["id"] == episode.pk
    assert body["client_id"] == episode.client_id
    assert body["service_id"] == episode.service_id
    assert body["status"] == "waiting"
    assert body["opened_on"] == str(episode.opened_on)
    assert body["first_contact_at"] is None
    # The referral came three days ago; the target is 14 days from receiving it.
    assert body["first_contact_due_on"] == str(referral.received_on + datetime.timedelta(14))
    assert body["first_contact_days_left"] == 11
    assert body["closing"] is None
    [person] = body["responsible_persons"]
    assert person["professional_id"] == coordinator.pk
    assert person["username"] == "aino"
    assert person["is_primary"] is True


def test_recording_a_contact_starts_the_relationship(coordinator_api, episode):
    response = coordinator_api.post(
        f"/episodes/{episode.pk}/events",
        {
            "kind": "contact",
            "mode": "phone",
            "occurred_at": _ago(hours=2),
            "summary": "Soitettu asiakkaalle, sovittu tapaaminen.",
            "next_step": "Tapaaminen",
        },
    )

    assert response.status_code == 201
    event = response.json()
    assert event["kind"] == "contact"
    assert event["mode"] == "phone"
    assert event["next_step"] == "Tapaaminen"
    assert event["statement_status"] is None
    body = coordinator_api.get(f"/episodes/{episode.pk}").json()
    assert body["status"] == "active"
    assert body["first_contact_at"] is not None
    assert body["first_contact_days_left"] is None


def test_a_naive_time_is_read_as_finnish_time(coordinator_api, episode):
    local = timezone.localtime() - datetime.timedelta(days=1)
    naive = local.replace(tzinfo=None, microsecond=0).isoformat()
    response = coordinator_api.post(
        f"/episodes/{episode.pk}/events",
        {"kind": "note", "occurred_at": naive, "summary": "Muistiinpano"},
    )
    assert response.status_code == 201
    stored = PathEvent.objects.get().occurred_at
    assert timezone.localtime(stored).replace(tzinfo=None) == local.replace(
        tzinfo=None, microsecond=0
    )


def test_events_are_listed_in_time_order_and_paginated(coordinator_api, episode, coordinator):
    now = timezone.now()
    for days, summary in [(3, "kolmas"), (10, "ensimmäinen"), (5, "toinen"), (1, "neljäs")]:
        event_create(
            actor=coordinator,
            episode=episode,
            kind="note",
            occurred_at=now - datetime.timedelta(days=days),
            summary=summary,
        )
    same_time = now - datetime.timedelta(hours=1)
    a = event_create(
        actor=coordinator, episode=episode, kind="note", occurred_at=same_time, summary="viides"
    )
    b = event_create(
        actor=coordinator, episode=episode, kind="note", occurred_at=same_time, summary="kuudes"
    )
    assert a.pk < b.pk

    everything = coordinator_api.get(f"/episodes/{episode.pk}/events").json()
    page = coordinator_api.get(f"/episodes/{episode.pk}/events", limit=2, offset=2).json()

    assert [e["summary"] for e in everything["items"]] == [
        "ensimmäinen",
        "toinen",
        "kolmas",
        "neljäs",
        "viides",
        "kuudes",
    ]
    assert everything["count"] == 6
    assert [e["summary"] for e in page["items"]] == ["kolmas", "neljäs"]
    assert page["count"] == 6


def test_a_meeting_keeps_its_mode_and_duration(coordinator_api, episode):
    response = coordinator_api.post(
        f"/episodes/{episode.pk}/events",
        {
            "kind": "meeting",
            "mode": "video",
            "duration_minutes": 90,
            "occurred_at": _ago(days=1),
            "summary": "Ensitapaaminen",
        },
    )
    assert response.status_code == 201
    assert response.json()["duration_minutes"] == 90
    assert response.json()["mode"] == "video"


def test_a_statement_request_is_recorded(coordinator_api, episode):
    response = coordinator_api.post(
        f"/episodes/{episode.pk}/events",
        {
            "kind": "statement",
            "statement_name": "B-lausunto",
            "statement_status": "requested",
            "occurred_at": _ago(days=1),
            "summary": "Pyydetty B-lausunto",
        },
    )
    assert response.status_code == 201
    assert response.json()["statement_name"] == "B-lausunto"
    assert response.json()["statement_status"] == "requested"


def test_a_consultation_needs_the_clients_consent(
    coordinator_api, coordinator, episode, client, kela
):
    body = {
        "kind": "consultation",
        "organisation_id": kela.pk,
        "occurred_at": _ago(hours=1),
        "summary": "Konsultoitu Kelaa",
    }

    refused = coordinator_api.post(f"/episodes/{episode.pk}/events", body)
    assert refused.status_code == 422
    assert refused.json()["errors"]["organisation"]
    assert not PathEvent.objects.exists()

    consent_record(
        actor=coordinator,
        client=client,
        organisations=[kela],
        purpose="consultation",
        method="signed_paper",
        given_on=timezone.localdate(),
    )
    accepted = coordinator_api.post(f"/episodes/{episode.pk}/events", body)
    assert accepted.status_code == 201
    assert accepted.json()["organisation_id"] == kela.pk


@pytest.mark.parametrize(
    "change",
    [
        {"kind": "phonecall"},
        {"mode": "telepathy"},
        {"mode": "video"},  # not a mode of a contact
        {"mode": None},
        {"occurred_at": "2024-13-01T10:00"},
        {"occurred_at": "not a date"},
        {"occurred_at": "0001-01-01T00:00:00+14:00"},
        {"occurred_at": (timezone.now() + datetime.timedelta(days=2)).isoformat()},
        {"summary": ""},
        {"summary": "   "},
        {"summary": 42},
        {"summary": "x" * 20_001},
        {"organisation_id": 999999},
        {"duration_minutes": 0},
        {"duration_minutes": -30},
        {"duration_minutes": 2**70},
        {"statement_status": "lost"},
        {"statement_name": "x" * 101},
    ],
)
def test_bad_event_input_answers_422_and_records_nothing(coordinator_api, episode, change):
    body = {
        "kind": "contact",
        "mode": "phone",
        "occurred_at": _ago(hours=1),
        "summary": "Soitto",
        **change,
    }
    response = coordinator_api.post(f"/episodes/{episode.pk}/events", body)
    assert response.status_code == 422, response.content
    assert not PathEvent.objects.exists()
    episode.refresh_from_db()
    assert episode.status == "waiting"


def test_closing_records_the_outcome(coordinator_api, episode, coordinator):
    response = coordinator_api.post(
        f"/episodes/{episode.pk}/close",
        {
            "outcome": "part_time_work",
            "summary": "Osa-aikatyö alkoi.",
            "handover_to": "TE-palvelut",
        },
    )

    assert response.status_code == 200
    body = response.json()
    assert body["outcome"] == "part_time_work"
    assert body["handover_to"] == "TE-palvelut"
    assert body["closed_by_id"] == coordinator.pk
    episode.refresh_from_db()
    assert episode.status == "closed"
    shown = coordinator_api.get(f"/episodes/{episode.pk}").json()
    assert shown["status"] == "closed"
    assert shown["closing"]["outcome"] == "part_time_work"


def test_closing_twice_answers_409(coordinator_api, episode):
    body = {"outcome": "work", "summary": "Työllistyi."}
    assert coordinator_api.post(f"/episodes/{episode.pk}/close", body).status_code == 200
    assert coordinator_api.post(f"/episodes/{episode.pk}/close", body).status_code == 409
    assert Closing.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {"outcome": "lottery", "summary": "Voitti"},
        {"outcome": "work"},
        {"outcome": "work", "summary": ""},
        {"outcome": "work", "summary": "ok", "handover_to": "x" * 201},
        {},
    ],
)
def test_bad_closing_input_answers_422(coordinator_api, episode, body):
    assert coordinator_api.post(f"/episodes/{episode.pk}/close", body).status_code == 422
    episode.refresh_from_db()
    assert episode.status == "waiting"
    assert not Closing.objects.exists()


def test_a_closed_relationship_takes_no_events_and_can_be_reopened(
    coordinator_api, episode, coordinator
):
    episode_close(actor=coordinator, episode=episode, outcome="moved", summary="Muutti.")

    event = coordinator_api.post(
        f"/episodes/{episode.pk}/events",
        {"kind": "note", "occurred_at": _ago(hours=1), "summary": "Myöhässä"},
    )
    assert event.status_code == 409

    assert coordinator_api.post(f"/episodes/{episode.pk}/reopen", {"reason": ""}).status_code == 422
    reopened = coordinator_api.post(
        f"/episodes/{episode.pk}/reopen", {"reason": "Muutti takaisin."}
    )
    assert reopened.status_code == 200
    assert reopened.json()["status"] == "waiting"
    assert reopened.json()["closing"] is None
    assert Episode.objects.get().status == "waiting"


def test_reopening_an_open_relationship_answers_409(coordinator_api, episode):
    response = coordinator_api.post(f"/episodes/{episode.pk}/reopen", {"reason": "Miksi?"})
    assert response.status_code == 409


def test_an_unknown_episode_answers_404(coordinator_api, episode):
    for method, path, body in [
        ("get", "/episodes/999999", None),
        ("get", "/episodes/999999/events", None),
        (
            "post",
            "/episodes/999999/events",
            {"kind": "note", "occurred_at": _ago(hours=1), "summary": "x"},
        ),
        ("post", "/episodes/999999/close", {"outcome": "work", "summary": "x"}),
        ("post", "/episodes/999999/reopen", {"reason": "x"}),
    ]:
        assert coordinator_api.request(method, path, body).status_code == 404, path
