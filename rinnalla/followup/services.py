"""Reminder e-mails to the persons responsible for plan actions.

A reminder goes N days before the due date (``RINNALLA_REMINDER_DAYS_BEFORE``) and once
the action is overdue. ``ReminderSent`` (unique per action and kind) is written in the
same transaction as the message is sent, so a reminder is never sent twice, however
often or however concurrently the job runs; if sending fails, the record rolls back and
the next run tries again.

The messages name no client (e-mail is not a secure channel): the category, the due
date and a link to "My work" are enough for the responsible person to act. Actions the
client is responsible for are followed up by the coordinator on the cracks list.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from rinnalla.followup.models import ReminderKind, ReminderSent
from rinnalla.plans.models import OPEN_STATUSES, PlanAction

logger = logging.getLogger(__name__)


def _candidates(kind: str, today: datetime.date) -> QuerySet[PlanAction]:
    already = ReminderSent.objects.filter(action=OuterRef("pk"), kind=kind)
    actions = (
        PlanAction.objects.filter(
            status__in=OPEN_STATUSES,
            responsible_professional__isnull=False,
            responsible_professional__is_active=True,
        )
        .exclude(responsible_professional__email="")
        # An action left open when its relationship was closed is still its owner's
        # work (it is in their My work), so its reminders go out too.
        .exclude(Exists(already))
        .select_related("responsible_professional")
        .order_by("due_on", "id")
    )
    if kind == ReminderKind.OVERDUE:
        return actions.filter(due_on__lt=today)
    days = settings.RINNALLA_REMINDER_DAYS_BEFORE
    return actions.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=days))


def _message(action: PlanAction, kind: str) -> tuple[str, str]:
    due = formats.date_format(action.due_on, "SHORT_DATE_FORMAT")
    category = action.get_category_display()
    if kind == ReminderKind.OVERDUE:
        subject = _("Overdue action: %(category)s (due %(due)s)")
        lead = _("An action you are responsible for is overdue.")
    else:
        subject = _("Reminder: %(category)s is due %(due)s")
        lead = _("An action you are responsible for is due soon.")
    url = settings.RINNALLA_BASE_URL + reverse("followup:my_work")
    body = "\n\n".join(
        [
            lead,
            _("Action: %(category)s\nDue date: %(due)s") % {"category": category, "due": due},
            _('Update its status in Rinnalla under "My work": %(url)s') % {"url": url},
            _("For data protection this message does not name the client."),
        ]
    )
    return subject % {"category": category, "due": due}, body


def reminders_send(*, today: datetime.date | None = None) -> dict[str, int]:
    """Send every reminder that is due now and has not been sent; return counts per kind."""
    today = today or timezone.localdate()
    sent = {ReminderKind.BEFORE_DUE.value: 0, ReminderKind.OVERDUE.value: 0}
    with translation.override(settings.LANGUAGE_CODE):
        for kind in (ReminderKind.OVERDUE, ReminderKind.BEFORE_DUE):
            for action in _candidates(kind, today):
                if _send_one(action, kind):
                    sent[kind.value] += 1
    return sent


def _send_one(action: PlanAction, kind: str) -> bool:
    recipient = action.responsible_professional.email
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                action=action, kind=kind, recipient=recipient, sent_at=timezone.now()
            )
            subject, body = _message(action, kind)
            send_mail(subject, body, None, [recipient])
    except IntegrityError:
        return False  # another run sent it a moment ago
    except Exception:
        logger.exception("Reminder for action %s (%s) could not be sent", action.pk, kind)
        return False
    return True
