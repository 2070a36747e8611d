from django import forms
from django.utils.translation import gettext_lazy as _

from rinnalla.portal import contacts


class ContactForm(forms.Form):
    contact = forms.CharField(
        label=_("Your e-mail address or mobile phone number"),
        max_length=254,
        help_text=_("The one you gave to your work ability coordinator."),
        widget=forms.TextInput(attrs={"autocomplete": "username", "spellcheck": "false"}),
    )

    def clean_contact(self) -> str:
        value = self.cleaned_data["contact"]
        if not contacts.normalise(value):
            raise forms.ValidationError(
                _(
                    "Write an e-mail address (for example name@example.fi) or a phone "
                    "number (for example 040 123 4567)."
                )
            )
        return value.strip()


class CodeForm(forms.Form):
    # No memory test (WCAG 2.2, 3.3.8): pasting works and the browser may fill the code.
    code = forms.CharField(
        label=_("Sign-in code"),
        max_length=12,
        help_text=_("6 digits. You can copy and paste it from the message."),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
            }
        ),
    )


class HelpForm(forms.Form):
    message = forms.CharField(
        label=_("What do you need help with? (you can leave this empty)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PortalAccessForm(forms.Form):
    enabled = forms.BooleanField(
        label=_("The client can sign in to their own view"), required=False
    )
    allow_codes_under_non_disclosure = forms.BooleanField(
        label=_("Send sign-in codes by e-mail or text message despite the turvakielto"),
        required=False,
        help_text=_(
            "Only if you have agreed this with the client. Without it, a client with a "
            "turvakielto signs in with strong identification only."
        ),
    )
