import datetime

import pytest
from django.core import mail
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry
from rinnalla.core.pdf import pdf_text
from rinnalla.plans.models import ClientPlan, Meeting

pytestmark = pytest.mark.django_db
JSON = "application/json"


def _meeting_body(*ids, **extra):
    body = {
        "starts_at": (timezone.now() - datetime.timedelta(hours=1)).isoformat(),
        "duration_minutes": 60,
        "participant_ids": list(ids),
        "client_present": True,
        "topics": ["vocational", "follow_up"],
    }
    body.update(extra)
    return body


def test_the_whole_flow_through_the_api(
    api, coordinator, episode, physician, kela_advisor, django_capture_on_commit_callbacks
):
    physician.email = "pekka@example.com"
    physician.save()
    http = api(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        created = http.post(
            f"/api/v1/episodes/{episode.pk}/meetings",
            _meeting_body(physician.pk, kela_advisor.pk, place="Huone 2"),
            content_type=JSON,
        )
    assert created.status_code == 201, created.json()
    meeting = created.json()
    assert [p["professional_id"] for p in meeting["participants"]] == [
        physician.pk,
        kela_advisor.pk,
    ]
    assert [m.to for m in mail.outbox] == [["pekka@example.com"]]

    plan = http.post(
        f"/api/v1/meetings/{meeting['id']}/plan",
        {
            "client_wishes": "Töihin",
            "shared_view": "Hyvä asiakaspalvelussa",
            "planned": "Työkokeilu",
            "client_tasks": "Hakee",
            "coordinator_tasks": "Soittaa",
            "next_meeting_on": (timezone.localdate() + datetime.timedelta(days=30)).isoformat(),
        },
        content_type=JSON,
    )
    assert plan.status_code == 201
    body = plan.json()
    assert body["number"] == 1 and body["version"] == 1 and body["id"]
    plan_id = body["id"]

    due = (timezone.localdate() + datetime.timedelta(days=7)).isoformat()
    first = http.post(
        f"/api/v1/plans/{plan_id}/actions",
        {
            "category": "work_trial",
            "description": "Työkokeilu",
            "responsible_professional_id": physician.pk,
            "due_on": due,
        },
        content_type=JSON,
    )
    second = http.post(
        f"/api/v1/plans/{plan_id}/actions",
        {
            "category": "rehabilitation_allowance_application",
            "description": "Kuntoutusraha",
            "responsible": "client",
            "due_on": due,
        },
        content_type=JSON,
    )
    assert first.status_code == second.status_code == 201
    assert second.json()["responsible_is_client"] is True

    got = http.get(f"/api/v1/plans/{plan_id}").json()
    assert [a["description"] for a in got["actions"]] == ["Työkokeilu", "Kuntoutusraha"]

    pdf = http.get(f"/api/v1/plans/{plan_id}/pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert "Kuntoutusraha" in pdf_text(pdf.content)
    summary = http.get(f"/api/v1/plans/{plan_id}/record-summary")
    assert summary["Content-Type"].startswith("text/plain")
    assert "Työkokeilu" in summary.content.decode()


def test_second_meeting_makes_version_two(api, coordinator, plan, physician):
    http = api(coordinator)
    meeting = http.post(
        f"/api/v1/episodes/{plan.episode_id}/meetings",
        _meeting_body(physician.pk, send_invitations=False),
        content_type=JSON,
    ).json()
    second = http.post(f"/api/v1/meetings/{meeting['id']}/plan", {}, content_type=JSON).json()
    assert second["number"] == 2
    assert second["client_wishes"] == plan.client_wishes
    assert ClientPlan.objects.count() == 2


def test_bad_input_answers_422_and_saves_nothing(api, coordinator, episode, plan):
    http = api(coordinator)
    bad_topic = http.post(
        f"/api/v1/episodes/{episode.pk}/meetings",
        _meeting_body(topics=["holiday"]),
        content_type=JSON,
    )
    unknown_person = http.post(
        f"/api/v1/episodes/{episode.pk}/meetings", _meeting_body(123456), content_type=JSON
    )
    bad_action = http.post(
        f"/api/v1/plans/{plan.pk}/actions",
        {
            "category": "work_trial",
            "description": "x",
            "due_on": "2030-01-01",
        },
        content_type=JSON,
    )
    assert bad_topic.status_code == unknown_person.status_code == bad_action.status_code == 422
    assert Meeting.objects.count() == 1
    assert not plan.actions.exists()


def test_api_refusals(api, other_coordinator, manager, physician, plan, episode):
    assert api(other_coordinator).get(f"/api/v1/plans/{plan.pk}").status_code == 404
    assert api(manager).get(f"/api/v1/plans/{plan.pk}").status_code == 403
    assert api(physician).get(f"/api/v1/plans/{plan.pk}").status_code == 403  # no consent
    refused = api(physician).post(
        f"/api/v1/episodes/{episode.pk}/meetings", _meeting_body(physician.pk), content_type=JSON
    )
    assert refused.status_code in (403, 404)


def test_anonymous_api_request_is_401(plan):
    from django.test import Client as HttpClient

    assert HttpClient().get(f"/api/v1/plans/{plan.pk}").status_code == 401


def test_responsible_professional_updates_status_through_the_api(
    api, physician, physician_action, physician_consent
):
    response = api(physician).patch(
        f"/api/v1/actions/{physician_action.pk}", {"status": "done"}, content_type=JSON
    )
    assert response.status_code == 200
    assert response.json()["status"] == "done"


def test_each_api_request_writes_one_access_log_entry(api, coordinator, plan):
    http = api(coordinator)
    for path in (f"/api/v1/plans/{plan.pk}", f"/api/v1/plans/{plan.pk}/record-summary"):
        before = AccessLogEntry.objects.count()
        http.get(path)
        assert AccessLogEntry.objects.count() == before + 1
