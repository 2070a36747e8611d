"""Preparing a referral to a catalogue service: the criteria form and its referral text;
dismissing a suggested service. Client data: every view goes through ``client_for``."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.catalogue import selectors, services
from rinnalla.catalogue.criteria import evaluate
from rinnalla.catalogue.forms import CriteriaCheckForm, DismissForm
from rinnalla.catalogue.models import CriteriaCheck, ItemKind, item_text
from rinnalla.catalogue.views import criteria_sections

PART = "criteria_check"


def _service_with_criteria(pk: int):
    service = selectors.service(pk)
    if service is None:
        raise Http404
    criteria = selectors.current_criteria(service)
    if criteria is None:
        raise Http404
    return service, criteria


@login_required
@require_http_methods(["GET", "POST"])
def check_create(request, pk: int, client_id: int):
    """The criteria form: met / not met / unknown, filled from the record where it can."""
    service, criteria = _service_with_criteria(pk)
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    client = client_for(request.user, client_id, action=action, part=PART)
    evaluation = evaluate(client, service, criteria=criteria)
    form = CriteriaCheckForm(
        request.POST if request.method == "POST" else None,
        criteria=criteria,
        evaluation=evaluation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            check = services.criteria_check_save(
                actor=request.user,
                client=client,
                service=service,
                evaluation=evaluation,
                answers=form.answers(),
                texts=form.texts(),
            )
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("The criteria check was saved. Copy the referral text."))
            return redirect("catalogue:check_detail", pk=check.pk)
    missing = [
        item_text(entry)
        for entry in criteria.items_of(ItemKind.REFER_IF)
        if entry.get("required", True)
        and getattr(evaluation.answers.get(entry["code"]), "answer", "") != "met"
    ]
    return render(
        request,
        "catalogue/check_form.html",
        {
            "client": client,
            "service": service,
            "criteria": criteria,
            "consult_first": [item_text(e) for e in criteria.items_of(ItemKind.CONSULT_FIRST)],
            "form": form,
            "evaluation": evaluation,
            "missing": missing,
        },
    )


def _check(request, pk: int, *, channel=Channel.PAGE) -> CriteriaCheck:
    client_id = CriteriaCheck.objects.filter(pk=pk).values_list("client_id", flat=True).first()
    if client_id is None:
        raise Http404
    client = client_for(request.user, client_id, action=Action.VIEW, part=PART, channel=channel)
    return (
        CriteriaCheck.objects.select_related("service", "criteria", "created_by", "organisation")
        .filter(pk=pk, client=client)
        .get()
    )


@login_required
@require_http_methods(["GET"])
def check_detail(request, pk: int):
    check = _check(request, pk)
    criteria = check.criteria
    rows = []
    for entry in criteria.items_of(ItemKind.REFER_IF):
        stored = check.answers.get(entry["code"], {"answer": "unknown"})
        rows.append({"text": item_text(entry), **stored})
    return render(
        request,
        "catalogue/check_detail.html",
        {
            "check": check,
            "client": check.client,
            "rows": rows,
            "missing": [
                item_text(e)
                for e in criteria.items_of(ItemKind.REFER_IF)
                if e["code"] in set(check.missing)
            ],
            "sections": criteria_sections(criteria),
            "is_current": selectors.current_criteria(check.service).pk == criteria.pk,
        },
    )


@login_required
@require_http_methods(["GET"])
def check_text(request, pk: int):
    """The referral text alone, as plain text for the patient record."""
    check = _check(request, pk, channel=Channel.EXPORT)
    response = HttpResponse(check.referral_text, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["POST"])
def dismiss(request, pk: int, client_id: int):
    """The coordinator judges a suggested service not to fit the client, with a reason."""
    service = selectors.service(pk)
    if service is None:
        raise Http404
    client = client_for(
        request.user, client_id, action=Action.CHANGE, part="suggestions", coordinator_only=True
    )
    form = DismissForm(request.POST)
    if form.is_valid():
        services.suggestion_dismiss(
            actor=request.user, client=client, service=service, reason=form.cleaned_data["reason"]
        )
        messages.success(
            request, _("%(service)s is no longer suggested.") % {"service": service.name}
        )
    else:
        messages.error(request, _("Write why the service does not fit the client."))
    return redirect("situation:client", client_id=client.pk)
