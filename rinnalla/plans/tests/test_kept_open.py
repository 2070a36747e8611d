"""Work kept open when a client relationship is closed stays visible to its owner
(issue 11, problem 3): the Kela advisor whose action was left open still sees the
client and the action in My work until she marks it done; a participant of a kept
coming meeting sees the client until the end of the meeting's day."""

import datetime
from unittest import mock

import pytest
from django.http import Http404
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from rinnalla.access import grants
from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import (
    AccessRefused,
    client_for,
    visible_clients,
    visible_clients_by_rule,
)
from rinnalla.core.errors import Conflict
from rinnalla.episodes.services import episode_reopen
from rinnalla.followup.selectors import my_actions, my_meetings
from rinnalla.plans.models import ActionStatus
from rinnalla.plans.services import (
    action_create,
    action_set_status,
    episode_close_with_items,
    meeting_cancel,
    meeting_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def kela_action(coordinator, plan, kela_advisor):
    return action_create(
        actor=coordinator,
        plan=plan,
        category="further_assessment",
        description="Kuntoutusrahapäätös",
        due_on=timezone.localdate() + datetime.timedelta(days=10),
        responsible_professional=kela_advisor,
    )


def close_keeping(coordinator, episode, **decisions):
    return episode_close_with_items(
        actor=coordinator, episode=episode, outcome="work", summary="Palasi töihin.", **decisions
    )


def sees(user, client):
    fast = visible_clients(user).filter(pk=client.pk).exists()
    slow = visible_clients_by_rule(user).filter(pk=client.pk).exists()
    assert fast == slow, "the grants and the rule disagree"
    assert grants.differences() == []
    return fast


def test_the_owner_of_a_kept_action_sees_the_client_until_it_is_done(
    coordinator, client, episode, kela_advisor, kela_consent, kela_action, physician_action
):
    close_keeping(
        coordinator, episode, actions={kela_action.pk: "keep", physician_action.pk: "cancel"}
    )
    assert sees(kela_advisor, client)
    assert list(my_actions(kela_advisor)) == [kela_action]

    action_set_status(actor=kela_advisor, action=kela_action, status=ActionStatus.DONE)
    assert not sees(kela_advisor, client)
    assert list(my_actions(kela_advisor)) == []


def test_cancelling_the_kept_action_ends_the_access_too(
    coordinator, client, episode, kela_advisor, kela_consent, kela_action
):
    close_keeping(coordinator, episode, actions={kela_action.pk: "keep"})
    action_set_status(actor=kela_advisor, action=kela_action, status=ActionStatus.CANCELLED)
    assert not sees(kela_advisor, client)


def test_a_finished_action_of_a_closed_relationship_is_not_reopened(
    coordinator, client, episode, kela_advisor, kela_consent, kela_action
):
    close_keeping(coordinator, episode, actions={kela_action.pk: "done"})
    assert not sees(kela_advisor, client)
    with pytest.raises(Conflict):
        action_set_status(actor=coordinator, action=kela_action, status=ActionStatus.PLANNED)
    assert not sees(kela_advisor, client)


def test_a_kept_action_needs_the_consent_as_before(
    coordinator, client, episode, kela_advisor, kela_action
):
    """No consent covers Kela: the advisor is told why (403), not shown the client."""
    close_keeping(coordinator, episode, actions={kela_action.pk: "keep"})
    assert not sees(kela_advisor, client)
    with pytest.raises(AccessRefused):
        client_for(kela_advisor, client.pk, part="client")


def test_a_kept_coming_meeting_gives_access_until_the_end_of_its_day(
    coordinator, client, episode, physician, physician_consent
):
    starts = timezone.now() + datetime.timedelta(days=3)
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=starts,
        place="Huone 3",
        professionals=[physician],
        send_invitations=False,
    )
    close_keeping(coordinator, episode, meetings={meeting.pk: "keep"})
    assert sees(physician, client)
    assert list(my_meetings(physician, timezone.now())) == [meeting]

    the_day = timezone.localtime(starts).date()
    for day, expected in ((the_day, True), (the_day + datetime.timedelta(days=1), False)):
        with mock.patch("django.utils.timezone.localdate", return_value=day):
            assert sees(physician, client) is expected, day


def test_a_cancelled_coming_meeting_gives_no_access_after_closing(
    coordinator, client, episode, physician, physician_consent
):
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Huone 3",
        professionals=[physician],
        send_invitations=False,
    )
    close_keeping(coordinator, episode, meetings={meeting.pk: "cancel"})
    assert not sees(physician, client)


def test_reopening_and_cancelling_a_kept_meeting_ends_the_access_once_closed_again(
    coordinator, client, episode, physician, physician_consent
):
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        place="Huone 3",
        professionals=[physician],
        send_invitations=False,
    )
    close_keeping(coordinator, episode, meetings={meeting.pk: "keep"})
    episode.refresh_from_db()
    episode_reopen(actor=coordinator, episode=episode, reason="Tapaaminen peruttava.")
    meeting_cancel(actor=coordinator, meeting=meeting, reason="Ei tarpeen.")
    episode.refresh_from_db()
    close_keeping(coordinator, episode)
    assert not sees(physician, client)


@pytest.fixture
def kela_web(kela_advisor):
    web = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    web.force_login(kela_advisor)
    return web


def test_the_kela_advisor_finishes_her_kept_action_from_my_work(
    coordinator, client, episode, kela_advisor, kela_consent, kela_action, kela_web
):
    close_keeping(coordinator, episode, actions={kela_action.pk: "keep"})

    work = kela_web.get(reverse("followup:my_work"))
    assert work.status_code == 200
    html = work.content.decode()
    assert "Kuntoutusrahapäätös" in html
    assert "this action was left open for you" in html

    page = kela_web.get(reverse("clients:detail", args=[client.pk]))
    assert page.status_code == 200
    assert "open action “Kuntoutusrahapäätös”" in page.content.decode()
    assert "of a closed client relationship" in page.content.decode()

    response = kela_web.post(
        reverse("plans:action_status", args=[kela_action.pk]),
        {"status": "done", "note": "Päätös tehty.", "next": reverse("followup:my_work")},
    )
    assert response.status_code == 302
    kela_action.refresh_from_db()
    assert kela_action.status == ActionStatus.DONE
    assert "Kuntoutusrahapäätös" not in kela_web.get(reverse("followup:my_work")).content.decode()

    assert kela_web.get(reverse("clients:detail", args=[client.pk])).status_code == 404
    last = AccessLogEntry.objects.filter(user=kela_advisor).order_by("-id").first()
    assert (last.outcome, last.client_id) == ("refused", client.pk)
    with pytest.raises(Http404):
        client_for(kela_advisor, client.pk, part="client")


def test_the_kept_action_is_reminded_to_its_owner(
    coordinator, client, episode, kela_advisor, kela_consent, kela_action, mailoutbox
):
    from rinnalla.followup.services import reminders_send

    kela_advisor.email = "kaisa@kela.example"
    kela_advisor.save()
    close_keeping(coordinator, episode, actions={kela_action.pk: "keep"})
    mailoutbox.clear()
    reminders_send(today=kela_action.due_on + datetime.timedelta(days=1))
    assert [m.to for m in mailoutbox] == [["kaisa@kela.example"]]
