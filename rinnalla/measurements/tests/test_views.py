import datetime
from unittest import mock

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.measurements.models import Measurement, SelfFillLink, ServiceNeedsAssessment
from rinnalla.measurements.selectors import client_measurement_summary
from rinnalla.measurements.services import (
    assessment_save,
    measurement_record,
    self_fill_link_create,
    self_fill_link_revoke,
)
from rinnalla.measurements.views import client_measurements

from .conftest import AUDIT_LOW, WHODAS_ALL_MILD

TODAY = timezone.localdate()


def audit_post(**overrides):
    data = {k: str(v) for k, v in AUDIT_LOW.items()}
    data["measured_on"] = TODAY.isoformat()
    data.update({k: str(v) for k, v in overrides.items()})
    return data


def client_urls(client):
    return [
        reverse("measurements:client", args=[client.pk]),
        reverse("measurements:record", args=[client.pk, "audit"]),
        reverse("measurements:assessment", args=[client.pk]),
        reverse("measurements:assessment_edit", args=[client.pk]),
        reverse("measurements:self_fill_link_create", args=[client.pk]),
    ]


# --- permissions ------------------------------------------------------------------------------


def test_anonymous_users_are_sent_to_login(web, client):
    for url in client_urls(client):
        response = web.get(url)
        assert response.status_code == 302 and "/login/" in response["Location"]


def test_a_coordinator_of_another_service_gets_404(web, client, other_coordinator):
    web.force_login(other_coordinator)
    for url in client_urls(client):
        assert web.get(url).status_code == 404


def test_a_manager_never_sees_measurements(web, client, manager):
    web.force_login(manager)
    for url in client_urls(client):
        assert web.get(url).status_code in (403, 404)


def test_a_professional_without_consent_gets_403(web, client, physician_without_consent):
    web.force_login(physician_without_consent)
    assert web.get(reverse("measurements:client", args=[client.pk])).status_code == 403


def test_a_consented_professional_sees_and_records_results(web, client, physician_with_access):
    web.force_login(physician_with_access)
    assert web.get(reverse("measurements:client", args=[client.pk])).status_code == 200
    response = web.post(reverse("measurements:record", args=[client.pk, "audit"]), audit_post())
    assert response.status_code == 302
    assert Measurement.objects.get().organisation == physician_with_access.organisation


def test_only_coordinators_create_self_fill_links(web, client, physician_with_access):
    web.force_login(physician_with_access)
    url = reverse("measurements:self_fill_link_create", args=[client.pk])
    assert web.get(url).status_code == 403


def test_each_page_writes_exactly_one_access_log_entry(web, client, coordinator):
    web.force_login(coordinator)
    m = measurement_record(
        actor=coordinator, client=client, instrument_code="audit", answers=AUDIT_LOW
    ).measurement
    for url in [*client_urls(client), reverse("measurements:detail", args=[m.pk])]:
        before = AccessLogEntry.objects.count()
        assert web.get(url).status_code == 200, url
        assert AccessLogEntry.objects.count() == before + 1, url


def test_a_result_of_another_client_is_404(web, client, other_coordinator, coordinator):
    m = measurement_record(
        actor=coordinator, client=client, instrument_code="audit", answers=AUDIT_LOW
    ).measurement
    web.force_login(other_coordinator)
    assert web.get(reverse("measurements:detail", args=[m.pk])).status_code == 404
    assert web.get(reverse("measurements:detail", args=[m.pk + 100])).status_code == 404


# --- recording ----------------------------------------------------------------------------------


def test_recording_audit_shows_the_score_and_zone(web, client, coordinator):
    web.force_login(coordinator)
    response = web.post(
        reverse("measurements:record", args=[client.pk, "audit"]),
        audit_post(Q1=4, Q2=4, Q3=4, Q4=2),
        follow=True,
    )
    assert response.status_code == 200
    m = Measurement.objects.get()
    assert m.total_score == 14 and m.interpretation == "zone_3"
    assert "Zone III" in response.content.decode()


