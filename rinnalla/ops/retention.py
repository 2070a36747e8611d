"""Retention: what has passed its keeping time.

Defaults, from the Client Data Act (laki sosiaali- ja terveydenhuollon asiakastietojen
käsittelystä 703/2023) and its annex of keeping times, to be confirmed against the
county's own records plan (arkistonmuodostussuunnitelma) before anything is deleted:

- a social welfare client's records: 12 years from the end of the client relationship
  (``RINNALLA_RETENTION_YEARS``, default 12);
- the access log (lokitiedot): 12 years from the entry
  (``RINNALLA_ACCESS_LOG_RETENTION_YEARS``, default 12). The access log is never
  deleted early: the setting cannot be shorter than the client records' keeping time.

A client is past keeping time when none of their relationships is open, no referral
of theirs waits for triage, and the last thing that happened (a closing, an event, a
referral, the registration) is older than the keeping time.

Deletion (``retention_delete``, ``manage.py retention --delete``) is a deliberate act
of the records manager, never scheduled. Each client goes in a transaction of its own:
the client row and every row that hangs off it (found by walking the foreign keys, so a
new app's table is covered without touching this file), and the private files of the
deleted attachments and consent scans once the transaction has committed. The access
log is not deleted with the client: its entries keep time, user, part, purpose and
outcome, and the client link is replaced by ``client_ref``, a keyed hash of the
henkilötunnus (docs/operations.md says why). Entries themselves go only when past
``RINNALLA_ACCESS_LOG_RETENTION_YEARS``. Report rollups are not recomputed for days
before the keeping horizon (``rollup_horizon``), so deleted clients stay counted.
"""

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.db.models import Exists, Max, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.crypto import salted_hmac

from rinnalla.access.models import AccessLogEntry, AccessLogListing
from rinnalla.clients.models import Client
from rinnalla.core import hetu
from rinnalla.episodes.models import Closing, Episode, PathEvent
from rinnalla.referrals.models import Referral

logger = logging.getLogger("rinnalla.retention")


def _years_ago(years: int, now: datetime.datetime) -> datetime.datetime:
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February
        return now.replace(year=now.year - years, day=28)


@dataclass
class Due:
    clients: list[tuple[int, datetime.datetime]]  # (client id, last activity)
    client_cutoff: datetime.datetime
    access_log_entries: int
    access_log_cutoff: datetime.datetime


def _due_clients(client_cutoff: datetime.datetime) -> models.QuerySet:
    open_episode = Episode.objects.filter(client=OuterRef("pk")).exclude(status="closed")
    open_referral = Referral.objects.filter(client=OuterRef("pk"), status=Referral.Status.RECEIVED)
    epoch = datetime.datetime(1900, 1, 1, tzinfo=datetime.UTC)
    return (
        Client.objects.annotate(
            open_episode=Exists(open_episode),
            open_referral=Exists(open_referral),
            last_closing=Subquery(
                Closing.objects.filter(episode__client=OuterRef("pk"))
                .order_by()
                .values("episode__client")
                .annotate(m=Max("closed_at"))
                .values("m")
            ),
            last_event=Subquery(
                PathEvent.objects.filter(episode__client=OuterRef("pk"))
                .order_by()
                .values("episode__client")
                .annotate(m=Max("occurred_at"))
                .values("m")
            ),
            last_referral=Subquery(
                Referral.objects.filter(client=OuterRef("pk"))
                .order_by()
                .values("client")
                .annotate(m=Max("created_at"))
                .values("m")
            ),
        )
        .annotate(
            last_activity=Greatest(
                "created_at",
                Coalesce("last_closing", epoch),
                Coalesce("last_event", epoch),
                Coalesce("last_referral", epoch),
            )
        )
        .filter(Q(open_episode=False), Q(open_referral=False), last_activity__lt=client_cutoff)
        .order_by("last_activity", "pk")
    )


