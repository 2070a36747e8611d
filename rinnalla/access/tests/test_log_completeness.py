"""Every request to a client-data URL of the consent and access apps writes exactly one entry.

The cases cover each URL with an allowed and a refused request; the full matrix over
every app's URLs comes later (issue 4). ``rinnalla.access.testing`` holds the helper
for other apps' tests.
"""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client, request_logs_once
from rinnalla.consent.services import consent_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def scanned_consent(coordinator, client, kela, private_media):
    return consent_record(
        actor=coordinator,
        client=client,
        organisations=[kela],
        purpose="consultation",
        method="signed_paper",
        given_on=timezone.localdate(),
        scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4 test"),
    )


def _page_cases(client, consent):
    today = timezone.localdate().isoformat()
    return [
        ("get", reverse("consent:list", args=[client.pk]), {}),
        (
            "post",
            reverse("consent:list", args=[client.pk]),
            {
                "data": {
                    "organisations": [],
                    "purpose": "consultation",
                    "method": "oral",
                    "given_on": today,
                }
            },
        ),
        ("get", reverse("consent:scan", args=[consent.pk]), {}),
        ("get", reverse("access:client_log", args=[client.pk]), {}),
        ("get", reverse("access:client_log", args=[client.pk]) + "?format=csv", {}),
        ("get", reverse("access:client_log_pdf", args=[client.pk]), {}),
        ("post", reverse("consent:withdraw", args=[consent.pk]), {"data": {"note": "x"}}),
    ]


def test_each_consent_and_log_page_writes_one_entry_for_the_coordinator(
    web, coordinator, client, scanned_consent
):
    web.force_login(coordinator)
    for method, url, kwargs in _page_cases(client, scanned_consent):
        response, entry = request_logs_once(web, method, url, **kwargs)
        assert response.status_code in (200, 302), (url, response.status_code)
        assert entry.client == client and entry.outcome == "allowed"


@pytest.mark.parametrize("persona", ["other_coordinator", "manager", "physician"])
def test_each_refused_request_writes_one_entry(web, request, persona, client, scanned_consent):
    web.force_login(request.getfixturevalue(persona))
    for method, url, kwargs in _page_cases(client, scanned_consent):
        response, entry = request_logs_once(web, method, url, **kwargs)
        assert response.status_code in (403, 404), (url, response.status_code)
        assert entry.outcome == "refused"


def test_each_api_operation_writes_one_entry(
    coordinator, client, episode, kela, kela_advisor, kela_consent
):
    api = api_client(coordinator)
    json = {"content_type": "application/json"}
    cases = [
        ("get", f"/api/v1/clients/{client.pk}/consents", {}),
        (
            "post",
            f"/api/v1/clients/{client.pk}/consents",
            {
                "data": {
                    "organisation_ids": [kela.pk],
                    "purpose": "cooperation",
                    "method": "electronic",
                    "given_on": timezone.localdate().isoformat(),
                },
                **json,
            },
        ),
        ("post", f"/api/v1/consents/{kela_consent.pk}/withdraw", {"data": {}, **json}),
        ("get", f"/api/v1/clients/{client.pk}/access-log", {}),
        ("get", f"/api/v1/episodes/{episode.pk}/responsible-persons", {}),
        (
            "post",
            f"/api/v1/episodes/{episode.pk}/responsible-persons",
            {"data": {"professional_id": kela_advisor.pk, "area": "Kela"}, **json},
        ),
    ]
    for method, url, kwargs in cases:
        response, entry = request_logs_once(api, method, url, **kwargs)
        assert response.status_code in (200, 201), (url, response.content)
        assert (entry.client, entry.channel) == (client, "api")


def test_emergency_access_writes_one_entry_per_refusal_and_per_opening(
    web, other_coordinator, manager, client
):
    url = reverse("access:break_glass", args=[client.pk])
    web.force_login(manager)
    request_logs_once(web, "get", url)
    request_logs_once(web, "post", url, data={"reason": "Hätätilanne asiakkaan kanssa"})
    web.force_login(other_coordinator)
    response, entry = request_logs_once(
        web, "post", url, data={"reason": "Hätätilanne asiakkaan kanssa"}
    )
    assert entry.break_glass
