"""The client page (clients:detail): details, relationships, the service path, access."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.consent.services import consent_record
from rinnalla.episodes.services import (
    episode_close,
    episode_open,
    episode_reopen,
    episode_set_paused,
    event_create,
    responsible_person_add,
)
from rinnalla.referrals.services import referral_create, referral_triage

from .conftest import login, text_of


def detail_url(client):
    return reverse("clients:detail", args=[client.pk])


def ago(**kwargs):
    return timezone.now() - datetime.timedelta(**kwargs)


@pytest.fixture
def path(coordinator, client, episode, kela):
    """Seed 000-like steps, recorded out of order to prove the page sorts them."""
    consent_record(
        actor=coordinator,
        client=client,
        organisations=[kela],
        purpose="consultation",
        method="signed_paper",
        given_on=timezone.localdate() - datetime.timedelta(days=2),
    )
    made = {}
    made["statement"] = event_create(
        actor=coordinator,
        episode=episode,
        kind="statement",
        occurred_at=ago(hours=3),
        statement_name="B-lausunto",
        statement_status="requested",
        summary="B-lausuntoa pyydetty lääkäriltä",
        next_step="Asiakas varaa lääkäriajan",
    )
    made["contact"] = event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=ago(days=2),
        summary="TKK:n yhteydenotto",
    )
    made["meeting"] = event_create(
        actor=coordinator,
        episode=episode,
        kind="meeting",
        mode="in_person",
        duration_minutes=90,
        occurred_at=ago(days=1),
        summary="Työkyvyn selvittelyä",
    )
    made["consultation"] = event_create(
        actor=coordinator,
        episode=episode,
        kind="consultation",
        organisation=kela,
        occurred_at=ago(hours=20),
        summary="Kuntoutusvaihtoehdot Kelan kanssa",
    )
    return made


def test_anonymous_is_sent_to_the_login(http, client):
    response = http.get(detail_url(client))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_coordinator_sees_the_full_details_only_here(http, coordinator, client):
    text = text_of(login(http, coordinator).get(detail_url(client)))
    assert "<h1>Matti Meikäläinen</h1>" in text
    assert "131052-308T" in text
    assert "Hollola" in text
    assert "040 123 4567" in text
    assert "Finnish" in text
    assert "Preferred contact method" in text
    assert reverse("clients:edit", args=[client.pk]) in text
    assert "The client has no client relationship." in text


def test_the_relationship_shows_status_service_deadline_and_persons(
    http, coordinator, client, episode, physician
):
    responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="B-lausunto"
    )
    text = text_of(login(http, coordinator).get(detail_url(client)))
    assert "hds-status-label--alert" in text and "Waiting" in text
    assert "Työkykykoordinaattoripalvelu" in text
    assert "11 days left" in text
    assert "Aino Koordinaattori, Työkykykoordinaattori" in text
    assert "Pekka Testinen, Lääkäri – B-lausunto" in text
    assert text.count("Primary contact</span>") == 1
    assert "<details>" in text and "Handovers (2)" in text


def test_the_service_path_is_a_numbered_timeline_in_time_order(http, coordinator, client, path):
    text = text_of(login(http, coordinator).get(detail_url(client)))
    timeline = text[
        text.index('<ol class="timeline"') : text.index("</ol>", text.index('<ol class="timeline"'))
    ]
    steps = [
        "Referral – Physician",
        "Contact – phone",
        "Meeting – in person, 90 min",
        "Consultation – Kela",
        "Statement:",
    ]
    positions = [timeline.index(step) for step in steps]
    assert positions == sorted(positions)
    assert timeline.count("<li>") == 5
    assert "Hollolan sote-keskus" in timeline  # the referring organisation
    assert "Patient record message" in timeline
    assert "Työkyvyn selvittely" in timeline  # the reason for referral
    assert "B-lausunto – requested" in timeline
    assert "Next step: Asiakas varaa lääkäriajan" in timeline
    assert "Aino Koordinaattori" in timeline
    when = timezone.localtime(path["contact"].occurred_at)
    assert f"{when:%-d.%-m.%Y %H:%M}" in timeline
    assert "Active" in text
    assert "deadline--done" in text


def test_coordinator_gets_the_actions_of_an_open_relationship(http, coordinator, client, episode):
    text = text_of(login(http, coordinator).get(detail_url(client)))
    for name in ["event_create", "responsible", "close"]:
        assert reverse(f"episodes:{name}", args=[episode.pk]) in text
    assert f'<form method="post" action="{reverse("episodes:pause", args=[episode.pk])}">' in text
    assert ">Pause</button>" in text
    assert reverse("episodes:reopen", args=[episode.pk]) not in text


def test_a_paused_relationship_offers_resume(http, coordinator, client, episode):
    episode_set_paused(actor=coordinator, episode=episode, paused=True)
    text = text_of(login(http, coordinator).get(detail_url(client)))
    assert ">Resume</button>" in text
    assert "Paused" in text


def test_a_closed_relationship_shows_the_closing_and_only_reopen(
    http, coordinator, client, episode
):
    episode_close(
        actor=coordinator,
        episode=episode,
        outcome="rehabilitation",
        summary="Kelan ammatillinen kuntoutusselvitys alkaa",
        handover_to="Kela, ammatillinen kuntoutus",
    )
    text = text_of(login(http, coordinator).get(detail_url(client)))
    assert "Closed" in text
    assert "Rehabilitation" in text
    assert "Kelan ammatillinen kuntoutusselvitys alkaa" in text
    assert "Kela, ammatillinen kuntoutus" in text
    assert reverse("episodes:reopen", args=[episode.pk]) in text
    assert reverse("episodes:event_create", args=[episode.pk]) not in text
    assert reverse("episodes:pause", args=[episode.pk]) not in text


def test_a_reopened_relationship_shows_why_it_was_reopened(http, coordinator, client, episode):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    episode_reopen(actor=coordinator, episode=episode, reason="Työsuhde päättyi koeajalla")
    text = text_of(login(http, coordinator).get(detail_url(client)))
    assert "Reason for reopening: Työsuhde päättyi koeajalla" in text
    assert reverse("episodes:event_create", args=[episode.pk]) in text


def test_referrals_that_did_not_open_a_relationship_are_listed_with_status(
    http, coordinator, service, client, episode, health_centre
):
    for decision, extra in [
        ("redirect", {"redirect_to": "TYP", "reason": "TYP-asiakas"}),
        ("decline", {"reason": "Ei työkyvyn tuen tarvetta"}),
    ]:
        other = referral_create(
            actor=coordinator,
            client=client,
            service=service,
            source_kind="te_services",
            channel="phone",
            reason=f"Lähete {decision}",
            received_on=timezone.localdate() - datetime.timedelta(days=30),
        )
        referral_triage(actor=coordinator, referral=other, decision=decision, **extra)
    text = text_of(login(http, coordinator).get(detail_url(client)))
    section = text[text.index("<h2>Other referrals</h2>") :]
    assert "Redirected" in section and "Redirected to TYP" in section
    assert "Declined" in section and "Ei työkyvyn tuen tarvetta" in section
    assert "Työkyvyn selvittely" not in section  # the accepted one is step 1 of its path


def test_each_request_writes_exactly_one_access_log_entry(http, coordinator, client, path):
    login(http, coordinator)
    for expected in (1, 2):
        http.get(detail_url(client))
        entries = AccessLogEntry.objects.filter(client=client, part="client_page")
        assert entries.count() == expected
    assert {(e.action, e.outcome, e.username) for e in entries} == {("view", "allowed", "aino")}
    assert AccessLogEntry.objects.filter(client=client).exclude(part="client_page").count() == 0


def test_another_services_coordinator_gets_not_found(http, other_coordinator, client):
    assert login(http, other_coordinator).get(detail_url(client)).status_code == 404
    entry = AccessLogEntry.objects.get(part="client_page")
    assert entry.outcome == "refused"


def test_an_unknown_client_is_not_found(http, coordinator):
    assert login(http, coordinator).get(reverse("clients:detail", args=[9999])).status_code == 404


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_managers_and_administrators_are_refused_without_personal_data(
    http, client, episode, persona, request
):
    response = login(http, request.getfixturevalue(persona)).get(detail_url(client))
    assert response.status_code == 403
    text = text_of(response)
    assert "Meikäläinen" not in text and "131052" not in text


def test_physician_without_consent_or_part_gets_not_found(http, physician, client, episode):
    assert login(http, physician).get(detail_url(client)).status_code == 404


def test_physician_with_consent_but_no_part_gets_not_found(
    http, physician, client, episode, consent_for_health_centre
):
    assert login(http, physician).get(detail_url(client)).status_code == 404


def test_physician_taking_part_without_consent_is_told_what_is_missing(
    http, physician, client, physician_responsible
):
    response = login(http, physician).get(detail_url(client))
    assert response.status_code == 403
    assert "no valid consent of the client covers your organisation" in text_of(response)
    assert "131052-308T" not in text_of(response)


def test_physician_with_consent_and_part_sees_the_page_without_actions(
    http, physician, client, episode, consent_for_health_centre, physician_responsible
):
    response = login(http, physician).get(detail_url(client))
    text = text_of(response)
    assert response.status_code == 200
    assert "131052-308T" in text
    assert '<ol class="timeline"' in text
    assert reverse("clients:edit", args=[client.pk]) not in text
    assert reverse("episodes:event_create", args=[episode.pk]) not in text
    assert reverse("episodes:pause", args=[episode.pk]) not in text


def _queries(http, url):
    with CaptureQueriesContext(connection) as ctx:
        assert http.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_path(
    http, coordinator, client, episode, physician, django_assert_max_num_queries
):
    login(http, coordinator)
    for hours in (50, 49):
        event_create(
            actor=coordinator,
            episode=episode,
            kind="note",
            occurred_at=ago(hours=hours),
            summary="Muistiinpano",
        )
    short = _queries(http, detail_url(client))
    for hours in range(48, 10, -1):
        event_create(
            actor=coordinator,
            episode=episode,
            kind="meeting",
            mode="video",
            duration_minutes=60,
            occurred_at=ago(hours=hours),
            summary="Tapaaminen",
        )
    responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="Lääkäri"
    )
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    episode_reopen(actor=coordinator, episode=episode, reason="Uusi tarve")
    assert episode.events.count() == 40
    assert _queries(http, detail_url(client)) == short
    print("client page queries:", short)
    # 16 for the page, and 11 for the situation card with the top service suggestions
    # (issue 12): the client's record for the suggestion rules (9), the dismissed
    # suggestions and the catalogue (empty here; with services its criteria and
    # overlap rules are prefetched: 2 more, see tests/perf/test_queries_per_page.py).
    with django_assert_max_num_queries(27):
        http.get(detail_url(client))


def test_the_number_of_queries_does_not_grow_with_the_relationships(
    http, coordinator, client, episode, service
):
    login(http, coordinator)
    one = _queries(http, detail_url(client))
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töihin")
    for _ in range(3):
        later = episode_open(
            actor=coordinator, client=client, service=service, coordinator=coordinator
        )
        episode_close(actor=coordinator, episode=later, outcome="study", summary="Opiskelu")
    assert client.episodes.count() == 4
    assert _queries(http, detail_url(client)) == one
