"""Every API operation, fuzzed from the OpenAPI schema by schemathesis: no 5xx, ever.

Runs in ``make test`` (SQLite and PostgreSQL) against the WSGI application in-process,
as a coordinator with a bearer token and the personas' data, so that ids in the
generated requests sometimes exist. The only check is "not a server error": 4xx
answers to nonsense are the point.
"""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from rinnalla.accounts.models import ApiToken
from rinnalla.api import api

schema = schemathesis.openapi.from_dict(api.get_openapi_schema())
schema.app = get_wsgi_application()


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Like Django's test client: the test's transaction holds the connection, so the
    request signals must not close it (persistent connections with health checks would
    close it at each request's start and end)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def bearer(coordinator, client, episode):
    _token, raw = ApiToken.issue(coordinator)
    return {"Authorization": f"Bearer {raw}"}


@schema.parametrize()
@settings(
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_answers_with_a_server_error(case, bearer):
    case.call_and_validate(headers=bearer, checks=[not_a_server_error])
