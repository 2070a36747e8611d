"""Reads for the client pages: the client list with its search, and the client page.

Both keep the number of queries constant: the list annotates each row with
subqueries instead of asking per row, and the client page prefetches every relation
of every client relationship in one query per relation.
"""

import datetime
import operator
import re
import sys
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.lookups import TrigramSimilar, TrigramWordSimilar
from django.contrib.postgres.search import TrigramSimilarity, TrigramWordSimilarity
from django.core.exceptions import PermissionDenied
from django.db import connections
from django.db.models import (
    Case,
    CharField,
    F,
    FloatField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat, Greatest
from django.http import Http404
from django.utils import timezone

from rinnalla.access.policy import visible_clients
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client, SearchName
from rinnalla.core import hetu
from rinnalla.core.deadlines import FirstContactStatus, first_contact_status
from rinnalla.core.labels import Labels
from rinnalla.core.search import fold
from rinnalla.episodes.models import (
    Closing,
    Episode,
    EventAttachment,
    EventKind,
    EventMode,
    Handover,
    PathEvent,
    ResponsiblePerson,
    StatementStatus,
)
from rinnalla.referrals.models import Referral
from rinnalla.situation.selectors import current_segment_code

_BIRTH_DATE_PREFIX = re.compile(r"^\d{6}$")
_MAX_NAME_TOKENS = 4
# Typo tolerance (PostgreSQL) for query parts of at least this many letters, and at
# most this many close names per part (a common short name is close to many).
_MIN_TYPO_LENGTH = 4
_MAX_SIMILAR_NAMES = 20
_TYPO_SIMILARITY = 0.5  # pg_trgm word similarity of a one-letter typo in a 6-letter name


# --- the client list -------------------------------------------------------------------


def client_list(user: User, *, query: str = "", segment: str = "") -> QuerySet[Client]:
    """The clients ``user`` may see, matching ``query`` and in the current ``segment``
    (a :class:`~rinnalla.situation.models.Segment` code; empty for all): alphabetical,
    or for a name search on PostgreSQL the closest names first.

    Paginate this (cheap: no annotations), then read the page's rows with
    :func:`client_list_rows`, so that a deep page does not compute the row details of
    every client it skips. The search and the segment only narrow the clients the
    access rule shows.
    """
    clients = visible_clients(user)
    if segment:
        clients = clients.alias(segment_now=current_segment_code()).filter(segment_now=segment)
    query = " ".join((query or "").split())
    by_name = ("last_name", "first_name", "id")
    if not query:
        return clients.order_by(*by_name)
    code = hetu.normalise(query)
    if hetu.is_valid(code):
        return clients.filter(personal_identity_code=code).order_by(*by_name)
    if _BIRTH_DATE_PREFIX.match(code):
        return clients.filter(_code_prefix_q(code)).order_by(*by_name)
    folded = fold(query)
    if not folded:
        return clients.none()
    typos = connections[clients.db].vendor == "postgresql"
    prefix = _name_q(folded, similar=None)
    if not typos:
        return clients.filter(prefix).order_by(*by_name)
    # PostgreSQL: a prefix, or a name close enough to the typed one (pg_trgm word
    # similarity). Prefix matches first in alphabetical order, then the closest names
    # (plain trigram similarity breaks ties: "virtasen" is nearer Virtanen than Virtala).
    similar = _similar_names(folded)
    full_name = Concat(
        "search_first_name", Value(" "), "search_last_name", output_field=CharField()
    )
    closeness = TrigramWordSimilarity(Value(folded), full_name)
    likeness = Greatest(
        TrigramSimilarity("search_first_name", Value(folded)),
        TrigramSimilarity("search_last_name", Value(folded)),
        TrigramSimilarity(full_name, Value(folded)),
    )
    return (
        clients.filter(_name_q(folded, similar=similar))
        .alias(
            rank=Case(When(prefix, then=Value(1.0)), default=closeness, output_field=FloatField()),
            tie=Case(When(prefix, then=Value(1.0)), default=likeness, output_field=FloatField()),
        )
        .order_by(F("rank").desc(), F("tie").desc(), *by_name)
    )


def client_list_rows(*, ids: list[int]) -> list[Client]:
    """One page of the list (``ids`` in the order shown), in one query: each client
    with their newest client relationship's status, first-contact clock, primary
    contact and current segment (code, "" or None when none) as annotations."""
    newest_episode = Episode.objects.filter(client=OuterRef("pk")).order_by("-opened_on", "-id")
    primary_contact = (
        ResponsiblePerson.objects.filter(
            episode__client=OuterRef("pk"), is_primary=True, ended_at__isnull=True
        )
        .order_by("-episode__opened_on", "-episode_id")
        .annotate(
            full_name=Concat(
                "professional__first_name",
                Value(" "),
                "professional__last_name",
                output_field=CharField(),
            )
        )
    )
    rows = list(
        Client.objects.filter(pk__in=ids)
        .only(
            "id",
            "first_name",
            "last_name",
            "personal_identity_code",
            "municipality",
            "non_disclosure",
        )
        .annotate(
            episode_status=Subquery(newest_episode.values("status")[:1]),
            episode_clock_starts_on=Subquery(newest_episode.values("contact_clock_starts_on")[:1]),
            episode_first_contact_at=Subquery(newest_episode.values("first_contact_at")[:1]),
            primary_contact_name=Subquery(primary_contact.values("full_name")[:1]),
            segment_code=current_segment_code(),
        )
    )
    position = {pk: index for index, pk in enumerate(ids)}
    rows.sort(key=lambda client: position[client.pk])  # the order of client_list
    return rows


def _name_q(folded: str, *, similar: dict[str, list[str]] | None) -> Q:
    """Name prefixes (folded) in either order; with ``similar``, also the stored names
    close to each part of the query (see :func:`_similar_names`)."""
    tokens = folded.split()[:_MAX_NAME_TOKENS]

    def name(field: str, text: str) -> Q:
        q = _prefix_q(field, text)
        if similar and similar.get(text):
            q |= Q(**{f"{field}__in": similar[text]})
        return q

    if len(tokens) == 1:
        return name("search_first_name", tokens[0]) | name("search_last_name", tokens[0])
    # "Anna Maria Virtanen": try every split into first names and last name, both ways.
    alternatives = []
    for split in range(1, len(tokens)):
        first, last = " ".join(tokens[:split]), " ".join(tokens[split:])
        alternatives.append(name("search_first_name", first) & name("search_last_name", last))
        alternatives.append(name("search_first_name", last) & name("search_last_name", first))
    return reduce(operator.or_, alternatives)


def _similar_names(folded: str) -> dict[str, list[str]]:
    """For each part of the query that :func:`_name_q` tries, the stored names whose
    pg_trgm word similarity to it is at least _TYPO_SIMILARITY: "virtnen" finds
    "virtanen" (0.55), "sjobrg" "sjoberg" (0.57).

    One query on the small SearchName table; the clients are then found through the
    B-tree indexes on Client. The candidates come from the trigram index through the
    ``%`` and ``%>`` operators at pg_trgm's default thresholds (similarity 0.3, word
    similarity 0.6), which cover a one-letter typo; the explicit 0.5 then keeps the
    close ones. Parts shorter than _MIN_TYPO_LENGTH letters match as prefixes only.
    """
    tokens = folded.split()[:_MAX_NAME_TOKENS]
    parts = {
        " ".join(tokens[i:j]) for i in range(len(tokens)) for j in range(i + 1, len(tokens) + 1)
    }
    if len(tokens) > 1:
        parts.discard(folded)  # a split has two sides; the whole query is never one side
    parts = sorted(p for p in parts if len(p) >= _MIN_TYPO_LENGTH)
    if not parts:
        return {}
    closeness = {
        f"close{i}": TrigramWordSimilarity(Value(part), "text") for i, part in enumerate(parts)
    }
    candidates = (
        Q(TrigramSimilar(F("text"), Value(part))) | Q(TrigramWordSimilar(F("text"), Value(part)))
        for part in parts
    )
    close_enough = (Q(**{f"{name}__gte": _TYPO_SIMILARITY}) for name in closeness)
    best = Greatest(*closeness) if len(parts) > 1 else F("close0")
    names = list(
        SearchName.objects.annotate(**closeness)
        .filter(reduce(operator.or_, candidates))
        .filter(reduce(operator.or_, close_enough))
        .order_by(best.desc(), "text")
        .values("text", *closeness)[: _MAX_SIMILAR_NAMES * len(parts)]
    )
    similar: dict[str, list[str]] = {}
    for i, part in enumerate(parts):
        close = [row for row in names if row[f"close{i}"] >= _TYPO_SIMILARITY]
        close.sort(key=lambda row: -row[f"close{i}"])  # noqa: B023 - used at once
        if close:
            similar[part] = [row["text"] for row in close[:_MAX_SIMILAR_NAMES]]
    return similar


def contains_digits(query: str) -> bool:
    """A query with digits is (part of) a henkilötunnus or a date of birth."""
    return any(ch.isdigit() for ch in query)


def client_id_by_code(query: str) -> int | None:
    """The id of the client with exactly this henkilötunnus, if the query is one."""
    if not hetu.is_valid(query):
        return None
    return (
        Client.objects.filter(personal_identity_code=hetu.normalise(query))
        .values_list("pk", flat=True)
        .first()
    )


def _code_prefix_q(prefix: str) -> Q:
    # A range on the unique index instead of LIKE, which neither database serves from it.
    upper = f"{int(prefix) + 1:06d}"
    return Q(personal_identity_code__gte=prefix, personal_identity_code__lt=upper)


def _prefix_q(field: str, folded: str) -> Q:
    """A prefix of a folded name column, served by its B-tree index.

    The prefix is written as a range (``>= "mei"`` and ``< "mej"``), which a B-tree
    index serves in code-point order (SQLite; PostgreSQL with the C.UTF-8 collation),
    where LIKE would scan.
    """
    # The last code point has no successor; such a query matches nothing sensible.
    upper = folded[:-1] + chr(min(ord(folded[-1]) + 1, sys.maxunicode))
    return Q(**{f"{field}__gte": folded, f"{field}__lt": upper})


def deadline_for(
    *,
    status: str | None,
    clock_starts_on: datetime.date | None,
    first_contact_at: datetime.datetime | None,
    today: datetime.date,
) -> FirstContactStatus | None:
    """The first-contact target of a relationship; None when it does not apply.

    A closed relationship that never had a first contact has no target left to meet.
    """
    if status is None or clock_starts_on is None:
        return None
    if status == Episode.Status.CLOSED and first_contact_at is None:
        return None
    return first_contact_status(
        clock_starts_on=clock_starts_on, contacted_at=first_contact_at, today=today
    )


# --- the client page -------------------------------------------------------------------


@dataclass(frozen=True)
class ClientPage:
    episodes: list[Episode]
    other_referrals: list[Referral]


def _referrals_by_place(client: Client, episode_ids: list[int]) -> tuple[dict, list[Referral]]:
    """In one query: the later referrals attached to each relationship, and the
    client's referrals that did not open one (waiting, redirected, declined)."""
    unopened = Q(client=client, episode__isnull=True, attached_to__isnull=True)
    rows = Referral.objects.filter(
        unopened | Q(attached_to__in=episode_ids) if episode_ids else unopened
    ).select_related("service", "source_organisation", "source_professional")
    attached: dict[int, list[Referral]] = {pk: [] for pk in episode_ids}
    other = []
    for referral in rows.order_by("received_on", "id"):
        if referral.attached_to_id is not None:
            attached[referral.attached_to_id].append(referral)
        else:
            other.append(referral)
    other.sort(key=lambda r: (r.received_on, r.pk), reverse=True)
    return attached, other


def _label_events(episodes: list[Episode]) -> None:
    events = [event for episode in episodes for event in episode.events.all()]
    by_event: dict[int, list] = {event.pk: [] for event in events}
    if events:
        for document in EventAttachment.objects.filter(event__in=events).order_by("id"):
            by_event[document.event_id].append(document)
    kind, mode, statement = Labels(EventKind), Labels(EventMode), Labels(StatementStatus)
    for event in events:
        event.attachment_list = by_event[event.pk]
        event.kind_label = kind(event.kind)
        event.mode_label = mode(event.mode)
        event.statement_status_label = statement(event.statement_status)


def client_page(*, client: Client) -> ClientPage:
    """The client's relationships, newest first, with everything the client page shows.

    A constant number of queries whatever the number of relationships or path events.
    Each event carries ``attachment_list`` and its labels (``kind_label``, ``mode_label``,
    ``statement_status_label``) as plain attributes: a per-event ``prefetch_related``
    and ``get_<field>_display()`` cost more Python than the whole SQL of the page.
    """
    events = PathEvent.objects.select_related("author", "organisation").order_by(
        "occurred_at", "id"
    )
    persons = ResponsiblePerson.objects.select_related("professional").order_by(
        F("ended_at").asc(nulls_first=True), "-is_primary", "started_at", "id"
    )
    handovers = Handover.objects.select_related(
        "from_professional", "to_professional", "by"
    ).order_by("at", "id")
    closings = Closing.objects.select_related("closed_by", "reopened_by").order_by(
        "closed_at", "id"
    )
    episodes = list(
        Episode.objects.filter(client=client)
        .select_related(
            "service",
            "referral",
            "referral__source_organisation",
            "referral__source_professional",
        )
        .prefetch_related(
            Prefetch("events", queryset=events),
            Prefetch("responsible_persons", queryset=persons),
            Prefetch("handovers", queryset=handovers),
            Prefetch("closings", queryset=closings),
        )
        .order_by("-opened_on", "-id")
    )
    _label_events(episodes)
    attached, other = _referrals_by_place(client, [episode.pk for episode in episodes])
    for episode in episodes:
        episode.attached_list = attached[episode.pk]
    return ClientPage(episodes=episodes, other_referrals=other)


def duplicate_visible(user: User, existing: Client, *, channel: str) -> bool:
    """Whether the user may open a client whose henkilötunnus they just typed again.

    Goes through the access rule, so the probe is written to *that client's* log
    (allowed or refused) whatever the answer: a coordinator who tries an existing code
    leaves a trace on the client it belongs to.
    """
    from rinnalla.access.policy import Action, client_for

    try:
        client_for(user, existing.pk, action=Action.VIEW, part="client", channel=channel)
    except (Http404, PermissionDenied):
        return False
    return True


# --- why a network professional sees the client ----------------------------------------


@dataclass(frozen=True)
class VisibilityReasons:
    """What connects a professional to a client right now, as the access rule sees it:
    the consents covering their organisation and the ways they take part."""

    consents: list
    responsibilities: list
    meetings: list
    actions: list


def visibility_reasons(*, user: User, client: Client) -> VisibilityReasons:
    """The "why you see this client" box: four small queries, shown to those who see
    the client through consent and participation (not the client's own coordinators)."""
    from rinnalla.consent.models import Consent
    from rinnalla.plans.models import OPEN_STATUSES, Meeting, PlanAction

    closed = Episode.Status.CLOSED
    return VisibilityReasons(
        consents=list(
            Consent.objects.valid_now()
            .filter(client=client, organisations=user.organisation_id)
            .order_by("valid_until", "id")
        ),
        responsibilities=list(
            ResponsiblePerson.objects.filter(
                episode__client=client, professional=user, ended_at__isnull=True
            )
            .exclude(episode__status=closed)
            .order_by("started_at", "id")
        ),
        meetings=list(
            Meeting.objects.filter(
                episode__client=client, participants__professional=user, cancelled_at__isnull=True
            )
            .filter(
                ~Q(episode__status=closed)
                # a meeting kept when the relationship was closed, not yet held
                | Q(minutes_recorded_at__isnull=True, starts_at__date__gte=timezone.localdate())
            )
            .select_related("episode")
            .order_by("-starts_at", "id")[:5]
        ),
        # Open actions also of a closed relationship: closing may leave them open.
        actions=list(
            PlanAction.objects.filter(
                episode__client=client, responsible_professional=user, status__in=OPEN_STATUSES
            )
            .select_related("episode")
            .order_by("due_on", "id")
        ),
    )
