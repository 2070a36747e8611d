"""One date format everywhere: 30.11.2026 in Finnish, Swedish and English."""

import datetime
from pathlib import Path

import pytest
from django.template import Context, Template
from django.utils import timezone, translation

ROOT = Path(__file__).resolve().parents[3]


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_short_dates_read_the_same_in_every_language(language):
    day = datetime.date(2026, 11, 30)
    moment = timezone.make_aware(datetime.datetime(2026, 11, 30, 14, 5))
    template = Template(
        '{{ day|date:"SHORT_DATE_FORMAT" }}|{{ moment|date:"SHORT_DATETIME_FORMAT" }}|'
        "{{ day|date }}"
    )
    with translation.override(language):
        text = template.render(Context({"day": day, "moment": moment}))
    assert text == "30.11.2026|30.11.2026 14:05|30.11.2026"


def test_no_template_prints_an_iso_date_to_the_reader():
    """ISO dates belong in machine-readable attributes (datetime=, value=) only."""
    offenders = []
    for path in [*ROOT.glob("rinnalla/**/templates/**/*.html"), *ROOT.glob("templates/**/*.html")]:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for fmt in ('date:"Y-m-d"', "date:'Y-m-d'"):
                start = line.find(fmt)
                while start != -1:
                    before = line[:start]
                    attribute = before.rfind('="') > before.rfind(">")
                    if not attribute:
                        offenders.append(f"{path.relative_to(ROOT)}:{number}")
                    start = line.find(fmt, start + 1)
    assert not offenders, offenders
