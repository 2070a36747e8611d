"""Finding 8: a too large body is refused from its Content-Length, before it is read."""

import pytest
from django.urls import reverse


@pytest.mark.parametrize("path", ["/consent/clients/1/", "/api/v1/clients", "/login/"])
def test_a_60_mb_body_is_refused_without_being_read(web, coordinator, path):
    web.force_login(coordinator)
    # The test client's input holds 5 bytes: reading the announced 60 MB would fail.
    response = web.generic(
        "POST",
        path,
        b"x" * 5,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_a_body_within_the_limit_passes(web, coordinator, client, settings):
    web.force_login(coordinator)
    response = web.get(reverse("consent:list", args=[client.pk]))
    assert response.status_code == 200
    assert settings.RINNALLA_REQUEST_MAX_BYTES > settings.RINNALLA_CONSENT_SCAN_MAX_BYTES
