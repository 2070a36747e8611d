import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client as HttpClient
from django.utils import timezone

from rinnalla.accounts.models import ApiToken

ENDPOINTS = [
    ("get", "/clients"),
    ("post", "/clients"),
    ("get", "/clients/1"),
    ("patch", "/clients/1"),
    ("get", "/organisations"),
    ("get", "/professionals"),
    ("get", "/referrals"),
    ("post", "/referrals"),
    ("post", "/referrals/1/triage"),
    ("get", "/episodes/1"),
    ("get", "/episodes/1/events"),
    ("post", "/episodes/1/events"),
    ("post", "/episodes/1/close"),
    ("post", "/episodes/1/reopen"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_every_endpoint_answers_401_without_authentication(anonymous_api, method, path):
    response = anonymous_api.request(method, path, {})
    assert response.status_code == 401


def test_an_unknown_token_answers_401(api_as, coordinator):
    api = api_as()
    api.headers["Authorization"] = "Bearer not-a-real-token"
    assert api.get("/clients").status_code == 401


def test_a_revoked_token_answers_401(api_as, coordinator):
    api = api_as(coordinator)
    ApiToken.objects.update(revoked_at=timezone.now())
    assert api.get("/clients").status_code == 401


def test_an_inactive_users_token_answers_401(api_as, coordinator):
    api = api_as(coordinator)
    coordinator.is_active = False
    coordinator.save()
    assert api.get("/organisations").status_code == 401


def test_the_token_printed_by_create_api_token_authenticates(api_as, coordinator, client):
    out = StringIO()
    call_command("create_api_token", coordinator.username, stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    api = api_as()
    api.headers["Authorization"] = f"Bearer {token}"

    response = api.get(f"/clients/{client.pk}")

    assert response.status_code == 200
    assert response.json()["last_name"] == "Meikäläinen"
    assert ApiToken.objects.get(user=coordinator).last_used_at is not None


def test_create_api_token_stores_only_a_hash(coordinator):
    out = StringIO()
    call_command("create_api_token", coordinator.username, stdout=out)
    token = out.getvalue().strip().splitlines()[-1]
    stored = ApiToken.objects.get(user=coordinator)
    assert token not in stored.key_hash
    assert ApiToken.objects.for_raw(token).get() == stored


def test_create_api_token_refuses_an_unknown_user(db):
    with pytest.raises(CommandError):
        call_command("create_api_token", "nobody", stdout=StringIO())


def test_the_browser_session_also_authenticates(coordinator, client):
    http = HttpClient()
    http.force_login(coordinator)
    response = http.get(f"/api/v1/clients/{client.pk}")
    assert response.status_code == 200
    assert response.json()["id"] == client.pk


def test_the_openapi_schema_and_docs_are_served(coordinator_api, coordinator):
    assert coordinator_api.get("/openapi.json").status_code == 200
    coordinator_api.http.force_login(coordinator)
    assert coordinator_api.http.get("/api/v1/docs").status_code == 200


def test_a_token_in_steady_use_records_its_last_use_to_the_minute(coordinator, client):
    _token, raw = ApiToken.issue(coordinator)
    api = HttpClient(headers={"Authorization": f"Bearer {raw}"})
    assert api.get(f"/api/v1/clients/{client.pk}").status_code == 200
    first = ApiToken.objects.get(user=coordinator).last_used_at
    assert first is not None
    api.get(f"/api/v1/clients/{client.pk}")
    assert ApiToken.objects.get(user=coordinator).last_used_at == first
    # A minute later the next call records it again.
    ApiToken.objects.update(last_used_at=first - datetime.timedelta(minutes=2))
    api.get(f"/api/v1/clients/{client.pk}")
    assert ApiToken.objects.get(user=coordinator).last_used_at > first
