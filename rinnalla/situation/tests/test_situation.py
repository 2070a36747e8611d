"""Segments, periods and the needs-attention list (issue 12)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client
from rinnalla.plans.services import action_create, meeting_create, plan_create
from rinnalla.situation.models import PeriodKind, date_of_paid_day, paid_days_between
from rinnalla.situation.services import period_record, segment_record

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def days(n):
    return today() + datetime.timedelta(days=n)


def test_paid_days_count_monday_to_saturday():
    monday = datetime.date(2026, 11, 30)
    assert monday.weekday() == 0
    assert paid_days_between(monday, monday + datetime.timedelta(days=6)) == 6  # to Sunday
    assert paid_days_between(monday, monday + datetime.timedelta(days=13)) == 12
    assert date_of_paid_day(monday, 1) == monday
    assert date_of_paid_day(monday, 6) == monday + datetime.timedelta(days=5)  # Saturday
    assert date_of_paid_day(monday, 7) == monday + datetime.timedelta(days=7)  # next Monday
    for n in (1, 5, 6, 7, 60, 90, 150):
        assert paid_days_between(monday, date_of_paid_day(monday, n)) == n


def test_sickness_allowance_gets_kelas_checkpoints(coordinator, client):
    start = datetime.date(2026, 1, 5)
    period = period_record(
        actor=coordinator, client=client, kind="sickness_allowance", starts_on=start
    )
    assert period.checkpoint_60_on == date_of_paid_day(start, 60)
    assert period.checkpoint_90_on == date_of_paid_day(start, 90)
    assert period.checkpoint_150_on == date_of_paid_day(start, 150)
    earlier = period_record(
        actor=coordinator,
        client=client,
        kind="sickness_allowance",
        starts_on=start,
        days_before=70,
        ends_on=start + datetime.timedelta(days=40),
    )
    assert earlier.checkpoint_60_on is None  # already passed before this period
    assert earlier.checkpoint_90_on == date_of_paid_day(start, 20)
    assert earlier.checkpoint_150_on is None  # after the period ends


def test_a_period_cannot_end_before_it_starts(coordinator, client):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        period_record(
            actor=coordinator, client=client, kind="work_trial", starts_on=days(5), ends_on=days(1)
        )


def _cracks(web, coordinator):
    web.force_login(coordinator)
    response = web.get(reverse("followup:cracks"))
    assert response.status_code == 200
    return response


def test_a_sickness_allowance_ending_in_three_weeks_needs_attention(
    web, coordinator, client, episode
):
    # The relationship is otherwise fine: a contact today, a responsible person.
    from rinnalla.episodes.services import event_create

    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now(),
        summary="Soitto",
    )
    response = _cracks(web, coordinator)
    assert client.last_name not in response.content.decode()
    period_record(
        actor=coordinator,
        client=client,
        kind="sickness_allowance",
        starts_on=days(-60),
        ends_on=days(21),
    )
    content = _cracks(web, coordinator).content.decode()
    assert client.last_name in content
    assert "Sickness allowance ends on" in content


def test_a_plan_action_after_the_end_takes_the_client_off_the_list(
    web, coordinator, client, episode, physician
):
    from rinnalla.episodes.services import event_create

    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now(),
        summary="Soitto",
    )
    period_record(
        actor=coordinator,
        client=client,
        kind="rehabilitation_subsidy",
        starts_on=days(-300),
        ends_on=days(14),
    )
    assert client.last_name in _cracks(web, coordinator).content.decode()
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now(),
        duration_minutes=60,
        place="",
        client_present=True,
        topics=["coping_at_work"],
        professionals=[physician],
        external_participants=[],
        send_invitations=False,
    )
    plan = plan_create(actor=coordinator, meeting=meeting, shared_view="")
    action_create(
        actor=coordinator,
        plan=plan,
        category="work_trial",
        description="Työkokeilu",
        due_on=days(30),
        responsible_professional=physician,
    )
    assert client.last_name not in _cracks(web, coordinator).content.decode()


def test_a_kela_checkpoint_within_the_weeks_needs_attention(web, coordinator, client, episode):
    from rinnalla.episodes.services import event_create

    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now(),
        summary="Soitto",
    )
    # 85 paid days by today: day 90 is within days.
    period_record(
        actor=coordinator,
        client=client,
        kind="sickness_allowance",
        starts_on=days(-7),
        days_before=80,
    )
    content = _cracks(web, coordinator).content.decode()
    assert client.last_name in content
    assert "Day 90" in content


def test_segments_keep_their_history_and_show_on_the_client_page(web, coordinator, client):
    segment_record(actor=coordinator, client=client, segment="network", reason="Kaksi palvelua")
    segment_record(
        actor=coordinator, client=client, segment="cooperation", reason="Monialainen tarve"
    )
    web.force_login(coordinator)
    content = web.get(reverse("situation:client", args=[client.pk])).content.decode()
    assert "Cooperation client" in content and "Network client" in content
    content = web.get(reverse("clients:detail", args=[client.pk])).content.decode()
    assert "Cooperation client" in content


def test_the_situation_page_records_a_segment_and_a_period(web, coordinator, client):
    web.force_login(coordinator)
    response = web.post(
        reverse("situation:segment", args=[client.pk]),
        {"segment": "network", "reason": "Pari ammattilaista", "recorded_on": today().isoformat()},
    )
    assert response.status_code == 302
    response = web.post(
        reverse("situation:period", args=[client.pk]),
        {
            "kind": "unemployment_benefit",
            "starts_on": days(-100).isoformat(),
            "ends_on": days(200).isoformat(),
        },
    )
    assert response.status_code == 302
    content = web.get(reverse("situation:client", args=[client.pk])).content.decode()
    assert "Unemployment benefit" in content


def test_a_bad_period_is_a_message_and_nothing_is_saved(web, coordinator, client):
    from rinnalla.situation.models import SituationPeriod

    web.force_login(coordinator)
    response = web.post(
        reverse("situation:period", args=[client.pk]),
        {"kind": "work_trial", "starts_on": days(5).isoformat(), "ends_on": days(1).isoformat()},
    )
    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()
    assert not SituationPeriod.objects.exists()


def test_the_api_records_and_lists_segments_and_periods(coordinator, client, physician):
    api = api_client(coordinator)
    url = f"/api/v1/clients/{client.pk}/segments"
    response = api.post(
        url, {"segment": "cooperation", "reason": "Monialainen"}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    assert api.get(url).json()[0]["segment"] == "cooperation"
    bad = api.post(url, {"segment": "vip", "reason": "x"}, content_type="application/json")
    assert bad.status_code == 422
    url = f"/api/v1/clients/{client.pk}/periods"
    response = api.post(
        url,
        {"kind": "sickness_allowance", "starts_on": "2026-01-05", "note": "Selkä"},
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    body = api.get(url).json()[0]
    assert [c["day"] for c in body["checkpoints"]] == [60, 90, 150]
    assert body["kind"] == PeriodKind.SICKNESS_ALLOWANCE
