"""The client pages speak Finnish by default and Swedish on request."""

from pathlib import Path

import pytest
from django.urls import reverse

from .conftest import login, text_of

LOCALE = Path(__file__).resolve().parent.parent / "locale"


@pytest.mark.parametrize(
    ("language", "heading", "status"),
    [
        ("fi", "<h1>Asiakkaat</h1>", "päivää jäljellä"),
        ("sv", "<h1>Klienter</h1>", "dagar kvar"),
    ],
)
def test_the_list_is_shown_in_the_users_language(
    http, coordinator, episode, settings, language, heading, status
):
    settings.LANGUAGE_CODE = language
    text = text_of(login(http, coordinator).get(reverse("clients:list")))
    assert heading in text
    assert status in text


def test_the_client_page_is_finnish_by_default(http, coordinator, client, episode, settings):
    settings.LANGUAGE_CODE = "fi"
    text = text_of(login(http, coordinator).get(reverse("clients:detail", args=[client.pk])))
    assert "Palvelupolku" in text
    assert "Ensisijainen yhteyshenkilö" in text
    assert "Henkilötunnus" in text
