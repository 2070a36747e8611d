"""Registering (clients:create) and editing (clients:edit) a client."""

import pytest
from django.urls import reverse

from rinnalla.access.models import AccessLogEntry
from rinnalla.clients.models import Client
from rinnalla.clients.services import client_create

from .conftest import login, text_of

VALID = {
    "first_name": "Anna",
    "last_name": "Virtanen",
    "personal_identity_code": "010594y9032",
    "municipality": "Asikkala",
    "language": "sv",
    "phone": "044 765 4321",
    "email": "anna@example.fi",
    "preferred_contact_method": "text_message",
}
CREATE = reverse("clients:create")


def edit_url(client):
    return reverse("clients:edit", args=[client.pk])


# --- registering ------------------------------------------------------------------------


def test_coordinator_sees_an_empty_form_with_every_field(http, coordinator):
    text = text_of(login(http, coordinator).get(CREATE))
    assert "<h1>Register a new client</h1>" in text
    for field in VALID:
        assert f'name="{field}"' in text


def test_coordinator_registers_a_client_in_own_service(http, coordinator, service):
    response = login(http, coordinator).post(CREATE, VALID)
    client = Client.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("clients:detail", args=[client.pk])
    assert client.personal_identity_code == "010594Y9032"  # upper-cased
    assert client.service == service
    assert client.created_by == coordinator
    assert (client.language, client.preferred_contact_method) == ("sv", "text_message")
    assert "was registered" in text_of(http.get(response.url))


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("131052308T", "must look like 131052-308T"),
        ("310252-308T", "does not contain a real date of birth"),
        ("131052-001U", "must be between 002 and 999"),
        ("131052-308U", "check character of the personal identity code does not match"),
    ],
)
def test_an_invalid_code_shows_what_is_wrong_and_saves_nothing(http, coordinator, code, message):
    response = login(http, coordinator).post(CREATE, {**VALID, "personal_identity_code": code})
    assert response.status_code == 200
    assert message in text_of(response)
    assert not Client.objects.exists()


def test_missing_names_and_a_bad_email_are_refused(http, coordinator):
    response = login(http, coordinator).post(
        CREATE, {**VALID, "first_name": " ", "last_name": "", "email": "not-an-address"}
    )
    text = text_of(response)
    assert response.status_code == 200
    assert "Please correct the following" in text
    assert "Enter a valid email address." in text
    assert not Client.objects.exists()


def test_nonsense_choices_are_refused_without_an_error_page(http, coordinator):
    response = login(http, coordinator).post(
        CREATE, {**VALID, "language": "xx", "preferred_contact_method": "pigeon"}
    )
    assert response.status_code == 200
    assert not Client.objects.exists()


def test_a_duplicate_code_is_refused_with_a_link_to_the_existing_client(http, coordinator, client):
    response = login(http, coordinator).post(
        CREATE, {**VALID, "personal_identity_code": "131052-308t"}
    )
    text = text_of(response)
    assert response.status_code == 200
    assert "A client with this personal identity code is already registered." in text
    assert "Open the existing client" in text
    assert f'href="{reverse("clients:detail", args=[client.pk])}"' in text
    assert Client.objects.count() == 1


def test_a_duplicate_in_another_service_is_refused_without_revealing_the_client(
    http, other_coordinator, client
):
    response = login(http, other_coordinator).post(
        CREATE, {**VALID, "personal_identity_code": "131052-308T"}
    )
    text = text_of(response)
    assert "already registered in another service" in text
    assert "Open the existing client" not in text
    assert "Meikäläinen" not in text
    assert Client.objects.count() == 1


def test_anonymous_is_sent_to_the_login(http):
    response = http.post(CREATE, VALID)
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))
    assert not Client.objects.exists()


