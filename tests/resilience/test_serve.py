"""`make serve` from a clean state: production mode serves the demo, then stops."""

import os
import re
import signal
import subprocess
import time

import pytest
import requests

from tests.resilience.conftest import ROOT, Browser, free_port, stop, wait_for


def group_ends(pgid: int, *, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


@pytest.fixture
def served(tmp_path):
    port = free_port()
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DATABASE_URL", "SECRET_KEY", "DJANGO_SETTINGS", "PROMETHEUS"))
    }
    env.update(
        RINNALLA_VAR_DIR=str(tmp_path / "var"),
        PORT=str(port),
        RINNALLA_WEB_WORKERS="2",
        RINNALLA_HEARTBEAT_SECONDS="2",
    )
    log = open(tmp_path / "serve.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        ["make", "--no-print-directory", "serve"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(base + "/healthz", timeout=240)
        yield base, process, tmp_path / "serve.log"
    finally:
        stop(process)
        log.close()


def test_make_serve_serves_the_demo_in_production_mode(served):
    base, process, log = served
    browser = Browser(base)
    # DEBUG is off: an unknown page is the plain 404, not Django's debug page.
    missing = browser.get("/no-such-page/")
    assert missing.status_code == 404
    assert "Django" not in missing.text and "Traceback" not in missing.text

    browser.login("tkk")
    clients = browser.get("/clients/")
    assert clients.status_code == 200
    client_path = re.search(r'href="(/clients/\d+/)"', clients.text).group(1)
    page = browser.get(client_path)
    assert page.status_code == 200

    css = re.search(r'href="(/static/[^"]+\.css)"', page.text).group(1)
    assert re.search(r"\.[0-9a-f]{12}\.css$", css), "static names are hashed (manifest)"
    static = browser.get(css, headers={"Accept-Encoding": "br, gzip"})
    assert static.status_code == 200
    assert static.headers["Content-Encoding"] in ("br", "gzip")
    assert "max-age=315360000" in static.headers["Cache-Control"]

    wait_for(base + "/readyz", timeout=60)  # the worker's heartbeat arrived

    json_lines = [line for line in log.read_text().splitlines() if line.startswith("{")]
    assert any('"path": "/clients/"' in line for line in json_lines)

    os.killpg(process.pid, signal.SIGTERM)
    assert process.wait(30) is not None
    assert group_ends(process.pid, timeout=30), "nothing of make serve is left running"
    with pytest.raises(requests.ConnectionError):
        requests.get(base + "/healthz", timeout=2)
