"""One signed paper, several purposes; today as the default date; the scan is never
lost silently and can be added later (issue 11, problem 6)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import give_consent
from rinnalla.consent.models import Consent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_one_consent_records_every_ticked_purpose(web, coordinator, client, kela, private_media):
    web.force_login(coordinator)
    response = web.post(
        reverse("consent:list", args=[client.pk]),
        {
            "organisations": [kela.pk],
            "purpose": ["information_exchange", "cooperation"],
            "method": "signed_paper",
            "given_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    consent = Consent.objects.get(client=client)
    assert consent.purposes == ["information_exchange", "cooperation"]
    assert consent.purpose == "information_exchange"
    page = web.get(reverse("consent:list", args=[client.pk])).content.decode()
    assert "Information exchange, Cooperation and network meetings" in page


def test_the_form_offers_today_as_the_date(web, coordinator, client):
    web.force_login(coordinator)
    html = web.get(reverse("consent:list", args=[client.pk])).content.decode()
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert 'type="checkbox" name="purpose"' in html


def test_after_an_error_the_user_is_told_the_scan_was_not_kept(
    web, coordinator, client, kela, private_media
):
    web.force_login(coordinator)
    scan = SimpleUploadedFile("allekirjoitettu.pdf", PDF, content_type="application/pdf")
    response = web.post(
        reverse("consent:list", args=[client.pk]),
        {
            "organisations": [kela.pk],
            "method": "signed_paper",
            "given_on": timezone.localdate().isoformat(),
            "scan": scan,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "allekirjoitettu.pdf" in html and "Choose it again before saving" in html
    assert not Consent.objects.exists()


def test_a_scan_can_be_added_later(web, coordinator, client, kela, private_media):
    consent = give_consent(actor=coordinator, client=client, organisations=[kela])
    web.force_login(coordinator)
    page = web.get(reverse("consent:list", args=[client.pk])).content.decode()
    assert reverse("consent:scan_add", args=[consent.pk]) in page
    scan = SimpleUploadedFile("myohemmin.pdf", PDF, content_type="application/pdf")
    response = web.post(reverse("consent:scan_add", args=[consent.pk]), {"scan": scan})
    assert response.status_code == 302
    consent.refresh_from_db()
    assert consent.scan and consent.scan_content_type == "application/pdf"


def test_a_network_professional_cannot_add_a_scan(web, coordinator, client, kela, kela_advisor):
    consent = give_consent(actor=coordinator, client=client, organisations=[kela])
    web.force_login(kela_advisor)
    scan = SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")
    response = web.post(reverse("consent:scan_add", args=[consent.pk]), {"scan": scan})
    assert response.status_code in (403, 404)
    consent.refresh_from_db()
    assert not consent.scan
