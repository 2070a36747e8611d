"""Deterministic synthetic data at the volume of a wellbeing services county.

``generate(clients=N, seed=S, today=D)`` makes the same data for the same arguments on
any machine: the network (coordination services, organisations, professionals) comes
from ``Random("…:S:structure")`` and every client — their referrals, client
relationships, responsible persons, path events, consents and closing — from its own
``Random("…:S:<index>")``. Nothing reads the wall clock; ``today`` is the last day
with data. Because client ``i`` depends only on ``(S, i)``, a run that stopped half way
(or a smaller earlier run) is continued by a later one and the result is the same as
one run of the full size.

Why bulk writes instead of the services: volume. 50,000 clients make about two
million path events; one service call per event (lock, validate, insert, recompute the
path summary) would take hours, and even Django's bulk_create spends ~10 minutes just
compiling the INSERTs. So the generator assigns the ids itself and writes plain rows
(PostgreSQL COPY, elsewhere executemany), one transaction per 1,000 clients; run it
while nobody else writes to the database. It keeps the invariants the services
enforce, by construction:

- an accepted referral has triaged_at and its episode; an untriaged one neither;
  a redirected one says where to; triage never before receipt;
- an episode's ``first_contact_at`` is its earliest contact or meeting,
  ``last_event_at`` its latest event, ``status`` closed iff it has an (unreopened)
  closing, otherwise paused / active / waiting (waiting iff no first contact);
- exactly one active primary contact per open episode, a professional at most once
  among its active responsible persons, each change recorded as a handover;
- mode only on contacts and meetings (from MODES_BY_KIND), a positive duration only
  on meetings, statement name and status only on statements, every consultation names
  an organisation covered by a consent of the client valid on that day;
- no event is in the future, none before the relationship opened, the closing after
  the last event; henkilötunnus codes valid, unique and temporary (900–999).

The organisations and usernames carry the seed ("synteettinen S", ``synS-``), so
synthetic data is recognisable and two seeds can share a database.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection, transaction

from rinnalla.clients.models import Client, remember_search_names
from rinnalla.demo.synthetic.bulk import Batch, Writer
from rinnalla.demo.synthetic.clients import ClientMaker, identity_code
from rinnalla.demo.synthetic.network import (
    ensure_network,
    synthetic_client_count,
    synthetic_services,
    tag,
    username_prefix,
)

__all__ = [
    "generate",
    "identity_code",
    "synthetic_client_count",
    "synthetic_services",
    "tag",
    "username_prefix",
]


def _unique_codes(seed: int, indices: range) -> list[str]:
    """The codes for ``indices``, skipping deterministically past codes already taken."""
    codes = {i: identity_code(seed, i) for i in indices}
    attempt = 0
    while True:
        taken = set(
            Client.objects.filter(personal_identity_code__in=list(codes.values())).values_list(
                "personal_identity_code", flat=True
            )
        )
        clashes = [i for i, c in codes.items() if c in taken]
        if not clashes:
            return [codes[i] for i in indices]
        attempt += 1
        for i in clashes:
            codes[i] = identity_code(seed, i, attempt)


@dataclass
class Result:
    created: int
    existing: int
    events: int


def generate(
    *,
    clients: int,
    seed: int,
    today: datetime.date,
    batch_size: int = 2000,
    progress: Callable[[int], None] | None = None,
    event_share: float = 1.0,
) -> Result:
    """Make the synthetic county up to ``clients`` clients (continuing an earlier run).

    ``event_share`` scales the number of path events per client relationship (1.0: the
    usual 10-60; 0.05 loads a million clients with ~2 each, for the search bench).
    """
    network = ensure_network(seed)
    existing = synthetic_client_count(seed)
    maker = ClientMaker(network, today, event_share)
    writer = Writer(batch_size)
    chunk = max(1, min(batch_size, 1000))  # clients per transaction
    events = 0
    for start in range(existing, clients, chunk):
        indices = range(start, min(clients, start + chunk))
        with transaction.atomic():
            batch = Batch(writer.next_ids())
            for index, code in zip(indices, _unique_codes(seed, indices), strict=True):
                maker.add(batch, index, code)
            writer.write(batch)
            remember_search_names(
                name
                for row in batch.client.rows
                for name in (row["search_first_name"], row["search_last_name"])
            )
        events += len(batch.pathevent.rows)
        if progress:
            progress(len(indices))
    if clients > existing:  # bulk inserts send no signals: recompute who may see whom
        from rinnalla.access import grants

        grants.rebuild()
    if clients > existing and connection.vendor in ("postgresql", "sqlite"):
        # Fresh planner statistics after a bulk load (the access grants included), as
        # autovacuum (PostgreSQL) or PRAGMA optimize (SQLite) would make later: without
        # them PostgreSQL guesses a few hundred rows (or 13 grants for 360,000, and reads
        # all of them for a name search), and SQLite probes a correlated EXISTS through
        # the wrong index.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return Result(created=max(0, clients - existing), existing=existing, events=events)
