"""``manage.py retention --delete``: clients past keeping time go, the log and reports stay.

The data is the demo (every app's tables filled through the real services), with an
attachment and a signed consent scan added to a closed client. The clock is moved 14
years ahead, so the closed demo clients are past keeping time and the open ones are not.
"""

import datetime
import io
import os
from collections import Counter

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from rinnalla.access.models import AccessLogEntry, AccessLogListing
from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.services import consent_record
from rinnalla.episodes.models import Episode, EventAttachment, PathEvent
from rinnalla.ops import retention, scheduler
from rinnalla.reports.models import MonthlyCount
from rinnalla.reports.rollup import rollups_refresh

pytestmark = pytest.mark.django_db

LOG_MODELS = (AccessLogEntry, AccessLogListing)


def later():
    return timezone.now() + datetime.timedelta(days=365 * 14)


def rows_about(client_id: int) -> Counter:
    """Every row that hangs off the client, per model, found by walking the foreign keys."""
    found: Counter = Counter()

    def walk(model, pks):
        if not pks:
            return
        found[model._meta.label] += len(pks)
        for rel in model._meta.get_fields(include_hidden=True):
            if not (rel.auto_created and not rel.concrete and rel.is_relation):
                continue
            if rel.many_to_many or rel.related_model in LOG_MODELS:
                continue
            child = rel.related_model._base_manager.filter(**{f"{rel.field.name}__in": pks})
            walk(rel.related_model, list(child.values_list("pk", flat=True)))

    walk(Client, list(Client.objects.filter(pk=client_id).values_list("pk", flat=True)))
    return found


def client_columns():
    """(model, field name) of every foreign key to Client in the schema."""
    return [
        (model, f.name)
        for model in apps.get_models(include_auto_created=True)
        for f in model._meta.concrete_fields
        if f.is_relation and f.related_model is Client
    ]


def table_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


def is_closed(client: Client) -> bool:
    episodes = Episode.objects.filter(client=client)
    return episodes.exists() and not episodes.exclude(status="closed").exists()


@pytest.fixture
def demo(settings, tmp_path):
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    # The log is kept for 30 years here, so moving the clock 14 years deletes no entry.
    settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS = 30
    call_command("load_demo", stdout=io.StringIO())
    closed = [c for c in Client.objects.order_by("pk") if is_closed(c)]
    kept = [c for c in Client.objects.order_by("pk") if not is_closed(c)]
    assert closed and kept
    gone = closed[0]
    actor = User.objects.get(username="tkk")
    event = PathEvent.objects.filter(episode__client=gone).first()
    # The relationship is closed (attachment_add refuses): store it as the service would.
    attachment = EventAttachment.objects.create(
        event=event,
        title="Päätös",
        file=SimpleUploadedFile("paatos.pdf", b"%PDF-1.4 decision"),
        scan_content_type="application/pdf",
        size=17,
        uploaded_by=actor,
    )
    consent = consent_record(
        actor=actor,
        client=gone,
        organisations=[Organisation.objects.exclude(pk=gone.service_id).first()],
        method="signed_paper",
        purpose="cooperation",
        given_on=timezone.localdate(),
        scan=SimpleUploadedFile("lomake.pdf", b"%PDF-1.4 signed form"),
    )
    files = [attachment.file.path, consent.scan.path]
    return {"gone": gone, "closed": closed, "kept": kept, "files": files, "actor": actor}


def log_about(client, actor, part="client", at=None):
    entry = AccessLogEntry.objects.create(
        at=at or timezone.now(),
        user=actor,
        username=actor.username,
        client=client,
        action="view",
        part=part,
        outcome="allowed",
        channel="page",
    )
    AccessLogListing.objects.create(entry=entry, client=client)
    return entry


