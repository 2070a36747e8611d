"""The site-wide Content-Security-Policy, as the browser applies it.

``tests/browser/test_every_page.py`` fails on any CSP violation report on any page; this
test shows that the watcher does see one when a page breaks the policy.
"""

import pytest

from tests.browser.conftest import csp_reports

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_watcher_reports_an_inline_style_the_policy_blocks(new_context):
    page = new_context()
    page.goto("/login/")
    assert csp_reports(page) == []
    page.evaluate(
        "() => { const s = document.createElement('style'); s.textContent = 'body{}';"
        " document.head.appendChild(s); }"
    )
    page.wait_for_timeout(300)
    assert any("style-src" in report for report in csp_reports(page)), csp_reports(page)
