"""Recording and withdrawing consent: the rules hold in the service and in the database."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from rinnalla.consent.models import Consent
from rinnalla.consent.services import consent_record, consent_withdraw
from rinnalla.core.errors import Conflict

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate


def _record(coordinator, client, organisations, **overrides):
    values = {
        "purpose": "cooperation",
        "method": "electronic",
        "given_on": TODAY(),
        "valid_until": None,
    }
    values.update(overrides)
    return consent_record(actor=coordinator, client=client, organisations=organisations, **values)


def test_a_recorded_consent_is_valid_from_the_day_it_was_given(coordinator, client, kela):
    consent = _record(coordinator, client, [kela])
    assert consent.status == "valid"
    assert list(Consent.objects.valid_now()) == [consent]


def test_a_consent_that_ends_before_it_starts_is_refused_by_the_service(coordinator, client, kela):
    with pytest.raises(ValidationError) as error:
        _record(coordinator, client, [kela], valid_until=TODAY() - datetime.timedelta(days=1))
    assert "valid_until" in error.value.message_dict
    assert not Consent.objects.exists()


def test_a_consent_that_ends_before_it_starts_is_refused_by_the_database(coordinator, client):
    consent = Consent(
        client=client,
        purpose="cooperation",
        method="oral",
        given_on=TODAY(),
        valid_until=TODAY() - datetime.timedelta(days=1),
        recorded_by=coordinator,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Consent.objects.bulk_create([consent])


def test_a_consent_cannot_be_given_in_the_future(coordinator, client, kela):
    with pytest.raises(ValidationError) as error:
        _record(coordinator, client, [kela], given_on=TODAY() + datetime.timedelta(days=1))
    assert "given_on" in error.value.message_dict


def test_a_consent_must_cover_an_organisation(coordinator, client):
    with pytest.raises(ValidationError) as error:
        _record(coordinator, client, [])
    assert "organisations" in error.value.message_dict


def test_an_unknown_purpose_is_refused(coordinator, client, kela):
    with pytest.raises(ValidationError) as error:
        _record(coordinator, client, [kela], purpose="marketing")
    assert "purpose" in error.value.message_dict


def test_status_tells_expired_withdrawn_and_not_yet_valid_apart(coordinator, client, kela):
    consent = _record(
        coordinator,
        client,
        [kela],
        given_on=TODAY() - datetime.timedelta(days=5),
        valid_until=TODAY() - datetime.timedelta(days=1),
    )
    assert consent.status == "expired"
    assert consent.status_on(TODAY() - datetime.timedelta(days=6)) == "not_yet_valid"
    assert consent.status_on(TODAY() - datetime.timedelta(days=2)) == "valid"
    consent_withdraw(actor=coordinator, consent=consent)
    consent.refresh_from_db()
    assert consent.status == "withdrawn"


def test_a_consent_can_be_withdrawn_only_once(coordinator, client, kela):
    consent = _record(coordinator, client, [kela])
    consent_withdraw(actor=coordinator, consent=consent, note="  Peruttu.  ")
    consent.refresh_from_db()
    assert consent.withdrawal_note == "Peruttu."
    assert not Consent.objects.valid_now().exists()
    with pytest.raises(Conflict):
        consent_withdraw(actor=coordinator, consent=consent)


def test_an_empty_scan_is_refused(coordinator, client, kela, private_media):
    with pytest.raises(ValidationError) as error:
        _record(coordinator, client, [kela], scan=SimpleUploadedFile("x.pdf", b""))
    assert "scan" in error.value.message_dict


@pytest.mark.parametrize(
    "content,content_type",
    [
        (b"%PDF-1.7 rest", "application/pdf"),
        (b"\xff\xd8\xff\xe0 jpeg", "image/jpeg"),
        (b"\x89PNG\r\n\x1a\n png", "image/png"),
    ],
)
def test_the_scan_type_is_read_from_its_content(
    coordinator, client, kela, private_media, content, content_type
):
    consent = _record(coordinator, client, [kela], scan=SimpleUploadedFile("whatever.bin", content))
    assert consent.scan_content_type == content_type
    with consent.scan.open("rb") as handle:
        assert handle.read() == content


def test_the_scan_is_removed_again_when_saving_the_consent_fails(
    coordinator, client, kela, private_media, monkeypatch
):
    def broken_set(*args, **kwargs):
        raise IntegrityError("simulated")

    monkeypatch.setattr(Consent.organisations.related_manager_cls, "set", broken_set)
    with pytest.raises(IntegrityError):
        _record(coordinator, client, [kela], scan=SimpleUploadedFile("s.pdf", b"%PDF-1.4"))
    assert not any(p.is_file() for p in private_media.rglob("*"))
