import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User


def default_start() -> datetime.date:
    today = timezone.localdate()
    month = today.replace(day=1)
    for _i in range(11):
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return month


class FilterForm(forms.Form):
    """Period and breakdown of a report (a GET form: works without JavaScript)."""

    start = forms.DateField(
        label=_("Start of the period"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=_("End of the period"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    service = forms.ModelChoiceField(
        label=_("Service"),
        queryset=Organisation.objects.filter(is_coordination_service=True),
        required=False,
        empty_label=_("All services"),
    )
    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.all(),
        required=False,
        empty_label=_("All organisations"),
        help_text=_(
            "The organisation that referred the client; for events, network meetings and "
            "statements, the organisation taking part."
        ),
    )
    coordinator = forms.ModelChoiceField(
        label=_("Coordinator"),
        queryset=User.objects.filter(role=User.Role.COORDINATOR),
        required=False,
        empty_label=_("All coordinators"),
    )

    def __init__(self, *args, services: list[int] | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        if services is not None:
            del self.fields["service"]
            self.fields["coordinator"].queryset = User.objects.filter(
                role=User.Role.COORDINATOR, organisation_id__in=services
            )

    def clean(self):
        cleaned = super().clean()
        start = cleaned.get("start") or default_start()
        end = cleaned.get("end") or timezone.localdate()
        if start > end:
            self.add_error("end", _("The end of the period must not be before its start."))
        if (end - start).days > 366 * 5:
            self.add_error("start", _("Choose a period of at most five years."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned
