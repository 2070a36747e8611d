from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.situation.models import SEGMENT_HELP, PeriodKind, Segment

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SegmentForm(forms.Form):
    segment = forms.ChoiceField(
        label=_("Segment"),
        choices=[(value, f"{label} – {SEGMENT_HELP[value]}") for value, label in Segment.choices],
        widget=forms.RadioSelect,
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))
    recorded_on = forms.DateField(label=_("Date"), widget=DATE, initial=timezone.localdate)


class PeriodForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=[("", "–")] + PeriodKind.choices)
    starts_on = forms.DateField(
        label=_("Starts on"),
        widget=DATE,
        help_text=_("For a rejected pension: the date of the decision."),
    )
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE, required=False)
    days_before = forms.IntegerField(
        label=_("Sickness allowance days paid before this period"),
        required=False,
        min_value=0,
        max_value=299,
        help_text=_(
            "For sickness allowance: days already paid for the same illness. Rinnalla counts "
            "Kela's 60-, 90- and 150-day checkpoints from them."
        ),
    )
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class PeriodEndForm(forms.Form):
    ends_on = forms.DateField(label=_("Ends on"), widget=DATE)
