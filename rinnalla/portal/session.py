"""The signed-in client in the session: short, separate from professionals' logins.

A client's session ends after ``RINNALLA_PORTAL_IDLE_SECONDS`` without a request and
at the latest ``RINNALLA_PORTAL_SESSION_MAX_SECONDS`` after signing in. Signing in as
a client logs any professional out of the same browser, and a professional's login
ends the client's session (``signals.py``): one browser, one principal.
"""

import functools
import secrets
import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect

from rinnalla.access.client_principal import ClientPrincipal

SESSION_KEY = "portal_client"
DEVICE_KEY = "portal_device"
CONTACT_KEY = "portal_contact"


def sign_in(request, client, *, via: str) -> None:
    if request.user.is_authenticated:
        logout(request)
    device = request.session.get(DEVICE_KEY)
    request.session.cycle_key()
    now = int(time.time())
    request.session[SESSION_KEY] = {"id": client.pk, "via": via, "since": now, "seen": now}
    if device:
        request.session[DEVICE_KEY] = device
    request.session.pop(CONTACT_KEY, None)
    request.session.set_expiry(settings.RINNALLA_PORTAL_IDLE_SECONDS)


def sign_out(request) -> None:
    request.session.flush()


def principal(request) -> ClientPrincipal | None:
    """The signed-in client, or None (also when the session has run out)."""
    if hasattr(request, "_portal_principal"):
        return request._portal_principal
    data = request.session.get(SESSION_KEY)
    found = None
    if isinstance(data, dict):
        now = int(time.time())
        idle = now - data.get("seen", 0) > settings.RINNALLA_PORTAL_IDLE_SECONDS
        too_long = now - data.get("since", 0) > settings.RINNALLA_PORTAL_SESSION_MAX_SECONDS
        if idle or too_long:
            request.session.pop(SESSION_KEY, None)
            request.portal_session_ended = True
        else:
            data["seen"] = now
            request.session[SESSION_KEY] = data
            found = ClientPrincipal(client_id=data["id"], via=data.get("via", "code"))
    request._portal_principal = found
    return found


def device_secret(request) -> str:
    """A secret of this browser: a direct sign-in link works only where it was asked."""
    device = request.session.get(DEVICE_KEY)
    if not device:
        device = secrets.token_urlsafe(24)
        request.session[DEVICE_KEY] = device
    return device


def client_required(view):
    """Pages of the client's own view: the signed-in client, else the sign-in page."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        found = principal(request)
        if found is None:
            response = redirect("portal:sign_in")
            if getattr(request, "portal_session_ended", False):
                response["Location"] += "?ended=1"
            return response
        request.principal = found
        return view(request, *args, **kwargs)

    return wrapper
