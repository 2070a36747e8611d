"""Strong identification through OpenID Connect, against a fake provider.

The fake provider signs ID tokens with its own RSA key (RS256) and publishes the
public key as a JWKS, as a Suomi.fi broker does; mozilla-django-oidc's HTTP calls to
the token and JWKS endpoints are answered by it.
"""

import json
import time
import urllib.parse

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa
from django.test import Client as HttpClient

from rinnalla.access.models import AccessLogEntry
from rinnalla.portal.services import portal_access_set

pytestmark = pytest.mark.django_db

ISSUER = "https://broker.test"


class FakeResponse:
    def __init__(self, data, status=200):
        self._data, self.status_code = data, status
        self.headers = {"content-type": "application/json"}
        self.url, self.text = "fake", json.dumps(data)

    def json(self):
        return self._data

    def raise_for_status(self):
        if self.status_code >= 400:
            raise RuntimeError(self.status_code)


class FakeProvider:
    """Issues one authorization code per sign-in, for the henkilötunnus it is given."""

    def __init__(self):
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.codes: dict[str, dict] = {}
        self.hetu = ""

    def jwks(self) -> dict:
        public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key()))
        public.update({"kid": "fake-1", "alg": "RS256", "use": "sig"})
        return {"keys": [public]}

    def authorize(self, redirect: str) -> str:
        """What the browser does at the broker: returns the callback URL with a code."""
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(redirect).query)
        code = f"code-{len(self.codes)}"
        self.codes[code] = {"nonce": query["nonce"][0], "challenge": query["code_challenge"][0]}
        state = query["state"][0]
        return f"/me/sign-in/strong/callback/?code={code}&state={state}"

    def post(self, url, data=None, **kwargs):
        grant = self.codes.pop(data["code"], None)
        if grant is None or not data.get("code_verifier"):
            return FakeResponse({"error": "invalid_grant"}, status=400)
        claims = {
            "iss": ISSUER,
            "sub": "suomi-fi-subject",
            "aud": "rinnalla",
            "iat": int(time.time()),
            "exp": int(time.time()) + 300,
            "nonce": grant["nonce"],
            "personal_identity_code": self.hetu,
        }
        token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": "fake-1"})
        return FakeResponse({"id_token": token, "access_token": "at", "token_type": "Bearer"})

    def get(self, url, **kwargs):
        return FakeResponse(self.jwks())


@pytest.fixture
def provider(settings, monkeypatch):
    settings.RINNALLA_OIDC_ENABLED = True
    settings.OIDC_RP_CLIENT_ID = "rinnalla"
    settings.OIDC_RP_CLIENT_SECRET = "secret"
    settings.OIDC_OP_AUTHORIZATION_ENDPOINT = f"{ISSUER}/authorize"
    settings.OIDC_OP_TOKEN_ENDPOINT = f"{ISSUER}/token"
    settings.OIDC_OP_JWKS_ENDPOINT = f"{ISSUER}/jwks"
    settings.OIDC_OP_USER_ENDPOINT = ""
    fake = FakeProvider()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.post", fake.post)
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", fake.get)
    return fake


def _strong_sign_in(browser, provider, hetu):
    provider.hetu = hetu
    start = browser.get("/me/sign-in/strong/")
    assert start.status_code == 302 and start["Location"].startswith(ISSUER)
    return browser.get(provider.authorize(start["Location"]))


def test_strong_identification_is_off_by_default():
    assert HttpClient().get("/me/sign-in/strong/").status_code == 404
    assert HttpClient().get("/me/sign-in/strong/callback/").status_code == 404


def test_the_henkilotunnus_claim_signs_the_client_in(provider, client, coordinator, episode):
    portal_access_set(
        actor=coordinator, client=client, enabled=True, allow_codes_under_non_disclosure=False
    )
    browser = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    response = _strong_sign_in(browser, provider, client.personal_identity_code)
    assert response.status_code == 302 and response["Location"] == "/me/"
    assert browser.get("/me/").status_code == 200
    entry = AccessLogEntry.objects.filter(client=client, by_client=True).latest("id")
    assert entry.outcome == "allowed"


def test_turvakielto_does_not_stop_strong_identification(provider, client, coordinator, episode):
    client.non_disclosure = True
    client.save(update_fields=["non_disclosure"])
    portal_access_set(
        actor=coordinator, client=client, enabled=True, allow_codes_under_non_disclosure=False
    )
    browser = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    assert _strong_sign_in(browser, provider, client.personal_identity_code)["Location"] == "/me/"


def test_a_henkilotunnus_that_is_not_a_client_is_refused(provider, client, coordinator):
    portal_access_set(
        actor=coordinator, client=client, enabled=True, allow_codes_under_non_disclosure=False
    )
    browser = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    response = _strong_sign_in(browser, provider, "010594Y9032")
    assert response.status_code == 403
    assert browser.get("/me/").status_code == 302


def test_a_client_whose_own_view_is_off_is_refused(provider, client):
    browser = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    assert _strong_sign_in(browser, provider, client.personal_identity_code).status_code == 403


def test_a_forged_state_or_replayed_code_is_refused(provider, client, coordinator, episode):
    portal_access_set(
        actor=coordinator, client=client, enabled=True, allow_codes_under_non_disclosure=False
    )
    browser = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    provider.hetu = client.personal_identity_code
    start = browser.get("/me/sign-in/strong/")
    callback = provider.authorize(start["Location"])
    forged = callback.replace("state=", "state=x")
    assert browser.get(forged).status_code == 403
    assert browser.get(callback)["Location"] == "/me/"
    browser.post("/me/sign-out/")
    assert browser.get(callback).status_code == 403  # the state is used up


def test_a_token_signed_by_another_key_is_refused(provider, client, coordinator, monkeypatch):
    portal_access_set(
        actor=coordinator, client=client, enabled=True, allow_codes_under_non_disclosure=False
    )
    other = FakeProvider()
    monkeypatch.setattr("mozilla_django_oidc.auth.requests.get", other.get)  # other keys
    browser = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    assert _strong_sign_in(browser, provider, client.personal_identity_code).status_code == 403
