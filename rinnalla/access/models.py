from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AccessLogEntry(models.Model):
    """One look at or change of a client's data (lokitieto), allowed or refused.

    Append-only: the application never updates or deletes entries, and on PostgreSQL a
    trigger refuses UPDATE and DELETE on this table.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("View")
        CHANGE = "change", _("Change")

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", _("Allowed")
        REFUSED = "refused", _("Refused")

    class Channel(models.TextChoices):
        PAGE = "page", _("Page")
        API = "api", _("API")
        PDF = "pdf", _("PDF")
        EXPORT = "export", _("Export")
        TASK = "task", _("Background job")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    username = models.CharField(_("user"), max_length=150)
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, related_name="+"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    part = models.CharField(_("part"), max_length=60)
    purpose = models.CharField(_("purpose"), max_length=200, blank=True)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    break_glass = models.BooleanField(_("emergency access"), default=False)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [models.Index(fields=["client", "at"], name="accesslog_client_idx")]
        default_permissions = ("view",)
