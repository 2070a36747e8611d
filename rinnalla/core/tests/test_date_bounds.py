"""Finding 4: extreme or impossible dates answer with a message, never a 500."""

import pytest
from django.urls import reverse

from rinnalla.api_tests.conftest import Api


@pytest.fixture
def coordinator_web(web, coordinator):
    web.force_login(coordinator)
    web.raise_request_exception = False
    return web


@pytest.mark.parametrize(
    "query",
    [
        {"end": "9999-12-31"},
        {"start": "0001-01-01"},
        {"start": "0001-01-01", "end": "9999-12-31"},
        {"end": "2024-02-30"},
    ],
)
@pytest.mark.parametrize("fmt", ["page", "csv", "pdf"])
def test_the_access_log_refuses_extreme_dates_without_a_500(coordinator_web, client, query, fmt):
    if fmt == "pdf":
        url = reverse("access:client_log_pdf", args=[client.pk])
        response = coordinator_web.get(url, query)
    else:
        url = reverse("access:client_log", args=[client.pk])
        response = coordinator_web.get(
            url, {**query, **({"format": "csv"} if fmt == "csv" else {})}
        )
    assert response.status_code in (200, 302)
    assert response.get("Content-Type", "").startswith("text/html") or response.status_code == 302


def test_the_access_log_page_says_what_is_wrong(coordinator_web, client):
    url = reverse("access:client_log", args=[client.pk])
    response = coordinator_web.get(url, {"end": "9999-12-31"})
    assert "Give a date between 1.1.1900 and 31.12.2100." in response.content.decode()


@pytest.mark.parametrize("day", ["2024-02-30", "9999-12-31", "0001-01-01"])
def test_the_measurement_form_refuses_an_impossible_date(coordinator_web, client, day):
    url = reverse("measurements:record", args=[client.pk, "phq9"])
    response = coordinator_web.post(url, {"measured_on": day})
    assert response.status_code in (200, 404)


@pytest.mark.parametrize("day", ["2024-02-30", "9999-12-31", "0001-01-01"])
def test_the_measurement_api_refuses_an_impossible_date(coordinator, client, day):
    api = Api(coordinator)
    response = api.post(
        f"/clients/{client.pk}/measurements",
        {"instrument": "phq9", "answers": {}, "measured_on": day},
    )
    assert response.status_code == 422
