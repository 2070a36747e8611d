"""Finding 7: API tokens expire, can be read-only, and need two-step verification when required."""

import datetime

from django.test import Client as HttpClient
from django.utils import timezone

from rinnalla.accounts.models import ApiToken


def _get(raw, path="/api/v1/organisations", method="get"):
    http = HttpClient()
    return getattr(http, method)(
        path, headers={"Authorization": f"Bearer {raw}"}, content_type="application/json"
    )


def test_a_fresh_token_works_and_expires_after_the_setting(coordinator, settings):
    settings.RINNALLA_API_TOKEN_DAYS = 90
    token, raw = ApiToken.issue(coordinator)
    assert _get(raw).status_code == 200
    assert (
        abs((token.expires_at - timezone.now()) - datetime.timedelta(days=90)).total_seconds() < 60
    )


def test_an_expired_token_is_refused(coordinator):
    token, raw = ApiToken.issue(coordinator)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert _get(raw).status_code == 401


def test_a_read_only_token_cannot_write(coordinator):
    _token, raw = ApiToken.issue(coordinator, scope="read")
    assert _get(raw).status_code == 200
    assert _get(raw, "/api/v1/clients", method="post").status_code == 403


def test_a_password_change_revokes_the_tokens(coordinator):
    _token, raw = ApiToken.issue(coordinator)
    coordinator.set_password("Toinen-salasana-42")
    coordinator.save()
    assert _get(raw).status_code == 401


def test_with_two_step_required_only_a_token_from_a_verified_session_works(coordinator, settings):
    settings.RINNALLA_REQUIRE_2FA = True
    _plain, plain_raw = ApiToken.issue(coordinator)
    _verified, verified_raw = ApiToken.issue(coordinator, two_step_verified=True)
    assert _get(plain_raw).status_code == 401
    assert _get(verified_raw).status_code == 200


def test_with_two_step_required_an_unverified_session_gets_no_api(coordinator, settings):
    settings.RINNALLA_REQUIRE_2FA = True
    http = HttpClient()
    http.force_login(coordinator)
    assert http.get("/api/v1/organisations").status_code == 401
