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
