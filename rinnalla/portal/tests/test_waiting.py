"""My page: the services I am in, questionnaires and feedback surveys waiting for me."""

import datetime

import pytest
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.catalogue.models import Service
from rinnalla.catalogue.services import catalogue_load
from rinnalla.clients.services import client_create
from rinnalla.measurements.services import self_fill_link_create, self_fill_link_revoke
from rinnalla.plans.services import action_create
from rinnalla.referrals.services import referral_create, referral_triage
from rinnalla.surveys.models import SurveyLink, SurveyResponse
from rinnalla.surveys.services import current_survey, link_create
from rinnalla.surveys.views import SESSION_KEY as SURVEY_SESSION_KEY

from .test_pages import path  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def signed_in(browser, client):
    from rinnalla.portal.testing import sign_in_as

    return sign_in_as(browser, client)


@pytest.fixture
def other_client(coordinator, service):
    return client_create(
        actor=coordinator,
        service=service,
        first_name="Outi",
        last_name="Muukalainen",
        personal_identity_code="010594Y9032",
    )


@pytest.fixture
def clinic(db):
    catalogue_load()
    return Service.objects.get(code="rehabilitation-research-clinic")


def survey_link(service, *, episode=None, recipient="client"):
    return link_create(
        survey=current_survey("liite-10"),
        service=service,
        language="fi",
        period=timezone.localdate(),
        episode=episode,
        recipient=recipient,
    )


# --- The services I am in -------------------------------------------------------------------


def test_my_open_relationship_is_a_service_i_am_in(browser, client, service, path):  # noqa: F811
    signed_in(browser, client)
    section = browser.get("/me/").content.decode().split('id="services"')[1].split("</section>")[0]
    assert service.name in section
    assert "You are a client here since" in section


def test_the_catalogue_entry_of_my_relationship_and_my_plan_are_shown(
    browser,
    client,
    coordinator,
    service,
    clinic,
    path,  # noqa: F811
):
    Service.objects.filter(code="work-ability-coordination").update(provider=service)
    action_create(
        actor=coordinator,
        plan=path["plan"],
        category="other",
        description="Lähete kuntoutustutkimukseen",
        for_client="Sinulle tehdään lähete kuntoutustutkimukseen.",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        responsible_professional=coordinator,
        catalogue_service=clinic,
    )
    signed_in(browser, client)
    page = browser.get("/me/").content.decode()
    section = page.split('id="services"')[1].split("</section>")[0]
    coordination = Service.objects.get(code="work-ability-coordination")
    assert coordination.name_en in section  # the catalogue's name, in the reader's language
    assert clinic.name_en in section
    assert "In your plan: Sinulle tehdään lähete kuntoutustutkimukseen." in section
    api = browser.get("/api/v1/me/services").json()
    by_id = {item["catalogue_service_id"]: item for item in api}
    assert set(by_id) == {coordination.pk, clinic.pk}
    assert by_id[clinic.pk]["reasons"][0].startswith("In your plan:")


def test_a_redirect_to_a_catalogue_service_is_shown_without_its_reasons(
    browser, client, coordinator, service, clinic, own_view
):
    referral = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="physician",
        channel="phone",
        reason="SALAINEN LÄHETTEEN SYY",
        received_on=timezone.localdate(),
    )
    referral_triage(
        actor=coordinator,
        referral=referral,
        decision="redirect",
        redirect_service=clinic,
        reason="SISÄINEN PERUSTELU",
    )
    signed_in(browser, client)
    page = browser.get("/me/").content.decode()
    section = page.split('id="services"')[1].split("</section>")[0]
    assert clinic.name_en in section and "Your referral was passed on" in section
    assert "SALAINEN" not in page and "SISÄINEN" not in page


def test_no_services_says_so(browser, own_view):
    from rinnalla.episodes.models import Episode

    Episode.objects.update(status=Episode.Status.CLOSED)
    signed_in(browser, own_view.client)
    assert "You are not in any service at the moment." in browser.get("/me/").content.decode()


# --- Questionnaires waiting for me ---------------------------------------------------------


def make_self_fill(coordinator, client):
    link, _raw = self_fill_link_create(
        actor=coordinator,
        client=client,
        instrument_codes=["work-ability-self-rating"],
        url_for_token=lambda token: f"/measurements/self/{token}/",
    )
    return link


