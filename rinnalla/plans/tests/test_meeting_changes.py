"""Meetings can be changed and cancelled, participants are told with an .ics event, and
the invitation status says the truth (issue 11, problem 5)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.plans.services import (
    MEETING_EDITABLE,
    meeting_cancel,
    meeting_create,
    meeting_ics,
    meeting_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(coordinator, episode, physician, kela_advisor, django_capture_on_commit_callbacks):
    physician.email = "pekka@example.org"
    physician.save()
    with django_capture_on_commit_callbacks(execute=True):
        return meeting_create(
            actor=coordinator,
            episode=episode,
            starts_at=timezone.now() + datetime.timedelta(days=5),
            place="Huone 4",
            topics=["follow_up"],
            professionals=[physician, kela_advisor],
        )


def test_the_invitation_carries_an_ics_event_and_only_e_mailed_people_are_invited(
    planned, mailoutbox, physician, kela_advisor
):
    assert [m.to for m in mailoutbox] == [["pekka@example.org"]]
    (name, content, mimetype) = mailoutbox[0].attachments[0]
    assert mimetype.startswith("text/calendar") and "method=REQUEST" in mimetype
    assert "BEGIN:VEVENT" in content and f"UID:meeting-{planned.pk}@" in content
    assert "Meikäläinen" not in content  # the client is never named
    invited = {p.professional_id: p.invited_at for p in planned.participants.all()}
    assert invited[physician.pk] is not None
    assert invited[kela_advisor.pk] is None  # no e-mail: not shown as invited


def test_the_meeting_page_names_who_has_no_e_mail(web, coordinator, planned):
    web.force_login(coordinator)
    html = web.get(reverse("plans:meeting_detail", args=[planned.pk])).content.decode()
    assert "ei sähköpostiosoitetta: kutsu puhelimella tai kirjeellä" in html
    assert "Muuta tapaamista" in html and "Peru tapaaminen" in html


def test_changing_the_time_sends_the_same_event_with_a_higher_sequence(
    coordinator, planned, physician, kela_advisor, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting = meeting_update(
            actor=coordinator,
            meeting=planned,
            professionals=[physician, kela_advisor],
            starts_at=planned.starts_at + datetime.timedelta(hours=2),
            duration_minutes=60,
            mode="in_person",
            place="Huone 5",
            video_link="",
            client_present=True,
            topics=["follow_up"],
            topic_other="",
        )
    assert meeting.sequence == 1
    assert len(mailoutbox) == 1
    assert "Huone 5" in mailoutbox[0].body
    assert "SEQUENCE:1" in mailoutbox[0].attachments[0][1]


def test_a_removed_participant_gets_a_cancellation(
    coordinator, planned, kela_advisor, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_update(
            actor=coordinator,
            meeting=planned,
            professionals=[kela_advisor],
            **{name: getattr(planned, name) for name in MEETING_EDITABLE},
        )
    assert [m.to for m in mailoutbox] == [["pekka@example.org"]]
    assert "METHOD:CANCEL" in mailoutbox[0].attachments[0][1]


def test_cancelling_tells_the_invited_and_keeps_the_meeting(
    web, coordinator, planned, mailoutbox, django_capture_on_commit_callbacks
):
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        meeting_cancel(actor=coordinator, meeting=planned, reason="Asiakas sairastui.")
    planned.refresh_from_db()
    assert planned.is_cancelled
    assert [m.to for m in mailoutbox] == [["pekka@example.org"]]
    assert "Asiakas sairastui." in mailoutbox[0].body
    assert "METHOD:CANCEL" in mailoutbox[0].attachments[0][1]
    web.force_login(coordinator)
    html = web.get(reverse("plans:meeting_detail", args=[planned.pk])).content.decode()
    assert "Peruttu" in html and "Asiakas sairastui." in html


def test_the_ics_has_utc_times(planned):
    text = meeting_ics(planned)
    start = planned.starts_at.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")
    assert f"DTSTART:{start}" in text
    assert text.endswith("\r\n")


def test_the_physician_takes_part_as_physician(planned, physician):
    participant = planned.participants.get(professional=physician)
    assert participant.role == "physician"
