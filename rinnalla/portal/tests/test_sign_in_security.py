"""Sign-in hardening: no cross-site sign-in, a limit per network address, links from the
configured address (never the request's Host)."""

import json

import pytest
from django.core import mail
from django.test import Client as HttpClient

from .conftest import last_code, last_link

pytestmark = pytest.mark.django_db

START = "/api/v1/client-auth/start"
VERIFY = "/api/v1/client-auth/verify"


def post_json(web, url, body, **extra):
    return web.post(url, data=json.dumps(body), content_type="application/json", **extra)


def signed_in(web) -> bool:
    return web.get("/api/v1/me/client").status_code == 200


def test_a_cross_site_form_post_cannot_sign_anyone_in(own_view):
    attacker = HttpClient()
    post_json(attacker, START, {"contact": "matti@example.fi"})
    code = last_code()
    victim = HttpClient()
    # An HTML form of another site can only send these content types.
    form = victim.post(VERIFY, {"contact": "matti@example.fi", "code": code})
    plain = victim.post(
        VERIFY,
        data=json.dumps({"contact": "matti@example.fi", "code": code}),
        content_type="text/plain",
    )
    # (A url-encoded body is not even JSON; a text/plain one shaped as JSON is refused.)
    assert form.status_code in (400, 415) and plain.status_code == 415
    assert not signed_in(victim)
    # The code was not used up by the refused posts: the real client can still use it.
    assert post_json(
        attacker, VERIFY, {"contact": "matti@example.fi", "code": code}
    ).status_code == (200)


def test_another_sites_origin_is_refused(own_view):
    web = HttpClient()
    post_json(web, START, {"contact": "matti@example.fi"})
    code = last_code()
    body = {"contact": "matti@example.fi", "code": code}
    assert post_json(web, VERIFY, body, HTTP_ORIGIN="https://evil.example").status_code == 403
    assert post_json(web, VERIFY, body, HTTP_SEC_FETCH_SITE="cross-site").status_code == 403
    assert not signed_in(web)
    assert post_json(web, VERIFY, body, HTTP_ORIGIN="http://testserver").status_code == 200
    assert signed_in(web)


def test_start_refuses_another_sites_origin_too(own_view):
    response = post_json(
        HttpClient(), START, {"contact": "matti@example.fi"}, HTTP_ORIGIN="https://evil.example"
    )
    assert response.status_code == 403
    assert not mail.outbox


def test_a_mobile_app_without_origin_signs_in(own_view):
    app = HttpClient()
    post_json(app, START, {"contact": "matti@example.fi"})
    response = post_json(app, VERIFY, {"contact": "matti@example.fi", "code": last_code()})
    assert response.status_code == 200 and response.json()["token"]


def test_code_requests_are_limited_per_address(own_view, settings):
    settings.RINNALLA_PORTAL_ADDRESS_REQUESTS_PER_WINDOW = 3
    crowd = HttpClient(REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="en")
    for n in range(3):
        assert post_json(crowd, START, {"contact": f"x{n}@example.fi"}).status_code == 202
    # The fourth from the same address is refused whatever the contact, known or not.
    refused = post_json(crowd, START, {"contact": "matti@example.fi"})
    assert refused.status_code == 429 and "paused" in refused.json()["detail"]
    assert not mail.outbox
    page = HttpClient(REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="en").post(
        "/me/sign-in/", {"contact": "matti@example.fi"}
    )
    assert page.status_code == 200 and "paused" in page.content.decode()
    # Another address is not affected.
    other = HttpClient(REMOTE_ADDR="198.51.100.2")
    assert post_json(other, START, {"contact": "matti@example.fi"}).status_code == 202
    assert len(mail.outbox) == 1


def test_wrong_codes_are_limited_per_address(own_view, settings):
    settings.RINNALLA_PORTAL_ADDRESS_TRIES = 3
    guesser = HttpClient(REMOTE_ADDR="203.0.113.7")
    home = HttpClient(REMOTE_ADDR="198.51.100.2")
    post_json(home, START, {"contact": "matti@example.fi"})
    code = last_code()
    # Spread over many contacts, so that no contact reaches its own limit of five.
    for n in range(3):
        post_json(guesser, VERIFY, {"contact": f"x{n}@example.fi", "code": "000000"})
    paused = post_json(guesser, VERIFY, {"contact": "matti@example.fi", "code": code})
    assert paused.status_code == 429
    page = HttpClient(REMOTE_ADDR="203.0.113.7", HTTP_ACCEPT_LANGUAGE="en")
    # The paused address cannot ask for new codes either.
    assert "paused" in page.post("/me/sign-in/", {"contact": "y@example.fi"}).content.decode()
    # The client at another address signs in with the same, still valid code.
    assert post_json(home, VERIFY, {"contact": "matti@example.fi", "code": code}).status_code == 200


def test_sign_in_links_use_the_configured_address_not_the_host_header(own_view, settings):
    settings.ALLOWED_HOSTS = ["*"]
    settings.RINNALLA_BASE_URL = "https://rinnalla.example.fi"
    page = HttpClient(HTTP_HOST="evil.example")
    page.post("/me/sign-in/", {"contact": "matti@example.fi"})
    assert last_link().startswith("https://rinnalla.example.fi/me/sign-in/link/")
    assert "evil.example" not in mail.outbox[-1].body
    mail.outbox.clear()
    api = HttpClient(HTTP_HOST="evil.example")
    api.cookies.clear()
    # Another contact: the first one's window allows more, but keep them apart anyway.
    post_json(api, START, {"contact": "matti@example.fi"})
    assert last_link().startswith("https://rinnalla.example.fi/me/sign-in/link/")
    assert "evil.example" not in mail.outbox[-1].body


def test_the_sign_in_pages_need_the_csrf_token(own_view):
    """The page flow keeps Django's CSRF token: a form of another site has none."""
    web = HttpClient(enforce_csrf_checks=True)
    assert web.get("/me/sign-in/").status_code == 200
    assert web.post("/me/sign-in/", {"contact": "matti@example.fi"}).status_code == 403
    assert web.post("/me/sign-in/code/", {"code": "123456"}).status_code == 403
    assert not mail.outbox
    assert not signed_in(web)
