"""Referral criteria checks, the referral text, overlap and suggestions (issue 12)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client
from rinnalla.catalogue.criteria import age_on, evaluate, is_working_age
from rinnalla.catalogue.models import CriteriaCheck
from rinnalla.catalogue.services import criteria_check_save, criteria_save
from rinnalla.catalogue.suggestions import client_suggestions
from rinnalla.clients.services import client_create
from rinnalla.core import hetu
from rinnalla.measurements.services import measurement_record
from rinnalla.situation.services import period_record, segment_record

pytestmark = pytest.mark.django_db


def _client_born(coordinator, service, born: datetime.date, number: int):
    return client_create(
        actor=coordinator,
        service=service,
        first_name="Testi",
        last_name=f"Ikä{number}",
        personal_identity_code=hetu.build(born, number),
        language="fi",
    )


@pytest.fixture
def worker(coordinator, service):
    """A client of working age (the personas' Matti was born in 1952)."""
    return _client_born(coordinator, service, datetime.date(1985, 9, 2), 906)


def _years_ago(years: int, days: int = 0) -> datetime.date:
    today = timezone.localdate()
    try:
        day = today.replace(year=today.year - years)
    except ValueError:  # 29 February
        day = today.replace(year=today.year - years, day=28)
    return day - datetime.timedelta(days=days)


def test_17_and_65_year_olds_are_not_of_working_age_by_default(coordinator, service):
    today = timezone.localdate()
    seventeen = _client_born(coordinator, service, _years_ago(18, days=-1), 901)
    sixty_five = _client_born(coordinator, service, _years_ago(65), 902)
    eighteen = _client_born(coordinator, service, _years_ago(18), 903)
    sixty_four = _client_born(coordinator, service, _years_ago(65, days=-1), 904)
    assert age_on(seventeen, today) == 17
    assert age_on(sixty_five, today) == 65
    assert is_working_age(age_on(seventeen, today)) is False
    assert is_working_age(age_on(sixty_five, today)) is False
    assert is_working_age(age_on(eighteen, today)) is True
    assert is_working_age(age_on(sixty_four, today)) is True


def test_working_age_is_a_setting(settings, coordinator, service):
    settings.RINNALLA_WORKING_AGE_MAX = 67
    assert is_working_age(65) is True


def test_the_system_fills_working_age_with_its_reason(coordinator, service, rehab_clinic):
    young = _client_born(coordinator, service, _years_ago(17), 905)
    evaluation = evaluate(young, rehab_clinic)
    answer = evaluation.answers["working_age"]
    assert answer.answer == "not_met"
    assert "Age 17" in answer.reason


def test_a_criteria_change_makes_a_new_version_and_an_old_check_keeps_its_own(
    coordinator, client, rehab_clinic
):
    first = rehab_clinic.criteria_lists.get()
    check = criteria_check_save(
        actor=coordinator,
        client=client,
        service=rehab_clinic,
        evaluation=evaluate(client, rehab_clinic),
        answers={"motivated": "met"},
    )
    items = [dict(item) for item in first.items]
    items[4]["text_fi"] = "Kuntoutujalla on useita rajoituksia (muutettu)"
    second = criteria_save(actor=None, service=rehab_clinic, items=items, note="muutos")
    assert second.version == 2
    check.refresh_from_db()
    assert check.criteria == first
    assert first.items[4]["text_fi"] != second.items[4]["text_fi"]
    newer = criteria_check_save(
        actor=coordinator,
        client=client,
        service=rehab_clinic,
        evaluation=evaluate(client, rehab_clinic),
        answers={},
    )
    assert newer.criteria == second


def test_an_edit_of_criteria_by_someone_else_is_refused(coordinator, rehab_clinic):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        criteria_save(
            actor=coordinator, service=rehab_clinic, items=rehab_clinic.criteria_lists.get().items
        )


def test_the_check_marks_system_answers_and_lists_what_is_missing(
    coordinator, client, rehab_clinic
):
    check = criteria_check_save(
        actor=coordinator,
        client=client,
        service=rehab_clinic,
        evaluation=evaluate(client, rehab_clinic),
        answers={"motivated": "met", "long_term_challenges": "not_met"},
    )
    assert check.answers["working_age"]["source"] == "system"
    assert check.answers["working_age"]["answer"] == "not_met"  # Matti was born in 1952
    assert check.answers["motivated"] == {"answer": "met", "source": "user", "reason": ""}
    assert "long_term_challenges" in check.missing
    assert "young_study_plan" not in check.missing  # not required
    assert "motivated" not in check.missing


def test_the_referral_text_tells_the_ten_items(coordinator, client, rehab_clinic):
    check = criteria_check_save(
        actor=coordinator,
        client=client,
        service=rehab_clinic,
        evaluation=evaluate(client, rehab_clinic),
        answers={},
        texts={"occupation": "Lähihoitaja"},
    )
    text = check.referral_text
    for label in (
        "Age:",
        "Occupation: Lähihoitaja",
        "Education history:",
        "Work history:",
        "Life situation:",
        "Illnesses and diagnoses:",
        "Treatment and rehabilitation done:",
        "Results of the treatment and rehabilitation:",
        "Statements made:",
        "Decisions of pension institutions:",
    ):
        assert label in text, label
    assert "Referral criteria (version 1):" in text


def test_typ_warns_at_a_support_team_referral(
    coordinator, client, support_team, catalogue, make_referral
):
    from conftest import make_user
    from rinnalla.accounts.models import Organisation
    from rinnalla.referrals.services import referral_create, referral_triage

    typ_org = Organisation.objects.create(
        name="TYP Testi", kind=Organisation.Kind.TYP, is_coordination_service=True
    )
    typ = catalogue["typ"]
    typ.provider = typ_org
    typ.save()
    assert evaluate(client, support_team).warnings == []
    typ_worker = make_user("tyyne", "coordinator", typ_org)
    referral = referral_create(
        actor=typ_worker,
        client=client,
        service=typ_org,
        source_kind="self",
        channel="phone",
        reason="TYP",
        received_on=timezone.localdate(),
    )
    referral_triage(actor=typ_worker, referral=referral, decision="accept")
    evaluation = evaluate(client, support_team)
    assert len(evaluation.warnings) == 1
    assert "TYP" in evaluation.warnings[0]
    assert evaluation.answers["not_typ"].answer == "not_met"


def test_suggestions_explain_themselves(coordinator, worker, catalogue):
    client = worker
    assert client_suggestions(client) == []
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
    found = {s.service.code: s for s in client_suggestions(client)}
    team = found["work-ability-support-team"]
    assert "Client segment: Cooperation client." in team.reasons
    assert any("Self-rated" in r or "points (5 or less)" in r for r in team.reasons)
    assert any(r.startswith("Unemployment benefit since") for r in team.reasons)
    assert {u["code"] for u in team.unknown_criteria} >= {"multi_sectoral_need"}
    assert "clubhouse" not in found  # community clients only


def test_a_dismissed_suggestion_is_not_suggested_again(web, coordinator, worker, catalogue):
    client = worker
    segment_record(actor=coordinator, client=client, segment="community", reason="Vertaistuki")
    clubhouse = catalogue["clubhouse"]
    assert clubhouse.pk in {s.service.pk for s in client_suggestions(client)}
    web.force_login(coordinator)
    response = web.post(
        reverse("catalogue:dismiss", args=[clubhouse.pk, client.pk]),
        {"reason": "Ei halua ryhmiin"},
    )
    assert response.status_code == 302
    assert clubhouse.pk not in {s.service.pk for s in client_suggestions(client)}


def test_the_criteria_form_saves_a_check_and_shows_the_text(web, coordinator, client, rehab_clinic):
    web.force_login(coordinator)
    url = reverse("catalogue:check", args=[rehab_clinic.pk, client.pk])
    response = web.get(url)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Consult first if needed" in content
    assert "Filled in by Rinnalla" in content
    form = response.context["form"]
    data = {name: form[name].initial or "" for name in form.fields}
    data["answer_motivated"] = "met"
    response = web.post(url, data)
    assert response.status_code == 302
    check = CriteriaCheck.objects.get()
    response = web.get(reverse("catalogue:check_detail", args=[check.pk]))
    assert "Referral text for the patient record" in response.content.decode()
    text = web.get(reverse("catalogue:check_text", args=[check.pk]))
    assert text["Content-Type"].startswith("text/plain")


def test_the_api_checks_criteria_and_gives_suggestions(coordinator, client, rehab_clinic):
    api = api_client(coordinator)
    response = api.post(
        f"/api/v1/clients/{client.pk}/criteria-checks",
        {"service_id": rehab_clinic.pk, "answers": {"motivated": "met"}},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["criteria_version"] == 1
    items = {item["code"]: item for item in body["items"]}
    assert items["working_age"]["source"] == "system"
    assert items["motivated"]["source"] == "user"
    assert "long_term_challenges" in body["missing"]
    assert "Age:" in body["referral_text"]
    bad = api.post(
        f"/api/v1/clients/{client.pk}/criteria-checks",
        {"service_id": rehab_clinic.pk, "answers": {"motivated": "maybe"}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    response = api.get(f"/api/v1/clients/{client.pk}/suggestions")
    assert response.status_code == 200
    for suggestion in response.json():
        assert suggestion["reasons"]


def test_a_keeper_changes_the_criteria_on_a_page_and_old_checks_keep_theirs(
    web, coordinator, client, rehab_clinic
):
    old_check = criteria_check_save(
        actor=coordinator,
        client=client,
        service=rehab_clinic,
        evaluation=evaluate(client, rehab_clinic),
        answers={},
    )
    rehab_clinic.keepers.add(coordinator)
    web.force_login(coordinator)
    url = reverse("catalogue:criteria_edit", args=[rehab_clinic.pk])
    formset = web.get(url).context["formset"]
    data = {"note": "Uusi kriteeri", "item-INITIAL_FORMS": str(formset.initial_form_count())}
    forms = list(formset.forms)
    data["item-TOTAL_FORMS"] = str(len(forms))
    for i, form in enumerate(forms):
        for name in ("code", "source", "kind", "text_fi", "text_sv", "text_en"):
            data[f"item-{i}-{name}"] = form.initial.get(name, "")
        if form.initial.get("required"):
            data[f"item-{i}-required"] = "on"
    last = len(forms) - 1  # an empty extra form: a new criterion
    data[f"item-{last}-kind"] = "refer_if"
    data[f"item-{last}-text_fi"] = "Asiakas on käynyt työttömien terveystarkastuksessa"
    data[f"item-{last}-required"] = "on"
    data["item-0-remove"] = "on"  # the first consult-first advice goes
    response = web.post(url, data)
    assert response.status_code == 302, response.context["formset"].errors
    current = rehab_clinic.criteria_lists.order_by("-version").first()
    assert current.version == 2
    codes = [item["code"] for item in current.items]
    assert "consult_unclear" not in codes
    assert current.items[-1]["text_fi"].startswith("Asiakas on käynyt")
    working_age = next(item for item in current.items if item["code"] == "working_age")
    assert working_age["source"] == "age"  # the system still fills it
    old_check.refresh_from_db()
    assert old_check.criteria.version == 1


def test_someone_else_cannot_change_the_criteria(web, coordinator, rehab_clinic):
    web.force_login(coordinator)
    response = web.get(reverse("catalogue:criteria_edit", args=[rehab_clinic.pk]))
    assert response.status_code == 403
