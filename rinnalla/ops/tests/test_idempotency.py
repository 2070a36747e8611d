import pytest

from rinnalla.access.testing import api_client
from rinnalla.clients.models import Client
from rinnalla.ops.models import IdempotentRequest

NEW_CLIENT = {
    "first_name": "Maija",
    "last_name": "Mallikas",
    "personal_identity_code": "010594Y9032",
}


@pytest.fixture
def api(coordinator):
    return api_client(coordinator)


def post(api, body, key):
    return api.post(
        "/api/v1/clients", body, content_type="application/json", HTTP_IDEMPOTENCY_KEY=key
    )


def test_the_same_key_returns_the_first_answer_and_writes_once(api, coordinator):
    first = post(api, NEW_CLIENT, "key-1")
    again = post(api, NEW_CLIENT, "key-1")
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again["Idempotent-Replayed"] == "true"
    assert Client.objects.filter(last_name="Mallikas").count() == 1


def test_another_key_is_another_request(api):
    post(api, NEW_CLIENT, "key-1")
    second = post(api, NEW_CLIENT, "key-2")
    assert second.status_code == 422  # the henkilötunnus is already registered
    assert "existing_client_id" in second.json()


def test_the_same_key_with_another_body_is_refused(api):
    post(api, NEW_CLIENT, "key-1")
    other = post(api, {**NEW_CLIENT, "first_name": "Toinen"}, "key-1")
    assert other.status_code == 422
    assert "different request" in other.json()["detail"]
    assert Client.objects.filter(first_name="Toinen").count() == 0


def test_keys_belong_to_their_user(api, other_coordinator):
    post(api, NEW_CLIENT, "key-1")
    other = post(
        api_client(other_coordinator),
        {**NEW_CLIENT, "personal_identity_code": "020202A0202"},
        "key-1",
    )
    assert other.status_code == 201
    assert IdempotentRequest.objects.count() == 2


def test_a_failed_request_is_not_kept_and_writes_nothing(api, monkeypatch):
    def boom(**kwargs):
        raise RuntimeError("bug")

    monkeypatch.setattr("rinnalla.clients.api.client_for", lambda *a, **k: boom())
    api.raise_request_exception = False
    assert post(api, NEW_CLIENT, "key-1").status_code == 500
    assert IdempotentRequest.objects.count() == 0
    assert not Client.objects.filter(last_name="Mallikas").exists()


def test_a_malformed_key_is_a_bad_request(api):
    assert post(api, NEW_CLIENT, "bad key").status_code == 400


def test_without_a_key_nothing_is_recorded(api):
    api.post("/api/v1/clients", NEW_CLIENT, content_type="application/json")
    assert IdempotentRequest.objects.count() == 0


def test_the_prune_job_forgets_old_answers(api, settings):
    import datetime

    from django.utils import timezone

    from rinnalla.ops.tasks import prune

    post(api, NEW_CLIENT, "key-1")
    IdempotentRequest.objects.update(created_at=timezone.now() - datetime.timedelta(hours=25))
    assert prune.call() == {"idempotency_records": 1}
