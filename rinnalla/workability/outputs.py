"""The assessment's outputs: a PDF for the physician and a text for the patient record.

Both are in the language of the person making them (the coordinator's interface), and
neither carries the client's contact details (turvakielto or not): the physician
identifies the patient by name and henkilötunnus.
"""

from django.template.loader import render_to_string
from django.utils import timezone

from rinnalla.clients.models import Client
from rinnalla.core.pdf import render_pdf
from rinnalla.workability import selectors
from rinnalla.workability.models import WorkAbilityAssessment


def _context(assessment: WorkAbilityAssessment, client: Client) -> dict:
    return {
        "client": client,
        "assessment": assessment,
        "episode": assessment.episode,
        "rows": selectors.measurement_rows(assessment),
        "requests": list(assessment.statement_requests.all()),
        "printed_at": timezone.now(),
    }


def assessment_pdf(assessment: WorkAbilityAssessment, client: Client) -> bytes:
    return render_pdf("workability/pdf/assessment.html", _context(assessment, client))


def record_text(assessment: WorkAbilityAssessment, client: Client) -> str:
    return (
        render_to_string("workability/record_text.txt", _context(assessment, client)).strip() + "\n"
    )
