"""Closing asks about open actions and planned meetings and tells the people concerned
(issue 11, problem 3)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.episodes.models import Episode
from rinnalla.plans.models import ActionStatus
from rinnalla.plans.services import meeting_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def coming(coordinator, episode, physician):
    return meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=10),
        place="Huone 3",
        topics=["follow_up"],
        professionals=[physician],
        send_invitations=False,
    )


def test_the_close_page_lists_open_actions_and_meetings(
    web, coordinator, episode, physician_action, client_action, coming
):
    web.force_login(coordinator)
    html = web.get(reverse("episodes:close", args=[episode.pk])).content.decode()
    assert "B-lausunto kuntoutusrahaa varten" in html
    assert "Täyttää kuntoutusrahahakemuksen" in html
    assert f'name="action_{physician_action.pk}"' in html
    assert f'name="meeting_{coming.pk}"' in html


def test_closing_cancels_what_was_chosen_and_tells_the_physician(
    web,
    coordinator,
    episode,
    physician,
    physician_action,
    client_action,
    coming,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    physician.email = "pekka@example.org"
    physician.save()
    web.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = web.post(
            reverse("episodes:close", args=[episode.pk]),
            {
                "outcome": "work",
                "summary": "Palasi töihin.",
                "handover_to": "",
                f"action_{physician_action.pk}": "cancel",
                f"action_{client_action.pk}": "done",
                f"meeting_{coming.pk}": "cancel",
            },
        )
    assert response.status_code == 302, response.context["form"].errors
    episode.refresh_from_db()
    physician_action.refresh_from_db()
    client_action.refresh_from_db()
    coming.refresh_from_db()
    assert episode.status == Episode.Status.CLOSED
    assert physician_action.status == ActionStatus.CANCELLED
    assert client_action.status == ActionStatus.DONE
    assert coming.is_cancelled
    notices = [m for m in mailoutbox if m.to == ["pekka@example.org"]]
    bodies = " ".join(m.body for m in notices)
    assert "B-lausunto kuntoutusrahaa varten" in bodies
    assert "Meikäläinen" not in bodies


def test_the_reason_closing_gives_a_cancelled_meeting_reads_in_the_readers_language(
    coordinator, episode, coming
):
    """Closed by a Finnish-speaking coordinator; a Swedish-speaking reader sees Swedish."""
    from django.test import Client as HttpClient

    finnish = HttpClient(HTTP_ACCEPT_LANGUAGE="fi")
    finnish.force_login(coordinator)
    response = finnish.post(
        reverse("episodes:close", args=[episode.pk]),
        {"outcome": "work", "summary": "Palasi töihin.", f"meeting_{coming.pk}": "cancel"},
    )
    assert response.status_code == 302
    coming.refresh_from_db()
    assert coming.is_cancelled
    assert "Asiakkuus" not in coming.cancel_reason  # no sentence in the closer's language

    swedish = HttpClient(HTTP_ACCEPT_LANGUAGE="sv")
    swedish.force_login(coordinator)
    html = swedish.get(reverse("plans:meeting_detail", args=[coming.pk])).content.decode()
    assert "Klientrelationen avslutades." in html
    assert "Asiakkuus päätettiin." not in html
    html = finnish.get(reverse("plans:meeting_detail", args=[coming.pk])).content.decode()
    assert "Asiakkuus päätettiin." in html


def test_a_reason_a_person_wrote_is_shown_as_written(coordinator, episode, coming):
    from rinnalla.plans.services import meeting_cancel

    meeting_cancel(actor=coordinator, meeting=coming, reason="Lääkäri sairastui.")
    coming.refresh_from_db()
    assert coming.cancel_reason_text == "Lääkäri sairastui."
