"""Finding 2: the lock-out counts the (username, address) pair and the username, and a
success clears only the successful user's own pair."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PASSWORD = "test-pass-123"
LOCKED = 429


def _login(web, username, password=PASSWORD, address="192.0.2.10"):
    return web.post(
        reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address
    )


def test_own_logins_between_guesses_do_not_reset_the_count_for_someone_else(
    web, coordinator, physician, settings
):
    """Four guesses at Aino's password, one correct login of one's own, repeat."""
    for _round in range(3):
        for _ in range(4):
            if _login(web, "aino", "guess").status_code == LOCKED:
                break
        _login(web, "pekka")  # the attacker's own account, from the same address
        web.logout()
    assert _login(web, "aino", "guess").status_code == LOCKED
    assert _login(web, "aino").status_code == LOCKED  # even the right password, while locked


def test_typos_under_other_names_do_not_lock_everyone_behind_the_same_address(
    web, coordinator, physician
):
    for username in ["pekka", "pekk", "peka", "pekka", "pekka", "pekka"]:
        _login(web, username, "typo")
    assert _login(web, "aino").status_code == 302


def test_the_locked_pair_does_not_lock_the_user_elsewhere(web, coordinator):
    for _ in range(5):
        _login(web, "aino", "guess", address="198.51.100.1")
    assert _login(web, "aino", "guess", address="198.51.100.1").status_code == LOCKED
    assert _login(web, "aino", address="192.0.2.10").status_code == 302


def test_guessing_from_many_addresses_locks_the_username(web, coordinator, settings):
    settings.RINNALLA_LOGIN_USERNAME_LIMIT = 20
    for number in range(20):
        _login(web, "aino", "guess", address=f"203.0.113.{number // 4}")
    assert _login(web, "aino", address="192.0.2.99").status_code == LOCKED


def test_a_success_clears_the_users_own_pair(web, coordinator):
    for _ in range(4):
        _login(web, "aino", "typo")
    assert _login(web, "aino").status_code == 302
    web.logout()
    for _ in range(4):
        assert _login(web, "aino", "typo").status_code == 200
