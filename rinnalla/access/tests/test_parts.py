"""Every part the app writes to the access log has a label in Finnish, Swedish and English,
and the client's "who has seen my data" page, CSV and PDF show the labels, never codes."""

import pathlib
import re

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from rinnalla.access.labels import PART_LABELS, Part, Purpose
from rinnalla.access.policy import client_for, record_write
from rinnalla.core.pdf import pdf_text

pytestmark = pytest.mark.django_db

APP = pathlib.Path(__file__).resolve().parents[2]
PART_LITERAL = re.compile(r"""\b(?:part|_?PART)\s*=\s*["']([a-z_.]+)["']""")


def _written_codes() -> set[str]:
    codes = set()
    for path in APP.rglob("*.py"):
        if "/tests/" in path.as_posix() or path.name == "labels.py":
            continue
        codes.update(PART_LITERAL.findall(path.read_text(encoding="utf-8")))
    return codes


def test_the_source_writes_parts_and_each_has_a_label():
    codes = _written_codes()
    assert len(codes) >= 30, codes  # the scan finds the apps' parts
    assert not sorted(codes - set(PART_LABELS)), "parts without a label in labels.Part"


def test_writing_a_part_without_a_label_fails(coordinator, client):
    with pytest.raises(ValueError, match="no label"):
        client_for(coordinator, client.pk, part="some_new_part")


@pytest.mark.parametrize("language", ["fi", "sv"])
def test_every_part_and_purpose_is_translated(language):
    untranslated = []
    for choices in (Part, Purpose):
        for code, label in choices.choices:
            with translation.override("en"):
                english = str(label)
            with translation.override(language):
                if str(label) == english:
                    untranslated.append(code)
    assert not untranslated


def _log_reader(coordinator, language):
    web = HttpClient(HTTP_ACCEPT_LANGUAGE=language)
    web.force_login(coordinator)
    return web


@pytest.mark.parametrize(
    ("language", "client_page", "self_fill"),
    [
        ("fi", "Asiakkaan sivu", "Asiakkaan itse täyttämä kysely"),
        ("sv", "Klientens sida", "Enkät som klienten fyllt i"),
    ],
)
def test_the_client_reads_labels_in_their_language_on_the_page_csv_and_pdf(
    coordinator, client, language, client_page, self_fill
):
    from django.contrib.auth.models import AnonymousUser

    client_for(coordinator, client.pk, part=Part.CLIENT_PAGE)
    record_write(
        AnonymousUser(),
        client=client,
        part=Part.MEASUREMENTS_SELF_FILL,
        purpose=Purpose.SELF_ASSESSMENT,
    )
    web = _log_reader(coordinator, language)
    url = reverse("access:client_log", args=[client.pk])
    html = web.get(url).content.decode()
    csv = web.get(url + "?format=csv").content.decode("utf-8-sig")
    pdf = pdf_text(web.get(reverse("access:client_log_pdf", args=[client.pk])).content)
    for where, text in (("page", html), ("csv", csv), ("pdf", " ".join(pdf.split()))):
        assert client_page in text, where
        assert self_fill in text, where
        for code in ("client_page", "client page", "self_fill", "self fill", "self_assessment"):
            assert code not in text, (where, code)
