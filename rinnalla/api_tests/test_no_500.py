"""Malformed input never gives a 500 and never half-saves.

Random JSON (any shape), raw bytes and, per field, values that are wrong on purpose
(wrong types, unknown enum values, too long, NUL characters, lone surrogates, invalid
or absurd dates, ids that do not exist or do not fit the database) are posted to every
POST and PATCH endpoint. Anything answered 4xx must leave the database as it was.
"""

import datetime
import json

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rinnalla.clients.models import Client
from rinnalla.episodes.models import Closing, Episode, Handover, PathEvent, ResponsiblePerson
from rinnalla.referrals.models import Referral
from rinnalla.referrals.services import referral_create

FUZZ = settings(
    max_examples=50,
    deadline=None,
    database=None,  # no example files in the working tree
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)

# --- what "nothing changed" means -------------------------------------------------------


def _db_state():
    return (
        list(
            Client.objects.order_by("id").values_list(
                "id",
                "first_name",
                "last_name",
                "personal_identity_code",
                "municipality",
                "language",
                "phone",
                "email",
                "preferred_contact_method",
            )
        ),
        list(Referral.objects.order_by("id").values_list("id", "status", "episode_id")),
        list(Episode.objects.order_by("id").values_list("id", "status")),
        PathEvent.objects.count(),
        Closing.objects.count(),
        ResponsiblePerson.objects.count(),
        Handover.objects.count(),
    )


# --- bad values per kind of field -------------------------------------------------------

WRONG_TYPES = [123, 1.5, True, [], {}, ["a"], {"a": 1}]
NASTY_TEXT = ["a\x00b", "\ud800", "\udfff tail", "\U0010ffff", "x\uffff"]


def bad_text(max_length, *, required=False):
    values = [*WRONG_TYPES, *NASTY_TEXT, "x" * (max_length + 1)]
    return values + ([None] if required else [])


def bad_choice(*, required=False):
    values = ["bogus", "PHONE", " phone", 7, [], {}, "\x00"]
    return values + ([None] if required else [])


BAD_ID = ["abc", -1, 0, 1.5, 2**63, 2**70, -(2**70), [], {}, "", 999_999_999]
BAD_DAY = [
    "2024-02-30",
    "2024-13-01",
    "yesterday",
    "1899-12-31",
    "2101-01-01",
    "",
    [],
    1.5,
    "0000-00-00",
    "31.12.2024",
]
BAD_MOMENT = [
    "2024-13-01T10:00:00",
    "not a time",
    "0001-01-01T00:00:00+14:00",
    "9999-12-31T23:59:59-14:00",
    "2024-02-30T10:00",
    "",
    [],
    1e300,
    "1800-01-01T00:00:00Z",
]
BAD_COUNT = ["abc", 0, -1, 1.5, 2**40, 2**70, [], {}]


def _recent(**delta):
    return (timezone.now() - datetime.timedelta(**delta)).isoformat()


def _endpoints(client, episode, referral):
    """(method, path, a valid body, {field: values that are always wrong})."""
    return {
        "create client": (
            "post",
            "/clients",
            {
                "first_name": "Uusi",
                "last_name": "Asiakas",
                "personal_identity_code": "020202A0202",
            },
            {
                "first_name": bad_text(100, required=True),
                "last_name": bad_text(100, required=True),
                "personal_identity_code": [
                    *bad_text(20, required=True),
                    "020202A0203",
                    "131052-308T",
                    "311352-308T",
                ],
                "municipality": bad_text(100, required=True),
                "language": bad_choice(required=True),
                "phone": bad_text(40, required=True),
                "email": [*bad_text(254, required=True), "not-an-email"],
                "preferred_contact_method": bad_choice(required=True),
            },
        ),
        "change client": (
            "patch",
            f"/clients/{client.pk}",
            {"phone": "050 123"},
            {
                "first_name": [*bad_text(100), "", "   "],
                "last_name": [*bad_text(100), ""],
                "personal_identity_code": [*bad_text(20), "", "020202A0203", "hello"],
                "municipality": bad_text(100),
                "language": bad_choice(),
                "phone": bad_text(40),
                "email": [*bad_text(254), "@@"],
                "preferred_contact_method": bad_choice(),
            },
        ),
        "create referral": (
            "post",
            "/referrals",
            {
                "client_id": client.pk,
                "source_kind": "kela",
                "channel": "phone",
                "reason": "Työkyvyn selvittely",
            },
            {
                "client_id": [*BAD_ID, None],
                "client": [
                    *WRONG_TYPES[:3],
                    "x",
                    {"first_name": "A"},
                    {"first_name": "A", "last_name": "B", "personal_identity_code": "x"},
                ],
                "service_id": [*BAD_ID, 1_234_567],
                "source_kind": bad_choice(required=True),
                "source_organisation_id": BAD_ID,
                "source_professional_id": BAD_ID,
                "channel": bad_choice(required=True),
                "reason": [*bad_text(20_000, required=True), "", "   "],
                "urgency": bad_choice(required=True),
                "received_on": [*BAD_DAY, str(timezone.localdate() + datetime.timedelta(days=2))],
            },
        ),
        "triage": (
            "post",
            f"/referrals/{referral.pk}/triage",
            {
                "decision": "decline",
                "reason": "Ei kuulu palveluun",
            },
            {
                "decision": bad_choice(required=True),
                "reason": [*bad_text(20_000, required=True), "", "  "],
                "redirect_to": bad_text(200, required=True),
                "coordinator_id": BAD_ID,
            },
        ),
        "record event": (
            "post",
            f"/episodes/{episode.pk}/events",
            {
                "kind": "contact",
                "mode": "phone",
                "occurred_at": _recent(hours=1),
                "summary": "Soitto",
            },
            {
                "kind": bad_choice(required=True),
                "mode": [*bad_choice(required=True), "video", "in_person"],
                "occurred_at": [*BAD_MOMENT, None, _recent(days=-3)],
                "summary": [*bad_text(20_000, required=True), "", "   "],
                "organisation_id": BAD_ID,
                "duration_minutes": BAD_COUNT,
                "statement_name": bad_text(100, required=True),
                "statement_status": bad_choice(),
                "next_step": bad_text(20_000, required=True),
            },
        ),
        "close": (
            "post",
            f"/episodes/{episode.pk}/close",
            {
                "outcome": "work",
                "summary": "Työllistyi",
            },
            {
                "outcome": bad_choice(required=True),
                "summary": [*bad_text(20_000, required=True), "", " "],
                "handover_to": bad_text(200, required=True),
            },
        ),
        "reopen": (
            "post",
            f"/episodes/{episode.pk}/reopen",
            {"reason": "Palasi"},
            {
                "reason": [*bad_text(20_000, required=True), ""],
            },
        ),
    }


