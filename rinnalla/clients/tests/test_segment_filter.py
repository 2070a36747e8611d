"""The client segment in the client list and its filter, on the page and in the API."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogListing
from rinnalla.access.testing import api_client
from rinnalla.situation.services import segment_record

from .conftest import login, text_of
from .test_client_list import make_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def segmented(coordinator, service, other_coordinator, other_service):
    """Three clients of the service (network, cooperation → network later, none) and a
    network client of another service that the coordinator must not see."""
    network = make_client(coordinator, service, "Niina", "Verkko")
    moved = make_client(coordinator, service, "Kalle", "Vaihtaja")
    none = make_client(coordinator, service, "Olli", "Ilman")
    outsider = make_client(other_coordinator, other_service, "Ulla", "Ulkona")
    earlier = timezone.localdate() - datetime.timedelta(days=30)
    segment_record(actor=coordinator, client=network, segment="network", reason="Kaksi palvelua.")
    segment_record(
        actor=coordinator, client=moved, segment="network", reason="Alku.", recorded_on=earlier
    )
    segment_record(actor=coordinator, client=moved, segment="cooperation", reason="Moniammatill.")
    segment_record(actor=other_coordinator, client=outsider, segment="network", reason="Muu.")
    return {"network": network, "moved": moved, "none": none, "outsider": outsider}


def test_the_list_shows_each_clients_current_segment(http, coordinator, segmented):
    text = text_of(login(http, coordinator).get(reverse("clients:list")))
    assert '<th scope="col">Segment</th>' in text
    rows = {row.split("</th>")[0]: row for row in text.split('<th scope="row">')[1:]}
    row = next(r for name, r in rows.items() if "Vaihtaja, Kalle" in name)
    assert "Cooperation client" in row and "Network client" not in row  # the newest one
    row = next(r for name, r in rows.items() if "Ilman, Olli" in name)
    assert "<td>–</td>" in row


def test_the_segment_filter_narrows_the_visible_clients(http, coordinator, segmented):
    login(http, coordinator)
    response = http.get(reverse("clients:list"), {"segment": "network"})
    text = text_of(response)
    assert response.status_code == 200
    assert "Verkko, Niina" in text
    assert "Vaihtaja" not in text  # was a network client, is a cooperation client now
    assert "Ilman" not in text
    assert "Ulkona" not in text  # another service's client: the filter only narrows
    assert '<option value="network" selected>' in text
    assert "1 client in the segment “Network client”." in text
    # The log records exactly the clients that were shown.
    shown = set(AccessLogListing.objects.values_list("client_id", flat=True))
    assert shown == {segmented["network"].pk}


def test_the_filter_combines_with_the_name_search(http, coordinator, segmented):
    login(http, coordinator)
    response = http.post(reverse("clients:list"), {"q": "vaiht", "segment": "cooperation"})
    assert response.status_code == 302
    assert "q=vaiht" in response.url and "segment=cooperation" in response.url
    text = text_of(http.get(response.url))
    assert "Vaihtaja, Kalle" in text
    text = text_of(http.get(reverse("clients:list"), {"q": "vaiht", "segment": "network"}))
    assert "Vaihtaja, Kalle" not in text
    assert "No clients match “vaiht”." in text


def test_an_empty_segment_says_so(http, coordinator, segmented):
    text = text_of(login(http, coordinator).get(reverse("clients:list"), {"segment": "community"}))
    assert "No clients in the segment “Community client”." in text
    assert "No clients have been registered" not in text


def test_an_unknown_segment_is_a_form_error_not_a_crash(http, coordinator, segmented):
    response = login(http, coordinator).get(reverse("clients:list"), {"segment": "vip"})
    assert response.status_code == 400
    text = text_of(response)
    assert "Select a valid choice." in text
    assert "Verkko" not in text
    assert not AccessLogListing.objects.exists()


def test_the_api_filters_the_same_clients_as_the_page(http, coordinator, segmented):
    api = api_client(coordinator)
    login(http, coordinator)
    for segment in ("network", "cooperation", "community", "self_service"):
        body = api.get("/api/v1/clients", {"segment": segment}).json()
        api_ids = [item["id"] for item in body["items"]]
        assert all(item["segment"] == segment for item in body["items"])
        text = text_of(http.get(reverse("clients:list"), {"segment": segment}))
        page_ids = [
            client.pk
            for client in segmented.values()
            if reverse("clients:detail", args=[client.pk]) in text
        ]
        assert sorted(api_ids) == sorted(page_ids), segment
        assert body["count"] == len(api_ids)
    everyone = api.get("/api/v1/clients").json()["items"]
    by_id = {item["id"]: item["segment"] for item in everyone}
    assert by_id[segmented["moved"].pk] == "cooperation"
    assert by_id[segmented["none"].pk] is None
    searched = api.post(
        "/api/v1/clients/search", {"q": "vaiht", "segment": "cooperation"}, "application/json"
    ).json()
    assert [item["id"] for item in searched["items"]] == [segmented["moved"].pk]


def test_the_api_refuses_an_unknown_segment(coordinator, segmented):
    response = api_client(coordinator).get("/api/v1/clients", {"segment": "vip"})
    assert response.status_code == 422
    assert "segment" in response.content.decode()
