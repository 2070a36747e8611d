"""The service catalogue (palvelukuvaus, "the jungle of services" of seed 004) and the
referral criteria of its services as versioned checklists.

A :class:`Service` is one service of the network with its provider, target group,
criteria, how to refer, contact, waiting time, cost and coverage, written in Finnish,
Swedish and English. Every change makes a :class:`ServiceRevision` (who, when, the
whole service as it was after the change). A service may carry :class:`CriteriaList`
versions (LIITE 8: "Konsultoi ensin tarvittaessa", "Tee varsinainen lähete, jos",
"lähetteissä on hyvä lyhyesti kertoa"); a change of the criteria is a new version and
a :class:`CriteriaCheck` keeps the version it was checked against. An
:class:`OverlapRule` warns when the client already has a relationship in a service
that excludes this one (TYP and the support team, seed 003).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

LANGUAGES = ("fi", "sv", "en")


class Localized:
    """``service.name`` is ``name_sv`` for a Swedish reader, falling back to Finnish."""

    def __init__(self, base: str = ""):
        self.base = base

    def __set_name__(self, owner, name):
        self.base = self.base or name

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        language = (get_language() or "fi")[:2]
        return getattr(obj, f"{self.base}_{language}", "") or getattr(obj, f"{self.base}_fi")


def lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


class Category(models.TextChoices):
    HEALTH = "health", _("Health care")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    EMPLOYMENT = "employment", _("Employment services")
    SOCIAL = "social", _("Social services")
    EDUCATION = "education", _("Education and guidance")
    BENEFIT = "benefit", _("Benefits and pensions")
    NGO = "ngo", _("NGOs")


class Service(models.Model):
    """One service of the catalogue (palvelukuvaus)."""

    code = models.SlugField(_("code"), max_length=60, unique=True)
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    provider = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("provider organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="catalogue_services",
    )
    provider_name = models.CharField(
        _("provider"),
        max_length=200,
        blank=True,
        help_text=_("Written when the provider is not an organisation in Rinnalla."),
    )
    name_fi = models.CharField(_("name in Finnish"), max_length=200)
    name_sv = models.CharField(_("name in Swedish"), max_length=200, blank=True)
    name_en = models.CharField(_("name in English"), max_length=200, blank=True)
    description_fi = models.TextField(_("description in Finnish"))
    description_sv = models.TextField(_("description in Swedish"), blank=True)
    description_en = models.TextField(_("description in English"), blank=True)
    target_age_min = models.PositiveSmallIntegerField(_("youngest age"), null=True, blank=True)
    target_age_max = models.PositiveSmallIntegerField(_("oldest age"), null=True, blank=True)
    target_group_fi = models.TextField(_("target group in Finnish"), blank=True)
    target_group_sv = models.TextField(_("target group in Swedish"), blank=True)
    target_group_en = models.TextField(_("target group in English"), blank=True)
    target_segments = models.JSONField(_("client segments"), default=list, blank=True)
    criteria_fi = models.TextField(_("criteria in Finnish, one per line"), blank=True)
    criteria_sv = models.TextField(_("criteria in Swedish, one per line"), blank=True)
    criteria_en = models.TextField(_("criteria in English, one per line"), blank=True)
    how_to_refer_fi = models.TextField(_("how to refer, in Finnish"), blank=True)
    how_to_refer_sv = models.TextField(_("how to refer, in Swedish"), blank=True)
    how_to_refer_en = models.TextField(_("how to refer, in English"), blank=True)
    attachments_fi = models.TextField(_("what to attach, in Finnish"), blank=True)
    attachments_sv = models.TextField(_("what to attach, in Swedish"), blank=True)
    attachments_en = models.TextField(_("what to attach, in English"), blank=True)
    contact = models.TextField(_("contact"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    url = models.URLField(_("web page"), blank=True)
    waiting_time_fi = models.CharField(_("waiting time in Finnish"), max_length=200, blank=True)
    waiting_time_sv = models.CharField(_("waiting time in Swedish"), max_length=200, blank=True)
    waiting_time_en = models.CharField(_("waiting time in English"), max_length=200, blank=True)
    cost_fi = models.CharField(_("cost to the client in Finnish"), max_length=200, blank=True)
    cost_sv = models.CharField(_("cost to the client in Swedish"), max_length=200, blank=True)
    cost_en = models.CharField(_("cost to the client in English"), max_length=200, blank=True)
    municipalities = models.JSONField(
        _("municipalities"),
        default=list,
        blank=True,
        help_text=_("Empty: the whole wellbeing services county."),
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # Explainable suggestion rules (see catalogue.suggestions): which segments, benefit
    # periods, assessment proposals and measurement results make this service fit.
    suggest_rules = models.JSONField(_("suggestion rules"), default=dict, blank=True)
    keepers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("catalogue keepers"),
        blank=True,
        related_name="kept_services",
    )
    last_checked_on = models.DateField(_("last checked on"), null=True, blank=True)
    last_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("last checked by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(default=timezone.now)

    name = Localized()
    description = Localized()
    target_group = Localized()
    how_to_refer = Localized()
    attachments = Localized()
    waiting_time = Localized()
    cost = Localized()
    criteria_text = Localized("criteria")

    TRANSLATED = (
        "name",
        "description",
        "target_group",
        "criteria",
        "how_to_refer",
        "attachments",
        "waiting_time",
        "cost",
    )

    class Meta:
        ordering = ["name_fi"]
        verbose_name = _("service of the catalogue")
        verbose_name_plural = _("services of the catalogue")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(target_age_min__isnull=True)
                | models.Q(target_age_max__isnull=True)
                | models.Q(target_age_min__lte=models.F("target_age_max")),
                name="service_age_range_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def criteria_lines(self) -> list[str]:
        return lines(self.criteria_text)

    @property
    def provider_display(self) -> str:
        return str(self.provider) if self.provider_id else self.provider_name

    @property
    def age_range_display(self) -> str:
        low, high = self.target_age_min, self.target_age_max
        if low is None and high is None:
            return ""
        if high is None:
            return _("%(low)s years or older") % {"low": low}
        if low is None:
            return _("up to %(high)s years") % {"high": high}
        return _("%(low)s–%(high)s years") % {"low": low, "high": high}

    def is_valid_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_until is None or day <= self.valid_until
        )

    def fits_age(self, age: int | None) -> bool | None:
        if age is None:
            return None
        if self.target_age_min is not None and age < self.target_age_min:
            return False
        return not (self.target_age_max is not None and age > self.target_age_max)


class ServiceRevision(models.Model):
    """The service as it was after one change: who changed it, when, and everything."""

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="revisions")
    version = models.PositiveIntegerField(_("version"))
    data = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(default=timezone.now)
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    class Meta:
        ordering = ["service", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="one_service_revision"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} v{self.version}"


class ItemKind(models.TextChoices):
    CONSULT_FIRST = "consult_first", _("Consult first if needed")
    REFER_IF = "refer_if", _("Make a referral if")
    REFERRAL_SHOULD_TELL = "referral_should_tell", _("The referral should tell briefly")


class CriteriaList(models.Model):
    """One version of a service's referral criteria. Never changed once saved.

    ``items``: ``[{code, kind, text_fi, text_sv, text_en, required, source}]``; ``source``
    names what the system can fill the item from (see catalogue.criteria), if anything.
    """

    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="criteria_lists")
    version = models.PositiveIntegerField(_("version"))
    items = models.JSONField(default=list)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.CharField(_("what changed"), max_length=300, blank=True)

    class Meta:
        ordering = ["service", "-version"]
        verbose_name = _("referral criteria")
        verbose_name_plural = _("referral criteria")
        constraints = [
            models.UniqueConstraint(fields=["service", "version"], name="one_criteria_version"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} v{self.version}"

    def items_of(self, kind: str) -> list[dict]:
        return [item for item in self.items if item["kind"] == kind]


def item_text(item: dict) -> str:
    language = (get_language() or "fi")[:2]
    return item.get(f"text_{language}") or item["text_fi"]


class Answer(models.TextChoices):
    MET = "met", _("Met")
    NOT_MET = "not_met", _("Not met")
    UNKNOWN = "unknown", _("Unknown")


class CriteriaCheck(models.Model):
    """A referral to a catalogue service checked against one version of its criteria.

    ``answers``: ``{code: {"answer": met|not_met|unknown, "source": system|user,
    "reason": "..."}}``; ``texts``: the referral's items (``referral_should_tell``) as
    written; ``referral_text``: what was copied to the patient record.
    """

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="criteria_checks"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="checks")
    criteria = models.ForeignKey(CriteriaList, on_delete=models.PROTECT, related_name="checks")
    answers = models.JSONField(default=dict)
    texts = models.JSONField(default=dict)
    referral_text = models.TextField(blank=True)
    warnings = models.JSONField(default=list)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("criteria check")
        verbose_name_plural = _("criteria checks")
        indexes = [models.Index(fields=["client", "-created_at"], name="criteria_check_client_idx")]

    def __str__(self) -> str:
        return f"{self.client_id} → {self.service_id} ({self.criteria_id})"

    @property
    def missing(self) -> list[str]:
        return [
            item["code"]
            for item in self.criteria.items_of(ItemKind.REFER_IF)
            if item.get("required", True)
            and self.answers.get(item["code"], {}).get("answer") != Answer.MET
        ]


class OverlapRule(models.Model):
    """``service`` is not for clients with an open relationship in ``excluded_by``."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="overlap_rules")
    excluded_by = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    reason_fi = models.TextField(_("reason in Finnish"))
    reason_sv = models.TextField(_("reason in Swedish"), blank=True)
    reason_en = models.TextField(_("reason in English"), blank=True)
    is_active = models.BooleanField(_("in use"), default=True)

    reason = Localized()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["service", "excluded_by"], name="one_overlap_rule"),
        ]

    def __str__(self) -> str:
        return f"{self.service_id} ⊘ {self.excluded_by_id}"


class SuggestionDismissal(models.Model):
    """The coordinator judged a suggested service not to fit the client, and why."""

    client = models.ForeignKey(
        "clients.Client", on_delete=models.PROTECT, related_name="dismissed_suggestions"
    )
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    reason = models.TextField(_("reason"))
    dismissed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    dismissed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-dismissed_at"]

    def __str__(self) -> str:
        return f"{self.client_id} ⊘ {self.service_id}"
