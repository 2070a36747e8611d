"""The client list (clients:list): who sees whom, search, masking, paging, log, queries."""

import datetime

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.clients.services import client_create
from rinnalla.core import hetu
from rinnalla.episodes.services import episode_close, episode_open, event_create

from .conftest import login, text_of


def make_client(
    actor, service, first, last, *, born=datetime.date(1980, 5, 17), number=None, **extra
):
    make_client.counter += 1
    code = hetu.build(born, number or 100 + make_client.counter)
    return client_create(
        actor=actor,
        service=service,
        first_name=first,
        last_name=last,
        personal_identity_code=code,
        **extra,
    )


make_client.counter = 0


def list_page(http, **params):
    return http.get(reverse("clients:list"), params)


def search_page(http, q):
    """A search with digits is posted: it never travels in the URL."""
    return http.post(reverse("clients:list"), {"q": q})


def test_anonymous_is_sent_to_the_login(http):
    response = list_page(http)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_managers_and_administrators_get_a_clear_refusal_without_the_list(
    http, client, persona, request
):
    response = list_page(login(http, request.getfixturevalue(persona)))
    assert response.status_code == 403
    text = text_of(response)
    assert "does not give access to clients' personal data" in text
    assert "Meikäläinen" not in text
    # Every refused attempt is logged too (issue 4), never as allowed.
    entry = AccessLogEntry.objects.get(part="client_list")
    assert entry.outcome == AccessLogEntry.Outcome.REFUSED


def test_coordinator_sees_own_service_clients_with_masked_codes(http, coordinator, client):
    response = list_page(login(http, coordinator))
    text = text_of(response)
    assert response.status_code == 200
    assert "<h1>Clients</h1>" in text
    assert reverse("clients:detail", args=[client.pk]) in text
    assert "Meikäläinen, Matti" in text
    assert "131052-****" in text
    assert "131052-308T" not in text
    assert "Hollola" in text


def test_coordinator_does_not_see_another_services_clients(http, other_coordinator, client):
    text = text_of(list_page(login(http, other_coordinator)))
    assert "Meikäläinen" not in text
    assert "No clients have been registered in your service yet." in text


def test_network_professional_sees_no_clients_without_consent_and_participation(
    http, physician, client, episode
):
    text = text_of(list_page(login(http, physician)))
    assert "<h1>My clients</h1>" in text
    assert "Meikäläinen" not in text
    assert "You have no clients at the moment." in text


def test_network_professional_with_participation_but_no_consent_sees_nothing(
    http, physician, client, physician_responsible
):
    assert "Meikäläinen" not in text_of(list_page(login(http, physician)))


def test_network_professional_sees_own_clients_with_consent_and_participation(
    http, physician, client, consent_for_health_centre, physician_responsible
):
    text = text_of(list_page(login(http, physician)))
    assert "Meikäläinen, Matti" in text
    assert "131052-****" in text
    assert "Register a new client" not in text


def test_each_row_shows_status_primary_contact_and_first_contact_target(
    http, coordinator, service, client, episode
):
    text = text_of(list_page(login(http, coordinator)))
    assert "Waiting" in text
    assert "Aino Koordinaattori" in text
    # The referral arrived 3 days ago; the target is 14 days.
    assert "11 days left" in text


def test_an_overdue_first_contact_is_marked_overdue(http, coordinator, service):
    overdue = make_client(coordinator, service, "Olga", "Odottava")
    today = timezone.localdate()
    episode_open(
        actor=coordinator,
        client=overdue,
        service=service,
        coordinator=coordinator,
        opened_on=today - datetime.timedelta(days=20),
    )
    text = text_of(list_page(login(http, coordinator)))
    assert 'class="deadline--overdue">6 days overdue' in text


def test_a_made_first_contact_is_shown_as_done(http, coordinator, episode):
    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        summary="Soitto",
    )
    text = text_of(list_page(login(http, coordinator)))
    assert 'class="deadline--done">Done ' in text
    assert "Active" in text


def test_a_client_without_relationship_says_so(http, coordinator, client):
    text = text_of(list_page(login(http, coordinator)))
    assert "No client relationship" in text