ENDPOINTS = [
    "create client",
    "change client",
    "create referral",
    "triage",
    "record event",
    "close",
    "reopen",
]


@pytest.fixture
def targets(client, episode, coordinator, service):
    pending = referral_create(
        actor=coordinator,
        client=client,
        service=service,
        source_kind="kela",
        channel="phone",
        reason="Odottaa",
        received_on=timezone.localdate(),
    )
    return _endpoints(client, episode, pending)


def _send(api, method, path, body):
    raw = json.dumps(body)  # lone surrogates are escaped as \\udXXX, as a client would
    return api.request(method, path, raw=raw)


# --- random JSON ------------------------------------------------------------------------

scalars = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=30)
    | st.sampled_from(["", "accept", "phone", "2024-01-01", "131052-308T", "work"])
)
json_values = st.recursive(
    scalars,
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@FUZZ
@given(data=st.data())
def test_random_json_never_gives_a_500(coordinator_api, targets, endpoint, data):
    method, path, valid, bad = targets[endpoint]
    keys = st.sampled_from(sorted({*valid, *bad})) | st.text(max_size=12)
    body = data.draw(
        st.dictionaries(keys, json_values, max_size=8)
        | st.builds(
            lambda extra: {**valid, **extra}, st.dictionaries(keys, json_values, max_size=3)
        )
        | json_values,
        label="body",
    )
    before = _db_state()

    response = _send(coordinator_api, method, path, body)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert _db_state() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@FUZZ
@given(data=st.data())
def test_a_wrong_value_in_any_field_answers_4xx_and_changes_nothing(
    coordinator_api, targets, endpoint, data
):
    method, path, valid, bad = targets[endpoint]
    field = data.draw(st.sampled_from(sorted(bad)), label="field")
    value = data.draw(st.sampled_from(bad[field]), label="value")
    before = _db_state()

    response = _send(coordinator_api, method, path, {**valid, field: value})

    assert 400 <= response.status_code < 500, (field, value, response.content)
    assert _db_state() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@FUZZ
@given(raw=st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
def test_bytes_that_are_not_json_never_give_a_500(coordinator_api, targets, endpoint, raw):
    method, path, _valid, _bad = targets[endpoint]
    before = _db_state()

    response = coordinator_api.request(method, path, raw=raw)

    assert response.status_code < 500, response.content
    if response.status_code >= 400:
        assert _db_state() == before


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_the_valid_bodies_used_above_are_really_valid(coordinator_api, targets, endpoint):
    """Guards the tests above: each wrong value is the only thing wrong with its body."""
    method, path, valid, _bad = targets[endpoint]
    if endpoint == "reopen":
        _send(coordinator_api, *targets["close"][:3])
    response = _send(coordinator_api, method, path, valid)
    assert response.status_code in (200, 201), response.content


query_values = (
    st.text(max_size=30)
    | st.integers().map(str)
    | st.sampled_from(["-1", "0", "201", "1e9", "NaN", "\x00", "9" * 50, "received"])
)


@pytest.mark.parametrize(
    "path",
    ["/clients", "/referrals", "/organisations", "/professionals", "/episodes/{episode}/events"],
)
@FUZZ
@given(
    query=st.dictionaries(
        st.sampled_from(
            [
                "limit",
                "offset",
                "q",
                "status",
                "username",
                "organisation_id",
                "is_coordination_service",
            ]
        )
        | st.text(max_size=5),
        query_values,
        max_size=4,
    )
)
def test_random_query_parameters_never_give_a_500(coordinator_api, episode, path, query):
    response = coordinator_api.get(path.format(episode=episode.pk), **query)
    # 400: a henkilötunnus in the address is refused (POST /clients/search takes it).
    assert response.status_code in (200, 400, 422), response.content


@pytest.mark.parametrize("bad_id", ["0", "-1", "abc", "1.5", "9" * 30, "%00", "1%20"])
@pytest.mark.parametrize("template", ["/clients/{}", "/episodes/{}", "/episodes/{}/events"])
def test_malformed_ids_in_the_path_never_give_a_500(coordinator_api, template, bad_id):
    assert coordinator_api.get(template.format(bad_id)).status_code in (404, 422)


@pytest.mark.parametrize("debug", [False, True])
def test_a_body_over_the_upload_limit_answers_400(coordinator_api, targets, settings, debug):
    settings.DEBUG = debug
    before = _db_state()
    huge = json.dumps({"first_name": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)})
    response = coordinator_api.request("post", "/clients", raw=huge)
    assert response.status_code == 400
    assert _db_state() == before
