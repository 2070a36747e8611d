"""Surveys from the seeds: the forms, automatic sending, anonymous answering."""

import datetime

import pytest
from django.core import mail
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from rinnalla.episodes.services import episode_close
from rinnalla.plans.services import meeting_create, meeting_record_minutes
from rinnalla.surveys import services
from rinnalla.surveys.models import (
    Answer,
    ChoiceListItem,
    Survey,
    SurveyLink,
    SurveyResponse,
)

pytestmark = pytest.mark.django_db

# The main questions of each form, as the seed (004) words them, in order.
SEED_QUESTIONS = {
    "liite-10": [
        "Kuka sinut ohjasi verkostotapaamiseen?",
        "Millainen oli motivaatiosi osallistua verkostotapaamiseen?",
        "Miten omat asiat edistyivät työkyvyn tuen verkostotapaamisessa?",
        "Huomioivatko ammattilaiset sinun tarpeesi ja toiveesi / tulitko kuulluksi?",
        "Mihin olit tyytyväinen työkyvyn tuen tiimin verkostotapaamisessa?",
        "Mitä asioita tulisi vielä kehittää työkyvyn tuen tiimin verkostotapaamisissa?",
        "Minkä arvosanan annat verkostotapaamiselle?",
        "Minkä arvosanan annat koordinoivan kuntoutusohjaajan toiminnasta?",
    ],
    "liite-11": [
        "Miten mielestäsi asiakkaiden asiat edistyivät työkyvyn tuen tiimin verkostotapaamisella?",
        "Miten mielestäsi asiakkaan kohtaaminen onnistui työkyvyn tuen tiimin verkostotapaamisessa?",
        "Miten mielestäsi ammattilaisten yhteistyö ja työnjako tapaamisissa onnistui?",
        "Mikä onnistui verkostotapaamisessa parhaiten?",
        "Mitä asioita tulisi vielä kehittää verkostotapaamisissa?",
        "Minkä arvosanan annat verkostotapaamisille?",
        "Minkä arvosanan annat koordinoivan kuntoutusohjaajan toiminnasta?",
    ],
    "liite-1": [
        "Mikä on asuinkuntasi?",
        "Mitä työllistymistä tukevia palveluita/etuuksia sinulla on käytössä tällä hetkellä?",
        "Palveluun on ollut helppo päästä ja palvelut ovat olleet helposti saavutettavia",
        "Olen tullut kuulluksi omien toiveideni ja unelmieni suhteen",
        "Toimintakykyyni liittyvät asiat on huomioitu palveluitani suunniteltaessa",
        "Mielipidettäni on kuunneltu palveluitani suunniteltaessa",
        "Työ- ja toimintakykyyn liittyvistä keskusteluista on ollut työllistymiseni kannalta hyötyä",
        "Minulla on työntekijä, joka tuntee tilanteeni",
        "Sain sellaista tukea, mitä tarvitsin (riittävä ohjaus, keskustelut)",
        "Suosittelisin palvelua?",
        "Mitkä ovat mielestäsi merkittävimmät työ- ja toimintakykyysi vaikuttavat asiat",
        "Oletko käynyt työttömien terveystarkastuksessa?",
        "Minkälaisen arvosanan antaisit terveydenhuollolle palvelusta",
        "Oletko käyttänyt sosiaalihuollon palveluita?",
        "Minkälaisen arvosanan antaisit sosiaalihuollon palvelusta",
        "Sana on vapaa",
    ],
    "liite-15": [
        "Työskenteletkö",
        "Onko sinulla nykyisessä työssäsi riittävä tietoperusta",
        "Onko osallistava työote sinulle tuttu ja käytätkö sitä työssäsi?",
        "Tunnetko osatyökykyisen työnhakijan palvelupolut",
        "Onko sinulla työssäsi käytössä jotain työ- ja toimintakyvyn arviointiin liittyvää mittaria?",
        "Tunnetko osatyökykyisten sosiaaliturvaetuudet?",
        "Osaatko ohjata asiakasta tarvittaessa 3. sektorin toimintaan / palveluihin?",
        "Minkälaisesta yhteistyöstä 3. sektorin toimijoiden kanssa hyötyisit nykyisessä työssäsi?",
        "Minkälaista yhteistyötä kaipaisit työssäsi muiden yhteistyökumppaneiden/toimijoiden kanssa?",
        "Koetko tarvitsevasi työ- ja toimintakyvyn tuen tarpeen arviointiin lisäkoulutusta?",
        "Arvioi tämän hetkistä osaamistasi osatyökykyisten parissa työskentelystä asteikolla 0-10",
        "Missä kohtaa olemme onnistuneet ja missä olisi kehitettävää?",
        "Sana on vapaa",
    ],
}


