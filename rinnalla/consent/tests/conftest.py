"""Fixtures for the consent tests (personas come from the root conftest.py).

The root ``client`` fixture is the domain Client, so the HTTP client is ``web``; it
asks for English so assertions read the source strings.
"""

import pytest
from django.test import Client as HttpClient

from rinnalla.access.testing import give_consent
from rinnalla.episodes.services import responsible_person_add


@pytest.fixture
def web():
    return HttpClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def kela_consent(coordinator, client, kela):
    return give_consent(actor=coordinator, client=client, organisations=[kela])


@pytest.fixture
def kela_responsible(coordinator, episode, kela_advisor):
    return responsible_person_add(
        actor=coordinator, episode=episode, professional=kela_advisor, area="Kelan kuntoutus"
    )


@pytest.fixture
def private_media(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    return settings.PRIVATE_MEDIA_ROOT
