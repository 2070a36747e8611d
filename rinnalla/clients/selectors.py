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

from django.core.exceptions import PermissionDenied
from django.db.models import CharField, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Value
from django.db.models.functions import Concat, Lower
from django.db.models.lookups import GreaterThanOrEqual, LessThan
from django.http import Http404
from django.utils import timezone

from rinnalla.access.policy import visible_clients
from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.core import hetu
from rinnalla.core.deadlines import FirstContactStatus, first_contact_status
from rinnalla.episodes.models import Closing, Episode, Handover, PathEvent, ResponsiblePerson
from rinnalla.referrals.models import Referral

_BIRTH_DATE_PREFIX = re.compile(r"^\d{6}$")
_MAX_NAME_TOKENS = 4


# --- the client list -------------------------------------------------------------------


def client_list(user: User, *, query: str = "") -> QuerySet[Client]:
    """The clients ``user`` may see, matching ``query``, in alphabetical order.

    Paginate this (cheap: no annotations), then read the page's rows with
    :func:`client_list_rows`, so that a deep page does not compute the row details of
    every client it skips.
    """
    clients = visible_clients(user)
    query = " ".join((query or "").split())
    if query:
        clients = clients.filter(_search_q(query))
    return clients.order_by("last_name", "first_name", "id")


def client_list_rows(*, ids: list[int]) -> list[Client]:
    """One page of the list, in one query: each client with their newest client
    relationship's status, first-contact clock and primary contact as annotations."""
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
    return list(
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
        )
        .order_by("last_name", "first_name", "id")
    )


def _search_q(query: str) -> Q:
    """A full henkilötunnus, a birth-date prefix DDMMYY, or name prefixes in either order."""
    code = hetu.normalise(query)
    if hetu.is_valid(code):
        return Q(personal_identity_code=code)
    if _BIRTH_DATE_PREFIX.match(code):
        return _code_prefix_q(code)
    tokens = query.split()[:_MAX_NAME_TOKENS]
    if len(tokens) == 1:
        return _prefix_q("first_name", tokens[0]) | _prefix_q("last_name", tokens[0])
    # "Anna Maria Virtanen": try every split into first names and last name, both ways.
    alternatives = []
    for split in range(1, len(tokens)):
        first, last = " ".join(tokens[:split]), " ".join(tokens[split:])
        alternatives.append(_prefix_q("first_name", first) & _prefix_q("last_name", last))
        alternatives.append(_prefix_q("first_name", last) & _prefix_q("last_name", first))
    return reduce(operator.or_, alternatives)


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


def _prefix_q(field: str, text: str) -> Q:
    """Case-insensitive prefix match served by the Lower(<field>) indexes.

    The prefix is written as a range (``>= "mei"`` and ``< "mej"``), which a B-tree
    index serves in code-point order (SQLite; PostgreSQL with the C.UTF-8 collation),
    where LIKE would scan. SQLite's lower() folds ASCII only and keeps "Äijälä" as
    "Äijälä", so the capitalised form of the prefix is tried too.
    """
    expression = Lower(field)
    ranges = []
    for variant in sorted({text.lower(), _ascii_lower(text.capitalize())}):
        # The last code point has no successor; such a query matches nothing sensible.
        upper = variant[:-1] + chr(min(ord(variant[-1]) + 1, sys.maxunicode))
        ranges.append(Q(GreaterThanOrEqual(expression, variant)) & Q(LessThan(expression, upper)))
    return reduce(operator.or_, ranges)


def _ascii_lower(text: str) -> str:
    return "".join(ch.lower() if ch.isascii() else ch for ch in text)


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


def client_episodes(*, client: Client) -> list[Episode]:
    """The client's relationships, newest first, with everything the client page shows.

    One query per relation whatever the number of relationships or path events.
    """
    events = (
        PathEvent.objects.select_related("author", "organisation")
        .prefetch_related("attachments")
        .order_by("occurred_at", "id")
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
    return list(
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
            Prefetch(
                "attached_referrals",
                queryset=Referral.objects.select_related(
                    "source_organisation", "source_professional"
                ).order_by("received_on", "id"),
            ),
        )
        .order_by("-opened_on", "-id")
    )


def client_unopened_referrals(*, client: Client) -> list[Referral]:
    """The client's referrals that did not open a relationship: waiting, redirected, declined."""
    return list(
        Referral.objects.filter(client=client, episode__isnull=True, attached_to__isnull=True)
        .select_related("service", "source_organisation", "source_professional")
        .order_by("-received_on", "-id")
    )


def client_page(*, client: Client) -> ClientPage:
    return ClientPage(
        episodes=client_episodes(client=client),
        other_referrals=client_unopened_referrals(client=client),
    )


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
