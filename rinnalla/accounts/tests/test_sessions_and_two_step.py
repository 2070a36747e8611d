"""Finding 7: the second factor, re-authentication, session lifetime and own tokens."""

import time

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rinnalla.accounts.models import ApiToken
from rinnalla.core.middleware import LOGIN_AT

PASSWORD = "test-pass-123"


def test_with_two_step_required_a_coordinator_without_it_reaches_only_the_set_up(
    web, coordinator, client, settings
):
    settings.RINNALLA_REQUIRE_2FA = True
    web.force_login(coordinator)
    response = web.get(reverse("clients:detail", args=[client.pk]))
    assert response.status_code == 302
    assert response["Location"] == reverse("access:totp_setup")
    assert web.get(reverse("access:totp_setup")).status_code == 200


def test_with_two_step_required_a_manager_is_not_asked(web, manager, settings):
    settings.RINNALLA_REQUIRE_2FA = True
    web.force_login(manager)
    response = web.get(reverse("home"), follow=True)
    assert response.status_code == 200
    assert reverse("access:totp_setup") not in [url for url, _status in response.redirect_chain]


def test_setting_up_the_second_factor_verifies_the_session(web, coordinator, settings):
    settings.RINNALLA_REQUIRE_2FA = True
    web.force_login(coordinator)
    web.post(reverse("access:totp_setup"), {"step": "start", "password": PASSWORD})
    device = TOTPDevice.objects.get(user=coordinator)
    token = f"{totp(device.bin_key):06d}"
    web.post(reverse("access:totp_setup"), {"step": "confirm", "token": token})
    assert web.get(reverse("clients:list")).status_code == 200


def test_turning_two_step_on_needs_the_password(web, coordinator):
    web.force_login(coordinator)
    web.post(reverse("access:totp_setup"), {"step": "start", "password": "wrong"})
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    web.post(reverse("access:totp_setup"), {"step": "start"})
    assert not TOTPDevice.objects.filter(user=coordinator).exists()


def test_turning_two_step_off_needs_the_password(web, kela_advisor):
    device = TOTPDevice.objects.create(user=kela_advisor, name="authenticator", confirmed=True)
    web.force_login(kela_advisor)
    token = f"{totp(device.bin_key):06d}"
    web.post(reverse("access:totp_setup"), {"step": "remove", "token": token, "password": "x"})
    assert TOTPDevice.objects.filter(user=kela_advisor).exists()


def test_a_session_ends_after_the_absolute_lifetime_however_active(web, coordinator, settings):
    settings.SESSION_ABSOLUTE_SECONDS = 3600
    web.post(reverse("login"), {"username": "aino", "password": PASSWORD})
    assert web.get(reverse("clients:list")).status_code == 200
    session = web.session
    session[LOGIN_AT] = int(time.time()) - 3601
    session.save()
    response = web.get(reverse("clients:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in web.session


def test_the_owner_lists_issues_and_revokes_their_tokens(web, coordinator, physician):
    others, _raw = ApiToken.issue(physician)
    web.force_login(coordinator)
    response = web.post(reverse("accounts:api_tokens"), {"name": "raportti", "scope": "read"})
    raw = response.context["raw"]
    token = ApiToken.objects.for_raw(raw).get()
    assert token.user == coordinator and token.scope == "read"
    page = web.get(reverse("accounts:api_tokens")).content.decode()
    assert token.prefix in page
    assert others.prefix not in page
    web.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert not ApiToken.objects.for_raw(raw).exists()


def test_nobody_revokes_someone_elses_token(web, coordinator, physician):
    token, raw = ApiToken.issue(physician)
    web.force_login(coordinator)
    response = web.post(reverse("accounts:api_token_revoke", args=[token.pk]))
    assert response.status_code == 404
    assert ApiToken.objects.for_raw(raw).exists()


@pytest.mark.parametrize("verified", [False, True])
def test_a_token_remembers_whether_its_session_passed_the_second_factor(
    web, kela_advisor, verified
):
    if verified:
        device = TOTPDevice.objects.create(user=kela_advisor, name="authenticator", confirmed=True)
        web.post(
            reverse("login"),
            {"username": "kaisa", "password": PASSWORD, "otp_token": f"{totp(device.bin_key):06d}"},
        )
    else:
        web.force_login(kela_advisor)
    response = web.post(reverse("accounts:api_tokens"), {"scope": "write"})
    assert ApiToken.objects.for_raw(response.context["raw"]).get().two_step_verified is verified
