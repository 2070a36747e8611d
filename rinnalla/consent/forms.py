from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from rinnalla.accounts.models import Organisation
from rinnalla.consent.models import Method, Purpose
from rinnalla.consent.scans import max_scan_bytes


class ConsentForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Organisations the consent covers"),
        queryset=Organisation.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one organisation the consent covers.")},
    )
    # Named "purpose" (one form field, several ticks) so that older clients posting one
    # purpose keep working.
    purpose = forms.MultipleChoiceField(
        label=_("Purposes the consent covers"),
        choices=Purpose.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every purpose the signed form names."),
        error_messages={"required": _("Choose at least one purpose of the consent.")},
    )
    method = forms.ChoiceField(
        label=_("How the consent was given"), choices=Method.choices, widget=forms.RadioSelect
    )
    # ISO values: a date input shows nothing for "30.11.2026", so today's default was lost.
    given_on = forms.DateField(
        label=pgettext_lazy("consent", "Given on"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    valid_until = forms.DateField(
        label=pgettext_lazy("consent", "Valid until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty if the consent is valid until further notice."),
    )
    scan = forms.FileField(
        label=_("Scan of the signed form"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["given_on"].initial = timezone.localdate
        limit = max_scan_bytes() // (1024 * 1024) or 1
        self.fields["scan"].help_text = _(
            "PDF, JPEG or PNG, at most %(size)s MB. The file is stored outside the web "
            "server and shown only to people who may see the client's data."
        ) % {"size": limit}

    def tell_scan_not_kept(self) -> None:
        """A browser never sends a file again: after an error, say so on the scan field
        instead of letting the consent be saved without it."""
        upload = self.files.get("scan")
        if upload is not None and "scan" not in self.errors:
            self.add_error(
                "scan",
                _(
                    "The file “%(name)s” was not saved because of the errors above. "
                    "Choose it again before saving."
                )
                % {"name": upload.name},
            )


class ScanForm(forms.Form):
    scan = forms.FileField(
        label=_("Scan of the signed form"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/jpeg,image/png"}),
    )


class WithdrawForm(forms.Form):
    note = forms.CharField(
        label=pgettext_lazy("consent", "Note"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example how and when the client withdrew the consent."),
    )
