"""``manage.py restore ARCHIVE``: verify every checksum, then replace the database and files."""

from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from rinnalla.ops import backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup`: it is decrypted and every checksum "
        "verified before anything is touched; then the database and the private files are "
        "replaced (the old private files are kept beside them). Stop the web server and the "
        "worker first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path)
        parser.add_argument(
            "--verify-only", action="store_true", help="Check the archive, change nothing."
        )
        parser.add_argument(
            "--yes", action="store_true", help="Do not ask: this replaces the whole database."
        )

    def handle(self, *args, archive, verify_only=False, yes=False, **options):
        if not archive.is_file():
            raise CommandError(f"No such archive: {archive}")
        try:
            if verify_only:
                import tempfile

                with tempfile.TemporaryDirectory(prefix="rinnalla-verify-") as work:
                    manifest = backup.verify(archive, Path(work))
                self.stdout.write(
                    f"Archive OK: made {manifest['created_at']}, {len(manifest['files'])} files "
                    "match their checksums."
                )
                return
            if not yes:
                answer = input(
                    "This replaces the whole database and the private files. Type 'yes': "
                )
                if answer.strip() != "yes":
                    raise CommandError("Nothing was restored.")
            manifest = backup.restore(archive=archive)
        except backup.RestoredWithDifferences as exc:
            raise CommandError(str(exc)) from exc
        except (ImproperlyConfigured, backup.BackupError) as exc:
            raise CommandError(f"Refused: {exc}. Nothing was restored.") from exc
        self.stdout.write(
            f"Restored the archive made {manifest['created_at']}: "
            f"{sum(manifest['row_counts'].values()):,} rows in {len(manifest['row_counts'])} "
            f"tables and {len(manifest['private_files'])} private files, checksums and row "
            "counts verified."
        )
