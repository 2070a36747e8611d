"""Refusals and missing pages speak the user's language and never show a debug page."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse


@pytest.fixture(autouse=True)
def _production_error_pages(settings):
    settings.DEBUG = False


def test_a_manager_gets_a_finnish_explanation_on_403(db, manager):
    web = HttpClient()
    web.force_login(manager)
    response = web.get(reverse("referrals:queue"))
    assert response.status_code == 403
    text = response.content.decode()
    assert "Ei käyttöoikeutta" in text
    assert "Roolisi ei anna pääsyä asiakkaiden henkilötietoihin." in text


def test_an_unknown_client_gives_the_finnish_404_page(db, coordinator):
    web = HttpClient()
    web.force_login(coordinator)
    response = web.get(reverse("clients:detail", args=[987654]))
    assert response.status_code == 404
    assert "Sivua ei löydy" in response.content.decode()
