"""``manage.py retention``: what has passed its keeping time; ``--delete`` removes it."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rinnalla.ops import retention


class Command(BaseCommand):
    help = (
        "List the clients whose records have passed their keeping time "
        "(RINNALLA_RETENTION_YEARS after the last closed relationship) and the access-log "
        "entries past RINNALLA_ACCESS_LOG_RETENTION_YEARS (--dry-run, the default). With "
        "--delete, delete them: each client and everything about them in a transaction of "
        "its own; the access log about them is kept with a pseudonymous reference. "
        "Deletion is a decision of the records manager (see docs/operations.md)."
    )

    def add_arguments(self, parser):
        mode = parser.add_mutually_exclusive_group()
        mode.add_argument("--dry-run", action="store_true", help="List only (the default).")
        mode.add_argument(
            "--delete", action="store_true", help="Delete what is past its keeping time."
        )
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, delete=False, limit=1000, **options):
        if delete:
            self._delete(limit)
            return
        found = retention.due(limit=limit)
        self.stdout.write(
            f"Client records kept {settings.RINNALLA_RETENTION_YEARS} years after the "
            f"relationship ended: {len(found.clients)} clients with no activity since "
            f"{timezone.localtime(found.client_cutoff):%d.%m.%Y}"
            + (f" (first {limit})" if len(found.clients) >= limit else "")
            + ":"
        )
        for client_id, last in found.clients:
            self.stdout.write(
                f"  client {client_id}: last activity {timezone.localtime(last):%d.%m.%Y}"
            )
        self.stdout.write(
            f"Access log kept {settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS} years: "
            f"{found.access_log_entries} entries older than "
            f"{timezone.localtime(found.access_log_cutoff):%d.%m.%Y}."
        )
        self.stdout.write("Nothing was deleted (run with --delete to delete).")

    def _delete(self, limit: int) -> None:
        def progress(client_id, outcome):
            if isinstance(outcome, Exception):
                self.stderr.write(f"  client {client_id}: NOT deleted, rolled back: {outcome}")
                return
            rows = ", ".join(f"{label} {n}" for label, n in sorted(outcome.items()))
            self.stdout.write(f"  client {client_id} deleted: {rows}")

        self.stdout.write("Deleting the clients past their keeping time:")
        result = retention.retention_delete(limit=limit, progress=progress)
        self.stdout.write(
            f"Deleted {len(result.clients)} clients and {result.files} private files"
            + (f"; {len(result.refused)} not deleted" if result.refused else "")
            + "."
        )
        self.stdout.write(
            f"Access log: deleted {result.access_log_entries} entries older than "
            f"{timezone.localtime(result.access_log_cutoff):%d.%m.%Y} "
            f"(kept {settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS} years)."
        )
        if result.refused:
            raise CommandError(f"{len(result.refused)} clients were not deleted (see above).")