def test_delete_removes_every_row_and_file_of_the_client(demo, django_capture_on_commit_callbacks):
    gone = demo["gone"]
    before = rows_about(gone.pk)
    # The demo plus the additions reach well into the other apps.
    for label in (
        "referrals.Referral",
        "episodes.Episode",
        "episodes.PathEvent",
        "episodes.EventAttachment",
        "consent.Consent",
        "access.AccessGrant",
    ):
        assert before[label] > 0, label
    assert all(os.path.exists(path) for path in demo["files"])

    with django_capture_on_commit_callbacks(execute=True):
        result = retention.retention_delete(now=later())

    deleted = dict(result.clients)
    assert set(deleted) == {c.pk for c in demo["closed"]}
    assert rows_about(gone.pk) == Counter()
    assert not Client.objects.filter(pk=gone.pk).exists()
    for model, name in client_columns():
        assert not model._base_manager.filter(**{f"{name}_id": gone.pk}).exists(), model
    assert not EventAttachment.objects.filter(event__episode__client_id=gone.pk).exists()
    assert not any(os.path.exists(path) for path in demo["files"])
    assert result.files == 2
    assert deleted[gone.pk]["clients.Client"] == 1


def test_delete_keeps_other_clients_intact(demo):
    kept = {c.pk: rows_about(c.pk) for c in demo["kept"]}
    names = {c.pk: (c.full_name, c.personal_identity_code) for c in demo["kept"]}
    retention.retention_delete(now=later())
    for pk, rows in kept.items():
        assert rows_about(pk) == rows
        client = Client.objects.get(pk=pk)
        assert (client.full_name, client.personal_identity_code) == names[pk]


def test_delete_keeps_the_access_log_readable_without_the_client(demo):
    gone, actor = demo["gone"], demo["actor"]
    entry = log_about(gone, actor, part="plan")
    before = AccessLogEntry.objects.count()
    code = gone.personal_identity_code

    retention.retention_delete(now=later())

    assert AccessLogEntry.objects.count() == before
    entry = AccessLogEntry.objects.get(pk=entry.pk)
    assert (entry.user, entry.username, entry.part, entry.action, entry.outcome) == (
        actor,
        "tkk",
        "plan",
        "view",
        "allowed",
    )
    assert entry.client_id is None
    assert entry.client_ref == retention.client_refs(code)[0]
    listing = AccessLogListing.objects.get(entry=entry)
    assert listing.client_id is None and listing.client_ref == entry.client_ref
    # The former client's "who has seen my data", answered from the henkilötunnus.
    found = retention.access_log_of_deleted_client(code)
    assert entry in found
    assert not found.filter(client__isnull=False).exists()
    assert (
        retention.access_log_of_deleted_client(demo["kept"][0].personal_identity_code).count() == 0
    )


def test_it_refuses_a_client_with_an_open_relationship(demo):
    open_client = next(c for c in demo["kept"] if Episode.objects.filter(client=c).exists())
    with pytest.raises(ValidationError):
        retention.client_erase(client_id=open_client.pk, now=later())
    assert Client.objects.filter(pk=open_client.pk).exists()
    retention.retention_delete(now=later())
    assert Client.objects.filter(pk=open_client.pk).exists()


def test_dry_run_changes_nothing(demo):
    before = table_counts()
    out = io.StringIO()
    call_command("retention", stdout=out)
    call_command("retention", dry_run=True, stdout=out)
    assert "Nothing was deleted" in out.getvalue()
    assert table_counts() == before
    assert all(os.path.exists(path) for path in demo["files"])


def test_the_command_deletes_only_with_the_flag_and_says_what_it_removed(demo, monkeypatch):
    monkeypatch.setattr(
        retention, "_years_ago", lambda years, now: later() - datetime.timedelta(days=365 * years)
    )
    out = io.StringIO()
    call_command("retention", delete=True, stdout=out)
    text = out.getvalue()
    assert f"client {demo['gone'].pk} deleted:" in text
    assert "clients.Client 1" in text and "episodes.PathEvent" in text
    assert f"Deleted {len(demo['closed'])} clients and 2 private files" in text
    assert not Client.objects.filter(pk=demo["gone"].pk).exists()


def test_a_failure_mid_way_rolls_back_that_client_only(demo, monkeypatch):
    gone = demo["gone"]
    before = rows_about(gone.pk)
    real = retention._delete_tree

    def failing(model, pks, **kwargs):
        # By now the client's referrals and relationships are deleted in the transaction.
        if model._meta.label == "consent.Consent" and gone.pk in set(
            model._base_manager.filter(pk__in=pks).values_list("client_id", flat=True)
        ):
            raise RuntimeError("disk on fire")
        return real(model, pks, **kwargs)

    monkeypatch.setattr(retention, "_delete_tree", failing)
    result = retention.retention_delete(now=later())

    assert [pk for pk, _ in result.refused] == [gone.pk]
    assert rows_about(gone.pk) == before
    assert all(os.path.exists(path) for path in demo["files"])
    others = {c.pk for c in demo["closed"]} - {gone.pk}
    assert {pk for pk, _ in result.clients} == others
    assert not Client.objects.filter(pk__in=others).exists()


