"""Strong electronic identification for clients through an OpenID Connect broker.

Suomi.fi e-Identification is reached through a broker that speaks OpenID Connect; the
henkilötunnus arrives as a claim (``RINNALLA_OIDC_HETU_CLAIM``). mozilla-django-oidc
does the protocol (state, nonce, PKCE, token exchange, signature check against the
provider's keys); this module only maps the claim to a client whose own view is on.
Off by default (``RINNALLA_OIDC_ENABLED``).
"""

import logging

from django.conf import settings
from django.http import Http404
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from rinnalla.clients.models import Client
from rinnalla.core import hetu

logger = logging.getLogger(__name__)


class ClientOIDCBackend(OIDCAuthenticationBackend):
    """Answers the client named by the henkilötunnus claim, never a ``User``.

    Not in AUTHENTICATION_BACKENDS: only the client's own view calls it, so an identity
    from the broker can never become a professional's login.
    """

    def get_or_create_user(self, access_token, id_token, payload):
        claims = dict(payload)
        if self.OIDC_OP_USER_ENDPOINT:
            claims.update(self.get_userinfo(access_token, id_token, payload) or {})
        code = str(claims.get(settings.RINNALLA_OIDC_HETU_CLAIM) or "")
        try:
            code = hetu.normalise(code)
            hetu.parse(code)
        except hetu.InvalidHetu:
            logger.warning("OIDC identity without a valid henkilötunnus claim")
            return None
        return Client.objects.filter(
            personal_identity_code=code, portal_access__enabled=True
        ).first()


class StartView(OIDCAuthenticationRequestView):
    """Redirects to the broker; 404 while strong identification is off."""

    def dispatch(self, request, *args, **kwargs):
        if not settings.RINNALLA_OIDC_ENABLED:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


def client_from_callback(request) -> Client | None:
    """The client of a valid callback (state, nonce, PKCE, signature), else None."""
    state = request.GET.get("state")
    states = request.session.get("oidc_states")
    if not state or not isinstance(states, dict) or state not in states:
        return None
    entry = states.pop(state)
    request.session["oidc_states"] = states
    if request.GET.get("error"):
        return None
    try:
        return ClientOIDCBackend().authenticate(
            request, nonce=entry.get("nonce"), code_verifier=entry.get("code_verifier")
        )
    except Exception:  # a broker error, a bad signature: the client tries again
        logger.warning("OIDC sign-in failed", exc_info=True)
        return None
