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
}

PURPOSE_LABELS = {
    "client_work": _("Client work"),
}


def part_label(code: str) -> str:
    label = PART_LABELS.get(code)
    return str(label) if label else code.replace("_", " ")


def purpose_label(code: str) -> str:
    label = PURPOSE_LABELS.get(code)
    return str(label) if label else code
