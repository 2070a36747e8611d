"""Every read the referral pages need, each with a constant number of queries."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, Count, OuterRef, Q, QuerySet, Subquery, Sum, When, Window

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.core.deadlines import FirstContactStatus, first_contact_status
from rinnalla.episodes.models import Episode, ResponsiblePerson
from rinnalla.referrals.models import Referral

WAITING_LIST_LIMIT = 100


def coordination_services() -> QuerySet[Organisation]:
    return Organisation.objects.filter(is_coordination_service=True).order_by("name")


def referring_professionals() -> QuerySet[User]:
    """Professionals who may be named as a referral's sender, by organisation."""
    return (
        User.objects.filter(
            is_active=True,
            organisation__isnull=False,
            role__in=[User.Role.NETWORK_PROFESSIONAL, User.Role.COORDINATOR],
        )
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "id")
    )


def service_coordinators(service_id: int) -> QuerySet[User]:
    return User.objects.filter(
        is_active=True, role=User.Role.COORDINATOR, organisation_id=service_id
    ).order_by("last_name", "first_name", "id")


# The triage queue ------------------------------------------------------------------


def referral_queue(*, service_id: int) -> QuerySet[Referral]:
    """The service's untriaged referrals, oldest first (uses referral_queue_idx)."""
    return (
        Referral.objects.filter(service_id=service_id, status=Referral.Status.RECEIVED)
        .select_related("client", "source_organisation", "source_professional")
        .order_by("received_on", "id")
    )


@dataclass(frozen=True)
class QueueRow:
    referral: Referral
    waiting_days: int
    deadline: FirstContactStatus


def queue_rows(referrals, *, today: datetime.date) -> list[QueueRow]:
    return [
        QueueRow(
            referral=referral,
            waiting_days=(today - referral.received_on).days,
            deadline=first_contact_status(
                clock_starts_on=referral.received_on, contacted_at=None, today=today
            ),
        )
        for referral in referrals
    ]


@dataclass(frozen=True)
class WaitingRow:
    episode: Episode
    deadline: FirstContactStatus


@dataclass(frozen=True)
class WaitingForFirstContact:
    """Accepted client relationships whose first contact is not yet recorded."""

    count: int
    overdue_count: int
    rows: list[WaitingRow]  # all of them (up to WAITING_LIST_LIMIT), nearest target first

    @property
    def overdue(self) -> list[WaitingRow]:
        return [row for row in self.rows if row.deadline.is_overdue]


def _waiting(**filters) -> QuerySet[Episode]:
    return Episode.objects.filter(
        first_contact_at__isnull=True,
        status__in=[Episode.Status.WAITING, Episode.Status.ACTIVE],
        **filters,
    )


def waiting_rows(episodes, *, today: datetime.date) -> list[WaitingRow]:
    return [
        WaitingRow(
            episode=episode,
            deadline=first_contact_status(
                clock_starts_on=episode.contact_clock_starts_on, contacted_at=None, today=today
            ),
        )
        for episode in episodes
    ]


def waiting_for_first_contact(*, service_id: int, today: datetime.date) -> WaitingForFirstContact:
    """Every accepted relationship of the service still waiting for its first contact,
    the nearest (or most overdue) target first, with its primary contact."""
    waiting = _waiting(service_id=service_id)
    # Overdue: the target day (clock start + target days) is already behind us.
    latest_overdue_start = today - datetime.timedelta(
        days=settings.RINNALLA_FIRST_CONTACT_TARGET_DAYS + 1
    )
    overdue = Q(contact_clock_starts_on__lte=latest_overdue_start)
    primary = ResponsiblePerson.objects.filter(
        episode=OuterRef("pk"), is_primary=True, ended_at__isnull=True
    )
    # The counts ride on the rows as window aggregates (computed before the LIMIT): one
    # query for the panel's figures and its list.
    episodes = list(
        waiting.select_related("client")
        .annotate(
            primary_first=Subquery(primary.values("professional__first_name")[:1]),
            primary_last=Subquery(primary.values("professional__last_name")[:1]),
            total=Window(Count("id")),
            overdue=Window(Sum(Case(When(overdue, then=1), default=0))),
        )
        .order_by("contact_clock_starts_on", "id")[:WAITING_LIST_LIMIT]
    )
    return WaitingForFirstContact(
        count=episodes[0].total if episodes else 0,
        overdue_count=episodes[0].overdue if episodes else 0,
        rows=waiting_rows(episodes, today=today),
    )


def my_waiting_for_first_contact(*, user: User, today: datetime.date) -> list[WaitingRow]:
    """Relationships where the user is the primary contact and no first contact is
    recorded yet: for "My work"."""
    episodes = (
        _waiting(
            responsible_persons__professional=user,
            responsible_persons__is_primary=True,
            responsible_persons__ended_at__isnull=True,
        )
        .select_related("client")
        .order_by("contact_clock_starts_on", "id")[:WAITING_LIST_LIMIT]
    )
    return waiting_rows(episodes, today=today)


# The sender's own referrals -------------------------------------------------------


def sent_referrals(*, user: User) -> QuerySet[Referral]:
    """Referrals the user sent or recorded: the status, never the client's path.

    The client's registered name is not loaded: a sender who typed a henkilötunnus
    of someone already registered must not learn that person's name from this list.
    The sender recognises the referral by the date of birth and their own words.
    """
    return (
        Referral.objects.filter(Q(source_professional=user) | Q(created_by=user))
        .select_related("client", "service", "episode")
        .only(
            "id",
            "received_on",
            "status",
            "urgency",
            "redirected_to",
            "triage_reason",
            "triaged_at",
            "reason",
            "client__personal_identity_code",
            "service__name",
            "episode__first_contact_at",
        )
        .order_by("-received_on", "-id")
    )


# One referral -----------------------------------------------------------------------


def referral_keys(pk: int) -> tuple[int, int] | None:
    """(client_id, service_id) of a referral, without touching client data."""
    return Referral.objects.filter(pk=pk).values_list("client_id", "service_id").first()


def referral_for_page(*, pk: int, client: Client) -> Referral:
    return Referral.objects.select_related(
        "service",
        "source_organisation",
        "source_professional",
        "triaged_by",
        "created_by",
        "episode",
    ).get(pk=pk, client=client)


def open_relationship(*, client: Client, service_id: int) -> Episode | None:
    """The client's open relationship in the service, with its primary contact
    (``primary_contact``), or None: a second referral is attached to it."""
    episode = (
        Episode.objects.filter(client=client, service_id=service_id)
        .exclude(status=Episode.Status.CLOSED)
        .first()
    )
    if episode is not None:
        person = (
            episode.responsible_persons.filter(is_primary=True, ended_at__isnull=True)
            .select_related("professional")
            .first()
        )
        episode.primary_contact = person.professional if person else None
    return episode


def referral_deadline(referral: Referral, *, today: datetime.date) -> FirstContactStatus | None:
    """The first-contact target of a referral still waiting or accepted; else None."""
    if referral.status == Referral.Status.RECEIVED:
        return first_contact_status(
            clock_starts_on=referral.received_on, contacted_at=None, today=today
        )
    if referral.status == Referral.Status.ACCEPTED and referral.episode is not None:
        return first_contact_status(
            clock_starts_on=referral.episode.contact_clock_starts_on,
            contacted_at=referral.episode.first_contact_at,
            today=today,
        )
    return None
