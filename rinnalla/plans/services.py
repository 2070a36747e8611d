"""Every write to network meetings, client plans and plan actions."""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rinnalla.access import grants
from rinnalla.accounts.models import Organisation, User
from rinnalla.core.errors import Conflict
from rinnalla.episodes.models import Episode, EventKind, EventMode
from rinnalla.episodes.services import event_create
from rinnalla.plans.models import (
    MEETING_MODES,
    OPEN_STATUSES,
    ActionCategory,
    ActionStatus,
    ActionStatusChange,
    ClientPlan,
    Meeting,
    MeetingParticipant,
    ParticipantRole,
    PlanAction,
    PlanRevision,
    Topic,
)
from rinnalla.plans.selectors import primary_contact
from rinnalla.plans.texts import CANCELLED_AT_CLOSING, MEETING_HELD, meeting_held_data

EPISODE_CLOSED = _("The client relationship is closed. Reopen it first.")

# Words in a profession that tell which LIITE 13 participant box a professional ticks.
_PROFESSION_ROLES = [
    ("lääkäri", ParticipantRole.PHYSICIAN),
    ("physician", ParticipantRole.PHYSICIAN),
    ("läkare", ParticipantRole.PHYSICIAN),
    ("kuntoutusohjaaja", ParticipantRole.COORDINATING_COUNSELLOR),
    ("rehabilitation counsellor", ParticipantRole.COORDINATING_COUNSELLOR),
    ("päihde", ParticipantRole.MENTAL_HEALTH_WORKER),
    ("psykiatr", ParticipantRole.MENTAL_HEALTH_WORKER),
    ("mielenterveys", ParticipantRole.MENTAL_HEALTH_WORKER),
    ("sosiaali", ParticipantRole.SOCIAL_WORKER),
    ("terveydenhoitaja", ParticipantRole.PUBLIC_HEALTH_NURSE),
    ("rikosseuraamus", ParticipantRole.CRIMINAL_SANCTIONS_WORKER),
    ("vammais", ParticipantRole.DISABILITY_SERVICES),
    ("työkykyneuvoja", ParticipantRole.KELA_ADVISOR),
    ("työllisyys", ParticipantRole.EMPLOYMENT_ADVISOR),
    ("työvalmentaja", ParticipantRole.EMPLOYMENT_ADVISOR),
]
_ORGANISATION_ROLES = {
    Organisation.Kind.KELA: ParticipantRole.KELA_ADVISOR,
    Organisation.Kind.EMPLOYMENT_SERVICES: ParticipantRole.EMPLOYMENT_ADVISOR,
    Organisation.Kind.TE_SERVICES: ParticipantRole.EMPLOYMENT_ADVISOR,
    Organisation.Kind.TYP: ParticipantRole.EMPLOYMENT_ADVISOR,
    Organisation.Kind.SOCIAL_WORK: ParticipantRole.SOCIAL_WORKER,
    Organisation.Kind.NGO: ParticipantRole.NGO_REPRESENTATIVE,
}


def participant_role_for(professional: User) -> str:
    """The LIITE 13 participant box of a professional: profession first, then organisation."""
    if professional.is_coordinator:
        return ParticipantRole.EMPLOYMENT_ADVISOR
    profession = (professional.profession or "").lower()
    for word, role in _PROFESSION_ROLES:
        if word in profession:
            return role
    kind = professional.organisation.kind if professional.organisation_id else None
    return _ORGANISATION_ROLES.get(kind, ParticipantRole.OTHER)


def _lock_episode(episode: Episode) -> Episode:
    episode = Episode.objects.select_for_update().select_related("client").get(pk=episode.pk)
    if episode.status == Episode.Status.CLOSED:
        raise Conflict(EPISODE_CLOSED)
    return episode


def _check_professional(user: User, field_name: str) -> None:
    if not user.is_active or user.role not in (
        User.Role.COORDINATOR,
        User.Role.NETWORK_PROFESSIONAL,
    ):
        raise ValidationError(
            {field_name: _("Only active coordinators and network professionals can be chosen.")}
        )


# --- Network meetings -------------------------------------------------------------------


def meeting_participants_error(professionals: list, external: list) -> str | None:
    """A network meeting has at least one participant of the network (forms ask it too)."""
    if not professionals and not external:
        return _("Choose at least one participant of the network.")
    return None


