"""Name search that folds accents and tolerates typos.

The folded names on Client (filled here for existing rows), the SearchName table and,
on PostgreSQL only, the pg_trgm extension and a GIN trigram index on SearchName.text
(reversing drops the index and keeps the extension).
On SQLite the extension and the trigram index are skipped: search there is an
accent-insensitive prefix match (see rinnalla.clients.selectors).
"""

from django.db import migrations, models

from rinnalla.core.search import fold

BATCH = 2000


def fill_search_names(apps, schema_editor):
    Client = apps.get_model("clients", "Client")
    SearchName = apps.get_model("clients", "SearchName")
    last_pk = 0
    while True:
        clients = list(
            Client.objects.filter(pk__gt=last_pk)
            .order_by("pk")
            .only("pk", "first_name", "last_name")[:BATCH]
        )
        if not clients:
            return
        names = set()
        for client in clients:
            client.search_first_name = fold(client.first_name)
            client.search_last_name = fold(client.last_name)
            names.update((client.search_first_name, client.search_last_name))
        Client.objects.bulk_update(clients, ["search_first_name", "search_last_name"])
        SearchName.objects.bulk_create(
            [SearchName(text=name) for name in sorted(names) if name], ignore_conflicts=True
        )
        last_pk = clients[-1].pk


def create_trigram_index(apps, schema_editor):
    # Not django.contrib.postgres's TrigramExtension: its reverse queries pg_extension on
    # SQLite too, and dropping the extension could break anything else that uses it.
    # pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            "CREATE INDEX clients_searchname_text_trgm ON clients_searchname "
            "USING gin (text gin_trgm_ops)"
        )


def drop_trigram_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS clients_searchname_text_trgm")


class Migration(migrations.Migration):
    dependencies = [
        ("clients", "0004_add_client_list_order_index"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchName",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("text", models.CharField(max_length=100, unique=True)),
            ],
        ),
        migrations.RemoveIndex(
            model_name="client",
            name="client_name_idx",
        ),
        migrations.RemoveIndex(
            model_name="client",
            name="client_first_name_idx",
        ),
        migrations.AddField(
            model_name="client",
            name="search_first_name",
            field=models.CharField(default="", editable=False, max_length=100),
        ),
        migrations.AddField(
            model_name="client",
            name="search_last_name",
            field=models.CharField(default="", editable=False, max_length=100),
        ),
        migrations.RunPython(fill_search_names, migrations.RunPython.noop, elidable=True),
        migrations.RunPython(create_trigram_index, drop_trigram_index),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(
                fields=["search_last_name", "search_first_name"], name="client_search_last_idx"
            ),
        ),
        migrations.AddIndex(
            model_name="client",
            index=models.Index(fields=["search_first_name"], name="client_search_first_idx"),
        ),
    ]
