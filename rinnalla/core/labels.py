"""Choice labels for many rows at once.

``get_<field>_display()`` rebuilds the field's choice dictionary and translates the label
on every call; on a page of a hundred path events that was a fifth of the Python time.
:class:`Labels` translates each value once per request (labels follow the active
language, so never keep one across requests).
"""

from django.db.models import Choices


class Labels:
    """``Labels(EventKind)(value)``: the translated label, "" for an empty value."""

    def __init__(self, choices: type[Choices]):
        self._lazy = dict(choices.choices)
        self._done: dict[str, str] = {}

    def __call__(self, value) -> str:
        if not value:
            return ""
        try:
            return self._done[value]
        except KeyError:
            label = str(self._lazy.get(value, value))
            self._done[value] = label
            return label
