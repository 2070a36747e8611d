"""The fixed list of what the access log records: parts of a client's data and purposes.

Every ``part`` written to the log is a :class:`Part`; writing any other code raises
(see ``policy._check_part``), so a code can never reach the client's "who has seen my
data" page, CSV or PDF without a label in Finnish, Swedish and English. Several codes
name the same data as seen through a page and through the API ("service_path" and
"path_events"); they share one label, so the client reads the same words for both.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Part(models.TextChoices):
    ACCESS_LOG = "access_log", _("Access log")
    ATTACHMENT = "attachment", _("Attachments of the service path")
    ATTACHMENTS = "attachments", _("Attachments of the service path")
    BREAK_GLASS = "break_glass", _("Emergency access")
    CLIENT = "client", _("Client details")
    CLIENT_DETAILS = "client_details", _("Client details")
    CLIENT_PAGE = "client_page", _("Client page")
    CLIENT_LIST = "client_list", _("Client list")
    CLIENTS = "clients", _("Client list")
    CLIENT_PLAN = "client_plan", _("Client plan")
    PLANS = "plans", _("Client plan")
    CLIENT_PLAN_PDF = "client_plan_pdf", _("Client plan (PDF)")
    RECORD_SUMMARY = "record_summary", _("Summary for the patient record")
    CONSENTS = "consents", _("Consents")
    CONSENT_SCAN = "consent_scan", _("Scan of a consent form")
    EPISODE = "episode", _("Client relationship")
    EPISODE_STATUS = "episode_status", _("Status of the client relationship")
    CLOSING = "closing", _("Closing the client relationship")
    EPISODE_CLOSING = "episode_closing", _("Closing the client relationship")
    SERVICE_PATH = "service_path", _("Service path")
    PATH_EVENTS = "path_events", _("Service path")
    RESPONSIBLE_PERSONS = "responsible_persons", _("Responsible persons")
    MEETING = "meeting", _("Network meeting")
    MEETING_MINUTES = "meeting_minutes", _("Minutes of a network meeting")
    MEETING_INVITATIONS = "meeting_invitations", _("Invitations to a network meeting")
    PLAN_ACTION = "plan_action", _("Plan action")
    MY_WORK = "my_work", _("My work")
    MY_ACTIONS = "my_actions", _("My work")
    FOLLOWUP_CRACKS = "followup_cracks", _("Falling through the cracks")
    FOLLOWUP_OVERDUE = "followup_overdue", _("Overdue actions")
    MEASUREMENTS = "measurements", _("Measurements")
    MEASUREMENTS_ASSESSMENT = "measurements.assessment", _("Service needs assessment")
    MEASUREMENTS_RECORD = "measurements.record", _("Measurements")
    MEASUREMENTS_SELF_FILL = "measurements.self_fill", _("Questionnaire filled in by the client")
    MEASUREMENTS_SELF_FILL_LINK = (
        "measurements.self_fill_link",
        _("Link to a questionnaire for the client"),
    )
    REFERRAL = "referral", _("Referral")
    REFERRALS = "referrals", _("Referrals")
    REFERRAL_QUEUE = "referral_queue", _("Referral queue")
    REFERRAL_STATUS = "referral_status", _("Status of sent referrals")
    REFERRAL_TRIAGE = "referral_triage", _("Triage of a referral")
    WORK_ABILITY_ASSESSMENT = (
        "work_ability_assessment",
        _("Work ability assessment and plan proposal"),
    )
    SURVEYS = "surveys", _("Feedback survey link")
    # The service owner's reports: aggregates, never a client (the entry names none).
    REPORT_OVERVIEW = "report:overview", _("Reports: overview (aggregates, no client data)")
    REPORT_SUMMARY = "report:summary", _("Reports: summary PDF (aggregates, no client data)")
    REPORT_REFERRALS = "report:referrals", _("Report: referrals (aggregates, no client data)")
    REPORT_FIRST_CONTACT = (
        "report:first-contact",
        _("Report: time to first contact (aggregates, no client data)"),
    )
    REPORT_CASELOAD = "report:caseload", _("Report: caseload (aggregates, no client data)")
    REPORT_CONTACTS = (
        "report:contacts",
        _("Report: contacts and meetings (aggregates, no client data)"),
    )
    REPORT_MEETINGS = (
        "report:meetings",
        _("Report: network meetings (aggregates, no client data)"),
    )
    REPORT_OUTCOMES = (
        "report:outcomes",
        _("Report: outcomes at closing (aggregates, no client data)"),
    )
    REPORT_MEASUREMENTS_CHANGE = (
        "report:measurements-change",
        _("Report: change in measurements (aggregates, no client data)"),
    )
    REPORT_SURVEYS = (
        "report:surveys",
        _("Report: feedback surveys (aggregates, no client data)"),
    )
    REPORT_STATEMENTS = (
        "report:statements",
        _("Report: statements (aggregates, no client data)"),
    )


# Codes written by earlier versions and still in the log: read, never written again.
LEGACY_PART_LABELS = {
    "client_detail": _("Client details"),
    "client_edit": _("Client details"),
    "consent": _("Consents"),
    "path": _("Service path"),
    "events": _("Service path"),
    "plan": _("Client plan"),
}

PART_LABELS = {**LEGACY_PART_LABELS, **dict(Part.choices)}


class Purpose(models.TextChoices):
    CLIENT_WORK = "client_work", _("Client work")
    SELF_ASSESSMENT = "self_assessment", _("The client's own answers")
    AGGREGATE_REPORT = "aggregate_report", _("Aggregated report")


PURPOSE_LABELS = dict(Purpose.choices)


def part_label(code: str) -> str:
    label = PART_LABELS.get(code)
    return str(label) if label else code.replace("_", " ")


def purpose_label(code: str) -> str:
    """A purpose code's label; an emergency access's purpose is its written reason."""
    label = PURPOSE_LABELS.get(code)
    return str(label) if label else code


def entry_user_name(entry) -> str:
    """The user's name as it was when the entry was written (older entries: as now)."""
    if entry.user_name:
        return entry.user_name
    if entry.user is None:
        return entry.username or str(_("Not logged in"))
    return entry.user.get_full_name() or entry.user.username


def entry_organisation_name(entry) -> str:
    """The user's organisation as it was when the entry was written (older entries: as now)."""
    if entry.user_name:
        return entry.organisation_name
    user = entry.user
    return user.organisation.name if user is not None and user.organisation else ""
