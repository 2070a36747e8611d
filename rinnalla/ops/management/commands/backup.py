"""``manage.py backup``: one encrypted archive of the database and the private files."""

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from rinnalla.ops import backup


class Command(BaseCommand):
    help = (
        "Write one encrypted archive (RINNALLA_BACKUP_KEY) of the database and the private "
        "files, with a SHA-256 manifest and the row count of every table."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            default=None,
            help="Directory of the archives (default: $RINNALLA_VAR_DIR/backups).",
        )
        parser.add_argument(
            "--keep", type=int, default=None, help="Keep only the newest N archives there."
        )

    def handle(self, *args, output=None, keep=None, **options):
        try:
            archive = backup.backup(
                output_dir=output or Path(settings.VAR_DIR) / "backups", keep=keep
            )
        except (ImproperlyConfigured, backup.BackupError) as exc:
            raise CommandError(str(exc)) from exc
        manifest = archive.manifest
        self.stdout.write(
            f"Backup written: {archive.path} ({archive.path.stat().st_size:,} bytes; "
            f"{sum(manifest['row_counts'].values()):,} rows in "
            f"{len(manifest['row_counts'])} tables, {len(manifest['private_files'])} private files)"
        )