def test_closed_relationship_without_contact_has_no_target(http, coordinator, episode):
    episode_close(actor=coordinator, episode=episode, outcome="other", summary="Ei tavoitettu")
    text = text_of(list_page(login(http, coordinator)))
    assert "Closed" in text
    assert "No target" in text


def test_clients_are_listed_by_last_name_then_first_name(http, coordinator, service):
    for first, last in [("Ville", "Virtanen"), ("Anna", "Virtanen"), ("Eino", "Aalto")]:
        make_client(coordinator, service, first, last)
    text = text_of(list_page(login(http, coordinator)))
    positions = [text.index(name) for name in ["Aalto, Eino", "Virtanen, Anna", "Virtanen, Ville"]]
    assert positions == sorted(positions)


@pytest.fixture
def people(coordinator, service):
    return {
        "matti": make_client(
            coordinator, service, "Matti", "Meikäläinen", born=datetime.date(1952, 10, 13)
        ),
        "maija": make_client(
            coordinator, service, "Maija", "Mäkinen", born=datetime.date(1990, 1, 2)
        ),
        "anna": make_client(
            coordinator, service, "Anna Maria", "Virtanen", born=datetime.date(2001, 3, 4)
        ),
        "aija": make_client(coordinator, service, "Äijä", "Östman", born=datetime.date(1975, 7, 8)),
        "eero": make_client(coordinator, service, "Eero", "Äijälä", born=datetime.date(1975, 7, 8)),
    }


def found(http, q):
    # As the page's form does: digits are posted, a name search is linkable.
    digits = any(ch.isdigit() for ch in q)
    text = text_of(search_page(http, q) if digits else list_page(http, q=q))
    return {
        key
        for key, name in [
            ("matti", "Meikäläinen, Matti"),
            ("maija", "Mäkinen, Maija"),
            ("anna", "Virtanen, Anna Maria"),
            ("aija", "Östman, Äijä"),
            ("eero", "Äijälä, Eero"),
        ]
        if name in text
    }


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("mei", {"matti"}),
        ("MEIKÄ", {"matti"}),
        ("ma", {"matti", "maija"}),  # first names Matti / Maija, last name Mäkinen
        ("mä", {"matti", "maija"}),  # accents are folded both ways: "mä" is "ma"
        ("makinen", {"maija"}),
        ("matti mei", {"matti"}),
        ("Meikäläinen Matti", {"matti"}),
        ("  matti   m  ", {"matti"}),
        ("anna maria virt", {"anna"}),
        ("virtanen anna", {"anna"}),
        ("äij", {"aija", "eero"}),
        ("Äijälä", {"eero"}),
        ("aijala", {"eero"}),
        ("ös", {"aija"}),
        ("ostm", {"aija"}),
        ("maija mei", set()),
        ("xyz", set()),
    ],
)
def test_search_by_name_prefix_in_either_order_ignoring_case_and_accents(
    http, coordinator, people, q, expected
):
    shown = found(login(http, coordinator), q)
    if connection.vendor == "postgresql":  # also close names ("aijala": Äijä), ranked after
        assert expected <= shown
    else:
        assert shown == expected


def test_search_by_full_identity_code_is_exact_after_normalising(http, coordinator, people):
    code = people["anna"].personal_identity_code
    assert found(login(http, coordinator), code.lower()) == {"anna"}
    assert found(http, f"  {code} ") == {"anna"}


def test_search_by_birth_date_prefix_finds_everyone_born_that_day(http, coordinator, people):
    assert found(login(http, coordinator), "080775") == {"aija", "eero"}
    assert found(http, "131052") == {"matti"}
    assert found(http, "010101") == set()


def test_search_never_shows_clients_of_another_service(http, other_coordinator, people):
    assert found(login(http, other_coordinator), "mei") == set()
    assert found(http, people["matti"].personal_identity_code) == set()


def test_no_match_says_so_and_offers_to_clear_the_search(http, coordinator, people):
    text = text_of(list_page(login(http, coordinator), q="xyz"))
    assert "No clients match “xyz”." in text
    assert "Clear the search" in text


def test_the_search_term_is_escaped(http, coordinator, people):
    text = list_page(login(http, coordinator), q="<script>x").content.decode()
    assert "<script>x" not in text
    assert "&lt;script&gt;x" in text


