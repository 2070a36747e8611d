"""Every write to a client relationship: opening, responsible persons, path events, closing."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Min, Q
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.consent.scans import SIGNATURES, max_scan_bytes
from rinnalla.core.errors import Conflict
from rinnalla.episodes.models import (
    FIRST_CONTACT_KINDS,
    MODES_BY_KIND,
    Closing,
    Episode,
    EventAttachment,
    EventKind,
    Handover,
    PathEvent,
    ResponsiblePerson,
)
from rinnalla.episodes.texts import (
    AREA_COORDINATION,
    PRIMARY_CHANGED,
    RELATIONSHIP_OPENED,
    RESPONSIBLE_ADDED,
)


def _lock(episode: Episode) -> Episode:
    return Episode.objects.select_for_update().get(pk=episode.pk)


@transaction.atomic
def episode_open(
    *,
    actor: User,
    client: Client,
    service: Organisation,
    coordinator: User,
    opened_on: datetime.date | None = None,
    contact_clock_starts_on: datetime.date | None = None,
) -> Episode:
    """Open a client relationship with ``coordinator`` as its primary contact."""
    if not coordinator.is_coordinator or coordinator.organisation_id != service.pk:
        raise ValidationError(
            {"coordinator": _("The coordinator must be a coordinator of the receiving service.")}
        )
    opened_on = opened_on or timezone.localdate()
    if open_episode(client=client, service=service) is not None:
        raise Conflict(
            _(
                "The client already has an open client relationship in this service. "
                "Attach the referral to it instead."
            )
        )
    episode = Episode.objects.create(
        client=client,
        service=service,
        opened_on=opened_on,
        contact_clock_starts_on=contact_clock_starts_on or opened_on,
        created_by=actor,
    )
    # The system's own wording is stored as codes, shown in each reader's language.
    ResponsiblePerson.objects.create(
        episode=episode, professional=coordinator, area_code=AREA_COORDINATION, is_primary=True
    )
    Handover.objects.create(
        episode=episode,
        to_professional=coordinator,
        by=actor,
        note_code=RELATIONSHIP_OPENED,
    )
    return episode


def open_episode(*, client: Client, service: Organisation) -> Episode | None:
    """The client's open (not closed) relationship in ``service``; there is at most one."""
    return (
        Episode.objects.filter(client=client, service=service)
        .exclude(status=Episode.Status.CLOSED)
        .first()
    )


def _require_open(episode: Episode) -> None:
    if episode.status == Episode.Status.CLOSED:
        raise Conflict(_("The client relationship is closed. Reopen it first."))


@transaction.atomic
def responsible_person_add(
    *,
    actor: User,
    episode: Episode,
    professional: User,
    area: str,
    primary: bool = False,
    note: str = "",
) -> ResponsiblePerson:
    episode = _lock(episode)
    _require_open(episode)
    if not area.strip():
        raise ValidationError({"area": _("Say what this person is responsible for.")})
    if professional.role not in (User.Role.COORDINATOR, User.Role.NETWORK_PROFESSIONAL):
        raise ValidationError(
            {"professional": _("Only coordinators and network professionals can be responsible.")}
        )
    if episode.responsible_persons.filter(
        professional=professional, ended_at__isnull=True
    ).exists():
        raise ValidationError(
            {"professional": _("This person is already responsible in this client relationship.")}
        )
    previous_primary = None
    if primary:
        previous_primary = episode.responsible_persons.filter(
            is_primary=True, ended_at__isnull=True
        ).first()
        if previous_primary:
            previous_primary.is_primary = False
            previous_primary.save(update_fields=["is_primary"])
    person = ResponsiblePerson.objects.create(
        episode=episode, professional=professional, area=area.strip(), is_primary=primary
    )
    Handover.objects.create(
        episode=episode,
        from_professional=previous_primary.professional if previous_primary else None,
        to_professional=professional,
        by=actor,
        note=note.strip(),
        note_code="" if note.strip() else RESPONSIBLE_ADDED,
        note_data={} if note.strip() else {"area": area.strip()},
    )
    return person


@transaction.atomic
def responsible_person_make_primary(
    *, actor: User, person: ResponsiblePerson, note: str = ""
) -> ResponsiblePerson:
    episode = _lock(person.episode)
    _require_open(episode)
    person.refresh_from_db()
    if person.ended_at is not None:
        raise Conflict(_("This person is no longer responsible."))
    if person.is_primary:
        return person
    previous = episode.responsible_persons.filter(is_primary=True, ended_at__isnull=True).first()
    if previous:
        previous.is_primary = False
        previous.save(update_fields=["is_primary"])
    person.is_primary = True
    person.save(update_fields=["is_primary"])
    Handover.objects.create(
        episode=episode,
        from_professional=previous.professional if previous else None,
        to_professional=person.professional,
        by=actor,
        note=note.strip(),
        note_code="" if note.strip() else PRIMARY_CHANGED,
    )
    return person


