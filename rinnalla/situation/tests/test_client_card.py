"""The client page's situation card: segment, periods and the top service suggestions."""

import datetime
import html

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from rinnalla.catalogue.models import Service, SuggestionDismissal
from rinnalla.catalogue.services import catalogue_load
from rinnalla.catalogue.suggestions import client_suggestions
from rinnalla.clients.services import client_create
from rinnalla.core import hetu
from rinnalla.measurements.services import measurement_record
from rinnalla.situation.services import period_record, segment_record

pytestmark = pytest.mark.django_db


@pytest.fixture
def worker(coordinator, service):
    """A client of working age with a segment, a period and a measurement that fit
    the work ability support team."""
    client = client_create(
        actor=coordinator,
        service=service,
        first_name="Testi",
        last_name="Työikäinen",
        personal_identity_code=hetu.build(datetime.date(1985, 9, 2), 906),
        language="fi",
    )
    catalogue_load()
    segment_record(actor=coordinator, client=client, segment="cooperation", reason="Monialainen")
    measurement_record(
        actor=coordinator,
        client=client,
        instrument_code="work-ability-self-rating",
        answers={"score": 3},
    )
    period_record(
        actor=coordinator,
        client=client,
        kind="unemployment_benefit",
        starts_on=timezone.localdate() - datetime.timedelta(days=200),
    )
    return client


def page(user, client, language="en") -> str:
    http = HttpClient(HTTP_ACCEPT_LANGUAGE=language)
    http.force_login(user)
    response = http.get(reverse("clients:detail", args=[client.pk]))
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def card(text: str) -> str:
    start = text.index('aria-labelledby="situation-card-heading"')
    return text[start : text.index("</section>", start)]


def test_the_client_page_shows_the_top_suggestions_with_their_reasons(
    coordinator, worker, settings
):
    settings.LANGUAGE_CODE = "en"
    found = client_suggestions(worker)  # the situation page's selector
    assert len(found) > 3
    text = card(page(coordinator, worker))
    for suggestion in found[:3]:
        assert reverse("catalogue:detail", args=[suggestion.service.pk]) in text
        assert f"Why: {suggestion.reasons[0]}" in text
    for suggestion in found[3:]:
        assert reverse("catalogue:detail", args=[suggestion.service.pk]) not in text
    team = next(s for s in found if s.service.code == "work-ability-support-team")
    assert team in found[:3]
    assert "Why: Client segment: Cooperation client." in text
    assert f"{len(team.unknown_criteria)} criteria not known yet" in text
    assert f"{len(found) - 3} more suggestions on the situation page." in text
    assert reverse("situation:client", args=[worker.pk]) in text
    assert "Cooperation client" in text and "Unemployment benefit" in text


def test_a_dismissed_service_is_not_on_the_client_page(coordinator, worker, settings):
    settings.LANGUAGE_CODE = "en"
    team = Service.objects.get(code="work-ability-support-team")
    SuggestionDismissal.objects.create(
        client=worker, service=team, reason="Jo TYP:ssä", dismissed_by=coordinator
    )
    text = card(page(coordinator, worker))
    assert reverse("catalogue:detail", args=[team.pk]) not in text


def test_without_suggestions_the_card_says_what_to_record(coordinator, client, settings):
    settings.LANGUAGE_CODE = "en"
    text = card(page(coordinator, client))
    assert "No service is suggested now." in text


@pytest.mark.parametrize(
    "language, why, unknown",
    [("fi", "Miksi:", "joita ei vielä tiedetä"), ("sv", "Varför:", "ännu inte känd")],
)
def test_the_card_speaks_finnish_and_swedish(coordinator, worker, language, why, unknown):
    text = card(page(coordinator, worker, language))
    assert why in text
    assert unknown in text
