"""Lists and the episode answer with a constant number of queries (no N+1)."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from conftest import make_user
from rinnalla.accounts.models import User
from rinnalla.clients.services import client_create
from rinnalla.core import hetu
from rinnalla.episodes.services import event_create, responsible_person_add
from rinnalla.referrals.services import referral_create


def _queries(api, path, **query):
    api.get(path, **query)  # a token's first call of the minute also writes its last use
    with CaptureQueriesContext(connection) as captured:
        response = api.get(path, **query)
    assert response.status_code == 200
    return len(captured)


def _more_clients(coordinator, service, n, start=0):
    clients = []
    for i in range(start, start + n):
        clients.append(
            client_create(
                actor=coordinator,
                service=service,
                first_name=f"A{i}",
                last_name="Testi",
                personal_identity_code=hetu.build(
                    datetime.date(1970, 1, 1) + datetime.timedelta(days=i), 200 + i
                ),
            )
        )
    return clients


def test_the_client_list_costs_the_same_for_1_and_20_clients(coordinator_api, coordinator, service):
    _more_clients(coordinator, service, 1)
    one = _queries(coordinator_api, "/clients")
    _more_clients(coordinator, service, 19, start=1)
    twenty = _queries(coordinator_api, "/clients")
    assert one == twenty


def test_the_referral_list_costs_the_same_for_1_and_20_referrals(
    coordinator_api, coordinator, service
):
    def refer(clients):
        for c in clients:
            referral_create(
                actor=coordinator,
                client=c,
                service=service,
                source_kind="self",
                channel="phone",
                reason="x",
                received_on=timezone.localdate(),
            )

    refer(_more_clients(coordinator, service, 1))
    one = _queries(coordinator_api, "/referrals")
    refer(_more_clients(coordinator, service, 19, start=1))
    twenty = _queries(coordinator_api, "/referrals")
    assert one == twenty


def test_the_path_costs_the_same_for_1_and_20_events(coordinator_api, coordinator, episode):
    def record(n):
        for i in range(n):
            event_create(
                actor=coordinator,
                episode=episode,
                kind="note",
                occurred_at=timezone.now() - datetime.timedelta(hours=i + 1),
                summary=f"{i}",
            )

    record(1)
    one = _queries(coordinator_api, f"/episodes/{episode.pk}/events")
    record(19)
    twenty = _queries(coordinator_api, f"/episodes/{episode.pk}/events")
    assert one == twenty


def test_the_episode_costs_the_same_for_1_and_5_responsible_persons(
    coordinator_api, coordinator, episode, service
):
    one = _queries(coordinator_api, f"/episodes/{episode.pk}")
    for i in range(4):
        colleague = make_user(f"kollega{i}", User.Role.COORDINATOR, service)
        responsible_person_add(
            actor=coordinator, episode=episode, professional=colleague, area=f"Alue {i}"
        )
    five = _queries(coordinator_api, f"/episodes/{episode.pk}")
    assert one == five
    body = coordinator_api.get(f"/episodes/{episode.pk}").json()
    assert len(body["responsible_persons"]) == 5
    assert body["responsible_persons"][0]["is_primary"] is True