def test_old_months_in_the_reports_survive_deletion_and_a_full_refresh(demo, monkeypatch):
    def figures():
        return {
            (m.month, m.service_id, m.organisation_id, m.coordinator_id, m.metric, m.key): (
                m.count,
                m.total,
            )
            for m in MonthlyCount.objects.all()
        }

    rollups_refresh(full=True)
    before = figures()
    assert before
    future = later()
    monkeypatch.setattr(timezone, "now", lambda: future)  # the clock, 14 years on
    retention.retention_delete()
    assert figures() == before
    rollups_refresh(full=True)
    assert figures() == before
    rollups_refresh()
    assert figures() == before


def test_the_access_log_goes_only_past_its_own_keeping_time(db, coordinator, client, settings):
    settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS = 12
    log_about(client, coordinator, at=timezone.now() - datetime.timedelta(days=365 * 13))
    young = log_about(client, coordinator, at=timezone.now() - datetime.timedelta(days=365 * 11))

    removed, _cutoff = retention.access_log_purge()

    assert removed == 1
    assert list(AccessLogEntry.objects.values_list("pk", flat=True)) == [young.pk]
    assert list(AccessLogListing.objects.values_list("entry_id", flat=True)) == [young.pk]


def test_outside_retention_the_database_refuses_pseudonymising(db, coordinator, client):
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger is PostgreSQL's")
    entry = log_about(client, coordinator)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "UPDATE access_accesslogentry SET client_id = NULL, client_ref = 'x' WHERE id = %s",
            [entry.pk],
        )
    assert AccessLogEntry.objects.get(pk=entry.pk).client_id == client.pk
    # Even inside a retention transaction, an entry younger than the log's keeping time
    # cannot be deleted, nor can any other column be changed (an entry listing no one).
    entry = AccessLogEntry.objects.create(
        user=coordinator,
        username="x",
        action="view",
        part="list",
        outcome="allowed",
        channel="page",
    )
    for sql in (
        "DELETE FROM access_accesslogentry WHERE id = %s",
        "UPDATE access_accesslogentry SET client_id = NULL, client_ref = 'x', part = 'y' "
        "WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            retention._retention_mark(12)
            cursor.execute(sql, [entry.pk])
    assert AccessLogEntry.objects.filter(pk=entry.pk, part="list").exists()


def test_deletion_is_never_scheduled():
    assert not any("retention" in path for path in scheduler.DAILY)


def test_open_clients_refused_by_the_command_are_reported(demo, monkeypatch):
    monkeypatch.setattr(
        retention, "client_erase", lambda **kw: (_ for _ in ()).throw(ValidationError("no"))
    )
    monkeypatch.setattr(
        retention, "_years_ago", lambda years, now: later() - datetime.timedelta(days=365 * years)
    )
    err = io.StringIO()
    with pytest.raises(CommandError, match="not deleted"):
        call_command("retention", delete=True, stdout=io.StringIO(), stderr=err)
    assert "NOT deleted" in err.getvalue()


def test_a_link_to_another_clients_row_stops_that_client(demo):
    from rinnalla.referrals.models import Referral

    gone, other = demo["gone"], demo["kept"][0]
    # Another client's referral attached to the deleted client's relationship: the walk
    # would reach it, so the client is left alone rather than the other's row deleted.
    Referral.objects.filter(pk=Referral.objects.filter(client=other).first().pk).update(
        status="attached", episode=None, attached_to=Episode.objects.filter(client=gone).first()
    )
    before = rows_about(other.pk)
    result = retention.retention_delete(now=later())
    assert gone.pk in [pk for pk, _ in result.refused]
    assert Client.objects.filter(pk=gone.pk).exists()
    assert rows_about(other.pk) == before
