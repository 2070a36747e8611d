"""Issue 9 done-when: "who has seen my data" in Finnish and Swedish has no untranslated part.

Every part the access log knows (``access.labels.Part``) is written once for a demo
client, as the coordinator would write it by opening that part of the record. The
coordinator then opens the client's log page in Finnish and in Swedish: the "part"
column shows each part in the page's language, never the English label or the code;
the PDF of the same log says the same.
"""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from rinnalla.access.labels import Part
from rinnalla.access.policy import client_for
from rinnalla.accounts.models import User
from rinnalla.core.pdf import pdf_text
from rinnalla.demo import cases
from rinnalla.episodes.models import Episode

pytestmark = pytest.mark.django_db(transaction=True)

HEADING = {"fi": "Kuka on katsonut tietoja", "sv": "Vem har sett uppgifterna"}
PRINT = {"fi": "Tulosta PDF-tiedostona", "sv": "Skriv ut som PDF"}


def _labels(language: str) -> set[str]:
    with translation.override(language):
        return {str(label) for label in Part.labels}


def _english_only() -> set[str]:
    """English labels that are not also a Finnish or Swedish label (e.g. not "API")."""
    return _labels("en") - _labels("fi") - _labels("sv")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_the_log_page_and_pdf_name_every_part_in_the_readers_language(demo, new_context, language):
    tkk = User.objects.get(username="tkk")
    client = Episode.objects.get(referral__reason__startswith=f"{cases.CASE_5.label}:").client
    for part in Part.values:
        client_for(tkk, client.pk, part=part)

    page = new_context(locale={"fi": "fi-FI", "sv": "sv-SE"}[language])
    page.goto("/login/")
    page.locator("input[name=username]").fill("tkk")
    page.locator("input[name=password]").fill(cases.DEMO_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.goto(f"/access/clients/{client.pk}/log/")
    expect(page.get_by_role("heading", level=1)).to_contain_text(HEADING[language])

    shown = set()
    pages = 0
    while True:
        pages += 1
        cells = page.locator("table tbody tr td:nth-child(4)").all_inner_texts()
        shown |= {cell.strip() for cell in cells}
        more = page.get_by_role("link", name={"fi": "Seuraava", "sv": "Nästa"}[language])
        if not more.count() or pages > 50:
            break
        more.first.click()
    expected = _labels(language)
    assert shown <= expected, f"not in {language}: {sorted(shown - expected)}"
    assert expected <= shown, f"parts missing from the page: {sorted(expected - shown)}"
    assert not shown & _english_only()
    assert not shown & set(Part.values)

    pdf_url = page.get_by_role("link", name=PRINT[language]).get_attribute("href")
    # page.request sends the context's cookies but not the browser's Accept-Language.
    response = page.request.get(pdf_url, headers={"Accept-Language": language})
    assert response.ok and response.headers["content-type"] == "application/pdf"
    # A table cell wraps over lines that the text extraction interleaves with the other
    # cells of its row, so each word of every label is looked for, words joined again
    # where WeasyPrint hyphenated them; an English-only label would stand whole.
    raw = pdf_text(response.body())
    text = re.sub(r"(\w)[-\u2010\u00ad]\s+(\w)", r"\1\2", raw)
    words = set(re.findall(r"\w+", text)) | set(re.findall(r"\w+", raw))
    missing = {
        label: [word for word in re.findall(r"\w+", label) if word not in words]
        for label in expected
    }
    missing = {label: gone for label, gone in missing.items() if gone}
    assert not missing, (language, missing)
    flat = " ".join(text.split())
    for label in _english_only():
        assert label not in flat, (language, label)
