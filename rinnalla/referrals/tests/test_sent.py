import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.episodes.services import event_create
from rinnalla.referrals.services import referral_triage

URL = reverse("referrals:sent")


def test_anonymous_is_sent_to_login(web, db):
    assert web.get(URL)["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_roles_without_client_work_get_403(web, persona, request):
    web.force_login(request.getfixturevalue(persona))
    assert web.get(URL).status_code == 403


def test_sender_sees_the_status_of_each_own_referral(
    web, coordinator, physician, health_centre, make_referral
):
    sent = {
        "actor": physician,
        "source_professional": physician,
        "source_organisation": health_centre,
        "channel": "web_form",
    }
    waiting = make_referral(reason="Odottaa käsittelyä", **sent)
    accepted = make_referral(reason="Hyväksytään", **sent)
    redirected = make_referral(reason="Ohjataan muualle", **sent)
    declined = make_referral(reason="Hylätään", **sent)
    referral_triage(actor=coordinator, referral=accepted, decision="accept")
    referral_triage(
        actor=coordinator,
        referral=redirected,
        decision="redirect",
        redirect_to="TYP Lahti",
        reason="Nuori työtön, TYP sopii paremmin",
    )
    referral_triage(
        actor=coordinator, referral=declined, decision="decline", reason="Asiakas on jo eläkkeellä"
    )
    web.force_login(physician)
    html = web.get(URL).content.decode()
    for text in (
        "Odottaa käsittelyä",
        "Waiting for triage.",
        "Accepted",
        "Waiting for the first contact with the client.",
        "Redirected to: TYP Lahti",
        "Nuori työtön, TYP sopii paremmin",
        "Declined",
        "Asiakas on jo eläkkeellä",
    ):
        assert text in html, text
    assert waiting.client.masked_identity_code in html


def test_sender_sees_that_the_first_contact_was_made_but_not_the_path(
    web, coordinator, physician, referral, episode
):
    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now(),
        summary="Salainen puhelun sisältö",
        next_step="Tapaaminen ensi viikolla",
    )
    web.force_login(physician)
    html = web.get(URL).content.decode()
    assert "The first contact with the client has been made." in html
    assert "Salainen puhelun sisältö" not in html
    assert "Tapaaminen ensi viikolla" not in html
    # The client's registered name is not shown either, only the masked code.
    assert "Meikäläinen" not in html
    assert "131052-****" in html


def test_sender_does_not_see_other_peoples_referrals(web, kela_advisor, referral):
    web.force_login(kela_advisor)
    html = web.get(URL).content.decode()
    assert "Työkyvyn selvittely" not in html
    assert "You have not sent any referrals yet." in html


def test_it_logs_one_list_access(web, physician, referral):
    web.force_login(physician)
    before = AccessLogEntry.objects.count()
    web.get(URL)
    assert AccessLogEntry.objects.count() == before + 1
    assert AccessLogEntry.objects.order_by("-id").first().part == "referral_status"


def test_its_query_count_is_constant(
    web, physician, health_centre, make_referral, django_assert_max_num_queries
):
    sent = {
        "actor": physician,
        "source_professional": physician,
        "source_organisation": health_centre,
    }
    make_referral(**sent)
    web.force_login(physician)
    with django_assert_max_num_queries(10) as one:
        web.get(URL)
    for _ in range(20):
        make_referral(**sent)
    with django_assert_max_num_queries(len(one.captured_queries)):
        web.get(URL)
