from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SourceKind(models.TextChoices):
    PHYSICIAN = "physician", _("Physician")
    PHYSIOTHERAPIST = "physiotherapist", _("Physiotherapist")
    PSYCHIATRIC_NURSE = "psychiatric_nurse", _("Psychiatric nurse")
    HEALTH_CHECK_NURSE = "health_check_nurse", _("Nurse of the unemployed health check")
    SOCIAL_WORK = "social_work", _("Social work")
    EMPLOYMENT_SERVICES = "employment_services", _("Municipal employment services")
    TE_SERVICES = "te_services", _("TE services")
    TYP = "typ", _("TYP joint service")
    KELA = "kela", _("Kela")
    NGO = "ngo", _("NGO")
    SELF = "self", _("Self-referral")
    WALK_IN = "walk_in", _("Walk-in reception")
    OTHER = "other", _("Other")


class Channel(models.TextChoices):
    PATIENT_RECORD_MESSAGE = "patient_record_message", _("Patient record message")
    ENCRYPTED_EMAIL = "encrypted_email", _("Encrypted e-mail")
    PHONE = "phone", _("Phone")
    PAPER = "paper", _("Paper")
    IN_PERSON = "in_person", _("In person")
    WEB_FORM = "web_form", _("Web form")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    URGENT = "urgent", _("Urgent")


class Decision(models.TextChoices):
    ACCEPT = "accept", _("Accept")
    REDIRECT = "redirect", _("Redirect")
    DECLINE = "decline", _("Decline")
    # The client already has an open relationship in the service: add the referral to it.
    ATTACH = "attach", _("Attach to the open client relationship")


class Referral(models.Model):
    """A referral (lähete) to the work ability coordination service."""

    class Status(models.TextChoices):
        RECEIVED = "received", _("Received")
        ACCEPTED = "accepted", _("Accepted")
        REDIRECTED = "redirected", _("Redirected")
        DECLINED = "declined", _("Declined")
        ATTACHED = "attached", _("Attached to the open client relationship")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="referrals",
    )
    # The name as the sender wrote it. An existing client (same henkilötunnus) is never
    # renamed by a referral; the coordinator sees both when they differ.
    given_name = models.CharField(_("name in the referral"), max_length=201, blank=True)
    service = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("receiving service"),
        on_delete=models.PROTECT,
        related_name="received_referrals",
    )
    source_kind = models.CharField(_("source"), max_length=30, choices=SourceKind.choices)
    source_organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("referring organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sent_referrals",
    )
    source_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("referring professional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="sent_referrals",
    )
    channel = models.CharField(_("channel"), max_length=30, choices=Channel.choices)
    reason = models.TextField(_("reason for referral"))
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    received_on = models.DateField(_("received on"))
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.RECEIVED
    )
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    triaged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    triage_reason = models.TextField(_("triage reason"), blank=True)
    redirected_to = models.CharField(_("redirected to"), max_length=200, blank=True)
    episode = models.OneToOneField(
        "episodes.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="referral",
    )
    # A later referral added to a relationship that was already open in the service.
    attached_to = models.ForeignKey(
        "episodes.Episode",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attached_referrals",
    )

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        indexes = [
            # The triage queue: one service's untriaged referrals, oldest first.
            models.Index(
                fields=["service", "received_on", "id"],
                name="referral_queue_idx",
                condition=Q(status="received"),
            ),
            models.Index(
                fields=["source_professional", "-received_on"], name="referral_sender_idx"
            ),
            # The access rule's "clients referred to my service" (index-only).
            models.Index(fields=["service", "client"], name="referral_service_client_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="received", triaged_at__isnull=True)
                | (~Q(status="received") & Q(triaged_at__isnull=False)),
                name="referral_triaged_iff_decided",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(episode__isnull=False),
                name="referral_accepted_has_episode",
            ),
            models.CheckConstraint(
                condition=Q(status="attached", attached_to__isnull=False)
                | (~Q(status="attached") & Q(attached_to__isnull=True)),
                name="referral_attached_iff_attached_to",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_source_kind_display()} {self.received_on:%d.%m.%Y}"

    @property
    def is_triaged(self) -> bool:
        return self.status != self.Status.RECEIVED
