import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.clients.services import client_create
from rinnalla.core import hetu
from rinnalla.core.errors import Conflict
from rinnalla.measurements.models import Measurement, SelfFillLink, ServiceNeedsAssessment
from rinnalla.measurements.services import (
    RepeatWithinWindow,
    assessment_save,
    measurement_record,
    self_fill_link_create,
    self_fill_submit,
)

from .conftest import AUDIT_LOW, WHODAS_ALL_MILD

TODAY = timezone.localdate()


def record(actor, client, code="audit", answers=None, **kw):
    return measurement_record(
        actor=actor,
        client=client,
        instrument_code=code,
        answers=answers if answers is not None else AUDIT_LOW,
        **kw,
    )


def test_a_result_keeps_instrument_version_answers_scores_and_who_measured(coordinator, client):
    m = record(coordinator, client, "whodas-12", WHODAS_ALL_MILD).measurement
    assert (m.instrument_code, m.instrument_version) == ("whodas-12", "WHODAS-2.0-12-item-2010")
    assert m.answers["S1"] == 2 and m.total_score == 24
    assert m.scores["simple_percentage"] == 25
    assert m.administered_by == coordinator and m.organisation == coordinator.organisation
    assert m.measured_on == TODAY and not m.self_reported


def test_a_second_audit_within_the_window_is_refused_until_confirmed(coordinator, client):
    first = record(coordinator, client, measured_on=TODAY - datetime.timedelta(days=180))
    with pytest.raises(RepeatWithinWindow) as exc:
        record(coordinator, client)
    assert exc.value.earlier == first.measurement
    second = record(coordinator, client, confirm_repeat=True)
    assert second.earlier == first.measurement
    assert Measurement.objects.count() == 2


def test_a_result_older_than_the_window_does_not_warn(coordinator, client):
    record(coordinator, client, measured_on=TODAY - datetime.timedelta(days=181))
    assert record(coordinator, client).earlier is None


def test_the_window_is_configurable(coordinator, client, settings):
    settings.RINNALLA_MEASUREMENT_REPEAT_WINDOW_DAYS = 30
    record(coordinator, client, measured_on=TODAY - datetime.timedelta(days=31))
    assert record(coordinator, client).earlier is None


def test_another_instrument_does_not_count_as_a_repeat(coordinator, client):
    record(coordinator, client, "audit-c", {"Q1": 1, "Q2": 0, "Q3": 0})
    assert record(coordinator, client).earlier is None


def test_bad_answers_and_dates_save_nothing(coordinator, client):
    with pytest.raises(ValidationError) as exc:
        record(coordinator, client, answers={**AUDIT_LOW, "Q9": 3})
    assert set(exc.value.message_dict) == {"Q9"}
    with pytest.raises(ValidationError) as exc:
        record(coordinator, client, measured_on=TODAY + datetime.timedelta(days=1))
    assert "measured_on" in exc.value.message_dict
    with pytest.raises(ValidationError):
        record(coordinator, client, "no-such-instrument", {})
    assert not Measurement.objects.exists()


def test_audit_c_uses_age_on_the_measurement_date(coordinator, service):
    born = TODAY.replace(year=TODAY.year - 65)
    older = client_create(
        actor=coordinator,
        service=service,
        first_name="Eino",
        last_name="Vanha",
        personal_identity_code=hetu.build(born, 301),
    )
    answers = {"Q1": 2, "Q2": 1, "Q3": 1}
    before = record(
        coordinator, older, "audit-c", answers, measured_on=TODAY - datetime.timedelta(days=1)
    ).measurement
    on_birthday = record(coordinator, older, "audit-c", answers, confirm_repeat=True).measurement
    assert (before.scores["cut_off"], before.interpretation) == (6, "below_limit")
    assert (on_birthday.scores["cut_off"], on_birthday.interpretation) == (4, "at_or_above_limit")


# --- service needs assessment -----------------------------------------------------------------


