"""Every page works in Finnish and Swedish: the catalogues are complete and current."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rinnalla.core.management.commands.update_messages import catalogues, missing

ROOT = Path(__file__).resolve().parents[1]
CATALOGUES = catalogues(ROOT)


def test_there_are_catalogues_for_both_languages():
    languages = {path.parts[-3] for path in CATALOGUES}
    assert languages == {"fi", "sv"}


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_every_message_is_translated(path):
    assert missing(path) == ""


def test_the_catalogues_hold_exactly_the_messages_of_the_code(tmp_path):
    """``manage.py update_messages`` on a copy of the tree changes no catalogue."""
    copy = tmp_path / "tree"
    ignore = shutil.ignore_patterns("__pycache__", "*.mo", "*.pyc")
    for name in ("rinnalla", "templates", "locale"):
        shutil.copytree(ROOT / name, copy / name, ignore=ignore)
    shutil.copy(ROOT / "manage.py", copy / "manage.py")
    subprocess.run(
        [sys.executable, "manage.py", "update_messages"],
        cwd=copy,
        check=True,
        capture_output=True,
    )
    stale = [
        str(path.relative_to(ROOT))
        for path in CATALOGUES
        if (copy / path.relative_to(ROOT)).read_text(encoding="utf-8")
        != path.read_text(encoding="utf-8")
    ]
    assert not stale, f"run `make messages-update` and translate: {stale}"
