"""A mail server that is down costs an automatic invitation, never the closing itself."""

import socket

import pytest

from rinnalla.surveys.models import SurveyLink
from rinnalla.surveys.services import ensure_seed_forms, survey_send_at_closing

pytestmark = pytest.mark.django_db


@pytest.fixture
def mail_down(settings):
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # nothing listens here once the probe closes
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", port, 2


def test_the_closing_survey_link_is_made_though_the_mail_server_is_down(
    mail_down, coordinator, episode, caplog
):
    ensure_seed_forms()
    episode.client.email = "client@example.org"
    episode.client.save()
    assert survey_send_at_closing(actor=coordinator, episode=episode) is True
    assert SurveyLink.objects.filter(episode=episode, recipient="client").exists()
    assert "survey e-mail not sent" in caplog.text
