import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.consent.services import consent_record
from rinnalla.episodes import selectors
from rinnalla.episodes.models import Episode, PathEvent
from rinnalla.episodes.services import episode_close, event_create


def url(episode):
    return reverse("episodes:event_create", args=[episode.pk])


def event(**extra):
    now = timezone.localtime()
    data = {
        "kind": "contact",
        "mode": "phone",
        "occurred_date": now.date().isoformat(),
        "occurred_time": now.strftime("%H:%M"),
        "summary": "Soitin asiakkaalle ja sovimme tapaamisen.",
        "next_step": "Tapaaminen ensi viikolla",
    }
    data.update(extra)
    return data


def test_anonymous_is_sent_to_login(web, episode):
    response = web.post(url(episode), event())
    assert response["Location"].startswith(reverse("login"))
    assert not PathEvent.objects.exists()


@pytest.mark.parametrize(
    "persona, code",
    [
        ("other_coordinator", 404),
        ("physician", 404),
        ("kela_advisor", 404),
        ("manager", 403),
        ("administrator", 403),
    ],
)
def test_only_coordinators_of_the_service_may_record_events(web, persona, code, episode, request):
    web.force_login(request.getfixturevalue(persona))
    assert web.get(url(episode)).status_code == code
    assert web.post(url(episode), event()).status_code == code
    assert not PathEvent.objects.exists()


def test_unknown_episode_is_404(web, coordinator):
    web.force_login(coordinator)
    assert web.get(reverse("episodes:event_create", args=[424242])).status_code == 404


def test_the_form_shows_every_field_grouped_by_kind(web, coordinator, episode):
    web.force_login(coordinator)
    response = web.get(url(episode))
    html = response.content.decode()
    assert response.status_code == 200
    for legend in ("For contacts and meetings", "For meetings", "For consultations and statements"):
        assert f"<legend>{legend}</legend>" in html
    assert f'value="{timezone.localdate().isoformat()}"' in html
    assert "<script" not in html.split("<main", 1)[1]


def test_the_first_contact_activates_the_relationship(web, coordinator, episode, client):
    web.force_login(coordinator)
    response = web.post(url(episode), event())
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:detail", args=[client.pk])
    episode.refresh_from_db()
    assert episode.status == Episode.Status.ACTIVE
    assert episode.first_contact_at is not None
    recorded = PathEvent.objects.get()
    assert recorded.author == coordinator
    assert recorded.next_step == "Tapaaminen ensi viikolla"


def test_the_time_is_read_in_helsinki_time(web, coordinator, episode):
    web.force_login(coordinator)
    day = timezone.localdate() - datetime.timedelta(days=10)
    web.post(
        url(episode),
        event(occurred_date=day.isoformat(), occurred_time="09:30", kind="note", mode=""),
    )
    occurred = PathEvent.objects.get().occurred_at
    helsinki = ZoneInfo("Europe/Helsinki")
    assert occurred == datetime.datetime.combine(day, datetime.time(9, 30), tzinfo=helsinki)
    assert occurred.utcoffset() == datetime.timedelta(0)  # stored in UTC
    assert timezone.localtime(occurred).strftime("%H:%M") == "09:30"


def test_events_recorded_out_of_order_list_in_time_order(web, coordinator, episode):
    web.force_login(coordinator)
    today = timezone.localdate()
    for days_ago, summary in ((1, "Kolmas"), (5, "Ensimmäinen"), (3, "Toinen")):
        day = (today - datetime.timedelta(days=days_ago)).isoformat()
        web.post(url(episode), event(occurred_date=day, summary=summary, kind="note", mode=""))
    assert [e.summary for e in selectors.path_events(episode)] == [
        "Ensimmäinen",
        "Toinen",
        "Kolmas",
    ]


def test_a_meeting_records_its_mode_and_duration(web, coordinator, episode):
    web.force_login(coordinator)
    web.post(url(episode), event(kind="meeting", mode="video", duration_minutes="90"))
    meeting = PathEvent.objects.get()
    assert (meeting.mode, meeting.duration_minutes) == ("video", 90)