@transaction.atomic
def meeting_create(
    *,
    actor: User,
    episode: Episode,
    starts_at: datetime.datetime,
    duration_minutes: int = 90,
    mode: str = EventMode.IN_PERSON,
    place: str = "",
    video_link: str = "",
    client_present: bool = True,
    topics: list[str] | None = None,
    topic_other: str = "",
    professionals: list[User] | None = None,
    external_participants: list[dict] | None = None,
    send_invitations: bool = True,
) -> Meeting:
    """Plan (or record afterwards) a network meeting and invite its participants."""
    episode = _lock_episode(episode)
    topics = list(dict.fromkeys(topics or []))
    professionals = list(dict.fromkeys(professionals or []))
    errors: dict = {}
    if duration_minutes is None or not 1 <= duration_minutes <= 24 * 60:
        errors["duration_minutes"] = _("The duration must be between 1 minute and 24 hours.")
    if mode not in dict(MEETING_MODES):
        errors["mode"] = _("Choose how the meeting is held.")
    unknown = [t for t in topics if t not in Topic.values]
    if unknown:
        errors["topics"] = _("Unknown topic: %(topics)s.") % {"topics": ", ".join(unknown)}
    if Topic.OTHER in topics and not (topic_other or "").strip():
        errors["topic_other"] = _("Say what the other topic is.")
    if starts_at.date() < episode.opened_on - datetime.timedelta(days=366):
        errors["starts_at"] = _("The date is more than a year before the relationship opened.")
    for professional in professionals:
        try:
            _check_professional(professional, "participant_ids")
        except ValidationError as exc:
            errors.update(exc.error_dict)
    external = []
    for row in external_participants or []:
        name = (row.get("name") or "").strip()
        if not name:
            continue
        role = row.get("role") or ParticipantRole.OTHER
        if role not in ParticipantRole.values:
            errors["external_participants"] = _("Choose the role of each external participant.")
        external.append(
            MeetingParticipant(
                name=name[:200],
                role=role,
                organisation_name=(row.get("organisation_name") or "").strip()[:200],
                email=(row.get("email") or "").strip(),
            )
        )
    participants_error = meeting_participants_error(professionals, external)
    if participants_error:
        errors["participants"] = participants_error
    if errors:
        raise ValidationError(errors)
    meeting = Meeting(
        episode=episode,
        starts_at=starts_at,
        duration_minutes=duration_minutes,
        mode=mode,
        place=(place or "").strip(),
        video_link=(video_link or "").strip(),
        client_present=client_present,
        topics=[t for t in Topic.values if t in topics],
        topic_other=(topic_other or "").strip() if Topic.OTHER in topics else "",
        created_by=actor,
    )
    meeting.full_clean(exclude=["episode", "created_by", "minutes_recorded_by", "path_event"])
    meeting.save()
    MeetingParticipant.objects.bulk_create(
        [
            MeetingParticipant(meeting=meeting, professional=p, role=participant_role_for(p))
            for p in professionals
        ]
        + [_with_meeting(p, meeting) for p in external]
    )
    grants.refresh([episode.client_id])  # bulk_create sends no signal
    if send_invitations:
        transaction.on_commit(lambda: meeting_send_invitations(actor=actor, meeting=meeting))
    return meeting


def _with_meeting(participant: MeetingParticipant, meeting: Meeting) -> MeetingParticipant:
    participant.meeting = meeting
    try:
        participant.full_clean(exclude=["meeting", "professional"])
    except ValidationError as exc:
        raise ValidationError(
            {
                "external_participants": _("Check the external participants: %(errors)s")
                % {"errors": " ".join(exc.messages)}
            }
        ) from exc
    return participant


def _absolute(path: str) -> str:
    return settings.RINNALLA_BASE_URL + path


def _when(meeting: Meeting) -> str:
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return "{} {}–{}".format(
        formats.date_format(start, "SHORT_DATE_FORMAT"),
        formats.time_format(start, "H:i"),
        formats.time_format(end, "H:i"),
    )


def _where(meeting: Meeting) -> str:
    lines = []
    if meeting.place:
        lines.append(gettext("Place: %(place)s") % {"place": meeting.place})
    if meeting.video_link:
        lines.append(gettext("Video link: %(link)s") % {"link": meeting.video_link})
    return "\n".join(lines)


