"""The demo's year of finished paths: the reports show figures, nobody's work changes."""

import datetime

import pytest
from django.utils import timezone

from rinnalla.demo import cases, loader
from rinnalla.demo.history import history_cases, load_history
from rinnalla.episodes.models import Episode
from rinnalla.followup.selectors import cracks, my_work
from rinnalla.referrals.models import Referral
from rinnalla.reports import figures
from rinnalla.reports.rollup import rollups_refresh


def test_the_paths_fill_the_last_year_and_are_the_same_every_time():
    today = datetime.date(2026, 11, 30)
    paths = history_cases(today)
    assert history_cases(today) == paths
    assert len(paths) >= 40
    received = [datetime.date.fromisoformat(case.referral.received_on) for case, _d in paths]
    assert today - datetime.timedelta(days=366) <= min(received)
    assert max(received) <= today - datetime.timedelta(days=45)
    # Every month of the year has referrals; a few are redirected or declined.
    assert len({(d.year, d.month) for d in received}) >= 11
    assert {decision for _case, decision in paths} == {"accept", "redirect", "decline"}


def _work(user) -> dict:
    work = my_work(user)
    return {name: v if isinstance(v, int) else len(v) for name, v in vars(work).items()}


@pytest.mark.django_db
def test_the_paths_count_in_the_reports_and_give_the_demo_login_no_work():
    orgs = loader._organisations()
    people = loader._people(orgs)
    tkk = people["tkk"]
    made = load_history(
        service=orgs[cases.COORDINATION_SERVICE], orgs=orgs, people=people, months=4
    )

    assert made == Referral.objects.count() > 5
    # Every path is finished and the second coordinator's: tkk's day stays empty.
    assert not Episode.objects.exclude(status="closed").exists()
    assert _work(tkk) == {name: 0 for name in _work(tkk)}
    assert not cracks(tkk).exists()
    rollups_refresh(full=True)
    year = figures.Filters(
        start=timezone.localdate() - datetime.timedelta(days=365),
        end=timezone.localdate(),
        service_ids=None,
    )
    sources = figures.build("referrals", year).tables[0]
    assert sources.rows[-1].cells[-1].value == made
