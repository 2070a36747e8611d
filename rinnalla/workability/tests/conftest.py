import datetime

import pytest
from django.utils import timezone

from rinnalla.consent.services import consent_record
from rinnalla.episodes.services import responsible_person_add
from rinnalla.measurements.services import assessment_save as needs_assessment_save
from rinnalla.measurements.services import measurement_record


@pytest.fixture(autouse=True)
def private_media(tmp_path, settings):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"


@pytest.fixture
def measurement(coordinator, client):
    return measurement_record(
        actor=coordinator,
        client=client,
        instrument_code="work-ability-self-rating",
        answers={"score": 4},
    ).measurement


@pytest.fixture
def needs_assessment(coordinator, client):
    return needs_assessment_save(
        actor=coordinator,
        client=client,
        based_on_version=None,
        family_and_housing="Asuu yksin vuokra-asunnossa.",
        illnesses_and_treatment="Selkäkipu, masennus hoidossa.",
        wishes_and_goals="Haluaa osa-aikatyöhön.",
        strengths_skills_hobbies="Käytännön taidot.",
    )


@pytest.fixture
def physician_takes_part(coordinator, client, episode, physician, health_centre):
    consent_record(
        actor=coordinator,
        client=client,
        organisations=[health_centre],
        purpose="information_exchange",
        method="signed_paper",
        given_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    return responsible_person_add(
        actor=coordinator, episode=episode, professional=physician, area="B-lausunto"
    )
