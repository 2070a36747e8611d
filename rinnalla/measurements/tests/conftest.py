"""Fixtures for the measurement tests (personas come from the root conftest.py).

The root ``client`` fixture is the domain Client, so the HTTP client is ``web``; it
asks for English so assertions read the source strings.
"""

import datetime

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from rinnalla.consent.services import consent_record
from rinnalla.episodes.services import responsible_person_add

AUDIT_LOW = {f"Q{n}": 0 for n in range(1, 11)}
WHODAS_ALL_MILD = {f"S{n}": 2 for n in range(1, 13)}


@pytest.fixture
def web():
    return HttpClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def physician_with_access(coordinator, client, episode, physician, health_centre):
    """The physician takes part in the episode and the client's consent covers them."""
    responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="Työkyvyn arviointi"
    )
    consent_record(
        actor=coordinator,
        client=client,
        organisations=[health_centre],
        purpose="information_exchange",
        method="signed_paper",
        given_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    return physician


@pytest.fixture
def physician_without_consent(coordinator, episode, physician):
    responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="Työkyvyn arviointi"
    )
    return physician
