"""Refresh every Finnish and Swedish catalogue from the code.

``makemessages`` for fi and sv over the whole project (each app's strings go to the
app's own ``locale/``, the rest to the top-level ``locale/``), without source
locations and obsolete entries, and with a fixed header date: a catalogue then
changes only where its messages change, so branches that add strings merge cleanly.
"""

import os
import re
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

LANGUAGES = ["fi", "sv"]
IGNORED = [".venv", "node_modules", "var", ".git", "tests/browser"]
HEADER_DATE = re.compile(r'^"POT-Creation-Date: .*\\n"$', re.MULTILINE)
FIXED_DATE = '"POT-Creation-Date: 2026-01-01 00:00+0200\\n"'


def catalogues(root: Path) -> list[Path]:
    return sorted(
        path
        for path in root.rglob("locale/*/LC_MESSAGES/django.po")
        if not any(part in (".venv", "node_modules") for part in path.parts)
    )


class Command(BaseCommand):
    help = "Refresh the fi and sv catalogues of every app and of the project from the code."

    def handle(self, *args, **options):
        root = Path(settings.BASE_DIR)
        call_command(
            "makemessages",
            locale=LANGUAGES,
            ignore_patterns=IGNORED,
            no_location=True,
            no_obsolete=True,
            verbosity=0,
        )
        for path in catalogues(root):
            text = path.read_text(encoding="utf-8")
            path.write_text(HEADER_DATE.sub(lambda _match: FIXED_DATE, text), encoding="utf-8")
        for path in catalogues(root):
            if statistics := missing(path):
                self.stdout.write(f"{path.relative_to(root)}: {statistics}")


def missing(path: Path) -> str:
    """msgfmt's count of untranslated and fuzzy entries, or "" when the catalogue is complete."""
    # A fixed command over the project's own files; msgfmt comes from gettext (make setup).
    result = subprocess.run(  # noqa: S603
        ["msgfmt", "--statistics", "-o", os.devnull, str(path)],  # noqa: S607
        capture_output=True,
        text=True,
        check=True,
    )
    statistics = result.stderr.strip()
    return statistics if ("untranslated" in statistics or "fuzzy" in statistics) else ""
