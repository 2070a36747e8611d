"""The client's e-mail address or phone number as typed, made comparable."""

import re

from django.utils.crypto import salted_hmac

_PHONE_JUNK = re.compile(r"[\s\-().]")
_PHONE = re.compile(r"^\+\d{7,15}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def normalise(raw: str) -> str:
    """``matti@example.fi`` or ``+358401234567``; "" when it is neither."""
    value = (raw or "").strip()
    if "@" in value:
        value = value.lower()
        return value if _EMAIL.match(value) and len(value) <= 254 else ""
    value = _PHONE_JUNK.sub("", value)
    if value.startswith("00"):
        value = "+" + value[2:]
    elif value.startswith("0"):
        value = "+358" + value[1:]  # a Finnish number without the country code
    return value if _PHONE.match(value) else ""


def is_email(normalised: str) -> bool:
    return "@" in normalised


def contact_hash(normalised: str) -> str:
    """A keyed hash: the database never holds the contacts people typed."""
    return salted_hmac("rinnalla.portal.contact", normalised).hexdigest()
