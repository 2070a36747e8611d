"""Background jobs of the reports (django-tasks; ``make worker`` runs the queue)."""

from django_tasks import task

from rinnalla.reports.rollup import rollups_refresh


@task()
def refresh_rollups(full: bool = False) -> dict:
    """Bring the report rollups up to date (the changed days, or everything when ``full``)."""
    return rollups_refresh(full=full)


@task()
def refresh_rollups_nightly() -> dict:
    """The nightly full refresh: every day recomputed, so an edit to old data shows too."""
    return rollups_refresh(full=True)
