"""Reminder e-mails: one per action per reminder kind, never twice (frozen clock)."""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from rinnalla.followup.models import ReminderSent
from rinnalla.followup.tasks import send_reminders
from rinnalla.plans.services import action_create, action_set_status

pytestmark = pytest.mark.django_db
IMMEDIATE = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@pytest.fixture
def emails(physician, kela_advisor):
    physician.email = "pekka@example.com"
    physician.save()
    kela_advisor.email = "kaisa@example.com"
    kela_advisor.save()


@pytest.fixture
def actions(coordinator, plan, physician, kela_advisor, emails):
    today = timezone.localdate()
    return {
        "physician": action_create(
            actor=coordinator,
            plan=plan,
            category="further_assessment",
            description="B-lausunto",
            responsible_professional=physician,
            due_on=today + datetime.timedelta(days=10),
        ),
        "kela": action_create(
            actor=coordinator,
            plan=plan,
            category="rehabilitation_allowance_application",
            description="Kuntoutusrahan selvitys",
            responsible_professional=kela_advisor,
            due_on=today + datetime.timedelta(days=20),
        ),
        "client": action_create(
            actor=coordinator,
            plan=plan,
            category="pension_application",
            description="Eläkehakemus",
            responsible_is_client=True,
            due_on=today + datetime.timedelta(days=10),
        ),
    }


def _at(day: datetime.date):
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 0)))
    return mock.patch("django.utils.timezone.now", return_value=moment)


def _sent():
    return sorted((m.to[0], m.subject) for m in mail.outbox)


def test_one_email_per_action_per_reminder_and_none_twice(actions, settings):
    settings.RINNALLA_REMINDER_DAYS_BEFORE = 3
    physician_due = actions["physician"].due_on
    kela_due = actions["kela"].due_on

    with _at(physician_due - datetime.timedelta(days=5)):
        assert send_reminders.call() == {"before_due": 0, "overdue": 0}
    assert mail.outbox == []

    with _at(physician_due - datetime.timedelta(days=3)):
        assert send_reminders.call() == {"before_due": 1, "overdue": 0}
        assert send_reminders.call() == {"before_due": 0, "overdue": 0}  # again: nothing
    assert [m.to for m in mail.outbox] == [["pekka@example.com"]]
    assert "B-lausunto" not in mail.outbox[0].body  # no health data by e-mail

    with _at(physician_due + datetime.timedelta(days=1)):
        assert send_reminders.call() == {"before_due": 0, "overdue": 1}
    with _at(kela_due - datetime.timedelta(days=1)):
        assert send_reminders.call() == {"before_due": 1, "overdue": 0}
    with _at(kela_due + datetime.timedelta(days=5)):
        assert send_reminders.call() == {"before_due": 0, "overdue": 1}
        assert send_reminders.call() == {"before_due": 0, "overdue": 0}

    recipients = [m.to[0] for m in mail.outbox]
    assert recipients.count("pekka@example.com") == 2
    assert recipients.count("kaisa@example.com") == 2
    assert ReminderSent.objects.count() == 4


def test_done_actions_get_no_reminder(actions, coordinator, physician):
    action_set_status(actor=physician, action=actions["physician"], status="done")
    with _at(actions["physician"].due_on + datetime.timedelta(days=30)):
        sent = send_reminders.call()
    assert sent["overdue"] == 1  # only the Kela advisor's action
    assert [m.to for m in mail.outbox] == [["kaisa@example.com"]]


def test_a_failed_send_is_tried_again_next_time(actions):
    with _at(actions["physician"].due_on + datetime.timedelta(days=1)):
        with mock.patch("rinnalla.followup.services.send_mail", side_effect=OSError("down")):
            assert send_reminders.call()["overdue"] == 0
        assert not ReminderSent.objects.exists()
        assert send_reminders.call()["overdue"] == 1


def test_the_task_runs_through_the_task_backend(actions):
    with override_settings(TASKS=IMMEDIATE), _at(actions["physician"].due_on):
        result = send_reminders.enqueue()
        assert result.return_value == {"before_due": 1, "overdue": 0}
    assert [m.to for m in mail.outbox] == [["pekka@example.com"]]


def test_send_reminders_command_runs_and_enqueues(actions, capsys):
    with _at(actions["physician"].due_on):
        call_command("send_reminders")
        call_command("send_reminders")
    assert len(mail.outbox) == 1
    with override_settings(TASKS=IMMEDIATE), _at(actions["kela"].due_on):
        call_command("send_reminders", "--enqueue")
    # the Kela advisor's "due soon" and the physician's "overdue"
    assert len(mail.outbox) == 3
    assert "Enqueued" in capsys.readouterr().out
