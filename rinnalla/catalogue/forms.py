from django import forms
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import User
from rinnalla.catalogue.models import Category, ItemKind, Service
from rinnalla.situation.models import Segment


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All"))] + Category.choices
    )
    segment = forms.ChoiceField(
        label=_("Client segment"), required=False, choices=[("", _("All"))] + Segment.choices
    )
    age = forms.IntegerField(label=_("Client's age"), required=False, min_value=0, max_value=130)


class ServiceForm(forms.ModelForm):
    based_on_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    target_segments = forms.MultipleChoiceField(
        label=_("Client segments"),
        choices=Segment.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    municipalities = forms.CharField(
        label=_("Municipalities"),
        required=False,
        help_text=_("Separate with commas. Empty: the whole wellbeing services county."),
    )
    url = forms.URLField(label=_("web page"), required=False, assume_scheme="https")
    note = forms.CharField(label=_("What changed"), required=False, max_length=300)
    checked = forms.BooleanField(
        label=_("I checked that the information is current"), required=False
    )

    class Meta:
        model = Service
        fields = [
            "name_fi",
            "name_sv",
            "name_en",
            "category",
            "provider",
            "provider_name",
            "description_fi",
            "description_sv",
            "description_en",
            "target_age_min",
            "target_age_max",
            "target_group_fi",
            "target_group_sv",
            "target_group_en",
            "target_segments",
            "criteria_fi",
            "criteria_sv",
            "criteria_en",
            "how_to_refer_fi",
            "how_to_refer_sv",
            "how_to_refer_en",
            "attachments_fi",
            "attachments_sv",
            "attachments_en",
            "contact",
            "phone",
            "email",
            "url",
            "waiting_time_fi",
            "waiting_time_sv",
            "waiting_time_en",
            "cost_fi",
            "cost_sv",
            "cost_en",
            "municipalities",
            "valid_from",
            "valid_until",
            "keepers",
        ]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "keepers": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, user: User, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["municipalities"] = ", ".join(self.instance.municipalities)
            self.initial["based_on_version"] = self.instance.version
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs["rows"] = 3
        self.fields["keepers"].queryset = User.objects.filter(is_active=True).exclude(
            role=User.Role.MANAGER
        )
        if not user.is_administrator:
            # Keepers keep the list of keepers as the administrator set it.
            del self.fields["keepers"]

    def clean_municipalities(self) -> list[str]:
        raw = self.cleaned_data.get("municipalities") or ""
        return [part.strip() for part in raw.split(",") if part.strip()]


class DismissForm(forms.Form):
    reason = forms.CharField(
        label=_("Why does the service not fit the client?"),
        widget=forms.Textarea(attrs={"rows": 2}),
        max_length=2000,
    )


class CriteriaCheckForm(forms.Form):
    """One radio group per "make a referral if" criterion, one text per referral item."""

    def __init__(self, *args, criteria, evaluation, **kwargs):
        super().__init__(*args, **kwargs)
        from rinnalla.catalogue.models import Answer, ItemKind, item_text

        self.system = evaluation.answers
        for entry in criteria.items_of(ItemKind.REFER_IF):
            code = entry["code"]
            system = evaluation.answers.get(code)
            help_text = ""
            if system is not None:
                help_text = _("Filled in by Rinnalla: %(reason)s") % {"reason": system.reason}
            elif not entry.get("required", True):
                help_text = _("Not required.")
            self.fields[f"answer_{code}"] = forms.ChoiceField(
                label=item_text(entry),
                choices=Answer.choices,
                widget=forms.RadioSelect,
                initial=system.answer if system else Answer.UNKNOWN,
                help_text=help_text,
            )
        for entry in criteria.items_of(ItemKind.REFERRAL_SHOULD_TELL):
            code = entry["code"]
            self.fields[f"text_{code}"] = forms.CharField(
                label=item_text(entry),
                required=False,
                max_length=5000,
                widget=forms.Textarea(attrs={"rows": 2}),
                initial=evaluation.texts.get(code, ""),
            )

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("answer_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }

    def texts(self) -> dict[str, str]:
        return {
            name.removeprefix("text_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("text_")
        }

    def answer_fields(self):
        return [self[name] for name in self.fields if name.startswith("answer_")]

    def text_fields(self):
        return [self[name] for name in self.fields if name.startswith("text_")]


class CriterionForm(forms.Form):
    """One item of a criteria version; the code and the system source stay as they were."""

    code = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    source = forms.CharField(widget=forms.HiddenInput, required=False, max_length=60)
    kind = forms.ChoiceField(
        label=_("Kind"), choices=[("", "–")] + ItemKind.choices, required=False
    )
    text_fi = forms.CharField(
        label=_("In Finnish"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_sv = forms.CharField(
        label=_("In Swedish"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text_en = forms.CharField(
        label=_("In English"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    required = forms.BooleanField(label=_("Required for a referral"), required=False)
    remove = forms.BooleanField(label=_("Remove this criterion"), required=False)

    def clean(self):
        data = super().clean()
        if not data.get("remove") and data.get("text_fi") and not data.get("kind"):
            self.add_error("kind", _("Choose the kind of the criterion."))
        return data


CriterionFormSet = forms.formset_factory(CriterionForm, extra=3)


class CriteriaNoteForm(forms.Form):
    note = forms.CharField(label=_("What changed"), max_length=300)
