import datetime
import hashlib
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.core.validators import MaxValueValidator, MinValueValidator
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
    # For the caseload per full-time equivalent in the service owner's reports.
    working_time_percent = models.PositiveSmallIntegerField(
        _("working time, %"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Share of full time spent on this work, e.g. 100 or 60."),
    )

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

    @property
    def sees_client_data(self) -> bool:
        """Coordinators and network professionals; managers and administrators never do."""
        return self.role in (self.Role.COORDINATOR, self.Role.NETWORK_PROFESSIONAL)

    @property
    def must_use_two_step(self) -> bool:
        """Whether the login needs a second factor (``RINNALLA_REQUIRE_2FA``)."""
        return settings.RINNALLA_REQUIRE_2FA and self.sees_client_data

    def save(self, *args, **kwargs):
        # A new password or a deactivation ends every API token: a stolen token must not
        # outlive the credentials that issued it.
        password_changed = self._password is not None
        super().save(*args, **kwargs)
        if self.pk and (password_changed or not self.is_active):
            ApiToken.objects.filter(user=self, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenQuerySet(models.QuerySet):
    def for_raw(self, raw: str):
        """The live token with this value: not revoked and not expired."""
        return self.filter(
            key_hash=_hash_token(raw), revoked_at__isnull=True, expires_at__gt=timezone.now()
        )


def _default_expiry() -> datetime.datetime:
    return timezone.now() + datetime.timedelta(days=settings.RINNALLA_API_TOKEN_DAYS)


class ApiTokenOwnerIsFixed(ValueError):
    """A token belongs to the user it was issued to, for good."""


class ApiToken(models.Model):
    """A bearer token for the JSON API. Only its SHA-256 hash is stored.

    The owner never changes after creation (``save`` refuses it and the admin shows it
    read-only); a token expires (``RINNALLA_API_TOKEN_DAYS``) and is revoked when its
    owner's password changes or the owner is deactivated.
    """

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    prefix = models.CharField(max_length=8)
    name = models.CharField(_("name"), max_length=100, blank=True)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.WRITE)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"), default=_default_expiry)
    # Issued in a session that passed the second factor: required for the tokens of
    # users who must use two-step verification.
    two_step_verified = models.BooleanField(_("issued after two-step verification"), default=False)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = ApiTokenQuerySet.as_manager()

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            owner = ApiToken.objects.filter(pk=self.pk).values_list("user_id", flat=True).first()
            if owner is not None and owner != self.user_id:
                raise ApiTokenOwnerIsFixed("an API token's owner cannot be changed")
        super().save(*args, **kwargs)

    @property
    def is_live(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @classmethod
    def issue(
        cls,
        user: User,
        *,
        scope: str = Scope.WRITE,
        name: str = "",
        two_step_verified: bool = False,
        days: int | None = None,
    ) -> tuple["ApiToken", str]:
        raw = secrets.token_urlsafe(32)
        days = settings.RINNALLA_API_TOKEN_DAYS if days is None else days
        token = cls.objects.create(
            user=user,
            key_hash=_hash_token(raw),
            prefix=raw[:8],
            name=name,
            scope=scope,
            two_step_verified=two_step_verified,
            expires_at=timezone.now() + datetime.timedelta(days=days),
        )
        return token, raw


class AdminAuditQuerySet(models.QuerySet):
    def update(self, **kwargs):
        raise RuntimeError("the administrative audit log is append-only")

    def delete(self):
        raise RuntimeError("the administrative audit log is append-only")


class AdminAuditEntry(models.Model):
    """One administrative change of a user's powers (append-only).

    Who changed which user's role, organisation, active state, staff status, password,
    two-step verification or API tokens, and when. An auditor reads it in the admin;
    nobody can change or delete it (a PostgreSQL trigger refuses UPDATE and DELETE).
    """

    class Change(models.TextChoices):
        CREATED = "created", _("User created")
        ROLE = "role", _("Role")
        ORGANISATION = "organisation", _("Organisation")
        ACTIVE = "is_active", _("Active")
        STAFF = "is_staff", _("Staff status")
        PASSWORD = "password", _("Password set")
        TWO_STEP = "two_step", _("Two-step verification")
        TOKEN = "api_token", _("API token")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, related_name="+", verbose_name=_("by")
    )
    actor_username = models.CharField(_("by"), max_length=150)
    target = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="+", verbose_name=_("user")
    )
    change = models.CharField(_("change"), max_length=20, choices=Change.choices)
    old_value = models.CharField(_("before"), max_length=200, blank=True)
    new_value = models.CharField(_("after"), max_length=200, blank=True)

    objects = AdminAuditQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("administrative change")
        verbose_name_plural = _("administrative changes")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_username}: {self.change} {self.target}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise RuntimeError("the administrative audit log is append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise RuntimeError("the administrative audit log is append-only")
