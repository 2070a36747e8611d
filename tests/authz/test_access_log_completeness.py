"""Every request that reads or changes one client's data writes exactly one log entry.

Walks the authorization matrix (test_matrix.py): each client-data page and API read,
and each write to one client's data, is requested by every logged-in role. An allowed
request appends exactly one ``allowed`` entry naming the client; a refused one exactly
one ``refused`` entry naming the client (the policy logs refusals against the client
when it exists). A list of clients appends exactly one list entry (no client).
"""

import pytest

from rinnalla.access.models import AccessLogEntry
from rinnalla.access.testing import exactly_one_log_entry

from .conftest import (
    LOGGED_IN_ROLES,
    MANAGER,
    NP_CONSENT_AND_PART,
    NP_PART_ONLY,
    OTHER_COORDINATOR,
)
from .test_matrix import (
    API,
    CLIENT,
    LIST,
    PAGES,
    api_url,
    page_url,
    request_api,
    request_page,
)

pytestmark = pytest.mark.django_db

#: Client-scoped writes that show and change nothing of the client: emergency access is
#: logged when it is opened (rinnalla/access/tests/test_break_glass.py), not when asked;
#: a catalogue service's pk is a service, not a client.
NOT_CLIENT_DATA = {
    "access:break_glass",
    "measurements:self_fill",
    "measurements:self_fill_session",
    "accounts:api_token_revoke",  # one's own API tokens: no client
    "catalogue:edit",
    "catalogue:criteria_edit",
    # Survey forms: anonymous answers, typed in or given through a one-time link.
    "surveys:answer",
    "surveys:answer_session",
    "surveys:paper_entry",
    "portal:sign_in_link",
}


#: Refused roles asked on every client-data URL (the Kela advisor and the administrator
#: are refused exactly like the other coordinator and the manager in test_matrix.py).
REFUSED_ROLES = (OTHER_COORDINATOR, NP_PART_ONLY, NP_CONSENT_AND_PART, MANAGER)


def _roles(check):
    return [r for r in LOGGED_IN_ROLES if r in check.allowed or r in REFUSED_ROLES]


def _client_scoped(kind, key, entry):
    if entry.client_view:  # the client's own view: rinnalla/portal/tests
        return False
    if kind == "page":
        return key not in NOT_CLIENT_DATA and entry.kwargs is not PAGES["home"].kwargs
    return "{" in key


def _cases(*, reads):
    for kind, matrix in (("page", PAGES), ("api", API)):
        for key, entry in matrix.items():
            for index, check in enumerate(entry.checks):
                if reads == LIST:
                    if check.reads != LIST:
                        continue
                    roles = [r for r in LOGGED_IN_ROLES if r in check.allowed]
                elif reads == CLIENT:
                    if check.reads != CLIENT:
                        continue
                    roles = _roles(check)
                else:  # writes to one client's data
                    if check.method == "GET" or not _client_scoped(kind, key, entry):
                        continue
                    roles = _roles(check)
                for role in roles:
                    yield pytest.param(
                        kind,
                        key,
                        index,
                        role,
                        id=f"{key} {check.method}{check.query} as {role}",
                    )


def _request(scenario, kind, key, index, role):
    matrix = PAGES if kind == "page" else API
    check = matrix[key].checks[index]
    send = request_page if kind == "page" else request_api
    with exactly_one_log_entry(f"{check.method} {key} as {role}") as new:
        response, _url = send(scenario, role, key, check)
    return check, response, new.entry


def _assert_entry_for_client(scenario, check, role, response, entry):
    where = f"{check.method} {response.request['PATH_INFO']} as {role}"
    assert entry.client_id == scenario.client.pk, f"{where}: logged against {entry.client_id}"
    assert entry.user_id == scenario.user(role).pk, where
    expected = (
        AccessLogEntry.Outcome.ALLOWED if role in check.allowed else AccessLogEntry.Outcome.REFUSED
    )
    assert entry.outcome == expected, f"{where}: answered {response.status_code}, logged {entry}"
    refused_status = response.status_code in (403, 404)
    assert refused_status == (expected == AccessLogEntry.Outcome.REFUSED), (
        f"{where}: answered {response.status_code} but logged {entry.outcome}"
    )


@pytest.mark.parametrize(("kind", "key", "index", "role"), list(_cases(reads=CLIENT)))
def test_a_client_data_read_writes_exactly_one_entry_for_the_client(
    scenario, kind, key, index, role
):
    check, response, entry = _request(scenario, kind, key, index, role)
    assert entry.action == AccessLogEntry.Action.VIEW or key == "clients:edit"
    _assert_entry_for_client(scenario, check, role, response, entry)


@pytest.mark.parametrize(("kind", "key", "index", "role"), list(_cases(reads=None)))
def test_a_change_of_client_data_writes_exactly_one_entry_for_the_client(
    scenario, kind, key, index, role
):
    check, response, entry = _request(scenario, kind, key, index, role)
    _assert_entry_for_client(scenario, check, role, response, entry)


@pytest.mark.parametrize(("kind", "key", "index", "role"), list(_cases(reads=LIST)))
def test_a_list_of_clients_writes_exactly_one_list_entry(scenario, kind, key, index, role):
    _check, response, entry = _request(scenario, kind, key, index, role)
    assert response.status_code == 200
    assert entry.client_id is None
    assert entry.outcome == AccessLogEntry.Outcome.ALLOWED
    assert entry.user_id == scenario.user(role).pk


def _unknown_id_cases():
    for kind, matrix in (("page", PAGES), ("api", API)):
        for key, entry in matrix.items():
            for index, check in enumerate(entry.checks):
                if check.reads == CLIENT:
                    yield pytest.param(kind, key, index, id=f"{key} {check.method}{check.query}")


@pytest.mark.parametrize(("kind", "key", "index"), list(_unknown_id_cases()))
def test_an_unknown_id_answers_404_and_logs_no_client(scenario, kind, key, index):
    """A made-up id reveals nothing: 404, and at most one refused entry without a client."""
    from django.test import Client as HttpClient
    from django.urls import reverse

    from rinnalla.access.testing import api_client

    matrix = PAGES if kind == "page" else API
    check = matrix[key].checks[index]
    user = scenario.user(OTHER_COORDINATOR)
    kwargs = {name: 2_000_000_000 for name in matrix[key].kwargs(scenario)}
    if kind == "page":
        web = HttpClient(HTTP_ACCEPT_LANGUAGE="en")
        web.force_login(user)
        url = reverse(key, kwargs=kwargs) + check.query
    else:
        web = api_client(user)
        url = "/api/v1" + key.split(" ", 1)[1].format(**kwargs) + check.query
    before = AccessLogEntry.objects.count()
    response = web.get(url)
    assert response.status_code == 404, f"{url}: {response.status_code}"
    new = list(AccessLogEntry.objects.order_by("id")[before:])
    assert len(new) <= 1, new
    assert all(e.client_id is None and e.outcome == "refused" for e in new), new


def test_the_matrix_has_client_data_reads_for_pages_and_the_api():
    """Guard against the walk silently finding nothing."""
    reads = list(_cases(reads=CLIENT))
    assert len([p for p in reads if p.values[0] == "page"]) >= 20 * len(REFUSED_ROLES)
    assert len([p for p in reads if p.values[0] == "api"]) >= 10 * len(REFUSED_ROLES)
    assert NP_CONSENT_AND_PART in LOGGED_IN_ROLES
    assert page_url and api_url