def _link(service, code="liite-10", language="fi", **kwargs):
    return services.link_create(
        survey=services.current_survey(code),
        service=service,
        language=language,
        period=timezone.localdate(),
        **kwargs,
    )


def _in_order(page: str, texts: list[str]) -> None:
    position = 0
    for text in texts:
        found = page.find(text, position)
        assert found >= 0, f"{text!r} missing or out of order"
        position = found + len(text)


@pytest.mark.parametrize("code", sorted(SEED_QUESTIONS))
def test_each_seed_form_asks_its_questions_in_order_in_finnish(web, service, code):
    ChoiceListItem.objects.create(list="municipalities", value="hollola", label_fi="Hollola")
    _link_row, token = _link(service, code)
    page = web.get(reverse("surveys:answer", args=[token]) + "?lang=fi").content.decode()
    _in_order(page, SEED_QUESTIONS[code])
    assert '<html lang="fi">' in page


@pytest.mark.parametrize("code", sorted(SEED_QUESTIONS))
def test_each_form_has_every_question_in_swedish_in_the_same_order(web, service, code):
    survey = services.current_survey(code)
    questions = list(survey.questions.all())
    assert all(
        q.text.get("sv") and q.text["sv"] != q.text["fi"] for q in questions if q.key != "q2"
    )
    _link_row, token = _link(service, code, language="sv")
    page = web.get(reverse("surveys:answer", args=[token])).content.decode()
    assert '<html lang="sv">' in page
    _in_order(page, [q.text["sv"] for q in questions])


def test_the_municipalities_come_from_the_configuration_not_from_kainuu(web, service):
    ChoiceListItem.objects.create(list="municipalities", value="lahti", label_fi="Lahti")
    _link_row, token = _link(service, "liite-1")
    page = web.get(reverse("surveys:answer", args=[token]) + "?lang=fi").content.decode()
    assert "Lahti" in page
    assert "Hyrynsalmi" not in page and "Kajaani" not in page


def test_an_answer_cannot_be_linked_back_to_its_token_or_client(web, service, episode, client):
    link, token = _link(service, episode=episode, recipient="client")
    response = web.post(
        reverse("surveys:answer", args=[token]),
        {"q2": "9", "q4": "yes", "q5": "Hyvä tapaaminen"},
    )
    assert response.status_code == 200
    assert not SurveyLink.objects.filter(pk=link.pk).exists()
    stored = SurveyResponse.objects.get()
    # The response row holds only the survey, the service, the month and the kind.
    columns = {f.column for f in SurveyResponse._meta.concrete_fields}
    assert columns == {"id", "survey_id", "service_id", "period", "respondent", "is_paper"}
    assert stored.period == timezone.localdate().replace(day=1)
    answer_columns = {f.column for f in Answer._meta.concrete_fields}
    assert answer_columns == {"id", "response_id", "question_id", "number", "choices", "text"}
    # Nothing anywhere in the survey tables holds the token, its hash or the client.
    with connection.cursor() as cursor:
        for table in ("surveys_surveyresponse", "surveys_answer", "surveys_surveylink"):
            cursor.execute(f"SELECT * FROM {table}")  # noqa: S608
            dump = repr(cursor.fetchall())
            assert token not in dump and services.hash_token(token) not in dump
            assert client.last_name not in dump
    assert {a.question.key: (a.number, a.choices, a.text) for a in stored.answers.all()} == {
        "q2": (9, [], ""),
        "q4": (None, ["yes"], ""),
        "q5": (None, [], "Hyvä tapaaminen"),
    }


def test_a_link_works_once(web, service):
    _link_row, token = _link(service)
    url = reverse("surveys:answer", args=[token])
    assert web.post(url, {"q2": "5"}).status_code == 200
    assert web.get(url).status_code == 404
    assert web.post(url, {"q2": "1"}).status_code == 404
    assert SurveyResponse.objects.count() == 1


def test_an_expired_link_says_so(web, service):
    link, token = _link(service)
    SurveyLink.objects.filter(pk=link.pk).update(expires_at=timezone.now())
    response = web.get(reverse("surveys:answer", args=[token]))
    assert response.status_code == 410
    assert "no-store" in response["Cache-Control"]


def test_a_scale_answer_outside_0_to_10_is_refused(web, service):
    _link_row, token = _link(service)
    response = web.post(reverse("surveys:answer", args=[token]), {"q2": "11"})
    assert response.status_code == 200
    assert not SurveyResponse.objects.exists()
    assert SurveyLink.objects.exists()