def _professional_invitation(meeting: Meeting, *, changed: bool = False) -> tuple[str, str]:
    when = _when(meeting)
    if changed:
        subject = gettext("Changed: network meeting %(when)s") % {"when": when}
        opening = gettext("The time or place of a network meeting you are invited to changed.")
    else:
        subject = gettext("Invitation to a network meeting %(when)s") % {"when": when}
        opening = gettext(
            "You are invited to a network meeting of the work ability support network."
        )
    body = "\n\n".join(
        [
            opening,
            gettext("Time: %(when)s") % {"when": when} + "\n" + _where(meeting),
            gettext("The details of the meeting are in Rinnalla: %(url)s")
            % {"url": _absolute(reverse("plans:meeting_detail", args=[meeting.pk]))},
            gettext("For data protection this message does not name the client."),
        ]
    )
    return subject, body


def _client_invitation(meeting: Meeting, contact: User | None) -> tuple[str, str]:
    client = meeting.episode.client
    with translation.override(client.language):
        when = _when(meeting)
        subject = gettext("Invitation to a network meeting %(when)s") % {"when": when}
        parts = [
            gettext("Hello %(name)s,") % {"name": client.first_name},
            gettext(
                "You are invited to a network meeting. We plan your next steps together "
                "with the professionals who support you."
            ),
            gettext("Time: %(when)s") % {"when": when} + "\n" + _where(meeting),
        ]
        if contact is not None:
            phone = contact.phone or (contact.organisation.phone if contact.organisation else "")
            parts.append(
                gettext("If the time does not suit you, contact %(name)s, phone %(phone)s.")
                % {"name": contact, "phone": phone or "–"}
            )
        return subject, "\n\n".join(parts)


def _ics_text(value: str) -> str:
    return value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def meeting_ics(meeting: Meeting, *, cancel: bool = False) -> str:
    """The meeting as an iCalendar (RFC 5545) request or cancellation.

    It never names the client: the summary is "Network meeting" and the description a
    link to Rinnalla. The UID stays the same and SEQUENCE grows with every change, so a
    calendar updates or removes the event it already has.
    """

    def stamp(moment: datetime.datetime) -> str:
        return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")

    domain = settings.RINNALLA_BASE_URL.split("://", 1)[-1].split("/", 1)[0] or "rinnalla"
    location = meeting.place or meeting.video_link
    lines = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Rinnalla//Network meeting//FI",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        f"METHOD:{'CANCEL' if cancel else 'REQUEST'}",
        "BEGIN:VEVENT",
        f"UID:meeting-{meeting.pk}@{domain}",
        f"SEQUENCE:{meeting.sequence}",
        f"DTSTAMP:{stamp(timezone.now())}",
        f"DTSTART:{stamp(meeting.starts_at)}",
        f"DTEND:{stamp(meeting.ends_at)}",
        f"SUMMARY:{_ics_text(gettext('Network meeting'))}",
        f"DESCRIPTION:{_ics_text(_absolute(reverse('plans:meeting_detail', args=[meeting.pk])))}",
    ]
    if location:
        lines.append(f"LOCATION:{_ics_text(location)}")
    lines += [f"STATUS:{'CANCELLED' if cancel else 'CONFIRMED'}", "END:VEVENT", "END:VCALENDAR"]
    return "\r\n".join(lines) + "\r\n"


def _send(subject: str, body: str, email: str, ics: str | None) -> None:
    message = EmailMessage(subject, body, None, [email])
    if ics is not None:
        method = "CANCEL" if "METHOD:CANCEL" in ics else "REQUEST"
        message.attach("kutsu.ics", ics, f"text/calendar; charset=utf-8; method={method}")
    message.send()


def _recipient(participant: MeetingParticipant) -> str:
    if participant.professional_id:
        return participant.professional.email
    return participant.email


@dataclass
class InvitationReach:
    """Who an invitation reaches by e-mail, and who must be invited some other way."""

    by_email: list[MeetingParticipant]
    without_email: list[MeetingParticipant]
    client_by_email: bool


def invitation_reach(meeting: Meeting) -> InvitationReach:
    participants = list(meeting.participants.select_related("professional"))
    client = meeting.episode.client
    return InvitationReach(
        by_email=[p for p in participants if _recipient(p)],
        without_email=[p for p in participants if not _recipient(p)],
        client_by_email=bool(meeting.client_present and client.email),
    )


