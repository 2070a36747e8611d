"""Finding 4: ids that do not fit the database never give a 500, on any page or API path.

Every URL pattern of the site is visited with each of its ids set to 2**63 (one past
the database's largest integer) and to 2**63 - 1 (the largest, which exists nowhere),
as a coordinator, with GET and POST; every API operation likewise.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

from rinnalla.api import api

TOO_BIG = 2**63
LARGEST = 2**63 - 1


def _patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from _patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern)


def _page_routes():
    routes = []
    for route in _patterns():
        if route.startswith(("admin/", "api/")) or route.startswith("^"):
            continue
        if "<" in route:
            routes.append(route)
    return sorted(set(routes))


def test_no_url_pattern_takes_an_unbounded_int():
    assert not [route for route in _patterns() if "<int:" in route]


def _fill(route, number):
    def value(match):
        converter = match.group(1)
        if converter == "id":
            return str(number)
        return "x" * 40  # a token or slug that exists nowhere

    return "/" + re.sub(r"<(?:(\w+):)?\w+>", value, route)


@pytest.mark.parametrize("route", _page_routes())
@pytest.mark.parametrize("number", [TOO_BIG, LARGEST])
@pytest.mark.parametrize("method", ["get", "post"])
def test_a_page_with_a_huge_id_answers_without_a_500(web, coordinator, route, number, method):
    web.force_login(coordinator)
    web.raise_request_exception = False
    response = getattr(web, method)(_fill(route, number))
    assert response.status_code < 500, (route, number, method)


def _api_operations():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        if "{" not in path:
            continue
        for method in operations:
            yield path, method


@pytest.mark.parametrize(("path", "method"), sorted(_api_operations()))
@pytest.mark.parametrize("number", [TOO_BIG, LARGEST])
def test_an_api_path_with_a_huge_id_answers_without_a_500(coordinator_token, path, method, number):
    from django.test import Client as HttpClient

    http = HttpClient(raise_request_exception=False)
    url = re.sub(r"\{\w+\}", str(number), path)
    if method == "get":
        response = http.get(url, headers=coordinator_token)
    else:
        response = getattr(http, method)(
            url, data="{}", content_type="application/json", headers=coordinator_token
        )
    assert response.status_code < 500, (path, method, number, response.content[:300])


@pytest.fixture
def coordinator_token(coordinator):
    from rinnalla.accounts.models import ApiToken

    _token, raw = ApiToken.issue(coordinator)
    return {"Authorization": f"Bearer {raw}"}
