from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.consent.scans import PrivateStorage, scan_upload_to
from rinnalla.core import systext


class Episode(models.Model):
    """The client relationship (asiakkuus) with the coordination service."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        ACTIVE = "active", _("Active")
        PAUSED = "paused", _("Paused")
        CLOSED = "closed", _("Closed")

    client = models.ForeignKey(
        "clients.Client",
        verbose_name=_("client"),
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    service = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("service"),
        on_delete=models.PROTECT,
        related_name="episodes",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.WAITING
    )
    opened_on = models.DateField(_("opened on"))
    # Start of the first-contact clock: the referral's received date, else opened_on.
    contact_clock_starts_on = models.DateField()
    # Denormalised from the path so lists can show the first-contact target cheaply.
    first_contact_at = models.DateTimeField(_("first contact"), null=True, blank=True)
    last_event_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        verbose_name = _("client relationship")
        verbose_name_plural = _("client relationships")
        indexes = [
            models.Index(fields=["client", "-opened_on"], name="episode_client_idx"),
            models.Index(fields=["service", "status"], name="episode_service_status_idx"),
            # The access rule's "clients with a relationship in my service" (index-only).
            models.Index(fields=["service", "client"], name="episode_service_client_idx"),
            # The queue's "waiting for the first contact" (a few rows of thousands).
            models.Index(
                fields=["service", "contact_clock_starts_on", "id"],
                name="episode_first_contact_wait_idx",
                condition=Q(first_contact_at__isnull=True, status__in=["waiting", "active"]),
            ),
        ]
        constraints = [
            # One open relationship per client per service: a second referral is
            # attached to the open one, never opens a parallel one.
            models.UniqueConstraint(
                fields=["client", "service"],
                condition=~Q(status="closed"),
                name="one_open_episode_per_client_service",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.client} ({self.opened_on:%d.%m.%Y})"

    @property
    def is_closed(self) -> bool:
        return self.status == self.Status.CLOSED


class ResponsiblePerson(models.Model):
    """A client-responsible worker (asiakasvastaava) of one episode, with their area."""

    episode = models.ForeignKey(
        Episode, on_delete=models.PROTECT, related_name="responsible_persons"
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("professional"),
        on_delete=models.PROTECT,
        related_name="responsibilities",
    )
    area = models.CharField(_("area of responsibility"), max_length=200, blank=True)
    # An area the system wrote (e.g. "work ability coordination"): rendered in the
    # reader's language instead of ``area`` (see rinnalla.core.systext).
    area_code = models.CharField(max_length=40, blank=True)
    is_primary = models.BooleanField(_("primary contact"), default=False)
    started_at = models.DateTimeField(default=timezone.now)
    ended_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("responsible person")
        verbose_name_plural = _("responsible persons")
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(is_primary=True, ended_at__isnull=True),
                name="one_active_primary_contact",
            ),
            models.UniqueConstraint(
                fields=["episode", "professional"],
                condition=Q(ended_at__isnull=True),
                name="one_active_role_per_professional",
            ),
        ]
        indexes = [models.Index(fields=["professional", "ended_at"], name="responsible_prof_idx")]

    def __str__(self) -> str:
        return f"{self.professional} – {self.area_text}"

    @property
    def area_text(self) -> str:
        return systext.text_or(self.area_code, {}, self.area)

    @property
    def is_active(self) -> bool:
        return self.ended_at is None


class Handover(models.Model):
    """A recorded change of responsible persons: who, when and what was handed over."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="handovers")
    from_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    to_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(default=timezone.now)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(_("note"), blank=True)
    # A note the system wrote, rendered in the reader's language (rinnalla.core.systext).
    note_code = models.CharField(max_length=40, blank=True)
    note_data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("handover")
        verbose_name_plural = _("handovers")

    def __str__(self) -> str:
        return f"{self.from_professional} → {self.to_professional} ({self.at:%d.%m.%Y})"

    @property
    def note_text(self) -> str:
        return systext.text_or(self.note_code, self.note_data, self.note)


class EventKind(models.TextChoices):
    CONTACT = "contact", _("Contact")
    MEETING = "meeting", _("Meeting")
    CONSULTATION = "consultation", _("Consultation")
    STATEMENT = "statement", _("Statement")
    REFERRAL_OUT = "referral_out", _("Referral onward")
    NOTE = "note", _("Note")


class EventMode(models.TextChoices):
    PHONE = "phone", _("Phone")
    MESSAGE = "message", _("Message")
    LETTER = "letter", _("Letter")
    IN_PERSON = "in_person", _("In person")
    VIDEO = "video", _("Video")


class StatementStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    RECEIVED = "received", _("Received")