def test_each_save_of_the_assessment_is_a_new_version(coordinator, client):
    v1 = assessment_save(
        actor=coordinator,
        client=client,
        based_on_version=None,
        family_and_housing="Asuu yksin vuokra-asunnossa.",
    )
    v2 = assessment_save(
        actor=coordinator,
        client=client,
        based_on_version=1,
        family_and_housing="Muuttanut tyttären luo.",
        own_work_ability_rating=4,
    )
    assert (v1.version, v2.version) == (1, 2)
    v1.refresh_from_db()
    assert v1.family_and_housing == "Asuu yksin vuokra-asunnossa."
    assert v2.written_by == coordinator and v2.own_work_ability_rating == 4


def test_saving_over_a_newer_version_is_a_conflict(coordinator, client):
    assessment_save(actor=coordinator, client=client, based_on_version=None, wishes_and_goals="A")
    assessment_save(actor=coordinator, client=client, based_on_version=1, wishes_and_goals="B")
    with pytest.raises(Conflict):
        assessment_save(actor=coordinator, client=client, based_on_version=1, wishes_and_goals="C")
    assert ServiceNeedsAssessment.objects.count() == 2


def test_an_empty_assessment_or_a_bad_rating_is_refused(coordinator, client):
    with pytest.raises(ValidationError):
        assessment_save(actor=coordinator, client=client, based_on_version=None)
    with pytest.raises(ValidationError):
        assessment_save(
            actor=coordinator,
            client=client,
            based_on_version=None,
            own_work_ability_rating=11,
            social_situation="x",
        )
    assert not ServiceNeedsAssessment.objects.exists()


# --- self-fill links ----------------------------------------------------------------------------


def make_link(coordinator, client, codes=("whodas-12",), email=""):
    return self_fill_link_create(
        actor=coordinator,
        client=client,
        instrument_codes=list(codes),
        url_for_token=lambda t: f"https://rinnalla.test/m/self/{t}/",
        email_to=email,
    )


def test_the_link_token_is_stored_only_as_a_hash(coordinator, client):
    link, raw = make_link(coordinator, client)
    assert raw not in link.token_hash and len(link.token_hash) == 64
    assert link.expires_at - link.created_at == datetime.timedelta(days=7)


def test_the_link_can_be_emailed_in_the_clients_language(
    coordinator, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _, raw = make_link(coordinator, client, email="matti@example.fi")
    assert len(mail.outbox) == 1
    assert raw in mail.outbox[0].body
    assert mail.outbox[0].to == ["matti@example.fi"]
    assert "Itsearviointi" in mail.outbox[0].subject  # the client's language is Finnish


def test_only_coordinators_make_links_and_only_self_fill_instruments(
    coordinator, client, physician
):
    with pytest.raises(ValidationError):
        make_link(physician, client)
    with pytest.raises(ValidationError):
        make_link(coordinator, client, codes=("bmi",))
    assert not SelfFillLink.objects.exists()


def test_a_link_records_self_reported_answers_once(coordinator, client):
    link, _ = make_link(coordinator, client)
    recorded = self_fill_submit(link=link, answers_by_code={"whodas-12": WHODAS_ALL_MILD})
    assert recorded[0].self_reported and recorded[0].administered_by == coordinator
    with pytest.raises(Conflict):
        self_fill_submit(link=link, answers_by_code={"whodas-12": WHODAS_ALL_MILD})
    assert Measurement.objects.count() == 1
    entry = AccessLogEntry.objects.get(part="measurements.self_fill")
    assert entry.user is None and entry.client == client and entry.action == "change"


def test_an_expired_link_records_nothing(coordinator, client):
    link, _ = make_link(coordinator, client)
    later = timezone.now() + datetime.timedelta(days=7, seconds=1)
    with mock.patch("django.utils.timezone.now", return_value=later), pytest.raises(Conflict):
        self_fill_submit(link=link, answers_by_code={"whodas-12": WHODAS_ALL_MILD})
    assert not Measurement.objects.exists()


def test_bad_self_fill_answers_keep_the_link_usable(coordinator, client):
    link, _ = make_link(coordinator, client, codes=("whodas-12", "audit"))
    with pytest.raises(ValidationError) as exc:
        self_fill_submit(
            link=link,
            answers_by_code={"whodas-12": WHODAS_ALL_MILD, "audit": {**AUDIT_LOW, "Q10": 1}},
        )
    assert "audit-Q10" in exc.value.message_dict
    link.refresh_from_db()
    assert link.used_at is None and not Measurement.objects.exists()
