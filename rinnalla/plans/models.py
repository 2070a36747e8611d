"""Network meetings (verkostotapaaminen) and the versioned client plan (asiakkuussuunnitelma).

The plan follows the Kainuu OSAKSI form LIITE 13 field by field (SPEC §5). Each
network meeting makes a new plan version; the text is copied forward from the previous
version and earlier versions stay readable. Within one version, edits are guarded by an
optimistic lock (``ClientPlan.version``) and every save leaves a ``PlanRevision``.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.core import systext
from rinnalla.episodes.models import EventMode


class Topic(models.TextChoices):
    """LIITE 13 "Neuvottelun aihe"."""

    COPING_AT_WORK = "coping_at_work", _("Challenges coping at work")
    GETTING_TO_WORK = "getting_to_work", _("Challenges getting to work")
    VOCATIONAL = "vocational", _("Vocational challenges")
    PARTIAL_WORK_ABILITY = "partial_work_ability", _("Partial work ability / incapacity for work")
    FOLLOW_UP = "follow_up", _("Follow-up meeting")
    OTHER = "other", _("Other")


class ParticipantRole(models.TextChoices):
    """LIITE 13 "Osallistujat neuvottelussa" (the client is ``Meeting.client_present``)."""

    COORDINATING_COUNSELLOR = (
        "coordinating_counsellor",
        _("Coordinating rehabilitation counsellor"),
    )
    EMPLOYMENT_ADVISOR = (
        "employment_advisor",
        _("Employment advisor and/or work ability coordinator"),
    )
    PHYSICIAN = "physician", _("Physician")
    MENTAL_HEALTH_WORKER = "mental_health_worker", _("Mental health / substance abuse worker")
    SOCIAL_WORKER = "social_worker", _("Social worker / social counsellor")
    PUBLIC_HEALTH_NURSE = "public_health_nurse", _("Public health nurse")
    KELA_ADVISOR = "kela_advisor", _("Kela work ability advisor")
    CRIMINAL_SANCTIONS_WORKER = "criminal_sanctions_worker", _("Criminal sanctions worker")
    DISABILITY_SERVICES = "disability_services", _("Disability services counsellor")
    NGO_REPRESENTATIVE = "ngo_representative", _("NGO representative")
    OTHER = "other", _("Other")


MEETING_MODES = [
    (EventMode.IN_PERSON.value, EventMode.IN_PERSON.label),
    (EventMode.VIDEO.value, EventMode.VIDEO.label),
    (EventMode.PHONE.value, EventMode.PHONE.label),
]


class Meeting(models.Model):
    """A network meeting (verkostotapaaminen) of one client relationship."""

    episode = models.ForeignKey(
        "episodes.Episode",
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), default=90)
    mode = models.CharField(
        _("how the meeting is held"),
        max_length=20,
        choices=MEETING_MODES,
        default=EventMode.IN_PERSON,
    )
    place = models.CharField(_("place"), max_length=200, blank=True)
    video_link = models.URLField(_("video link"), max_length=500, blank=True)
    client_present = models.BooleanField(_("the client takes part"), default=True)
    topics = models.JSONField(_("topic of the meeting"), default=list, blank=True)
    topic_other = models.CharField(_("other topic, what"), max_length=200, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_recorded_at = models.DateTimeField(_("minutes recorded"), null=True, blank=True)
    minutes_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    # Cancelled meetings stay readable (who cancelled, why); participants were told.
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    cancel_reason = models.CharField(_("reason for cancelling"), max_length=500, blank=True)
    # A reason the system gives itself (the relationship was closed) is a code and its
    # data, shown in the reader's language: read ``cancel_reason_text``.
    cancel_reason_code = models.CharField(max_length=40, blank=True)
    cancel_reason_data = models.JSONField(default=dict, blank=True)
    # The iCalendar SEQUENCE: every change sent to the participants increments it, so
    # calendars replace the earlier invitation instead of adding a second event.
    sequence = models.PositiveIntegerField(default=0)
    # The path event written when the meeting has taken place (minutes recorded).
    path_event = models.OneToOneField(
        "episodes.PathEvent", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("network meeting")
        verbose_name_plural = _("network meetings")
        indexes = [models.Index(fields=["episode", "starts_at"], name="meeting_episode_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0), name="meeting_duration_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{_('Network meeting')} {timezone.localtime(self.starts_at):%d.%m.%Y %H:%M}"

    @property
    def is_held(self) -> bool:
        return self.minutes_recorded_at is not None

    @property
    def is_cancelled(self) -> bool:
        return self.cancelled_at is not None

    @property
    def cancel_reason_text(self) -> str:
        """Why the meeting was cancelled, in the reader's language when the system said it."""
        return systext.text_or(self.cancel_reason_code, self.cancel_reason_data, self.cancel_reason)

    @property
    def ends_at(self):
        return self.starts_at + datetime.timedelta(minutes=self.duration_minutes)

    def get_topics_display(self) -> list[str]:
        labels = dict(Topic.choices)
        shown = [str(labels[t]) for t in Topic.values if t in self.topics and t != Topic.OTHER]
        if Topic.OTHER in self.topics:
            other = str(Topic.OTHER.label)
            shown.append(f"{other}: {self.topic_other}" if self.topic_other else other)
        return shown


