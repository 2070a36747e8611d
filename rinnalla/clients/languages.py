"""Languages a client may speak: mother tongue and the language an interpreter is needed for.

The language of service (asiointikieli) is one of the interface's languages
(``Client.language``); a mother tongue or an interpreter's language can be any of the
languages spoken in Finland, sign languages and the Sámi languages included. Codes are
ISO 639 (639-3 where 639-1 has none).
"""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

LANGUAGES = [
    ("fi", _("Finnish")),
    ("sv", _("Swedish")),
    ("se", _("Northern Sámi")),
    ("smn", _("Inari Sámi")),
    ("sms", _("Skolt Sámi")),
    ("fse", _("Finnish Sign Language")),
    ("fss", _("Finland-Swedish Sign Language")),
    ("rom", _("Romani")),
    ("en", _("English")),
    ("ru", _("Russian")),
    ("et", _("Estonian")),
    ("ar", _("Arabic")),
    ("so", _("Somali")),
    ("uk", _("Ukrainian")),
    ("fa", _("Persian")),
    ("prs", _("Dari")),
    ("ps", _("Pashto")),
    ("ku", _("Kurdish")),
    ("tr", _("Turkish")),
    ("sq", _("Albanian")),
    ("zh", _("Chinese")),
    ("th", _("Thai")),
    ("vi", _("Vietnamese")),
    ("es", _("Spanish")),
    ("de", _("German")),
    ("fr", _("French")),
    ("pl", _("Polish")),
    ("pt", _("Portuguese")),
    ("ro", _("Romanian")),
    ("bg", _("Bulgarian")),
    ("lt", _("Lithuanian")),
    ("lv", _("Latvian")),
    ("hu", _("Hungarian")),
    ("sr", _("Serbian")),
    ("bs", _("Bosnian")),
    ("hr", _("Croatian")),
    ("bn", _("Bengali")),
    ("ne", _("Nepali")),
    ("hi", _("Hindi")),
    ("ur", _("Urdu")),
    ("ta", _("Tamil")),
    ("fil", _("Filipino")),
    ("my", _("Burmese")),
    ("ti", _("Tigrinya")),
    ("am", _("Amharic")),
    ("sw", _("Swahili")),
    ("other", pgettext_lazy("language", "Other")),
]

CODES = {code for code, _label in LANGUAGES}


def language_choices() -> list[tuple[str, str]]:
    """Finnish and Swedish first, then the rest in the reader's alphabetical order."""
    first = [(code, str(label)) for code, label in LANGUAGES[:2]]
    rest = sorted(
        ((code, str(label)) for code, label in LANGUAGES[2:-1]), key=lambda c: c[1].lower()
    )
    return [("", "–"), *first, *rest, (LANGUAGES[-1][0], str(LANGUAGES[-1][1]))]


def language_label(code: str) -> str:
    return str(dict(LANGUAGES).get(code, code))