def meeting_send_invitations(*, actor: User, meeting: Meeting, changed: bool = False) -> int:
    """E-mail the time and place, with an .ics calendar event, to every participant with
    an e-mail address (and the client). Professionals' messages do not name the client;
    they carry a link to Rinnalla. Marks who was invited; returns how many messages
    were sent."""
    meeting = Meeting.objects.select_related("episode__client").get(pk=meeting.pk)
    if meeting.is_cancelled:
        return 0
    reach = invitation_reach(meeting)
    subject, body = _professional_invitation(meeting, changed=changed)
    ics = meeting_ics(meeting)
    for participant in reach.by_email:
        _send(subject, body, _recipient(participant), ics)
    sent = len(reach.by_email)
    if reach.client_by_email:
        client = meeting.episode.client
        client_subject, client_body = _client_invitation(meeting, primary_contact(meeting.episode))
        _send(client_subject, client_body, client.email, ics)
        sent += 1
    MeetingParticipant.objects.filter(pk__in=[p.pk for p in reach.by_email]).update(
        invited_at=timezone.now()
    )
    return sent


def _cancellation(meeting: Meeting, reason: str) -> tuple[str, str]:
    """The cancellation message in the active language (``reason`` already rendered)."""
    when = _when(meeting)
    subject = gettext("Cancelled: network meeting %(when)s") % {"when": when}
    parts = [gettext("The network meeting on %(when)s is cancelled.") % {"when": when}]
    if reason:
        parts.append(gettext("Reason: %(reason)s") % {"reason": reason})
    return subject, "\n\n".join(parts)


def _tell_cancelled(meeting: Meeting, participants: list, *, client: bool) -> int:
    """Tell the participants (those invited by e-mail) and the client: with METHOD:CANCEL."""
    ics = meeting_ics(meeting, cancel=True)
    subject, body = _cancellation(meeting, meeting.cancel_reason_text)
    sent = 0
    for participant in participants:
        email = _recipient(participant)
        if email and participant.invited_at is not None:
            _send(subject, body, email, ics)
            sent += 1
    person = meeting.episode.client
    if client and person.email:
        with translation.override(person.language):
            client_subject, client_body = _cancellation(meeting, "")
        _send(client_subject, client_body, person.email, ics)
        sent += 1
    return sent


MEETING_EDITABLE = (
    "starts_at",
    "duration_minutes",
    "mode",
    "place",
    "video_link",
    "client_present",
    "topics",
    "topic_other",
)


def meeting_fields(data: dict) -> dict:
    """The meeting's own fields (time, place, topics…) out of a form's or a request's data."""
    return {name: data[name] for name in MEETING_EDITABLE}


