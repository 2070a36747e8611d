"""On PostgreSQL the access log is append-only at the database level as well."""

from django.db import migrations

CREATE = """
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER access_log_append_only
    BEFORE UPDATE OR DELETE ON access_accesslogentry
    FOR EACH ROW EXECUTE FUNCTION access_log_refuse_change();
CREATE TRIGGER access_log_no_truncate
    BEFORE TRUNCATE ON access_accesslogentry
    FOR EACH STATEMENT EXECUTE FUNCTION access_log_refuse_change();
"""
DROP = """
DROP TRIGGER IF EXISTS access_log_no_truncate ON access_accesslogentry;
DROP TRIGGER IF EXISTS access_log_append_only ON access_accesslogentry;
DROP FUNCTION IF EXISTS access_log_refuse_change();
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("access", "0002_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
