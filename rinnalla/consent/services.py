"""Recording and withdrawing the client's consent (suostumus)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import Organisation, User
from rinnalla.clients.models import Client
from rinnalla.consent.models import Consent, Purpose
from rinnalla.consent.scans import check_scan
from rinnalla.core.errors import Conflict


@transaction.atomic
def consent_record(
    *,
    actor: User,
    client: Client,
    organisations: list[Organisation],
    method: str,
    purpose: str = "",
    purposes: list[str] | None = None,
    given_on: datetime.date,
    valid_until: datetime.date | None = None,
    scan: UploadedFile | None = None,
) -> Consent:
    """Record a consent; ``scan`` (optional) is the signed form, checked by its content.

    ``purposes`` lists every purpose the signed form names (``purpose`` alone: one).
    """
    errors = {}
    chosen = [p for p in Purpose.values if p in set(purposes or ([purpose] if purpose else []))]
    if not chosen or len(chosen) != len(set(purposes or [purpose])):
        errors["purpose"] = _("Choose at least one purpose of the consent.")
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
        purpose=chosen[0],
        purposes=chosen,
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


@transaction.atomic
def consent_add_scan(*, actor: User, consent: Consent, scan: UploadedFile) -> Consent:
    """Attach the signed form to a consent recorded without it (or replace nothing:
    a consent that has its scan keeps it)."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.scan:
        raise Conflict(_("This consent already has its scan."))
    if scan is None:
        raise ValidationError({"scan": _("Choose the file to attach.")})
    content_type = check_scan(scan)
    consent.scan_content_type = content_type
    consent.scan.save(scan.name or "scan", scan, save=False)
    try:
        consent.save(update_fields=["scan", "scan_content_type"])
    except Exception:
        consent.scan.storage.delete(consent.scan.name)
        raise
    return consent
