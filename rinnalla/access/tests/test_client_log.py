"""'Who has seen my data': the client's access log as a page, CSV, PDF and API."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.policy import client_for
from rinnalla.access.testing import api_client, request_logs_once
from rinnalla.core.pdf import pdf_text

pytestmark = pytest.mark.django_db


def _log_url(client, **params):
    url = reverse("access:client_log", args=[client.pk])
    if params:
        url += "?" + "&".join(f"{k}={v}" for k, v in params.items())
    return url


def _old_entry(client, user, days_ago):
    """An entry written in the past (the log cannot be edited, so it is created that way)."""
    return AccessLogEntry.objects.create(
        at=timezone.now() - datetime.timedelta(days=days_ago),
        user=user,
        username=user.username,
        client=client,
        action="view",
        part="client",
        outcome="allowed",
        channel="page",
        purpose="client_work",
    )


def test_coordinator_sees_who_has_seen_the_data(
    web, coordinator, kela_advisor, client, kela_consent, kela_responsible
):
    client_for(kela_advisor, client.pk, part="client")
    web.force_login(coordinator)
    response, entry = request_logs_once(web, "get", _log_url(client))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kaisa Testinen, Kela" in html
    assert "Client details" in html
    assert (entry.part, entry.outcome, entry.client) == ("access_log", "allowed", client)
    # Viewing the log is itself in the log.
    assert "Access log" in html


def test_the_default_period_is_the_last_12_months(web, coordinator, client):
    _old_entry(client, coordinator, days_ago=400)
    _old_entry(client, coordinator, days_ago=200)
    web.force_login(coordinator)
    response = web.get(_log_url(client))
    start = timezone.localdate() - datetime.timedelta(days=364)
    assert f'value="{start.isoformat()}"' in response.content.decode()
    # the 200-day-old entry and the look at the log itself
    assert response.context["page"].paginator.count == 2


def test_the_period_can_be_chosen(web, coordinator, client):
    _old_entry(client, coordinator, days_ago=400)
    web.force_login(coordinator)
    day = (timezone.localdate() - datetime.timedelta(days=400)).isoformat()
    response = web.get(_log_url(client, start=day, end=day))
    assert response.context["page"].paginator.count == 1


def test_a_period_that_ends_before_it_starts_gives_a_message_but_is_still_logged(
    web, coordinator, client
):
    web.force_login(coordinator)
    response, entry = request_logs_once(
        web, "get", _log_url(client, start="2025-05-01", end="2025-01-01")
    )
    assert response.status_code == 200
    assert "must not be after its end" in response.content.decode()
    assert response.context["page"] is None


def test_the_log_is_paginated(web, coordinator, client):
    for days in range(60):
        _old_entry(client, coordinator, days_ago=days + 1)
    web.force_login(coordinator)
    first = web.get(_log_url(client))
    assert first.context["page"].paginator.num_pages == 2
    assert len(first.context["rows"]) == 50
    second = web.get(_log_url(client, page=2))
    assert len(second.context["rows"]) == 12  # 60 old + two looks at the log


def test_break_glass_entries_are_flagged(web, coordinator, other_coordinator, client):
    reason = "Kriisitilanne, asiakas päivystyksessä."
    web.force_login(other_coordinator)
    web.post(reverse("access:break_glass", args=[client.pk]), {"reason": reason})
    web.force_login(coordinator)
    html = web.get(_log_url(client)).content.decode()
    assert "Emergency access" in html
    assert reason in html


@pytest.mark.parametrize("rows", [1, 30])
def test_the_log_page_has_a_constant_number_of_queries(
    web, coordinator, kela_advisor, client, rows, django_assert_max_num_queries
):
    for days in range(rows):
        _old_entry(client, kela_advisor if days % 2 else coordinator, days_ago=days + 1)
    web.force_login(coordinator)
    with django_assert_max_num_queries(10):
        assert web.get(_log_url(client)).status_code == 200


@pytest.mark.parametrize(
    "persona,status",
    [
        ("other_coordinator", 404),
        ("manager", 403),
        ("administrator", 403),
        ("physician", 404),
    ],
)
def test_only_the_clients_coordinators_may_read_the_log(web, request, client, persona, status):
    web.force_login(request.getfixturevalue(persona))
    response, entry = request_logs_once(web, "get", _log_url(client))
    assert response.status_code == status
    assert entry.outcome == "refused"


def test_a_network_professional_who_sees_the_client_may_not_read_its_log(
    web, kela_advisor, client, kela_consent, kela_responsible
):
    web.force_login(kela_advisor)
    assert web.get(_log_url(client)).status_code == 403
    assert web.get(_log_url(client, format="csv")).status_code == 403
    assert web.get(reverse("access:client_log_pdf", args=[client.pk])).status_code == 403


def test_anonymous_is_sent_to_login(web, client):
    response = web.get(_log_url(client))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def test_the_log_downloads_as_csv(
    web, coordinator, kela_advisor, client, kela_consent, kela_responsible
):
    client_for(kela_advisor, client.pk, part="client")
    web.force_login(coordinator)
    response, entry = request_logs_once(web, "get", _log_url(client, format="csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert entry.channel == "export"
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Time", "User", "Organisation"]
    users = [row[1] for row in rows[1:]]
    assert "Kaisa Testinen" in users
    assert "Aino Koordinaattori" in users  # the download itself


def test_csv_cells_cannot_run_as_formulas(web, coordinator, other_coordinator, client):
    web.force_login(other_coordinator)
    web.post(
        reverse("access:break_glass", args=[client.pk]),
        {"reason": '=HYPERLINK("http://x") hätätilanne'},
    )
    web.force_login(coordinator)
    content = web.get(_log_url(client, format="csv")).content.decode("utf-8-sig")
    assert "'=HYPERLINK" in content


def test_the_log_prints_as_a_pdf_in_the_users_language(
    web, coordinator, kela_advisor, client, kela_consent, kela_responsible
):
    client_for(kela_advisor, client.pk, part="client")
    web.force_login(coordinator)
    response, entry = request_logs_once(
        web, "get", reverse("access:client_log_pdf", args=[client.pk]), HTTP_ACCEPT_LANGUAGE="fi"
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    assert entry.channel == "pdf"
    text = pdf_text(response.content)
    assert "Matti Meikäläinen" in text
    assert "Kaisa Testinen, Kela" in text
    assert "Kuka on katsonut tietojani" in text
    start = timezone.localdate() - datetime.timedelta(days=364)
    assert f"{start.day}.{start.month}.{start.year}" in text


def test_the_api_lists_the_log_for_the_clients_coordinators(
    coordinator, kela_advisor, client, kela_consent, kela_responsible
):
    client_for(kela_advisor, client.pk, part="client")
    api = api_client(coordinator)
    response, entry = request_logs_once(
        api, "get", f"/api/v1/clients/{client.pk}/access-log?limit=1"
    )
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 2
    assert len(body["items"]) == 1
    newest = body["items"][0]
    assert {"at", "user", "username", "action", "part", "purpose", "outcome"} <= newest.keys()
    assert (newest["username"], newest["part"]) == ("aino", "access_log")
    # the second call adds its own entry on top: kaisa is now third
    second = api.get(f"/api/v1/clients/{client.pk}/access-log?offset=2&limit=1").json()
    assert second["items"][0]["username"] == "kaisa"
    assert second["items"][0]["user"] == "Kaisa Testinen"
    assert entry.channel == "api"


def test_the_api_refuses_everyone_else(
    other_coordinator, manager, kela_advisor, client, kela_consent, kela_responsible
):
    url = f"/api/v1/clients/{client.pk}/access-log"
    assert api_client(other_coordinator).get(url).status_code == 404
    assert api_client(manager).get(url).status_code == 403
    assert api_client(kela_advisor).get(url).status_code == 403


def test_the_api_refuses_a_reversed_period(coordinator, client):
    response = api_client(coordinator).get(
        f"/api/v1/clients/{client.pk}/access-log?start=2025-05-01&end=2025-01-01"
    )
    assert response.status_code == 422
