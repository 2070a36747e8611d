import pytest

from rinnalla.clients.models import Client
from rinnalla.clients.services import client_create
from rinnalla.core import hetu

NEW_CLIENT = {
    "first_name": "Liisa",
    "last_name": "Virtanen",
    "personal_identity_code": "010594Y9032",
    "municipality": "Lahti",
    "language": "sv",
    "phone": "044 555 1234",
    "email": "liisa@example.com",
    "preferred_contact_method": "email",
}


def _make_clients(coordinator, service, n):
    import datetime

    for i in range(n):
        client_create(
            actor=coordinator,
            service=service,
            first_name=f"Asiakas{i:02d}",
            last_name="Testi",
            personal_identity_code=hetu.build(
                datetime.date(1980, 1, 1) + datetime.timedelta(days=i), 100 + i
            ),
        )


def test_coordinator_lists_own_clients_with_masked_codes(coordinator_api, client):
    response = coordinator_api.get("/clients")

    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 1
    item = body["items"][0]
    assert item["id"] == client.pk
    assert item["first_name"] == "Matti"
    assert item["personal_identity_code"] == "131052-****"


def test_the_list_is_paginated_with_limit_and_offset(coordinator_api, coordinator, service):
    _make_clients(coordinator, service, 7)

    first = coordinator_api.get("/clients", limit=3).json()
    second = coordinator_api.get("/clients", limit=3, offset=3).json()
    last = coordinator_api.get("/clients", limit=3, offset=6).json()

    assert first["count"] == second["count"] == last["count"] == 7
    assert len(first["items"]) == len(second["items"]) == 3
    assert len(last["items"]) == 1
    ids = [c["id"] for page in (first, second, last) for c in page["items"]]
    assert len(set(ids)) == 7


def test_the_default_page_is_fifty_items(coordinator_api, coordinator, service):
    _make_clients(coordinator, service, 55)
    body = coordinator_api.get("/clients").json()
    assert body["count"] == 55
    assert len(body["items"]) == 50


@pytest.mark.parametrize(
    "query",
    [
        {"limit": 0},
        {"limit": 201},
        {"limit": -1},
        {"offset": -1},
        {"limit": "ten"},
        {"offset": "1.5"},
        {"limit": "9" * 40},
        {"offset": 10**12},
    ],
)
def test_bad_pagination_values_answer_422(coordinator_api, client, query):
    assert coordinator_api.get("/clients", **query).status_code == 422


def test_search_finds_clients_by_name_and_by_identity_code(
    coordinator_api, coordinator, service, client
):
    _make_clients(coordinator, service, 3)

    by_name = coordinator_api.get("/clients", q="meik").json()
    by_full_name = coordinator_api.get("/clients", q="Matti Meikäläinen").json()
    by_code = coordinator_api.post("/clients/search", {"q": "131052-308t"}).json()
    by_birth_date = coordinator_api.post("/clients/search", {"q": "131052"}).json()
    nothing = coordinator_api.get("/clients", q="Zorro").json()

    for body in (by_name, by_full_name, by_code, by_birth_date):
        assert [c["id"] for c in body["items"]] == [client.pk]
        assert body["count"] == 1
    assert nothing == {"items": [], "count": 0}


def test_coordinator_reads_one_client_with_the_full_code(coordinator_api, client):
    response = coordinator_api.get(f"/clients/{client.pk}")

    assert response.status_code == 200
    assert response.json() == {
        "id": client.pk,
        "first_name": "Matti",
        "last_name": "Meikäläinen",
        "personal_identity_code": "131052-308T",
        "municipality": "Hollola",
        "street_address": "",
        "postal_code": "",
        "post_office": "",
        "language": "fi",
        "mother_tongue": "",
        "needs_interpreter": False,
        "interpreter_language": "",
        "phone": "040 123 4567",
        "email": "",
        "preferred_contact_method": "phone",
        "non_disclosure": False,
        "details_protected": False,
        "service_id": client.service_id,
    }


def test_coordinator_registers_a_client_in_their_own_service(coordinator_api, service):
    response = coordinator_api.post("/clients", NEW_CLIENT)

    assert response.status_code == 201
    body = response.json()
    assert {k: body[k] for k in NEW_CLIENT} == NEW_CLIENT
    created = Client.objects.get(pk=body["id"])
    assert created.service == service
    assert created.personal_identity_code == "010594Y9032"


def test_the_code_is_normalised_to_upper_case(coordinator_api):
    response = coordinator_api.post(
        "/clients", {**NEW_CLIENT, "personal_identity_code": " 010594y9032 "}
    )
    assert response.status_code == 201
    assert response.json()["personal_identity_code"] == "010594Y9032"


def test_a_duplicate_code_is_refused_with_the_existing_client(coordinator_api, client):
    response = coordinator_api.post(
        "/clients", {**NEW_CLIENT, "personal_identity_code": "131052-308T"}
    )

    assert response.status_code == 422
    body = response.json()
    assert body["existing_client_id"] == client.pk
    assert body["errors"]["personal_identity_code"]
    assert body["detail"]
    assert Client.objects.count() == 1


