import datetime
import re
from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.episodes.services import event_create
from rinnalla.referrals.services import referral_triage

URL = reverse("referrals:queue")


def rows(response):
    """The client names of the queue table, in the order shown."""
    html = response.content.decode()
    table = html.split("<caption>", 1)[1].split("</table>", 1)[0]
    return re.findall(r"Asiakas (\w+)</a>", table)


def test_anonymous_is_sent_to_login(web, db):
    response = web.get(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("persona", ["physician", "manager", "administrator"])
def test_only_coordinators_see_the_queue(web, persona, request):
    web.force_login(request.getfixturevalue(persona))
    assert web.get(URL).status_code == 403


def test_it_lists_untriaged_referrals_oldest_first_with_waiting_days(
    web, coordinator, make_referral
):
    make_referral(days_ago=3, last_name="Kolme")
    make_referral(days_ago=20, last_name="Kaksikymmenta")
    make_referral(days_ago=10, last_name="Kymmenen")
    web.force_login(coordinator)
    response = web.get(URL)
    assert response.status_code == 200
    assert rows(response) == ["Kaksikymmenta", "Kymmenen", "Kolme"]
    html = response.content.decode()
    assert "20 days" in html and "10 days" in html and "3 days" in html
    assert re.search(r"\d{6}[-+A-FU-Y]\*{4}", html)


def test_it_shows_days_left_and_days_overdue_until_first_contact(web, coordinator, make_referral):
    frozen = timezone.make_aware(datetime.datetime(2025, 3, 20, 12, 0))
    with mock.patch("django.utils.timezone.now", return_value=frozen):
        make_referral(days_ago=3, last_name="Tuore")  # received 17.3., target 31.3.
        make_referral(days_ago=20, last_name="Vanha")  # received 28.2., target 14.3.
        web.force_login(coordinator)
        html = web.get(URL).content.decode()
    assert "11 days left" in html
    assert "6 days overdue" in html
    assert "target 31.3.2025" in html


def test_urgent_referrals_are_flagged_with_text(web, coordinator, make_referral):
    make_referral(urgency="urgent")
    web.force_login(coordinator)
    html = web.get(URL).content.decode()
    assert 'hds-status-label--error">Urgent</span>' in html


def test_it_shows_only_the_own_services_untriaged_referrals(
    web, coordinator, other_service, other_coordinator, make_referral
):
    make_referral(last_name="Oma")
    make_referral(last_name="Toisen", actor=other_coordinator, to=other_service)
    handled = make_referral(last_name="Kasitelty")
    referral_triage(actor=coordinator, referral=handled, decision="decline", reason="Ei tarvetta")
    web.force_login(coordinator)
    assert rows(web.get(URL)) == ["Oma"]


def test_it_paginates_25_a_page(web, coordinator, make_referral):
    for days in range(30):
        make_referral(days_ago=days)
    web.force_login(coordinator)
    assert len(rows(web.get(URL))) == 25
    assert len(rows(web.get(URL, {"page": 2}))) == 5
    assert web.get(URL, {"page": "garbage"}).status_code == 200


def test_it_lists_every_accepted_relationship_waiting_for_first_contact(
    web, coordinator, make_referral
):
    late = make_referral(days_ago=20, last_name="Myohassa")
    fresh = make_referral(days_ago=2, last_name="Tuore")
    contacted = make_referral(days_ago=30, last_name="Tavoitettu")
    for referral in (late, fresh, contacted):
        referral_triage(actor=coordinator, referral=referral, decision="accept")
    contacted.refresh_from_db()
    event_create(
        actor=coordinator,
        episode=contacted.episode,
        kind="contact",
        mode="phone",
        occurred_at=timezone.now(),
        summary="Soitto",
    )
    web.force_login(coordinator)
    html = web.get(URL).content.decode()
    waiting = html.split("Accepted, waiting for the first contact", 1)[1]
    assert "2 accepted client relationships have no first contact recorded yet." in waiting
    assert "One of them is overdue." in waiting
    assert "Myohassa" in waiting and "6 days overdue" in waiting
    # Not only the overdue: the one just accepted is listed with its target date.
    table = waiting.split("<table", 1)[1]
    assert "Tuore" in table and "12 days left" in table
    assert table.index("Myohassa") < table.index("Tuore")
    assert "Tavoitettu" not in waiting


def test_it_logs_one_list_access(web, coordinator, make_referral):
    make_referral()
    web.force_login(coordinator)
    before = AccessLogEntry.objects.count()
    web.get(URL)
    entries = AccessLogEntry.objects.all()[before:]
    assert AccessLogEntry.objects.count() == before + 1
    assert [e.part for e in entries] == ["referral_queue"]


def test_its_query_count_does_not_grow_with_rows(web, coordinator, make_referral):
    def count_queries():
        with CaptureQueriesContext(connection) as ctx:
            assert web.get(URL).status_code == 200
        return len(ctx.captured_queries)

    web.force_login(coordinator)
    first = make_referral(days_ago=30)
    referral_triage(actor=coordinator, referral=first, decision="accept")
    make_referral()
    one = count_queries()
    for days in range(20):
        make_referral(days_ago=days)
        accepted = make_referral(days_ago=30 + days)
        referral_triage(actor=coordinator, referral=accepted, decision="accept")
    many = count_queries()
    assert one == many
    assert many <= 14  # 12 + the "my service this month" panel (rollups, survey answers)