def test_a_waiting_questionnaire_opens_from_my_page(browser, client, coordinator, own_view):
    link = make_self_fill(coordinator, client)
    revoked = make_self_fill(coordinator, client)
    self_fill_link_revoke(actor=coordinator, link=revoked)
    signed_in(browser, client)
    page = browser.get("/me/").content.decode()
    assert f"/me/questionnaires/{link.pk}/" in page
    assert f"/me/questionnaires/{revoked.pk}/" not in page
    response = browser.get(f"/me/questionnaires/{link.pk}/")
    assert response.status_code == 302 and response["Location"] == "/measurements/self/"
    form = browser.get("/measurements/self/")
    assert form.status_code == 200 and "work-ability-self-rating" in form.content.decode()
    api = browser.get("/api/v1/me/questionnaires").json()
    assert [w["id"] for w in api["waiting"]] == [link.pk]
    assert api["waiting"][0]["url"].endswith(f"/me/questionnaires/{link.pk}/")


def test_another_clients_questionnaire_is_404_and_logged(
    browser, client, coordinator, own_view, other_client
):
    theirs = make_self_fill(coordinator, other_client)
    signed_in(browser, client)
    assert browser.get(f"/me/questionnaires/{theirs.pk}/").status_code == 404
    assert browser.get("/me/questionnaires/999999/").status_code == 404
    refused = AccessLogEntry.objects.filter(
        by_client=True, outcome=AccessLogEntry.Outcome.REFUSED, client=client
    )
    assert refused.count() == 2
    assert "self_fill_link" not in browser.session


def test_past_results_are_explained_in_plain_words(browser, client, coordinator, own_view):
    from rinnalla.measurements.services import self_fill_submit

    link = make_self_fill(coordinator, client)
    self_fill_submit(link=link, answers_by_code={"work-ability-self-rating": {"score": "7"}})
    signed_in(browser, client)
    page = browser.get("/me/").content.decode()
    assert "You got 7 points out of 10." in page
    assert "0 means that you cannot work at all now" in page
    result = browser.get("/api/v1/me/questionnaires").json()["results"][0]
    assert (result["score"], result["max_score"]) == ("7", "10")


# --- Feedback surveys waiting for me -------------------------------------------------------


def test_a_survey_for_me_is_answered_anonymously(browser, client, service, episode, own_view):
    link, _raw = survey_link(service, episode=episode)
    by_hand, _raw2 = survey_link(service, episode=episode, recipient="")
    signed_in(browser, client)
    page = browser.get("/me/").content.decode()
    assert f"/me/surveys/{link.pk}/" in page
    assert f"/me/surveys/{by_hand.pk}/" not in page  # handed out by hand: for anyone
    assert [s["id"] for s in browser.get("/api/v1/me/surveys").json()] == [link.pk]

    response = browser.get(f"/me/surveys/{link.pk}/")
    assert response.status_code == 302 and response["Location"] == "/s/"
    assert browser.get("/s/").status_code == 200
    done = browser.post("/s/", {"q2": "9", "q4": "yes", "q5": "Hyvä tapaaminen"})
    assert done.status_code == 200

    # Nothing joins the answer to me: the link is gone, and so is its id in my session.
    assert not SurveyLink.objects.filter(pk=link.pk).exists()
    assert SURVEY_SESSION_KEY not in browser.session
    assert SurveyResponse.objects.count() == 1
    # The log says I opened a survey link, never that I answered or what.
    parts = set(
        AccessLogEntry.objects.filter(client=client, by_client=True).values_list("part", flat=True)
    )
    assert "surveys" in parts and not any("response" in part for part in parts)
    assert f"/me/surveys/{link.pk}/" not in browser.get("/me/").content.decode()
    # The used id opens nothing any more.
    assert browser.get(f"/me/surveys/{link.pk}/").status_code == 404
    session = browser.session
    session[SURVEY_SESSION_KEY] = link.pk
    session.save()
    assert browser.get("/s/").status_code == 404


def test_another_clients_survey_is_404(
    browser, client, coordinator, service, own_view, other_client
):
    from rinnalla.episodes.services import episode_open

    theirs_episode = episode_open(
        actor=coordinator, client=other_client, service=service, coordinator=coordinator
    )
    theirs, _raw = survey_link(service, episode=theirs_episode)
    signed_in(browser, client)
    assert browser.get(f"/me/surveys/{theirs.pk}/").status_code == 404
    assert SURVEY_SESSION_KEY not in browser.session


def test_closing_leaves_the_closing_survey_waiting_without_an_e_mail_address(
    browser, client, coordinator, episode, own_view
):
    from django.core import mail

    from rinnalla.episodes.services import episode_close

    type(client).objects.filter(pk=client.pk).update(email="")
    mail.outbox.clear()
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töissä")
    assert not mail.outbox
    link = SurveyLink.objects.get(survey__code="liite-1")
    signed_in(browser, client)
    assert f"/me/surveys/{link.pk}/" in browser.get("/me/").content.decode()
