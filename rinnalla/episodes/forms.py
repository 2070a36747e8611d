"""Forms of the client relationship pages: path events, responsible persons, closing."""

import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.episodes.models import EventKind, EventMode, Outcome, StatementStatus

TEXT_MAX = 5000


def add_service_errors(form: forms.Form, error: ValidationError, *, renames=None) -> None:
    """Show a service's ValidationError on the form: on the field it names, else on top."""
    renames = renames or {}
    if not hasattr(error, "error_dict"):
        form.add_error(None, error.messages)
        return
    for field, errors in error.error_dict.items():
        name = renames.get(field, field)
        messages = [message for e in errors for message in e.messages]
        form.add_error(name if name in form.fields else None, messages)


def professional_label(user: User) -> str:
    name = user.get_full_name() or user.get_username()
    return f"{name}, {user.profession}" if user.profession else name


def grouped_professional_choices(professionals, *, empty_label) -> list:
    """Choices for a <select> with one <optgroup> per organisation."""
    groups: dict[str, list] = {}
    for user in professionals:
        groups.setdefault(user.organisation.name, []).append((user.pk, professional_label(user)))
    return [("", empty_label), *groups.items()]


def _required_text(value: str) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(_("Fill in this field."), code="required")
    return value


def _blank_first(choices) -> list:
    return [("", "—"), *choices]


