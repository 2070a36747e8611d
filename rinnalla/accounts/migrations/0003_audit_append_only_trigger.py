"""On PostgreSQL the administrative audit log is append-only at the database level too.

Like the access log (access 0003): row-level UPDATE and DELETE are refused; TRUNCATE is
kept from the application by table privileges in production (docs/architecture.md).
"""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION admin_audit_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the administrative audit log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER admin_audit_append_only
    BEFORE UPDATE OR DELETE ON accounts_adminauditentry
    FOR EACH ROW EXECUTE FUNCTION admin_audit_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS admin_audit_append_only ON accounts_adminauditentry;
DROP FUNCTION IF EXISTS admin_audit_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_admin_audit_and_token_policy")]
    operations = [migrations.RunPython(forwards, backwards)]
