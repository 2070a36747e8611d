"""The coordinator's work ability assessment and plan proposal (työkykyarvio ja
suunnitelmaehdotus) and the statements it asks of a physician.

In every client path of the Päijät-Häme pilot (seed 000) the coordinator "tekee
työkykyarvion ja suunnitelmaehdotuksen lääkärille potilastietojärjestelmään kirjattuna":
a structured document of the client relationship, addressed to a physician, that the
physician reads in the patient record and may answer with a medical statement
(B-lausunto) for Kela. Each save is a new version; earlier versions stay readable.
When a version asks for a statement, a :class:`StatementRequest` follows it up until
"statement received" is recorded.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Proposal(models.TextChoices):
    """What the coordinator proposes to the physician."""

    B_STATEMENT = "b_statement", _("A medical statement B (B-lausunto) is needed")
    FURTHER_EXAMINATIONS = "further_examinations", _("Further examinations of work ability")
    MEDICAL_REHABILITATION = "medical_rehabilitation", _("Medical rehabilitation")
    VOCATIONAL_REHABILITATION = "vocational_rehabilitation", _("Vocational rehabilitation")
    WORK_TRIAL = "work_trial", _("Work trial")
    REHABILITATIVE_WORK_ACTIVITY = (
        "rehabilitative_work_activity",
        _("Rehabilitative work activity or social rehabilitation"),
    )
    SICKNESS_ALLOWANCE = "sickness_allowance", _("Sickness allowance or partial sickness allowance")
    PENSION_ASSESSMENT = "pension_assessment", _("Assessment of the right to a disability pension")
    OTHER = "other", _("Other")


class Statement(models.TextChoices):
    """Statements a proposal asks of the physician."""

    B_STATEMENT = "b_statement", _("Medical statement B (B-lausunto)")


# The proposals that ask the physician for a statement, and which.
STATEMENT_OF_PROPOSAL = {Proposal.B_STATEMENT: Statement.B_STATEMENT}


class WorkAbilityAssessment(models.Model):
    """One version of the work ability assessment and plan proposal of a relationship."""

    TEXT_FIELDS = (
        "situation",
        "functional_capacity",
        "limitations",
        "client_view",
        "conclusion",
        "proposal_details",
    )

    episode = models.ForeignKey(
        "episodes.Episode",
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="work_ability_assessments",
    )
    version = models.PositiveIntegerField(_("version"))
    physician = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("physician"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    physician_name = models.CharField(
        _("physician, if not in Rinnalla"), max_length=200, blank=True
    )
    situation = models.TextField(_("The client's situation"), blank=True)
    functional_capacity = models.TextField(_("Functional capacity and work ability"), blank=True)
    limitations = models.TextField(_("What limits work ability"), blank=True)
    client_view = models.TextField(_("The client's own view and goals"), blank=True)
    measurements = models.ManyToManyField(
        "measurements.Measurement",
        verbose_name=_("measurements used"),
        blank=True,
        related_name="+",
    )
    conclusion = models.TextField(_("The coordinator's conclusion"))
    proposals = models.JSONField(_("proposal"), default=list)
    proposal_details = models.TextField(_("The proposal in more detail"), blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "accounts.Organisation", on_delete=models.PROTECT, null=True, related_name="+"
    )
    created_at = models.DateTimeField(_("saved at"), default=timezone.now)

    class Meta:
        ordering = ["episode", "-version"]
        verbose_name = _("work ability assessment and plan proposal")
        verbose_name_plural = _("work ability assessments and plan proposals")
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "version"], name="one_work_ability_assessment_per_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.episode_id} v{self.version}"

    def get_proposals_display(self) -> list[str]:
        labels = dict(Proposal.choices)
        return [str(labels[code]) for code in Proposal.values if code in self.proposals]

    @property
    def physician_display(self) -> str:
        if self.physician_id:
            return str(self.physician)
        return self.physician_name

    @property
    def requested_statements(self) -> list[str]:
        return [STATEMENT_OF_PROPOSAL[p] for p in STATEMENT_OF_PROPOSAL if p in self.proposals]


class StatementRequest(models.Model):
    """A statement asked of a physician, followed up until it is received."""

    episode = models.ForeignKey(
        "episodes.Episode", on_delete=models.PROTECT, related_name="statement_requests"
    )
    assessment = models.ForeignKey(
        WorkAbilityAssessment,
        verbose_name=_("asked in"),
        on_delete=models.PROTECT,
        related_name="statement_requests",
    )
    statement = models.CharField(_("statement"), max_length=30, choices=Statement.choices)
    physician = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    physician_name = models.CharField(max_length=200, blank=True)
    requested_at = models.DateTimeField(default=timezone.now)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The follow-up date: by then the statement should have arrived.
    follow_up_on = models.DateField(_("follow up on"))
    requested_event = models.OneToOneField(
        "episodes.PathEvent", on_delete=models.PROTECT, related_name="+"
    )
    received_event = models.OneToOneField(
        "episodes.PathEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)

    class Meta:
        ordering = ["follow_up_on", "id"]
        verbose_name = _("statement request")
        verbose_name_plural = _("statement requests")
        constraints = [
            models.UniqueConstraint(
                fields=["episode", "statement"],
                condition=Q(received_on__isnull=True),
                name="one_open_request_per_statement",
            ),
        ]
        indexes = [
            models.Index(fields=["episode", "received_on"], name="statement_request_episode_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_statement_display()} {self.requested_at:%d.%m.%Y}"

    @property
    def is_open(self) -> bool:
        return self.received_on is None

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.follow_up_on < timezone.localdate()

    @property
    def physician_display(self) -> str:
        return str(self.physician) if self.physician_id else self.physician_name
