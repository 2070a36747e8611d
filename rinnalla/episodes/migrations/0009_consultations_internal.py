from django.db import migrations


def consultations_internal(apps, schema_editor):
    """Consultations recorded before the flag existed stay off the client's own view."""
    PathEvent = apps.get_model("episodes", "PathEvent")
    PathEvent.objects.filter(kind="consultation").update(internal=True)


class Migration(migrations.Migration):
    dependencies = [("episodes", "0008_add_event_internal")]

    operations = [migrations.RunPython(consultations_internal, migrations.RunPython.noop)]
