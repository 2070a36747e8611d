from django import forms
from django.utils.translation import gettext_lazy as _

from rinnalla.clients.languages import language_choices
from rinnalla.clients.models import Client
from rinnalla.core import hetu
from rinnalla.situation.models import Segment


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
    segment = forms.ChoiceField(
        label=_("Client segment"),
        choices=[("", _("All segments")), *Segment.choices],
        required=False,
    )


class ClientForm(forms.ModelForm):
    """The client's basic details. The duplicate check is the service's (with a link)."""

    mother_tongue = forms.ChoiceField(
        label=_("Mother tongue"), choices=language_choices, required=False
    )
    interpreter_language = forms.ChoiceField(
        label=_("Language of interpretation"),
        choices=language_choices,
        required=False,
        help_text=_("Required when the client needs an interpreter; sign languages included."),
    )

    class Meta:
        model = Client
        fields = [
            "first_name",
            "last_name",
            "personal_identity_code",
            "non_disclosure",
            "street_address",
            "postal_code",
            "post_office",
            "municipality",
            "phone",
            "email",
            "preferred_contact_method",
            "language",
            "mother_tongue",
            "needs_interpreter",
            "interpreter_language",
        ]
        labels = {
            "non_disclosure": _(
                "The client has a non-disclosure for personal safety (turvakielto)"
            ),
            "language": _("Language of service"),
            "needs_interpreter": _("The client needs an interpreter"),
        }
        help_texts = {
            "personal_identity_code": _("11 characters, for example 131052-308T."),
            "non_disclosure": _(
                "The address, phone and e-mail are then shown only to the client's own work "
                "ability coordinators, and never printed in documents, exports or e-mails."
            ),
            "language": _(
                "The language the client is served in: letters, the plan and the "
                "self-assessment links."
            ),
        }
        widgets = {
            "first_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "last_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "personal_identity_code": forms.TextInput(
                attrs={"autocomplete": "off", "spellcheck": "false", "autocapitalize": "characters"}
            ),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "postal_code": forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
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
