from django.core.management.base import BaseCommand

from rinnalla.reports.rollup import rollups_refresh
from rinnalla.reports.tasks import refresh_rollups


class Command(BaseCommand):
    help = "Refresh the report rollups (the changed days; --full: everything, e.g. nightly)."

    def add_arguments(self, parser):
        parser.add_argument("--full", action="store_true", help="recompute everything")
        parser.add_argument("--enqueue", action="store_true", help="run it in the task worker")

    def handle(self, *args, full=False, enqueue=False, **options):
        if enqueue:
            result = refresh_rollups.enqueue(full=full)
            self.stdout.write(f"enqueued {result.id}")
            return
        outcome = rollups_refresh(full=full)
        self.stdout.write(
            f"refreshed {'everything' if outcome['full'] else str(outcome['days']) + ' days'}: "
            f"{outcome['rows']} rows"
        )
