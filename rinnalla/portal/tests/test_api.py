"""The client's own view in the API: sign-in, my data, tasks, the access log."""

import json

import pytest
from django.core import mail
from django.test import Client as HttpClient

from rinnalla.access.testing import api_client
from rinnalla.portal.models import TaskReport

from .conftest import last_code
from .test_pages import path  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def post(web, url, body=None, **extra):
    return web.post(url, data=json.dumps(body or {}), content_type="application/json", **extra)


def test_start_is_always_202(own_view):
    web = HttpClient()
    assert (
        post(web, "/api/v1/client-auth/start", {"contact": "matti@example.fi"}).status_code == 202
    )
    assert (
        post(web, "/api/v1/client-auth/start", {"contact": "nobody@example.fi"}).status_code == 202
    )
    assert post(web, "/api/v1/client-auth/start", {"contact": "not a contact"}).status_code == 202
    assert len(mail.outbox) == 1


def test_verify_signs_in_with_a_session_and_a_token(own_view, client):
    web = HttpClient()
    post(web, "/api/v1/client-auth/start", {"contact": "matti@example.fi"})
    wrong = post(web, "/api/v1/client-auth/verify", {"contact": "matti@example.fi", "code": "x"})
    assert wrong.status_code == 401
    response = post(
        web, "/api/v1/client-auth/verify", {"contact": "matti@example.fi", "code": last_code()}
    )
    assert response.status_code == 200
    token = response.json()["token"]
    assert web.get("/api/v1/me/client").json()["last_name"] == client.last_name
    mobile = HttpClient(HTTP_AUTHORIZATION=f"Bearer {token}")
    assert mobile.get("/api/v1/me/client").status_code == 200
    assert (
        HttpClient(HTTP_AUTHORIZATION="Bearer forged").get("/api/v1/me/client").status_code == 401
    )


def test_five_wrong_codes_answer_429(own_view):
    web = HttpClient()
    post(web, "/api/v1/client-auth/start", {"contact": "nobody@example.fi"})
    for _ in range(5):
        post(web, "/api/v1/client-auth/verify", {"contact": "nobody@example.fi", "code": "1"})
    paused = post(web, "/api/v1/client-auth/verify", {"contact": "nobody@example.fi", "code": "1"})
    assert paused.status_code == 429


def test_my_data(browser, client, path):  # noqa: F811
    from rinnalla.portal.testing import sign_in_as

    sign_in_as(browser, client)
    me = browser.get("/api/v1/me/client").json()
    assert me["contact_person"]["name"] == "Aino Koordinaattori"
    assert me["next_meeting"]["place"] == "Neuvotteluhuone 3"
    plan = browser.get("/api/v1/me/plan").json()
    assert plan["planned"] == "Työkokeilu kevääksi."
    tasks = browser.get("/api/v1/me/tasks").json()
    assert [t["text"] for t in tasks] == ["Varaa aika tiimilääkärille."]
    done = post(browser, f"/api/v1/me/tasks/{tasks[0]['id']}/done")
    assert done.status_code == 200 and done.json()["reported_done_at"]
    helped = post(browser, f"/api/v1/me/tasks/{tasks[0]['id']}/help", {"message": "Apua"})
    assert helped.json()["help_asked_at"]
    assert TaskReport.objects.count() == 2
    log = browser.get("/api/v1/me/access-log").json()
    assert log and all(set(e) >= {"at", "who", "part"} for e in log)
    bad = browser.get("/api/v1/me/access-log?start=2026-12-01&end=2026-01-01")
    assert bad.status_code == 422


def test_a_professionals_token_does_not_reach_the_clients_view(coordinator, own_view):
    assert api_client(coordinator).get("/api/v1/me/client").status_code == 401
