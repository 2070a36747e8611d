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
