"""The organisation filter narrows every report (the feedback surveys say why they cannot).

The rollups carry an organisation on every metric: the referring organisation for
referrals and client relationships, the organisation taking part for events, network
meetings and statements.
"""

import datetime

import pytest
from django.utils import timezone

from rinnalla.reports import figures
from rinnalla.reports.models import DailyCount, MonthlyCount, RollupState
from rinnalla.reports.rollup import rollups_refresh

pytestmark = pytest.mark.django_db

#: The rollup rows each report reads: (metric, key).
METRICS = {
    "referrals": [("referral_source", "physician"), ("referral_channel", "phone")],
    "first-contact": [("first_contact_days", "3")],
    "contacts": [("event", "contact")],
    "meetings": [("network_meeting_org", "client_present")],
    "outcomes": [("closing_outcome", "work")],
    "measurements-change": [("measure_change", "work-ability-self-rating:2")],
    "statements": [("statement", "requested")],
    "caseload": [("caseload", "active")],
}


@pytest.fixture
def two_organisations(service, coordinator, health_centre, kela):
    """7 of everything for the health centre, 9 for Kela, this month."""
    RollupState.objects.create(pk=1, refreshed_at=timezone.now())
    month = timezone.localdate().replace(day=1)
    for organisation, n in ((health_centre, 7), (kela, 9)):
        for rows in METRICS.values():
            for metric, key in rows:
                model, when = (
                    (DailyCount, {"day": timezone.localdate()})
                    if metric == "caseload"
                    else (MonthlyCount, {"month": month})
                )
                model.objects.create(
                    service_id=service.pk,
                    organisation_id=organisation.pk,
                    coordinator_id=coordinator.pk,
                    metric=metric,
                    key=key,
                    count=n,
                    total=n,
                    **when,
                )
    # Without the filter the meetings report counts each meeting once.
    MonthlyCount.objects.create(
        month=month,
        service_id=service.pk,
        metric="network_meeting",
        key="client_present",
        count=12,
    )
    return health_centre, kela


def _grand_total(report) -> int | float | None:
    table = report.tables[0]
    total = next(r for r in table.rows if r.is_total)
    return total.cells[len(table.columns) if len(table.columns) > 1 else 0].value


def _filters(organisation=None) -> figures.Filters:
    today = timezone.localdate()
    return figures.Filters(
        start=today - datetime.timedelta(days=40),
        end=today,
        organisation_id=organisation.pk if organisation else None,
    )


@pytest.mark.parametrize("name", sorted(METRICS))
def test_every_report_counts_only_the_chosen_organisation(two_organisations, name):
    health_centre, kela = two_organisations
    assert _grand_total(figures.BUILDERS[name](_filters(health_centre))) == 7
    assert _grand_total(figures.BUILDERS[name](_filters(kela))) == 9
    everyone = _grand_total(figures.BUILDERS[name](_filters()))
    assert everyone == (12 if name == "meetings" else 16)


def test_the_survey_report_says_the_organisation_does_not_narrow_it(kela):
    from django.utils import translation

    with translation.override("en"):
        narrowed = figures.surveys_report(_filters(kela)).notes
        everything = figures.surveys_report(_filters()).notes
    assert any("anonymous" in note for note in narrowed)
    assert not any("anonymous" in note for note in everything)


def test_the_api_passes_the_organisation_to_every_report(manager, two_organisations):
    from rinnalla.access.testing import api_client

    health_centre, _kela = two_organisations
    api = api_client(manager)
    body = api.get(f"/api/v1/reports/outcomes?organisation_id={health_centre.pk}").json()
    totals = [r for r in body["rows"] if r["table"] == "outcomes" and r["total"]]
    assert totals[0]["values"]["work"] == 7


def test_the_rollups_give_every_metric_its_organisation(
    coordinator, episode, physician, health_centre
):
    """A relationship referred by the health centre, a network meeting its physician took
    part in, a first contact and a closing: each figure carries an organisation."""
    from rinnalla.episodes.services import episode_close, event_create
    from rinnalla.plans.services import meeting_create, meeting_record_minutes

    event_create(
        actor=coordinator,
        episode=episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now() - datetime.timedelta(hours=2),
        duration_minutes=15,
        summary="Soitto",
    )
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(hours=1),
        place="Huone 2",
        professionals=[physician],
        send_invitations=False,
    )
    meeting_record_minutes(actor=coordinator, meeting=meeting, minutes="Sovittiin.")
    rollups_refresh(full=True)
    referring = health_centre.pk
    assert set(
        DailyCount.objects.filter(metric="triage").values_list("organisation_id", flat=True)
    ) == {referring}
    first = DailyCount.objects.get(metric="first_contact_days")
    assert first.organisation_id == referring
    assert DailyCount.objects.get(metric="caseload").organisation_id == referring
    held = DailyCount.objects.get(metric="network_meeting_org")
    assert (held.organisation_id, held.count) == (physician.organisation_id, 1)
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töissä")
    rollups_refresh(full=True)
    assert DailyCount.objects.get(metric="closing_outcome").organisation_id == referring
    assert set(
        DailyCount.objects.filter(metric="closed_path").values_list("organisation_id", flat=True)
    ) == {referring}
