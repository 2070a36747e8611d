"""Finding 5: CSP everywhere, no-store on everything dynamic, API docs local and behind login."""

import re

import pytest
from django.urls import reverse

from rinnalla.api_tests.conftest import Api


@pytest.fixture
def coordinator_web(web, coordinator):
    web.force_login(coordinator)
    return web


def _csp(response) -> dict:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("name", ["login", "help", "accessibility"])
def test_public_pages_carry_a_strict_csp(web, name):
    policy = _csp(web.get(reverse(name)))
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["script-src"] == ["'self'"]
    assert "'unsafe-inline'" not in " ".join(sum(policy.values(), []))


def test_the_client_page_has_a_csp_and_is_not_stored(coordinator_web, client):
    response = coordinator_web.get(reverse("clients:detail", args=[client.pk]))
    assert response.status_code == 200
    assert _csp(response)["frame-ancestors"] == ["'none'"]
    assert "no-store" in response["Cache-Control"]


def test_api_json_is_not_stored(coordinator, client):
    response = Api(coordinator).get(f"/clients/{client.pk}")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


def test_file_downloads_keep_their_stricter_policy(coordinator_web, client):
    response = coordinator_web.get(
        reverse("access:client_log", args=[client.pk]), {"format": "csv"}
    )
    assert "no-store" in response["Cache-Control"]


@pytest.mark.parametrize("path", ["/api/v1/docs", "/api/v1/openapi.json"])
def test_the_api_docs_and_schema_need_a_login(web, path):
    response = web.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_swagger_ui_comes_from_the_package_not_a_cdn(coordinator_web):
    page = coordinator_web.get("/api/v1/docs").content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources
    assert all(source.startswith("/static/") for source in sources), sources
    assert "<script>" not in page  # no inline script