def test_the_list_is_paged_25_at_a_time_keeping_the_search(http, coordinator, service):
    for number in range(27):
        make_client(
            coordinator,
            service,
            f"Etu{number:02d}",
            "Sukunimi",
            born=datetime.date(1970, 1, 1) + datetime.timedelta(days=number),
        )
    login(http, coordinator)
    first = text_of(list_page(http, q="suku"))
    assert first.count("Sukunimi, Etu") == 25
    assert "27 clients match “suku”." in first
    assert "Page 1 of 2" in first
    assert "?q=suku&page=2" in first
    second = text_of(list_page(http, q="suku", page=2))
    assert second.count("Sukunimi, Etu") == 2
    assert "Sukunimi, Etu26" in second
    # A page number out of range or nonsense shows a real page, not an error.
    assert list_page(http, q="suku", page=99).status_code == 200
    assert list_page(http, q="suku", page="x").status_code == 200


def test_each_request_writes_one_list_access_log_entry(http, coordinator, client):
    login(http, coordinator)
    list_page(http)
    list_page(http, q="mei")
    entries = AccessLogEntry.objects.filter(part="client_list", username="aino")
    assert entries.count() == 2
    assert all(e.client_id is None and e.outcome == "allowed" for e in entries)


def _queries(http, **params):
    with CaptureQueriesContext(connection) as ctx:
        assert list_page(http, **params).status_code == 200
    return len(ctx.captured_queries)


def test_the_number_of_queries_does_not_grow_with_the_rows(
    http, coordinator, service, django_assert_max_num_queries
):
    login(http, coordinator)
    first = make_client(coordinator, service, "Yksi", "Ensimmäinen")
    episode_open(actor=coordinator, client=first, service=service, coordinator=coordinator)
    few = _queries(http)
    for number in range(24):
        other = make_client(
            coordinator,
            service,
            f"Nimi{number}",
            "Toinen",
            born=datetime.date(1960, 1, 1) + datetime.timedelta(days=number),
        )
        episode_open(actor=coordinator, client=other, service=service, coordinator=coordinator)
    assert _queries(http) == few
    assert _queries(http, q="toi") == few
    # Session, user, the header's organisation, the log entry, count, page ids, page rows,
    # and the session save (3 with its savepoint).
    with django_assert_max_num_queries(10):
        list_page(http, q="nimi1 toinen")


def test_a_coordinator_searching_another_services_client_is_offered_emergency_access(
    http, other_coordinator, client
):
    text = text_of(search_page(login(http, other_coordinator), client.personal_identity_code))
    assert "Meikäläinen" not in text
    assert reverse("access:break_glass", args=[client.pk]) in text


def test_emergency_access_is_not_offered_for_a_partial_code_or_to_professionals(
    http, other_coordinator, physician, client
):
    text = text_of(search_page(login(http, other_coordinator), "131052"))
    assert reverse("access:break_glass", args=[client.pk]) not in text
    text = text_of(search_page(login(HttpClient(), physician), client.personal_identity_code))
    assert reverse("access:break_glass", args=[client.pk]) not in text


def test_a_code_search_is_posted_and_answered_without_the_code_in_any_url(
    http, coordinator, client
):
    response = login(http, coordinator).post(
        reverse("clients:list"), {"q": client.personal_identity_code}
    )
    assert response.status_code == 200
    text = text_of(response)
    assert "Meikäläinen" in text
    assert client.personal_identity_code not in response.get("Location", "")
    assert f"q={client.personal_identity_code}" not in text


def test_a_posted_name_search_redirects_to_a_linkable_page(http, coordinator, client):
    response = login(http, coordinator).post(reverse("clients:list"), {"q": "meik"})
    assert response.status_code == 302
    assert response["Location"] == reverse("clients:list") + "?q=meik"
    assert "Meikäläinen" in text_of(http.get(response["Location"]))


@pytest.mark.parametrize("q", ["131052-308T", "131052", "13.10.1952"])
def test_a_code_in_the_address_is_refused_with_a_message(http, coordinator, client, q):
    response = list_page(login(http, coordinator), q=q)
    assert response.status_code == 400
    text = text_of(response)
    assert "not in the address" in text
    assert "Meikäläinen" not in text
