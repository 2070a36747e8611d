import pytest
from django.urls import reverse

from rinnalla.access.models import AccessLogEntry
from rinnalla.accounts.models import User
from rinnalla.episodes.models import Episode
from rinnalla.referrals.models import Referral
from rinnalla.referrals.services import referral_triage


def detail_url(referral):
    return reverse("referrals:detail", args=[referral.pk])


def triage_url(referral):
    return reverse("referrals:triage", args=[referral.pk])


@pytest.fixture
def second_coordinator(service):
    return User.objects.create_user(
        username="bea",
        password="test-pass-123",
        role=User.Role.COORDINATOR,
        organisation=service,
        first_name="Bea",
        last_name="Koordinaattori",
    )


def test_anonymous_is_sent_to_login(web, referral):
    assert web.get(detail_url(referral))["Location"].startswith(reverse("login"))
    assert web.post(triage_url(referral), {"decision": "accept"})["Location"].startswith(
        reverse("login")
    )
    referral.refresh_from_db()
    assert not referral.is_triaged


def test_detail_shows_the_referral_and_the_first_contact_deadline(web, coordinator, referral):
    web.force_login(coordinator)
    response = web.get(detail_url(referral))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Matti Meikäläinen" in html and "131052-308T" in html
    assert "Työkyvyn selvittely" in html
    assert "11 days left" in html  # received 3 days ago, target 14 days
    assert 'type="radio" name="decision"' in html
    assert f'<option value="{coordinator.pk}" selected>' in html


def test_viewing_a_referral_is_logged_once(web, coordinator, referral):
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    web.get(detail_url(referral))
    entry = AccessLogEntry.objects.order_by("-id").first()
    assert AccessLogEntry.objects.count() == before + 1
    assert (entry.client_id, entry.part, entry.outcome) == (
        referral.client_id,
        "referral",
        "allowed",
    )


@pytest.mark.parametrize(
    "persona, status",
    [("other_coordinator", 404), ("physician", 404), ("manager", 403), ("administrator", 403)],
)
def test_anyone_but_the_receiving_services_coordinators_is_refused(
    web, persona, status, referral, request
):
    """No connection to the client: 404; a role without client data: 403 (as in the API)."""
    web.force_login(request.getfixturevalue(persona))
    before = AccessLogEntry.objects.count()
    assert web.get(detail_url(referral)).status_code == status
    assert (
        web.post(triage_url(referral), {"decision": "decline", "reason": "x"}).status_code == status
    )
    referral.refresh_from_db()
    assert not referral.is_triaged
    refusals = AccessLogEntry.objects.all()[before:]
    assert [e.outcome for e in refusals] == ["refused", "refused"]


def test_unknown_referral_is_404(web, coordinator):
    web.force_login(coordinator)
    assert web.get(reverse("referrals:detail", args=[999999])).status_code == 404
    assert web.post(reverse("referrals:triage", args=[999999])).status_code == 404


def test_triage_is_post_only(web, coordinator, referral):
    web.force_login(coordinator)
    assert web.get(triage_url(referral)).status_code == 405


