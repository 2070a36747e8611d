"""The range of dates the system accepts: 1900–2100, in every form and API schema.

Python's dates run from year 1 to 9999, but a date at either end breaks arithmetic
("one year before 0001-01-01") and means nothing in a client's path. Every form's
``DateField`` and ``DateTimeField`` refuse dates outside the range with a message
(:func:`bound_form_dates`, called once at start-up); the API's ``Day`` and ``Moment``
types (``core/apikit.py``) do the same.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils.dateparse import parse_date
from django.utils.translation import gettext_lazy as _

EARLIEST = datetime.date(1900, 1, 1)
LATEST = datetime.date(2100, 12, 31)


def validate_in_range(value) -> None:
    day = value.date() if isinstance(value, datetime.datetime) else value
    if isinstance(day, datetime.date) and not EARLIEST <= day <= LATEST:
        raise ValidationError(
            _("Give a date between %(earliest)s and %(latest)s."),
            code="date_out_of_range",
            params={"earliest": "1.1.1900", "latest": "31.12.2100"},
        )


def parse_in_range(text: str | None) -> datetime.date | None:
    """A date typed as YYYY-MM-DD, or None when it is malformed, impossible or out of range."""
    try:
        day = parse_date(text or "")
    except ValueError:  # well formed but impossible, e.g. 2024-02-30
        return None
    if day is None or not EARLIEST <= day <= LATEST:
        return None
    return day


def bound_form_dates() -> None:
    """Every form date and date-time field refuses dates outside 1900–2100."""
    from django import forms

    for field in (forms.DateField, forms.DateTimeField):
        if validate_in_range not in field.default_validators:
            field.default_validators = [*field.default_validators, validate_in_range]
