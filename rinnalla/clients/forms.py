from django import forms
from django.utils.translation import gettext_lazy as _

from rinnalla.clients.models import Client
from rinnalla.core import hetu


class ClientSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search by name or personal identity code"),
        help_text=_(
            "The beginning of the last or first name, both names in either order, the "
            "whole personal identity code or the date of birth (DDMMYY)."
        ),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )


class ClientForm(forms.ModelForm):
    """The client's basic details. The duplicate check is the service's (with a link)."""

    class Meta:
        model = Client
        fields = [
            "first_name",
            "last_name",
            "personal_identity_code",
            "municipality",
            "language",
            "phone",
            "email",
            "preferred_contact_method",
        ]
        help_texts = {
            "personal_identity_code": _("11 characters, for example 131052-308T."),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "personal_identity_code": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "email": forms.EmailInput(attrs={"autocomplete": "off"}),
        }

    def clean_personal_identity_code(self) -> str:
        return hetu.normalise(self.cleaned_data.get("personal_identity_code", ""))

    def clean_first_name(self) -> str:
        return " ".join(self.cleaned_data.get("first_name", "").split())

    def clean_last_name(self) -> str:
        return " ".join(self.cleaned_data.get("last_name", "").split())

    def validate_unique(self) -> None:
        """Left to client_create / client_update, which name the existing client."""
