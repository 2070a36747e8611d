"""Background jobs of the surveys (run by the worker; scheduled in rinnalla/ops/scheduler.py)."""

from django_tasks import task

from rinnalla.surveys.services import links_delete_expired


@task()
def delete_expired_links() -> int:
    """Expired survey links are deleted: an unanswered link leaves nothing behind."""
    return links_delete_expired()
