import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from rinnalla.plans.models import ActionStatus, PlanAction
from rinnalla.plans.services import action_create, action_set_status

pytestmark = pytest.mark.django_db


def test_coordinator_adds_actions_for_a_professional_and_for_the_client(
    web, coordinator, plan, physician
):
    web.force_login(coordinator)
    url = reverse("plans:action_create", args=[plan.pk])
    due = (timezone.localdate() + datetime.timedelta(days=20)).isoformat()
    first = web.post(
        url,
        {
            "category": "work_trial",
            "description": "Työkokeilu Oy:ssä",
            "responsible": f"p{physician.pk}",
            "due_on": due,
        },
    )
    second = web.post(
        url,
        {
            "category": "pension_application",
            "description": "Hakee eläkettä",
            "responsible": "client",
            "due_on": due,
        },
    )
    assert first.status_code == second.status_code == 302
    actions = PlanAction.objects.order_by("id")
    assert [a.responsible_professional for a in actions] == [physician, None]
    assert [a.responsible_is_client for a in actions] == [False, True]
    assert all(a.status == ActionStatus.PLANNED for a in actions)
    page = web.get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert "Työkokeilu Oy:ssä" in page and "Hakee eläkettä" in page


def test_action_needs_a_responsible_person_and_a_due_date(web, coordinator, plan):
    web.force_login(coordinator)
    response = web.post(
        reverse("plans:action_create", args=[plan.pk]),
        {"category": "work_trial", "description": "x", "responsible": "", "due_on": ""},
    )
    assert response.status_code == 400
    assert {"responsible", "due_on"} <= set(response.context["form"].errors)
    assert not PlanAction.objects.exists()


def test_unknown_category_is_refused_by_the_service(coordinator, plan, physician):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        action_create(
            actor=coordinator,
            plan=plan,
            category="holiday",
            description="x",
            due_on=timezone.localdate(),
            responsible_professional=physician,
        )


def test_status_changes_keep_who_and_when(coordinator, physician, physician_action):
    action_set_status(actor=physician, action=physician_action, status="in_progress")
    action_set_status(actor=physician, action=physician_action, status="done", note="Valmis")
    history = list(physician_action.history.values_list("from_status", "to_status", "changed_by"))
    assert history == [
        ("", "planned", physician_action.created_by_id),
        ("planned", "in_progress", physician.pk),
        ("in_progress", "done", physician.pk),
    ]
    physician_action.refresh_from_db()
    assert physician_action.status_changed_by == physician


def test_an_overdue_action_can_still_be_completed(coordinator, plan, physician):
    action = action_create(
        actor=coordinator,
        plan=plan,
        category="further_assessment",
        description="Lausunto",
        responsible_professional=physician,
        due_on=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert action.is_overdue
    action_set_status(actor=physician, action=action, status="done")
    action.refresh_from_db()
    assert action.status == "done" and not action.is_overdue


def test_the_responsible_professional_updates_the_status_from_my_work(
    web, physician, physician_action, physician_consent
):
    web.force_login(physician)
    response = web.post(
        reverse("plans:action_status", args=[physician_action.pk]),
        {"status": "in_progress", "next": reverse("followup:my_work")},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("followup:my_work")
    physician_action.refresh_from_db()
    assert physician_action.status == "in_progress"


def test_a_professional_not_responsible_cannot_change_the_status(
    web, kela_advisor, physician_action, kela_consent
):
    web.force_login(kela_advisor)  # took part in the meeting, has consent, not responsible
    response = web.post(
        reverse("plans:action_status", args=[physician_action.pk]), {"status": "done"}
    )
    assert response.status_code == 403
    physician_action.refresh_from_db()
    assert physician_action.status == "planned"


def test_status_update_does_not_redirect_outside(web, coordinator, physician_action):
    web.force_login(coordinator)
    response = web.post(
        reverse("plans:action_status", args=[physician_action.pk]),
        {"status": "done", "next": "https://evil.example.com/"},
    )
    assert response["Location"] == reverse("plans:plan_detail", args=[physician_action.plan_id])


def test_bad_status_changes_nothing(web, coordinator, physician_action):
    web.force_login(coordinator)
    web.post(reverse("plans:action_status", args=[physician_action.pk]), {"status": "lost"})
    physician_action.refresh_from_db()
    assert physician_action.status == "planned"


def test_other_coordinator_gets_404_for_an_action(web, other_coordinator, physician_action):
    web.force_login(other_coordinator)
    response = web.post(
        reverse("plans:action_status", args=[physician_action.pk]), {"status": "done"}
    )
    assert response.status_code == 404
