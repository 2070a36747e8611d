"""The plan's outputs: the client's PDF, the meeting minutes PDF, the patient record text."""

from django.template.loader import render_to_string
from django.utils import timezone, translation

from rinnalla.clients.models import Client
from rinnalla.core.pdf import render_pdf
from rinnalla.plans import selectors
from rinnalla.plans.glossary import terms_in
from rinnalla.plans.models import ActionStatus, ClientPlan, Meeting


def client_pdf(plan: ClientPlan, client: Client) -> bytes:
    """Plain language, in the client's own language."""
    actions = [a for a in selectors.plan_actions(plan) if a.status != ActionStatus.CANCELLED]
    contact = selectors.primary_contact(plan.episode)
    glossary = terms_in(
        plan.client_wishes,
        plan.planned,
        plan.client_tasks,
        *(a.for_client or a.description for a in actions),
    )
    with translation.override(client.language):
        return render_pdf(
            "plans/pdf/client_plan.html",
            {
                "client": client,
                "plan": plan,
                "contact": contact,
                "contact_phone": _phone(contact),
                "next_meeting": selectors.next_scheduled_meeting(plan.episode),
                "my_actions": [a for a in actions if a.responsible_is_client],
                "actions": actions,
                "glossary": glossary,
                "printed_at": timezone.now(),
                "feedback": _feedback_link(plan),
            },
        )


def _feedback_link(plan: ClientPlan) -> dict | None:
    """The client's one-time LIITE 10 link of the plan's meeting, as a QR code (SPEC §8)."""
    from rinnalla.surveys.qr import qr_data_uri
    from rinnalla.surveys.services import client_meeting_link_url

    url = client_meeting_link_url(plan.meeting) if plan.meeting_id else None
    return {"url": url, "qr": qr_data_uri(url)} if url else None


def _phone(user) -> str:
    if user is None:
        return ""
    return user.phone or (user.organisation.phone if user.organisation_id else "")


def record_summary_text(plan: ClientPlan, client: Client) -> str:
    """In the language of the person copying it into the patient record."""
    actions = [a for a in selectors.plan_actions(plan) if a.status != ActionStatus.CANCELLED]
    participants = list(plan.meeting.participants.all())
    return (
        render_to_string(
            "plans/record_summary.txt",
            {
                "client": client,
                "plan": plan,
                "meeting": plan.meeting,
                "participants": participants,
                "actions": actions,
                "contact": selectors.primary_contact(plan.episode),
            },
        ).strip()
        + "\n"
    )


def minutes_pdf(meeting: Meeting, client: Client) -> bytes:
    """Key actions, responsibilities and follow-up of one meeting."""
    plan = ClientPlan.objects.filter(meeting=meeting).first()
    actions = list(selectors.plan_actions(plan).filter(plan=plan)) if plan else []
    return render_pdf(
        "plans/pdf/minutes.html",
        {
            "client": client,
            "meeting": meeting,
            "participants": list(meeting.participants.all()),
            "plan": plan,
            "actions": actions,
            "printed_at": timezone.now(),
        },
    )
