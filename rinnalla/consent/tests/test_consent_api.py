"""API: GET/POST /api/v1/clients/{id}/consents and POST /api/v1/consents/{id}/withdraw."""

import datetime

import pytest
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.testing import api_client, request_logs_once
from rinnalla.consent.models import Consent

pytestmark = pytest.mark.django_db


def _body(kela, **overrides):
    body = {
        "organisation_ids": [kela.pk],
        "purpose": "consultation",
        "method": "signed_paper",
        "given_on": timezone.localdate().isoformat(),
    }
    body.update(overrides)
    return body


def test_coordinator_records_and_lists_consents(coordinator, client, kela):
    api = api_client(coordinator)
    url = f"/api/v1/clients/{client.pk}/consents"
    response, entry = request_logs_once(
        api, "post", url, data=_body(kela), content_type="application/json"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["organisation_ids"] == [kela.pk]
    assert created["status"] == "valid"
    assert created["valid_until"] is None
    assert (entry.action, entry.channel, entry.part) == ("change", "api", "consents")
    listed = api.get(url).json()
    assert [c["id"] for c in listed] == [created["id"]]


def test_a_consent_ending_before_it_starts_answers_422(coordinator, client, kela):
    yesterday = (timezone.localdate() - datetime.timedelta(days=1)).isoformat()
    response = api_client(coordinator).post(
        f"/api/v1/clients/{client.pk}/consents",
        _body(kela, valid_until=yesterday),
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "valid_until" in response.json()["errors"]
    assert not Consent.objects.exists()


def test_an_unknown_purpose_or_organisation_answers_422(coordinator, client, kela):
    api = api_client(coordinator)
    url = f"/api/v1/clients/{client.pk}/consents"
    assert (
        api.post(
            url, _body(kela, purpose="advertising"), content_type="application/json"
        ).status_code
        == 422
    )
    assert (
        api.post(
            url, _body(kela, organisation_ids=[kela.pk, 999_999]), content_type="application/json"
        ).status_code
        == 422
    )
    assert not Consent.objects.exists()


def test_withdraw_ends_access_and_a_second_withdraw_answers_409(
    coordinator, client, kela_consent, kela_advisor, kela_responsible
):
    kela_api = api_client(kela_advisor)
    assert kela_api.get(f"/api/v1/clients/{client.pk}/consents").status_code == 200
    api = api_client(coordinator)
    url = f"/api/v1/consents/{kela_consent.pk}/withdraw"
    response = api.post(url, {"note": "Asiakas perui."}, content_type="application/json")
    assert response.status_code == 200
    assert response.json()["status"] == "withdrawn"
    assert response.json()["withdrawn_by"] == "aino"
    assert kela_api.get(f"/api/v1/clients/{client.pk}/consents").status_code == 403
    assert api.post(url, {}, content_type="application/json").status_code == 409


def test_withdraw_without_a_body_works(coordinator, kela_consent):
    response = api_client(coordinator).post(
        f"/api/v1/consents/{kela_consent.pk}/withdraw", content_type="application/json"
    )
    assert response.status_code == 200, response.content


def test_refusals_match_the_pages(
    coordinator,
    other_coordinator,
    manager,
    kela_advisor,
    client,
    kela,
    kela_consent,
    kela_responsible,
):
    url = f"/api/v1/clients/{client.pk}/consents"
    assert api_client(other_coordinator).get(url).status_code == 404
    assert api_client(manager).get(url).status_code == 403
    assert (
        api_client(kela_advisor).post(url, _body(kela), content_type="application/json").status_code
        == 403
    )
    assert (
        api_client(kela_advisor)
        .post(f"/api/v1/consents/{kela_consent.pk}/withdraw", {}, content_type="application/json")
        .status_code
        == 403
    )
    assert (
        api_client(coordinator)
        .post("/api/v1/consents/999999/withdraw", {}, content_type="application/json")
        .status_code
        == 404
    )
    assert Consent.objects.count() == 1
    refused = AccessLogEntry.objects.filter(outcome="refused", channel="api").count()
    assert refused == 4


def test_anonymous_gets_401(client):
    from django.test import Client as HttpClient

    assert HttpClient().get(f"/api/v1/clients/{client.pk}/consents").status_code == 401
