import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.episodes.models import Closing, Episode
from rinnalla.episodes.services import episode_close, event_create


def close_url(episode):
    return reverse("episodes:close", args=[episode.pk])


def reopen_url(episode):
    return reverse("episodes:reopen", args=[episode.pk])


def pause_url(episode):
    return reverse("episodes:pause", args=[episode.pk])


def status(episode):
    episode.refresh_from_db()
    return episode.status


CLOSING = {
    "outcome": "part_time_work",
    "handover_to": "Työterveyshuolto",
    "summary": "Osa-aikatyö alkoi, seuranta työterveyshuollossa.",
}


@pytest.mark.parametrize("make_url", [close_url, reopen_url, pause_url])
def test_anonymous_is_sent_to_login(web, episode, make_url):
    assert web.post(make_url(episode), CLOSING)["Location"].startswith(reverse("login"))
    assert status(episode) == Episode.Status.WAITING


@pytest.mark.parametrize(
    "persona, code",
    [("other_coordinator", 404), ("physician", 404), ("manager", 403), ("administrator", 403)],
)
@pytest.mark.parametrize("make_url", [close_url, reopen_url, pause_url])
def test_outsiders_get_404_and_roles_without_client_data_403(
    web, episode, persona, code, make_url, request
):
    web.force_login(request.getfixturevalue(persona))
    assert web.post(make_url(episode), {**CLOSING, "reason": "x"}).status_code == code
    assert status(episode) == Episode.Status.WAITING


def test_closing_records_the_outcome_and_handover(web, coordinator, episode, client):
    web.force_login(coordinator)
    assert web.get(close_url(episode)).status_code == 200
    response = web.post(close_url(episode), CLOSING)
    assert response["Location"] == reverse("clients:detail", args=[client.pk])
    assert status(episode) == Episode.Status.CLOSED
    closing = Closing.objects.get()
    assert (closing.outcome, closing.handover_to, closing.closed_by) == (
        "part_time_work",
        "Työterveyshuolto",
        coordinator,
    )


def test_closing_twice_is_refused(web, coordinator, episode):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    web.force_login(coordinator)
    assert "already closed" in web.get(close_url(episode)).content.decode()
    response = web.post(close_url(episode), CLOSING)
    assert response.status_code == 409
    assert Closing.objects.count() == 1
    assert Closing.objects.get().outcome == "work"


@pytest.mark.parametrize(
    "bad",
    [
        {},
        {"outcome": "lottery", "summary": "x"},
        {"outcome": "work", "summary": "   "},
        {"outcome": "work", "summary": "x", "handover_to": "x" * 300},
        {"outcome": ["work", "study"], "summary": "x" * 6000},
    ],
)
def test_bad_closing_input_changes_nothing(web, coordinator, episode, bad):
    web.force_login(coordinator)
    response = web.post(close_url(episode), bad)
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    assert status(episode) == Episode.Status.WAITING
    assert not Closing.objects.exists()


def test_reopening_needs_a_reason_and_restores_the_status(web, coordinator, episode):
    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now(),
        summary="Soitto",
    )
    episode_close(actor=coordinator, episode=episode, outcome="study", summary="Opiskelemaan")
    web.force_login(coordinator)
    page = web.get(reopen_url(episode)).content.decode()
    assert "Opiskelemaan" in page
    response = web.post(reopen_url(episode), {"reason": "  "})
    assert response.status_code == 200
    assert status(episode) == Episode.Status.CLOSED

    response = web.post(reopen_url(episode), {"reason": "Opinnot keskeytyivät"})
    assert response.status_code == 302
    assert status(episode) == Episode.Status.ACTIVE
    closing = Closing.objects.get()
    assert (closing.reopen_reason, closing.reopened_by) == ("Opinnot keskeytyivät", coordinator)


def test_an_open_relationship_cannot_be_reopened(web, coordinator, episode):
    web.force_login(coordinator)
    response = web.post(reopen_url(episode), {"reason": "Miksei"})
    assert response.status_code == 409
    assert status(episode) == Episode.Status.WAITING


def test_closed_then_reopened_relationship_accepts_events_again(web, coordinator, episode):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    web.force_login(coordinator)
    web.post(reopen_url(episode), {"reason": "Työ päättyi koeaikana"})
    now = timezone.localtime()
    response = web.post(
        reverse("episodes:event_create", args=[episode.pk]),
        {
            "kind": "meeting",
            "mode": "in_person",
            "duration_minutes": "90",
            "occurred_date": now.date().isoformat(),
            "occurred_time": now.strftime("%H:%M"),
            "summary": "Uusi alku",
        },
    )
    assert response.status_code == 302
    assert status(episode) == Episode.Status.ACTIVE


def test_pause_toggles_paused_and_resumed(web, coordinator, episode):
    web.force_login(coordinator)
    assert web.get(pause_url(episode)).status_code == 405
    web.post(pause_url(episode))
    assert status(episode) == Episode.Status.PAUSED
    web.post(pause_url(episode))
    assert status(episode) == Episode.Status.WAITING  # no first contact yet


def test_a_closed_relationship_cannot_be_paused(web, coordinator, episode):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    web.force_login(coordinator)
    response = web.post(pause_url(episode))
    assert response.status_code == 302
    assert status(episode) == Episode.Status.CLOSED
