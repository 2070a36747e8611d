"""The access log can only grow: in Python and, on PostgreSQL, in the database."""

import pytest
from django.db import DatabaseError, connection, transaction

from rinnalla.access.models import AccessLogEntry, AccessLogIsAppendOnly
from rinnalla.access.policy import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry(coordinator, client):
    client_for(coordinator, client.pk, part="client")
    return AccessLogEntry.objects.get()


def test_an_entry_cannot_be_changed(entry):
    entry.purpose = "covering my tracks"
    with pytest.raises(AccessLogIsAppendOnly):
        entry.save()
    entry.refresh_from_db()
    assert entry.purpose == "client_work"


def test_an_entry_cannot_be_deleted(entry):
    with pytest.raises(AccessLogIsAppendOnly):
        entry.delete()
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_entries_cannot_be_updated_or_deleted_in_bulk(entry):
    with pytest.raises(AccessLogIsAppendOnly):
        AccessLogEntry.objects.filter(pk=entry.pk).update(purpose="x")
    with pytest.raises(AccessLogIsAppendOnly):
        AccessLogEntry.objects.all().delete()
    assert AccessLogEntry.objects.get().purpose == "client_work"


def test_new_entries_can_still_be_added(entry, coordinator, client):
    client_for(coordinator, client.pk, part="consents")
    assert AccessLogEntry.objects.count() == 2


def _require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip(
            "The append-only trigger exists only on PostgreSQL (migration access 0003); "
            f"this run uses {connection.vendor}. Run with DATABASE_URL=postgres://… to test it."
        )


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE access_accesslogentry SET purpose = 'x' WHERE id = %s",
        "DELETE FROM access_accesslogentry WHERE id = %s",
    ],
)
def test_the_database_refuses_update_and_delete_on_postgresql(entry, sql):
    _require_postgresql()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    assert AccessLogEntry.objects.get(pk=entry.pk).purpose == "client_work"


def test_the_database_still_accepts_inserts_on_postgresql(entry, coordinator, client):
    _require_postgresql()
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO access_accesslogentry (at, username, user_name, user_role,"
            " organisation_name, action, part, purpose, outcome, channel, break_glass, by_client)"
            " VALUES (now(), 'raw', '', '', '', 'view', 'x', '', 'allowed', 'page', false, false)"
        )
    assert AccessLogEntry.objects.filter(username="raw").exists()
