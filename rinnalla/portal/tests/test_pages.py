"""The client's own pages: own data only, never internal steps, tasks reach My work."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.policy import client_for
from rinnalla.clients.services import client_create
from rinnalla.consent.services import consent_record
from rinnalla.core.pdf import pdf_text
from rinnalla.episodes.services import event_create
from rinnalla.plans.models import ActionStatus
from rinnalla.plans.services import action_create, meeting_create, plan_create
from rinnalla.portal.models import TaskReport
from rinnalla.portal.services import portal_access_set
from rinnalla.portal.testing import sign_in_as

pytestmark = pytest.mark.django_db


@pytest.fixture
def path(coordinator, physician, episode, own_view):
    """A held meeting with a plan, a task for the client, a coming meeting, events."""
    now = timezone.now()
    held = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=now - datetime.timedelta(days=3),
        duration_minutes=60,
        place="Sote-keskus",
        client_present=True,
        topics=["coping_at_work"],
        professionals=[physician],
        external_participants=[],
        send_invitations=False,
    )
    plan = plan_create(
        actor=coordinator, meeting=held, planned="Työkokeilu kevääksi.", client_wishes="Työhön."
    )
    task = action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="Asiakas varaa ajan",
        for_client="Varaa aika tiimilääkärille.",
        due_on=timezone.localdate() + datetime.timedelta(days=7),
        responsible_is_client=True,
    )
    coming = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=now + datetime.timedelta(days=5),
        duration_minutes=90,
        place="Neuvotteluhuone 3",
        client_present=True,
        topics=["follow_up"],
        professionals=[physician],
        external_participants=[],
        send_invitations=False,
    )
    event_create(
        actor=coordinator,
        episode=episode,
        kind="note",
        occurred_at=now,
        summary="SALAINEN MUISTIINPANO",
        internal=True,
    )
    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=now,
        summary="Soitin ja sovimme tapaamisen.",
    )
    return {"plan": plan, "task": task, "coming": coming}


def test_my_page_shows_contact_person_meeting_plan_and_tasks(browser, client, path):
    sign_in_as(browser, client)
    html = browser.get("/me/").content.decode()
    assert "Aino Koordinaattori" in html
    assert "Neuvotteluhuone 3" in html
    assert "Varaa aika tiimilääkärille." in html
    assert "Työkokeilu kevääksi." in html
    assert "Soitin ja sovimme tapaamisen." in html


def test_internal_events_never_appear(browser, client, path):
    sign_in_as(browser, client)
    for url in ("/me/", "/api/v1/me/client", "/api/v1/me/plan", "/api/v1/me/tasks"):
        assert "SALAINEN" not in browser.get(url).content.decode(), url
    assert "SALAINEN" not in pdf_text(browser.get("/me/plan.pdf").content)


def test_the_plan_pdf_and_the_calendar_file(browser, client, path):
    sign_in_as(browser, client)
    pdf = browser.get("/me/plan.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    ics = browser.get("/me/meeting.ics")
    text = ics.content.decode()
    assert text.startswith("BEGIN:VCALENDAR") and "Neuvotteluhuone 3" in text


def test_done_reaches_the_coordinators_my_work(browser, web, client, coordinator, path):
    coordinator.email = "aino@example.fi"
    coordinator.save(update_fields=["email"])
    sign_in_as(browser, client)
    task = path["task"]
    assert browser.post(f"/me/tasks/{task.pk}/done/").status_code == 302
    assert TaskReport.objects.get().kind == "done"
    assert mail.outbox[-1].to == ["aino@example.fi"]
    assert client.last_name not in mail.outbox[-1].body  # no personal data by e-mail
    web.force_login(coordinator)
    page = web.get(reverse("followup:my_work")).content.decode()
    assert "Says the task is done" in page and "Varaa aika tiimilääkärille." in page
    report = TaskReport.objects.get()
    web.post(reverse("portal:report_handle", args=[report.pk]), {"confirm_done": "1"})
    task.refresh_from_db()
    assert task.status == ActionStatus.DONE
    assert "Says the task is done" not in web.get(reverse("followup:my_work")).content.decode()


def test_asking_for_help_twice_makes_one_report(browser, client, path):
    sign_in_as(browser, client)
    url = f"/me/tasks/{path['task'].pk}/help/"
    assert browser.get(url).status_code == 200
    browser.post(url, {"message": "En tiedä miten."})
    browser.post(url, {"message": "En tiedä miten."})
    assert TaskReport.objects.filter(kind="help").count() == 1


def test_another_clients_task_is_404_and_logged_refused(browser, coordinator, service, path):
    other = client_create(
        actor=coordinator,
        service=service,
        first_name="Toini",
        last_name="Toinen",
        personal_identity_code="020202A0202",
        language="fi",
    )
    portal_access_set(
        actor=coordinator, client=other, enabled=True, allow_codes_under_non_disclosure=False
    )
    sign_in_as(browser, other)
    task = path["task"]
    assert browser.post(f"/me/tasks/{task.pk}/done/").status_code == 404
    assert browser.get(f"/me/tasks/{task.pk}/help/").status_code == 404
    assert browser.post(f"/api/v1/me/tasks/{task.pk}/done").status_code == 404
    assert not TaskReport.objects.exists()
    assert "Meikäläinen" not in browser.get("/me/").content.decode()


def test_who_has_seen_my_data_lists_professionals_and_me(
    browser, client, coordinator, physician, health_centre, path
):
    consent_record(
        actor=coordinator,
        client=client,
        organisations=[health_centre],
        purpose="information_exchange",
        method="signed_paper",
        given_on=timezone.localdate(),
    )
    client_for(coordinator, client.pk, part="client_page")
    client_for(physician, client.pk, part="client_plan")
    sign_in_as(browser, client)
    browser.get("/me/")
    html = browser.get("/me/log/").content.decode()
    assert "Aino Koordinaattori" in html
    assert physician.get_full_name() in html
    assert "Lääkäri" in html  # role as a profession
    assert "You" in html
    pdf = pdf_text(browser.get("/me/log/pdf/").content)
    assert "Aino Koordinaattori" in pdf


def test_the_coordinator_switches_the_view(web, coordinator, client, episode):
    web.force_login(coordinator)
    url = reverse("portal:settings", args=[client.pk])
    assert web.get(url).status_code == 200
    web.post(url, {"enabled": "on"})
    assert client.portal_access.enabled
    web.post(url, {})
    client.portal_access.refresh_from_db()
    assert not client.portal_access.enabled


def test_other_professionals_cannot_switch_it(web, physician, other_coordinator, client):
    for user in (physician, other_coordinator):
        web.force_login(user)
        response = web.post(reverse("portal:settings", args=[client.pk]), {"enabled": "on"})
        assert response.status_code in (403, 404)
    assert not hasattr(client, "portal_access") or not client.portal_access.enabled
