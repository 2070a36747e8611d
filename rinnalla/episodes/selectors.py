"""Every read the client relationship pages need, each with a constant number of queries."""

from django.db.models import F, QuerySet

from rinnalla.accounts.models import User
from rinnalla.clients.models import Client
from rinnalla.episodes.models import Closing, Episode, Handover, PathEvent, ResponsiblePerson


def episode_keys(pk: int) -> tuple[int, int] | None:
    """(client_id, service_id) of an episode, without touching client data."""
    return Episode.objects.filter(pk=pk).values_list("client_id", "service_id").first()


def episode_for_page(*, pk: int, client: Client) -> Episode:
    return Episode.objects.select_related("service").get(pk=pk, client=client)


def path_events(episode: Episode) -> QuerySet[PathEvent]:
    """The service path in time order, however the events were recorded."""
    return (
        PathEvent.objects.filter(episode=episode)
        .select_related("author", "organisation")
        .order_by("occurred_at", "id")
    )


def responsible_persons(episode: Episode) -> QuerySet[ResponsiblePerson]:
    """Active persons first (primary contact on top), then those whose part has ended."""
    return (
        ResponsiblePerson.objects.filter(episode=episode)
        .select_related("professional__organisation")
        .order_by(F("ended_at").desc(nulls_first=True), "-is_primary", "started_at", "id")
    )


def handovers(episode: Episode) -> QuerySet[Handover]:
    return (
        Handover.objects.filter(episode=episode)
        .select_related("from_professional", "to_professional", "by")
        .order_by("at", "id")
    )


def responsible_candidates() -> QuerySet[User]:
    """Who can be named a responsible person: active coordinators and network professionals."""
    return (
        User.objects.filter(
            is_active=True,
            organisation__isnull=False,
            role__in=[User.Role.COORDINATOR, User.Role.NETWORK_PROFESSIONAL],
        )
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "id")
    )


def open_closing(episode: Episode) -> Closing | None:
    return Closing.objects.filter(episode=episode, reopened_at__isnull=True).first()