@transaction.atomic
def responsible_person_end(
    *, actor: User, person: ResponsiblePerson, note: str, successor: ResponsiblePerson | None = None
) -> None:
    """End a person's responsibility. The primary contact can end only with a successor."""
    episode = _lock(person.episode)
    _require_open(episode)
    person.refresh_from_db()
    if person.ended_at is not None:
        raise Conflict(_("This person is no longer responsible."))
    if not note.strip():
        raise ValidationError({"note": _("Write what was handed over.")})
    if person.is_primary:
        if (
            successor is None
            or successor.pk == person.pk
            or successor.episode_id != person.episode_id
            or successor.ended_at is not None
        ):
            raise ValidationError(
                {"successor": _("Name the new primary contact before the current one leaves.")}
            )
        successor.is_primary = True
    person.is_primary = False
    person.ended_at = timezone.now()
    person.save(update_fields=["is_primary", "ended_at"])
    if successor is not None and successor.is_primary:
        successor.save(update_fields=["is_primary"])
    Handover.objects.create(
        episode=episode,
        from_professional=person.professional,
        to_professional=successor.professional if successor else None,
        by=actor,
        note=note.strip(),
    )


def consent_missing_for(*, client: Client, organisation: Organisation, day: datetime.date) -> bool:
    return (
        not Consent.objects.valid_on(day).filter(client=client, organisations=organisation).exists()
    )


@transaction.atomic
def event_create(
    *,
    actor: User,
    episode: Episode,
    kind: str,
    occurred_at: datetime.datetime,
    summary: str = "",
    mode: str = "",
    duration_minutes: int | None = None,
    organisation: Organisation | None = None,
    statement_name: str = "",
    statement_status: str = "",
    next_step: str = "",
    next_step_due_on: datetime.date | None = None,
    summary_code: str = "",
    summary_data: dict | None = None,
    internal: bool | None = None,
) -> PathEvent:
    """Record one step of the path. A step the system writes itself passes
    ``summary_code`` (and its ``summary_data``) instead of a typed ``summary``.

    ``internal`` keeps the step off the client's own view; consultations (talks about
    the client with other organisations) are always internal, other steps only when
    asked (``None``: the default of the kind)."""
    episode = _lock(episode)
    _require_open(episode)
    errors = {}
    if kind not in EventKind.values:
        errors["kind"] = _("Choose the kind of event.")
    allowed_modes = MODES_BY_KIND.get(kind)
    if allowed_modes and mode not in allowed_modes:
        errors["mode"] = _("Choose how the contact or meeting took place.")
    if kind == EventKind.CONSULTATION and organisation is None:
        errors["organisation"] = _("Choose the organisation that was consulted.")
    if kind == EventKind.MEETING and duration_minutes is not None and duration_minutes <= 0:
        errors["duration_minutes"] = _("The duration must be at least one minute.")
    if kind == EventKind.STATEMENT and not statement_status:
        errors["statement_status"] = _("Say whether the statement was requested or received.")
    if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
        errors["occurred_at"] = _("An event cannot be recorded in the future.")
    if occurred_at.date() < episode.opened_on - datetime.timedelta(days=366):
        errors["occurred_at"] = _("The date is more than a year before the relationship opened.")
    if not summary.strip() and not summary_code:
        errors["summary"] = _("Write a short summary.")
    if next_step_due_on is not None and not next_step.strip():
        errors["next_step"] = _("Write the next step that is due on this date.")
    if (
        kind == EventKind.CONSULTATION
        and organisation is not None
        and consent_missing_for(
            client=episode.client,
            organisation=organisation,
            day=timezone.localtime(occurred_at).date(),
        )
    ):
        errors["organisation"] = _(
            "No valid consent of the client covers %(organisation)s. Record the client's "
            "written consent for this organisation before recording the consultation."
        ) % {"organisation": organisation.name}
    if errors:
        raise ValidationError(errors)
    event = PathEvent.objects.create(
        episode=episode,
        kind=kind,
        mode=mode if allowed_modes else "",
        occurred_at=occurred_at,
        duration_minutes=duration_minutes if kind == EventKind.MEETING else None,
        organisation=organisation,
        statement_name=statement_name.strip() if kind == EventKind.STATEMENT else "",
        statement_status=statement_status if kind == EventKind.STATEMENT else "",
        summary=summary.strip(),
        summary_code=summary_code,
        summary_data=summary_data or {},
        next_step=next_step.strip(),
        next_step_due_on=next_step_due_on,
        internal=bool(internal) or kind == EventKind.CONSULTATION,
        author=actor,
    )
    _refresh_path_summary(episode)
    return event


