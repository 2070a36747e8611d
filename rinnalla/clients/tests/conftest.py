import datetime
import html

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from rinnalla.consent.services import consent_record
from rinnalla.episodes.services import responsible_person_add


@pytest.fixture(autouse=True)
def _english(settings):
    """Assertions read the English source strings; the catalogues are tested apart."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def http(db):
    """The browser. (``client`` is the root conftest's Client persona.)"""
    return HttpClient()


def login(http, user):
    http.force_login(user)
    return http


@pytest.fixture
def consent_for_health_centre(coordinator, client, health_centre):
    return consent_record(
        actor=coordinator,
        client=client,
        organisations=[health_centre],
        purpose="information_exchange",
        method="signed_paper",
        given_on=timezone.localdate() - datetime.timedelta(days=1),
    )


@pytest.fixture
def physician_responsible(coordinator, episode, physician):
    return responsible_person_add(
        actor=coordinator,
        episode=episode,
        professional=physician,
        area="Työkyvyn arvio ja B-lausunto",
    )


def text_of(response) -> str:
    """The page as a person reads it: entities such as &#x27; decoded."""
    return html.unescape(response.content.decode())
