"""The JSON API: mounts the apps' routers, authenticates, and maps domain errors.

Auth is a bearer token (``manage.py create_api_token``) or the browser session. The
same selectors, services and access rule serve the API and the pages.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone
from ninja import NinjaAPI
from ninja.security import HttpBearer, django_auth

from rinnalla.accounts.models import ApiToken
from rinnalla.core.errors import Conflict


class BearerToken(HttpBearer):
    def authenticate(self, request, token):
        api_token = ApiToken.objects.for_raw(token).select_related("user").first()
        if api_token is None or not api_token.user.is_active:
            return None
        ApiToken.objects.filter(pk=api_token.pk).update(last_used_at=timezone.now())
        request.user = api_token.user
        return api_token.user


api = NinjaAPI(
    title="Rinnalla API",
    version="1",
    description="The shared information system of a work ability support network.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
)


def _messages(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for e in errs for m in e.messages]
                for field, errs in error.error_dict.items()}
    return {"__all__": [str(m) for m in error.messages]}


@api.exception_handler(ValidationError)
def on_validation_error(request, exc):
    errors = _messages(exc)
    detail = "; ".join(f"{k}: {' '.join(v)}" if k != "__all__" else " ".join(v)
                       for k, v in errors.items())
    return api.create_response(request, {"detail": detail, "errors": errors}, status=422)


@api.exception_handler(Conflict)
def on_conflict(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=409)


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    detail = str(exc) or "You do not have permission for this."
    return api.create_response(request, {"detail": detail}, status=403)


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return api.create_response(request, {"detail": "Not found."}, status=404)
