import ipaddress
import sys

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils.crypto import constant_time_compare
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django.views.defaults import server_error

from rinnalla.ops import health
from rinnalla.ops.metrics import render_metrics


@never_cache
@require_GET
def healthz(request):
    """The process is alive and answers; nothing else is checked (liveness)."""
    return JsonResponse({"status": "ok"})


@never_cache
@require_GET
def readyz(request):
    """Database reachable, migrations applied, worker heartbeat fresh (readiness)."""
    checks = health.readiness()
    ready = all(value == "ok" for value in checks.values())
    return JsonResponse(
        {"status": "ok" if ready else "fail", "checks": checks}, status=200 if ready else 503
    )


@never_cache
@require_GET
def metrics(request):
    """Prometheus text format: for a token (RINNALLA_METRICS_TOKEN) or from this machine."""
    if not _metrics_allowed(request):
        return HttpResponse(status=404)
    body, content_type = render_metrics()
    return HttpResponse(body, content_type=content_type)


def _metrics_allowed(request) -> bool:
    token = settings.RINNALLA_METRICS_TOKEN
    if token:
        given = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        return constant_time_compare(given, token)
    try:
        return ipaddress.ip_address(request.META.get("REMOTE_ADDR", "")).is_loopback
    except ValueError:
        return False


def is_unavailable(exc: BaseException | None) -> bool:
    """The database is down, full or read-only: an outage, not a bug."""
    if isinstance(exc, OperationalError | InterfaceError):
        return True
    return isinstance(exc, DatabaseError) and "read-only" in str(exc).lower().replace(" ", "-")


def server_error_or_unavailable(request, template_name="500.html"):
    """handler500: a database outage is answered 503 with a plain page, never a traceback."""
    exc = sys.exc_info()[1]
    if not is_unavailable(exc):
        return server_error(request, template_name)
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The service is temporarily unavailable. Try again shortly."},
            status=503,
        )
    else:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
    response["Retry-After"] = "30"
    return response
