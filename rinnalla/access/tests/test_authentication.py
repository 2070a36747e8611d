"""Authentication hardening: lock-out, idle expiry, second factor, production settings."""

import datetime
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rinnalla.access.backends import client_ip
from rinnalla.core.middleware import LOGIN_AT, SEEN_AT

pytestmark = pytest.mark.django_db

PASSWORD = "test-pass-123"


def _login(web, username, password=PASSWORD, **extra):
    return web.post(reverse("login"), {"username": username, "password": password, **extra})


def test_a_user_logs_in_with_username_and_password(web, coordinator):
    response = _login(web, "aino")
    assert response.status_code == 302
    assert web.session.get("_auth_user_id") == str(coordinator.pk)


def test_five_failed_logins_lock_the_username_with_a_message(web, coordinator):
    for _ in range(4):
        response = _login(web, "aino", "wrong-password")
        assert response.status_code == 200
        assert "Too many failed login attempts" not in response.content.decode()
    response = _login(web, "aino", "wrong-password")
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    # Even the right password is refused while locked.
    response = _login(web, "aino")
    assert response.status_code == 429
    assert "_auth_user_id" not in web.session


def test_the_lock_ends_after_15_minutes(web, coordinator):
    from axes.models import AccessAttempt

    for _ in range(5):
        _login(web, "aino", "wrong-password")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _login(web, "aino").status_code == 302


