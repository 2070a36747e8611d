"""Reads for the consent pages; the caller has passed the access rule for ``client``."""

from django.db.models import QuerySet

from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent


def client_consents(*, client: Client) -> QuerySet[Consent]:
    return (
        Consent.objects.filter(client=client)
        .select_related("withdrawn_by", "recorded_by")
        .prefetch_related("organisations")
        .order_by("-given_on", "-id")
    )


def consent_client_id(consent_pk: int) -> int | None:
    """The client of a consent, read without any of the client's data."""
    return Consent.objects.filter(pk=consent_pk).values_list("client_id", flat=True).first()
