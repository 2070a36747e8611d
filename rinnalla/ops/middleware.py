"""Request id, the access line of every request, and Prometheus-friendly timing."""

import hashlib
import logging
import re
import time
import uuid

from django.db import IntegrityError, transaction
from django.http import HttpResponse, JsonResponse
from django.utils.functional import SimpleLazyObject, empty

from rinnalla.ops.logs import request_id_var, user_id_var
from rinnalla.ops.models import IdempotentRequest

logger = logging.getLogger("rinnalla.request")
_SAFE_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


class RequestLogMiddleware:
    """Give each request an id (X-Request-ID from the proxy, or a new one), log one line.

    The line carries method, path (never the query string: a search or a link token may
    be there), status, duration and the user id, as JSON through ``ops.logs``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.headers.get("X-Request-ID", "")
        request_id = incoming if _SAFE_ID.match(incoming) else uuid.uuid4().hex
        request.request_id = request_id
        id_token = request_id_var.set(request_id)
        user_token = user_id_var.set(None)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            user = getattr(request, "user", None)
            # Only a user already loaded: reading a lazy one would query the session.
            loaded = not isinstance(user, SimpleLazyObject) or user._wrapped is not empty
            if user is not None and loaded and user.is_authenticated:
                user_id_var.set(user.pk)
            duration = (time.perf_counter() - started) * 1000
            response["X-Request-ID"] = request_id
            level = logging.ERROR if response.status_code >= 500 else logging.INFO
            logger.log(
                level,
                "%s %s %s",
                request.method,
                request.path,
                response.status_code,
                extra={
                    "method": request.method,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(duration, 1),
                },
            )
            return response
        finally:
            request_id_var.reset(id_token)
            user_id_var.reset(user_token)


class IdempotencyMiddleware:
    """``Idempotency-Key`` on API POSTs: the same key gives the first answer, writes once.

    The key's record is inserted at the start of the request's transaction and the
    answer stored at its end, so the record exists exactly when the request's writes
    were committed. A retry after a lost answer (a killed server, a broken connection)
    finds the record and gets the stored answer back; a retry while the first request
    still runs waits on the key's unique index and then does the same. An answer of
    500 or more is not stored, and everything that request wrote is rolled back, so it
    may be retried. The same key with a different request is refused (422).
    """

    HEADER = "Idempotency-Key"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get(self.HEADER)
        if request.method != "POST" or key is None or not request.path.startswith("/api/"):
            return self.get_response(request)
        if not _KEY.match(key):
            return JsonResponse(
                {"detail": f"{self.HEADER} must be 1-100 letters, digits, '-', '_' or '.'."},
                status=400,
            )
        principal = _principal(request)
        if principal is None:
            return self.get_response(request)  # not signed in: the API answers 401
        fingerprint = hashlib.sha256(
            b"%s %s\n%s" % (request.method.encode(), request.path.encode(), request.body)
        ).hexdigest()
        with transaction.atomic():
            try:
                with transaction.atomic():
                    record = IdempotentRequest.objects.create(
                        key=key,
                        principal=principal,
                        fingerprint=fingerprint,
                        status=0,
                        content_type="",
                        body=b"",
                    )
            except IntegrityError:
                record = None
            if record is None:
                first = IdempotentRequest.objects.get(principal=principal, key=key)
                return _replay(first, fingerprint)
            response = self.get_response(request)
            if response.status_code >= 500 or response.streaming:
                transaction.set_rollback(True)
                return response
            record.status = response.status_code
            record.content_type = response.get("Content-Type", "")
            record.body = response.content
            record.save(update_fields=["status", "content_type", "body"])
        return response


_KEY = re.compile(r"^[A-Za-z0-9._-]{1,100}$")


def _principal(request) -> str | None:
    authorization = request.headers.get("Authorization", "")
    if authorization:
        return "auth:" + hashlib.sha256(authorization.encode()).hexdigest()[:58]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return None


def _replay(first: IdempotentRequest, fingerprint: str):
    if first.fingerprint != fingerprint:
        return JsonResponse(
            {"detail": "This Idempotency-Key was already used for a different request."},
            status=422,
        )
    response = HttpResponse(bytes(first.body), status=first.status, content_type=first.content_type)
    response["Idempotent-Replayed"] = "true"
    return response
