import pytest

from rinnalla.catalogue.models import Service
from rinnalla.catalogue.services import catalogue_load


@pytest.fixture
def catalogue(db):
    catalogue_load()
    return {service.code: service for service in Service.objects.all()}


@pytest.fixture
def support_team(catalogue):
    return catalogue["work-ability-support-team"]


@pytest.fixture
def rehab_clinic(catalogue):
    return catalogue["rehabilitation-research-clinic"]


@pytest.fixture(autouse=True)
def english():
    """Service-level texts (reasons, referral text) read in English in these tests."""
    from django.utils import translation

    with translation.override("en"):
        yield
