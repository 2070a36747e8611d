import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation

from rinnalla.episodes.models import EventKind, PathEvent
from rinnalla.plans.models import Meeting
from rinnalla.plans.services import meeting_create

pytestmark = pytest.mark.django_db


def _form(**extra):
    start = timezone.localtime() + datetime.timedelta(days=7)
    data = {
        "starts_at": start.strftime("%Y-%m-%dT%H:%M"),
        "duration_minutes": "90",
        "mode": "in_person",
        "place": "Sote-keskus, huone 2",
        "video_link": "",
        "client_present": "on",
        "topics": ["coping_at_work", "follow_up"],
        "topic_other": "",
        "send_invitations": "on",
        "external-TOTAL_FORMS": "3",
        "external-INITIAL_FORMS": "0",
        "external-MIN_NUM_FORMS": "0",
        "external-MAX_NUM_FORMS": "20",
        "external-0-name": "Eija Esimies",
        "external-0-role": "other",
        "external-0-organisation_name": "Työnantaja Oy",
        "external-0-email": "eija@example.com",
    }
    data.update(extra)
    return data


@pytest.fixture
def with_emails(physician, kela_advisor, client):
    physician.email = "pekka@example.com"
    physician.save()
    kela_advisor.email = "kaisa@example.com"
    kela_advisor.save()
    client.email = "matti@example.com"
    client.save()


def test_coordinator_plans_a_meeting_and_participants_get_invitations(
    web,
    coordinator,
    episode,
    physician,
    kela_advisor,
    with_emails,
    django_capture_on_commit_callbacks,
):
    web.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post(
            reverse("plans:meeting_create", args=[episode.pk]),
            _form(participants=[physician.pk, kela_advisor.pk]),
        )
    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("plans:meeting_detail", args=[meeting.pk])
    assert meeting.participants.count() == 3
    assert meeting.topics == ["coping_at_work", "follow_up"]
    recipients = sorted(r for m in mail.outbox for r in m.to)
    assert recipients == [
        "eija@example.com",
        "kaisa@example.com",
        "matti@example.com",
        "pekka@example.com",
    ]
    start = timezone.localtime(meeting.starts_at)
    professional_mail = next(m for m in mail.outbox if m.to == ["pekka@example.com"])
    assert start.strftime("%H:%M").replace(":", ".") in professional_mail.body or (
        start.strftime("%H:%M") in professional_mail.body
    )
    assert "Sote-keskus, huone 2" in professional_mail.body
    assert "Meikäläinen" not in professional_mail.body  # e-mail does not name the client
    client_mail = next(m for m in mail.outbox if m.to == ["matti@example.com"])
    assert "Sote-keskus, huone 2" in client_mail.body
    assert all(p.invited_at for p in meeting.participants.all())


def test_invitations_are_not_sent_when_the_coordinator_says_so(
    web, coordinator, episode, physician, with_emails, django_capture_on_commit_callbacks
):
    web.force_login(coordinator)
    data = _form(participants=[physician.pk])
    del data["send_invitations"]
    with django_capture_on_commit_callbacks(execute=True):
        web.post(reverse("plans:meeting_create", args=[episode.pk]), data)
    assert Meeting.objects.count() == 1
    assert mail.outbox == []


def test_invitations_can_be_sent_again(web, coordinator, past_meeting, with_emails):
    web.force_login(coordinator)
    response = web.post(reverse("plans:meeting_invite", args=[past_meeting.pk]))
    assert response.status_code == 302
    assert {r for m in mail.outbox for r in m.to} == {
        "pekka@example.com",
        "kaisa@example.com",
        "matti@example.com",
    }


def test_meeting_without_place_or_participants_is_refused(web, coordinator, episode, physician):
    web.force_login(coordinator)
    data = _form(place="")
    for key in list(data):
        if key.startswith("external-0-"):
            data[key] = ""
    response = web.post(reverse("plans:meeting_create", args=[episode.pk]), data)
    assert response.status_code == 400
    assert Meeting.objects.count() == 0
    assert response.context["form"].errors.keys() >= {"place", "participants"}


