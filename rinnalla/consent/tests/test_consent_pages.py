"""The consent pages: list, record (with scan), withdraw, and the scan download."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.testing import give_consent
from rinnalla.consent.models import Consent

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32


def _today():
    return timezone.localdate()


def _form(kela, **overrides):
    data = {
        "organisations": [kela.pk],
        "purpose": "information_exchange",
        "method": "signed_paper",
        "given_on": _today().isoformat(),
        "valid_until": "",
    }
    data.update(overrides)
    return data


def test_coordinator_sees_the_consents_with_their_status(
    web, coordinator, client, kela, health_centre
):
    give_consent(actor=coordinator, client=client, organisations=[kela])
    expired = give_consent(
        actor=coordinator, client=client, organisations=[health_centre], days_ago=40, valid_days=10
    )
    web.force_login(coordinator)
    response = web.get(reverse("consent:list", args=[client.pk]))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kela" in html and "Hollolan sote-keskus" in html
    assert "Valid" in html and "Expired" in html
    assert expired.valid_until.strftime("%-d.%-m.%Y") in html
    assert "Record a consent" in html


def test_coordinator_records_a_consent_with_a_scan(web, coordinator, client, kela, private_media):
    web.force_login(coordinator)
    scan = SimpleUploadedFile("allekirjoitettu.pdf", PDF, content_type="application/pdf")
    response = web.post(reverse("consent:list", args=[client.pk]), _form(kela, scan=scan))
    assert response.status_code == 302
    assert response.url == reverse("consent:list", args=[client.pk])
    consent = Consent.objects.get(client=client)
    assert list(consent.organisations.all()) == [kela]
    assert consent.scan_content_type == "application/pdf"
    assert "allekirjoitettu" not in consent.scan.name
    stored = private_media / "consent-scans" / consent.scan.name
    assert stored.read_bytes() == PDF


def test_a_consent_that_ends_before_it_starts_is_refused_with_a_message(
    web, coordinator, client, kela
):
    web.force_login(coordinator)
    yesterday = (_today() - datetime.timedelta(days=1)).isoformat()
    response = web.post(
        reverse("consent:list", args=[client.pk]), _form(kela, valid_until=yesterday)
    )
    assert response.status_code == 200
    assert "cannot end before it starts" in response.content.decode()
    assert not Consent.objects.exists()


def test_missing_organisations_give_a_message_and_nothing_is_saved(web, coordinator, client, kela):
    web.force_login(coordinator)
    response = web.post(reverse("consent:list", args=[client.pk]), _form(kela, organisations=[]))
    assert response.status_code == 200
    assert "Choose at least one organisation" in response.content.decode()
    assert not Consent.objects.exists()


def test_a_scan_that_is_not_pdf_jpeg_or_png_is_refused_by_its_content(
    web, coordinator, client, kela, private_media
):
    web.force_login(coordinator)
    fake = SimpleUploadedFile(
        "scan.pdf", b"<html><script>alert(1)</script>", content_type="application/pdf"
    )
    response = web.post(reverse("consent:list", args=[client.pk]), _form(kela, scan=fake))
    assert response.status_code == 200
    assert "must be a PDF, JPEG or PNG" in response.content.decode()
    assert not Consent.objects.exists()
    assert not any(private_media.rglob("*.*"))


def test_a_png_named_pdf_is_stored_as_png(web, coordinator, client, kela, private_media):
    web.force_login(coordinator)
    scan = SimpleUploadedFile("scan.pdf", PNG, content_type="application/pdf")
    web.post(reverse("consent:list", args=[client.pk]), _form(kela, scan=scan))
    consent = Consent.objects.get()
    assert consent.scan_content_type == "image/png"
    assert consent.scan.name.endswith(".png")


def test_a_too_large_scan_is_refused(web, coordinator, client, kela, private_media, settings):
    settings.RINNALLA_CONSENT_SCAN_MAX_BYTES = 1024
    web.force_login(coordinator)
    scan = SimpleUploadedFile("scan.pdf", PDF + b"x" * 2000, content_type="application/pdf")
    response = web.post(reverse("consent:list", args=[client.pk]), _form(kela, scan=scan))
    assert "too large" in response.content.decode()
    assert not Consent.objects.exists()


def test_network_professional_with_access_sees_consents_but_cannot_record(
    web, kela_advisor, client, kela, kela_consent, kela_responsible
):
    web.force_login(kela_advisor)
    response = web.get(reverse("consent:list", args=[client.pk]))
    assert response.status_code == 200
    assert "Record a consent" not in response.content.decode()
    response = web.post(reverse("consent:list", args=[client.pk]), _form(kela))
    assert response.status_code == 403
    assert Consent.objects.count() == 1


def test_outsider_gets_404(web, other_coordinator, client):
    web.force_login(other_coordinator)
    assert web.get(reverse("consent:list", args=[client.pk])).status_code == 404


def test_manager_gets_403(web, manager, client):
    web.force_login(manager)
    assert web.get(reverse("consent:list", args=[client.pk])).status_code == 403


def test_anonymous_is_sent_to_login_and_nothing_is_logged(web, client):
    response = web.get(reverse("consent:list", args=[client.pk]))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not AccessLogEntry.objects.exists()


def test_withdrawing_records_who_when_and_the_note(web, coordinator, client, kela_consent):
    web.force_login(coordinator)
    response = web.post(
        reverse("consent:withdraw", args=[kela_consent.pk]), {"note": "Asiakas perui puhelimessa."}
    )
    assert response.status_code == 302
    kela_consent.refresh_from_db()
    assert kela_consent.withdrawn_by == coordinator
    assert kela_consent.withdrawal_note == "Asiakas perui puhelimessa."
    page = web.get(reverse("consent:list", args=[client.pk])).content.decode()
    assert "Withdrawn" in page and "Asiakas perui puhelimessa." in page


def test_withdrawing_twice_gives_a_message(web, coordinator, client, kela_consent):
    web.force_login(coordinator)
    web.post(reverse("consent:withdraw", args=[kela_consent.pk]), {"note": ""})
    response = web.post(
        reverse("consent:withdraw", args=[kela_consent.pk]), {"note": ""}, follow=True
    )
    assert "already been withdrawn" in response.content.decode()


def test_withdraw_is_post_only(web, coordinator, kela_consent):
    web.force_login(coordinator)
    assert web.get(reverse("consent:withdraw", args=[kela_consent.pk])).status_code == 405


def test_network_professional_cannot_withdraw(web, kela_advisor, kela_consent, kela_responsible):
    web.force_login(kela_advisor)
    response = web.post(reverse("consent:withdraw", args=[kela_consent.pk]), {"note": ""})
    assert response.status_code == 403
    kela_consent.refresh_from_db()
    assert kela_consent.withdrawn_at is None


def test_withdrawing_an_unknown_consent_is_404(web, coordinator):
    web.force_login(coordinator)
    assert web.post(reverse("consent:withdraw", args=[999_999])).status_code == 404


def _consent_with_scan(web, coordinator, client, kela):
    web.force_login(coordinator)
    scan = SimpleUploadedFile("s.pdf", PDF, content_type="application/pdf")
    web.post(reverse("consent:list", args=[client.pk]), _form(kela, scan=scan))
    return Consent.objects.get()


def test_the_scan_is_served_as_a_download_that_is_not_cached(
    web, coordinator, client, kela, private_media
):
    consent = _consent_with_scan(web, coordinator, client, kela)
    response = web.get(reverse("consent:scan", args=[consent.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="consent-{consent.pk}.pdf"'
    assert "no-store" in response["Cache-Control"]
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.part, entry.outcome, entry.channel) == ("consent_scan", "allowed", "export")


def test_the_scan_is_refused_to_an_outsider(
    web, coordinator, other_coordinator, client, kela, private_media
):
    consent = _consent_with_scan(web, coordinator, client, kela)
    web.force_login(other_coordinator)
    assert web.get(reverse("consent:scan", args=[consent.pk])).status_code == 404
    entry = AccessLogEntry.objects.latest("id")
    assert (entry.part, entry.outcome) == ("consent_scan", "refused")


def test_a_consent_without_scan_answers_404(web, coordinator, kela_consent):
    web.force_login(coordinator)
    assert web.get(reverse("consent:scan", args=[kela_consent.pk])).status_code == 404


def test_the_scan_has_no_public_url(coordinator, client, kela, private_media):
    from rinnalla.consent.scans import consent_scan_storage

    with pytest.raises(ValueError):
        consent_scan_storage.url("anything.pdf")


def test_scans_are_stored_outside_the_static_and_template_folders(settings):
    private = settings.PRIVATE_MEDIA_ROOT.resolve()
    for public in [
        settings.STATIC_ROOT,
        *[d if not isinstance(d, tuple) else d[1] for d in settings.STATICFILES_DIRS],
    ]:
        assert not private.is_relative_to(public.resolve())


@pytest.mark.parametrize("rows", [1, 12])
def test_the_consent_page_has_a_constant_number_of_queries(
    web, coordinator, client, kela, health_centre, rows, django_assert_max_num_queries
):
    for _ in range(rows):
        give_consent(actor=coordinator, client=client, organisations=[kela, health_centre])
    web.force_login(coordinator)
    with django_assert_max_num_queries(12):
        assert web.get(reverse("consent:list", args=[client.pk])).status_code == 200