def test_a_second_audit_within_the_window_warns_and_shows_the_first(web, client, coordinator):
    first = measurement_record(
        actor=coordinator,
        client=client,
        instrument_code="audit",
        answers={**AUDIT_LOW, "Q1": 3},
        measured_on=TODAY - datetime.timedelta(days=40),
    ).measurement
    web.force_login(coordinator)
    url = reverse("measurements:record", args=[client.pk, "audit"])
    page = web.get(url).content.decode()
    assert "Already recorded on" in page
    assert reverse("measurements:detail", args=[first.pk]) in page
    response = web.post(url, audit_post())
    assert response.status_code == 200
    assert "Tick this box" in response.content.decode()
    assert Measurement.objects.count() == 1
    response = web.post(url, audit_post(confirm_repeat="on"))
    assert response.status_code == 302
    assert Measurement.objects.count() == 2


def test_out_of_range_answers_show_the_form_again_and_save_nothing(web, client, coordinator):
    web.force_login(coordinator)
    response = web.post(
        reverse("measurements:record", args=[client.pk, "audit"]), audit_post(Q9="3")
    )
    assert response.status_code == 200
    assert "Please correct the following" in response.content.decode()
    response = web.post(
        reverse("measurements:record", args=[client.pk, "bmi"]),
        {"height_cm": "20", "weight_kg": "70", "measured_on": TODAY.isoformat()},
    )
    assert response.status_code == 200
    assert not Measurement.objects.exists()


def test_an_unknown_instrument_is_404(web, client, coordinator):
    web.force_login(coordinator)
    assert web.get(reverse("measurements:record", args=[client.pk, "nope"])).status_code == 404


def test_the_trend_is_an_accessible_svg_with_a_data_table(web, client, coordinator):
    for days, q1 in ((300, 1), (100, 3), (0, 4)):
        measurement_record(
            actor=coordinator,
            client=client,
            instrument_code="audit",
            answers={**AUDIT_LOW, "Q1": q1},
            confirm_repeat=True,
            measured_on=TODAY - datetime.timedelta(days=days),
        )
    web.force_login(coordinator)
    page = web.get(reverse("measurements:client", args=[client.pk])).content.decode()
    assert 'role="img"' in page and '<title id="chart-audit-title">' in page
    assert '<desc id="chart-audit-desc">' in page and "<polyline" in page
    assert "<caption>AUDIT: all results</caption>" in page
    assert page.count('<th scope="row">') >= 3


@pytest.mark.parametrize("rows", [1, 20])
def test_the_client_summary_needs_constant_queries(
    rows, client, coordinator, django_assert_max_num_queries
):
    for n in range(rows):
        measurement_record(
            actor=coordinator,
            client=client,
            instrument_code="whodas-12",
            answers=WHODAS_ALL_MILD,
            confirm_repeat=True,
            measured_on=TODAY - datetime.timedelta(days=n),
        )
    assessment_save(
        actor=coordinator, client=client, based_on_version=None, wishes_and_goals="Töihin"
    )
    with django_assert_max_num_queries(3):
        summary = client_measurement_summary(client=client)
    assert summary.count == rows and summary.assessment.version == 1


@pytest.mark.parametrize("rows", [1, 20])
def test_the_measurements_page_needs_constant_queries(
    rows, rf, client, coordinator, django_assert_max_num_queries
):
    for n in range(rows):
        measurement_record(
            actor=coordinator,
            client=client,
            instrument_code="audit",
            answers=AUDIT_LOW,
            confirm_repeat=True,
            measured_on=TODAY - datetime.timedelta(days=n),
        )
    request = rf.get("/")
    request.user = coordinator
    with django_assert_max_num_queries(12):
        assert client_measurements(request, client.pk).status_code == 200


# --- service needs assessment ---------------------------------------------------------------


