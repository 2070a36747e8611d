"""The work ability assessment and plan proposal: versions, statement follow-up, outputs."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from rinnalla.core.errors import Conflict
from rinnalla.core.pdf import pdf_accessibility, pdf_text
from rinnalla.episodes.models import EventKind, PathEvent
from rinnalla.episodes.services import episode_close
from rinnalla.workability import outputs
from rinnalla.workability.models import StatementRequest
from rinnalla.workability.selectors import awaited_statements
from rinnalla.workability.services import assessment_save, statement_receive

pytestmark = pytest.mark.django_db


def write(coordinator, episode, *, version=None, proposals=("b_statement",), **fields):
    return assessment_save(
        actor=coordinator,
        episode=episode,
        based_on_version=version,
        conclusion=fields.pop("conclusion", "Työkyky on osittainen; kevyt työ onnistuu."),
        proposals=list(proposals),
        **fields,
    )


def test_each_save_is_a_new_version_and_earlier_ones_stay(coordinator, episode, physician):
    first = write(coordinator, episode, physician=physician, situation="Työtön 2 v.")
    second = write(coordinator, episode, version=1, situation="Työtön 2 v., nyt kurssilla.")
    first.refresh_from_db()
    assert (first.version, second.version) == (1, 2)
    assert first.situation == "Työtön 2 v."


def test_a_stale_version_is_refused_not_overwritten(coordinator, episode):
    write(coordinator, episode)
    write(coordinator, episode, version=1)
    with pytest.raises(Conflict):
        write(coordinator, episode, version=1, conclusion="Toisen kirjoittajan versio.")
    assert episode.work_ability_assessments.count() == 2


def test_asking_for_a_b_statement_requests_it_once_and_follows_it_up(
    coordinator, episode, physician, settings
):
    settings.RINNALLA_STATEMENT_FOLLOW_UP_DAYS = 21
    write(coordinator, episode, physician=physician, proposals=["b_statement", "work_trial"])
    write(coordinator, episode, version=1, physician=physician)  # still awaited: no second
    request = StatementRequest.objects.get(episode=episode)
    assert request.is_open and request.physician == physician
    assert request.follow_up_on == timezone.localdate() + datetime.timedelta(days=21)
    events = PathEvent.objects.filter(episode=episode, kind=EventKind.STATEMENT)
    assert [(e.statement_status, e.summary_code) for e in events] == [
        ("requested", "statement_requested")
    ]
    with translation.override("fi"):
        assert events.get().statement_label == "B-lausunto"
        assert "B-lausunto pyydetty lääkäriltä" in events.get().summary_text
    with translation.override("sv"):
        assert events.get().statement_label == "B-utlåtande (B-lausunto)"
    # Both versions are on the path too, as the seed's "TKK tekee työkykyarvion" step.
    assert (
        PathEvent.objects.filter(
            episode=episode, summary_code="work_ability_assessment_written"
        ).count()
        == 2
    )


def test_receiving_the_statement_ends_the_follow_up_with_its_document(
    coordinator, episode, physician
):
    write(coordinator, episode, physician=physician)
    request = StatementRequest.objects.get()
    assert list(awaited_statements(coordinator)) == [request]
    statement_receive(
        actor=coordinator,
        request=request,
        received_on=timezone.localdate(),
        document=SimpleUploadedFile("b.pdf", b"%PDF-1.4 statement"),
    )
    request.refresh_from_db()
    assert not request.is_open and request.received_event.statement_status == "received"
    assert request.received_event.attachments.get().scan_content_type == "application/pdf"
    assert list(awaited_statements(coordinator)) == []
    with pytest.raises(Conflict):
        statement_receive(actor=coordinator, request=request, received_on=timezone.localdate())
    # A new request may follow once the first one has been answered.
    write(coordinator, episode, version=1, physician=physician)
    assert StatementRequest.objects.filter(received_on__isnull=True).count() == 1


def test_the_received_statement_follows_its_request_on_the_path(coordinator, episode):
    """Received the same day it was asked for: the path reads "requested", then "received"."""
    write(coordinator, episode)
    request = StatementRequest.objects.get()
    request.requested_at = timezone.now() - datetime.timedelta(minutes=5)
    request.save(update_fields=["requested_at"])
    statement_receive(actor=coordinator, request=request, received_on=timezone.localdate())
    request.refresh_from_db()
    assert request.requested_at < request.received_event.occurred_at <= timezone.now()


def test_a_statement_received_on_an_earlier_day_is_never_placed_before_its_request(
    coordinator, episode
):
    write(coordinator, episode)
    request = StatementRequest.objects.get()
    request.requested_at = timezone.now() - datetime.timedelta(days=3)
    request.save(update_fields=["requested_at"])
    received_on = timezone.localtime(request.requested_at).date()
    statement_receive(actor=coordinator, request=request, received_on=received_on)
    request.refresh_from_db()
    occurred = request.received_event.occurred_at
    assert occurred >= request.requested_at
    assert timezone.localtime(occurred).date() == received_on


def test_a_statement_cannot_be_received_in_the_future(coordinator, episode):
    write(coordinator, episode)
    with pytest.raises(Exception) as error:
        statement_receive(
            actor=coordinator,
            request=StatementRequest.objects.get(),
            received_on=timezone.localdate() + datetime.timedelta(days=1),
        )
    assert "received_on" in error.value.message_dict


def test_a_closed_relationship_gets_no_new_version(coordinator, episode):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töissä.")
    with pytest.raises(Conflict):
        write(coordinator, episode)


def test_the_first_version_is_prefilled_from_the_needs_assessment_and_measurements(
    web, coordinator, episode, needs_assessment, measurement
):
    web.force_login(coordinator)
    page = web.get(reverse("workability:create", args=[episode.pk]))
    assert page.status_code == 200
    form = page.context["form"]
    assert "Asuu yksin" in form.initial["situation"]
    assert form.initial["limitations"] == "Selkäkipu, masennus hoidossa."
    assert form.initial["measurements"] == [measurement.pk]


def test_the_coordinator_writes_a_version_through_the_page(
    web, coordinator, episode, physician, measurement
):
    web.force_login(coordinator)
    response = web.post(
        reverse("workability:create", args=[episode.pk]),
        {
            "based_on_version": "",
            "physician": str(physician.pk),
            "situation": "Työtön.",
            "measurements": [str(measurement.pk)],
            "conclusion": "Osittainen työkyky.",
            "proposals": ["b_statement", "vocational_rehabilitation"],
        },
    )
    assessment = episode.work_ability_assessments.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("workability:detail", args=[assessment.pk])
    assert list(assessment.measurements.all()) == [measurement]
    page = web.get(response["Location"]).content.decode()
    assert "Medical statement B (B-lausunto)" in page and "Record the statement as received" in page


def test_an_empty_form_says_what_is_missing(web, coordinator, episode):
    web.force_login(coordinator)
    response = web.post(reverse("workability:create", args=[episode.pk]), {})
    assert response.status_code == 200
    assert "Fill in this field." in response.content.decode()
    assert "Choose at least one option." in response.content.decode()
    assert episode.work_ability_assessments.count() == 0


def test_the_pdf_is_tagged_in_the_readers_language_without_contact_details(
    coordinator, episode, physician, measurement, client
):
    assessment = write(
        coordinator, episode, physician=physician, measurements=[measurement], situation="Työtön."
    )
    with translation.override("fi"):
        content = outputs.assessment_pdf(assessment, client)
    info = pdf_accessibility(content)
    assert info["lang"] == "fi" and info["marked"] and info["display_title"]
    assert info["title"].startswith("Työkykyarvio ja suunnitelmaehdotus")
    assert {"H1", "H2", "Table", "TH", "TD", "L", "LI"} <= info["tags"]
    text = pdf_text(content)
    assert "Matti Meikäläinen, 131052-308T" in text
    assert "Työkykypistemäärä" in text and "B-lausunto" in text
    assert client.phone not in text


def test_the_record_text_is_plain_and_complete(coordinator, episode, physician, client):
    assessment = write(coordinator, episode, physician=physician, situation="Työtön.")
    with translation.override("fi"):
        text = outputs.record_text(assessment, client)
    assert text.startswith("TYÖKYKYARVIO JA SUUNNITELMAEHDOTUS (versio 1")
    assert "Työtön." in text and "- B-lausunto" in text.replace(
        "Tarvitaan B-lausunto", "- B-lausunto"
    )
    assert "<" not in text


def test_the_physician_who_takes_part_reads_it_and_cannot_write(
    web, coordinator, physician, episode, physician_takes_part
):
    assessment = write(coordinator, episode, physician=physician)
    web.force_login(physician)
    assert web.get(reverse("workability:detail", args=[assessment.pk])).status_code == 200
    assert web.get(reverse("workability:pdf", args=[assessment.pk])).status_code == 200
    assert web.get(reverse("workability:create", args=[episode.pk])).status_code == 403
    request = StatementRequest.objects.get()
    assert web.get(reverse("workability:statement_received", args=[request.pk])).status_code == 403


def test_the_client_page_shows_the_latest_version_and_the_awaited_statement(
    web, coordinator, episode, physician, client
):
    write(coordinator, episode, physician=physician)
    web.force_login(coordinator)
    page = web.get(reverse("clients:detail", args=[client.pk])).content.decode()
    assert "Work ability assessment and plan proposal" in page
    assert "Version 1 of" in page
    assert "requested" in page and "Record the statement as received" in page
