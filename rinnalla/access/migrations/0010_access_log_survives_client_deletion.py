"""The access log outlives the client records it documents (ops.retention).

When a client's records are deleted past their keeping time, their log entries and
list listings keep everything but the client link, which becomes a keyed hash
(client_ref). On PostgreSQL the append-only trigger now lets through exactly two
changes, and only inside a transaction that ops.retention marked with
``SET LOCAL rinnalla.retention = 'on'``: replacing client_id by NULL and client_ref
(every other column unchanged), and deleting entries older than
``rinnalla.access_log_years`` years (also set by ops.retention, from
RINNALLA_ACCESS_LOG_RETENTION_YEARS). Anything else is still refused.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


ALLOW_RETENTION = """
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger AS $$
DECLARE
    entry_at timestamptz;
BEGIN
    IF coalesce(current_setting('rinnalla.retention', true), '') = 'on' THEN
        IF TG_OP = 'DELETE' THEN
            IF TG_TABLE_NAME = 'access_accessloglisting' THEN
                SELECT at INTO entry_at FROM access_accesslogentry WHERE id = OLD.entry_id;
            ELSE
                entry_at := OLD.at;
            END IF;
            IF entry_at < now() - make_interval(
                    years => current_setting('rinnalla.access_log_years')::int) THEN
                RETURN OLD;
            END IF;
        ELSIF NEW.client_id IS NULL AND OLD.client_id IS NOT NULL AND NEW.client_ref <> ''
              AND (to_jsonb(NEW) - 'client_id' - 'client_ref')
                  = (to_jsonb(OLD) - 'client_id' - 'client_ref') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'the access log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""
REFUSE_ALL = """
CREATE OR REPLACE FUNCTION access_log_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the access log is append-only: % is not allowed', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        # params=None: the SQL contains a literal '%' (RAISE's placeholder), not a parameter.
        schema_editor.execute(ALLOW_RETENTION, params=None)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(REFUSE_ALL, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("access", "0009_add_log_by_client"),
        ("clients", "0004_add_client_list_order_index"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="accesslogentry",
            name="client_ref",
            field=models.CharField(blank=True, db_default="", default="", max_length=64),
        ),
        migrations.AddField(
            model_name="accessloglisting",
            name="client_ref",
            field=models.CharField(blank=True, db_default="", default="", max_length=64),
        ),
        migrations.AlterField(
            model_name="accessloglisting",
            name="client",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="clients.client",
            ),
        ),
        migrations.AddIndex(
            model_name="accesslogentry",
            index=models.Index(
                condition=models.Q(("client_ref", ""), _negated=True),
                fields=["client_ref"],
                name="accesslog_ref_idx",
            ),
        ),
        migrations.RunPython(forwards, backwards),
    ]
