"""The client's PDF, the meeting minutes PDF and the summary for the patient record."""

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
    assert "Oma suunnitelmani" in text
    assert "palautetta" in text  # how to give feedback


def test_client_pdf_is_in_swedish_for_a_swedish_speaking_client(
    web, coordinator, client, plan, client_action
):
    client.language = "sv"
    client.save()
    web.force_login(coordinator)
    text = _normalised(pdf_text(web.get(reverse("plans:plan_pdf", args=[plan.pk])).content))
    assert "Min plan" in text
    assert "Min kontaktperson" in text
    assert "Oma suunnitelmani" not in text


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
