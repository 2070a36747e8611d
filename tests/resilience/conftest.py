"""Fault and production-mode tests: slow, serial, run by `make test-resilience` only.

They start real servers (gunicorn, a private PostgreSQL cluster) and kill them, so
they are skipped unless RINNALLA_RESILIENCE=1 (the make target sets it).
"""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python")


def pytest_collection_modifyitems(config, items):
    if os.environ.get("RINNALLA_RESILIENCE") == "1":
        return
    skip = pytest.mark.skip(reason="fault test: run by make test-resilience")
    for item in items:
        if "tests/resilience/" in str(item.fspath):
            item.add_marker(skip)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, *, timeout: float = 120, status: int = 200) -> float:
    """Seconds until ``url`` answers ``status``; fails after ``timeout``."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        try:
            if requests.get(url, timeout=2).status_code == status:
                return time.monotonic() - started
        except requests.RequestException:
            pass
        time.sleep(0.2)
    raise AssertionError(f"{url} did not answer {status} within {timeout} s")


def stop(process: subprocess.Popen, *, timeout: float = 30) -> None:
    if process.poll() is None:
        os.killpg(process.pid, 15)
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, 9)
            process.wait(10)


class Browser:
    """A requests session acting as a browser behind the TLS proxy (X-Forwarded-Proto).

    Production cookies are Secure, which requests would not send over plain http to
    127.0.0.1; the proxy in front would be https, so the cookies are sent by hand.
    """

    def __init__(self, base: str):
        self.base = base
        self.session = requests.Session()
        self.cookies: dict[str, str] = {}

    def _headers(self, extra=None):
        headers = {
            "X-Forwarded-Proto": "https",
            "Accept-Language": "fi",
            "Referer": self.base.replace("http://", "https://") + "/",
            "Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()),
        }
        headers.update(extra or {})
        return headers

    def request(self, method: str, path: str, **kwargs):
        headers = self._headers(kwargs.pop("headers", None))
        response = self.session.request(
            method, self.base + path, headers=headers, allow_redirects=False, timeout=30, **kwargs
        )
        for cookie in response.cookies:
            self.cookies[cookie.name] = cookie.value
        self.session.cookies.clear()
        return response

    def get(self, path, **kwargs):
        return self.request("GET", path, **kwargs)

    def post(self, path, **kwargs):
        return self.request("POST", path, **kwargs)

    def login(self, username: str, password: str = "demo") -> None:
        self.get("/login/")
        response = self.post(
            "/login/",
            data={
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": self.cookies["csrftoken"],
            },
        )
        assert response.status_code == 302, response.text[:500]
