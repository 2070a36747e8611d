"""Fill the access-grant table from the existing data (the rule, precomputed)."""

from django.db import migrations


def forwards(apps, schema_editor):
    from rinnalla.access import grants

    grants.rebuild(apps=apps)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0007_add_access_grant"),
        ("clients", "0003_add_address_language_interpreter_non_disclosure"),
        ("episodes", "0005_add_event_attachment"),
        ("referrals", "0002_add_service_client_index"),
        ("plans", "0003_add_action_for_client"),
        ("consent", "0002_add_scan"),
        ("accounts", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
