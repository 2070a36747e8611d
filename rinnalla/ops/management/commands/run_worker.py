"""``manage.py run_worker``: the django-tasks worker with the job scheduler inside it."""

from django.core.management import call_command
from django.core.management.base import BaseCommand

from rinnalla.ops import scheduler


class Command(BaseCommand):
    help = (
        "Run the background worker (django-tasks database queue) and, unless "
        "--no-scheduler, the scheduler that enqueues the daily jobs and the heartbeat."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-scheduler",
            action="store_true",
            help="Only run jobs (for a second worker process; one scheduler is enough).",
        )
        parser.add_argument("--interval", type=float, default=1.0)

    def handle(self, *args, no_scheduler=False, interval=1.0, **options):
        jobs = None
        if not no_scheduler:
            jobs = scheduler.build()
            jobs.start()
            self.stdout.write(f"Scheduler started: daily jobs {', '.join(scheduler.DAILY)}.")
        try:
            call_command(
                "db_worker",
                reload=False,
                interval=interval,
                queue_name="*",
                verbosity=options.get("verbosity", 1),
            )
        finally:
            if jobs is not None:
                jobs.shutdown(wait=False)