def due(*, now: datetime.datetime | None = None, limit: int = 1000) -> Due:
    now = now or timezone.now()
    client_cutoff = _years_ago(settings.RINNALLA_RETENTION_YEARS, now)
    log_cutoff = _years_ago(settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS, now)
    clients = _due_clients(client_cutoff).values_list("pk", "last_activity")[:limit]
    return Due(
        clients=list(clients),
        client_cutoff=client_cutoff,
        access_log_entries=AccessLogEntry.objects.filter(at__lt=log_cutoff).count(),
        access_log_cutoff=log_cutoff,
    )


def rollup_horizon(*, now: datetime.datetime | None = None) -> datetime.date:
    """Report rollups are never recomputed for days before this one.

    Every client deleted by ``retention_delete`` had all its activity before
    ``now - RINNALLA_RETENTION_YEARS`` at the moment of deletion, so it falls before
    every later horizon: recomputing those days from the domain tables would drop the
    deleted clients' counts. The day of the cutoff itself is included in the frozen
    range (hence the day after), so a deletion and a refresh on the same day agree.
    """
    now = now or timezone.now()
    cutoff = _years_ago(settings.RINNALLA_RETENTION_YEARS, now)
    return timezone.localdate(cutoff) + datetime.timedelta(days=1)


# --- the access log's reference to a deleted client -------------------------------------

_REF_SALT = "rinnalla.ops.retention.client_ref"


def client_refs(personal_identity_code: str) -> list[str]:
    """The access-log references of a person: the first is written, all are looked up.

    An HMAC-SHA256 of the normalised henkilötunnus keyed with SECRET_KEY (and each of
    SECRET_KEY_FALLBACKS for lookups, so rotating the key keeps old references findable
    while the old key stays a fallback). Unkeyed, the hash of an 11-character code could
    be reversed by trying every code; keyed, only someone with the key can link it.
    """
    code = hetu.normalise(personal_identity_code)
    return [
        salted_hmac(_REF_SALT, code, secret=secret, algorithm="sha256").hexdigest()
        for secret in [settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS]
    ]


def access_log_of_deleted_client(personal_identity_code: str) -> models.QuerySet:
    """The access-log entries about a client whose records were deleted.

    For a former client's request to see who has handled their data (the records
    manager or data protection officer answers it with the person's henkilötunnus):
    entries about them and entries that listed them.
    """
    refs = client_refs(personal_identity_code)
    return AccessLogEntry.objects.filter(
        Q(client_ref__in=refs)
        | Q(pk__in=AccessLogListing.objects.filter(client_ref__in=refs).values("entry_id"))
    ).order_by("at", "pk")


