"""One word for one thing: the catalogues use GLOSSARY.md's terms, not their variants.

GLOSSARY.md ("One word for one thing in the interface") names, for each thing, the
Finnish and Swedish word the interface uses and the variants it must not use. This
scans every catalogue's translations for the variants and checks that the messages
about the thing use the chosen word.
"""

import re
from pathlib import Path

import pytest

from rinnalla.core.management.commands.update_messages import catalogues

ROOT = Path(__file__).resolve().parents[1]

# Variants the interface does not use, per language (regular expressions, any case).
DISCOURAGED = {
    "fi": {
        r"neuvottelu(?!huone)": "verkostotapaaminen",
        r"verkostopalaveri": "verkostotapaaminen",
        r"ensimmäi\w* yhteydenot": "ensikontakti",
        r"\buusi lähete\b": "Kirjaa lähete",
        r"väliinputo": "Huomiota vaativat asiakkuudet",
        r"\bomat työt\b": "Omat tehtävät",
        r"\bmittaaja": "kirjaaja",
        r"kenttä vaaditaan": "Täytä tämä kohta.",
    },
    "sv": {
        r"mellan stolarna": "Klientrelationer som kräver uppmärksamhet",
        r"^mitt arbete$|”mitt arbete”": "Mina uppgifter",
        r"\bny remiss\b": "Registrera remiss",
        r"fält är obligatoriskt": "Fyll i det här fältet.",
        r"\butförd av\b": "registrerad av",
    },
}

# Messages about the thing (English source, any case) must use the chosen word.
REQUIRED = [
    (r"network meeting", {"fi": r"verkostotapaami", "sv": r"nätverksmöt"}),
    (r"first contact", {"fi": r"ensikontakt", "sv": r"första kontakt"}),
    (r"^my work$", {"fi": r"^Omat tehtävät$", "sv": r"^Mina uppgifter$"}),
    (r"^record a referral$", {"fi": r"^Kirjaa lähete$", "sv": r"^Registrera remiss$"}),
    (
        r"work ability assessment and plan proposal",
        {"fi": r"työkykyarvi", "sv": r"arbetsförmågebedömning"},
    ),
    (r"non-disclosure", {"fi": r"turvakiel", "sv": r"spärrmarkering"}),
    (r"accessibility statement", {"fi": r"saavutettavuusselos", "sv": r"tillgänglighetsutlåtande"}),
]


def entries(path: Path):
    """(msgid, [msgstr, …]) of each translated message of a catalogue."""
    text = path.read_text(encoding="utf-8")
    for block in text.split("\n\n"):
        if "msgid" not in block or block.lstrip().startswith("#~"):
            continue
        fields: dict[str, list[str]] = {}
        current = None
        for line in block.splitlines():
            match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?) "(.*)"$', line)
            if match:
                current = match.group(1)
                fields.setdefault(current, []).append(match.group(2))
            elif line.startswith('"') and current:
                fields[current].append(line[1:-1])
        msgid = "".join(fields.get("msgid", []))
        if not msgid:
            continue
        strs = ["".join(v) for k, v in fields.items() if k.startswith("msgstr")]
        yield msgid.replace('\\"', '"'), [s.replace('\\"', '"') for s in strs if s]


CATALOGUES = catalogues(ROOT)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_no_catalogue_uses_a_discouraged_variant(path):
    language = path.parts[-3]
    found = [
        f"{msgid!r} → {text!r}: use {use!r}"
        for msgid, texts in entries(path)
        for text in texts
        for variant, use in DISCOURAGED[language].items()
        if re.search(variant, text, re.IGNORECASE)
    ]
    assert not found, "\n".join(found)


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(ROOT)))
def test_messages_about_a_thing_use_its_word(path):
    language = path.parts[-3]
    wrong = [
        f"{msgid!r} → {text!r}"
        for msgid, texts in entries(path)
        for text in texts
        for about, words in REQUIRED
        if re.search(about, msgid, re.IGNORECASE)
        and not re.search(words[language], text, re.IGNORECASE)
    ]
    assert not wrong, "\n".join(wrong)


def test_the_scan_finds_a_variant():
    """The scan itself works: a catalogue line with a variant would be caught."""
    sample = 'msgid "My work"\nmsgstr "Omat työt"\n'
    ((msgid, texts),) = entries_from_text(sample)
    assert any(re.search(v, texts[0], re.IGNORECASE) for v in DISCOURAGED["fi"])


def entries_from_text(text: str):
    import tempfile

    with tempfile.NamedTemporaryFile("w", suffix=".po", delete=False, encoding="utf-8") as f:
        f.write(text)
    return list(entries(Path(f.name)))
