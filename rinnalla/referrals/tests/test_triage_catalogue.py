"""Redirecting to a service of the catalogue: the page and the API take it alike (issue 12)."""

import datetime
import json

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client
from rinnalla.catalogue.models import Service
from rinnalla.catalogue.services import catalogue_load
from rinnalla.referrals.models import Referral

pytestmark = pytest.mark.django_db

NOT_IN_FORCE = "This service of the catalogue is not in force today."


@pytest.fixture
def clinic(db):
    catalogue_load()
    return Service.objects.get(code="rehabilitation-research-clinic")


@pytest.fixture
def ended(clinic):
    """A catalogue service that ended yesterday."""
    Service.objects.filter(pk=clinic.pk).update(
        valid_until=timezone.localdate() - datetime.timedelta(days=1)
    )
    clinic.refresh_from_db()
    return clinic


def api_triage(user, referral, body):
    return api_client(user).post(
        f"/api/v1/referrals/{referral.pk}/triage",
        data=json.dumps(body),
        content_type="application/json",
    )


def page_triage(user, referral, body):
    web = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    web.force_login(user)
    return web.post(reverse("referrals:triage", args=[referral.pk]), body)


def test_the_api_redirects_to_a_catalogue_service(coordinator, referral, clinic):
    response = api_triage(
        coordinator,
        referral,
        {"decision": "redirect", "redirect_service_id": clinic.pk, "reason": "Vaativa arvio"},
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["status"] == "redirected"
    assert body["redirected_service_id"] == clinic.pk
    assert body["redirected_to"] == clinic.name_en or body["redirected_to"] == clinic.name_fi
    referral.refresh_from_db()
    assert referral.redirected_service == clinic


def test_an_unknown_catalogue_service_answers_422_and_changes_nothing(coordinator, referral):
    response = api_triage(
        coordinator,
        referral,
        {"decision": "redirect", "redirect_service_id": 2**40, "reason": "Vaativa arvio"},
    )
    assert response.status_code == 422
    assert "redirect_service_id" in response.json()["errors"]
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED


def test_the_page_and_the_api_refuse_an_ended_catalogue_service_alike(coordinator, referral, ended):
    """The same bad input, one service function: the same message, nothing changed."""
    page = page_triage(
        coordinator,
        referral,
        {"decision": "redirect", "redirect_service": str(ended.pk), "reason": "Vaativa arvio"},
    )
    assert page.status_code == 200
    assert NOT_IN_FORCE in page.content.decode()
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED

    api = api_triage(
        coordinator,
        referral,
        {"decision": "redirect", "redirect_service_id": ended.pk, "reason": "Vaativa arvio"},
    )
    assert api.status_code == 422
    assert NOT_IN_FORCE in " ".join(api.json()["errors"]["redirect_service_id"])
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
    assert referral.redirected_service is None


def test_the_page_and_the_api_both_need_a_reason_with_a_catalogue_service(
    coordinator, referral, clinic
):
    page = page_triage(
        coordinator, referral, {"decision": "redirect", "redirect_service": str(clinic.pk)}
    )
    assert "Say why the client is redirected." in page.content.decode()
    api = api_triage(
        coordinator, referral, {"decision": "redirect", "redirect_service_id": clinic.pk}
    )
    assert api.status_code == 422 and set(api.json()["errors"]) == {"reason"}
    referral.refresh_from_db()
    assert referral.status == Referral.Status.RECEIVED
