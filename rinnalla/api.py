"""The JSON API: mounts the apps' routers, authenticates, and maps domain errors.

Auth is a bearer token (``manage.py create_api_token``) or the browser session. The
same selectors, services and access rule serve the API and the pages.
"""

import datetime

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, SuspiciousOperation, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI, security
from ninja.security import HttpBearer

from rinnalla.accounts.models import ApiToken
from rinnalla.core.apikit import validation_error_body
from rinnalla.core.errors import Conflict

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# "Last used" is kept to the minute: a token in steady use is not written on every call.
LAST_USED_RESOLUTION = datetime.timedelta(minutes=1)


class BearerToken(HttpBearer):
    """A live token (not revoked, not expired) of an active user.

    A user who must use two-step verification needs a token issued in a session that
    passed it; a read-only token cannot change anything.
    """

    def authenticate(self, request, token):
        api_token = ApiToken.objects.for_raw(token).select_related("user__organisation").first()
        if api_token is None or not api_token.user.is_active:
            return None
        if api_token.user.must_use_two_step and not api_token.two_step_verified:
            return None
        if api_token.scope == ApiToken.Scope.READ and request.method not in SAFE_METHODS:
            raise PermissionDenied("This API token may only read.")
        now = timezone.now()
        if api_token.last_used_at is None or now - api_token.last_used_at >= LAST_USED_RESOLUTION:
            ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=now)
        request.user = api_token.user
        return api_token.user


class SessionAuth(security.SessionAuth):
    """The browser session; for users who must use two-step verification, a verified one."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is None:
            return None
        if user.must_use_two_step and not user.is_verified():
            return None
        return user


def login_or_token_required(view):
    """The API's schema and docs: for a logged-in user or a live bearer token only."""
    page_view = login_required(view)

    def wrapped(request, *args, **kwargs):
        header = request.headers.get("Authorization", "")
        if header.startswith("Bearer ") and BearerToken().authenticate(request, header[7:]):
            return view(request, *args, **kwargs)
        return page_view(request, *args, **kwargs)

    return wrapped


api = NinjaAPI(
    title="Rinnalla API",
    version="1",
    description="The shared information system of a work ability support network.",
    auth=[BearerToken(), SessionAuth()],
    urls_namespace="api",
    # The schema and Swagger UI (served from django-ninja's own static files) need a login.
    docs_decorator=login_or_token_required,
)


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    return api.create_response(request, validation_error_body(exc), status=422)


@api.exception_handler(Conflict)
def on_conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    detail = str(exc) or "You do not have permission for this."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(SuspiciousOperation)
def on_suspicious_request(request, exc):
    # e.g. a body over DATA_UPLOAD_MAX_MEMORY_SIZE: 400 also when DEBUG is on
    return api.create_response(request, {"detail": "Bad request."}, status=400)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)


# The apps' routers, mounted once authentication and error mapping are set up.
from rinnalla.access.api import router as access_router  # noqa: E402
from rinnalla.accounts.api import router as accounts_router  # noqa: E402
from rinnalla.catalogue.api import router as catalogue_router  # noqa: E402
from rinnalla.catalogue.client_api import router as decision_support_router  # noqa: E402
from rinnalla.clients.api import router as clients_router  # noqa: E402
from rinnalla.consent.api import router as consent_router  # noqa: E402
from rinnalla.episodes.api import router as episodes_router  # noqa: E402
from rinnalla.followup.api import router as followup_router  # noqa: E402
from rinnalla.measurements.api import router as measurements_router  # noqa: E402
from rinnalla.plans.api import router as plans_router  # noqa: E402
from rinnalla.portal.api import router as portal_router  # noqa: E402
from rinnalla.referrals.api import router as referrals_router  # noqa: E402
from rinnalla.reports.api import router as reports_router  # noqa: E402
from rinnalla.situation.api import router as situation_router  # noqa: E402
from rinnalla.surveys.api import router as surveys_router  # noqa: E402
from rinnalla.workability.api import router as workability_router  # noqa: E402

api.add_router("", accounts_router)
api.add_router("", clients_router)
api.add_router("", referrals_router)
api.add_router("", episodes_router)
api.add_router("", consent_router)
api.add_router("", access_router)
api.add_router("", plans_router)
api.add_router("", measurements_router)
api.add_router("", followup_router)
api.add_router("", workability_router)
api.add_router("", catalogue_router)
api.add_router("", decision_support_router)
api.add_router("", situation_router)
api.add_router("", surveys_router)
api.add_router("", reports_router)
api.add_router("", portal_router)
