"""The reports: suppression in every format, the rollups, who sees what."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.testing import api_client
from rinnalla.reports.models import DailyCount, MonthlyCount, RollupState
from rinnalla.reports.rollup import rollups_refresh
from rinnalla.reports.testing import month_ago as _month

pytestmark = pytest.mark.django_db


@pytest.fixture
def referral_counts(service):
    """Two months of referrals: physicians referred 3 people in the first (small)."""
    RollupState.objects.create(pk=1, refreshed_at=timezone.now())
    rows = [
        (_month(1), "physician", 3),
        (_month(1), "te_services", 9),
        (_month(1), "self", 12),
        (_month(0), "physician", 8),
        (_month(0), "te_services", 7),
        (_month(0), "self", 6),
    ]
    for day, key, n in rows:
        for metric, k in (("referral_source", key), ("referral_channel", "phone")):
            MonthlyCount.objects.create(
                month=day, service_id=service.pk, metric=metric, key=k, count=n
            )
    return rows


def _query() -> str:
    return f"?start={_month(1).isoformat()}&end={timezone.localdate().isoformat()}"


def test_a_small_cell_and_a_complementary_one_are_hidden_on_the_page(web, manager, referral_counts):
    web.force_login(manager)
    page = web.get(reverse("reports:report", args=["referrals"]) + _query()).content.decode()
    sources = page.split("Referrals received by channel")[0]
    assert sources.count("&lt; 5") >= 4  # 3 itself, and the cells closing a cycle with it
    assert ">3<" not in sources
    # The grand total stays: 45 referrals.
    assert ">45<" in sources


def test_csv_xlsx_and_api_hide_the_same_cells(web, manager, referral_counts):
    from openpyxl import load_workbook

    web.force_login(manager)
    url = reverse("reports:report", args=["referrals"]) + _query()
    text = web.get(url + "&format=csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    sources = lines[lines.index(["Referrals received by source"]) + 1 :][:4]
    header, first, second, total = sources
    assert header[:4] == ["Month", "Physician", "TE services", "Self-referral"]
    assert first[1] == "< 5" and "3" not in first
    csv_hidden = {
        (r, c) for r, line in enumerate(sources) for c, v in enumerate(line) if v == "< 5"
    }
    book = load_workbook(io.BytesIO(web.get(url + "&format=xlsx").content))
    sheet_lines = [
        [("" if v is None else str(v)) for v in row]
        for row in book.active.iter_rows(values_only=True)
    ]
    start = (
        sheet_lines.index(["Referrals received by source"] + [""] * (len(sheet_lines[0]) - 1))
        if False
        else next(
            i
            for i, line in enumerate(sheet_lines)
            if line and line[0] == "Referrals received by source"
        )
    )
    xlsx = [line[: len(header)] for line in sheet_lines[start + 1 : start + 5]]
    assert {
        (r, c) for r, line in enumerate(xlsx) for c, v in enumerate(line) if v == "< 5"
    } == csv_hidden
    body = (
        api_client(manager).get(f"/api/v1/reports/referrals?start={_month(1).isoformat()}").json()
    )
    assert body["suppressed"] is True
    rows = [r for r in body["rows"] if r["table"] == "sources"]
    assert rows[0]["values"]["physician"] is None and rows[0]["suppressed"] is True
    hidden_api = {
        (r + 1, c + 1)
        for r, row in enumerate(rows)
        for c, key in enumerate(["physician", "te_services", "self", "total"])
        if row["values"][key] is None
    }
    assert hidden_api == csv_hidden


def test_a_report_request_is_logged_as_an_aggregate_view(web, manager, referral_counts):
    web.force_login(manager)
    web.get(reverse("reports:report", args=["referrals"]))
    entry = AccessLogEntry.objects.latest("at")
    assert entry.client_id is None
    assert entry.part == "report:referrals" and entry.outcome == "allowed"


def test_the_managers_home_is_the_report_overview(web, manager, referral_counts):
    web.force_login(manager)
    response = web.get("/", follow=True)
    assert response.redirect_chain[-1][0] == reverse("reports:overview")
    assert b"Key figures" in response.content


def test_a_network_professional_sees_no_reports(web, physician):
    web.force_login(physician)
    assert web.get(reverse("reports:overview")).status_code == 403
    assert AccessLogEntry.objects.latest("at").outcome == "refused"


def test_a_coordinator_sees_only_their_own_service(coordinator, other_service, referral_counts):
    MonthlyCount.objects.create(
        month=_month(0), service_id=other_service.pk, metric="referral_source", key="kela", count=50
    )
    api = api_client(coordinator)
    body = api.get("/api/v1/reports/referrals").json()
    assert "kela" not in {k for r in body["rows"] for k in r["values"]}
    assert api.get(f"/api/v1/reports/referrals?service_id={other_service.pk}").status_code == 404


def test_the_rollups_count_the_path_and_pick_up_changes(coordinator, episode):
    from rinnalla.episodes.services import episode_close, event_create

    rollups_refresh(full=True)
    assert DailyCount.objects.filter(metric="referral_source", key="physician").get().count == 1
    event_create(
        actor=coordinator,
        episode=episode,
        kind="meeting",
        mode="in_person",
        occurred_at=timezone.now() - datetime.timedelta(hours=1),
        duration_minutes=20,
        summary="Soitto",
    )
    outcome = rollups_refresh()
    assert outcome["full"] is False and outcome["days"] >= 1
    contact = DailyCount.objects.get(metric="event", key="meeting")
    assert (contact.count, contact.total) == (1, 20)
    assert DailyCount.objects.filter(metric="first_contact_days").get().key == "3"
    assert MonthlyCount.objects.get(metric="event", key="meeting").total == 20
    assert DailyCount.objects.get(metric="caseload").key == "active"
    episode_close(actor=coordinator, episode=episode, outcome="work", summary="Töissä")
    rollups_refresh()
    assert DailyCount.objects.get(metric="closing_outcome").key == "work"
    assert not DailyCount.objects.filter(metric="caseload").exists()
    assert DailyCount.objects.get(metric="closed_path", key="meeting").total == 1


@pytest.mark.parametrize(
    "name",
    [
        "referrals",
        "first-contact",
        "caseload",
        "contacts",
        "meetings",
        "outcomes",
        "measurements-change",
        "surveys",
        "statements",
    ],
)
def test_every_report_renders_in_every_format(web, administrator, coordinator, episode, name):
    rollups_refresh(full=True)
    web.force_login(administrator)
    url = reverse("reports:report", args=[name])
    assert web.get(url).status_code == 200
    assert web.get(url + "?format=csv").status_code == 200
    assert web.get(url + "?format=xlsx").status_code == 200
    assert api_client(administrator).get(f"/api/v1/reports/{name}").status_code == 200


def test_the_summary_is_a_pdf(web, manager, referral_counts):
    from rinnalla.core.pdf import pdf_text

    web.force_login(manager)
    response = web.get(reverse("reports:summary_pdf") + _query())
    assert response["Content-Type"] == "application/pdf"
    assert "45" in pdf_text(response.content)


def test_a_report_page_takes_a_fixed_number_of_queries(
    web, manager, referral_counts, django_assert_max_num_queries
):
    web.force_login(manager)
    url = reverse("reports:report", args=["referrals"]) + _query()
    with django_assert_max_num_queries(16):
        assert web.get(url).status_code == 200
    with django_assert_max_num_queries(37):  # five reports built (cold cache), response rate
        assert web.get(reverse("reports:overview")).status_code == 200


def test_the_overview_counts_the_feedback_responses(web, manager, service):
    """Six answers to the client's meeting survey: the overview's card says 6."""
    from rinnalla.surveys.services import (
        current_survey,
        ensure_seed_forms,
        link_create,
        response_submit,
    )

    ensure_seed_forms()
    survey = current_survey("liite-10")
    for _i in range(6):
        _link, raw = link_create(
            survey=survey, service=service, language="fi", period=timezone.localdate()
        )
        response_submit(token=raw, answers={})
    web.force_login(manager)
    page = web.get(reverse("reports:overview")).content.decode()
    card = page.split("Feedback responses")[1][:300]
    assert ">6<" in card.replace(" ", "").replace("\n", "")
