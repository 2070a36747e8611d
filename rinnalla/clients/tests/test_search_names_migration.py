"""The migration that adds the folded names fills them for clients already there."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("clients", "0004_add_client_list_order_index")]
AFTER = [("clients", "0005_client_search_names")]


@pytest.mark.django_db(transaction=True)
def test_existing_clients_are_found_by_folded_name_after_the_migration(client):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE clients_client SET first_name = %s, last_name = %s", ["Åsa", "Sjöberg"]
        )
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    row = apps.get_model("clients", "Client").objects.values(
        "search_first_name", "search_last_name"
    )
    assert list(row) == [{"search_first_name": "asa", "search_last_name": "sjoberg"}]
    names = apps.get_model("clients", "SearchName").objects.values_list("text", flat=True)
    assert {"asa", "sjoberg"} <= set(names)
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the latest schema
