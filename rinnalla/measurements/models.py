import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from rinnalla.measurements import instruments


class ResultOnlyInstrument(models.Model):
    """A proprietary instrument added by the administrator: Rinnalla stores its result only."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    licence_holder = models.CharField(_("licence holder"), max_length=200, blank=True)
    min_score = models.DecimalField(
        _("lowest score"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    max_score = models.DecimalField(
        _("highest score"), max_digits=7, decimal_places=1, null=True, blank=True
    )
    is_active = models.BooleanField(_("in use"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("result-only instrument")
        verbose_name_plural = _("result-only instruments")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        language = (get_language() or "fi")[:2]
        return getattr(self, f"name_{language}", "") or self.name_fi

    def clean(self) -> None:
        if self.code in instruments.INSTRUMENTS:
            raise ValidationError({"code": _("An instrument defined in Rinnalla has this code.")})
        if (self.min_score is None) != (self.max_score is None):
            raise ValidationError(_("Give both the lowest and the highest score, or neither."))
        if self.min_score is not None and self.min_score >= self.max_score:
            raise ValidationError({"max_score": _("The highest score must be above the lowest.")})

    def as_instrument(self) -> instruments.Instrument:
        return instruments.result_only_instrument(
            code=self.code,
            name=self.name,
            licence_holder=self.licence_holder,
            minimum=self.min_score,
            maximum=self.max_score,
        )


class Measurement(models.Model):
    """One result of an instrument (mittaustulos) for a client, shared in the network."""

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="measurements",
    )
    instrument_code = models.CharField(_("instrument"), max_length=40)
    instrument_version = models.CharField(_("instrument version"), max_length=40)
    answers = models.JSONField(_("answers"), default=dict)
    scores = models.JSONField(_("scores"), default=dict)
    total_score = models.DecimalField(
        _("score"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    # The band code of a scored instrument, or the text a result-only tool gave.
    interpretation = models.CharField(_("interpretation"), max_length=500, blank=True)
    measured_on = models.DateField(_("measured on"))
    administered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("administered by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    self_reported = models.BooleanField(_("self-reported"), default=False)
    self_fill_link = models.ForeignKey(
        "SelfFillLink",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="measurements",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        ordering = ["-measured_on", "-id"]
        indexes = [
            models.Index(
                fields=["client", "instrument_code", "-measured_on"],
                name="measurement_client_instr_idx",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.instrument_code} {self.measured_on:%d.%m.%Y}"


class ServiceNeedsAssessment(models.Model):
    """One version of the service needs assessment (palvelutarpeen arviointi, SHL 36 §).

    Each save makes a new version; earlier versions stay readable.
    """

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="service_needs_assessments",
    )
    version = models.PositiveIntegerField(_("version"))
    family_and_housing = models.TextField(_("Family situation and housing"), blank=True)
    social_situation = models.TextField(_("Social situation"), blank=True)
    illnesses_and_treatment = models.TextField(
        _("Illnesses affecting work ability and their treatment"), blank=True
    )
    statements_and_decisions = models.TextField(_("Statements and decisions"), blank=True)
    unemployment_duration = models.TextField(_("Length of unemployment"), blank=True)
    income_and_social_security = models.TextField(_("Income and social security"), blank=True)
    employment_measures = models.TextField(_("Employment measures so far"), blank=True)
    education_and_work_history = models.TextField(_("Education and work history"), blank=True)
    strengths_skills_hobbies = models.TextField(_("Strengths, skills and hobbies"), blank=True)
    wishes_and_goals = models.TextField(_("Wishes and goals for the future"), blank=True)
    own_work_ability_rating = models.PositiveSmallIntegerField(
        _("The client's own rating of work ability (1–10)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        verbose_name = _("service needs assessment")
        verbose_name_plural = _("service needs assessments")
        ordering = ["client", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["client", "version"], name="one_assessment_per_client_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client_id} v{self.version}"


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class SelfFillLink(models.Model):
    """A one-time link for the client to fill self-assessments without logging in.

    Only the SHA-256 hash of the token is stored; the link works once and expires.
    """

    client = models.ForeignKey(
        "clients.Client",
        on_delete=models.PROTECT,
        related_name="self_fill_links",
    )
    token_hash = models.CharField(max_length=64, unique=True)
    instruments = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    emailed_to = models.EmailField(blank=True)
    # A link sent to the wrong address is revoked by a coordinator of the client.
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("self-assessment link")
        verbose_name_plural = _("self-assessment links")

    def __str__(self) -> str:
        return f"{self.client_id} {self.created_at:%d.%m.%Y}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.used_at is None and self.revoked_at is None and not self.is_expired
