"""Authentication backends: the login lock-out (django-axes)."""

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class _UserWithOrganisation:
    """Loads the session's user with their organisation in the same query: every access
    check and log entry needs it (the entry keeps the organisation's name)."""

    def get_user(self, user_id):
        user_model = get_user_model()
        user = user_model._default_manager.select_related("organisation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


class PasswordBackend(_UserWithOrganisation, ModelBackend):
    """Django's username and password backend."""


class LockoutBackend(AxesStandaloneBackend):
    """Refuses the login of a locked-out username (5 failures → 15 minutes).

    Only web logins carry a request; a login without one (the test client's
    ``login()``, the shell) is not a guessing attack through the login page, so it is
    passed on to the next backend instead of raising.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address for the lock-out; behind N trusted proxies, from X-Forwarded-For.

    Each proxy appends the address it saw, so with N trusted proxies the client is the
    N-th address from the right; anything further left can be forged by the client.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = getattr(settings, "RINNALLA_TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if count <= 0 or not forwarded:
        return remote
    hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
    return hops[-count] if len(hops) >= count else remote
