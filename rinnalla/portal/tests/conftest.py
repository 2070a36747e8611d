import re

import pytest
from django.core import mail
from django.test import Client as HttpClient

from rinnalla.portal import sms
from rinnalla.portal.services import portal_access_set


@pytest.fixture(autouse=True)
def _portal_settings(settings):
    settings.RINNALLA_SMS_BACKEND = "rinnalla.portal.sms.LocmemSmsBackend"
    sms.outbox.clear()
    yield
    sms.outbox.clear()


@pytest.fixture
def own_view(coordinator, client, episode):
    """The client's own view switched on; the client has an e-mail address too."""
    client.email = "matti@example.fi"
    client.save(update_fields=["email"])
    return portal_access_set(
        actor=coordinator, client=client, enabled=True, allow_codes_under_non_disclosure=False
    )


@pytest.fixture
def browser():
    return HttpClient(HTTP_ACCEPT_LANGUAGE="en")


def last_code() -> str:
    """The code of the latest e-mail or text message."""
    texts = [m.body for m in mail.outbox] + [m["text"] for m in sms.outbox]
    assert texts, "no message was sent"
    return re.search(r"\b(\d{6})\b", texts[-1]).group(1)


def last_link() -> str:
    texts = [m.body for m in mail.outbox] + [m["text"] for m in sms.outbox]
    return re.search(r"(http\S+/me/sign-in/link/\S+/)", texts[-1]).group(1)


def sign_in(browser, contact="matti@example.fi"):
    browser.post("/me/sign-in/", {"contact": contact})
    response = browser.post("/me/sign-in/code/", {"code": last_code()})
    assert response.status_code == 302 and response["Location"] == "/me/", response
    return browser
