"""Turvakielto, the interpreter and the language of service on the client's details."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client
from rinnalla.clients.services import client_update
from rinnalla.core.pdf import pdf_text
from rinnalla.plans.outputs import client_pdf, minutes_pdf, record_summary_text
from rinnalla.plans.services import action_create, meeting_create, plan_create

from .conftest import login, text_of

STREET = "Salainen polku 7"
PHONE = "040 123 4567"
EMAIL = "matti.protected@example.com"


@pytest.fixture
def protected(coordinator, client):
    return client_update(
        actor=coordinator,
        client=client,
        non_disclosure=True,
        street_address=STREET,
        postal_code="15100",
        post_office="Lahti",
        email=EMAIL,
    )


@pytest.fixture
def physician_sees_client(consent_for_health_centre, physician_responsible):
    return physician_responsible


def detail(http, client):
    return http.get(reverse("clients:detail", args=[client.pk]))


def test_the_own_coordinator_sees_the_contact_details_and_the_warning(http, coordinator, protected):
    page = text_of(detail(login(http, coordinator), protected))
    assert "Non-disclosure for personal safety (turvakielto)" in page
    assert STREET in page and PHONE in page and EMAIL in page


def test_a_network_professional_sees_the_warning_but_no_contact_details(
    http, physician, protected, physician_sees_client
):
    response = detail(login(http, physician), protected)
    assert response.status_code == 200
    page = text_of(response)
    assert "Non-disclosure for personal safety (turvakielto)" in page
    assert "Protected (turvakielto)" in page
    for secret in (STREET, "15100", PHONE, EMAIL, "<dd>Hollola</dd>"):
        assert secret not in page


def test_the_list_hides_the_municipality_from_others(
    http, physician, coordinator, protected, physician_sees_client
):
    others = text_of(login(http, physician).get(reverse("clients:list")))
    assert "Meikäläinen" in others and "Non-disclosure" in others
    assert "<td>Hollola</td>" not in others
    own = text_of(login(http, coordinator).get(reverse("clients:list")))
    assert "<td>Hollola</td>" in own


def test_the_api_answers_each_reader_as_the_page_does(
    coordinator, physician, protected, physician_sees_client
):
    url = f"/api/v1/clients/{protected.pk}"
    own = api_client(coordinator).get(url).json()
    assert (own["phone"], own["email"], own["street_address"]) == (PHONE, EMAIL, STREET)
    assert own["non_disclosure"] and not own["details_protected"]
    other = api_client(physician).get(url).json()
    assert other["details_protected"] and other["non_disclosure"]
    assert (other["phone"], other["email"], other["street_address"], other["municipality"]) == (
        "",
        "",
        "",
        "",
    )
    listed = api_client(physician).get("/api/v1/clients").json()["items"]
    assert [item["municipality"] for item in listed] == [""]


def test_documents_and_emails_never_carry_the_contact_details(
    coordinator, physician, episode, protected, physician_sees_client
):
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        place="Neuvotteluhuone",
        topics=["vocational"],
        professionals=[physician],
        send_invitations=True,
    )
    plan = plan_create(actor=coordinator, meeting=meeting, planned="Työkokeilu")
    action_create(
        actor=coordinator,
        plan=plan,
        category="work_trial",
        description="Työkokeilupaikka",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        responsible_professional=physician,
    )
    texts = [
        pdf_text(client_pdf(plan, protected)),
        pdf_text(minutes_pdf(meeting, protected)),
        record_summary_text(plan, protected),
        *[message.body + message.subject for message in mail.outbox if message.to != [EMAIL]],
    ]
    for text in texts:
        for secret in (STREET, "15100", PHONE, EMAIL):
            assert secret not in text


def test_an_interpreter_needs_its_language(http, coordinator, client):
    url = reverse("clients:edit", args=[client.pk])
    data = {
        "first_name": client.first_name,
        "last_name": client.last_name,
        "personal_identity_code": client.personal_identity_code,
        "preferred_contact_method": "phone",
        "language": "fi",
        "needs_interpreter": "on",
    }
    response = login(http, coordinator).post(url, data)
    assert response.status_code == 200
    assert "Choose the language the interpreter is needed for." in text_of(response)
    response = http.post(url, {**data, "interpreter_language": "so", "mother_tongue": "so"})
    assert response.status_code == 302
    client.refresh_from_db()
    assert (client.language, client.mother_tongue, client.interpreter_language) == (
        "fi",
        "so",
        "so",
    )
    page = text_of(detail(http, client))
    assert "Needs an interpreter: Somali" in page
    assert "Language of service" in page and "Mother tongue" in page
