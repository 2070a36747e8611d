"""Meetings cancelled when their relationship was closed kept the reason as text in the
closer's language; store it as the system text's code instead (shown in the reader's)."""

from django.db import migrations

#: "The client relationship was closed." as the closing service wrote it in each language.
WRITTEN = (
    "The client relationship was closed.",
    "Asiakkuus päätettiin.",
    "Klientrelationen avslutades.",
)


def forwards(apps, schema_editor):
    Meeting = apps.get_model("plans", "Meeting")
    Meeting.objects.filter(cancel_reason__in=WRITTEN, cancel_reason_code="").update(
        cancel_reason="", cancel_reason_code="cancelled_at_closing"
    )


class Migration(migrations.Migration):
    dependencies = [("plans", "0006_add_meeting_cancel_reason_code")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
