"""URL converters: ``<id:pk>`` is a database id, so it fits a signed 64-bit integer.

Django's ``<int:…>`` accepts any number of digits; an id of 2**63 or more reaches the
database and fails there with a 500 (OverflowError on SQLite, "out of range" on
PostgreSQL). ``<id:…>`` does not match such a path at all: 404, like an unknown id.
Every URL pattern with an id uses it (``tests`` check that no ``int:`` is left).
"""

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError("id out of range")
        return number

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    from django.urls import converters, register_converter

    if "id" not in converters.get_converters():
        register_converter(IdConverter, "id")


def _fits(value) -> bool:
    """False for a whole number outside the database's integer range."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return True  # not a number: the field's own validation answers
    return -MAX_ID - 1 <= number <= MAX_ID


def bound_model_choices() -> None:
    """A form's model choice of an id that fits no database integer is an invalid choice.

    Django's ``ModelChoiceField`` looks the value up and catches ValueError, TypeError and
    DoesNotExist, but not the OverflowError (SQLite) or DataError (PostgreSQL) that an id
    of 2**63 or more raises: a 500 from any form with a choice of objects.
    """
    from django import forms
    from django.core.exceptions import ValidationError

    if getattr(forms.ModelChoiceField, "_rinnalla_bounded", False):
        return
    to_python = forms.ModelChoiceField.to_python
    check_values = forms.ModelMultipleChoiceField._check_values

    def bounded_to_python(self, value):
        if value not in self.empty_values and not _fits(value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return to_python(self, value)

    def bounded_check_values(self, value):
        for item in value or ():
            if not _fits(item):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": item},
                )
        return check_values(self, value)

    forms.ModelChoiceField.to_python = bounded_to_python
    forms.ModelMultipleChoiceField._check_values = bounded_check_values
    forms.ModelChoiceField._rinnalla_bounded = True