def test_recording_minutes_sends_the_surveys_to_the_professionals_and_the_client(
    coordinator, physician, episode, client
):
    physician.email = "pekka@example.org"
    physician.save()
    client.email = "matti@example.org"
    client.language = "sv"
    client.save()
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        professionals=[physician],
        send_invitations=False,
    )
    mail.outbox.clear()
    meeting_record_minutes(actor=coordinator, meeting=meeting, minutes="Sovittiin työkokeilu.")
    recipients = {m.to[0]: m for m in mail.outbox}
    assert set(recipients) == {"pekka@example.org", "matti@example.org"}
    assert "/s/" in recipients["pekka@example.org"].body
    assert "nätverksmötet" in recipients["matti@example.org"].body  # the client's language
    links = SurveyLink.objects.filter(meeting=meeting)
    assert {(link.survey.code, link.recipient) for link in links} == {
        ("liite-11", f"professional:{physician.pk}"),
        ("liite-10", "client"),
    }
    assert links.get(recipient="client").language == "sv"
    # Recording the minutes again sends nothing twice.
    mail.outbox.clear()
    meeting_record_minutes(actor=coordinator, meeting=meeting, minutes="Korjattu.")
    assert mail.outbox == []
    # The client's link is the one printed as a QR code on the plan.
    assert services.client_meeting_link_url(meeting).endswith(
        "/s/" + services._meeting_client_token(meeting.pk) + "/"
    )


def test_closing_sends_the_customer_experience_survey(coordinator, episode, client):
    client.email = "matti@example.org"
    client.save()
    mail.outbox.clear()
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töissä")
    assert len(mail.outbox) == 1
    assert "Asiakaskokemuskysely" in mail.outbox[0].subject
    assert SurveyLink.objects.get().survey.code == "liite-1"


def test_a_paper_form_is_typed_in_and_flagged(web, coordinator):
    web.force_login(coordinator)
    response = web.post(
        reverse("surveys:paper_entry", args=["liite-11"]),
        {"period": timezone.localdate().isoformat(), "q1": "8", "q4": "Työnjako"},
    )
    assert response.status_code == 200
    stored = SurveyResponse.objects.get()
    assert stored.is_paper and stored.service_id == coordinator.organisation_id
    assert stored.answers.count() == 2


def test_the_blank_paper_form_is_a_pdf_with_the_questions(web, coordinator):
    from rinnalla.core.pdf import pdf_text

    web.force_login(coordinator)
    response = web.get(reverse("surveys:paper_pdf", args=["liite-11"]) + "?lang=fi")
    assert response["Content-Type"] == "application/pdf"
    assert "Mikä onnistui verkostotapaamisessa parhaiten?" in pdf_text(response.content)


def test_a_coordinator_makes_a_link_for_a_client_with_a_qr_code(web, coordinator, episode):
    web.force_login(coordinator)
    survey = Survey.objects.get(code="liite-1")
    response = web.post(
        reverse("surveys:send_for_episode", args=[episode.pk]),
        {"survey": survey.pk, "language": "fi", "email": ""},
    )
    assert response.status_code == 200
    assert b"<svg" in response.content
    link = SurveyLink.objects.get()
    assert link.episode == episode and link.recipient == ""


def test_the_api_makes_a_link_and_lists_the_surveys(coordinator, episode):
    from rinnalla.access.testing import api_client

    api = api_client(coordinator)
    listed = api.get("/api/v1/surveys").json()
    assert [s["code"] for s in listed] == ["liite-10", "liite-11", "liite-1", "liite-15"]
    response = api.post(
        "/api/v1/surveys/liite-10/links",
        {"episode_id": episode.pk, "language": "sv"},
        content_type="application/json",
    )
    assert response.status_code == 201
    assert "/s/" in response.json()["url"]
    assert SurveyLink.objects.get().language == "sv"


def test_the_clients_plan_pdf_carries_the_survey_link_as_a_qr_code(
    coordinator, physician, episode, client
):
    from rinnalla.core.pdf import pdf_text
    from rinnalla.plans.outputs import client_pdf
    from rinnalla.plans.services import plan_create

    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(hours=2),
        professionals=[physician],
        send_invitations=False,
    )
    plan = plan_create(actor=coordinator, meeting=meeting, shared_view="Kevyempi työ.")
    assert "/s/" not in pdf_text(client_pdf(plan, client))
    meeting_record_minutes(actor=coordinator, meeting=meeting, minutes="Sovittiin.")
    text = pdf_text(client_pdf(plan, client)).replace("\n", "")
    assert "/s/" + services._meeting_client_token(meeting.pk) in text


def test_the_coordinators_home_shows_my_service_this_month(web, coordinator, episode):
    web.force_login(coordinator)
    page = web.get(reverse("referrals:queue")).content.decode()
    assert "My service this month" in page
    assert "Referrals received" in page
