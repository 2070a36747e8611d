"""The deployment files stay in step with the settings."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
TEMPLATE = ROOT / "deploy" / "rinnalla.env.example"
READERS = re.compile(r"env_(str|bool|int|list|secret)\(\s*\"([A-Z][A-Z0-9_]*)\"", re.S)
ENVIRON = re.compile(r"os\.environ(?:\.get|\.setdefault)?\(\s*\"([A-Z][A-Z0-9_]*)\"")


def variables_read() -> set[str]:
    names = set()
    for path in [ROOT / "rinnalla" / "settings.py", *(ROOT / "deploy").glob("*.py")]:
        text = path.read_text()
        for kind, name in READERS.findall(text):
            names.add(name)
            if kind == "secret":
                names.add(f"{name}_FILE")
        names.update(ENVIRON.findall(text))
    return names


def test_every_variable_the_settings_read_is_in_the_template():
    listed = set(re.findall(r"^#?\s*([A-Z][A-Z0-9_]*)=", TEMPLATE.read_text(), re.M))
    missing = sorted(variables_read() - listed)
    assert not missing, f"add to deploy/rinnalla.env.example: {', '.join(missing)}"


def test_every_variable_is_in_the_architecture_map():
    text = (ROOT / "docs" / "architecture.md").read_text()
    missing = sorted(
        n for n in variables_read() if f"`{n}`" not in text and not n.endswith("_FILE")
    )
    assert not missing, f"add to docs/architecture.md's table: {', '.join(missing)}"


def _start(**env):
    base = {k: v for k, v in os.environ.items() if not k.startswith(("SECRET_KEY", "ALLOWED"))}
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={**base, "DJANGO_SETTINGS_MODULE": "rinnalla.settings", **env},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("env", "says"),
    [
        ({}, "SECRET_KEY (or SECRET_KEY_FILE) must be set"),
        (
            {"SECRET_KEY": "dev-only-insecure-key-rinnalla-do-not-use-in-production"},
            "SECRET_KEY is the development key",
        ),
        ({"SECRET_KEY": "x" * 50}, "ALLOWED_HOSTS must be set"),
    ],
)
def test_production_refuses_to_start_and_names_the_variable(env, says):
    result = _start(RINNALLA_PRODUCTION="1", **env)
    assert result.returncode != 0
    assert says in result.stderr


def test_production_starts_with_a_key_and_hosts():
    result = _start(RINNALLA_PRODUCTION="1", SECRET_KEY="x" * 50, ALLOWED_HOSTS="example.fi")
    assert result.returncode == 0, result.stderr
