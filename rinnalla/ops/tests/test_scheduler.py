"""The scheduler enqueues every periodic job, and the worker runs each of them."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from rinnalla.ops import scheduler
from rinnalla.reports.models import DailyCount, RollupState
from rinnalla.surveys.models import SurveyLink
from rinnalla.surveys.services import current_survey, ensure_seed_forms, link_create

pytestmark = pytest.mark.django_db(transaction=True)


def test_every_periodic_job_is_scheduled():
    jobs = scheduler.build(catch_up=False)
    ids = {job.id for job in jobs.get_jobs()}
    assert {
        "rinnalla.followup.tasks.send_reminders",
        "rinnalla.ops.tasks.prune",
        "rinnalla.surveys.tasks.delete_expired_links",
        "rinnalla.reports.tasks.refresh_rollups_nightly",
        "rinnalla.reports.tasks.refresh_rollups",
        "rinnalla.ops.tasks.heartbeat",
    } <= ids


def test_the_worker_runs_the_daily_jobs(referral, service):
    """Enqueued as the scheduler does, run by the real worker: links gone, rollups counted."""
    ensure_seed_forms()
    expired, _raw = link_create(
        survey=current_survey("liite-10"),
        service=service,
        language="fi",
        period=timezone.localdate(),
    )
    SurveyLink.objects.filter(pk=expired.pk).update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    for path in scheduler.DAILY + [scheduler.ROLLUPS]:
        scheduler.enqueue(path)
    call_command("db_worker", batch=True, queue_name="*", reload=False, verbosity=0)
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {"SUCCESSFUL"}
    assert not SurveyLink.objects.filter(pk=expired.pk).exists()
    assert RollupState.objects.get(pk=1).full_refreshed_at is not None
    assert DailyCount.objects.filter(metric="referral_source", service_id=service.pk).exists()
