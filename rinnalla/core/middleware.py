"""Site-wide request and response hardening that no single view should have to remember.

- ``RequestSizeLimitMiddleware``: a request body larger than ``RINNALLA_REQUEST_MAX_BYTES``
  is refused with 413 from its ``Content-Length`` before a byte of it is read (Django
  caps form fields, not uploaded files; under WSGI a body without a length is empty).

- ``NoStoreMiddleware``: every page and API answer may carry client data, so none is
  kept by the browser or a shared cache (``Cache-Control: no-store``); static files
  are served before it and stay cacheable.
- ``SessionLifetimeMiddleware``: a session ends ``SESSION_COOKIE_AGE`` after the last
  request (idle expiry) and ``SESSION_ABSOLUTE_SECONDS`` after the login however active
  it is. The idle clock is kept with a one-minute resolution: the session is written
  back (and its expiry moved on) only when its last-seen stamp is a minute old or more,
  not on every request (``SESSION_SAVE_EVERY_REQUEST`` cost three queries a page).
- ``TwoStepRequiredMiddleware``: with ``RINNALLA_REQUIRE_2FA`` a user who sees client
  data and has not passed the second factor in this session reaches only the
  two-step set-up page, the login and logout, and the public pages.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

LOGIN_AT = "rinnalla_login_at"
SEEN_AT = "rinnalla_seen_at"
# How stale the idle stamp may get before a request writes the session back.
SEEN_RESOLUTION_SECONDS = 60


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.RINNALLA_REQUEST_MAX_BYTES:
            detail = "The request is too large."
            if request.path.startswith("/api/"):
                return JsonResponse({"detail": detail}, status=413)
            return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")
        return self.get_response(request)


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            add_never_cache_headers(response)
        elif "no-store" not in response["Cache-Control"]:
            patch_cache_control(response, no_store=True, private=True)
        return response


class SessionLifetimeMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            started = request.session.get(LOGIN_AT)
            now = int(time.time())
            if started is None:
                request.session[LOGIN_AT] = now
            elif now - started > settings.SESSION_ABSOLUTE_SECONDS:
                logout(request)
                if not request.path.startswith("/api/"):
                    return redirect(f"{reverse('login')}?next={request.path}")
            seen = request.session.get(SEEN_AT)
            if seen is not None and now - seen > settings.SESSION_COOKIE_AGE:
                # The stored expiry already ends such a session; this is the belt to it.
                logout(request)
                if not request.path.startswith("/api/"):
                    return redirect(f"{reverse('login')}?next={request.path}")
            if seen is None or now - seen >= SEEN_RESOLUTION_SECONDS:
                # Modifying the session saves it, which moves its expiry and cookie on.
                request.session[SEEN_AT] = now
        return self.get_response(request)


def mark_login(sender, request, user, **kwargs):
    """``user_logged_in``: the absolute lifetime counts from here."""
    if request is not None and hasattr(request, "session"):
        now = int(time.time())
        request.session[LOGIN_AT] = now
        request.session[SEEN_AT] = now


# Paths a user without the second factor may still reach.
_OPEN_PREFIXES = ("/static/", "/api/", "/i18n/", "/help/", "/accessibility/", "/measurements/self/")


class TwoStepRequiredMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and user.must_use_two_step
            and not user.is_verified()
            and not request.path.startswith(_OPEN_PREFIXES)
            and request.path
            not in (reverse("access:totp_setup"), reverse("login"), reverse("logout"))
        ):
            return redirect("access:totp_setup")
        return self.get_response(request)