@transaction.atomic
def meeting_update(
    *,
    actor: User,
    meeting: Meeting,
    professionals: list[User],
    notify: bool = True,
    **fields,
) -> Meeting:
    """Change a planned meeting: time, place, topics, participants. With ``notify`` the
    participants get the changed invitation (same calendar event, next SEQUENCE), the
    newly added ones their first invitation and the removed ones a cancellation."""
    meeting = (
        Meeting.objects.select_for_update().select_related("episode__client").get(pk=meeting.pk)
    )
    _lock_episode(meeting.episode)
    if meeting.is_cancelled:
        raise Conflict(_("The meeting is cancelled."))
    if meeting.is_held:
        raise Conflict(_("The meeting has been held: its time and participants are kept."))
    professionals = list(dict.fromkeys(professionals))
    errors = {}
    for professional in professionals:
        try:
            _check_professional(professional, "participant_ids")
        except ValidationError as exc:
            errors.update(exc.error_dict)
    external = list(meeting.participants.filter(professional__isnull=True))
    participants_error = meeting_participants_error(professionals, external)
    if participants_error:
        errors["participants"] = participants_error
    topics = list(dict.fromkeys(fields.get("topics") or []))
    if Topic.OTHER in topics and not (fields.get("topic_other") or "").strip():
        errors["topic_other"] = _("Say what the other topic is.")
    if errors:
        raise ValidationError(errors)
    before = (meeting.starts_at, meeting.duration_minutes, meeting.place, meeting.video_link)
    for name in MEETING_EDITABLE:
        if name in fields:
            value = fields[name]
            setattr(meeting, name, value.strip() if isinstance(value, str) else value)
    meeting.topics = [t for t in Topic.values if t in topics]
    if Topic.OTHER not in topics:
        meeting.topic_other = ""
    meeting.full_clean(
        exclude=["episode", "created_by", "minutes_recorded_by", "path_event", "cancelled_by"]
    )
    moved = before != (
        meeting.starts_at,
        meeting.duration_minutes,
        meeting.place,
        meeting.video_link,
    )
    current = {
        p.professional_id: p for p in meeting.participants.filter(professional__isnull=False)
    }
    wanted = {p.pk: p for p in professionals}
    removed = [p for pk, p in current.items() if pk not in wanted]
    added = [p for pk, p in wanted.items() if pk not in current]
    if moved or removed:
        meeting.sequence += 1
    meeting.save()
    MeetingParticipant.objects.bulk_create(
        [
            MeetingParticipant(meeting=meeting, professional=p, role=participant_role_for(p))
            for p in added
        ]
    )
    if notify and removed:
        transaction.on_commit(lambda: _tell_cancelled(meeting, removed, client=False))
    MeetingParticipant.objects.filter(pk__in=[p.pk for p in removed]).delete()
    if notify and (moved or added):
        # Everyone gets the current invitation: the changed time for those invited
        # before, the first one for those just added (same calendar event).
        transaction.on_commit(
            lambda: meeting_send_invitations(actor=actor, meeting=meeting, changed=moved)
        )
    return meeting


@transaction.atomic
def meeting_cancel(
    *,
    actor: User,
    meeting: Meeting,
    reason: str = "",
    reason_code: str = "",
    reason_data: dict | None = None,
) -> Meeting:
    """Cancel a planned meeting and tell its participants and the client.

    ``reason`` is what the person wrote; a reason the system gives itself is a
    ``reason_code`` of ``plans.texts`` (with its ``reason_data``), shown in the
    reader's language."""
    meeting = (
        Meeting.objects.select_for_update().select_related("episode__client").get(pk=meeting.pk)
    )
    _lock_episode(meeting.episode)
    if meeting.is_cancelled:
        raise Conflict(_("The meeting is already cancelled."))
    if meeting.is_held:
        raise Conflict(_("The meeting has been held and cannot be cancelled."))
    reason = (reason or "").strip()
    if not (reason or reason_code):
        raise ValidationError({"reason": _("Say why the meeting is cancelled.")})
    meeting.cancelled_at = timezone.now()
    meeting.cancelled_by = actor
    meeting.cancel_reason = reason[:500]
    meeting.cancel_reason_code = reason_code
    meeting.cancel_reason_data = reason_data or {}
    meeting.sequence += 1
    meeting.save(
        update_fields=[
            "cancelled_at",
            "cancelled_by",
            "cancel_reason",
            "cancel_reason_code",
            "cancel_reason_data",
            "sequence",
        ]
    )
    participants = list(meeting.participants.select_related("professional"))
    client = meeting.client_present
    transaction.on_commit(lambda: _tell_cancelled(meeting, participants, client=client))
    return meeting


