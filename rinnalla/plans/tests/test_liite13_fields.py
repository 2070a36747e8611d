"""Every field of the LIITE 13 client plan form is in Rinnalla, in the form's order."""

import pytest
from django.urls import reverse
from django.utils import translation

from rinnalla.plans.models import ActionCategory, ClientPlan, ParticipantRole, Topic

# The form (004, LIITE 13), top to bottom, as the Finnish interface shows it. The form
# says "neuvottelu"; the interface says "verkostotapaaminen" (GLOSSARY, one word for one
# thing).
LIITE_13_SECTIONS = [
    "Asiakas",
    "Henkilötunnus",
    "Verkostotapaamisen päivämäärä",
    "Verkostotapaamisen osallistujat",
    "Verkostotapaamisen aihe",
    "Asiakkaan toiveet ja ajatukset tulevaisuudelle",
    "Yhteinen näkemys asiakkaan työtehtävistä, joista hän selviytyy hyvin ja joissa on haasteita",
    "Verkostotapaamisessa suunnitellut asiat",
    "Jatkosuunnitelmat, asiakasvastuut ja aikataulu",
    "Suunnitelman toteutuksen koordinointi ja seuranta",
    "Asiakkaan tehtävänä on",
    "Työkykykoordinaattorin tehtävänä on",
    "Seuraava verkostotapaaminen",
    "Sovittujen toimenpiteiden seuranta",
    "Yhteydenpito verkostoon / muu",
    "Jakelu",
    "Perusterveydenhuolto (potilaskertomus)",
]

LIITE_13_PARTICIPANTS = [
    "Koordinoiva kuntoutusohjaaja",
    "Työllisyysohjaaja ja/tai työkykykoordinaattori",
    # Not a box of LIITE 13 (there the physician ticks "Muu"), but the physician is in
    # every meeting that asks for a statement: named, not "other" (issue 11, problem 7).
    "Lääkäri",
    "MT-/päihdetyöntekijä",
    "Sosiaalityöntekijä / -ohjaaja",
    "Terveydenhoitaja",
    "Kelan työkykyneuvoja",
    "Rikosseuraamustyöntekijä",
    "Vammaispalvelun ohjaaja",
    "Järjestön edustaja",
    "Muu",
]

LIITE_13_TOPICS = {
    "coping_at_work": "Työssä selviämisen haasteet",
    "getting_to_work": "Työhön pääsemisen haasteet",
    "vocational": "Ammatilliset haasteet",
    "partial_work_ability": "Osatyökykyisyys / työkyvyttömyys",
    "follow_up": "Seurantapalaveri",
    "other": "Muu",
}

LIITE_13_ACTIONS = {
    "work_modification": "Työn muokkaus, omaan ammattiin liittyvä toiminta",
    "social_rehabilitation": "Sosiaalinen kuntoutus / kuntouttava työtoiminta",
    "work_trial": "Työkokeilu tai palkkatukityö",
    "education": "Lisäkoulutus, opiskelu, tiedonhankinta",
    "further_assessment": "Työ- ja toimintakyvyn lisäselvittelyt",
    "vocational_rehabilitation": "Ammatillinen kuntoutus",
    "other_rehabilitation": "Muu kuntoutus",
    "rehabilitation_allowance_application": "Kuntoutusrahan hakeminen",
    "partial_sickness_allowance_application": "Osasairauspäivärahan hakeminen",
    "sickness_allowance_application": "Sairauspäivärahan hakeminen",
    "rehabilitation_subsidy_application": "Kuntoutustuen hakeminen",
    "pension_application": "Eläkkeen hakeminen",
    "other": "Muu",
}

ACTION_HEADINGS = ["Kuntoutus", "Sosiaalietuudet ja niiden selvittely"]


def _text(response) -> str:
    import re

    html = response.content.decode()
    return re.sub(r"\s+", " ", html)


def test_the_action_categories_are_the_issue_codes():
    assert ActionCategory.values == list(LIITE_13_ACTIONS)


def test_the_topics_are_the_issue_codes():
    assert Topic.values == list(LIITE_13_TOPICS)


def test_the_participant_roles_follow_the_form():
    assert len(ParticipantRole.values) == len(LIITE_13_PARTICIPANTS)


def test_the_plan_keeps_every_free_text_field_of_the_form():
    assert ClientPlan.TEXT_FIELDS == (
        "client_wishes",
        "shared_view",
        "planned",
        "client_tasks",
        "coordinator_tasks",
        "next_meeting_on",
        "follow_up_of_actions",
        "network_contact",
        "distributed_to_client",
        "distributed_to_primary_care",
    )


@pytest.mark.django_db
def test_plan_page_shows_every_liite_13_field_in_the_forms_order(web, coordinator, plan):
    web.force_login(coordinator)
    response = web.get(reverse("plans:plan_detail", args=[plan.pk]), HTTP_ACCEPT_LANGUAGE="fi")
    assert response.status_code == 200
    text = _text(response)
    positions = []
    for label in LIITE_13_SECTIONS:
        assert label in text, label
        positions.append(text.index(label, positions[-1] if positions else 0))
    assert positions == sorted(positions)
    for label in LIITE_13_PARTICIPANTS:
        assert label in text, label
    assert "131052-308T" in text  # the form's "Hetu"
    # Actions are listed by due date; the form's grouping is one click away.
    grouped = _text(
        web.get(
            reverse("plans:plan_detail", args=[plan.pk]) + "?by=category",
            HTTP_ACCEPT_LANGUAGE="fi",
        )
    )
    for label in ACTION_HEADINGS:
        assert label in grouped, label


@pytest.mark.django_db
def test_every_topic_and_category_has_the_forms_finnish_words():
    with translation.override("fi"):
        assert {t.value: str(t.label) for t in Topic} == LIITE_13_TOPICS
        assert {c.value: str(c.label) for c in ActionCategory} == LIITE_13_ACTIONS
        assert [str(r.label) for r in ParticipantRole] == LIITE_13_PARTICIPANTS


@pytest.mark.django_db
def test_plan_is_also_in_swedish(web, coordinator, plan):
    web.force_login(coordinator)
    web.post(reverse("set_language"), {"language": "sv", "next": "/"})
    response = web.get(reverse("plans:plan_detail", args=[plan.pk]))
    text = _text(response)
    for label in ["Klientplan", "Klientens önskemål och tankar om framtiden", "Distribution"]:
        assert label in text, label