def test_a_meeting_needs_a_mode_that_fits(web, coordinator, episode):
    web.force_login(coordinator)
    response = web.post(url(episode), event(kind="meeting", mode="letter"))
    assert response.status_code == 200
    assert "Choose how the contact or meeting took place." in response.content.decode()
    assert not PathEvent.objects.exists()


def test_a_consultation_without_consent_is_refused_with_the_reason(web, coordinator, episode, kela):
    web.force_login(coordinator)
    response = web.post(url(episode), event(kind="consultation", mode="", organisation=kela.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "No valid consent of the client covers Kela." in html
    assert 'id="id_organisation_error"' in html  # shown on the organisation field
    assert not PathEvent.objects.exists()


def test_a_consultation_under_valid_consent_is_recorded(web, coordinator, episode, client, kela):
    consent_record(
        actor=coordinator,
        client=client,
        organisations=[kela],
        purpose="consultation",
        method="signed_paper",
        given_on=timezone.localdate(),
    )
    web.force_login(coordinator)
    response = web.post(url(episode), event(kind="consultation", mode="", organisation=kela.pk))
    assert response.status_code == 302
    assert PathEvent.objects.get().organisation == kela


def test_a_statement_request_is_recorded(web, coordinator, episode, health_centre):
    web.force_login(coordinator)
    web.post(
        url(episode),
        event(
            kind="statement",
            mode="",
            organisation=health_centre.pk,
            statement_name="B-lausunto",
            statement_status="requested",
        ),
    )
    statement = PathEvent.objects.get()
    assert (statement.statement_name, statement.statement_status) == ("B-lausunto", "requested")
    episode.refresh_from_db()
    assert episode.first_contact_at is None  # a statement is not a contact


def test_a_closed_relationship_refuses_new_events(web, coordinator, episode):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    web.force_login(coordinator)
    assert "Reopen it before recording new events" in web.get(url(episode)).content.decode()
    response = web.post(url(episode), event())
    assert response.status_code == 409
    assert "The client relationship is closed." in response.content.decode()
    assert not PathEvent.objects.exists()


def test_viewing_and_saving_are_logged_once_each(web, coordinator, episode):
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    web.get(url(episode))
    web.post(url(episode), event())
    entries = list(AccessLogEntry.objects.order_by("id"))[before:]
    assert [(e.action, e.part) for e in entries] == [
        ("view", "service_path"),
        ("change", "service_path"),
    ]


@pytest.mark.parametrize(
    "bad",
    [
        {"kind": ""},
        {"kind": "party"},
        {"mode": "telepathy"},
        {"occurred_date": "2025-02-30"},
        {"occurred_date": "huomenna"},
        {"occurred_time": "25:61"},
        {"occurred_date": (timezone.localdate() + datetime.timedelta(days=3)).isoformat()},
        {"occurred_date": "1990-01-01"},
        {"summary": "   "},
        {"summary": "x" * 6000},
        {"kind": "meeting", "mode": "in_person", "duration_minutes": "0"},
        {"kind": "meeting", "mode": "in_person", "duration_minutes": "-5"},
        {"kind": "meeting", "mode": "in_person", "duration_minutes": "puolitoista"},
        {"kind": "consultation", "organisation": ""},
        {"kind": "consultation", "organisation": "987654"},
        {"kind": "statement", "statement_status": ""},
        {"kind": "statement", "statement_status": "lost"},
        {"statement_name": "x" * 300},
    ],
)
def test_bad_input_shows_errors_and_saves_nothing(web, coordinator, episode, bad):
    web.force_login(coordinator)
    response = web.post(url(episode), event(**bad))
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert not PathEvent.objects.exists()
    episode.refresh_from_db()
    assert episode.status == Episode.Status.WAITING


def test_an_empty_post_saves_nothing(web, coordinator, episode):
    web.force_login(coordinator)
    assert web.post(url(episode), {}).status_code == 200
    assert not PathEvent.objects.exists()


def test_service_event_create_refuses_a_zero_duration_meeting(coordinator, episode):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        event_create(
            actor=coordinator,
            episode=episode,
            kind="meeting",
            mode="video",
            occurred_at=timezone.now(),
            summary="x",
            duration_minutes=0,
        )
    assert "duration_minutes" in error.value.message_dict


def test_a_later_time_today_is_an_error_on_the_time_field(web, coordinator, episode, monkeypatch):
    # The clock stands at noon today, so "two hours later" is today at any hour CI runs.
    noon = timezone.localtime().replace(hour=12, minute=0, second=0, microsecond=0)
    monkeypatch.setattr(timezone, "now", lambda: noon)
    later = noon + datetime.timedelta(hours=2)
    web.force_login(coordinator)
    response = web.post(url(episode), event(occurred_time=later.strftime("%H:%M")))
    errors = response.context["form"].errors
    assert "occurred_time" in errors and "occurred_date" not in errors
    assert not PathEvent.objects.exists()


def test_a_future_day_is_an_error_on_the_date_field(web, coordinator, episode):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    web.force_login(coordinator)
    response = web.post(url(episode), event(occurred_date=tomorrow.isoformat()))
    assert "occurred_date" in response.context["form"].errors


def test_a_next_step_with_a_date_is_a_task_on_my_work_until_done(web, coordinator, episode):
    due = timezone.localdate() + datetime.timedelta(days=7)
    web.force_login(coordinator)
    web.post(url(episode), event(next_step="Soita työnantajalle", next_step_due_on=due.isoformat()))
    created = PathEvent.objects.get()
    assert created.next_step_due_on == due
    work = web.get(reverse("followup:my_work")).context["work"]
    assert [e.pk for e in work.next_steps] == [created.pk]
    response = web.post(reverse("episodes:next_step_done", args=[created.pk]))
    assert response.status_code == 302
    assert web.get(reverse("followup:my_work")).context["work"].next_steps == []


def test_a_date_without_a_next_step_is_refused(web, coordinator, episode):
    due = timezone.localdate() + datetime.timedelta(days=7)
    web.force_login(coordinator)
    response = web.post(url(episode), event(next_step="", next_step_due_on=due.isoformat()))
    assert "next_step" in response.context["form"].errors
    assert not PathEvent.objects.exists()


def test_only_the_services_coordinators_mark_a_next_step_done(
    web, coordinator, episode, other_coordinator
):
    created = event_create(
        actor=coordinator,
        episode=episode,
        kind="note",
        occurred_at=timezone.now(),
        summary="Muistiinpano",
        next_step="Soita",
        next_step_due_on=timezone.localdate(),
    )
    web.force_login(other_coordinator)
    response = web.post(reverse("episodes:next_step_done", args=[created.pk]))
    assert response.status_code == 404
    created.refresh_from_db()
    assert created.next_step_done_at is None


# --- internal events: kept off the client's own view ------------------------------------


def test_a_consultation_is_internal_and_a_contact_is_not(coordinator, episode, client, kela):
    consent_record(
        actor=coordinator,
        client=client,
        organisations=[kela],
        purpose="consultation",
        method="signed_paper",
        given_on=timezone.localdate(),
    )
    now = timezone.now()
    consultation = event_create(
        actor=coordinator,
        episode=episode,
        kind="consultation",
        occurred_at=now,
        organisation=kela,
        summary="Kelan neuvoja",
        internal=False,
    )
    contact = event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=now,
        summary="Soitto",
    )
    note = event_create(
        actor=coordinator,
        episode=episode,
        kind="note",
        occurred_at=now,
        summary="Muistiinpano",
        internal=True,
    )
    assert consultation.internal and note.internal
    assert not contact.internal


def test_the_form_marks_an_event_internal(web, coordinator, episode):
    web.force_login(coordinator)
    web.post(url(episode), event(kind="note", internal="on"))
    web.post(url(episode), event())
    assert [e.internal for e in PathEvent.objects.order_by("id")] == [True, False]