class EventForm(forms.Form):
    """One step of the service path. Fields used by some kinds only are grouped and say so."""

    kind = forms.ChoiceField(
        label=_("Kind of event"), choices=EventKind.choices, widget=forms.RadioSelect
    )
    occurred_date = forms.DateField(
        label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    occurred_time = forms.TimeField(
        label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M")
    )
    mode = forms.ChoiceField(
        label=_("How it took place"),
        choices=_blank_first(EventMode.choices),
        required=False,
        help_text=_("Contacts: phone, message or letter. Meetings: in person, phone or video."),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"),
        min_value=1,
        max_value=24 * 60,
        required=False,
        help_text=_("Meetings only."),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.order_by("name"),
        required=False,
        empty_label="—",
        help_text=_(
            "Consultations: the organisation consulted (needs the client's valid consent). "
            "Statements: the organisation the statement is from."
        ),
    )
    statement_name = forms.CharField(
        label=_("Statement"),
        max_length=100,
        required=False,
        help_text=_("Statements only, for example medical statement B."),
    )
    statement_status = forms.ChoiceField(
        label=_("Statement status"),
        choices=_blank_first(StatementStatus.choices),
        required=False,
        help_text=_("Statements only: requested or received."),
    )
    summary = forms.CharField(
        label=_("Summary"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX
    )
    next_step = forms.CharField(
        label=_("Next step"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        required=False,
    )
    next_step_due_on = forms.DateField(
        label=_("Next step by"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_(
            "With a date the next step becomes your task on My work until you mark it done."
        ),
    )
    internal = forms.BooleanField(
        label=_("Internal: not shown to the client on their own pages"),
        required=False,
        help_text=_("Consultations are always internal. Other events the client can read."),
    )

    # Which fields the template shows in which fieldset (no JavaScript needed).
    general_fields = ("kind", "occurred_date", "occurred_time")
    contact_fields = ("mode",)
    meeting_fields = ("duration_minutes",)
    consultation_fields = ("organisation", "statement_name", "statement_status")
    text_fields = ("summary", "next_step", "next_step_due_on", "internal")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        now = timezone.localtime()
        self.fields["occurred_date"].initial = now.date()
        self.fields["occurred_time"].initial = now.time().replace(second=0, microsecond=0)

    def _fieldset(self, names):
        return [self[name] for name in names]

    def general(self):
        return self._fieldset(self.general_fields)

    def contact(self):
        return self._fieldset(self.contact_fields)

    def meeting(self):
        return self._fieldset(self.meeting_fields)

    def consultation(self):
        return self._fieldset(self.consultation_fields)

    def texts(self):
        return self._fieldset(self.text_fields)

    def clean_summary(self) -> str:
        return _required_text(self.cleaned_data["summary"])

    def clean(self):
        data = super().clean()
        day, time = data.get("occurred_date"), data.get("occurred_time")
        if day is not None and time is not None:
            occurred_at = timezone.make_aware(datetime.datetime.combine(day, time))
            data["occurred_at"] = occurred_at
            # A future moment is refused here, on the field that is wrong: a later day
            # on the date, a later hour of today on the time.
            if occurred_at > timezone.now() + datetime.timedelta(minutes=5):
                if day > timezone.localdate():
                    self.add_error("occurred_date", _("The date is in the future."))
                else:
                    self.add_error(
                        "occurred_time",
                        _("The time is later than now. An event is recorded once it has happened."),
                    )
        return data

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "occurred_at": data["occurred_at"],
            "mode": data["mode"],
            "duration_minutes": data["duration_minutes"],
            "organisation": data["organisation"],
            "statement_name": data["statement_name"],
            "statement_status": data["statement_status"],
            "summary": data["summary"],
            "next_step": data["next_step"],
            "next_step_due_on": data["next_step_due_on"],
            "internal": data["internal"] or None,
        }


EVENT_ERROR_FIELDS = {"occurred_at": "occurred_date"}


class ResponsiblePersonForm(forms.Form):
    professional = forms.TypedChoiceField(
        label=_("Professional"),
        coerce=int,
        empty_value=None,
        help_text=_("Coordinators and network professionals, by organisation."),
    )
    area = forms.CharField(
        label=_("Area of responsibility"),
        max_length=200,
        help_text=_("For example job seeking, or health and social matters."),
    )
    primary = forms.BooleanField(
        label=_("Primary contact"),
        required=False,
        help_text=_("The client's primary contact. The current primary contact stays responsible."),
    )
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
        required=False,
        help_text=_("What is handed over. Recorded in the handover history."),
    )

    def __init__(self, *args, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self._candidates = {user.pk: user for user in candidates}
        self.fields["professional"].choices = grouped_professional_choices(
            self._candidates.values(), empty_label=_("Choose a professional")
        )

    def clean_professional(self) -> User:
        return self._candidates[self.cleaned_data["professional"]]

    def clean_area(self) -> str:
        return _required_text(self.cleaned_data["area"])


class EndResponsibilityForm(forms.Form):
    note = forms.CharField(
        label=_("What was handed over"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=TEXT_MAX,
    )
    successor = forms.TypedChoiceField(
        label=_("New primary contact"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("Required when the primary contact leaves."),
    )

    def __init__(self, *args, person, others, **kwargs):
        kwargs.setdefault("prefix", f"end-{person.pk}")
        super().__init__(*args, **kwargs)
        self.person = person
        self._others = {other.pk: other for other in others}
        if person.is_primary:
            self.fields["successor"].choices = [
                ("", _("Choose the new primary contact")),
                *((o.pk, f"{professional_label(o.professional)} – {o.area_text}") for o in others),
            ]
        else:
            del self.fields["successor"]

    def clean_note(self) -> str:
        return _required_text(self.cleaned_data["note"])

    def clean_successor(self):
        pk = self.cleaned_data.get("successor")
        return None if pk is None else self._others[pk]


class CloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Outcome.choices, widget=forms.RadioSelect
    )
    handover_to = forms.CharField(
        label=_("Handed over to"),
        max_length=200,
        required=False,
        help_text=_("The service or person who continues with the client, if any."),
    )
    summary = forms.CharField(
        label=_("Closing summary"), widget=forms.Textarea(attrs={"rows": 5}), max_length=TEXT_MAX
    )

    def __init__(self, *args, actions=(), meetings=(), **kwargs):
        """One choice per open action (cancel / mark done / leave open) and per planned
        meeting (cancel / keep), so that nothing stays open by accident."""
        super().__init__(*args, **kwargs)
        self.actions = list(actions)
        self.meetings = list(meetings)
        for action in self.actions:
            who = action.responsible_display
            self.fields[f"action_{action.pk}"] = forms.ChoiceField(
                label=_("%(what)s – %(who)s, due %(due)s")
                % {
                    "what": action.description[:100],
                    "who": who,
                    "due": action.due_on.strftime("%-d.%-m.%Y"),
                },
                choices=[
                    ("cancel", _("Cancel the action")),
                    ("done", _("Mark it done")),
                    ("keep", _("Leave it open (the responsible person continues)")),
                ],
                initial="cancel",
                widget=forms.RadioSelect,
            )
        for meeting in self.meetings:
            when = timezone.localtime(meeting.starts_at).strftime("%-d.%-m.%Y %H:%M")
            self.fields[f"meeting_{meeting.pk}"] = forms.ChoiceField(
                label=_("Network meeting %(when)s") % {"when": when},
                choices=[
                    ("cancel", _("Cancel the meeting and tell the participants")),
                    ("keep", _("Keep the meeting")),
                ],
                initial="cancel",
                widget=forms.RadioSelect,
            )

    def action_fields(self):
        return [self[f"action_{a.pk}"] for a in self.actions]

    def meeting_fields(self):
        return [self[f"meeting_{m.pk}"] for m in self.meetings]

    def closing_fields(self):
        return [self[name] for name in ("outcome", "handover_to", "summary")]

    def decisions(self) -> tuple[dict[int, str], dict[int, str]]:
        data = self.cleaned_data
        return (
            {a.pk: data[f"action_{a.pk}"] for a in self.actions},
            {m.pk: data[f"meeting_{m.pk}"] for m in self.meetings},
        )

    def clean_summary(self) -> str:
        return _required_text(self.cleaned_data["summary"])


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for reopening"),
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=TEXT_MAX,
    )

    def clean_reason(self) -> str:
        return _required_text(self.cleaned_data["reason"])


class AttachmentForm(forms.Form):
    """A document received for a path event: its name and the file (PDF, JPEG or PNG)."""

    title = forms.CharField(
        label=_("Name of the document"),
        max_length=200,
        help_text=_("For example “B-lausunto” or “Kela's decision on vocational rehabilitation”."),
    )
    file = forms.FileField(
        label=_("File"),
        help_text=_("A PDF, JPEG or PNG file."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
