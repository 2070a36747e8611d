"""The client's own view (oma näkymä): the coordinator's switch, sign-in codes, task reports.

The client is not a ``User``: a signed-in client is a principal of the access rule
(``rinnalla.access.client_principal``) kept in the session by ``rinnalla.portal.session``.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PortalAccess(models.Model):
    """Whether a client may sign in to their own view; the coordinator switches it.

    Under turvakielto (``Client.non_disclosure``) a code by e-mail or text message is
    sent only when the coordinator has explicitly allowed it; strong identification
    is not affected.
    """

    client = models.OneToOneField(
        "clients.Client", on_delete=models.PROTECT, related_name="portal_access"
    )
    enabled = models.BooleanField(_("the client can use their own view"), default=False)
    allow_codes_under_non_disclosure = models.BooleanField(
        _("send sign-in codes by e-mail or text message despite the turvakielto"),
        default=False,
    )
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("client's own view")
        verbose_name_plural = _("clients' own views")
        indexes = [models.Index(fields=["enabled"], name="portal_enabled_idx")]

    def __str__(self) -> str:
        return f"{self.client_id}: {'on' if self.enabled else 'off'}"

    @property
    def codes_allowed(self) -> bool:
        return self.enabled and (
            not self.client.non_disclosure or self.allow_codes_under_non_disclosure
        )


class SignInCode(models.Model):
    """A one-time sign-in code (6 digits) and its direct link, sent to a known contact.

    Only keyed hashes are stored. The code expires, works once, and is void after too
    many wrong tries; the link works only in the browser that asked for the code.
    """

    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        SMS = "sms", _("Text message")

    contact_hash = models.CharField(max_length=64)
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    code_hash = models.CharField(max_length=64)
    link_hash = models.CharField(max_length=64, unique=True)
    device_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_attempts = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["contact_hash", "-created_at"], name="signin_contact_idx")]

    def __str__(self) -> str:
        return f"{self.client_id} {self.created_at:%d.%m.%Y %H:%M}"


class SignInThrottle(models.Model):
    """Tries and sends per contact, known or not, so an unknown one answers the same."""

    contact_hash = models.CharField(max_length=64, unique=True)
    failures = models.PositiveSmallIntegerField(default=0)
    paused_until = models.DateTimeField(null=True, blank=True)
    window_started_at = models.DateTimeField(default=timezone.now)
    sent_in_window = models.PositiveSmallIntegerField(default=0)

    def __str__(self) -> str:
        return self.contact_hash[:8]


class TaskReport(models.Model):
    """The client's word on one of their plan actions: "done" or "I need help".

    The coordinator sees open reports in My work and handles them (a "done" report is
    confirmed by marking the action done).
    """

    class Kind(models.TextChoices):
        DONE = "done", _("Done")
        HELP = "help", _("Needs help")

    action = models.ForeignKey(
        "plans.PlanAction", on_delete=models.PROTECT, related_name="client_reports"
    )
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    message = models.TextField(_("message"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    handled_at = models.DateTimeField(null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("client's report on a task")
        verbose_name_plural = _("clients' reports on tasks")
        indexes = [models.Index(fields=["action", "handled_at"], name="taskreport_action_idx")]
        constraints = [
            # One open report of each kind per action: pressing twice changes nothing.
            models.UniqueConstraint(
                fields=["action", "kind"],
                condition=Q(handled_at__isnull=True),
                name="one_open_report_per_kind",
            )
        ]

    def __str__(self) -> str:
        return f"{self.action_id} {self.kind}"