def test_other_topic_needs_words(web, coordinator, episode, physician):
    web.force_login(coordinator)
    response = web.post(
        reverse("plans:meeting_create", args=[episode.pk]),
        _form(participants=[physician.pk], topics=["other"]),
    )
    assert "topic_other" in response.context["form"].errors
    assert Meeting.objects.count() == 0


def test_meeting_form_shows_for_the_coordinator(web, coordinator, episode):
    web.force_login(coordinator)
    response = web.get(reverse("plans:meeting_create", args=[episode.pk]))
    assert response.status_code == 200
    assert b'name="topics"' in response.content


def test_anonymous_is_sent_to_login(web, episode):
    response = web.get(reverse("plans:meeting_create", args=[episode.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_other_coordinator_gets_404(web, other_coordinator, episode):
    web.force_login(other_coordinator)
    assert web.get(reverse("plans:meeting_create", args=[episode.pk])).status_code == 404
    assert web.get(reverse("plans:meeting_create", args=[99999])).status_code == 404


def test_manager_gets_403(web, manager, episode):
    web.force_login(manager)
    assert web.get(reverse("plans:meeting_create", args=[episode.pk])).status_code == 403


def test_network_professional_cannot_plan_meetings_even_with_consent(
    web, physician, past_meeting, physician_consent
):
    web.force_login(physician)
    episode = past_meeting.episode
    assert web.get(reverse("plans:meeting_create", args=[episode.pk])).status_code == 403
    assert web.get(reverse("plans:meeting_detail", args=[past_meeting.pk])).status_code == 200


def test_recording_the_minutes_puts_the_meeting_on_the_path_once(web, coordinator, past_meeting):
    web.force_login(coordinator)
    url = reverse("plans:meeting_minutes", args=[past_meeting.pk])
    assert web.post(url, {"minutes": "Sovittiin työkokeilusta."}).status_code == 302
    assert web.post(url, {"minutes": "Sovittiin työkokeilusta. Tarkennettu."}).status_code == 302
    events = PathEvent.objects.filter(episode=past_meeting.episode, kind=EventKind.MEETING)
    assert events.count() == 1
    event = events.get()
    assert event.occurred_at == past_meeting.starts_at
    assert event.duration_minutes == 90
    past_meeting.refresh_from_db()
    assert past_meeting.minutes == "Sovittiin työkokeilusta. Tarkennettu."
    assert past_meeting.path_event_id == event.pk
    # Written by the system: stored as a code, shown in the reader's language.
    assert (event.summary, event.summary_code) == ("", "meeting_held")
    with translation.override("fi"):
        assert event.summary_text.startswith("Verkostotapaaminen. Aihe: ")
    with translation.override("sv"):
        assert event.summary_text.startswith("Nätverksmöte. Ämne: ")


def test_a_planned_meeting_is_not_on_the_path_before_it_happens(coordinator, episode, physician):
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Huone 1",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )
    from rinnalla.plans.services import meeting_record_minutes

    # Minutes written before the start are a draft (issue 11, problem 5): kept, but the
    # meeting does not enter the path and is not "held".
    meeting = meeting_record_minutes(actor=coordinator, meeting=meeting, minutes="Esityslista")
    assert meeting.minutes == "Esityslista"
    assert not meeting.is_held
    assert not PathEvent.objects.filter(kind=EventKind.MEETING).exists()


def test_empty_minutes_are_refused_with_a_message(web, coordinator, past_meeting):
    web.force_login(coordinator)
    response = web.post(
        reverse("plans:meeting_minutes", args=[past_meeting.pk]), {"minutes": "   "}
    )
    assert response.status_code == 400
    assert response.context["minutes_form"].errors
    assert not PathEvent.objects.filter(kind=EventKind.MEETING).exists()


def test_meeting_page_lists_participants_and_minutes_pdf(web, coordinator, past_meeting):
    from rinnalla.core.pdf import pdf_text

    web.force_login(coordinator)
    page = web.get(reverse("plans:meeting_detail", args=[past_meeting.pk]))
    assert b"Eija Esimies" in page.content
    pdf = web.get(reverse("plans:meeting_pdf", args=[past_meeting.pk]))
    assert pdf["Content-Type"] == "application/pdf"
    text = pdf_text(pdf.content)
    assert "Eija Esimies" in text
    assert "Meikäläinen" in text
