"""Pages of the work ability assessment and plan proposal and of its statement requests."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rinnalla.access.policy import Action, Channel, client_for, is_service_coordinator
from rinnalla.accounts.models import User
from rinnalla.core.errors import Conflict
from rinnalla.core.pdf import pdf_response
from rinnalla.episodes.models import Episode
from rinnalla.measurements.selectors import client_measurement_rows
from rinnalla.workability import outputs, selectors, services
from rinnalla.workability.forms import AssessmentForm, StatementReceivedForm
from rinnalla.workability.models import WorkAbilityAssessment

PART = "work_ability_assessment"


def _add_errors(form, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _may_write(user, episode: Episode) -> bool:
    return is_service_coordinator(user, episode.service_id) and (
        episode.status != Episode.Status.CLOSED
    )


@login_required
@require_http_methods(["GET"])
def episode_assessments(request, pk: int):
    """The relationship's assessment: its latest version, or a start when there is none."""
    keys = selectors.episode_keys(pk)
    if keys is None:
        raise Http404
    client = client_for(request.user, keys[0], action=Action.VIEW, part=PART)
    episode = Episode.objects.select_related("service").get(pk=pk, client=client)
    latest = selectors.latest(episode=episode)
    if latest is not None:
        return redirect("workability:detail", pk=latest.pk)
    return render(
        request,
        "workability/empty.html",
        {"client": client, "episode": episode, "may_write": _may_write(request.user, episode)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def create(request, pk: int):
    """Write a new version, prefilled from the latest one (or the needs assessment)."""
    keys = selectors.episode_keys(pk)
    if keys is None:
        raise Http404
    client_id, service_id = keys
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    client = client_for(
        request.user, client_id, action=action, part=PART, coordinators_of=service_id
    )
    episode = Episode.objects.select_related("service").get(pk=pk, client=client)
    latest = selectors.latest(episode=episode)
    rows = client_measurement_rows(client=client)
    physicians = (
        User.objects.filter(role=User.Role.NETWORK_PROFESSIONAL, is_active=True)
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name")
    )
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        initial=None if request.method == "POST" else _initial(episode, latest, rows),
        physicians=list(physicians),
        measurement_rows=rows,
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        picked = {row.measurement.pk: row.measurement for row in rows}
        try:
            assessment = services.assessment_save(
                actor=request.user,
                episode=episode,
                based_on_version=data["based_on_version"],
                conclusion=data["conclusion"],
                proposals=data["proposals"],
                situation=data["situation"],
                functional_capacity=data["functional_capacity"],
                limitations=data["limitations"],
                client_view=data["client_view"],
                proposal_details=data["proposal_details"],
                physician=data["physician"],
                physician_name=data["physician_name"],
                measurements=[picked[pk] for pk in data["measurements"] if pk in picked],
            )
        except Conflict as exc:
            messages.error(request, str(exc))
            status = 409
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("Version %(version)s was saved and added to the service path.")
                % {"version": assessment.version},
            )
            return redirect("workability:detail", pk=assessment.pk)
    return render(
        request,
        "workability/form.html",
        {"client": client, "episode": episode, "form": form, "latest": latest},
        status=status,
    )


def _initial(episode: Episode, latest: WorkAbilityAssessment | None, rows) -> dict:
    if latest is not None:
        return {
            "based_on_version": latest.version,
            "physician": latest.physician_id,
            "physician_name": latest.physician_name,
            **{name: getattr(latest, name) for name in WorkAbilityAssessment.TEXT_FIELDS},
            "measurements": [m.pk for m in latest.measurements.all()],
            "proposals": latest.proposals,
        }
    initial = {"based_on_version": None}
    needs = selectors.latest_needs_assessment(client=episode.client)
    if needs is not None:
        initial["situation"] = "\n".join(
            text
            for text in (
                needs.family_and_housing,
                needs.social_situation,
                needs.unemployment_duration,
                needs.income_and_social_security,
                needs.employment_measures,
            )
            if text
        )
        initial["functional_capacity"] = "\n".join(
            t for t in (needs.education_and_work_history, needs.strengths_skills_hobbies) if t
        )
        initial["limitations"] = needs.illnesses_and_treatment
        initial["client_view"] = needs.wishes_and_goals
    # The newest result of each instrument.
    newest = {}
    for row in rows:
        newest.setdefault(row.measurement.instrument_code, row.measurement.pk)
    initial["measurements"] = list(newest.values())
    return initial


def _version(request, pk: int, *, channel=Channel.PAGE):
    keys = selectors.assessment_keys(pk)
    if keys is None:
        raise Http404
    client = client_for(request.user, keys[1], action=Action.VIEW, part=PART, channel=channel)
    return selectors.assessment_for_page(pk=pk, client=client), client


@login_required
@require_http_methods(["GET"])
def detail(request, pk: int):
    assessment, client = _version(request, pk)
    episode = assessment.episode
    return render(
        request,
        "workability/detail.html",
        {
            "client": client,
            "episode": episode,
            "assessment": assessment,
            "rows": selectors.measurement_rows(assessment),
            "versions": selectors.versions(episode=episode),
            "requests": selectors.statement_requests(episode=episode),
            "may_write": _may_write(request.user, episode),
            "is_latest": not episode.work_ability_assessments.filter(
                version__gt=assessment.version
            ).exists(),
            "today": timezone.localdate(),
        },
    )


@login_required
@require_http_methods(["GET"])
def pdf(request, pk: int):
    assessment, client = _version(request, pk, channel=Channel.PDF)
    content = outputs.assessment_pdf(assessment, client)
    return pdf_response(content, f"tyokykyarvio-{assessment.episode_id}-v{assessment.version}.pdf")


@login_required
@require_http_methods(["GET"])
def record_text(request, pk: int):
    assessment, client = _version(request, pk)
    return render(
        request,
        "workability/record_text.html",
        {
            "client": client,
            "assessment": assessment,
            "text": outputs.record_text(assessment, client),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def statement_received(request, pk: int):
    """Record that an awaited statement arrived, with the document if there is one."""
    keys = selectors.statement_request_keys(pk)
    if keys is None:
        raise Http404
    _episode_id, client_id, service_id = keys
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    client = client_for(
        request.user, client_id, action=action, part=PART, coordinators_of=service_id
    )
    statement_request = (
        client.episodes.get(pk=keys[0]).statement_requests.select_related("physician").get(pk=pk)
    )
    form = StatementReceivedForm(
        request.POST if request.method == "POST" else None,
        request.FILES if request.method == "POST" else None,
        initial={"received_on": timezone.localdate()},
    )
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            services.statement_receive(
                actor=request.user,
                request=statement_request,
                received_on=form.cleaned_data["received_on"],
                summary=form.cleaned_data["summary"],
                document=form.cleaned_data["document"],
            )
        except Conflict as exc:
            messages.error(request, str(exc))
            status = 409
        except ValidationError as exc:
            _add_errors(form, exc)
        else:
            messages.success(
                request,
                _("%(statement)s was recorded as received.")
                % {"statement": statement_request.get_statement_display()},
            )
            return redirect("clients:detail", pk=client.pk)
    return render(
        request,
        "workability/statement_received.html",
        {"client": client, "statement_request": statement_request, "form": form},
        status=status,
    )
