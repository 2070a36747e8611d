"""API: GET/POST /api/v1/episodes/{id}/responsible-persons."""

import pytest

from rinnalla.access.testing import api_client
from rinnalla.episodes.models import ResponsiblePerson

pytestmark = pytest.mark.django_db


def _url(episode):
    return f"/api/v1/episodes/{episode.pk}/responsible-persons"


def test_coordinator_lists_the_responsible_persons(coordinator, episode):
    response = api_client(coordinator).get(_url(episode))
    assert response.status_code == 200
    [person] = response.json()
    assert (person["username"], person["primary"]) == ("aino", True)


def test_coordinator_adds_a_primary_responsible_person(coordinator, episode, physician):
    response = api_client(coordinator).post(
        _url(episode),
        {"professional_id": physician.pk, "area": "Lääketiede", "primary": True},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert (body["username"], body["area"], body["primary"]) == ("pekka", "Lääketiede", True)
    assert body["organisation"] == "Hollolan sote-keskus"
    primary = ResponsiblePerson.objects.get(episode=episode, is_primary=True)
    assert primary.professional == physician


def test_bad_input_answers_422_and_changes_nothing(coordinator, episode, physician, manager):
    api = api_client(coordinator)
    for body in (
        {"professional_id": 999_999, "area": "X"},
        {"professional_id": physician.pk, "area": ""},
        {"professional_id": manager.pk, "area": "Johto"},
    ):
        response = api.post(_url(episode), body, content_type="application/json")
        assert response.status_code == 422, (body, response.content)
    assert ResponsiblePerson.objects.filter(episode=episode).count() == 1


def test_the_same_person_twice_answers_422(coordinator, episode, physician):
    api = api_client(coordinator)
    body = {"professional_id": physician.pk, "area": "Lääketiede"}
    assert api.post(_url(episode), body, content_type="application/json").status_code == 201
    assert api.post(_url(episode), body, content_type="application/json").status_code == 422


def test_refusals(
    coordinator,
    other_coordinator,
    manager,
    kela_advisor,
    episode,
    physician,
    kela_consent,
    kela_responsible,
):
    body = {"professional_id": physician.pk, "area": "Lääketiede"}
    json = "application/json"
    assert api_client(other_coordinator).get(_url(episode)).status_code == 404
    assert api_client(manager).get(_url(episode)).status_code == 403
    assert api_client(kela_advisor).get(_url(episode)).status_code == 200
    assert api_client(kela_advisor).post(_url(episode), body, content_type=json).status_code == 403
    assert (
        api_client(coordinator).get("/api/v1/episodes/999999/responsible-persons").status_code
        == 404
    )
    assert not ResponsiblePerson.objects.filter(professional=physician).exists()
