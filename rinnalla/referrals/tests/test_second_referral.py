"""A second referral for a client with an open relationship in the same service is
attached to it; the database refuses a second open relationship (issue 11, problem 1)."""

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from rinnalla.core.errors import Conflict
from rinnalla.episodes.models import Episode
from rinnalla.episodes.services import episode_close, episode_open, episode_reopen
from rinnalla.referrals.models import Referral
from rinnalla.referrals.services import referral_receive, referral_triage

pytestmark = pytest.mark.django_db


@pytest.fixture
def second(coordinator, service, episode):
    return referral_receive(
        actor=coordinator,
        service=service,
        client_fields={
            "personal_identity_code": "131052-308T",
            "first_name": "Matias",
            "last_name": "Meikäläinen",
            "language": "fi",
        },
        source_kind="kela",
        channel="phone",
        reason="Kela pyytää työkyvyn selvittelyä",
        received_on=timezone.localdate(),
    )


def test_the_second_referral_keeps_the_typed_name_and_never_renames_the_client(second, client):
    client.refresh_from_db()
    assert second.client_id == client.pk
    assert second.given_name == "Matias Meikäläinen"
    assert client.first_name == "Matti"


def test_the_triage_page_says_already_a_client_and_offers_attach(web, coordinator, second):
    web.force_login(coordinator)
    html = web.get(reverse("referrals:detail", args=[second.pk])).content.decode()
    assert "Already a client: the client relationship is open" in html
    assert "Aino Koordinaattori" in html
    assert 'value="attach"' in html and 'value="accept"' not in html
    assert "Matias Meikäläinen" in html  # the name as the referral gave it


def test_attaching_adds_the_referral_to_the_open_relationship(web, coordinator, second, episode):
    web.force_login(coordinator)
    response = web.post(reverse("referrals:triage", args=[second.pk]), {"decision": "attach"})
    assert response.status_code == 302
    second.refresh_from_db()
    assert second.status == Referral.Status.ATTACHED
    assert second.attached_to_id == episode.pk
    assert Episode.objects.filter(client=episode.client).count() == 1
    page = web.get(reverse("clients:detail", args=[episode.client_id])).content.decode()
    assert page.count("Client relationship opened on") == 1
    assert "Later referral, attached" in page and "Kela pyytää työkyvyn selvittelyä" in page


def test_accepting_a_second_referral_is_refused(coordinator, second):
    with pytest.raises(Exception) as exc:
        referral_triage(actor=coordinator, referral=second, decision="accept")
    assert "already has an open client relationship" in str(exc.value)
    second.refresh_from_db()
    assert second.status == Referral.Status.RECEIVED


def test_the_database_refuses_two_open_relationships(coordinator, service, episode):
    with pytest.raises(Conflict):
        episode_open(
            actor=coordinator, client=episode.client, service=service, coordinator=coordinator
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Episode.objects.create(
            client=episode.client,
            service=service,
            opened_on=timezone.localdate(),
            contact_clock_starts_on=timezone.localdate(),
            created_by=coordinator,
        )


def test_after_closing_a_new_referral_opens_a_new_relationship_but_reopen_is_refused(
    coordinator, service, episode, second
):
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töissä.")
    new = referral_triage(actor=coordinator, referral=second, decision="accept").episode
    assert new.pk != episode.pk
    with pytest.raises(Conflict):
        episode_reopen(actor=coordinator, episode=episode, reason="Jatkuu")