@transaction.atomic
def meeting_record_minutes(*, actor: User, meeting: Meeting, minutes: str) -> Meeting:
    """Record the minutes; the first time, the meeting also enters the service path."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    episode = _lock_episode(meeting.episode)
    if meeting.is_cancelled:
        raise Conflict(_("The meeting is cancelled."))
    if not (minutes or "").strip():
        raise ValidationError({"minutes": _("Write the minutes of the meeting.")})
    meeting.minutes = minutes.strip()
    fields = ["minutes"]
    # Before the start the minutes are a draft (an agenda, notes prepared beforehand);
    # saved once the meeting has started they record it on the service path.
    started = meeting.starts_at <= timezone.now() + datetime.timedelta(minutes=5)
    if started and meeting.path_event_id is None:
        event = event_create(
            actor=actor,
            episode=episode,
            kind=EventKind.MEETING,
            occurred_at=meeting.starts_at,
            summary_code=MEETING_HELD,
            summary_data=meeting_held_data(meeting),
            mode=meeting.mode,
            duration_minutes=meeting.duration_minutes,
        )
        meeting.path_event = event
        meeting.minutes_recorded_at = timezone.now()
        meeting.minutes_recorded_by = actor
        fields += ["path_event", "minutes_recorded_at", "minutes_recorded_by"]
        meeting.save(update_fields=fields)
        # Feedback is asked automatically, never left to memory (SPEC §8, seed 003).
        from rinnalla.surveys.services import surveys_send_after_meeting

        surveys_send_after_meeting(actor=actor, meeting=meeting)
        return meeting
    meeting.save(update_fields=fields)
    return meeting


# --- Client plan --------------------------------------------------------------------------

PLAN_FIELD_LABELS = {
    name: ClientPlan._meta.get_field(name).verbose_name for name in ClientPlan.TEXT_FIELDS
}


def _clean_plan_fields(fields: dict, meeting: Meeting) -> dict:
    cleaned = {}
    for name, value in fields.items():
        if name not in ClientPlan.TEXT_FIELDS or value is None:
            continue
        if isinstance(value, str):
            value = value.strip()
        cleaned[name] = value
    next_on = cleaned.get("next_meeting_on")
    if next_on and next_on < timezone.localtime(meeting.starts_at).date():
        raise ValidationError(
            {"next_meeting_on": _("The next meeting must be after this meeting.")}
        )
    return cleaned


def _revision(plan: ClientPlan, actor: User) -> None:
    PlanRevision.objects.create(
        plan=plan,
        version=plan.version,
        data=plan.snapshot(),
        saved_by=actor,
        saved_at=plan.updated_at,
    )


@transaction.atomic
def plan_create(*, actor: User, meeting: Meeting, **fields) -> ClientPlan:
    """Make the plan version of ``meeting``, copying the previous version's text forward."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    episode = _lock_episode(meeting.episode)
    if ClientPlan.objects.filter(meeting=meeting).exists():
        raise Conflict(_("This meeting already has its plan version."))
    previous = (
        ClientPlan.objects.filter(episode=episode)
        .select_related("meeting")
        .order_by("-number")
        .first()
    )
    if previous is not None and previous.meeting.starts_at > meeting.starts_at:
        raise Conflict(
            _("A plan of a later meeting exists already. Update the current plan instead.")
        )
    values = {}
    if previous is not None:
        values = {name: getattr(previous, name) for name in ClientPlan.TEXT_FIELDS}
        # The previous "next meeting" is usually this one: it is not carried forward.
        values["next_meeting_on"] = None
    values.update(_clean_plan_fields(fields, meeting))
    now = timezone.now()
    plan = ClientPlan.objects.create(
        episode=episode,
        meeting=meeting,
        number=(previous.number + 1) if previous else 1,
        created_by=actor,
        updated_by=actor,
        created_at=now,
        updated_at=now,
        **values,
    )
    _revision(plan, actor)
    return plan


@dataclass
class FieldChange:
    name: str
    label: str
    theirs: object
    yours: object


@dataclass
class PlanConflict(Conflict):
    """Somebody saved the plan after this user read it. Carries what they changed."""

    plan: ClientPlan
    changes: list[FieldChange] = field(default_factory=list)
    saved_by: User | None = None
    saved_at: datetime.datetime | None = None

    def __str__(self) -> str:
        who = str(self.saved_by) if self.saved_by else "?"
        return gettext(
            "%(who)s saved this plan while you were editing it. Your changes were not saved. "
            "Check their changes and save again."
        ) % {"who": who}