@pytest.mark.parametrize("persona", ["physician", "manager", "administrator"])
def test_only_coordinators_may_register_clients(http, persona, request):
    user = request.getfixturevalue(persona)
    for response in (login(http, user).get(CREATE), http.post(CREATE, VALID)):
        assert response.status_code == 403
        assert "Only work ability coordinators can register clients" in text_of(response)
    assert not Client.objects.exists()


# --- editing ----------------------------------------------------------------------------


def test_coordinator_edits_the_details(http, coordinator, client):
    form = text_of(login(http, coordinator).get(edit_url(client)))
    assert "Edit the details of Matti Meikäläinen" in form
    assert 'value="131052-308T"' in form
    response = http.post(
        edit_url(client),
        {
            **VALID,
            "first_name": "Matti",
            "last_name": "Meikäläinen",
            "personal_identity_code": "131052-308T",
            "phone": "050 111 2222",
        },
    )
    assert response.status_code == 302
    client.refresh_from_db()
    assert client.phone == "050 111 2222"
    assert client.municipality == "Asikkala"


def test_each_edit_request_is_logged_once_as_a_change(http, coordinator, client):
    login(http, coordinator).get(edit_url(client))
    http.post(edit_url(client), {**VALID, "personal_identity_code": "131052-308T"})
    entries = AccessLogEntry.objects.filter(client=client, part="client_details")
    assert [(e.action, e.outcome) for e in entries] == [("change", "allowed")] * 2


def test_an_invalid_code_on_edit_changes_nothing(http, coordinator, client):
    response = login(http, coordinator).post(
        edit_url(client), {**VALID, "personal_identity_code": "131052-308U"}
    )
    assert response.status_code == 200
    assert "does not match" in text_of(response)
    client.refresh_from_db()
    assert (client.personal_identity_code, client.first_name) == ("131052-308T", "Matti")


def test_changing_to_another_clients_code_is_refused_with_a_link(
    http, coordinator, service, client
):
    other = client_create(
        actor=coordinator,
        service=service,
        first_name="Eeva",
        last_name="Esimerkki",
        personal_identity_code="010594Y9032",
    )
    response = login(http, coordinator).post(
        edit_url(other), {**VALID, "personal_identity_code": "131052-308T"}
    )
    text = text_of(response)
    assert "already registered" in text
    assert f'href="{reverse("clients:detail", args=[client.pk])}"' in text
    other.refresh_from_db()
    assert other.personal_identity_code == "010594Y9032"


def test_anonymous_edit_is_sent_to_the_login(http, client):
    response = http.get(edit_url(client))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_another_services_coordinator_gets_not_found(http, other_coordinator, client):
    assert login(http, other_coordinator).get(edit_url(client)).status_code == 404
    response = http.post(edit_url(client), {**VALID, "personal_identity_code": "131052-308T"})
    assert response.status_code == 404
    client.refresh_from_db()
    assert client.first_name == "Matti"


def test_an_unknown_client_is_not_found(http, coordinator):
    assert login(http, coordinator).get(reverse("clients:edit", args=[9999])).status_code == 404


def test_a_network_professional_with_access_still_may_not_edit(
    http, physician, client, consent_for_health_centre, physician_responsible
):
    response = login(http, physician).post(
        edit_url(client), {**VALID, "personal_identity_code": "131052-308T"}
    )
    assert response.status_code == 403
    client.refresh_from_db()
    assert client.first_name == "Matti"
    entry = AccessLogEntry.objects.filter(part="client_details").get()
    assert (entry.outcome, entry.client_id) == ("refused", client.pk)


def test_a_network_professional_without_access_gets_not_found(http, physician, client):
    assert login(http, physician).get(edit_url(client)).status_code == 404


@pytest.mark.parametrize("persona", ["manager", "administrator"])
def test_managers_and_administrators_may_not_edit(http, client, persona, request):
    response = login(http, request.getfixturevalue(persona)).get(edit_url(client))
    assert response.status_code == 403
    assert "Meikäläinen" not in text_of(response)
