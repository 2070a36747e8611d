"""``manage.py send_reminders``: run daily (cron / systemd timer). Safe to run again."""

from django.core.management.base import BaseCommand

from rinnalla.followup.tasks import send_reminders


class Command(BaseCommand):
    help = (
        "Send the reminder e-mails of plan actions (before the due date and when overdue). "
        "A reminder is never sent twice."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--enqueue",
            action="store_true",
            help="Put the job on the task queue for the worker (make worker) instead of "
            "running it now.",
        )

    def handle(self, *args, enqueue=False, **options):
        if enqueue:
            result = send_reminders.enqueue()
            self.stdout.write(f"Enqueued reminder job {result.id}.")
            return
        sent = send_reminders.call()
        self.stdout.write(
            f"Reminders sent: {sent['before_due']} before the due date, {sent['overdue']} overdue."
        )
