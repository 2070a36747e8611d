"""Site-wide response hardening that no single view should have to remember.

- ``NoStoreMiddleware``: every page and API answer may carry client data, so none is
  kept by the browser or a shared cache (``Cache-Control: no-store``); static files
  are served before it and stay cacheable.
- ``SessionLifetimeMiddleware``: a session ends ``SESSION_ABSOLUTE_SECONDS`` after the
  login however active it is (the idle limit is ``SESSION_COOKIE_AGE``).
- ``TwoStepRequiredMiddleware``: with ``RINNALLA_REQUIRE_2FA`` a user who sees client
  data and has not passed the second factor in this session reaches only the
  two-step set-up page, the login and logout, and the public pages.
"""

import time

from django.conf import settings
from django.contrib.auth import logout
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.cache import add_never_cache_headers, patch_cache_control

LOGIN_AT = "rinnalla_login_at"


class NoStoreMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Cache-Control" not in response:
            add_never_cache_headers(response)
        else:
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
        return self.get_response(request)


def mark_login(sender, request, user, **kwargs):
    """``user_logged_in``: the absolute lifetime counts from here."""
    if request is not None and hasattr(request, "session"):
        request.session[LOGIN_AT] = int(time.time())


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
