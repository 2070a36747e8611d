"""Documents attached to path events: checked like consent scans, served privately."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.episodes.models import EventAttachment
from rinnalla.episodes.services import event_create

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT


@pytest.fixture
def event(coordinator, episode, kela):
    return event_create(
        actor=coordinator,
        episode=episode,
        kind="note",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        summary="Kelan päätös ammatillisesta kuntoutuksesta saapui.",
    )


def upload(content=b"%PDF-1.4 decision", name="paatos.pdf"):
    return SimpleUploadedFile(name, content)


def add(web, event, **data):
    return web.post(reverse("episodes:attachment_add", args=[event.pk]), data)


def test_the_coordinator_attaches_a_decision_and_opens_it(web, coordinator, event, client):
    web.force_login(coordinator)
    response = add(web, event, title="Kelan päätös", file=upload())
    assert response.status_code == 302
    document = EventAttachment.objects.get()
    assert (document.title, document.scan_content_type, document.size) == (
        "Kelan päätös",
        "application/pdf",
        len(b"%PDF-1.4 decision"),
    )
    page = web.get(reverse("clients:detail", args=[client.pk])).content.decode()
    assert "Kelan päätös" in page
    before = AccessLogEntry.objects.count()
    served = web.get(reverse("episodes:attachment", args=[document.pk]))
    assert served.status_code == 200 and "no-store" in served["Cache-Control"]
    assert b"".join(served.streaming_content) == b"%PDF-1.4 decision"
    assert "attachment;" in served["Content-Disposition"]
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.part, entry.channel, entry.client_id) == ("attachment", "export", client.pk)


def test_the_file_is_checked_by_its_content_and_nothing_is_kept(
    web, coordinator, event, private_media
):
    web.force_login(coordinator)
    response = add(web, event, title="Päätös", file=upload(b"MZ\x90\x00 not a pdf", "paatos.pdf"))
    assert response.status_code == 200
    assert "The file must be a PDF, JPEG or PNG file." in response.content.decode()
    response = add(web, event, title="", file=upload())
    assert "Fill in this field." in response.content.decode()
    assert EventAttachment.objects.count() == 0
    stored = list((private_media / "event-attachments").glob("*")) if private_media.exists() else []
    assert stored == []


def test_a_too_large_file_is_refused(web, coordinator, event, settings):
    settings.RINNALLA_CONSENT_SCAN_MAX_BYTES = 1024
    web.force_login(coordinator)
    response = add(web, event, title="Päätös", file=upload(b"%PDF" + b"0" * 2000))
    assert "The file is too large." in response.content.decode()
    assert EventAttachment.objects.count() == 0


def test_files_have_no_public_url(coordinator, event):
    from rinnalla.episodes.services import attachment_add

    document = attachment_add(actor=coordinator, event=event, title="Päätös", upload=upload())
    with pytest.raises(ValueError):
        document.file.url  # noqa: B018
    assert not document.file.name.startswith("paatos")  # a random name, not the client's
