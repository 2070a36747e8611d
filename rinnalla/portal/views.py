"""Pages of the client's own view (oma näkymä) and the coordinator's switch for it.

Every page reads through ``access.client_principal`` (one log entry per request, as
the client); no page takes a client id, and a task id of another client is 404.
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rinnalla.access.backends import client_ip
from rinnalla.access.client_principal import Action, Channel, client_of_object, own_client
from rinnalla.access.forms import LogPeriodForm, default_period
from rinnalla.access.labels import Part, entry_organisation_name, entry_user_name, part_label
from rinnalla.access.policy import client_for
from rinnalla.accounts.models import User
from rinnalla.core.errors import Conflict
from rinnalla.core.pdf import pdf_response, render_pdf
from rinnalla.measurements.models import SelfFillLink
from rinnalla.measurements.views import SELF_FILL_SESSION_KEY
from rinnalla.plans.models import PlanAction
from rinnalla.plans.outputs import client_pdf
from rinnalla.portal import oidc, selectors, services, session
from rinnalla.portal.forms import CodeForm, ContactForm, HelpForm, PortalAccessForm
from rinnalla.portal.ics import meeting_ics
from rinnalla.portal.models import TaskReport
from rinnalla.surveys.views import SESSION_KEY as SURVEY_SESSION_KEY

LOG_PAGE_SIZE = 50


def _with_language(response, client):
    """The client's own view speaks the client's language until they choose another."""
    if not settings.LANGUAGE_COOKIE_NAME or client.language not in dict(settings.LANGUAGES):
        return response
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        client.language,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


# --- Sign-in ------------------------------------------------------------------------------


def _paused_message(exc: "services.SignInPaused") -> str:
    return services.paused_message(exc.minutes)


@require_http_methods(["GET", "POST"])
def sign_in(request):
    if session.principal(request) is not None:
        return redirect("portal:home")
    form = ContactForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        contact = form.cleaned_data["contact"]
        try:
            services.sign_in_start(
                contact=contact,
                device=session.device_secret(request),
                link_for=services.sign_in_link_url,
                address=client_ip(request),
            )
        except services.SignInPaused as exc:
            form.add_error("contact", _paused_message(exc))
        else:
            request.session[session.CONTACT_KEY] = contact
            return redirect("portal:sign_in_code")
    return render(
        request,
        "portal/sign_in.html",
        {
            "form": form,
            "ended": request.GET.get("ended") == "1",
            "oidc_enabled": settings.RINNALLA_OIDC_ENABLED,
        },
    )


@require_http_methods(["GET", "POST"])
def sign_in_code(request):
    contact = request.session.get(session.CONTACT_KEY)
    if not contact:
        return redirect("portal:sign_in")
    form = CodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            client = services.sign_in_verify(
                contact=contact, code=form.cleaned_data["code"], address=client_ip(request)
            )
        except ValidationError as exc:
            form.add_error("code", exc.message_dict["code"])
        except services.SignInPaused as exc:
            form.add_error("code", _paused_message(exc))
        else:
            session.sign_in(request, client, via="code")
            return _with_language(redirect("portal:home"), client)
    return render(
        request,
        "portal/sign_in_code.html",
        {"form": form, "contact": contact, "minutes": settings.RINNALLA_PORTAL_CODE_MINUTES},
    )


@require_http_methods(["GET", "POST"])
def sign_in_link(request, token: str):
    """The link in the message. A GET only asks to confirm: mail scanners open links."""
    error = ""
    if request.method == "POST":
        try:
            client = services.sign_in_link(token=token, device=session.device_secret(request))
        except ValidationError as exc:
            error = exc.messages[0]
        else:
            session.sign_in(request, client, via="code")
            return _with_language(redirect("portal:home"), client)
    return render(
        request, "portal/sign_in_link.html", {"error": error}, status=400 if error else 200
    )


def oidc_callback(request):
    """The broker sends the client back here after strong identification."""
    if not settings.RINNALLA_OIDC_ENABLED:
        raise Http404
    client = oidc.client_from_callback(request)
    if client is None:
        return render(request, "portal/sign_in_refused.html", status=403)
    session.sign_in(request, client, via="oidc")
    return _with_language(redirect("portal:home"), client)


@require_POST
def sign_out(request):
    session.sign_out(request)
    messages.success(request, _("You have signed out."))
    return redirect("portal:sign_in")


# --- My page ------------------------------------------------------------------------------


@session.client_required
def home(request):
    client = own_client(request.principal, part="own_view")
    episode = selectors.current_episode(client)
    plan = selectors.current_plan(episode)
    tasks = selectors.plan_actions(episode, plan)
    contacts = selectors.contacts(episode)
    return render(
        request,
        "portal/home.html",
        {
            "client": client,
            "episode": episode,
            "contact": contacts[0] if contacts else None,
            "others": contacts[1:],
            "meeting": selectors.next_meeting(episode),
            "plan": plan,
            "tasks": tasks,
            "my_tasks": selectors.open_tasks(client),
            "events": selectors.shared_events(episode),
            "services": selectors.my_services(client),
            "questionnaires": selectors.waiting_questionnaires(client),
            "results": selectors.my_results(client),
            "surveys": selectors.waiting_surveys(client),
        },
    )


@session.client_required
def plan_pdf(request):
    client = own_client(request.principal, part="client_plan_pdf", channel=Channel.PDF)
    plan = selectors.current_plan(selectors.current_episode(client))
    if plan is None:
        raise Http404
    return pdf_response(client_pdf(plan, client), f"suunnitelma-{plan.number}.pdf")


@session.client_required
def meeting_calendar(request):
    client = own_client(request.principal, part="meeting", channel=Channel.EXPORT)
    meeting = selectors.next_meeting(selectors.current_episode(client))
    if meeting is None:
        raise Http404
    with translation.override(client.language):
        text = meeting_ics(
            uid=f"meeting-{meeting.pk}@rinnalla",
            starts_at=meeting.starts_at,
            ends_at=meeting.ends_at,
            summary=_("Network meeting"),
            location=meeting.place or meeting.video_link,
            description=meeting.video_link,
        )
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="tapaaminen.ics"'
    response["Cache-Control"] = "no-store"
    return response


def _task(request, pk: int, *, part: str) -> tuple:
    client = client_of_object(
        request.principal,
        selectors.action_client_id(pk),
        part=part,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
    )
    action = PlanAction.objects.select_related("episode").get(pk=pk, episode__client=client)
    return client, action


@session.client_required
@require_POST
def task_done(request, pk: int):
    client, action = _task(request, pk, part="task_report")
    try:
        services.task_report(client=client, action=action, kind=TaskReport.Kind.DONE)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Thank you. Your coordinator can see that you have done this task.")
        )
    return redirect(reverse("portal:home") + "#tasks")


@session.client_required
@require_http_methods(["GET", "POST"])
def task_help(request, pk: int):
    client, action = _task(request, pk, part="task_report")
    form = HelpForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.task_report(
                client=client,
                action=action,
                kind=TaskReport.Kind.HELP,
                message=form.cleaned_data["message"],
            )
        except Conflict as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request, _("Your coordinator has been told that you need help with this task.")
            )
        return redirect(reverse("portal:home") + "#tasks")
    return render(
        request,
        "portal/task_help.html",
        {
            "client": client,
            "action": action,
            "text": action.for_client or action.description,
            "form": form,
        },
    )


# --- Questionnaires and feedback surveys waiting for me -----------------------------------


@session.client_required
def questionnaire(request, pk: int):
    """Open a self-assessment sent to me: the same page as the e-mailed link.

    The link's id goes into the session, as when the e-mailed link is opened, and the
    self-fill page takes over; another client's link id is 404 (logged as refused).
    """
    client = client_of_object(
        request.principal,
        selectors.questionnaire_client_id(pk),
        part=Part.MEASUREMENTS_SELF_FILL_LINK,
    )
    link = SelfFillLink.objects.get(pk=pk, client=client)
    if not link.is_usable:
        messages.info(request, _("This questionnaire is no longer open."))
        return redirect(reverse("portal:home") + "#questionnaires")
    request.session[SELF_FILL_SESSION_KEY] = link.pk
    return redirect("measurements:self_fill_session")


@session.client_required
def survey(request, pk: int):
    """Open a feedback survey sent to me, on the same anonymous form as the e-mailed link.

    Only the link knows who it was for, and only until the answer is stored: then the
    link is deleted and its id leaves the session (``surveys.views.answer_session``).
    The log says that I opened a survey link, never whether or what I answered.
    """
    client_of_object(request.principal, selectors.survey_link_client_id(pk), part=Part.SURVEYS)
    request.session[SURVEY_SESSION_KEY] = pk
    return redirect("surveys:answer_session")


# --- Who has seen my data -----------------------------------------------------------------


def _period(request):
    default_start, default_end = default_period()
    data = {"start": default_start.isoformat(), "end": default_end.isoformat()}
    data.update({key: request.GET[key] for key in ("start", "end") if request.GET.get(key)})
    form = LogPeriodForm(data)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


def log_rows(entries):
    """Each look in plain words: who (name, role, organisation as at the time), when, what."""
    roles = dict(User.Role.choices)
    for entry in entries:
        if entry.by_client:
            who, role, organisation = _("You"), "", ""
        else:
            who = entry_user_name(entry)
            organisation = entry_organisation_name(entry)
            user = entry.user
            role = (user.profession if user is not None else "") or str(
                roles.get(entry.user_role or (user.role if user else ""), "")
            )
        listed = getattr(entry, "listed_here", False)
        yield {
            "at": entry.at,
            "who": who,
            "role": role,
            "organisation": organisation,
            "part": part_label(entry.part),
            "action": _("Appeared in a list or search result")
            if listed
            else entry.get_action_display(),
            "action_code": "listed" if listed else entry.action,
            "emergency": entry.break_glass,
            "reason": entry.purpose if entry.break_glass else "",
        }


@session.client_required
def access_log(request):
    client = own_client(request.principal, part="access_log")
    form, start, end = _period(request)
    page = None
    if start is not None:
        page = Paginator(
            selectors.log_entries(client=client, start=start, end=end), LOG_PAGE_SIZE
        ).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "portal/access_log.html",
        {
            "client": client,
            "form": form,
            "start": start,
            "end": end,
            "page": page,
            "rows": list(log_rows(page.object_list)) if page else [],
            "query": query.urlencode(),
        },
    )


@session.client_required
def access_log_pdf(request):
    client = own_client(request.principal, part="access_log", channel=Channel.PDF)
    form, start, end = _period(request)
    if start is None:
        messages.error(request, _("Check the dates."))
        return redirect("portal:access_log")
    entries = selectors.log_entries(client=client, start=start, end=end)
    content = render_pdf(
        "portal/access_log_pdf.html",
        {
            "client": client,
            "start": start,
            "end": end,
            "rows": list(log_rows(entries)),
            "printed_at": timezone.now(),
        },
        request=request,
    )
    return pdf_response(content, f"kuka-on-katsonut-{start:%Y%m%d}-{end:%Y%m%d}.pdf")


# --- The coordinator's switch -------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request, client_pk: int):
    """The coordinator turns the client's own view on or off."""
    client = client_for(
        request.user,
        client_pk,
        action=Action.CHANGE if request.method == "POST" else Action.VIEW,
        part="own_view_settings",
        coordinator_only=True,
    )
    access = selectors.portal_access(client)
    form = PortalAccessForm(
        request.POST if request.method == "POST" else None,
        initial={
            "enabled": bool(access and access.enabled),
            "allow_codes_under_non_disclosure": bool(
                access and access.allow_codes_under_non_disclosure
            ),
        },
    )
    if request.method == "POST" and form.is_valid():
        access = services.portal_access_set(actor=request.user, client=client, **form.cleaned_data)
        messages.success(
            request,
            _("The client's own view is on.")
            if access.enabled
            else _("The client's own view is off."),
        )
        return redirect("portal:settings", client_pk=client.pk)
    return render(
        request,
        "portal/settings.html",
        {
            "client": client,
            "access": access,
            "form": form,
            "sign_in_url": settings.RINNALLA_BASE_URL + reverse("portal:sign_in"),
        },
    )


@login_required
@require_POST
def report_handle(request, pk: int):
    """A coordinator of the relationship's service has dealt with a client's report."""
    client_id = selectors.report_client_id(pk)
    if client_id is None:
        raise Http404
    client_for(
        request.user,
        client_id,
        action=Action.CHANGE,
        part="task_report",
        coordinators_of=selectors.report_service_id(pk),
    )
    report = TaskReport.objects.get(pk=pk)
    services.task_report_handle(
        actor=request.user, report=report, confirm_done=request.POST.get("confirm_done") == "1"
    )
    messages.success(request, _("Saved."))
    return redirect("followup:my_work")
