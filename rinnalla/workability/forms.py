from django import forms
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import User
from rinnalla.episodes.forms import grouped_professional_choices
from rinnalla.workability.models import Proposal, WorkAbilityAssessment

HELP = {
    "situation": _(
        "Life situation, unemployment or sick leave, income and benefits, services so far."
    ),
    "functional_capacity": _(
        "What the client copes with: tasks, working hours, skills and strengths."
    ),
    "limitations": _(
        "Illnesses and symptoms, their treatment, and what they prevent or make hard."
    ),
    "client_view": _("What the client wants and how they see their own work ability."),
    "conclusion": _("Your assessment of the client's work ability, in a few sentences."),
    "proposal_details": _("What you propose the physician do, and why."),
}


class AssessmentForm(forms.Form):
    """One version of the work ability assessment and plan proposal."""

    based_on_version = forms.IntegerField(required=False, widget=forms.HiddenInput)
    physician = forms.TypedChoiceField(
        label=_("Physician"),
        coerce=int,
        empty_value=None,
        required=False,
        help_text=_("The physician the assessment is for, if they use Rinnalla."),
    )
    physician_name = forms.CharField(
        label=_("Physician, if not in Rinnalla"),
        max_length=200,
        required=False,
        help_text=_("Name and unit, for example “Dr Laakso, Hollola health centre”."),
    )
    situation = forms.CharField(
        label=WorkAbilityAssessment._meta.get_field("situation").verbose_name,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=HELP["situation"],
    )
    functional_capacity = forms.CharField(
        label=WorkAbilityAssessment._meta.get_field("functional_capacity").verbose_name,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=HELP["functional_capacity"],
    )
    limitations = forms.CharField(
        label=WorkAbilityAssessment._meta.get_field("limitations").verbose_name,
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        help_text=HELP["limitations"],
    )
    client_view = forms.CharField(
        label=WorkAbilityAssessment._meta.get_field("client_view").verbose_name,
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=HELP["client_view"],
    )
    measurements = forms.TypedMultipleChoiceField(
        label=_("Measurements used"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The shared results the assessment rests on."),
    )
    conclusion = forms.CharField(
        label=WorkAbilityAssessment._meta.get_field("conclusion").verbose_name,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=HELP["conclusion"],
    )
    proposals = forms.MultipleChoiceField(
        label=_("I propose"),
        choices=Proposal.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("A medical statement B starts a follow-up until it is received."),
    )
    proposal_details = forms.CharField(
        label=WorkAbilityAssessment._meta.get_field("proposal_details").verbose_name,
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=HELP["proposal_details"],
    )

    def __init__(self, *args, physicians=(), measurement_rows=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.physicians = {p.pk: p for p in physicians}
        self.fields["physician"].choices = grouped_professional_choices(
            physicians, empty_label=_("Not in Rinnalla")
        )
        self.fields["measurements"].choices = [
            (row.measurement.pk, measurement_label(row)) for row in measurement_rows
        ]

    def clean_physician(self) -> User | None:
        pk = self.cleaned_data.get("physician")
        return self.physicians.get(pk) if pk else None


def measurement_label(row) -> str:
    measurement = row.measurement
    parts = [
        str(row.instrument.name),
        formats.date_format(measurement.measured_on, "SHORT_DATE_FORMAT"),
    ]
    if row.score is not None:
        parts.append(f"{row.score}{' ' + row.instrument.unit if row.instrument.unit else ''}")
    if row.interpretation_label:
        parts.append(str(row.interpretation_label))
    return " – ".join(parts)


class StatementReceivedForm(forms.Form):
    received_on = forms.DateField(
        label=_("Received on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    summary = forms.CharField(
        label=_("What the statement says, in short"),
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text=_("Optional. The statement itself can be attached below."),
    )
    document = forms.FileField(
        label=_("The statement as a file"),
        required=False,
        help_text=_("Optional. A PDF, JPEG or PNG file; shown to those who may see the client."),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )
