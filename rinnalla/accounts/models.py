import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Organisation(models.Model):
    """An organisation of the work ability support network (työkyvyn tuen verkosto)."""

    class Kind(models.TextChoices):
        HEALTH_CENTRE = "health_centre", _("Health centre")
        SOCIAL_WORK = "social_work", _("Social work")
        EMPLOYMENT_SERVICES = "employment_services", _("Municipal employment services")
        TE_SERVICES = "te_services", _("TE services")
        TYP = "typ", _("TYP joint service")
        KELA = "kela", _("Kela")
        PENSION_INSURER = "pension_insurer", _("Earnings-related pension insurer")
        NGO = "ngo", _("NGO")
        PRIVATE_PROVIDER = "private_provider", _("Private service provider")
        SPECIALIST_CARE = "specialist_care", _("Specialist care")

    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("type"), max_length=40, choices=Kind.choices)
    is_coordination_service = models.BooleanField(
        _("work ability coordination service"),
        default=False,
        help_text=_("Receives referrals and owns client relationships."),
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A professional of the network, or a manager or administrator."""

    class Role(models.TextChoices):
        COORDINATOR = "coordinator", _("Work ability coordinator")
        NETWORK_PROFESSIONAL = "network_professional", _("Network professional")
        MANAGER = "manager", _("Manager")
        ADMINISTRATOR = "administrator", _("Administrator")

    role = models.CharField(
        _("role"), max_length=30, choices=Role.choices, default=Role.NETWORK_PROFESSIONAL
    )
    profession = models.CharField(_("profession"), max_length=120, blank=True)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="professionals",
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    # Shown to the clients whose contact person this is ("Mon–Thu 9–10").
    phone_hours = models.CharField(_("when to call"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        ordering = ["last_name", "first_name"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_coordinator(self) -> bool:
        return self.role == self.Role.COORDINATOR

    @property
    def is_network_professional(self) -> bool:
        return self.role == self.Role.NETWORK_PROFESSIONAL

    @property
    def is_manager(self) -> bool:
        return self.role == self.Role.MANAGER

    @property
    def is_administrator(self) -> bool:
        return self.role == self.Role.ADMINISTRATOR


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_raw(self, raw: str):
        return self.filter(key_hash=_hash_token(raw), revoked_at__isnull=True)


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 hash is stored."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    @classmethod
    def issue(cls, user: User) -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        token = cls.objects.create(user=user, key_hash=_hash_token(raw), prefix=raw[:8])
        return token, raw