@pytest.mark.parametrize("code", ["131052-308X", "311352-308T", "131052-001M", "hello"])
def test_an_invalid_code_answers_422_with_a_message(coordinator_api, code):
    response = coordinator_api.post("/clients", {**NEW_CLIENT, "personal_identity_code": code})

    assert response.status_code == 422
    assert response.json()["errors"]["personal_identity_code"]
    assert not Client.objects.exists()


def test_missing_and_too_long_fields_answer_422(coordinator_api):
    missing = {k: v for k, v in NEW_CLIENT.items() if k != "last_name"}
    assert coordinator_api.post("/clients", missing).status_code == 422
    too_long = {**NEW_CLIENT, "first_name": "x" * 101}
    assert coordinator_api.post("/clients", too_long).status_code == 422
    bad_email = {**NEW_CLIENT, "email": "not an address"}
    assert coordinator_api.post("/clients", bad_email).status_code == 422
    bad_language = {**NEW_CLIENT, "language": "de"}
    assert coordinator_api.post("/clients", bad_language).status_code == 422
    assert not Client.objects.exists()


@pytest.mark.parametrize("persona", ["physician", "manager", "administrator"])
def test_only_coordinators_register_clients(api_as, request, persona):
    api = api_as(request.getfixturevalue(persona))
    assert api.post("/clients", NEW_CLIENT).status_code == 403
    assert not Client.objects.exists()


def test_coordinator_changes_only_the_fields_sent(coordinator_api, client):
    response = coordinator_api.patch(f"/clients/{client.pk}", {"phone": "050 000 0000"})

    assert response.status_code == 200
    assert response.json()["phone"] == "050 000 0000"
    client.refresh_from_db()
    assert client.phone == "050 000 0000"
    assert client.first_name == "Matti"


def test_a_patch_to_another_clients_code_is_refused(coordinator_api, coordinator, service, client):
    other = client_create(
        actor=coordinator,
        service=service,
        first_name="Eeva",
        last_name="Esimerkki",
        personal_identity_code="020202A0202",
    )

    response = coordinator_api.patch(
        f"/clients/{other.pk}", {"personal_identity_code": "131052-308T"}
    )

    assert response.status_code == 422
    assert response.json()["existing_client_id"] == client.pk
    other.refresh_from_db()
    assert other.personal_identity_code == "020202A0202"


def test_a_bad_patch_changes_nothing(coordinator_api, client):
    response = coordinator_api.patch(f"/clients/{client.pk}", {"phone": "050", "first_name": ""})
    assert response.status_code == 422
    client.refresh_from_db()
    assert client.phone == "040 123 4567"
    assert client.first_name == "Matti"


def test_a_network_professional_with_consent_may_read_but_not_change(
    api_as, physician_with_consent, client
):
    api = api_as(physician_with_consent)

    assert api.get(f"/clients/{client.pk}").status_code == 200
    assert [c["id"] for c in api.get("/clients").json()["items"]] == [client.pk]
    assert api.patch(f"/clients/{client.pk}", {"phone": "1"}).status_code == 403
    client.refresh_from_db()
    assert client.phone == "040 123 4567"


def test_an_unknown_client_answers_404(coordinator_api, client):
    assert coordinator_api.get("/clients/999999").status_code == 404
    assert coordinator_api.patch("/clients/999999", {"phone": "1"}).status_code == 404


@pytest.mark.parametrize("bad_id", ["0", "-1", "abc", "1.5", "9" * 30])
def test_a_malformed_id_answers_422_or_404(coordinator_api, bad_id):
    assert coordinator_api.get(f"/clients/{bad_id}").status_code in (404, 422)


@pytest.mark.parametrize("q", ["\U0010ffff", "a\U0010ffff", "%", "_", "\\", "'", "ä" * 100])
def test_odd_search_text_never_gives_a_500(coordinator_api, client, q):
    assert coordinator_api.get("/clients", q=q).status_code in (200, 422)


@pytest.mark.parametrize("q", ["131052-308T", "131052", "1310"])
def test_a_code_in_the_query_string_is_refused_with_400(coordinator_api, client, q):
    response = coordinator_api.get("/clients", q=q)
    assert response.status_code == 400
    assert "POST /api/v1/clients/search" in response.json()["detail"]


def test_the_search_endpoint_takes_the_query_in_the_body(coordinator_api, client):
    response = coordinator_api.post("/clients/search", {"q": "131052-308T", "limit": 5})
    assert response.status_code == 200
    assert [item["id"] for item in response.json()["items"]] == [client.pk]


def test_the_search_endpoint_needs_a_query(coordinator_api):
    assert coordinator_api.post("/clients/search", {"q": ""}).status_code == 422
