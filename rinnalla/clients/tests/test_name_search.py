"""Name search as people type it: prefixes without the dots (both databases), one-letter
typos (PostgreSQL), never beyond the access rule, the same answer in page and API."""

import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse

from rinnalla.access.models import AccessLogListing
from rinnalla.access.testing import api_client
from rinnalla.clients.models import SearchName
from rinnalla.clients.services import client_create, client_update
from rinnalla.core import hetu

from .conftest import login, text_of

POSTGRESQL = connection.vendor == "postgresql"


@pytest.fixture
def postgresql():
    if not POSTGRESQL:
        pytest.skip("typo tolerance needs PostgreSQL's pg_trgm; SQLite matches prefixes only")


def _client(actor, service, first, last, number):
    return client_create(
        actor=actor,
        service=service,
        first_name=first,
        last_name=last,
        personal_identity_code=hetu.build(datetime.date(1980, 1, 2), number),
    )


@pytest.fixture
def people(coordinator, service, other_coordinator, other_service):
    return {
        "elsa": _client(coordinator, service, "Elsa", "Sjöberg", 201),
        "ville": _client(coordinator, service, "Ville", "Virtanen", 202),
        "eero": _client(coordinator, service, "Eero", "Äijälä", 203),
        "outi": _client(coordinator, service, "Outi", "Virtala", 204),
        "asa": _client(coordinator, service, "Åsa", "Lindqvist", 205),
        # Registered in another service: coordinator never sees these two.
        "visa": _client(other_coordinator, other_service, "Visa", "Virtanen", 206),
        "sara": _client(other_coordinator, other_service, "Sara", "Sjöberg", 207),
    }


def page_ids(http, q) -> list[int]:
    """The clients on the list page for ``q``, in the order shown."""
    text = text_of(http.get(reverse("clients:list"), {"q": q}))
    return [int(pk) for pk in re.findall(r'href="/clients/(\d+)/"', text)]


def api_ids(api, q) -> list[int]:
    body = api.get("/api/v1/clients", {"q": q}).json()
    return [item["id"] for item in body["items"]]


def api_search_ids(api, q) -> list[int]:
    response = api.post("/api/v1/clients/search", {"q": q}, content_type="application/json")
    return [item["id"] for item in response.json()["items"]]


def found(http, people, q) -> list[str]:
    by_pk = {client.pk: key for key, client in people.items()}
    return [by_pk[pk] for pk in page_ids(http, q)]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Sjoberg", ["elsa"]),
        ("sjöb", ["elsa"]),
        ("SJOB", ["elsa"]),
        ("Virtane", ["ville"]),
        ("aijala", ["eero"]),
        ("Äijälä", ["eero"]),
        ("asa", ["asa"]),
        ("elsa sjoberg", ["elsa"]),
        ("sjoberg elsa", ["elsa"]),
    ],
)
def test_a_name_prefix_is_found_without_the_dots(http, coordinator, people, q, expected):
    shown = found(login(http, coordinator), people, q)
    # Prefix matches come first; PostgreSQL may add close names after them.
    assert shown[: len(expected)] == expected
    if not POSTGRESQL:
        assert shown == expected


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("Virtnen", "ville"),
        ("Sjöbrg", "elsa"),
        ("sjobrg", "elsa"),
        ("Virtasen", "ville"),
        ("eero aijla", "eero"),
        ("Lindkvist", "asa"),
    ],
)
def test_a_one_letter_typo_still_finds_the_client(
    postgresql, http, coordinator, people, q, expected
):
    assert found(login(http, coordinator), people, q)[0] == expected


def test_the_closest_name_comes_first(postgresql, http, coordinator, people):
    # "Virtane" is the start of Virtanen; Virtala is only close to it.
    assert found(login(http, coordinator), people, "Virtane") == ["ville", "outi"]


@pytest.mark.parametrize("q", ["Virtanen", "Virtnen", "virt", "Sjoberg", "sjobrg", "Visa", "Sara"])
def test_search_never_shows_a_client_outside_the_users_access(http, coordinator, people, q):
    shown = found(login(http, coordinator), people, q)
    assert "visa" not in shown and "sara" not in shown
    api = api_client(coordinator)
    for ids in (api_ids(api, q), api_search_ids(api, q)):
        assert people["visa"].pk not in ids and people["sara"].pk not in ids


def test_a_network_professional_without_access_finds_nobody(physician, people):
    api = api_client(physician)
    assert api_ids(api, "Virtanen") == [] and api_search_ids(api, "sjobrg") == []


@pytest.mark.parametrize("q", ["Virtane", "sjoberg", "Virtnen", "ville virtanen", "a"])
def test_page_and_api_give_the_same_clients_in_the_same_order(http, coordinator, people, q):
    api = api_client(coordinator)
    on_page = page_ids(login(http, coordinator), q)
    assert on_page == api_ids(api, q) == api_search_ids(api, q)


def test_a_search_result_is_written_to_the_shown_clients_logs(http, coordinator, people):
    api_search_ids(api_client(coordinator), "sjoberg")
    page_ids(login(http, coordinator), "aijala")
    listed = set(AccessLogListing.objects.values_list("client_id", flat=True))
    assert {people["elsa"].pk, people["eero"].pk} <= listed
    assert people["sara"].pk not in listed


def test_a_renamed_client_is_found_by_the_new_name_only(http, coordinator, people):
    client_update(actor=coordinator, client=people["ville"], last_name="Häkkinen")
    http = login(http, coordinator)
    assert "ville" in found(http, people, "hakkinen")
    assert "ville" not in found(http, people, "virtanen")
    assert SearchName.objects.filter(text="hakkinen").exists()