def test_saving_the_assessment_makes_versions_and_earlier_stay_readable(web, client, coordinator):
    web.force_login(coordinator)
    url = reverse("measurements:assessment_edit", args=[client.pk])
    assert "Family situation and housing" in web.get(url).content.decode()
    web.post(url, {"family_and_housing": "Asuu yksin", "own_work_ability_rating": "5"})
    web.post(
        url,
        {
            "family_and_housing": "Asuu puolison kanssa",
            "based_on_version": "1",
            "own_work_ability_rating": "",
        },
    )
    assert list(
        ServiceNeedsAssessment.objects.values_list("version", flat=True).order_by("version")
    ) == [1, 2]
    old = web.get(reverse("measurements:assessment_version", args=[client.pk, 1])).content
    assert "Asuu yksin" in old.decode() and "an earlier version" in old.decode()


def test_an_assessment_saved_meanwhile_is_a_conflict_and_the_text_is_kept(web, client, coordinator):
    assessment_save(actor=coordinator, client=client, based_on_version=None, social_situation="A")
    web.force_login(coordinator)
    response = web.post(
        reverse("measurements:assessment_edit", args=[client.pk]),
        {"social_situation": "Oma teksti", "based_on_version": ""},
    )
    assert response.status_code == 200
    assert "Oma teksti" in response.content.decode()
    assert ServiceNeedsAssessment.objects.count() == 1


def test_the_assessment_form_shows_the_info_card_questions_as_help(web, client, coordinator):
    web.force_login(coordinator)
    page = web.get(reverse("measurements:assessment_edit", args=[client.pk])).content.decode()
    assert "Would you like to develop yourself further" in page
    assert "How long have you been unemployed?" in page


# --- self-fill ---------------------------------------------------------------------------------


def create_link(web, client, coordinator, **extra):
    web.force_login(coordinator)
    data = {"instruments": ["work-ability-self-rating", "whodas-12", "audit"], **extra}
    response = web.post(reverse("measurements:self_fill_link_create", args=[client.pk]), data)
    assert response.status_code == 200
    url = response.context["url"]
    web.logout()
    return url


def self_fill_post():
    data = {"work-ability-self-rating-score": "6"}
    data.update({f"whodas-12-{k}": str(v) for k, v in WHODAS_ALL_MILD.items()})
    data.update({f"audit-{k}": str(v) for k, v in AUDIT_LOW.items()})
    return data


def test_the_client_fills_the_link_once_without_logging_in(web, client, coordinator):
    url = create_link(web, client, coordinator)
    page = web.get(url, follow=True)
    assert page.status_code == 200 and page["Content-Language"] == "fi"
    assert 'lang="fi"' in page.content.decode()
    assert "Meikäläinen" not in page.content.decode()  # no client data on the public page
    assert web.post(url, self_fill_post()).status_code == 200
    assert Measurement.objects.filter(self_reported=True).count() == 3
    used = web.get(url)
    assert used.status_code == 410
    assert web.post(url, self_fill_post()).status_code == 410
    assert Measurement.objects.count() == 3


def test_the_public_page_speaks_the_clients_language(web, client, coordinator):
    client.language = "sv"
    client.save()
    url = create_link(web, client, coordinator)
    page = web.get(url, follow=True)
    assert page["Content-Language"] == "sv" and 'lang="sv"' in page.content.decode()


def test_an_expired_link_gives_a_friendly_410(web, client, coordinator):
    url = create_link(web, client, coordinator)
    later = timezone.now() + datetime.timedelta(days=8)
    with mock.patch("django.utils.timezone.now", return_value=later):
        response = web.get(url)
    assert response.status_code == 410
    assert "expired" in response.content.decode() or "vanhentunut" in response.content.decode()


def test_an_unknown_link_gives_404_not_500(web, db):
    assert web.get(reverse("measurements:self_fill", args=["nonsense"])).status_code == 404


def test_missing_self_fill_answers_show_the_form_again(web, client, coordinator):
    url = create_link(web, client, coordinator)
    data = self_fill_post()
    del data["whodas-12-S5"]
    response = web.post(url, data)
    assert response.status_code == 200
    assert not Measurement.objects.exists()
    assert SelfFillLink.objects.get().used_at is None


