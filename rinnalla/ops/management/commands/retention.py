"""``manage.py retention --dry-run``: what has passed its keeping time."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from rinnalla.ops import retention


class Command(BaseCommand):
    help = (
        "List the clients whose records have passed their keeping time "
        "(RINNALLA_RETENTION_YEARS after the last closed relationship) and the access-log "
        "entries past RINNALLA_ACCESS_LOG_RETENTION_YEARS. Deletion is not yet automatic: "
        "run with --dry-run and hand the list to the records manager."
    )

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="List only (required).")
        parser.add_argument("--limit", type=int, default=1000)

    def handle(self, *args, dry_run=False, limit=1000, **options):
        if not dry_run:
            raise CommandError(
                "Only --dry-run is available: deleting personal data past its keeping time "
                "is done by the records manager from this list (see docs/operations.md)."
            )
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
