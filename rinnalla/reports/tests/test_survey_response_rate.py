"""The survey report's response rate: links sent against answers through them, per survey
and month, with the same small-cell suppression in HTML, CSV, XLSX and the API."""

import csv
import datetime
import io

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.testing import api_client
from rinnalla.reports.models import RollupState
from rinnalla.reports.testing import month_ago as _month
from rinnalla.surveys.services import (
    current_survey,
    link_create,
    response_enter_paper,
    response_submit,
)

pytestmark = pytest.mark.django_db


def _links(*, service, coordinator, period, sent: int, answered: int) -> None:
    survey = current_survey("liite-10")
    tokens = [
        link_create(
            survey=survey, service=service, language="fi", period=period, created_by=coordinator
        )[1]
        for _i in range(sent)
    ]
    for token in tokens[:answered]:
        response_submit(token=token, answers={})


@pytest.fixture
def survey_links(service, coordinator):
    """This month 30 links, 20 answered (and 2 paper forms); last month 12 links, 7
    answered; the month before 3 links, 1 answered (a small cell)."""
    RollupState.objects.create(pk=1, refreshed_at=timezone.now())
    _links(service=service, coordinator=coordinator, period=_month(0), sent=30, answered=20)
    _links(service=service, coordinator=coordinator, period=_month(1), sent=12, answered=7)
    _links(service=service, coordinator=coordinator, period=_month(2), sent=3, answered=1)
    for _i in range(2):
        response_enter_paper(
            actor=coordinator, survey=current_survey("liite-10"), period=_month(0), answers={}
        )


def _query() -> str:
    return f"?start={_month(2).isoformat()}&end={timezone.localdate().isoformat()}"


def _rate_rows(body):
    return {r["key"]: r for r in body["rows"] if r["table"] == "response_rate"}


def test_the_api_gives_the_response_rate_per_survey_and_month(manager, survey_links):
    body = api_client(manager).get("/api/v1/reports/surveys" + _query()).json()
    rows = _rate_rows(body)
    now = rows[f"liite-10:{_month(0):%Y-%m}"]
    # Paper forms had no link: 20 of 30 links answered, not 22.
    assert now["values"]["answered"] == 20
    assert now["values"]["not_answered"] == 10
    assert now["values"]["total"] == 30
    assert now["values"]["response_rate_percent"] == 66.7
    earlier = rows[f"liite-10:{_month(2):%Y-%m}"]
    assert earlier["suppressed"] is True
    assert earlier["values"]["answered"] is None
    assert earlier["values"]["total"] is None
    assert earlier["values"]["response_rate_percent"] is None


def test_the_page_csv_and_xlsx_show_the_rate_and_hide_the_small_month(web, manager, survey_links):
    from openpyxl import load_workbook

    web.force_login(manager)
    url = reverse("reports:report", args=["surveys"]) + _query()
    page = web.get(url).content.decode()
    assert "Response rate" in page
    assert "66,7" in page
    text = web.get(url + "&format=csv").content.decode("utf-8-sig")
    lines = list(csv.reader(io.StringIO(text), delimiter=";"))
    start = lines.index(["Response rate"])
    header, *rows = lines[start + 1 : start + 6]
    assert header == [
        "Survey and month",
        "Answered",
        "Not answered",
        "Links sent",
        "Response rate, %",
    ]
    by_label = {row[0].split(", ")[-1]: row for row in rows}
    assert by_label[_month(0).strftime("%-m/%Y")][1:] == ["20", "10", "30", "66,7"]
    earlier = by_label[_month(2).strftime("%-m/%Y")]
    assert "1" not in earlier[1:] and "3" not in earlier[1:]
    assert earlier[1] == "< 5"
    book = load_workbook(io.BytesIO(web.get(url + "&format=xlsx").content))
    cells = [str(v) for row in book.active.iter_rows(values_only=True) for v in row if v]
    assert "Response rate" in cells
    assert "Links sent" in cells


def test_links_sent_are_counted_even_after_the_links_are_gone(manager, survey_links):
    from rinnalla.surveys.models import SurveyLink
    from rinnalla.surveys.services import links_delete_expired

    SurveyLink.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    links_delete_expired()
    body = api_client(manager).get("/api/v1/reports/surveys" + _query()).json()
    assert _rate_rows(body)[f"liite-10:{_month(0):%Y-%m}"]["values"]["total"] == 30