# Which modes each kind of event allows; events that count as the first contact.
MODES_BY_KIND = {
    EventKind.CONTACT: {EventMode.PHONE, EventMode.MESSAGE, EventMode.LETTER},
    EventKind.MEETING: {EventMode.IN_PERSON, EventMode.PHONE, EventMode.VIDEO},
}
FIRST_CONTACT_KINDS = {EventKind.CONTACT, EventKind.MEETING}


class PathEvent(models.Model):
    """One step of the service path (palvelupolku): a contact, meeting, consultation…"""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=EventKind.choices)
    mode = models.CharField(_("mode"), max_length=20, choices=EventMode.choices, blank=True)
    occurred_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    organisation = models.ForeignKey(
        "accounts.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    statement_name = models.CharField(_("statement"), max_length=100, blank=True)
    statement_status = models.CharField(
        _("statement status"), max_length=10, choices=StatementStatus.choices, blank=True
    )
    summary = models.TextField(_("summary"), blank=True)
    # A summary the system wrote (a meeting's minutes, a statement request): rendered in
    # the reader's language instead of ``summary`` (see rinnalla.core.systext).
    summary_code = models.CharField(max_length=40, blank=True)
    summary_data = models.JSONField(default=dict, blank=True)
    next_step = models.TextField(_("next step"), blank=True)
    # With a date the next step is a task of the author: on "My work" until done.
    next_step_due_on = models.DateField(_("next step by"), null=True, blank=True)
    next_step_done_at = models.DateTimeField(null=True, blank=True)
    # Internal: for the network only, never shown on the client's own pages or API.
    # Consultations are internal by default (see episodes.services.event_create).
    internal = models.BooleanField(
        _("internal (not shown to the client)"),
        default=False,
        help_text=_("Consultations are always internal. Meeting minutes and plans are not."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["occurred_at", "id"]
        verbose_name = _("path event")
        verbose_name_plural = _("path events")
        indexes = [
            models.Index(fields=["episode", "occurred_at", "id"], name="event_path_idx"),
            models.Index(
                fields=["author", "next_step_due_on"],
                name="event_next_step_idx",
                condition=Q(next_step_due_on__isnull=False, next_step_done_at__isnull=True),
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__isnull=True) | Q(duration_minutes__gt=0),
                name="event_duration_positive",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%d.%m.%Y}"

    @property
    def summary_text(self) -> str:
        return systext.text_or(self.summary_code, self.summary_data, self.summary)

    @property
    def statement_label(self) -> str:
        """The statement's name: from its code when the system recorded it."""
        code = (self.summary_data or {}).get("statement")
        if code:
            return systext.render("statement_label", {"statement": code}) or self.statement_name
        return self.statement_name


class Outcome(models.TextChoices):
    WORK = "work", _("Work")
    PART_TIME_WORK = "part_time_work", _("Part-time work")
    STUDY = "study", _("Study")
    REHABILITATION = "rehabilitation", _("Rehabilitation")
    PENSION = "pension", _("Pension")
    OTHER_SERVICE = "other_service", _("Other service")
    DROPPED_OUT = "dropped_out", _("Dropped out")
    MOVED = "moved", _("Moved away")
    OTHER = "other", _("Other")


class Closing(models.Model):
    """Closing the client relationship (asiakkuuden päättäminen) and, later, its reopening."""

    episode = models.ForeignKey(Episode, on_delete=models.PROTECT, related_name="closings")
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    summary = models.TextField(_("closing summary"))
    handover_to = models.CharField(_("handed over to"), max_length=200, blank=True)
    closed_at = models.DateTimeField(default=timezone.now)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    reopened_at = models.DateTimeField(null=True, blank=True)
    reopened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reopen_reason = models.TextField(_("reason for reopening"), blank=True)

    class Meta:
        ordering = ["closed_at", "id"]
        verbose_name = _("closing")
        verbose_name_plural = _("closings")
        constraints = [
            models.UniqueConstraint(
                fields=["episode"],
                condition=Q(reopened_at__isnull=True),
                name="one_open_closing_per_episode",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_outcome_display()} {self.closed_at:%d.%m.%Y}"


ATTACHMENT_STORAGE = PrivateStorage("event-attachments")


def attachment_storage():
    return ATTACHMENT_STORAGE


class EventAttachment(models.Model):
    """A document attached to a path event: a received B-lausunto, a Kela decision…

    Stored like consent scans: checked by content (PDF, JPEG, PNG), outside the web
    root under a random name, and read only through ``episodes:attachment``, which goes
    through the access rule and logs the look.
    """

    event = models.ForeignKey(PathEvent, on_delete=models.PROTECT, related_name="attachments")
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file"),
        upload_to=scan_upload_to,
        storage=attachment_storage,
        max_length=100,
    )
    # Named like the consent scan's field so the same upload_to picks the extension.
    scan_content_type = models.CharField(max_length=40, editable=False)
    size = models.PositiveIntegerField(editable=False)
    uploaded_at = models.DateTimeField(default=timezone.now)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["uploaded_at", "id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.title
