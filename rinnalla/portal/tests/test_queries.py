"""The client's pages make a constant number of queries."""

import pytest

from rinnalla.portal.testing import sign_in_as

from .conftest import browser, own_view  # noqa: F401
from .test_pages import path  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "most"),
    [
        # My page: + 4 for the services I am in, + 1 for the surveys waiting for me.
        ("/me/", 23),
        ("/me/log/", 10),
        ("/api/v1/me/client", 10),
        ("/api/v1/me/plan", 10),
        ("/api/v1/me/services", 10),
        ("/api/v1/me/questionnaires", 8),
        ("/api/v1/me/surveys", 8),
    ],
)
def test_a_client_page_makes_few_queries(
    browser,  # noqa: F811
    client,
    path,  # noqa: F811
    url,
    most,
    django_assert_max_num_queries,
):
    sign_in_as(browser, client)
    with django_assert_max_num_queries(most):
        assert browser.get(url).status_code == 200
