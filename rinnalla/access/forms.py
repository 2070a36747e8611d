import datetime

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_otp.plugins.otp_totp.models import TOTPDevice

from rinnalla.access.policy import BREAK_GLASS_MIN_REASON


class LoginForm(AuthenticationForm):
    """Username and password, plus the authenticator code when the user has turned it on."""

    otp_token = forms.CharField(
        label=_("Authentication code"),
        required=False,
        max_length=8,
        help_text=_(
            "Only if you have turned on two-step verification: the 6-digit code "
            "from your authenticator app."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    error_messages = {
        **AuthenticationForm.error_messages,
        "otp_required": _("Enter the 6-digit code from your authenticator app."),
        "otp_invalid": _(
            "The authentication code is not correct. Check the code in your "
            "authenticator app and try again."
        ),
    }

    def clean(self):
        cleaned = super().clean()
        user = self.get_user()
        if user is None:
            return cleaned
        devices = TOTPDevice.objects.devices_for_user(user, confirmed=True)
        if not devices.exists():
            return cleaned
        token = (cleaned.get("otp_token") or "").replace(" ", "")
        code = "otp_required" if not token else "otp_invalid"
        device = self._verified_device(devices, token) if token else None
        if device is None:
            # A wrong code counts as a failed login for the lock-out.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": cleaned.get("username")},
                request=self.request,
            )
            raise forms.ValidationError(self.error_messages[code], code=code)
        user.otp_device = device  # django-otp marks the session verified at login
        return cleaned

    @staticmethod
    def _verified_device(devices, token: str):
        with transaction.atomic():
            for device in devices.select_for_update():
                if device.verify_token(token):
                    return device
        return None


class BreakGlassForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for the emergency access"),
        min_length=BREAK_GLASS_MIN_REASON,
        max_length=200,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Say why you must see this client's data now. The reason is shown "
            "to the client in the access log."
        ),
    )


class LogPeriodForm(forms.Form):
    start = forms.DateField(
        label=pgettext_lazy("access log period", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    end = forms.DateField(
        label=pgettext_lazy("access log period", "To"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def clean(self):
        cleaned = super().clean()
        today = timezone.localdate()
        end = cleaned.get("end") or today
        start = cleaned.get("start") or _one_year_before(end)
        if start > end:
            raise forms.ValidationError(_("The start of the period must not be after its end."))
        cleaned["start"], cleaned["end"] = start, end
        return cleaned


def _one_year_before(day: datetime.date) -> datetime.date:
    try:
        return day.replace(year=day.year - 1) + datetime.timedelta(days=1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28) + datetime.timedelta(days=1)


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return _one_year_before(today), today


class TotpTokenForm(forms.Form):
    token = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )

    def clean_token(self):
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit() or len(token) != 6:
            raise forms.ValidationError(_("The code has 6 digits."))
        return token
