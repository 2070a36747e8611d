"""Helpers for the referral page tests (personas come from the root conftest.py).

The root ``client`` fixture is the domain Client, so the HTTP client is ``web``; it
asks for English so assertions read the source strings.
"""

import datetime

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from rinnalla.core import hetu
from rinnalla.referrals.services import referral_receive


@pytest.fixture
def web():
    return HttpClient(HTTP_ACCEPT_LANGUAGE="en")


@pytest.fixture
def make_referral(coordinator, service):
    counter = iter(range(100, 900))

    def make(*, days_ago=0, urgency="normal", actor=None, to=None, last_name=None, **extra):
        number = next(counter)
        code = hetu.build(datetime.date(1980, 1, 1) + datetime.timedelta(days=number), number)
        return referral_receive(
            actor=actor or coordinator,
            service=to or service,
            client_fields={
                "personal_identity_code": code,
                "first_name": "Asiakas",
                "last_name": last_name or f"Numero{number}",
                "language": "fi",
            },
            source_kind=extra.pop("source_kind", "physiotherapist"),
            channel=extra.pop("channel", "phone"),
            reason=extra.pop("reason", "Työkyvyn selvittely"),
            received_on=timezone.localdate() - datetime.timedelta(days=days_ago),
            urgency=urgency,
            **extra,
        )

    return make
