"""The path events of held meetings get their summary as a code, from the meeting."""

from django.db import migrations

TOPICS = [
    "coping_at_work",
    "getting_to_work",
    "vocational",
    "partial_work_ability",
    "follow_up",
    "other",
]


def forwards(apps, schema_editor):
    Meeting = apps.get_model("plans", "Meeting")
    PathEvent = apps.get_model("episodes", "PathEvent")
    meetings = Meeting.objects.filter(path_event__isnull=False, path_event__summary_code="")
    for meeting in meetings.iterator():
        names = []
        for p in meeting.participants.select_related("professional").order_by("id"):
            if p.professional_id:
                full = f"{p.professional.first_name} {p.professional.last_name}".strip()
                names.append(full or p.professional.username)
            else:
                names.append(p.name)
        PathEvent.objects.filter(pk=meeting.path_event_id).update(
            summary="",
            summary_code="meeting_held",
            summary_data={
                "topics": [t for t in TOPICS if t in (meeting.topics or [])],
                "topic_other": meeting.topic_other,
                "participants": names,
                "client_present": meeting.client_present,
            },
        )


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0001_meetings_plans_actions"),
        ("episodes", "0003_add_system_text_codes"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
