def test_metrics_from_this_machine_include_requests_and_the_queue(web, db):
    web.get("/healthz")
    response = web.get("/metrics", REMOTE_ADDR="127.0.0.1")
    assert response.status_code == 200
    body = response.content.decode()
    assert "django_http_requests_latency_seconds_by_view_method" in body
    assert "rinnalla_task_queue_length 0.0" in body
    assert "rinnalla_task_queue_oldest_seconds" in body


def test_metrics_are_hidden_from_other_addresses(web, db):
    assert web.get("/metrics", REMOTE_ADDR="203.0.113.5").status_code == 404


def test_metrics_answer_the_token_from_anywhere(web, db, settings):
    settings.RINNALLA_METRICS_TOKEN = "s3cret-metrics-token"
    assert web.get("/metrics", REMOTE_ADDR="127.0.0.1").status_code == 404
    response = web.get(
        "/metrics", REMOTE_ADDR="203.0.113.5", HTTP_AUTHORIZATION="Bearer s3cret-metrics-token"
    )
    assert response.status_code == 200


def test_failed_jobs_are_counted(db):
    from django_tasks_db.models import DBTaskResult

    from rinnalla.ops.metrics import render_metrics
    from rinnalla.ops.tasks import heartbeat

    result = heartbeat.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(status="FAILED")
    body = render_metrics()[0].decode()
    assert 'rinnalla_task_results{status="FAILED"} 1.0' in body
