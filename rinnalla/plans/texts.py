"""Text the meeting and plan services write, rendered in the reader's language."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rinnalla.core import systext
from rinnalla.plans.models import Meeting, Topic

MEETING_HELD = "meeting_held"
CANCELLED_AT_CLOSING = "cancelled_at_closing"

systext.simple(CANCELLED_AT_CLOSING, _("The client relationship was closed."))


def meeting_held_data(meeting: Meeting) -> dict:
    """What the path event of a held meeting shows: topic codes and who took part."""
    return {
        "topics": [t for t in Topic.values if t in meeting.topics],
        "topic_other": meeting.topic_other,
        "participants": [
            p.display_name for p in meeting.participants.select_related("professional")
        ],
        "client_present": meeting.client_present,
    }


@systext.register(MEETING_HELD)
def meeting_held(data: dict) -> str:
    labels = dict(Topic.choices)
    topics = [str(labels[t]) for t in data.get("topics", []) if t in labels and t != Topic.OTHER]
    if Topic.OTHER in data.get("topics", []):
        other = str(Topic.OTHER.label)
        topics.append(f"{other}: {data['topic_other']}" if data.get("topic_other") else other)
    names = list(data.get("participants", []))
    if data.get("client_present"):
        names.append(gettext("the client"))
    return str(_("Network meeting. Topic: %(topics)s. Participants: %(names)s.")) % {
        "topics": "; ".join(topics) or "–",
        "names": ", ".join(names) or "–",
    }
