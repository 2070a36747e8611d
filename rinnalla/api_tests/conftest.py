"""Helpers for the API tests: a JSON client that authenticates with a bearer token."""

import json

import pytest
from django.test import Client as HttpClient

from rinnalla.accounts.models import ApiToken


class Api:
    """Calls /api/v1/… as one user (bearer token) or anonymously; returns the response."""

    def __init__(self, user=None):
        self.http = HttpClient()
        self.headers = {}
        if user is not None:
            _, raw = ApiToken.issue(user)
            self.headers["Authorization"] = f"Bearer {raw}"

    def request(self, method, path, body=None, *, raw=None, **query):
        url = f"/api/v1{path}"
        data = raw if raw is not None else (json.dumps(body) if body is not None else "")
        if method == "get":
            return self.http.get(url, query, headers=self.headers)
        return getattr(self.http, method)(
            url, data=data, content_type="application/json", headers=self.headers
        )

    def get(self, path, **query):
        return self.request("get", path, **query)

    def post(self, path, body=None, **kwargs):
        return self.request("post", path, body, **kwargs)

    def patch(self, path, body=None, **kwargs):
        return self.request("patch", path, body, **kwargs)


@pytest.fixture
def api_as():
    return Api


@pytest.fixture
def anonymous_api(db):
    return Api()


@pytest.fixture
def coordinator_api(coordinator):
    return Api(coordinator)


@pytest.fixture
def physician_taking_part(physician, episode, coordinator):
    """The physician is a responsible person of the open episode (but has no consent)."""
    from rinnalla.episodes.services import responsible_person_add

    responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="Työkyvyn arvio"
    )
    return physician


@pytest.fixture
def physician_with_consent(physician_taking_part, client, coordinator, health_centre):
    """The physician takes part and the client's consent covers the health centre."""
    from django.utils import timezone

    from rinnalla.consent.services import consent_record

    consent_record(
        actor=coordinator,
        client=client,
        organisations=[health_centre],
        purpose="information_exchange",
        method="signed_paper",
        given_on=timezone.localdate(),
    )
    return physician_taking_part


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """The personas' passwords are never used here; a fast hasher keeps the suite quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
