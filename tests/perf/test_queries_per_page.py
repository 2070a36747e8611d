"""SQL queries per request of the busiest pages: few, and the same however much data.

Each test measures a page, grows the data several times over (clients, referrals,
path events, meetings, actions, measurements), measures again and asserts the same
count and the budget. The budget is 8 where the page reaches it; the client page and
My work read more separate tables than that (see docs/architecture.md, "Queries per
page") and are held to their present counts so that any new query is a decision.
"""

import datetime

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from rinnalla.accounts.models import ApiToken
from rinnalla.catalogue.models import Service, SuggestionDismissal
from rinnalla.catalogue.services import catalogue_load
from rinnalla.consent.services import consent_record
from rinnalla.episodes.services import event_create
from rinnalla.measurements.services import measurement_record
from rinnalla.plans.services import action_create, meeting_create, plan_create
from rinnalla.referrals.services import referral_triage
from rinnalla.situation.services import period_record, segment_record

pytestmark = pytest.mark.django_db

BUDGET = 8
# Read by the client page: the client, its relationships, events, attachments, persons,
# handovers, closings, referrals, meetings, action counts, work ability, measurements,
# the service-needs assessment (16), and the situation card with the top service
# suggestions (13): the client's record for the suggestion rules (service-needs
# assessment, measurements, work ability assessment, statements, periods, segment,
# consent, open relationships, open plan actions: 9), the dismissed suggestions (1) and
# the catalogue with its criteria and overlap rules (3). Before the suggestions came to
# the client page the card read the segment and the periods itself: 18 in all.
CLIENT_PAGE_NOW = 29
# My work: eight lists from six tables (actions, meetings, waiting first contacts, the
# network's actions, self-fill results, next steps, clients' task reports).
MY_WORK_NOW = 11

AUDIT_LOW = {f"Q{n}": 0 for n in range(1, 11)}


def _count(http, url) -> int:
    http.get(url)  # warm: the first request of a session may set things up
    with CaptureQueriesContext(connection) as queries:
        response = http.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


@pytest.fixture
def grow(coordinator, physician, health_centre, make_referral):
    """``grow(n)``: n more clients in the network's work, each with a path."""

    def add(n: int, *, waiting: int = 1) -> list:
        episodes = []
        for _ in range(waiting):
            make_referral(days_ago=2, last_name="Jonossa")
        for number in range(n):
            referral = make_referral(days_ago=20 + number)
            episode = referral_triage(
                actor=coordinator, referral=referral, decision="accept"
            ).episode
            client = episode.client
            consent_record(
                actor=coordinator,
                client=client,
                organisations=[health_centre],
                purpose="cooperation",
                method="signed_paper",
                given_on=timezone.localdate() - datetime.timedelta(days=10),
            )
            meeting = meeting_create(
                actor=coordinator,
                episode=episode,
                starts_at=timezone.now() - datetime.timedelta(days=3),
                duration_minutes=60,
                place="Neuvotteluhuone",
                client_present=True,
                topics=["coping_at_work"],
                professionals=[physician],
                external_participants=[],
                send_invitations=False,
            )
            meeting_create(
                actor=coordinator,
                episode=episode,
                starts_at=timezone.now() + datetime.timedelta(days=5 + number),
                duration_minutes=60,
                place="Neuvotteluhuone",
                client_present=True,
                topics=["coping_at_work"],
                professionals=[physician],
                external_participants=[],
                send_invitations=False,
            )
            plan = plan_create(
                actor=coordinator,
                meeting=meeting,
                client_wishes="Kevyempää työtä.",
                planned="Työkokeilu.",
                next_meeting_on=timezone.localdate() + datetime.timedelta(days=30),
            )
            for days in (-3, 5, 40):
                action_create(
                    actor=coordinator,
                    plan=plan,
                    category="further_assessment",
                    description="B-lausunto",
                    due_on=timezone.localdate() + datetime.timedelta(days=days),
                    responsible_professional=physician,
                )
            for hours in range(4):
                event_create(
                    actor=coordinator,
                    episode=episode,
                    kind="note",
                    occurred_at=timezone.now() - datetime.timedelta(hours=30 - hours),
                    summary="Muistiinpano",
                    next_step="Soita",
                    next_step_due_on=timezone.localdate() + datetime.timedelta(days=2),
                )
            measurement_record(
                actor=coordinator,
                client=client,
                instrument_code="audit",
                answers=AUDIT_LOW,
                measured_on=timezone.localdate() - datetime.timedelta(days=1),
            )
            segment_record(
                actor=coordinator, client=client, segment="cooperation", reason="Monialainen"
            )
            episodes.append(episode)
        return episodes

    return add


