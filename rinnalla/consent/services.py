"""Recording and withdrawing the client's consent (suostumus)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent
from rinnalla.consent.scans import check_scan
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
    scan: UploadedFile | None = None,
) -> Consent:
    """Record a consent; ``scan`` (optional) is the signed form, checked by its content."""
    errors = {}
    if not organisations:
        errors["organisations"] = _("Choose at least one organisation the consent covers.")
    if valid_until is not None and valid_until < given_on:
        errors["valid_until"] = _("A consent cannot end before it starts.")
    if given_on > timezone.localdate():
        errors["given_on"] = _("The consent cannot be given in the future.")
    scan_content_type = ""
    if scan is not None:
        try:
            scan_content_type = check_scan(scan)
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    consent = Consent(
        client=client,
        purpose=purpose,
        method=method,
        given_on=given_on,
        valid_until=valid_until,
        recorded_by=actor,
        scan_content_type=scan_content_type,
    )
    consent.full_clean(exclude=["client", "recorded_by", "withdrawn_by", "scan"])
    if scan is not None:
        # Saved under a random name; removed again if the database write fails.
        consent.scan.save(scan.name or "scan", scan, save=False)
    try:
        consent.save()
        consent.organisations.set(organisations)
    except Exception:
        if consent.scan:
            consent.scan.storage.delete(consent.scan.name)
        raise
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