def _retention_mark(log_years: int) -> None:
    """Let the PostgreSQL append-only trigger pass this transaction's retention changes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT set_config('rinnalla.retention', 'on', true)")
            cursor.execute(
                "SELECT set_config('rinnalla.access_log_years', %s, true)", [str(log_years)]
            )


# --- deletion ------------------------------------------------------------------------------

# The access log is kept (pseudonymised), never deleted with the client.
_LOG_MODELS = (AccessLogEntry, AccessLogListing)


@dataclass
class Deleted:
    clients: list[tuple[int, Counter]] = field(default_factory=list)  # (client id, rows)
    refused: list[tuple[int, str]] = field(default_factory=list)
    files: int = 0
    access_log_entries: int = 0
    access_log_cutoff: datetime.datetime | None = None


def _reverse_relations(model) -> list:
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and f.is_relation and not f.many_to_many
    ]


def _delete_tree(
    model, pks: list, *, client_id: int, counts: Counter, files: list, pseudonym: str
) -> None:
    """Delete ``model`` rows ``pks`` and, first, every row that refers to them.

    A row on the way that names another client (a cross-client link the walk did not
    expect) stops the whole transaction rather than deleting someone else's data.
    """
    if not pks:
        return
    for f in model._meta.concrete_fields:
        if f.is_relation and f.related_model is Client and model is not Client:
            others = model._base_manager.filter(pk__in=pks).exclude(**{f.attname: client_id})
            if others.exclude(**{f"{f.attname}__isnull": True}).exists():
                raise RuntimeError(
                    f"{model._meta.label} rows of client {client_id} refer to another client"
                )
    for rel in _reverse_relations(model):
        child, fk = rel.related_model, rel.field.name
        if child in _LOG_MODELS:
            qs = child.objects.filter(**{f"{fk}__in": pks})
            kept = models.QuerySet.update(qs, **{fk: None, "client_ref": pseudonym})
            if kept:
                counts[f"{child._meta.label} (kept, client replaced by reference)"] += kept
            continue
        child_pks = list(
            child._base_manager.filter(**{f"{fk}__in": pks}).values_list("pk", flat=True)
        )
        _delete_tree(
            child, child_pks, client_id=client_id, counts=counts, files=files, pseudonym=pseudonym
        )
    file_fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.FileField)]
    qs = model._base_manager.filter(pk__in=pks)
    for row in qs if file_fields else ():
        for name in file_fields:
            stored = getattr(row, name)
            if stored:
                files.append((stored.storage, stored.name))
    deleted, per_model = qs.delete()
    counts.update({label: n for label, n in per_model.items() if n})


def client_erase(*, client_id: int, now: datetime.datetime | None = None) -> tuple[Counter, int]:
    """Delete one client past keeping time and everything about them, in one transaction.

    Refuses (ValidationError) a client who is not past keeping time at this moment: an
    open relationship, a referral waiting for triage, or recent activity. Returns the
    rows deleted per model and the number of private files removed after the commit.
    """
    now = now or timezone.now()
    cutoff = _years_ago(settings.RINNALLA_RETENTION_YEARS, now)
    files: list = []
    counts: Counter = Counter()
    with transaction.atomic():
        client = Client.objects.select_for_update().filter(pk=client_id).first()
        if client is None or not _due_clients(cutoff).filter(pk=client_id).exists():
            raise ValidationError(
                "client %(id)s is not past the keeping time (open relationship or referral, "
                "or recent activity)",
                params={"id": client_id},
                code="not_due",
            )
        _retention_mark(settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS)
        pseudonym = client_refs(client.personal_identity_code)[0]
        _delete_tree(
            Client,
            [client_id],
            client_id=client_id,
            counts=counts,
            files=files,
            pseudonym=pseudonym,
        )
        transaction.on_commit(lambda: _remove_files(files))
    return counts, len(files)


def _remove_files(files: list) -> None:
    for storage, name in files:
        try:
            storage.delete(name)
        except OSError:
            logger.exception("retention: could not remove a private file", extra={"file": name})


def access_log_purge(*, now: datetime.datetime | None = None) -> tuple[int, datetime.datetime]:
    """Delete the access-log entries (and their listings) past the log's keeping time."""
    now = now or timezone.now()
    years = settings.RINNALLA_ACCESS_LOG_RETENTION_YEARS
    cutoff = _years_ago(years, now)
    with transaction.atomic():
        _retention_mark(years)
        old = AccessLogEntry.objects.filter(at__lt=cutoff)
        listings = AccessLogListing.objects.filter(entry__in=old.values("pk"))
        listings._raw_delete(listings.db)
        removed = old._raw_delete(old.db)
    return removed, cutoff


def retention_delete(
    *, now: datetime.datetime | None = None, limit: int = 1000, progress=None
) -> Deleted:
    """Delete the clients past keeping time, one transaction each, then the old access log.

    A client that fails (refused, or an error mid-way) is rolled back alone and reported;
    the others go on. ``progress(client_id, counts_or_error)`` is called after each.
    """
    now = now or timezone.now()
    result = Deleted()
    for client_id, _last in due(now=now, limit=limit).clients:
        try:
            counts, files = client_erase(client_id=client_id, now=now)
        except Exception as exc:  # noqa: BLE001 - reported per client, the others go on
            logger.exception("retention: client %s not deleted", client_id)
            result.refused.append((client_id, str(exc)))
            if progress:
                progress(client_id, exc)
            continue
        result.clients.append((client_id, counts))
        result.files += files
        if progress:
            progress(client_id, counts)
    result.access_log_entries, result.access_log_cutoff = access_log_purge(now=now)
    return result