class MeetingParticipant(models.Model):
    """A professional of the network or an external person invited to a meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="meeting_participations",
    )
    name = models.CharField(_("name"), max_length=200, blank=True)
    organisation_name = models.CharField(_("organisation"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    role = models.CharField(_("role"), max_length=30, choices=ParticipantRole.choices)
    invited_at = models.DateTimeField(_("invited"), null=True, blank=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "professional"],
                condition=Q(professional__isnull=False),
                name="one_participation_per_professional",
            ),
            models.CheckConstraint(
                condition=Q(professional__isnull=False) | ~Q(name=""),
                name="participant_has_name",
            ),
        ]
        indexes = [models.Index(fields=["professional", "meeting"], name="participant_prof_idx")]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        if self.professional_id:
            return str(self.professional)
        return self.name

    @property
    def role_display(self) -> str:
        """The LIITE 13 box, or the profession when no box fits (e.g. a physician)."""
        if self.role == ParticipantRole.OTHER and self.professional_id:
            return self.professional.profession or str(self.get_role_display())
        return str(self.get_role_display())

    @property
    def display_organisation(self) -> str:
        if self.professional_id and self.professional.organisation_id:
            return str(self.professional.organisation)
        return self.organisation_name


class ClientPlan(models.Model):
    """One version of the client plan (asiakkuussuunnitelma), made at one network meeting.

    The fields follow LIITE 13 in order; client, henkilötunnus, meeting date,
    participants and topic come from the meeting and the client.
    """

    TEXT_FIELDS = (
        "client_wishes",
        "shared_view",
        "planned",
        "client_tasks",
        "coordinator_tasks",
        "next_meeting_on",
        "follow_up_of_actions",
        "network_contact",
        "distributed_to_client",
        "distributed_to_primary_care",
    )

    episode = models.ForeignKey(
        "episodes.Episode",
        verbose_name=_("client relationship"),
        on_delete=models.PROTECT,
        related_name="plans",
    )
    meeting = models.OneToOneField(
        Meeting,
        verbose_name=_("network meeting"),
        on_delete=models.PROTECT,
        related_name="plan",
    )
    number = models.PositiveIntegerField(_("plan version"))
    client_wishes = models.TextField(
        _("The client's wishes and thoughts for the future"), blank=True
    )
    shared_view = models.TextField(
        _(
            "Shared view of the work tasks the client copes with well and where there are "
            "challenges"
        ),
        blank=True,
    )
    planned = models.TextField(_("Things planned in the meeting"), blank=True)
    client_tasks = models.TextField(_("The client's tasks"), blank=True)
    coordinator_tasks = models.TextField(_("The coordinator's tasks"), blank=True)
    next_meeting_on = models.DateField(_("Next meeting"), null=True, blank=True)
    follow_up_of_actions = models.TextField(_("Follow-up of agreed actions"), blank=True)
    network_contact = models.TextField(_("Contact with the network / other"), blank=True)
    distributed_to_client = models.BooleanField(_("Distribution: client"), default=True)
    distributed_to_primary_care = models.BooleanField(
        _("Distribution: primary care (patient record)"), default=True
    )
    # Optimistic lock: every save increments it; a save carrying an older value is refused.
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(default=timezone.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["episode", "number"]
        verbose_name = _("client plan")
        verbose_name_plural = _("client plans")
        constraints = [
            models.UniqueConstraint(fields=["episode", "number"], name="one_plan_per_number"),
        ]

    def __str__(self) -> str:
        return f"{_('Client plan')} {self.number}"

    def snapshot(self) -> dict:
        """The editable fields as JSON-friendly values (for revisions and comparisons)."""
        data = {}
        for name in self.TEXT_FIELDS:
            value = getattr(self, name)
            data[name] = value.isoformat() if hasattr(value, "isoformat") else value
        return data


class PlanRevision(models.Model):
    """The plan's fields as they were after one save: who changed what, and when."""

    plan = models.ForeignKey(ClientPlan, on_delete=models.CASCADE, related_name="revisions")
    version = models.PositiveIntegerField()
    data = models.JSONField()
    saved_at = models.DateTimeField(default=timezone.now)
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["plan", "version"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "version"], name="one_revision_per_version"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} / {self.version}"


