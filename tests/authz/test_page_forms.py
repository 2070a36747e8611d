"""Finding 4, pages: every form of every page, each field given an absurd value — no 500.

The pages and their URLs come from the authorization matrix (``PAGES``); each page a
coordinator may open is fetched, its POST forms are read from the HTML, and every field
in turn is sent with values that are wrong on purpose (impossible and extreme dates,
numbers that fit no column, NUL characters, unknown choices) while the other fields keep
the values the page filled in. A wrong value must be answered with the form and a
message (or a refusal), never with a server error.
"""

from html.parser import HTMLParser

import pytest
from django.test import Client as HttpClient

from tests.authz.conftest import COORDINATOR
from tests.authz.test_matrix import PAGES, page_url

BAD = {
    "date": ["9999-12-31", "2024-02-30"],
    "datetime-local": ["9999-12-31T23:59", "2024-02-30T10:00"],
    "time": ["25:61"],
    "number": ["99999999999999999999999", "NaN"],
    "text": ["x\x00y"],
    "textarea": ["x\x00y"],
    "email": ["\x00@x"],
    "select": ["99999999999999999999999"],
    "radio": ["bogus"],
    "checkbox": ["99999999999999999999999"],
    "hidden": ["99999999999999999999999"],
}


class Forms(HTMLParser):
    """The POST forms of a page: (action, [(name, kind, value)])."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self._current = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form" and (a.get("method") or "").lower() == "post":
            self._current = (a.get("action") or "", [])
            self.forms.append(self._current)
        if self._current is None or not a.get("name"):
            return
        fields = self._current[1]
        if tag == "input":
            kind = (a.get("type") or "text").lower()
            if kind in ("submit", "button", "file", "image", "reset"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                fields.append((a["name"], kind, None))
                return
            fields.append((a["name"], kind, a.get("value", "")))
        elif tag == "select":
            self._select = [a["name"], "select", None]
            fields.append(self._select)
        elif tag == "textarea":
            self._textarea = [a["name"], "textarea", ""]
            fields.append(self._textarea)
        elif (
            tag == "option"
            and self._select is not None
            and (self._select[2] is None or "selected" in a)
        ):
            self._select[2] = a.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[2] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._current = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _filled(fields):
    data = {}
    for name, _kind, value in fields:
        if value is None or name == "csrfmiddlewaretoken":
            continue
        data.setdefault(name, [])
        data[name].append(value)
    return data


def _coordinator_pages():
    for name, entry in sorted(PAGES.items()):
        for check in entry.checks:
            if check.method == "GET" and COORDINATOR in check.allowed:
                yield name
                break


@pytest.mark.parametrize("name", sorted(_coordinator_pages()))
def test_no_absurd_value_in_any_form_field_gives_a_500(scenario, name):
    web = HttpClient(HTTP_ACCEPT_LANGUAGE="en", raise_request_exception=False)
    web.force_login(scenario.user(COORDINATOR))
    get = next(c for c in PAGES[name].checks if c.method == "GET")
    url = page_url(scenario, name, get)
    page = web.get(url)
    if page.status_code != 200 or "text/html" not in page.get("Content-Type", ""):
        return
    parser = Forms()
    parser.feed(page.content.decode())
    tried = 0
    for action, fields in parser.forms:
        target = action or url
        if not target.startswith("/") or target.startswith(("/logout", "/i18n/")):
            continue
        base = _filled(fields)
        names = {(field[0], field[1]) for field in fields if field[0] != "csrfmiddlewaretoken"}
        for field, kind in sorted(names):
            for value in BAD.get(kind, []):
                response = web.post(target, {**base, field: value})
                tried += 1
                assert response.status_code < 500, (name, target, field, value)
