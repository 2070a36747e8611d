"""Background jobs of the follow-up (django-tasks; ``make worker`` runs the database worker)."""

from django_tasks import task

from rinnalla.followup.services import reminders_send


@task()
def send_reminders() -> dict[str, int]:
    """E-mail the responsible persons: N days before a due date, and when overdue. Idempotent."""
    return reminders_send()