def test_the_lockout_setting_is_five_failures_for_15_minutes(settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    assert datetime.timedelta(minutes=15) == settings.AXES_COOLOFF_TIME


def test_the_lockout_reads_the_client_address_behind_a_trusted_proxy(rf, settings):
    request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 192.0.2.7")
    settings.RINNALLA_TRUSTED_PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.1"
    settings.RINNALLA_TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "192.0.2.7"  # the forged left-most address is ignored


def test_the_session_expires_after_inactivity(web, coordinator, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    web.force_login(coordinator)
    web.get(reverse("access:totp_setup"))
    session = Session.objects.get()
    remaining = session.expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < remaining <= datetime.timedelta(minutes=30)
    # Idle for longer than the limit: the next request needs a new login.
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = web.get(reverse("access:totp_setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


def _age_session(web, *, idle_seconds: int) -> None:
    """As if the last request that wrote the session was ``idle_seconds`` ago."""
    session = web.session
    session[SEEN_AT] -= idle_seconds
    session[LOGIN_AT] -= idle_seconds
    session.save()
    Session.objects.update(
        expire_date=timezone.now()
        + datetime.timedelta(seconds=django_settings.SESSION_COOKIE_AGE - idle_seconds)
    )


def test_each_request_extends_the_session(web, coordinator):
    web.force_login(coordinator)
    _age_session(web, idle_seconds=25 * 60)
    web.get(reverse("access:totp_setup"))
    remaining = Session.objects.get().expire_date - timezone.now()
    assert remaining > datetime.timedelta(minutes=29)
    # Still signed in after another 25 quiet minutes: the request moved the limit on.
    _age_session(web, idle_seconds=25 * 60)
    assert web.get(reverse("access:totp_setup")).status_code == 200


def test_requests_within_a_minute_do_not_write_the_session(web, coordinator):
    """The idle clock has a one-minute resolution, so most requests write nothing."""
    web.force_login(coordinator)
    web.get(reverse("access:totp_setup"))
    with CaptureQueriesContext(connection) as queries:
        web.get(reverse("access:totp_setup"))
    writes = [q["sql"] for q in queries.captured_queries if not q["sql"].startswith("SELECT")]
    assert writes == []


def test_a_session_idle_past_the_limit_by_its_stamp_ends(web, coordinator):
    """Even where the stored expiry lags (another session store), the stamp ends it."""
    web.force_login(coordinator)
    _age_session(web, idle_seconds=31 * 60)
    Session.objects.update(expire_date=timezone.now() + datetime.timedelta(minutes=5))
    response = web.get(reverse("access:totp_setup"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


# --- two-step verification -----------------------------------------------------------------


def test_a_user_sets_up_two_step_verification(web, kela_advisor):
    web.force_login(kela_advisor)
    page = web.get(reverse("access:totp_setup")).content.decode()
    assert "Set up two-step verification" in page
    web.post(reverse("access:totp_setup"), {"step": "start", "password": PASSWORD})
    page = web.get(reverse("access:totp_setup"))
    device = TOTPDevice.objects.get(user=kela_advisor, confirmed=False)
    assert "otpauth://totp/" in page.content.decode()
    assert page.context["secret"].replace(" ", "")
    response = web.post(reverse("access:totp_setup"), {"step": "confirm", "token": "000000"})
    assert "not correct" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttle_reset()  # a wrong code makes the next try wait a moment
    token = f"{totp(device.bin_key):06d}"
    response = web.post(reverse("access:totp_setup"), {"step": "confirm", "token": token})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed


@pytest.fixture
def device(kela_advisor):
    return TOTPDevice.objects.create(user=kela_advisor, name="authenticator", confirmed=True)


def test_login_asks_for_the_code_when_two_step_verification_is_on(web, device):
    response = _login(web, "kaisa")
    assert response.status_code == 200
    assert "Enter the 6-digit code" in response.content.decode()
    assert "_auth_user_id" not in web.session


def test_a_wrong_code_is_refused_and_counts_as_a_failed_login(web, device):
    from axes.models import AccessAttempt

    response = _login(
        web, "kaisa", otp_token="123456" if totp(device.bin_key) != 123456 else "654321"
    )
    assert response.status_code == 200
    assert "authentication code is not correct" in response.content.decode()
    assert AccessAttempt.objects.get(username="kaisa").failures_since_start == 1


def test_the_right_code_logs_in_and_the_session_is_verified(web, device, kela_advisor):
    response = _login(web, "kaisa", otp_token=f"{totp(device.bin_key):06d}")
    assert response.status_code == 302
    assert web.session.get("_auth_user_id") == str(kela_advisor.pk)
    assert web.session.get("otp_device_id") == device.persistent_id


def test_users_without_a_device_log_in_without_a_code(web, coordinator):
    assert _login(web, "aino").status_code == 302


def test_turning_two_step_verification_off_needs_the_current_code(web, device, kela_advisor):
    web.force_login(kela_advisor)
    response = web.post(
        reverse("access:totp_setup"), {"step": "remove", "token": "12345x", "password": PASSWORD}
    )
    assert response.status_code == 200
    assert TOTPDevice.objects.filter(user=kela_advisor).exists()
    token = f"{totp(device.bin_key):06d}"
    response = web.post(
        reverse("access:totp_setup"), {"step": "remove", "token": token, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=kela_advisor).exists()


def test_the_set_up_page_needs_a_login(web):
    response = web.get(reverse("access:totp_setup"))
    assert response.status_code == 302


# --- production settings -------------------------------------------------------------------


def test_check_deploy_with_production_settings_finds_no_issues(tmp_path):
    base_dir = Path(django_settings.BASE_DIR)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "SECRET_KEY", "DEBUG"))
    }
    env.update(
        {
            "RINNALLA_PRODUCTION": "1",
            "SECRET_KEY": secrets.token_urlsafe(60),
            "ALLOWED_HOSTS": "rinnalla.example.fi",
            "DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "rinnalla.settings",
            "RINNALLA_VAR_DIR": str(tmp_path),
        }
    )
    result = subprocess.run(
        [
            sys.executable,
            str(base_dir / "manage.py"),
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
        ],
        cwd=base_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "System check identified no issues" in output
    assert "WARNING" not in output


def test_production_settings_use_secure_cookies_and_hsts(tmp_path):
    base_dir = Path(django_settings.BASE_DIR)
    env = {
        **os.environ,
        "RINNALLA_PRODUCTION": "1",
        "SECRET_KEY": secrets.token_urlsafe(60),
        "ALLOWED_HOSTS": "rinnalla.example.fi",
        "DEBUG": "0",
        "RINNALLA_VAR_DIR": str(tmp_path),
    }
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS >= 31536000,"
        " s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=base_dir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["True"] * 5, result.stderr
