"""Pages of the service catalogue: search, one service, editing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rinnalla.catalogue import selectors, services
from rinnalla.catalogue.forms import (
    CriteriaNoteForm,
    CriterionFormSet,
    SearchForm,
    ServiceForm,
)
from rinnalla.catalogue.models import ItemKind, Service, item_text
from rinnalla.core.errors import Conflict


@login_required
@require_http_methods(["GET"])
def service_list(request):
    """The catalogue: anyone logged in searches and filters it (no personal data)."""
    form = SearchForm(request.GET or None)
    filters = selectors.Filters()
    if form.is_valid():
        data = form.cleaned_data
        filters = selectors.Filters(
            q=data["q"], category=data["category"], segment=data["segment"], age=data["age"]
        )
    rows = selectors.services(filters)
    return render(
        request,
        "catalogue/list.html",
        {
            "form": form,
            "services": rows,
            "filtered": bool(request.GET),
            "may_create": services.may_edit(request.user),
        },
    )


def _service_or_404(pk: int) -> Service:
    service = selectors.service(pk)
    if service is None:
        raise Http404
    return service


def criteria_sections(criteria) -> list[dict]:
    if criteria is None:
        return []
    return [
        {
            "kind": kind,
            "label": label,
            "items": [{**entry, "text": item_text(entry)} for entry in criteria.items_of(kind)],
        }
        for kind, label in ItemKind.choices
        if criteria.items_of(kind)
    ]


@login_required
@require_http_methods(["GET"])
def service_detail(request, pk: int):
    service = _service_or_404(pk)
    criteria = selectors.current_criteria(service)
    return render(
        request,
        "catalogue/detail.html",
        {
            "service": service,
            "criteria": criteria,
            "sections": criteria_sections(criteria),
            "revisions": selectors.revisions(service)[:20],
            "may_edit": services.may_edit(request.user, service),
        },
    )


def _edit(request, service: Service, *, creating: bool):
    if not services.may_edit(request.user, None if creating else service):
        raise PermissionDenied(_("Only administrators and the service's keepers edit it."))
    form = ServiceForm(request.POST or None, instance=service, user=request.user)
    status = 200
    if request.method == "POST" and form.is_valid():
        edited = form.save(commit=False)
        if creating:
            edited.code = _unique_code(edited.name_fi)
        try:
            saved = services.service_save(
                actor=request.user,
                service=edited,
                based_on_version=form.cleaned_data.get("based_on_version"),
                note=form.cleaned_data["note"],
                checked=form.cleaned_data["checked"] or creating,
            )
        except Conflict as exc:
            messages.error(request, str(exc))
            status = 409
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            if "keepers" in form.fields:
                saved.keepers.set(form.cleaned_data["keepers"])
            elif creating:
                saved.keepers.add(request.user)  # a keeper keeps what they add
            messages.success(
                request, _("Version %(version)s was saved.") % {"version": saved.version}
            )
            return redirect("catalogue:detail", pk=saved.pk)
    return render(
        request,
        "catalogue/form.html",
        {"form": form, "service": service, "creating": creating},
        status=status,
    )


def _unique_code(name: str) -> str:
    from django.utils.text import slugify

    base = slugify(name)[:50] or "service"
    code, n = base, 1
    while Service.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return code


@login_required
@require_http_methods(["GET", "POST"])
def service_edit(request, pk: int):
    return _edit(request, _service_or_404(pk), creating=False)


@login_required
@require_http_methods(["GET", "POST"])
def service_create(request):
    return _edit(request, Service(), creating=True)


def _items_from(formset) -> list[dict]:
    from django.utils.text import slugify

    items, used = [], set()
    for form in formset.forms:
        # An unchanged form that the formset let pass empty is still the criterion it was.
        data = form.cleaned_data or (form.initial if not form.has_changed() else {})
        if not data or data.get("remove") or not (data.get("text_fi") or "").strip():
            continue
        code = data.get("code") or slugify(data["text_fi"])[:40] or "criterion"
        base, n = code, 1
        while code in used:
            n += 1
            code = f"{base}-{n}"
        used.add(code)
        items.append(
            {
                "code": code,
                "kind": data["kind"],
                "text_fi": data["text_fi"].strip(),
                "text_sv": (data.get("text_sv") or "").strip(),
                "text_en": (data.get("text_en") or "").strip(),
                "required": bool(data.get("required")),
                "source": data.get("source") or "",
            }
        )
    return items


@login_required
@require_http_methods(["GET", "POST"])
def criteria_edit(request, pk: int):
    """Save the service's referral criteria as a new version; the old one stays."""
    service = _service_or_404(pk)
    if not services.may_edit(request.user, service):
        raise PermissionDenied(_("Only administrators and the service's keepers edit it."))
    current = selectors.current_criteria(service)
    initial = [
        {**item, "required": item.get("required", True)}
        for item in (current.items if current else [])
    ]
    formset = CriterionFormSet(request.POST or None, initial=initial, prefix="item")
    note = CriteriaNoteForm(request.POST or None)
    if request.method == "POST" and formset.is_valid() and note.is_valid():
        try:
            saved = services.criteria_save(
                actor=request.user,
                service=service,
                items=_items_from(formset),
                note=note.cleaned_data["note"],
            )
        except ValidationError as exc:
            note.add_error(None, exc.messages)
        else:
            messages.success(
                request,
                _("Version %(version)s of the criteria was saved.") % {"version": saved.version},
            )
            return redirect("catalogue:detail", pk=service.pk)
    return render(
        request,
        "catalogue/criteria_form.html",
        {"service": service, "current": current, "formset": formset, "note_form": note},
    )
