import pytest


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    """The demo logins are checked many times here; the real hasher is slow on purpose."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