def test_accepting_opens_a_relationship_with_the_chosen_coordinator_as_primary(
    web, coordinator, second_coordinator, referral, client
):
    web.force_login(coordinator)
    response = web.post(
        triage_url(referral), {"decision": "accept", "coordinator": second_coordinator.pk}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:detail", args=[client.pk])
    referral.refresh_from_db()
    assert referral.status == "accepted"
    assert referral.triaged_by == coordinator
    episode = referral.episode
    assert episode.status == Episode.Status.WAITING
    assert episode.contact_clock_starts_on == referral.received_on
    primary = episode.responsible_persons.get(is_primary=True)
    assert primary.professional == second_coordinator


def test_accepting_defaults_to_the_current_coordinator(web, coordinator, referral):
    web.force_login(coordinator)
    web.post(triage_url(referral), {"decision": "accept"})
    referral.refresh_from_db()
    assert referral.episode.responsible_persons.get(is_primary=True).professional == coordinator


def test_redirect_requires_where_and_why(web, coordinator, referral):
    web.force_login(coordinator)
    response = web.post(triage_url(referral), {"decision": "redirect"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Say which service the client is redirected to." in html
    assert "Say why the client is redirected." in html
    referral.refresh_from_db()
    assert referral.status == "received"

    response = web.post(
        triage_url(referral),
        {"decision": "redirect", "redirect_to": "TYP", "reason": "Alle 30-vuotias"},
    )
    assert response["Location"] == reverse("referrals:queue")
    referral.refresh_from_db()
    assert (referral.status, referral.redirected_to, referral.triage_reason) == (
        "redirected",
        "TYP",
        "Alle 30-vuotias",
    )
    assert referral.episode is None


def test_decline_requires_a_reason(web, coordinator, referral):
    web.force_login(coordinator)
    response = web.post(triage_url(referral), {"decision": "decline", "reason": "   "})
    assert "Say why the referral is declined." in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "received"
    web.post(triage_url(referral), {"decision": "decline", "reason": "Ei kohderyhmää"})
    referral.refresh_from_db()
    assert referral.status == "declined"
    assert not Episode.objects.exists()


def test_a_second_triage_is_refused_and_changes_nothing(web, coordinator, referral):
    referral_triage(actor=coordinator, referral=referral, decision="decline", reason="Ei")
    web.force_login(coordinator)
    response = web.post(triage_url(referral), {"decision": "accept"})
    assert response.status_code == 409
    assert "already been triaged" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "declined"
    assert not Episode.objects.exists()
    # The detail page no longer offers the triage form.
    assert 'name="decision"' not in web.get(detail_url(referral)).content.decode()


def test_a_triage_racing_another_is_refused_with_409(web, coordinator, referral, monkeypatch):
    """The page loaded before someone else triaged: the service's Conflict wins."""
    from rinnalla.referrals import views

    real = views.selectors.referral_for_page

    def stale(**kwargs):
        fetched = real(**kwargs)
        fetched.status = Referral.Status.RECEIVED
        return fetched

    referral_triage(actor=coordinator, referral=referral, decision="decline", reason="Ei")
    monkeypatch.setattr(views.selectors, "referral_for_page", stale)
    web.force_login(coordinator)
    response = web.post(triage_url(referral), {"decision": "accept"})
    assert response.status_code == 409
    referral.refresh_from_db()
    assert referral.status == "declined"


def test_a_coordinator_of_another_service_cannot_be_named(
    web, coordinator, other_coordinator, referral
):
    web.force_login(coordinator)
    response = web.post(
        triage_url(referral), {"decision": "accept", "coordinator": other_coordinator.pk}
    )
    assert response.status_code == 200
    referral.refresh_from_db()
    assert referral.status == "received"


@pytest.mark.parametrize(
    "garbage",
    [
        {},
        {"decision": "maybe"},
        {"decision": "accept", "coordinator": "abc"},
        {"decision": ["accept", "decline"], "reason": "x" * 6000},
        {"decision": "redirect", "redirect_to": "x" * 500, "reason": "ok"},
    ],
)
def test_garbage_never_500s_and_changes_nothing(web, coordinator, referral, garbage):
    web.force_login(coordinator)
    response = web.post(triage_url(referral), garbage)
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    referral.refresh_from_db()
    assert referral.status == "received"


def test_a_referral_for_a_client_of_another_service_can_be_triaged(
    web, coordinator, other_coordinator, other_service, physician, make_referral
):
    from django.utils import timezone

    from rinnalla.referrals.services import referral_create

    first = make_referral(actor=other_coordinator, to=other_service)
    again = referral_create(
        actor=physician,
        client=first.client,
        service=coordinator.organisation,
        source_kind="physician",
        channel="web_form",
        reason="Uusi lähete",
        received_on=timezone.localdate(),
        source_professional=physician,
    )
    web.force_login(coordinator)
    assert web.get(detail_url(again)).status_code == 200
