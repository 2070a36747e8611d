"""Text the system writes is rendered in the reader's language from its code and data."""

import pytest
from django.utils import translation

from rinnalla.core import systext

SAMPLE_DATA = {
    "area": "Työnhaku",
    "topics": ["vocational", "other"],
    "topic_other": "Talous",
    "participants": ["Tiina Koordinaattori"],
    "client_present": True,
    "statement": "b_statement",
    "name": "B-lausunto",
    "version": 2,
    "physician": "Lauri Laakso",
}


@pytest.mark.parametrize("code", sorted(systext.codes()))
def test_every_system_text_reads_in_finnish_swedish_and_english(code):
    texts = {}
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            texts[language] = systext.render(code, SAMPLE_DATA)
        assert texts[language].strip(), f"{code} renders nothing in {language}"
    assert texts["fi"] != texts["en"] and texts["sv"] != texts["en"], texts


def test_an_unknown_code_falls_back_to_the_stored_text():
    assert systext.render("no-such-code", {}) == ""
    assert systext.text_or("no-such-code", {}, "typed by a person") == "typed by a person"
    assert systext.text_or("", {}, "typed by a person") == "typed by a person"


def test_the_meeting_text_names_topics_in_the_readers_language():
    data = {"topics": ["vocational"], "participants": ["Mervi"], "client_present": True}
    with translation.override("sv"):
        assert systext.render("meeting_held", data) == (
            "Nätverksmöte. Ämne: Yrkesmässiga utmaningar. Deltagare: Mervi, klienten."
        )