def _web(user) -> HttpClient:
    web = HttpClient(HTTP_ACCEPT_LANGUAGE="fi")
    web.force_login(user)
    return web


def _api(user) -> HttpClient:
    _token, raw = ApiToken.issue(user)
    return HttpClient(headers={"Authorization": f"Bearer {raw}"})


def _grows_not(http, url, grow, *, budget: int) -> int:
    few = _count(http, url)
    grow(4, waiting=5)
    many = _count(http, url)
    assert many == few, f"{url}: {few} queries with little data, {many} with more"
    assert many <= budget, f"{url}: {many} queries, budget {budget}"
    return many


def test_the_client_list_and_its_name_search(coordinator, grow):
    grow(1)
    web = _web(coordinator)
    _grows_not(web, "/clients/", grow, budget=BUDGET)
    _grows_not(web, "/clients/?q=asiakas", grow, budget=BUDGET)
    _grows_not(web, "/clients/?segment=cooperation", grow, budget=BUDGET)
    _grows_not(web, "/clients/?q=asiakas&segment=cooperation", grow, budget=BUDGET)


def test_the_referral_queue(coordinator, grow):
    grow(1)
    _grows_not(_web(coordinator), "/referrals/", grow, budget=BUDGET)


def test_the_api_client_detail_and_search(coordinator, grow):
    first = grow(1)[0]
    api = _api(coordinator)
    _grows_not(api, f"/api/v1/clients/{first.client_id}", grow, budget=BUDGET)
    _grows_not(api, "/api/v1/clients?q=asiakas", grow, budget=BUDGET)
    _grows_not(api, "/api/v1/clients?segment=cooperation", grow, budget=BUDGET)


def test_the_client_page_does_not_grow_with_the_path(coordinator, grow):
    catalogue_load()  # the suggestions on the page read the whole catalogue
    first = grow(1)[0]
    client = first.client
    segment_record(actor=coordinator, client=client, segment="cooperation", reason="Monialainen")
    web = _web(coordinator)
    url = f"/clients/{first.client_id}/"
    few = _count(web, url)
    assert "Client segment: Cooperation client." in _suggestions_in_english(coordinator, url)
    for kind in ("unemployment_benefit", "sickness_allowance", "work_trial"):
        period_record(
            actor=coordinator,
            client=client,
            kind=kind,
            starts_on=timezone.localdate() - datetime.timedelta(days=20),
        )
    segment_record(actor=coordinator, client=client, segment="network", reason="Kaksi palvelua")
    SuggestionDismissal.objects.create(
        client=client,
        service=Service.objects.get(code="clubhouse"),
        reason="Ei ryhmiä",
        dismissed_by=coordinator,
    )
    for hours in range(40):
        event_create(
            actor=coordinator,
            episode=first,
            kind="meeting",
            mode="video",
            duration_minutes=30,
            occurred_at=timezone.now() - datetime.timedelta(hours=60 - hours),
            summary="Tapaaminen",
        )
    grow(3)
    many = _count(web, url)
    assert many == few
    assert many <= CLIENT_PAGE_NOW


def _suggestions_in_english(user, url) -> str:
    web = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
    web.force_login(user)
    return web.get(url).content.decode()


@pytest.mark.parametrize("who", ["coordinator", "physician"])
def test_my_work(who, request, grow):
    grow(1)
    user = request.getfixturevalue(who)
    _grows_not(_web(user), "/work/", grow, budget=MY_WORK_NOW)
