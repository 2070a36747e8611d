"""The client's PDF, the meeting minutes PDF and the summary for the patient record."""

from pathlib import Path

import pytest
from django.urls import reverse

from rinnalla.access.models import AccessLogEntry
from rinnalla.core.pdf import pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def contact_phone(coordinator):
    coordinator.phone = "044 555 1234"
    coordinator.save()


def _normalised(text: str) -> str:
    """One space between words; a word broken after its hyphen ("B-|lausunto") rejoined."""
    return " ".join(text.split()).replace("B- lausunto", "B-lausunto")


def test_client_pdf_names_contact_person_tasks_and_dates(
    web, coordinator, plan, physician_action, client_action, contact_phone
):
    web.force_login(coordinator)
    response = web.get(reverse("plans:plan_pdf", args=[plan.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    text = _normalised(pdf_text(response.content))
    assert "Aino Koordinaattori" in text
    assert "044 555 1234" in text
    assert "Täyttää kuntoutusrahahakemuksen" in text  # what I do
    assert "B-lausunto kuntoutusrahaa varten" in text  # who does what
    assert "Pekka Testinen" in text
    assert physician_action.due_on.strftime("%-d.%-m.%Y") in text
    assert client_action.due_on.strftime("%-d.%-m.%Y") in text
    assert plan.next_meeting_on.strftime("%-d.%-m.%Y") in text
    assert "Suunnitelmasi" in text
    assert "palautetta" in text  # how to give feedback


def test_client_pdf_is_in_swedish_for_a_swedish_speaking_client(
    web, coordinator, client, plan, client_action
):
    client.language = "sv"
    client.save()
    web.force_login(coordinator)
    text = _normalised(pdf_text(web.get(reverse("plans:plan_pdf", args=[plan.pk])).content))
    assert "Din plan" in text
    assert "Din kontaktperson" in text
    assert "Suunnitelmasi" not in text
    # The glossary explains the terms in Swedish though the plan's notes are Finnish.
    assert "Ord i den här planen" in text
    assert "Rehabiliteringspenning (kuntoutusraha)" in text


def test_client_pdf_speaks_plainly_to_the_client(web, coordinator, plan, client_action):
    """Issue 11, problem 8: second person, no category labels, terms explained, no
    third-person notes under first-person headings, rows kept whole."""
    from rinnalla.plans.services import action_create

    action_create(
        actor=coordinator,
        plan=plan,
        category="work_trial",
        description="Etsii työkokeilupaikan; KU 101 täytetään yhdessä.",
        for_client="Etsit työkokeilupaikan. Täytätte KU 101 -hakemuksen yhdessä.",
        due_on=client_action.due_on,
        responsible_is_client=True,
    )
    web.force_login(coordinator)
    text = _normalised(pdf_text(web.get(reverse("plans:plan_pdf", args=[plan.pk])).content))
    # The sentence written for the client, in the second person, without a category label.
    assert "Etsit työkokeilupaikan." in text
    assert "Työkokeilu tai palkkatukityö:" not in text
    assert "Kuntoutusrahan hakeminen:" not in text
    # Headings speak to the client; the meeting's notes are shown as notes.
    assert "Toiveesi tulevaisuudelle" in text and "Toiveeni" not in text
    assert "Mitä sinä teet" in text and "Mitä minä teen" not in text
    assert "Näin kirjattiin verkostotapaamisessa:" in text
    # A short glossary of the terms that occur.
    assert "Sanoja tässä suunnitelmassa" in text
    for term in ("KU 101", "Kuntoutusraha", "Työkokeilu"):
        assert term in text
    assert "Palkkatuki" not in text.split("Sanoja tässä suunnitelmassa")[1]


def test_the_pdf_keeps_table_rows_and_boxes_whole():
    from django.contrib.staticfiles import finders

    css = Path(finders.find("css/pdf.css")).read_text(encoding="utf-8")
    assert "tr, li, .box" in css and "break-inside: avoid" in css


def test_each_pdf_request_writes_one_access_log_entry(web, coordinator, plan):
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    web.get(reverse("plans:plan_pdf", args=[plan.pk]))
    entries = AccessLogEntry.objects.order_by("id")[before:]
    assert [(e.channel, e.outcome, e.client_id) for e in entries] == [
        ("pdf", "allowed", plan.episode.client_id)
    ]


def test_record_summary_is_plain_text_with_a_copy_button(web, coordinator, plan, physician_action):
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    response = web.get(reverse("plans:record_summary", args=[plan.pk]))
    assert AccessLogEntry.objects.count() == before + 1
    html = response.content.decode()
    assert 'data-copy-target="record-summary-text"' in html
    assert '<textarea id="record-summary-text" readonly' in html
    text = response.context["text"]
    assert "131052-308T" in text
    assert "B-lausunto kuntoutusrahaa varten" in text
    assert "<" not in text.replace("&", "")


def test_minutes_pdf_has_actions_and_follow_up(web, coordinator, plan, physician_action):
    web.force_login(coordinator)
    response = web.get(reverse("plans:meeting_pdf", args=[plan.meeting_id]))
    text = _normalised(pdf_text(response.content))
    assert "B-lausunto kuntoutusrahaa varten" in text
    assert plan.next_meeting_on.strftime("%-d.%-m.%Y") in text


@pytest.mark.parametrize("name", ["plans:plan_pdf", "plans:record_summary"])
def test_outputs_refuse_outsiders(web, other_coordinator, manager, plan, name):
    url = reverse(name, args=[plan.pk])
    assert web.get(url).status_code == 302  # anonymous → login
    web.force_login(other_coordinator)
    assert web.get(url).status_code == 404
    web.force_login(manager)
    assert web.get(url).status_code in (403, 404)
