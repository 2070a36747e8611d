"""Recording and withdrawing the client's consent (suostumus)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.core.errors import Conflict


@transaction.atomic
def consent_record(
    *,
    actor: User,
    client: Client,
    organisations: list[Organisation],
    purpose: str,
    method: str,
    given_on: datetime.date,
    valid_until: datetime.date | None = None,
) -> Consent:
    errors = {}
    if not organisations:
        errors["organisations"] = _("Choose at least one organisation the consent covers.")
    if valid_until is not None and valid_until < given_on:
        errors["valid_until"] = _("A consent cannot end before it starts.")
    if given_on > timezone.localdate():
        errors["given_on"] = _("The consent cannot be given in the future.")
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        client=client, purpose=purpose, method=method, given_on=given_on,
        valid_until=valid_until, recorded_by=actor,
    )
    consent.full_clean(exclude=["client", "recorded_by", "withdrawn_by"])
    consent.save()
    consent.organisations.set(organisations)
    return consent


@transaction.atomic
def consent_withdraw(*, actor: User, consent: Consent, note: str = "") -> Consent:
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_at is not None:
        raise Conflict(_("This consent has already been withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.withdrawal_note = (note or "").strip()
    consent.save(update_fields=["withdrawn_at", "withdrawn_by", "withdrawal_note"])
    return consent
