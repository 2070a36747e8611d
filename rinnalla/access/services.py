"""The optional second login factor: a TOTP authenticator app (django-otp)."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from rinnalla.accounts.models import User
from rinnalla.core.errors import Conflict

DEVICE_NAME = "authenticator"


@transaction.atomic
def totp_device_start(*, actor: User) -> TOTPDevice:
    """Create a new unconfirmed authenticator, replacing an earlier unconfirmed one."""
    if TOTPDevice.objects.devices_for_user(actor, confirmed=True).exists():
        raise Conflict(_("Two-step verification is already on."))
    TOTPDevice.objects.devices_for_user(actor, confirmed=False).delete()
    return TOTPDevice.objects.create(user=actor, name=DEVICE_NAME, confirmed=False)


def totp_device_confirm(*, actor: User, token: str) -> TOTPDevice:
    """Turn two-step verification on once the user proves the app shows the right code."""
    # The check commits before any error is raised, so a wrong code counts for throttling.
    with transaction.atomic():
        device = (
            TOTPDevice.objects.devices_for_user(actor, confirmed=False)
            .select_for_update()
            .order_by("-id")
            .first()
        )
        if device is None:
            raise Conflict(_("Start the set-up first."))
        verified = device.verify_token(token)
        if verified:
            device.confirmed = True
            device.save(update_fields=["confirmed"])
    if not verified:
        raise ValidationError(
            {
                "token": _(
                    "The code is not correct. Check the time on your "
                    "phone and type the code that is shown now."
                )
            }
        )
    return device


def totp_device_remove(*, actor: User, token: str) -> None:
    """Turn two-step verification off; the current code proves it is the user."""
    with transaction.atomic():
        devices = list(
            TOTPDevice.objects.devices_for_user(actor, confirmed=True).select_for_update()
        )
        if not devices:
            raise Conflict(_("Two-step verification is not on."))
        verified = any(device.verify_token(token) for device in devices)
        if verified:
            TOTPDevice.objects.devices_for_user(actor, confirmed=None).delete()
    if not verified:
        raise ValidationError({"token": _("The code is not correct.")})
