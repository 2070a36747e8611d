"""The client's situation page: segment, benefit and status periods, service suggestions
and referral criteria checks — decision support in one place."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rinnalla.access.policy import Action, client_for, own_coordinator_clients
from rinnalla.catalogue import selectors as catalogue_selectors
from rinnalla.catalogue.criteria import record_of
from rinnalla.catalogue.forms import DismissForm
from rinnalla.catalogue.suggestions import client_suggestions, dismissed
from rinnalla.situation import selectors, services
from rinnalla.situation.forms import PeriodEndForm, PeriodForm, SegmentForm
from rinnalla.situation.models import SituationPeriod

PART = "situation"


def _add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _page(request, client, *, segment_form=None, period_form=None, status=200):
    today = timezone.localdate()
    is_own = own_coordinator_clients(request.user).filter(pk=client.pk).exists()
    record = record_of(client, today=today)
    periods = list(selectors.periods(client=client))
    for period in periods:
        period.paid_days = period.paid_days_on(today)
    return render(
        request,
        "situation/client.html",
        {
            "client": client,
            "today": today,
            "is_own_coordinator": is_own,
            "segments": list(selectors.segments(client=client)),
            "periods": periods,
            "segment_form": segment_form or (SegmentForm() if is_own else None),
            "period_form": period_form or PeriodForm(),
            "suggestions": client_suggestions(client, record=record),
            "dismissed": list(dismissed(client)),
            "dismiss_form": DismissForm() if is_own else None,
            "checks": list(catalogue_selectors.client_checks(client=client)[:20]),
            "referable": [s for s in catalogue_selectors.services() if s.criteria_lists.all()],
            "age": record.age,
        },
        status=status,
    )


@login_required
@require_http_methods(["GET"])
def client_situation(request, client_id: int):
    client = client_for(request.user, client_id, action=Action.VIEW, part=PART)
    return _page(request, client)


@login_required
@require_http_methods(["POST"])
def segment_add(request, client_id: int):
    """Record the client's segment: the client's own coordinators."""
    client = client_for(
        request.user, client_id, action=Action.CHANGE, part=PART, coordinator_only=True
    )
    form = SegmentForm(request.POST)
    if form.is_valid():
        try:
            services.segment_record(actor=request.user, client=client, **form.cleaned_data)
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The segment was recorded."))
            return redirect("situation:client", client_id=client.pk)
    return _page(request, client, segment_form=form)


@login_required
@require_http_methods(["POST"])
def period_add(request, client_id: int):
    """Record a benefit or status period: anyone who may see the client."""
    client = client_for(request.user, client_id, action=Action.CHANGE, part=PART)
    form = PeriodForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.period_record(
                actor=request.user,
                client=client,
                kind=data["kind"],
                starts_on=data["starts_on"],
                ends_on=data["ends_on"],
                days_before=data["days_before"] or 0,
                note=data["note"],
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("The period was recorded."))
            return redirect("situation:client", client_id=client.pk)
    return _page(request, client, period_form=form)


@login_required
@require_http_methods(["POST"])
def period_end(request, pk: int):
    client_id = SituationPeriod.objects.filter(pk=pk).values_list("client_id", flat=True).first()
    if client_id is None:
        raise Http404
    client = client_for(request.user, client_id, action=Action.CHANGE, part=PART)
    period = SituationPeriod.objects.get(pk=pk, client=client)
    form = PeriodEndForm(request.POST)
    if form.is_valid():
        try:
            services.period_end(
                actor=request.user, period=period, ends_on=form.cleaned_data["ends_on"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The end of the period was saved."))
    else:
        messages.error(request, _("Write the date the period ends."))
    return redirect("situation:client", client_id=client.pk)
