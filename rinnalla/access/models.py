from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class AccessLogIsAppendOnly(RuntimeError):
    """The access log can only grow: no entry is ever changed or removed."""


class AccessLogQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise AccessLogIsAppendOnly("access log entries cannot be updated")

    def delete(self):
        raise AccessLogIsAppendOnly("access log entries cannot be deleted")


class AccessLogEntry(models.Model):
    """One look at or change of a client's data (lokitieto), allowed or refused.

    Append-only: the application never updates or deletes entries (save() of an
    existing entry, delete() and queryset update()/delete() raise), and on PostgreSQL
    a trigger refuses UPDATE and DELETE on this table.
    """

    class Action(models.TextChoices):
        VIEW = "view", pgettext_lazy("access log action", "View")
        CHANGE = "change", pgettext_lazy("access log action", "Change")

    class Outcome(models.TextChoices):
        ALLOWED = "allowed", _("Allowed")
        REFUSED = "refused", _("Refused")

    class Channel(models.TextChoices):
        PAGE = "page", pgettext_lazy("access log channel", "Page")
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
    # Who the user was at the time: renaming a user or moving them to another
    # organisation must not rewrite the history the client reads.
    user_name = models.CharField(_("name"), max_length=300, blank=True)
    user_role = models.CharField(_("role"), max_length=30, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    # The client themself, signed in to their own view (see access.client_principal).
    by_client = models.BooleanField(_("the client themself"), default=False)
    # Set when the client's records were deleted past their keeping time (client is then
    # NULL): a keyed hash of the henkilötunnus, so the entry still says whose data was
    # seen without keeping the person's identity in clear (ops.retention).
    client_ref = models.CharField(max_length=64, blank=True, default="", db_default="")

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        indexes = [
            models.Index(fields=["client", "at"], name="accesslog_client_idx"),
            models.Index(
                fields=["client_ref"], condition=~models.Q(client_ref=""), name="accesslog_ref_idx"
            ),
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.at:%d.%m.%Y %H:%M} {self.username} {self.action} {self.part}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AccessLogIsAppendOnly("an access log entry cannot be changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogIsAppendOnly("access log entries cannot be deleted")


class AccessLogListing(models.Model):
    """A client shown in a list or search result that one log entry records (append-only).

    So that the client's "who has seen my data" also says when their row was on
    someone's screen in a list, not only when their own page was opened.
    """

    entry = models.ForeignKey(AccessLogEntry, on_delete=models.PROTECT, related_name="listed")
    # NULL, with client_ref set, once the client's records were deleted (see AccessLogEntry).
    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, null=True, related_name="+"
    )
    client_ref = models.CharField(max_length=64, blank=True, default="", db_default="")

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("client shown in a list")
        verbose_name_plural = _("clients shown in lists")
        indexes = [models.Index(fields=["client", "entry"], name="accesslisting_client_idx")]
        constraints = [
            models.UniqueConstraint(fields=["entry", "client"], name="accesslisting_unique")
        ]
        default_permissions = ("view",)

    def __str__(self) -> str:
        return f"{self.entry_id} → {self.client_id}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise AccessLogIsAppendOnly("an access log entry cannot be changed once written")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise AccessLogIsAppendOnly("access log entries cannot be deleted")


class BreakGlassGrantQuerySet(models.QuerySet):
    def active(self, *, at=None):
        return self.filter(expires_at__gt=at or timezone.now())


class BreakGlassGrant(models.Model):
    """A coordinator's time-boxed emergency access (hätäkäyttö) to one client, with a reason.

    Every look made under it is flagged ``break_glass`` in the access log and carries
    the reason as its purpose.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass_grants"
    )
    client = models.ForeignKey("clients.Client", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(_("reason"), max_length=200)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField(_("valid until"))

    objects = BreakGlassGrantQuerySet.as_manager()

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        indexes = [models.Index(fields=["user", "client", "expires_at"], name="breakglass_idx")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="break_glass_expires_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.client_id} ({self.expires_at:%d.%m.%Y %H:%M})"


class AccessGrant(models.Model):
    """Who may see which client, precomputed from the access rule (``access.grants``).

    A *service* grant: the client is a client of the service (registered there, or with
    a client relationship or a referral there); its coordinators see the client. A
    *participation* grant: the user takes part in an open client relationship of the
    client and a consent covers the user's organisation, from ``valid_from`` to
    ``valid_until`` (the consent's dates; withdrawal removes the grant at once).
    Services keep the table current (``grants.refresh``); ``manage.py
    rebuild_access_grants --verify`` compares it with the rule.
    """

    class Reason(models.TextChoices):
        SERVICE = "service", _("Client of the service")
        PARTICIPATION = "participation", _("Takes part, with consent")

    client = models.ForeignKey("clients.Client", on_delete=models.CASCADE, related_name="+")
    service = models.ForeignKey(
        "accounts.Organisation", on_delete=models.CASCADE, null=True, related_name="+"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, related_name="+"
    )
    reason = models.CharField(max_length=20, choices=Reason.choices)
    valid_from = models.DateField(null=True)
    valid_until = models.DateField(null=True)

    class Meta:
        indexes = [
            models.Index(fields=["service", "client"], name="grant_service_idx"),
            models.Index(
                fields=["user", "valid_until", "valid_from", "client"], name="grant_user_idx"
            ),
            models.Index(fields=["client"], name="grant_client_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(reason="service", service__isnull=False, user__isnull=True)
                    | models.Q(reason="participation", service__isnull=True, user__isnull=False)
                ),
                name="grant_service_or_user",
            )
        ]

    def __str__(self) -> str:
        who = f"service {self.service_id}" if self.service_id else f"user {self.user_id}"
        return f"{who} → client {self.client_id} ({self.reason})"
