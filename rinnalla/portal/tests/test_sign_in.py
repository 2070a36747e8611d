"""Signing in with a one-time code: same answer for anyone, single use, tries, pause."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.portal import sms
from rinnalla.portal.models import SignInCode
from rinnalla.portal.services import portal_access_set

from .conftest import last_code, last_link, sign_in

pytestmark = pytest.mark.django_db


def test_a_known_email_gets_a_code_and_signs_in(browser, own_view, client):
    response = browser.post("/me/sign-in/", {"contact": "  Matti@Example.fi "})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["matti@example.fi"]
    response = browser.post("/me/sign-in/code/", {"code": last_code()})
    assert response["Location"] == "/me/"
    page = browser.get("/me/")
    assert page.status_code == 200
    assert "Aino Koordinaattori" in page.content.decode()


def test_a_known_phone_gets_a_text_message(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "+358 40 123 4567"})
    assert sms.outbox and sms.outbox[0]["to"] == "+358401234567"
    assert not mail.outbox
    assert browser.post("/me/sign-in/code/", {"code": last_code()})["Location"] == "/me/"


def test_an_unknown_contact_gets_the_same_answer(browser, own_view):
    known = browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    other = type(browser)(HTTP_ACCEPT_LANGUAGE="en")
    unknown = other.post("/me/sign-in/", {"contact": "nobody@example.fi"})
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    known_page = browser.get(known["Location"]).content.decode().replace("matti@", "X@")
    unknown_page = other.get(unknown["Location"]).content.decode().replace("nobody@", "X@")
    strip = lambda html: html.split('name="csrfmiddlewaretoken"')[0]  # noqa: E731
    assert strip(known_page) == strip(unknown_page)
    assert len(mail.outbox) == 1


def test_the_client_language_is_used_in_the_message(browser, own_view, client):
    client.language = "sv"
    client.save(update_fields=["language"])
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    assert "Rinnalla" in mail.outbox[0].subject
    assert mail.outbox[0].subject != "Your sign-in code for Rinnalla"


def test_the_code_is_used_once(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    code = last_code()
    assert browser.post("/me/sign-in/code/", {"code": code})["Location"] == "/me/"
    browser.post("/me/sign-out/")
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    mail.outbox.clear()  # the new code is not used: try the old one
    response = browser.post("/me/sign-in/code/", {"code": code})
    assert response.status_code == 200  # the form again, with the error
    assert browser.get("/me/").status_code == 302


def test_the_code_expires(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    SignInCode.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = browser.post("/me/sign-in/code/", {"code": last_code()})
    assert response.status_code == 200
    assert browser.get("/me/")["Location"].startswith("/me/sign-in/")


def test_five_wrong_codes_pause_the_contact(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    code = last_code()
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(5):
        assert browser.post("/me/sign-in/code/", {"code": wrong}).status_code == 200
    response = browser.post("/me/sign-in/code/", {"code": code})
    assert "paused" in response.content.decode()
    assert browser.get("/me/").status_code == 302
    # A new code is not sent while paused, and the old one is void afterwards.
    mail.outbox.clear()
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    assert not mail.outbox


def test_an_unknown_contact_is_paused_alike(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "nobody@example.fi"})
    for _ in range(5):
        browser.post("/me/sign-in/code/", {"code": "123456"})
    assert "paused" in browser.post("/me/sign-in/code/", {"code": "123456"}).content.decode()


def test_at_most_three_codes_per_window(browser, own_view):
    for _ in range(5):
        browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    assert len(mail.outbox) == 3


def test_the_link_signs_in_on_the_same_device_only(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    link = "/me/sign-in/link/" + last_link().split("/me/sign-in/link/", 1)[1]
    other = type(browser)(HTTP_ACCEPT_LANGUAGE="en")
    assert other.get(link).status_code == 200  # asks to confirm, uses nothing
    assert other.post(link).status_code == 400
    assert browser.post(link)["Location"] == "/me/"
    assert browser.get("/me/").status_code == 200


def test_no_code_when_the_own_view_is_off(browser, own_view, coordinator, client):
    portal_access_set(
        actor=coordinator, client=client, enabled=False, allow_codes_under_non_disclosure=False
    )
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    assert not mail.outbox


def test_turning_the_view_off_ends_a_session_at_once(browser, own_view, coordinator, client):
    sign_in(browser)
    portal_access_set(
        actor=coordinator, client=client, enabled=False, allow_codes_under_non_disclosure=False
    )
    assert browser.get("/me/").status_code == 404


def test_turvakielto_needs_the_coordinators_explicit_permission(
    browser, own_view, coordinator, client
):
    client.non_disclosure = True
    client.save(update_fields=["non_disclosure"])
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    assert not mail.outbox
    portal_access_set(
        actor=coordinator, client=client, enabled=True, allow_codes_under_non_disclosure=True
    )
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    assert len(mail.outbox) == 1


def test_the_session_is_short(browser, own_view, settings):
    sign_in(browser)
    session = browser.session
    data = session["portal_client"]
    data["seen"] -= settings.RINNALLA_PORTAL_IDLE_SECONDS + 1
    session["portal_client"] = data
    session.save()
    response = browser.get("/me/")
    assert response["Location"] == "/me/sign-in/?ended=1"


def test_the_session_has_an_absolute_limit(browser, own_view, settings):
    sign_in(browser)
    session = browser.session
    data = session["portal_client"]
    data["since"] -= settings.RINNALLA_PORTAL_SESSION_MAX_SECONDS + 1
    session["portal_client"] = data
    session.save()
    assert browser.get("/me/").status_code == 302


def test_the_code_field_allows_paste_and_autofill(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    html = browser.get("/me/sign-in/code/").content.decode()
    assert 'autocomplete="one-time-code"' in html
    assert "onpaste" not in html


def test_a_pasted_code_with_spaces_works(browser, own_view):
    browser.post("/me/sign-in/", {"contact": "matti@example.fi"})
    code = last_code()
    spaced = f" {code[:3]} {code[3:]} "
    assert browser.post("/me/sign-in/code/", {"code": spaced})["Location"] == "/me/"


def test_the_clients_own_views_are_logged_as_the_client(browser, own_view, client):
    sign_in(browser)
    browser.get("/me/")
    entry = AccessLogEntry.objects.filter(client=client).latest("id")
    assert entry.by_client and entry.user is None and entry.outcome == "allowed"


def test_a_professional_login_ends_the_client_session(browser, own_view, coordinator):
    sign_in(browser)
    browser.force_login(coordinator)
    assert browser.get("/me/").status_code == 302
