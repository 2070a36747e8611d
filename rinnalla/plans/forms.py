from django import forms
from django.utils.translation import gettext_lazy as _

from rinnalla.plans.models import (
    ACTION_GROUPS,
    MEETING_MODES,
    ActionStatus,
    ClientPlan,
    ParticipantRole,
    Topic,
)
from rinnalla.plans.selectors import professional_candidates

DATETIME_LOCAL = "%Y-%m-%dT%H:%M"


class ProfessionalChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        parts = [str(obj)]
        if obj.profession:
            parts.append(obj.profession)
        parts.append(str(obj.organisation))
        return ", ".join(parts)


class MeetingForm(forms.Form):
    starts_at = forms.DateTimeField(
        label=_("Date and time"),
        input_formats=[DATETIME_LOCAL, "%d.%m.%Y %H:%M", "%Y-%m-%d %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_LOCAL),
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=24 * 60, initial=90
    )
    mode = forms.ChoiceField(
        label=_("How the meeting is held"),
        choices=MEETING_MODES,
        widget=forms.RadioSelect,
        initial="in_person",
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    video_link = forms.URLField(
        label=_("Video link"), max_length=500, required=False, assume_scheme="https"
    )
    participants = ProfessionalChoiceField(
        label=_("Participants from the network"),
        queryset=professional_candidates(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Those with an e-mail address get an invitation with the time and place."),
    )
    client_present = forms.BooleanField(
        label=_("The client takes part in the meeting"), required=False, initial=True
    )
    topics = forms.MultipleChoiceField(
        label=_("Topic of the meeting"),
        choices=Topic.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    topic_other = forms.CharField(label=_("Other topic, what"), max_length=200, required=False)
    send_invitations = forms.BooleanField(
        label=_("Send the invitations by e-mail now"), required=False, initial=True
    )

    def clean(self):
        data = super().clean()
        if not data.get("place") and not data.get("video_link") and "place" not in self.errors:
            self.add_error("place", _("Give the place or the video link of the meeting."))
        if "other" in (data.get("topics") or []) and not data.get("topic_other"):
            self.add_error("topic_other", _("Say what the other topic is."))
        return data

    def __init__(self, *args, network: set[int] | None = None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["send_invitations"].label = _(
                "Tell the participants about the change by e-mail"
            )
        # The client's network (responsible persons, earlier participants) is listed first.
        network = network or set()
        candidates = list(professional_candidates())
        candidates.sort(key=lambda u: 0 if u.pk in network else 1)
        field = self.fields["participants"]
        field.queryset = professional_candidates()
        field.choices = [(u.pk, field.label_from_instance(u)) for u in candidates]


class ExternalParticipantForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200, required=False)
    role = forms.ChoiceField(
        label=_("Role"), choices=[("", "—")] + list(ParticipantRole.choices), required=False
    )
    organisation_name = forms.CharField(label=_("Organisation"), max_length=200, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)

    def clean(self):
        data = super().clean()
        if data.get("name") and not data.get("role"):
            self.add_error("role", _("Choose the role of the participant."))
        if not data.get("name") and (data.get("email") or data.get("organisation_name")):
            self.add_error("name", _("Give the name of the participant."))
        return data


ExternalParticipantFormSet = forms.formset_factory(
    ExternalParticipantForm, extra=3, max_num=20, validate_max=True
)


class CancelMeetingForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for cancelling"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("The participants and the client are told that the meeting is cancelled."),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        max_length=20000,
        help_text=_(
            "Key points, decisions and agreed actions. You can prepare a draft before the "
            "meeting; saved after the start, the minutes record the meeting on the service path."
        ),
    )


def _textarea(rows: int = 5) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class PlanForm(forms.Form):
    """The editable part of LIITE 13, in the form's order."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    client_wishes = forms.CharField(
        label=ClientPlan._meta.get_field("client_wishes").verbose_name,
        widget=_textarea(),
        required=False,
        max_length=20000,
    )
    shared_view = forms.CharField(
        label=ClientPlan._meta.get_field("shared_view").verbose_name,
        widget=_textarea(),
        required=False,
        max_length=20000,
    )
    planned = forms.CharField(
        label=ClientPlan._meta.get_field("planned").verbose_name,
        widget=_textarea(),
        required=False,
        max_length=20000,
    )
    client_tasks = forms.CharField(
        label=ClientPlan._meta.get_field("client_tasks").verbose_name,
        widget=_textarea(4),
        required=False,
        max_length=20000,
    )
    coordinator_tasks = forms.CharField(
        label=ClientPlan._meta.get_field("coordinator_tasks").verbose_name,
        widget=_textarea(4),
        required=False,
        max_length=20000,
    )
    next_meeting_on = forms.DateField(
        label=ClientPlan._meta.get_field("next_meeting_on").verbose_name,
        required=False,
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    follow_up_of_actions = forms.CharField(
        label=ClientPlan._meta.get_field("follow_up_of_actions").verbose_name,
        widget=_textarea(3),
        required=False,
        max_length=20000,
    )
    network_contact = forms.CharField(
        label=ClientPlan._meta.get_field("network_contact").verbose_name,
        widget=_textarea(3),
        required=False,
        max_length=20000,
    )
    distributed_to_client = forms.BooleanField(label=_("Client"), required=False)
    distributed_to_primary_care = forms.BooleanField(
        label=_("Primary care (patient record)"), required=False
    )

    SECTIONS = [
        (None, ["client_wishes", "shared_view", "planned"]),
        (
            _("Coordination and follow-up of the plan"),
            [
                "client_tasks",
                "coordinator_tasks",
                "next_meeting_on",
                "follow_up_of_actions",
                "network_contact",
            ],
        ),
        (_("Distribution"), ["distributed_to_client", "distributed_to_primary_care"]),
    ]

    def sections(self):
        return [(title, [self[name] for name in names]) for title, names in self.SECTIONS]


def responsible_choices(candidates, network: set[int]) -> list:
    client_choice = [("client", _("The client"))]
    in_network = [(f"p{u.pk}", _label(u)) for u in candidates if u.pk in network]
    others = [(f"p{u.pk}", _label(u)) for u in candidates if u.pk not in network]
    choices = [("", "—"), (_("Client"), client_choice)]
    if in_network:
        choices.append((_("This client's network"), in_network))
    if others:
        choices.append((_("Other professionals"), others))
    return choices


def _label(user) -> str:
    return ", ".join(filter(None, [str(user), user.profession, str(user.organisation)]))


def category_choices() -> list:
    return [("", "—")] + [
        (group, [(c.value, c.label) for c in categories]) for group, categories in ACTION_GROUPS
    ]


class ActionForm(forms.Form):
    category = forms.ChoiceField(label=_("Category"), choices=category_choices)
    description = forms.CharField(label=_("What is done"), widget=_textarea(3), max_length=5000)
    for_client = forms.CharField(
        label=_("For the client (optional)"),
        widget=_textarea(2),
        max_length=1000,
        required=False,
        help_text=_(
            "One plain sentence to the client for their plan, for example “You book a time "
            "with the team physician.” Empty: the description above is shown."
        ),
    )
    responsible = forms.ChoiceField(label=_("Responsible person"))
    due_on = forms.DateField(
        label=_("Due date"),
        input_formats=["%Y-%m-%d", "%d.%m.%Y"],
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, network: set[int] | None = None, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["send_invitations"].label = _(
                "Tell the participants about the change by e-mail"
            )
        self.candidates = {u.pk: u for u in professional_candidates()}
        self.fields["responsible"].choices = responsible_choices(
            self.candidates.values(), network or set()
        )

    def clean(self):
        data = super().clean()
        value = data.get("responsible")
        data["responsible_is_client"] = value == "client"
        data["responsible_professional"] = None
        if value and value.startswith("p"):
            data["responsible_professional"] = self.candidates.get(int(value[1:]))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        return {
            "category": data["category"],
            "description": data["description"],
            "for_client": data["for_client"],
            "due_on": data["due_on"],
            "responsible_professional": data["responsible_professional"],
            "responsible_is_client": data["responsible_is_client"],
        }


class ActionStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    note = forms.CharField(label=_("Note"), max_length=500, required=False)
    next = forms.CharField(required=False, widget=forms.HiddenInput, max_length=500)
