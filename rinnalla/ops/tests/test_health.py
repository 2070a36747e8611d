import datetime

import pytest
from django.utils import timezone

from rinnalla.ops import health
from rinnalla.ops.models import Heartbeat


@pytest.fixture
def fresh_heartbeat(db):
    health.beat()


def test_healthz_answers_without_the_database(web, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = web.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_is_ready_with_a_fresh_worker_heartbeat(web, fresh_heartbeat):
    response = web.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "migrations": "ok", "worker": "ok"},
    }


def test_readyz_fails_without_a_worker_heartbeat(web, db):
    response = web.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["worker"] == "no worker heartbeat yet"


def test_readyz_fails_when_the_heartbeat_is_older_than_the_setting(web, db, settings):
    settings.RINNALLA_WORKER_HEARTBEAT_MAX_AGE = 120
    Heartbeat.objects.create(
        name=health.WORKER, at=timezone.now() - datetime.timedelta(seconds=200)
    )
    response = web.get("/readyz")
    assert response.status_code == 503
    assert "limit 120 s" in response.json()["checks"]["worker"]


def test_readyz_skips_the_worker_when_the_setting_is_zero(web, db, settings):
    settings.RINNALLA_WORKER_HEARTBEAT_MAX_AGE = 0
    assert web.get("/readyz").status_code == 200


def test_readyz_fails_when_the_database_is_unreachable(web, db, monkeypatch):
    monkeypatch.setattr(health, "database_reachable", lambda: "database unreachable: X")
    response = web.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"] == {"database": "database unreachable: X"}


def test_readyz_reports_unapplied_migrations(web, fresh_heartbeat, monkeypatch):
    monkeypatch.setattr(health, "_migrated", set())
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan",
        lambda self, targets: [("app", False)],
    )
    response = web.get("/readyz")
    assert response.status_code == 503
    assert response.json()["checks"]["migrations"] == "1 migrations not applied"


def test_the_heartbeat_task_writes_the_heartbeat(db):
    from rinnalla.ops.tasks import heartbeat

    heartbeat.call()
    assert Heartbeat.objects.get(name=health.WORKER).at > timezone.now() - datetime.timedelta(
        seconds=5
    )
