"""Two people edit the same plan: the later save is refused and nothing is lost."""

import pytest
from django.urls import reverse

from conftest import make_user
from rinnalla.accounts.models import User
from rinnalla.plans.services import PlanConflict, plan_update

pytestmark = pytest.mark.django_db


@pytest.fixture
def colleague(service):
    return make_user(
        "ville", User.Role.COORDINATOR, service, first_name="Ville", last_name="Kollega"
    )


def _data(plan, **changes):
    data = {name: getattr(plan, name) or "" for name in plan.TEXT_FIELDS}
    data["next_meeting_on"] = plan.next_meeting_on.isoformat() if plan.next_meeting_on else ""
    data["distributed_to_client"] = "on"
    data["distributed_to_primary_care"] = "on"
    data["version"] = str(plan.version)
    data.update(changes)
    return data


def test_second_of_two_saves_with_the_same_version_is_refused(web, coordinator, colleague, plan):
    from django.test import Client as HttpClient

    aino, ville = web, HttpClient()
    aino.force_login(coordinator)
    ville.force_login(colleague)
    url = reverse("plans:plan_edit", args=[plan.pk])
    aino_form = _data(plan, planned="Ainon versio")
    ville_form = _data(plan, planned="Villen versio", client_tasks="Villen tehtävä")

    assert ville.post(url, ville_form).status_code == 302
    response = aino.post(url, aino_form)

    assert response.status_code == 409
    plan.refresh_from_db()
    assert plan.planned == "Villen versio"  # Aino's save did not overwrite it
    page = response.content.decode()
    assert "Ville Kollega" in page
    assert "Villen versio" in page  # what the other person changed
    assert "Villen tehtävä" in page
    form = response.context["form"]
    assert form["planned"].value() == "Ainon versio"  # nothing the user wrote is lost
    assert form["version"].value() == str(plan.version)
    changes = {c.name: c for c in response.context["conflict"].changes}
    assert changes["planned"].theirs == "Villen versio"
    assert changes["planned"].yours == "Ainon versio"

    # Saving again on purpose, after seeing the other person's change, works.
    again = aino.post(url, response.context["form"].data)
    assert again.status_code == 302
    plan.refresh_from_db()
    assert plan.planned == "Ainon versio"


def test_service_refuses_a_stale_version(coordinator, colleague, plan):
    plan_update(actor=colleague, plan=plan, version=1, shared_view="Muutettu")
    with pytest.raises(PlanConflict) as excinfo:
        plan_update(actor=coordinator, plan=plan, version=1, planned="Oma muutos")
    conflict = excinfo.value
    assert conflict.saved_by == colleague
    assert [c.name for c in conflict.changes] == ["shared_view"]


def test_api_answers_409_when_the_version_is_stale(api, coordinator, colleague, plan):
    url = f"/api/v1/plans/{plan.pk}"
    ville, aino = api(colleague), api(coordinator)
    read = aino.get(url).json()
    first = ville.patch(
        url,
        {"version": read["version"], "planned": "Villen versio"},
        content_type="application/json",
    )
    assert first.status_code == 200
    assert first.json()["version"] == read["version"] + 1
    second = aino.patch(
        url,
        {"version": read["version"], "planned": "Ainon versio"},
        content_type="application/json",
    )
    assert second.status_code == 409
    body = second.json()
    assert body["current_version"] == read["version"] + 1
    assert [(c["field"], c["theirs"], c["yours"]) for c in body["changes"]] == [
        ("planned", "Villen versio", "Ainon versio")
    ]
    assert body["changes"][0]["label"] == "Verkostotapaamisessa suunnitellut asiat"
    plan.refresh_from_db()
    assert plan.planned == "Villen versio"