def test_the_link_is_shown_once_and_can_be_emailed(
    web, client, coordinator, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        url = create_link(web, client, coordinator, send_email="on", email="matti@example.fi")
    # From the configured address, never the request's Host.
    assert url.startswith(settings.RINNALLA_BASE_URL + "/measurements/self/")
    assert len(mailoutbox) == 1 and url in mailoutbox[0].body
    assert SelfFillLink.objects.get().emailed_to == "matti@example.fi"


def test_a_link_needs_an_address_to_be_emailed(web, client, coordinator):
    web.force_login(coordinator)
    response = web.post(
        reverse("measurements:self_fill_link_create", args=[client.pk]),
        {"instruments": ["audit"], "send_email": "on", "email": ""},
    )
    assert response.status_code == 200 and not SelfFillLink.objects.exists()


def test_self_fill_link_service_refuses_unknown_codes(coordinator, client):
    with pytest.raises(Exception):  # noqa: B017
        self_fill_link_create(
            actor=coordinator, client=client, instrument_codes=["wai"], url_for_token=str
        )


def test_a_result_page_links_the_earlier_result_of_the_window(web, client, coordinator):
    first = measurement_record(
        actor=coordinator,
        client=client,
        instrument_code="audit",
        answers=AUDIT_LOW,
        measured_on=TODAY - datetime.timedelta(days=5),
    ).measurement
    second = measurement_record(
        actor=coordinator,
        client=client,
        instrument_code="audit",
        answers=AUDIT_LOW,
        confirm_repeat=True,
    ).measurement
    web.force_login(coordinator)
    page = web.get(reverse("measurements:detail", args=[second.pk])).content.decode()
    assert reverse("measurements:detail", args=[first.pk]) in page
    page = web.get(reverse("measurements:detail", args=[first.pk])).content.decode()
    assert "Open the earlier result in the repeat window" not in page


def test_the_earlier_links_name_the_instruments_not_their_codes(web, client, coordinator):
    create_link(web, client, coordinator)
    web.force_login(coordinator)
    page = web.get(reverse("measurements:self_fill_link_create", args=[client.pk]))
    table = page.content.decode().split("<table", 1)[1]
    assert "WHODAS 2.0, 12-item version" in table
    assert "whodas-12" not in table and "work-ability-self-rating" not in table


def test_opening_the_link_moves_the_token_out_of_the_address(web, client, coordinator):
    url = create_link(web, client, coordinator)
    token = url.rstrip("/").rsplit("/", 1)[1]
    response = web.get(url)
    assert response.status_code == 302
    assert token not in response["Location"]
    page = web.get(response["Location"])
    assert page.status_code == 200 and token not in page.content.decode()
    assert web.post(response["Location"], self_fill_post()).status_code == 200
    assert Measurement.objects.filter(self_reported=True).count() == 3


def test_a_coordinator_revokes_a_link_sent_to_the_wrong_address(web, client, coordinator):
    url = create_link(web, client, coordinator)
    link = SelfFillLink.objects.get()
    web.force_login(coordinator)
    response = web.post(reverse("measurements:self_fill_link_revoke", args=[client.pk, link.pk]))
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.revoked_at is not None and link.revoked_by == coordinator
    web.logout()
    assert web.get(url).status_code == 410
    assert web.post(url, self_fill_post()).status_code == 410
    assert not Measurement.objects.exists()


def test_a_link_opened_before_it_was_revoked_stops_working(web, client, coordinator):
    url = create_link(web, client, coordinator)
    web.logout()
    landing = web.get(url)["Location"]
    self_fill_link_revoke(actor=coordinator, link=SelfFillLink.objects.get())
    assert web.post(landing, self_fill_post()).status_code == 410


def test_only_the_clients_coordinators_revoke_its_links(
    web, client, coordinator, other_coordinator, physician
):
    create_link(web, client, coordinator)
    link = SelfFillLink.objects.get()
    for outsider in (other_coordinator, physician):
        web.force_login(outsider)
        response = web.post(
            reverse("measurements:self_fill_link_revoke", args=[client.pk, link.pk])
        )
        assert response.status_code in (403, 404)
    link.refresh_from_db()
    assert link.revoked_at is None
