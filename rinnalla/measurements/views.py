from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rinnalla.access.policy import Action, client_for
from rinnalla.core import dates
from rinnalla.core.errors import Conflict
from rinnalla.measurements import instruments, selectors, services
from rinnalla.measurements.forms import (
    AssessmentForm,
    InstrumentForm,
    SelfFillAnswersForm,
    SelfFillLinkForm,
)
from rinnalla.measurements.models import SelfFillLink
from rinnalla.measurements.services import RepeatWithinWindow


def _action(request) -> str:
    return Action.CHANGE if request.method == "POST" else Action.VIEW


def _add_errors(form, exc: ValidationError, *, prefix: str = "") -> None:
    if not hasattr(exc, "error_dict"):
        form.add_error(None, exc.messages)
        return
    for key, messages_ in exc.message_dict.items():
        if prefix and not key.startswith(prefix):
            continue  # another form's error
        field = key[len(prefix) :]
        form.add_error(field if field in form.fields else None, messages_)


@login_required
def client_measurements(request, client_id: int):
    client = client_for(request.user, client_id, part="measurements")
    return render(
        request,
        "measurements/client_measurements.html",
        {
            "client": client,
            "trends": selectors.client_trends(client=client),
            "instruments": selectors.instrument_list(),
            "assessment": selectors.assessment_latest(client=client),
            "window_days": selectors.repeat_window_days(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def record(request, client_id: int, code: str):
    client = client_for(
        request.user, client_id, action=_action(request), part="measurements.record"
    )
    instrument = selectors.instrument_get(code)
    if instrument is None:
        raise Http404
    measured_on = timezone.localdate()
    if request.method == "POST":
        measured_on = dates.parse_in_range(request.POST.get("measured_on")) or measured_on
    earlier = selectors.earlier_within_window(
        client=client, instrument_code=code, measured_on=measured_on
    )
    form = InstrumentForm(instrument, request.POST or None, with_confirm=earlier is not None)
    if request.method == "POST" and form.is_valid():
        confirm = form.cleaned_data.get("confirm_repeat", False)
        if earlier is not None and not confirm:
            form.add_error(
                "confirm_repeat",
                _("Look at the earlier result first. Tick this box if a new result is needed."),
            )
        else:
            try:
                recorded = services.measurement_record(
                    actor=request.user,
                    client=client,
                    instrument_code=code,
                    answers=form.answers(),
                    measured_on=form.cleaned_data["measured_on"],
                    confirm_repeat=confirm,
                )
            except RepeatWithinWindow as exc:
                earlier = exc.earlier
                form.add_error(None, str(exc))
            except ValidationError as exc:
                _add_errors(form, exc)
            else:
                m = recorded.measurement
                messages.success(
                    request,
                    _("%(instrument)s recorded: %(result)s")
                    % {
                        "instrument": instrument.label,
                        "result": instrument.interpretation_label(m.interpretation)
                        if m.interpretation
                        else instruments.json_number(m.total_score),
                    },
                )
                return redirect("measurements:detail", pk=m.pk)
    earlier_row = selectors.Row(earlier, instrument) if earlier is not None else None
    return render(
        request,
        "measurements/record.html",
        {
            "client": client,
            "instrument": instrument,
            "form": form,
            "earlier": earlier_row,
            "window_days": selectors.repeat_window_days(),
        },
    )


@login_required
def detail(request, pk: int):
    client_id = selectors.measurement_client_id(pk)
    if client_id is None:
        raise Http404
    client = client_for(request.user, client_id, part="measurements")
    row = selectors.measurement_for_client(client=client, pk=pk)
    if row is None:
        raise Http404
    answers = []
    for item in row.instrument.items:
        value = row.measurement.answers.get(item.key)
        choice = next((c for c in item.choices if c.value == value), None)
        answers.append({"item": item, "value": value, "label": choice.label if choice else None})
    details, domains = selectors.score_details(row)
    return render(
        request,
        "measurements/detail.html",
        {
            "client": client,
            "row": row,
            "measurement": row.measurement,
            "instrument": row.instrument,
            "answers": answers,
            "details": details,
            "domains": domains,
        },
    )


@login_required
def assessment(request, client_id: int, version: int | None = None):
    client = client_for(request.user, client_id, part="measurements.assessment")
    versions = selectors.assessment_versions(client=client)
    if version is None:
        current = versions[0] if versions else None
    else:
        current = next((v for v in versions if v.version == version), None)
        if current is None:
            raise Http404
    sections = []
    if current is not None:
        form = AssessmentForm(instance=current)
        sections = [
            (form[name].label, getattr(current, name)) for name in services.ASSESSMENT_SECTIONS
        ]
    return render(
        request,
        "measurements/assessment.html",
        {
            "client": client,
            "current": current,
            "versions": versions,
            "sections": sections,
            "is_latest": bool(versions) and current is versions[0],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def assessment_edit(request, client_id: int):
    client = client_for(
        request.user, client_id, action=_action(request), part="measurements.assessment"
    )
    latest = selectors.assessment_latest(client=client)
    conflict = False
    if request.method == "POST":
        form = AssessmentForm(request.POST)
        if form.is_valid():
            data = form.section_data()
            try:
                services.assessment_save(
                    actor=request.user,
                    client=client,
                    based_on_version=form.cleaned_data.get("based_on_version"),
                    **data,
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            except Conflict as exc:
                conflict = True
                messages.error(request, str(exc))
            else:
                messages.success(request, _("The service needs assessment was saved."))
                return redirect("measurements:assessment", client_id=client.pk)
    else:
        initial = {"based_on_version": latest.version if latest else None}
        form = AssessmentForm(instance=latest, initial=initial)
    return render(
        request,
        "measurements/assessment_form.html",
        {
            "client": client,
            "form": form,
            "latest": latest,
            "conflict": conflict,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def self_fill_link_create(request, client_id: int):
    client = client_for(
        request.user,
        client_id,
        action=_action(request),
        part="measurements.self_fill_link",
        coordinator_only=True,
    )
    form = SelfFillLinkForm(request.POST or None, initial={"email": client.email})
    if request.method == "POST" and form.is_valid():

        def url_for(token: str) -> str:
            # The configured address, never the request's Host (it goes into an e-mail).
            return settings.RINNALLA_BASE_URL + reverse("measurements:self_fill", args=[token])

        try:
            link, raw = services.self_fill_link_create(
                actor=request.user,
                client=client,
                instrument_codes=form.cleaned_data["instruments"],
                url_for_token=url_for,
                email_to=form.cleaned_data["email"] if form.cleaned_data["send_email"] else "",
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            # The raw token exists only now: show it once, never store it.
            return render(
                request,
                "measurements/self_fill_link_created.html",
                {
                    "client": client,
                    "link": link,
                    "url": url_for(raw),
                    "instruments": [instruments.INSTRUMENTS[c] for c in link.instruments],
                },
            )
    return render(
        request,
        "measurements/self_fill_link_form.html",
        {
            "client": client,
            "form": form,
            "links": selectors.self_fill_links(client=client),
        },
    )


@login_required
@require_POST
def self_fill_link_revoke(request, client_id: int, pk: int):
    """A coordinator of the client ends an unused link (e.g. sent to the wrong address)."""
    client = client_for(
        request.user,
        client_id,
        action=Action.CHANGE,
        part="measurements.self_fill_link",
        coordinator_only=True,
    )
    link = get_object_or_404(SelfFillLink, pk=pk, client=client)
    try:
        services.self_fill_link_revoke(actor=request.user, link=link)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("The link was revoked: it no longer opens."))
    return redirect("measurements:self_fill_link_create", client_id=client.pk)


SELF_FILL_SESSION_KEY = "self_fill_link"


def _gone_reason(link) -> str:
    if link.used_at:
        return "used"
    return "revoked" if link.revoked_at else "expired"


def _number_questions(forms) -> None:
    """ "Question 7/12" on each question of the page, counted across its instruments."""
    questions = [bound for form in forms for bound in form.visible_fields()]
    for number, bound in enumerate(questions, 1):
        bound.field.question_number = number
        bound.field.question_count = len(questions)


def _public(response, language: str | None = None):
    if language:
        response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    # Not "no-referrer": with it browsers send "Origin: null" on the form's POST and
    # Django's CSRF origin check refuses the client's answers. "same-origin" still keeps
    # the token in the URL from leaking to any other site.
    response["Referrer-Policy"] = "same-origin"
    return response


@require_http_methods(["GET", "POST"])
def self_fill(request, token: str):
    """The client's own page: no login, the token is the key. Never shows client data.

    Opening the link moves the key into the (anonymous) session and redirects to
    ``/measurements/self/`` without it, so that the token is in no later request line
    (proxy logs, the form's POST, the browser history) — only in the first one, which
    the reverse proxy must not log (docs/architecture.md, "Security").
    """
    link = selectors.self_fill_link_by_token(token)
    if request.method == "GET" and link is not None and link.is_usable:
        request.session[SELF_FILL_SESSION_KEY] = link.pk
        return _public(redirect("measurements:self_fill_session"), link.client.language)
    return _self_fill_page(request, link)


@require_http_methods(["GET", "POST"])
def self_fill_session(request):
    """The same page once the link was opened: the key is in the session."""
    link_id = request.session.get(SELF_FILL_SESSION_KEY)
    link = (
        SelfFillLink.objects.select_related("client").filter(pk=link_id).first()
        if link_id
        else None
    )
    return _self_fill_page(request, link)


def _self_fill_page(request, link):
    if link is None:
        return _public(
            render(request, "measurements/self_fill_gone.html", {"reason": "unknown"}, status=404)
        )
    language = link.client.language
    with translation.override(language):
        if not link.is_usable:
            return _public(
                render(
                    request,
                    "measurements/self_fill_gone.html",
                    {"reason": _gone_reason(link)},
                    status=410,
                ),
                language,
            )
        forms = [
            SelfFillAnswersForm(instruments.INSTRUMENTS[code], request.POST or None)
            for code in link.instruments
        ]
        _number_questions(forms)
        if request.method == "POST" and all([f.is_valid() for f in forms]):
            try:
                services.self_fill_submit(
                    link=link, answers_by_code={f.instrument.code: f.answers() for f in forms}
                )
            except Conflict:
                return _public(
                    render(
                        request, "measurements/self_fill_gone.html", {"reason": "used"}, status=410
                    ),
                    language,
                )
            except ValidationError as exc:
                for f in forms:
                    _add_errors(f, exc, prefix=f"{f.instrument.code}-")
            else:
                return _public(render(request, "measurements/self_fill_done.html", {}), language)
        response = render(
            request,
            "measurements/self_fill.html",
            {"forms": forms, "link": link, "has_errors": any(f.errors for f in forms)},
        )
        return _public(response, language)