class ActionCategory(models.TextChoices):
    """LIITE 13 "Jatkosuunnitelmat, asiakasvastuut ja aikataulu"."""

    WORK_MODIFICATION = "work_modification", _("Work modification, own-profession activity")
    SOCIAL_REHABILITATION = (
        "social_rehabilitation",
        _("Social rehabilitation / rehabilitative work activity"),
    )
    WORK_TRIAL = "work_trial", _("Work trial or pay-subsidised work")
    EDUCATION = "education", _("Further education, studies, information search")
    FURTHER_ASSESSMENT = (
        "further_assessment",
        _("Further assessment of work and functional ability"),
    )
    VOCATIONAL_REHABILITATION = "vocational_rehabilitation", _("Vocational rehabilitation")
    OTHER_REHABILITATION = "other_rehabilitation", _("Other rehabilitation")
    REHABILITATION_ALLOWANCE_APPLICATION = (
        "rehabilitation_allowance_application",
        _("Applying for rehabilitation allowance"),
    )
    PARTIAL_SICKNESS_ALLOWANCE_APPLICATION = (
        "partial_sickness_allowance_application",
        _("Applying for partial sickness allowance"),
    )
    SICKNESS_ALLOWANCE_APPLICATION = (
        "sickness_allowance_application",
        _("Applying for sickness allowance"),
    )
    REHABILITATION_SUBSIDY_APPLICATION = (
        "rehabilitation_subsidy_application",
        _("Applying for rehabilitation subsidy"),
    )
    PENSION_APPLICATION = "pension_application", _("Applying for a pension")
    OTHER = "other", _("Other")


# The three headings of the form's follow-up section, in the form's order.
ACTION_GROUPS = [
    (
        _("Work, activity and assessments"),
        [
            ActionCategory.WORK_MODIFICATION,
            ActionCategory.SOCIAL_REHABILITATION,
            ActionCategory.WORK_TRIAL,
            ActionCategory.EDUCATION,
            ActionCategory.FURTHER_ASSESSMENT,
        ],
    ),
    (
        _("Rehabilitation"),
        [ActionCategory.VOCATIONAL_REHABILITATION, ActionCategory.OTHER_REHABILITATION],
    ),
    (
        _("Social security benefits and their investigation"),
        [
            ActionCategory.REHABILITATION_ALLOWANCE_APPLICATION,
            ActionCategory.PARTIAL_SICKNESS_ALLOWANCE_APPLICATION,
            ActionCategory.SICKNESS_ALLOWANCE_APPLICATION,
            ActionCategory.REHABILITATION_SUBSIDY_APPLICATION,
            ActionCategory.PENSION_APPLICATION,
        ],
    ),
    (_("Other"), [ActionCategory.OTHER]),
]


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_STATUSES = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)


class PlanAction(models.Model):
    """A plan action (toimenpide): what, who is responsible, by when, and its status."""

    plan = models.ForeignKey(
        ClientPlan,
        verbose_name=_("agreed in plan version"),
        on_delete=models.PROTECT,
        related_name="actions",
    )
    # Denormalised from the plan: actions live on across plan versions of the episode.
    episode = models.ForeignKey(
        "episodes.Episode", on_delete=models.PROTECT, related_name="plan_actions"
    )
    category = models.CharField(_("category"), max_length=50, choices=ActionCategory.choices)
    description = models.TextField(_("what is done"))
    # The action as the client's PDF says it, to the client in the second person
    # ("Varaa aika tiimilääkärille."); empty: the description is shown as it is.
    for_client = models.TextField(_("for the client"), blank=True)
    responsible_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("responsible person"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
    )
    responsible_is_client = models.BooleanField(_("the client is responsible"), default=False)
    # The service of the catalogue the action refers the client to (issue 12), if any:
    # its contact goes to the client's PDF and it counts as an open relationship there.
    catalogue_service = models.ForeignKey(
        "catalogue.Service",
        verbose_name=_("service from the catalogue"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    due_on = models.DateField(_("due date"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    status_changed_at = models.DateTimeField(default=timezone.now)
    status_changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("plan action")
        verbose_name_plural = _("plan actions")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(responsible_is_client=True, responsible_professional__isnull=True)
                    | Q(responsible_is_client=False, responsible_professional__isnull=False)
                ),
                name="action_has_one_responsible",
            ),
        ]
        indexes = [
            models.Index(
                fields=["responsible_professional", "status", "due_on"],
                name="action_responsible_idx",
            ),
            models.Index(fields=["episode", "status", "due_on"], name="action_episode_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_category_display()}: {self.description[:40]}"

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()

    @property
    def responsible_display(self) -> str:
        if self.responsible_is_client:
            return str(_("The client"))
        return str(self.responsible_professional)


class ActionStatusChange(models.Model):
    """One change of an action's status: who, when, from what to what."""

    action = models.ForeignKey(PlanAction, on_delete=models.CASCADE, related_name="history")
    from_status = models.CharField(max_length=20, choices=ActionStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=ActionStatus.choices)
    note = models.CharField(_("note"), max_length=500, blank=True)
    changed_at = models.DateTimeField(default=timezone.now)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["changed_at", "id"]
        verbose_name = _("status change")
        verbose_name_plural = _("status changes")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