@transaction.atomic
def next_step_done(*, actor: User, event: PathEvent) -> PathEvent:
    """Mark an event's next step (a task on the author's "My work") done."""
    event = PathEvent.objects.select_for_update().get(pk=event.pk)
    if event.next_step_due_on is None:
        raise Conflict(_("This event has no next step with a date."))
    if event.next_step_done_at is None:
        event.next_step_done_at = timezone.now()
        event.save(update_fields=["next_step_done_at"])
    return event


def _refresh_path_summary(episode: Episode) -> None:
    """Recompute the denormalised first contact and last event from the path itself."""
    agg = episode.events.aggregate(
        first_contact=Min("occurred_at", filter=_first_contact_filter()),
        last_event=Max("occurred_at"),
    )
    episode.first_contact_at = agg["first_contact"]
    episode.last_event_at = agg["last_event"]
    fields = ["first_contact_at", "last_event_at"]
    if episode.status == Episode.Status.WAITING and episode.first_contact_at is not None:
        episode.status = Episode.Status.ACTIVE
        fields.append("status")
    episode.save(update_fields=fields)


def _first_contact_filter() -> Q:
    return Q(kind__in=list(FIRST_CONTACT_KINDS))


@transaction.atomic
def episode_set_paused(*, actor: User, episode: Episode, paused: bool) -> Episode:
    episode = _lock(episode)
    _require_open(episode)
    if paused:
        episode.status = Episode.Status.PAUSED
    else:
        episode.status = (
            Episode.Status.ACTIVE if episode.first_contact_at else Episode.Status.WAITING
        )
    episode.save(update_fields=["status"])
    return episode


@transaction.atomic
def episode_close(
    *,
    actor: User,
    episode: Episode,
    outcome: str,
    summary: str,
    handover_to: str = "",
    closed_at: datetime.datetime | None = None,
) -> Closing:
    episode = _lock(episode)
    if episode.status == Episode.Status.CLOSED:
        raise Conflict(_("The client relationship is already closed."))
    closing = Closing(
        episode=episode,
        outcome=outcome,
        summary=(summary or "").strip(),
        handover_to=(handover_to or "").strip(),
        closed_by=actor,
        closed_at=closed_at or timezone.now(),
    )
    closing.full_clean(exclude=["episode", "closed_by", "reopened_by"])
    closing.save()
    episode.status = Episode.Status.CLOSED
    episode.save(update_fields=["status"])
    # The customer experience survey (LIITE 1) goes to the client at closing.
    from rinnalla.surveys.services import survey_send_at_closing

    survey_send_at_closing(actor=actor, episode=episode)
    return closing


@transaction.atomic
def episode_reopen(*, actor: User, episode: Episode, reason: str) -> Episode:
    episode = _lock(episode)
    if episode.status != Episode.Status.CLOSED:
        raise Conflict(_("Only a closed client relationship can be reopened."))
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Write why the client relationship is reopened.")})
    if open_episode(client=episode.client, service=episode.service) is not None:
        raise Conflict(
            _(
                "The client already has another open client relationship in this service. "
                "Continue that one instead."
            )
        )
    closing = episode.closings.get(reopened_at__isnull=True)
    closing.reopened_at = timezone.now()
    closing.reopened_by = actor
    closing.reopen_reason = reason.strip()
    closing.save(update_fields=["reopened_at", "reopened_by", "reopen_reason"])
    episode.status = Episode.Status.ACTIVE if episode.first_contact_at else Episode.Status.WAITING
    episode.save(update_fields=["status"])
    return episode


# --- attachments ---------------------------------------------------------------------------


def check_attachment(upload) -> str:
    """The content type of an uploaded document (PDF, JPEG, PNG by content), or
    ``ValidationError({"file": …})``: the same checks as consent scans."""
    limit = max_scan_bytes()
    if upload is None:
        raise ValidationError({"file": _("Choose the file to attach.")})
    if upload.size is None or upload.size > limit:
        raise ValidationError(
            {
                "file": _("The file is too large. The largest allowed size is %(limit)s.")
                % {"limit": filesizeformat(limit)}
            }
        )
    if upload.size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type, _ext in SIGNATURES:
        if head.startswith(magic):
            return content_type
    raise ValidationError({"file": _("The file must be a PDF, JPEG or PNG file.")})


@transaction.atomic
def attachment_add(*, actor: User, event: PathEvent, title: str, upload) -> EventAttachment:
    """Attach a document (a received statement, a Kela decision…) to a path event."""
    episode = _lock(event.episode)
    _require_open(episode)
    errors = {}
    title = " ".join((title or "").split())
    if not title:
        errors["title"] = _("Name the document, for example “B-lausunto” or “Kela's decision”.")
    try:
        content_type = check_attachment(upload)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    attachment = EventAttachment(
        event=event,
        title=title[:200],
        scan_content_type=content_type,
        size=upload.size,
        uploaded_by=actor,
    )
    attachment.file.save(upload.name or "attachment", upload, save=False)
    try:
        attachment.save()
    except Exception:
        attachment.file.delete(save=False)
        raise
    return attachment