def _normalise(name: str, value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def _conflict(plan: ClientPlan, base_version: int, yours: dict) -> PlanConflict:
    revisions = {r.version: r for r in plan.revisions.select_related("saved_by")}
    base = revisions.get(base_version)
    current = plan.snapshot()
    changes = []
    for name in ClientPlan.TEXT_FIELDS:
        changed_by_them = base is None or base.data.get(name) != current[name]
        sent = name in yours
        your_value = _normalise(name, yours[name]) if sent else None
        if not changed_by_them or (sent and your_value == current[name]):
            continue
        if base is None and not sent:
            continue
        changes.append(
            FieldChange(
                name=name,
                label=str(PLAN_FIELD_LABELS[name]),
                theirs=current[name],
                yours=your_value,
            )
        )
    latest = revisions.get(plan.version)
    return PlanConflict(
        plan=plan,
        changes=changes,
        saved_by=latest.saved_by if latest else plan.updated_by,
        saved_at=latest.saved_at if latest else plan.updated_at,
    )


def _require_current(plan: ClientPlan) -> None:
    if ClientPlan.objects.filter(episode_id=plan.episode_id, number__gt=plan.number).exists():
        raise Conflict(
            _("This is an earlier version of the plan. Earlier versions are kept as they were.")
        )


@transaction.atomic
def plan_update(*, actor: User, plan: ClientPlan, version: int, **fields) -> ClientPlan:
    """Save the plan if nobody saved it since ``version`` was read; else raise PlanConflict."""
    plan = ClientPlan.objects.select_for_update().select_related("meeting").get(pk=plan.pk)
    _lock_episode(plan.episode)
    _require_current(plan)
    cleaned = _clean_plan_fields(fields, plan.meeting)
    if version != plan.version:
        raise _conflict(plan, version, cleaned)
    changed = [name for name, value in cleaned.items() if getattr(plan, name) != value]
    if not changed:
        return plan
    for name in changed:
        setattr(plan, name, cleaned[name])
    plan.version += 1
    plan.updated_at = timezone.now()
    plan.updated_by = actor
    plan.save()
    _revision(plan, actor)
    return plan


# --- Plan actions -------------------------------------------------------------------------


@transaction.atomic
def action_create(
    *,
    actor: User,
    plan: ClientPlan,
    category: str,
    description: str,
    due_on: datetime.date | None,
    responsible_professional: User | None = None,
    responsible_is_client: bool = False,
    for_client: str = "",
    catalogue_service=None,
) -> PlanAction:
    plan = ClientPlan.objects.select_for_update().get(pk=plan.pk)
    episode = _lock_episode(plan.episode)
    _require_current(plan)
    errors = {}
    if category not in ActionCategory.values:
        errors["category"] = _("Choose the category of the action.")
    if not (description or "").strip():
        errors["description"] = _("Describe what is done.")
    if responsible_is_client == (responsible_professional is not None):
        errors["responsible"] = _("Name one responsible person: a professional or the client.")
    elif responsible_professional is not None:
        try:
            _check_professional(responsible_professional, "responsible")
        except ValidationError as exc:
            errors.update(exc.error_dict)
    if due_on is None:
        errors["due_on"] = _("Give the due date.")
    if errors:
        raise ValidationError(errors)
    now = timezone.now()
    action = PlanAction.objects.create(
        plan=plan,
        episode=episode,
        category=category,
        description=description.strip(),
        for_client=(for_client or "").strip(),
        responsible_professional=responsible_professional,
        responsible_is_client=responsible_is_client,
        catalogue_service=catalogue_service,
        due_on=due_on,
        status=ActionStatus.PLANNED,
        status_changed_at=now,
        status_changed_by=actor,
        created_at=now,
        created_by=actor,
    )
    ActionStatusChange.objects.create(
        action=action,
        from_status="",
        to_status=ActionStatus.PLANNED,
        changed_at=now,
        changed_by=actor,
    )
    return action


@transaction.atomic
def action_set_status(
    *, actor: User, action: PlanAction, status: str, note: str = ""
) -> PlanAction:
    """Change an action's status (also when it is overdue) and keep who and when.

    An action left open when its relationship was closed can still be finished (done,
    cancelled, or in progress meanwhile); a finished one of a closed relationship is
    not reopened (that would give its owner access again): reopen the relationship.
    """
    action = PlanAction.objects.select_for_update().get(pk=action.pk)
    episode = Episode.objects.select_for_update().get(pk=action.episode_id)
    if status not in ActionStatus.values:
        raise ValidationError({"status": _("Choose a status.")})
    if status == action.status:
        return action
    if episode.status == Episode.Status.CLOSED and not (
        action.status in OPEN_STATUSES
        and status in (ActionStatus.DONE, ActionStatus.CANCELLED, ActionStatus.IN_PROGRESS)
    ):
        raise Conflict(EPISODE_CLOSED)
    now = timezone.now()
    ActionStatusChange.objects.create(
        action=action,
        from_status=action.status,
        to_status=status,
        note=(note or "").strip()[:500],
        changed_at=now,
        changed_by=actor,
    )
    action.status = status
    action.status_changed_at = now
    action.status_changed_by = actor
    action.save(update_fields=["status", "status_changed_at", "status_changed_by"])
    return action


# --- Closing a relationship with its open actions and meetings ----------------------------

CLOSE_CANCEL = "cancel"
CLOSE_DONE = "done"
CLOSE_KEEP = "keep"


def _closing_notice(*, actor: User, closed_on: datetime.date, lines: list[str]) -> tuple[str, str]:
    subject = gettext("A client relationship you take part in was closed")
    phone = actor.phone or (actor.organisation.phone if actor.organisation_id else "")
    body = "\n\n".join(
        [
            gettext(
                "A client relationship in which you had open work was closed on %(day)s by "
                "%(name)s. For data protection this message does not name the client."
            )
            % {"day": formats.date_format(closed_on, "SHORT_DATE_FORMAT"), "name": actor},
            "\n".join(lines),
            gettext("Questions: %(name)s, phone %(phone)s.")
            % {"name": actor, "phone": phone or "–"},
        ]
    )
    return subject, body


@transaction.atomic
def episode_close_with_items(
    *,
    actor: User,
    episode: Episode,
    outcome: str,
    summary: str,
    handover_to: str = "",
    actions: dict[int, str] | None = None,
    meetings: dict[int, str] | None = None,
):
    """Close a relationship, deciding first about what is still open in it.

    ``actions`` maps an open action's id to cancel / done / keep, ``meetings`` a planned
    meeting's id to cancel / keep (anything not named is kept). Cancelled meetings tell
    their participants; every professional responsible for an open action or invited
    to a planned meeting gets one e-mail saying what became of it, so that nobody's
    work vanishes from their list without notice.
    """
    from rinnalla.episodes.services import episode_close

    actions = actions or {}
    meetings = meetings or {}
    today = timezone.localdate()
    told: dict[int, list[str]] = {}
    people: dict[int, User] = {}
    labels = {
        CLOSE_CANCEL: gettext("cancelled"),
        CLOSE_DONE: gettext("marked done"),
        CLOSE_KEEP: gettext("left open"),
    }
    for action in PlanAction.objects.filter(
        episode=episode, status__in=OPEN_STATUSES
    ).select_related("responsible_professional"):
        decision = actions.get(action.pk, CLOSE_KEEP)
        if decision == CLOSE_CANCEL:
            action_set_status(actor=actor, action=action, status=ActionStatus.CANCELLED)
        elif decision == CLOSE_DONE:
            action_set_status(actor=actor, action=action, status=ActionStatus.DONE)
        person = action.responsible_professional
        if person is not None and person.pk != actor.pk:
            people[person.pk] = person
            told.setdefault(person.pk, []).append(
                gettext("Your action “%(what)s” (due %(due)s): %(decision)s.")
                % {
                    "what": action.description[:120],
                    "due": formats.date_format(action.due_on, "SHORT_DATE_FORMAT"),
                    "decision": labels.get(decision, labels[CLOSE_KEEP]),
                }
            )
    for meeting in Meeting.objects.filter(
        episode=episode,
        minutes_recorded_at__isnull=True,
        cancelled_at__isnull=True,
        starts_at__gte=timezone.now(),
    ).prefetch_related("participants__professional"):
        decision = meetings.get(meeting.pk, CLOSE_KEEP)
        if decision == CLOSE_CANCEL:
            meeting_cancel(actor=actor, meeting=meeting, reason_code=CANCELLED_AT_CLOSING)
        for participant in meeting.participants.all():
            person = participant.professional
            if person is not None and person.pk != actor.pk:
                people[person.pk] = person
                told.setdefault(person.pk, []).append(
                    gettext("The network meeting on %(when)s: %(decision)s.")
                    % {
                        "when": _when(meeting),
                        "decision": gettext("cancelled")
                        if decision == CLOSE_CANCEL
                        else gettext("not cancelled"),
                    }
                )
    closing = episode_close(
        actor=actor, episode=episode, outcome=outcome, summary=summary, handover_to=handover_to
    )

    def notify():
        for pk, lines in told.items():
            person = people[pk]
            if person.email:
                subject, body = _closing_notice(actor=actor, closed_on=today, lines=lines)
                EmailMessage(subject, body, None, [person.email]).send()

    transaction.on_commit(notify)
    closing.told = [people[pk] for pk in told]
    return closing
