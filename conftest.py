"""Fixed personas for every test, made through the real services.

- ``coordinator`` (Aino) works in ``service``; ``other_coordinator`` in ``other_service``.
- ``physician`` (health centre) and ``kela_advisor`` (Kela) are network professionals.
- ``manager`` and ``administrator`` never see personal data.
- ``client`` has an accepted referral, so an open ``episode`` with Aino as primary contact.
"""

import datetime

import pytest
from django.test import Client as HttpClient
from django.utils import timezone

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.services import client_create
from rinnalla.core import hetu
from rinnalla.referrals.services import referral_create, referral_receive, referral_triage

VALID_CODES = ["131052-308T", "010594Y9032", "020202A0202", "311299-9872"]


def make_user(username, role, organisation, **extra):
    user = User.objects.create_user(
        username=username,
        password="test-pass-123",
        role=role,
        organisation=organisation,
        first_name=extra.pop("first_name", username.title()),
        last_name=extra.pop("last_name", "Testinen"),
        **extra,
    )
    return user


@pytest.fixture
def service(db):
    return Organisation.objects.create(
        name="Työkykykoordinaattoripalvelu",
        kind=Organisation.Kind.HEALTH_CENTRE,
        is_coordination_service=True,
    )


@pytest.fixture
def other_service(db):
    return Organisation.objects.create(
        name="Toinen TKK-palvelu",
        kind=Organisation.Kind.HEALTH_CENTRE,
        is_coordination_service=True,
    )


@pytest.fixture
def health_centre(db):
    return Organisation.objects.create(
        name="Hollolan sote-keskus", kind=Organisation.Kind.HEALTH_CENTRE
    )


@pytest.fixture
def kela(db):
    return Organisation.objects.create(name="Kela", kind=Organisation.Kind.KELA)


@pytest.fixture
def coordinator(service):
    return make_user(
        "aino",
        User.Role.COORDINATOR,
        service,
        first_name="Aino",
        last_name="Koordinaattori",
        profession="Työkykykoordinaattori",
    )


@pytest.fixture
def other_coordinator(other_service):
    return make_user("olli", User.Role.COORDINATOR, other_service)


@pytest.fixture
def physician(health_centre):
    return make_user("pekka", User.Role.NETWORK_PROFESSIONAL, health_centre, profession="Lääkäri")


@pytest.fixture
def kela_advisor(kela):
    return make_user(
        "kaisa", User.Role.NETWORK_PROFESSIONAL, kela, profession="Kelan työkykyneuvoja"
    )


@pytest.fixture
def manager(service):
    return make_user("maija", User.Role.MANAGER, service)


@pytest.fixture
def administrator(service):
    return make_user("antti", User.Role.ADMINISTRATOR, service)


@pytest.fixture
def client(coordinator, service):
    return client_create(
        actor=coordinator,
        service=service,
        first_name="Matti",
        last_name="Meikäläinen",
        personal_identity_code="131052-308T",
        municipality="Hollola",
        language="fi",
        phone="040 123 4567",
    )


@pytest.fixture
def referral(coordinator, service, client, physician, health_centre):
    return referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="physician",
        source_organisation=health_centre,
        source_professional=physician,
        channel="patient_record_message",
        reason="Työkyvyn selvittely",
        received_on=timezone.localdate() - datetime.timedelta(days=3),
    )


@pytest.fixture
def episode(coordinator, referral):
    return referral_triage(actor=coordinator, referral=referral, decision="accept").episode


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 is deliberately slow; tests create many users."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


# The root ``client`` fixture is the domain Client, so the HTTP client is ``web``; it
# asks for English so assertions read the source strings.
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
