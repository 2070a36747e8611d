"""Playwright on Debian's Chromium against the live test server, with axe-core checks."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

# Playwright's sync API runs an event loop in this thread; Django's ORM calls made by
# the tests themselves are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(locale="fi-FI", base_url=live_server.url)
    page = context.new_page()
    page.set_default_timeout(10_000)
    watch_csp(page)
    yield page
    assert not csp_reports(page), csp_reports(page)
    context.close()


# Every Content-Security-Policy violation becomes a console message the tests collect.
CSP_LISTENER = """
document.addEventListener('securitypolicyviolation', (e) => {
  console.error('CSP violation: ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')
    + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""
_CSP_REPORTS = {}


def watch_csp(page) -> None:
    """Collect the page's CSP violation reports (see :func:`csp_reports`)."""
    reports = []
    page.add_init_script(CSP_LISTENER)
    page.on(
        "console",
        lambda message: (
            reports.append(message.text)
            if "Content Security Policy" in message.text or "CSP violation" in message.text
            else None
        ),
    )
    _CSP_REPORTS[id(page)] = reports


def csp_reports(page) -> list[str]:
    return _CSP_REPORTS.get(id(page), [])


def inject_axe(page) -> None:
    """Load axe-core through the DevTools protocol: the site's CSP forbids inline scripts."""
    page.evaluate(AXE.read_text())


def check_accessibility(page, *, context: str = "") -> None:
    """Run axe-core on the current page; fail on any serious or critical violation."""
    inject_axe(page)
    result = page.evaluate(
        "async () => await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']})"
    )
    bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
    details = "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in bad
    )
    assert not bad, f"axe violations on {context or page.url}:\n{details}"


def login(page, username: str, password: str = "test-pass-123") -> None:
    page.goto("/login/")
    page.get_by_label("Käyttäjätunnus").fill(username)
    page.get_by_label("Salasana").fill(password)
    page.get_by_role("button", name="Kirjaudu sisään").click()


SHOTS = Path(os.environ.get("RINNALLA_SHOTS", "/tmp/shots"))


def shot(page, name: str) -> None:
    """A full-page screenshot for people to look at (not compared automatically)."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def visit(page, url: str, *, name: str = "") -> None:
    """Open a page, check it answered, run axe on it (and take a screenshot if named)."""
    response = page.goto(url)
    assert response is not None and response.ok, f"{url} answered {response and response.status}"
    check_accessibility(page)
    if name:
        shot(page, name)


@pytest.fixture
def new_context(browser, live_server):
    """Open more browser contexts (a second session, a phone); all closed at the end."""
    contexts = []

    def make(**options):
        options.setdefault("locale", "fi-FI")
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        watch_csp(page)
        return page

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def demo(transactional_db):
    """The demo data (seed 000's five cases and the demo logins, password "demo")."""
    import io

    from django.core.management import call_command

    call_command("load_demo", stdout=io.StringIO())
