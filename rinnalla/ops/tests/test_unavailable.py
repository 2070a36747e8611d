import pytest
from django.db import OperationalError
from django.test import Client as HttpClient

from rinnalla.access.testing import api_client


@pytest.fixture
def broken_database(monkeypatch):
    def fail(*args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    monkeypatch.setattr("rinnalla.clients.views.selectors.client_list", fail)
    monkeypatch.setattr("rinnalla.clients.api.client_list", fail)


def test_a_database_outage_answers_a_plain_503_page(coordinator, broken_database):
    web = HttpClient(raise_request_exception=False)
    web.force_login(coordinator)
    response = web.get("/clients/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    text = response.content.decode()
    assert "Palvelu ei ole hetkeen käytettävissä" in text
    assert "Traceback" not in text and "OperationalError" not in text


def test_a_database_outage_answers_503_json_in_the_api(coordinator, broken_database):
    api = api_client(coordinator)
    api.raise_request_exception = False
    response = api.get("/api/v1/clients")
    assert response.status_code == 503
    assert "temporarily unavailable" in response.json()["detail"]


def test_a_read_only_database_is_an_outage_too():
    from django.db import InternalError

    from rinnalla.ops.views import is_unavailable

    assert is_unavailable(InternalError("cannot execute INSERT in a read-only transaction"))
    assert not is_unavailable(InternalError("division by zero"))
    assert not is_unavailable(ValueError("x"))


def test_a_bug_is_still_a_500(coordinator, monkeypatch):
    monkeypatch.setattr(
        "rinnalla.clients.views.selectors.client_list",
        lambda *a, **k: (_ for _ in ()).throw(KeyError()),
    )
    web = HttpClient(raise_request_exception=False)
    web.force_login(coordinator)
    assert web.get("/clients/").status_code == 500
