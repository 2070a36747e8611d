"""Fill the user snapshot of entries written before it existed (best known: today's names),
and make the listing table append-only on PostgreSQL like the log itself.

The entries are updated with the append-only trigger switched off for this one
statement; after this migration no entry is ever changed again.
"""

from django.db import migrations

FILL = """
ALTER TABLE access_accesslogentry DISABLE TRIGGER access_log_append_only;
UPDATE access_accesslogentry e
   SET user_name = btrim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')),
       user_role = u.role,
       organisation_name = coalesce(o.name, '')
  FROM accounts_user u LEFT JOIN accounts_organisation o ON o.id = u.organisation_id
 WHERE u.id = e.user_id AND e.user_name = '';
ALTER TABLE access_accesslogentry ENABLE TRIGGER access_log_append_only;
"""
FILL_SQLITE = """
UPDATE access_accesslogentry
   SET user_name = (SELECT trim(u.first_name || ' ' || u.last_name)
                      FROM accounts_user u WHERE u.id = access_accesslogentry.user_id),
       user_role = (SELECT u.role FROM accounts_user u
                     WHERE u.id = access_accesslogentry.user_id),
       organisation_name = coalesce((SELECT o.name FROM accounts_user u
                                      JOIN accounts_organisation o ON o.id = u.organisation_id
                                     WHERE u.id = access_accesslogentry.user_id), '')
 WHERE user_id IS NOT NULL AND user_name = '';
"""
LISTING_APPEND_ONLY = """
CREATE TRIGGER access_listing_append_only
    BEFORE UPDATE OR DELETE ON access_accessloglisting
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FILL, params=None)
        schema_editor.execute(LISTING_APPEND_ONLY, params=None)
    else:
        schema_editor.execute(FILL_SQLITE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            "DROP TRIGGER IF EXISTS access_listing_append_only ON access_accessloglisting",
            params=None,
        )


class Migration(migrations.Migration):
    dependencies = [("access", "0005_snapshot_user_and_listed_clients")]
    operations = [migrations.RunPython(forwards, backwards)]
