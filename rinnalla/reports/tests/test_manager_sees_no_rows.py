"""The manager reaches aggregates only: no URL that shows a client or a list of clients.

The authorization matrix (tests/authz/test_matrix.py) requests every URL as the manager
and expects 403/404 wherever the manager is not allowed; this checks the matrix itself
never allows the manager a row-level read, and that the manager is allowed the reports.
"""

from tests.authz.conftest import ANONYMOUS, MANAGER
from tests.authz.test_matrix import API, CLIENT, LIST, PAGES


def test_no_row_level_url_allows_the_manager():
    for matrix in (PAGES, API):
        for key, entry in matrix.items():
            for check in entry.checks:
                public = ANONYMOUS in check.allowed  # e.g. the client's sign-in start
                if check.reads in (CLIENT, LIST) or ("client" in key and not public):
                    assert MANAGER not in check.allowed, key


def test_the_manager_is_allowed_every_report():
    for key in ("reports:overview", "reports:report", "reports:summary_pdf"):
        assert all(MANAGER in check.allowed for check in PAGES[key].checks)
    assert MANAGER in API["GET /reports/{name}"].checks[0].allowed
