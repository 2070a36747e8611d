"""A plan action that refers the client to a catalogue service (issue 12)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client
from rinnalla.catalogue.criteria import evaluate
from rinnalla.catalogue.models import Service
from rinnalla.catalogue.services import catalogue_load, service_save
from rinnalla.core.pdf import pdf_text
from rinnalla.plans.services import action_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def clubhouse(db):
    catalogue_load()
    service = Service.objects.get(code="clubhouse")
    service.phone = "03 123 4567"
    return service_save(actor=None, service=service)


def test_the_clients_pdf_shows_the_services_contact(web, coordinator, plan, clubhouse):
    action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="Tutustuu klubitaloon",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        responsible_is_client=True,
        catalogue_service=clubhouse,
    )
    web.force_login(coordinator)
    text = " ".join(pdf_text(web.get(reverse("plans:plan_pdf", args=[plan.pk])).content).split())
    assert "Klubitalo" in text
    assert "03 123 4567" in text
    page = web.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert reverse("catalogue:detail", args=[clubhouse.pk]) in page


def test_the_action_form_and_the_api_link_a_service(web, coordinator, plan, clubhouse):
    web.force_login(coordinator)
    response = web.post(
        reverse("plans:action_create", args=[plan.pk]),
        {
            "category": "other",
            "description": "Klubitalo",
            "responsible": "client",
            "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "catalogue_service": str(clubhouse.pk),
        },
    )
    assert response.status_code == 302
    assert plan.episode.plan_actions.get().catalogue_service == clubhouse
    api = api_client(coordinator)
    response = api.post(
        f"/api/v1/plans/{plan.pk}/actions",
        {
            "category": "other",
            "description": "Klubitalo",
            "responsible": "client",
            "due_on": (timezone.localdate() + datetime.timedelta(days=7)).isoformat(),
            "catalogue_service_id": 999999,
        },
        content_type="application/json",
    )
    assert response.status_code == 422


def test_an_open_action_in_typ_warns_at_a_support_team_referral(coordinator, plan, client):
    catalogue_load()
    team = Service.objects.get(code="work-ability-support-team")
    assert evaluate(client, team).warnings == []
    action_create(
        actor=coordinator,
        plan=plan,
        category="other",
        description="TYP-asiakkuus jatkuu",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
        responsible_is_client=True,
        catalogue_service=Service.objects.get(code="typ"),
    )
    warnings = evaluate(client, team).warnings
    assert len(warnings) == 1 and "TYP" in warnings[0]
