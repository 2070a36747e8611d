from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.measurements import instruments
from rinnalla.measurements.instruments import Instrument, Item
from rinnalla.measurements.models import ServiceNeedsAssessment


def _field_for(item: Item) -> forms.Field:
    if item.kind == "choice":
        coerce = int if all(isinstance(c.value, int) for c in item.choices) else str
        return forms.TypedChoiceField(
            label=item.text,
            help_text=item.help_text,
            required=item.required,
            coerce=coerce,
            choices=[(c.value, c.label) for c in item.choices],
            widget=forms.RadioSelect,
        )
    if item.kind == "text":
        return forms.CharField(
            label=item.text,
            help_text=item.help_text,
            required=item.required,
            max_length=500,
            widget=forms.Textarea(attrs={"rows": 3}),
        )
    label = f"{item.text} ({item.unit})" if item.unit and item.unit != "d" else item.text
    return forms.DecimalField(
        label=label,
        help_text=item.help_text,
        required=item.required,
        min_value=item.minimum,
        max_value=item.maximum,
        decimal_places=item.decimals,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )


class InstrumentForm(forms.Form):
    """The items of one instrument; the instrument itself validates the answers."""

    def __init__(
        self,
        instrument: Instrument,
        *args,
        with_date: bool = True,
        with_confirm: bool = False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.instrument = instrument
        for item in instrument.items:
            self.fields[item.key] = _field_for(item)
        if with_date:
            self.fields["measured_on"] = forms.DateField(
                label=_("Measured on"),
                initial=timezone.localdate,
                widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            )
        if with_confirm:
            self.fields["confirm_repeat"] = forms.BooleanField(
                label=_("Record a new result anyway"),
                required=False,
            )

    def answers(self) -> dict:
        keys = {item.key for item in self.instrument.items}
        return {k: v for k, v in self.cleaned_data.items() if k in keys and v not in (None, "")}

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        try:
            self.instrument.clean(self.answers())
        except ValidationError as exc:
            for key, messages in exc.message_dict.items():
                self.add_error(key if key in self.fields else None, messages)
        return cleaned


class SelfFillAnswersForm(InstrumentForm):
    """The same items on the client's public page: no date, no confirmation."""

    def __init__(self, instrument: Instrument, *args, **kwargs):
        super().__init__(
            instrument, *args, with_date=False, with_confirm=False, prefix=instrument.code, **kwargs
        )


ASSESSMENT_HELP = {
    "family_and_housing": _(
        "What is your life situation like? How satisfied are you with it? Who do you live "
        "with, and how do you live?"
    ),
    "social_situation": _("How do you find your relationships with other people?"),
    "illnesses_and_treatment": _(
        "Is there anything in your health that affects looking for work or education? If "
        "so, what? When did you last have a health check (recommended every 2–3 years)?"
    ),
    "statements_and_decisions": _(
        "Medical statements (such as the B statement) and decisions of Kela, the pension "
        "insurer or others."
    ),
    "unemployment_duration": _("How long have you been unemployed?"),
    "income_and_social_security": _("How do you find your financial situation?"),
    "employment_measures": _(
        "Rehabilitation; rehabilitative work activity, work trial, pay subsidy; social and "
        "health services and networks; cooperation meetings and their feedback. Have you "
        "been in rehabilitation? How do you find your job-seeking skills (CV, applications, "
        "job-seeking channels)? When did you last apply for work, and how?"
    ),
    "education_and_work_history": _(
        "Degrees, courses, school performance (possibly interrupted studies, learning "
        "difficulties or other things affecting education); employment relationships, "
        "their length and feedback. What education do you have? How did you do at school? "
        "Have you done military service? What jobs have you had, how long, and why did "
        "they end? What feedback have you had on your work or job seeking? Are there jobs "
        "in your field in the area?"
    ),
    "strengths_skills_hobbies": _(
        "Also those the client may have had to give up. What skills and strengths do you "
        "feel you have? Have you gained skills through hobbies? Would you like to develop "
        "yourself further in something?"
    ),
    "wishes_and_goals": _(
        "What work would you like to do? Would further studies or being an entrepreneur "
        "interest you? What kind of service or support do you hope for?"
    ),
    "own_work_ability_rating": _(
        "How do you rate your work ability and functioning on a scale of 1–10 (1 = poor, "
        "10 = very good)?"
    ),
}


class AssessmentForm(forms.ModelForm):
    based_on_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    own_work_ability_rating = forms.TypedChoiceField(
        label=_("The client's own rating of work ability (1–10)"),
        required=False,
        coerce=int,
        empty_value=None,
        widget=forms.RadioSelect,
        choices=[("", _("Not rated"))] + [(n, str(n)) for n in range(1, 11)],
    )

    class Meta:
        model = ServiceNeedsAssessment
        fields = [
            "family_and_housing",
            "social_situation",
            "illnesses_and_treatment",
            "statements_and_decisions",
            "unemployment_duration",
            "income_and_social_security",
            "employment_measures",
            "education_and_work_history",
            "strengths_skills_hobbies",
            "wishes_and_goals",
            "own_work_ability_rating",
        ]
        widgets = {name: forms.Textarea(attrs={"rows": 4}) for name in fields[:-1]}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, help_text in ASSESSMENT_HELP.items():
            self.fields[name].help_text = help_text
        self.fields["own_work_ability_rating"].help_text = ASSESSMENT_HELP[
            "own_work_ability_rating"
        ]

    def section_data(self) -> dict:
        data = {k: v for k, v in self.cleaned_data.items() if k != "based_on_version"}
        return data


class SelfFillLinkForm(forms.Form):
    instruments = forms.MultipleChoiceField(
        label=_("Self-assessments to fill"),
        widget=forms.CheckboxSelectMultiple,
        choices=lambda: [
            (code, instruments.INSTRUMENTS[code].label) for code in instruments.SELF_FILL_CODES
        ],
        initial=list(instruments.SELF_FILL_CODES),
    )
    send_email = forms.BooleanField(
        label=_("Also send the link to the client by e-mail"), required=False
    )
    email = forms.EmailField(label=_("Client's e-mail address"), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("send_email") and not cleaned.get("email"):
            self.add_error("email", _("Give the e-mail address to send the link to."))
        return cleaned
