import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.consent.scans import scan_storage, scan_upload_to


class Purpose(models.TextChoices):
    INFORMATION_EXCHANGE = "information_exchange", _("Information exchange")
    COOPERATION = "cooperation", _("Cooperation and network meetings")
    CONSULTATION = "consultation", _("Consultation")


class Method(models.TextChoices):
    SIGNED_PAPER = "signed_paper", _("Signed on paper")
    ELECTRONIC = "electronic", _("Given electronically")
    ORAL = "oral", _("Given orally and recorded")


class ConsentQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date):
        """Consents in force on ``day``: started, not expired, not withdrawn."""
        return self.filter(
            Q(given_on__lte=day),
            Q(valid_until__isnull=True) | Q(valid_until__gte=day),
            withdrawn_at__isnull=True,
        )

    def valid_now(self):
        return self.valid_on(timezone.localdate())


class Consent(models.Model):
    """The client's written consent (suostumus) to share data with named organisations."""

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="consents",
    )
    organisations = models.ManyToManyField(
        "accounts.Organisation", verbose_name=_("organisations"), related_name="consents"
    )
    # The first of ``purposes`` (kept for filters and the API); one signed paper often
    # names several purposes, so the consent records them all.
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    purposes = models.JSONField(_("purposes"), default=list, blank=True)
    method = models.CharField(_("how given"), max_length=20, choices=Method.choices)
    given_on = models.DateField(_("given on"))
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    withdrawal_note = models.TextField(_("withdrawal note"), blank=True)
    # The signed form, outside the web root; readable only through consent:scan.
    scan = models.FileField(
        _("scan of the signed form"),
        upload_to=scan_upload_to,
        storage=scan_storage,
        blank=True,
        max_length=100,
    )
    scan_content_type = models.CharField(max_length=40, blank=True, editable=False)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("given_on")),
                name="consent_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} {self.given_on:%d.%m.%Y}"

    def get_purposes_display(self) -> str:
        """Every purpose of the consent, in the choices' order, joined for a table cell."""
        chosen = set(self.purposes or [self.purpose])
        return ", ".join(str(label) for value, label in Purpose.choices if value in chosen)

    @property
    def status(self) -> str:
        """valid / expired / withdrawn / not_yet_valid, today."""
        return self.status_on(timezone.localdate())

    def status_on(self, day: datetime.date) -> str:
        if self.withdrawn_at is not None:
            return "withdrawn"
        if self.given_on > day:
            return "not_yet_valid"
        if self.valid_until is not None and self.valid_until < day:
            return "expired"
        return "valid"

    def is_valid_on(self, day: datetime.date) -> bool:
        return (
            self.withdrawn_at is None
            and self.given_on <= day
            and (self.valid_until is None or day <= self.valid_until)
        )
