"""Consent pages: the client's consents, recording, withdrawing and the scanned form."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rinnalla.access.policy import Action, Channel, client_for, own_coordinator_clients
from rinnalla.consent import selectors, services
from rinnalla.consent.forms import ConsentForm, ScanForm, WithdrawForm
from rinnalla.consent.models import Consent
from rinnalla.consent.scans import EXTENSIONS
from rinnalla.core.errors import Conflict


def _add_errors(form, error: ValidationError) -> None:
    for field, messages_ in error.message_dict.items():
        form.add_error(field if field in form.fields else None, messages_)


@login_required
@require_http_methods(["GET", "POST"])
def consent_list(request, client_pk: int):
    if request.method == "POST":
        client = client_for(
            request.user, client_pk, action=Action.CHANGE, part="consents", coordinator_only=True
        )
        form = ConsentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                data = form.cleaned_data
                services.consent_record(
                    actor=request.user,
                    client=client,
                    organisations=list(data["organisations"]),
                    purposes=data["purpose"],
                    method=data["method"],
                    given_on=data["given_on"],
                    valid_until=data["valid_until"],
                    scan=data["scan"] or None,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                messages.success(request, _("The consent has been recorded."))
                return redirect("consent:list", client_pk=client.pk)
        form.tell_scan_not_kept()
        can_record = True
    else:
        client = client_for(request.user, client_pk, action=Action.VIEW, part="consents")
        can_record = own_coordinator_clients(request.user).filter(pk=client.pk).exists()
        form = ConsentForm() if can_record else None
    consents = list(selectors.client_consents(client=client))
    return render(
        request,
        "consent/list.html",
        {
            "client": client,
            "consents": consents,
            "form": form,
            "can_record": can_record,
            "withdraw_form": WithdrawForm() if can_record else None,
        },
    )


def _client_id_of(consent_pk: int) -> int:
    client_id = selectors.consent_client_id(consent_pk)
    if client_id is None:
        raise Http404
    return client_id


@login_required
@require_POST
def consent_withdraw(request, pk: int):
    client = client_for(
        request.user,
        _client_id_of(pk),
        action=Action.CHANGE,
        part="consents",
        coordinator_only=True,
    )
    consent = get_object_or_404(Consent, pk=pk, client=client)
    form = WithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The note is too long."))
        return redirect("consent:list", client_pk=client.pk)
    try:
        services.consent_withdraw(
            actor=request.user, consent=consent, note=form.cleaned_data["note"]
        )
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "The consent has been withdrawn. The organisations it covered no longer see "
                "the client's data on its basis."
            ),
        )
    return redirect("consent:list", client_pk=client.pk)


@login_required
@require_POST
def consent_scan_add(request, pk: int):
    """Add the signed form later to a consent recorded without it."""
    client = client_for(
        request.user,
        _client_id_of(pk),
        action=Action.CHANGE,
        part="consents",
        coordinator_only=True,
    )
    consent = get_object_or_404(Consent, pk=pk, client=client)
    form = ScanForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose the file to attach."))
        return redirect("consent:list", client_pk=client.pk)
    try:
        services.consent_add_scan(
            actor=request.user, consent=consent, scan=form.cleaned_data["scan"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The scan of the signed form was added to the consent."))
    return redirect("consent:list", client_pk=client.pk)


@login_required
@require_http_methods(["GET"])
def consent_scan(request, pk: int):
    client = client_for(
        request.user,
        _client_id_of(pk),
        action=Action.VIEW,
        part="consent_scan",
        channel=Channel.EXPORT,
    )
    consent = get_object_or_404(Consent, pk=pk, client=client)
    if not consent.scan:
        raise Http404
    try:
        handle = consent.scan.storage.open(consent.scan.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    extension = EXTENSIONS.get(consent.scan_content_type, "")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"consent-{consent.pk}{extension}",
        content_type=consent.scan_content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
