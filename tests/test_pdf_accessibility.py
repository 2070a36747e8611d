"""Every PDF the system makes is a tagged, accessible PDF (PDF/UA) with its language
and title: the client plan, the meeting minutes, the access log, the work ability
assessment. Documents handed to clients fall under the accessibility law (306/2019)."""

import datetime
from pathlib import Path

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from rinnalla.clients.services import client_update
from rinnalla.core.pdf import pdf_accessibility, pdf_text
from rinnalla.plans.services import action_create, meeting_create, plan_create
from rinnalla.workability.services import assessment_save

pytestmark = pytest.mark.django_db
ROOT = Path(__file__).resolve().parents[1]
STRUCTURE = {"Document", "H1", "P"}


@pytest.fixture
def documents(coordinator, episode, physician, client):
    meeting = meeting_create(
        actor=coordinator,
        episode=episode,
        starts_at=timezone.now() - datetime.timedelta(days=1),
        place="Neuvotteluhuone",
        topics=["vocational"],
        professionals=[physician],
        send_invitations=False,
    )
    plan = plan_create(actor=coordinator, meeting=meeting, planned="Työkokeilu ja B-lausunto.")
    action_create(
        actor=coordinator,
        plan=plan,
        category="further_assessment",
        description="B-lausunto kuntoutusta varten",
        due_on=timezone.localdate() + datetime.timedelta(days=14),
        responsible_professional=physician,
    )
    assessment = assessment_save(
        actor=coordinator,
        episode=episode,
        based_on_version=None,
        conclusion="Osittainen työkyky.",
        proposals=["b_statement"],
        physician=physician,
    )
    return {
        "plans:plan_pdf": reverse("plans:plan_pdf", args=[plan.pk]),
        "plans:meeting_pdf": reverse("plans:meeting_pdf", args=[meeting.pk]),
        "access:client_log_pdf": reverse("access:client_log_pdf", args=[client.pk]),
        "workability:pdf": reverse("workability:pdf", args=[assessment.pk]),
    }


@pytest.mark.parametrize("language", ["fi", "sv", "en"])
def test_every_pdf_is_tagged_with_its_language_and_title(coordinator, client, documents, language):
    # The client's own plan speaks the client's language; the others the reader's.
    client_update(actor=coordinator, client=client, language=language)
    web = HttpClient(HTTP_ACCEPT_LANGUAGE=language)
    web.force_login(coordinator)
    for name, url in documents.items():
        response = web.get(url)
        assert response.status_code == 200, name
        assert response["Content-Type"] == "application/pdf", name
        info = pdf_accessibility(response.content)
        assert info["marked"], f"{name} is not a tagged PDF"
        assert info["display_title"], f"{name}: readers show the file name, not the title"
        assert info["lang"] == language, f"{name}: language {info['lang']!r}"
        assert info["title"].strip(), f"{name} has no title"
        assert info["tags"] >= STRUCTURE, f"{name}: structure {info['tags']}"
        assert "Table" in info["tags"] or "L" in info["tags"], name
        assert pdf_text(response.content).strip(), name


def test_no_pdf_is_made_around_the_accessible_renderer():
    """render_pdf (PDF/UA) is the only place that writes a PDF."""
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "rinnalla").rglob("*.py")
        if "write_pdf(" in path.read_text(encoding="utf-8")
        and path != ROOT / "rinnalla" / "core" / "pdf.py"
    ]
    assert not offenders, offenders
