"""Readable names for the codes stored in the access log (part and purpose)."""

from django.utils.translation import gettext_lazy as _

# Parts of a client's data as written by the apps' client_for(part=...) calls.
PART_LABELS = {
    "client": _("Client details"),
    "client_detail": _("Client details"),
    "client_edit": _("Client details"),
    "clients": _("Client list"),
    "client_list": _("Client list"),
    "consents": _("Consents"),
    "consent": _("Consents"),
    "consent_scan": _("Scan of a consent form"),
    "access_log": _("Access log"),
    "break_glass": _("Emergency access"),
    "referral": _("Referral"),
    "referrals": _("Referrals"),
    "episode": _("Client relationship"),
    "path": _("Service path"),
    "events": _("Service path"),
    "responsible_persons": _("Responsible persons"),
    "plan": _("Client plan"),
    "meeting": _("Network meeting"),
    "measurements": _("Measurements"),
    "closing": _("Closing the client relationship"),
    "surveys": _("Feedback survey link"),
    "report:overview": _("Reports: overview (aggregates, no client data)"),
    "report:summary": _("Reports: summary PDF (aggregates, no client data)"),
    "report:referrals": _("Report: referrals (aggregates, no client data)"),
    "report:first-contact": _("Report: time to first contact (aggregates, no client data)"),
    "report:caseload": _("Report: caseload (aggregates, no client data)"),
    "report:contacts": _("Report: contacts and meetings (aggregates, no client data)"),
    "report:meetings": _("Report: network meetings (aggregates, no client data)"),
    "report:outcomes": _("Report: outcomes at closing (aggregates, no client data)"),
    "report:measurements-change": _("Report: change in measurements (aggregates, no client data)"),
    "report:surveys": _("Report: feedback surveys (aggregates, no client data)"),
    "report:statements": _("Report: statements (aggregates, no client data)"),
}

PURPOSE_LABELS = {
    "client_work": _("Client work"),
    "aggregate_report": _("Aggregated report"),
}


def part_label(code: str) -> str:
    label = PART_LABELS.get(code)
    return str(label) if label else code.replace("_", " ")


def purpose_label(code: str) -> str:
    label = PURPOSE_LABELS.get(code)
    return str(label) if label else code
