"""Pages of network meetings, client plans and plan actions.

Each view finds whose data the URL points to, calls the access rule once, then loads
the rest filtered by that client. Writes go through ``plans.services``.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from rinnalla.access.policy import Action, Channel
from rinnalla.core.errors import Conflict
from rinnalla.core.pdf import pdf_response
from rinnalla.plans import selectors, services
from rinnalla.plans.diff import compare_plans
from rinnalla.plans.forms import (
    ActionForm,
    ActionStatusForm,
    CancelMeetingForm,
    ExternalParticipantFormSet,
    MeetingForm,
    MinutesForm,
    PlanForm,
)
from rinnalla.plans.models import ACTION_GROUPS, ActionStatus, ParticipantRole
from rinnalla.plans.outputs import client_pdf, minutes_pdf, record_summary_text
from rinnalla.plans.rules import (
    may_change_plan,
)


def _verb(request) -> str:
    """A form page: showing it views, sending it changes."""
    return Action.CHANGE if request.method == "POST" else Action.VIEW


def _viewed(checked, request, pk, *, part: str, channel: str = Channel.PAGE):
    """Open what a page shows (``checked_*``): the access check, then the load."""
    return checked(request.user, pk, part=part, channel=channel)


def _coordinators_form(checked, request, pk, *, part: str):
    """Open what a form of the episode's coordinators shows and changes (``checked_*``)."""
    how = {"channel": Channel.PAGE, "action": _verb(request), "coordinators_only": True}
    return checked(request.user, pk, part=part, **how)


def _render(request, template: str, client, episode, context: dict, status: int = 200):
    """A page about one client relationship: its client and episode, then the rest."""
    return render(
        request, template, {"client": client, "episode": episode, **context}, status=status
    )


def _add_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            target = name if name in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


# --- Episode overview ---------------------------------------------------------------------


@login_required
def episode_overview(request, pk):
    """All network meetings and plan versions of one client relationship."""
    client, episode = _viewed(selectors.checked_episode, request, pk, part="plans")
    return _render(
        request,
        "plans/episode_overview.html",
        client,
        episode,
        {
            "summary": selectors.episode_summary(episode),
            "versions": selectors.plan_versions(episode),
            "can_change": may_change_plan(request.user, episode),
        },
    )


# --- Meetings -----------------------------------------------------------------------------


@login_required
def meeting_create(request, pk):
    client, episode = _coordinators_form(selectors.checked_episode, request, pk, part="meeting")
    network = selectors.network_of(episode)
    if request.method == "POST":
        form = MeetingForm(request.POST, network=network)
        formset = ExternalParticipantFormSet(request.POST, prefix="external")
        valid = all([form.is_valid(), formset.is_valid()])
        external = [
            f.cleaned_data for f in formset.forms if getattr(f, "cleaned_data", {}).get("name")
        ]
        missing = services.meeting_participants_error(
            list(form.cleaned_data.get("participants") or []), external
        )
        if missing:  # the service's rule, asked early to show every error at once
            form.add_error("participants", missing)
            valid = False
        if valid:
            data = form.cleaned_data
            try:
                meeting = services.meeting_create(
                    actor=request.user,
                    episode=episode,
                    professionals=list(data["participants"]),
                    external_participants=external,
                    send_invitations=data["send_invitations"],
                    **services.meeting_fields(data),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            except Conflict as exc:
                messages.error(request, str(exc))
                return redirect("plans:episode", pk=episode.pk)
            else:
                messages.success(request, _("The network meeting was saved."))
                _tell_reach(request, meeting, sent=data["send_invitations"])
                return redirect("plans:meeting_detail", pk=meeting.pk)
    else:
        form = MeetingForm(network=network)
        formset = ExternalParticipantFormSet(prefix="external")
    return _render(
        request,
        "plans/meeting_form.html",
        client,
        episode,
        {
            "form": form,
            "formset": formset,
        },
        status=400 if request.method == "POST" else 200,
    )


def _names(participants) -> str:
    return ", ".join(p.display_name for p in participants)


def _tell_reach(request, meeting, *, sent: bool) -> None:
    """Say truthfully who got the invitation by e-mail and who must be invited otherwise."""
    reach = services.invitation_reach(meeting)
    if sent and reach.by_email:
        messages.info(
            request,
            _("The invitation with a calendar event was sent by e-mail to: %(names)s.")
            % {"names": _names(reach.by_email)},
        )
    elif not sent:
        messages.info(request, _("No invitations were sent by e-mail."))
    if sent and reach.without_email:
        messages.warning(
            request,
            _("No e-mail address, invite them yourself: %(names)s.")
            % {"names": _names(reach.without_email)},
        )


def _meeting_page(request, meeting, client, *, minutes_form=None, status=200):
    episode = meeting.episode
    plan = getattr(meeting, "plan", None) if hasattr(meeting, "plan") else None
    return _render(
        request,
        "plans/meeting_detail.html",
        client,
        episode,
        {
            "meeting": meeting,
            "plan": plan,
            "participants": list(meeting.participants.all()),
            "minutes_form": minutes_form or MinutesForm(initial={"minutes": meeting.minutes}),
            "can_change": may_change_plan(request.user, episode) and not episode.is_closed,
            "has_started": meeting.starts_at <= timezone.now(),
            "reach": services.invitation_reach(meeting),
        },
        status=status,
    )


@login_required
def meeting_detail(request, pk):
    client, meeting = _viewed(selectors.checked_meeting, request, pk, part="meeting")
    return _meeting_page(request, meeting, client)


@login_required
@require_POST
def meeting_minutes(request, pk):
    client, meeting = _coordinators_form(
        selectors.checked_meeting, request, pk, part="meeting_minutes"
    )
    form = MinutesForm(request.POST)
    if form.is_valid():
        try:
            services.meeting_record_minutes(
                actor=request.user, meeting=meeting, minutes=form.cleaned_data["minutes"]
            )
        except ValidationError as exc:
            _add_errors(form, exc)
        except Conflict as exc:
            messages.error(request, str(exc))
            return redirect("plans:meeting_detail", pk=meeting.pk)
        else:
            if meeting.starts_at > timezone.now():
                messages.success(
                    request,
                    _(
                        "The draft minutes were saved. Save them again after the meeting "
                        "has started to record the meeting on the service path."
                    ),
                )
            else:
                messages.success(request, _("The minutes were saved."))
            return redirect("plans:meeting_detail", pk=meeting.pk)
    return _meeting_page(request, meeting, client, minutes_form=form, status=400)


@login_required
@require_POST
def meeting_invite(request, pk):
    client, meeting = _coordinators_form(
        selectors.checked_meeting, request, pk, part="meeting_invitations"
    )
    if meeting.episode.is_closed:
        messages.error(request, _("The client relationship is closed. Reopen it first."))
    else:
        services.meeting_send_invitations(actor=request.user, meeting=meeting)
        _tell_reach(request, meeting, sent=True)
    return redirect("plans:meeting_detail", pk=meeting.pk)


@login_required
def meeting_edit(request, pk):
    """Change a planned meeting's time, place, topics or participants; they are told."""
    client, meeting = _coordinators_form(selectors.checked_meeting, request, pk, part="meeting")
    if meeting.is_cancelled or meeting.is_held:
        messages.error(request, _("A held or cancelled meeting cannot be changed."))
        return redirect("plans:meeting_detail", pk=meeting.pk)
    network = selectors.network_of(meeting.episode)
    status = 200
    if request.method == "POST":
        form = MeetingForm(request.POST, network=network, editing=True)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.meeting_update(
                    actor=request.user,
                    meeting=meeting,
                    professionals=list(data["participants"]),
                    notify=data["send_invitations"],
                    **services.meeting_fields(data),
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            except Conflict as exc:
                messages.error(request, str(exc))
                return redirect("plans:meeting_detail", pk=meeting.pk)
            else:
                messages.success(request, _("The changes to the meeting were saved."))
                _tell_reach(request, meeting, sent=data["send_invitations"])
                return redirect("plans:meeting_detail", pk=meeting.pk)
        status = 400
    else:
        form = MeetingForm(
            network=network,
            editing=True,
            initial={
                **{name: getattr(meeting, name) for name in services.MEETING_EDITABLE},
                "starts_at": timezone.localtime(meeting.starts_at),
                "participants": [
                    p.professional_id for p in meeting.participants.all() if p.professional_id
                ],
            },
        )
    return _render(
        request,
        "plans/meeting_form.html",
        client,
        meeting.episode,
        {
            "meeting": meeting,
            "form": form,
            "formset": None,
        },
        status=status,
    )


@login_required
def meeting_cancel(request, pk):
    """Cancel a planned meeting: a reason, then the participants and the client are told."""
    client, meeting = _coordinators_form(selectors.checked_meeting, request, pk, part="meeting")
    form = CancelMeetingForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.meeting_cancel(
                    actor=request.user, meeting=meeting, reason=form.cleaned_data["reason"]
                )
            except ValidationError as exc:
                _add_errors(form, exc)
            except Conflict as exc:
                messages.error(request, str(exc))
                return redirect("plans:meeting_detail", pk=meeting.pk)
            else:
                messages.success(
                    request,
                    _(
                        "The meeting was cancelled. The participants invited by e-mail and "
                        "the client were told."
                    ),
                )
                return redirect("plans:meeting_detail", pk=meeting.pk)
        status = 400
    return render(
        request,
        "plans/meeting_cancel.html",
        {"client": client, "episode": meeting.episode, "meeting": meeting, "form": form},
        status=status,
    )


@login_required
def meeting_pdf(request, pk):
    """The meeting minutes as PDF: key actions, responsibilities and follow-up."""
    client, meeting = _viewed(
        selectors.checked_meeting, request, pk, part="meeting_minutes", channel=Channel.PDF
    )
    content = minutes_pdf(meeting, client)
    date = timezone.localtime(meeting.starts_at)
    return pdf_response(content, f"muistio-{date:%Y-%m-%d}.pdf")


# --- Plans --------------------------------------------------------------------------------


@login_required
def plan_create(request, pk):
    """Write this meeting's plan version: a prefilled form; the version exists only once
    it is saved (cancelling leaves nothing behind)."""
    client, meeting = _coordinators_form(selectors.checked_meeting, request, pk, part="client_plan")
    existing = getattr(meeting, "plan", None) if hasattr(meeting, "plan") else None
    if existing is not None:
        return redirect("plans:plan_detail", pk=existing.pk)
    status = 200
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            data.pop("version")
            try:
                plan = services.plan_create(actor=request.user, meeting=meeting, **data)
            except ValidationError as exc:
                _add_errors(form, exc)
            except Conflict as exc:
                messages.error(request, str(exc))
                return redirect("plans:meeting_detail", pk=meeting.pk)
            else:
                messages.success(
                    request,
                    _("Plan version %(number)s was saved.") % {"number": plan.number},
                )
                return redirect("plans:plan_detail", pk=plan.pk)
        status = 400
    else:
        form = PlanForm(initial={"version": 1, **selectors.plan_prefill(meeting)})
    participants = list(meeting.participants.all())
    return _render(
        request,
        "plans/plan_form.html",
        client,
        meeting.episode,
        {
            "plan": None,
            "number": selectors.plan_versions(meeting.episode).count() + 1,
            "meeting": meeting,
            "participant_rows": _participant_rows(meeting, participants),
            "form": form,
            "conflict": None,
            "cancel_url": reverse("plans:meeting_detail", args=[meeting.pk]),
        },
        status=status,
    )


def _grouped(actions):
    by_category = {}
    for action in actions:
        by_category.setdefault(action.category, []).append(action)
    return [
        (title, [a for c in categories for a in by_category.get(c, [])])
        for title, categories in ACTION_GROUPS
    ]


def _participant_rows(meeting, participants):
    """The LIITE 13 participant checklist: every role, with who took part in it."""
    rows = []
    for value, label in ParticipantRole.choices:
        names = [p for p in participants if p.role == value]
        rows.append((label, names))
    return rows


@login_required
def plan_detail(request, pk):
    client, plan = _viewed(selectors.checked_plan, request, pk, part="client_plan")
    episode = plan.episode
    actions = list(selectors.plan_actions(plan))
    participants = list(plan.meeting.participants.all())
    versions = list(selectors.plan_versions(episode))
    is_current = versions[-1].pk == plan.pk
    # By due date unless LIITE 13's grouping by category is asked for.
    by_category = request.GET.get("by") == "category"
    groups = _grouped(actions) if by_category else [(_("All actions by due date"), actions)]
    return _render(
        request,
        "plans/plan_detail.html",
        client,
        episode,
        {
            "plan": plan,
            "meeting": plan.meeting,
            "participant_rows": _participant_rows(plan.meeting, participants),
            "action_groups": groups,
            "by_category": by_category,
            "has_actions": bool(actions),
            "versions": versions,
            "is_current": is_current,
            "current_version": versions[-1],
            "has_previous": plan.number > 1,
            "can_change": is_current
            and may_change_plan(request.user, episode)
            and not episode.is_closed,
            "status_choices": ActionStatus.choices,
            "user_id": request.user.pk,
            "is_coordinator": may_change_plan(request.user, episode),
            "today": timezone.localdate(),
        },
    )


def _plan_form_initial(plan) -> dict:
    return {"version": plan.version, **{name: getattr(plan, name) for name in plan.TEXT_FIELDS}}


@login_required
def plan_edit(request, pk):
    client, plan = _coordinators_form(selectors.checked_plan, request, pk, part="client_plan")
    if not selectors.is_current(plan):
        messages.error(
            request,
            _("This is an earlier version of the plan. Earlier versions are kept as they were."),
        )
        return redirect("plans:plan_detail", pk=plan.pk)
    conflict = None
    status = 200
    if request.method == "POST":
        form = PlanForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                services.plan_update(actor=request.user, plan=plan, version=version, **data)
            except services.PlanConflict as exc:
                conflict = exc
                # Keep everything the user wrote; the next save is based on what is saved now.
                post = request.POST.copy()
                post["version"] = str(exc.plan.version)
                form = PlanForm(post)
                form.is_valid()
                status = 409
            except ValidationError as exc:
                _add_errors(form, exc)
                status = 400
            except Conflict as exc:
                messages.error(request, str(exc))
                return redirect("plans:plan_detail", pk=plan.pk)
            else:
                messages.success(request, _("The plan was saved."))
                return redirect("plans:plan_detail", pk=plan.pk)
        else:
            status = 400
    else:
        form = PlanForm(initial=_plan_form_initial(plan))
    participants = list(plan.meeting.participants.all())
    return _render(
        request,
        "plans/plan_form.html",
        client,
        plan.episode,
        {
            "plan": plan,
            "meeting": plan.meeting,
            "participant_rows": _participant_rows(plan.meeting, participants),
            "form": form,
            "conflict": conflict,
            "number": plan.number,
            "cancel_url": reverse("plans:plan_detail", args=[plan.pk]),
        },
        status=status,
    )


@login_required
def plan_compare(request, pk):
    """This version next to the previous one, field by field."""
    client, plan = _viewed(selectors.checked_plan, request, pk, part="client_plan")
    previous = selectors.previous_version(plan)
    if previous is None:
        messages.info(request, _("This is the first version of the plan."))
        return redirect("plans:plan_detail", pk=plan.pk)
    added = list(selectors.plan_actions(plan).filter(plan=plan))
    return _render(
        request,
        "plans/plan_compare.html",
        client,
        plan.episode,
        {
            "plan": plan,
            "previous": previous,
            "rows": compare_plans(previous, plan),
            "added_actions": added,
        },
    )


@login_required
def plan_pdf(request, pk):
    """The client's own plan in plain language, in the client's language."""
    client, plan = _viewed(
        selectors.checked_plan, request, pk, part="client_plan_pdf", channel=Channel.PDF
    )
    content = client_pdf(plan, client)
    return pdf_response(content, f"suunnitelma-{plan.number}.pdf")


@login_required
def record_summary(request, pk):
    """The plan as plain text to copy into the patient record."""
    client, plan = _viewed(selectors.checked_plan, request, pk, part="record_summary")
    return _render(
        request,
        "plans/record_summary.html",
        client,
        plan.episode,
        {
            "plan": plan,
            "text": record_summary_text(plan, client),
        },
    )


# --- Actions ------------------------------------------------------------------------------


@login_required
def action_create(request, pk):
    client, plan = _coordinators_form(selectors.checked_plan, request, pk, part="plan_action")
    network = selectors.network_of(plan.episode)
    if request.method == "POST":
        form = ActionForm(request.POST, network=network)
        if form.is_valid():
            try:
                services.action_create(actor=request.user, plan=plan, **form.service_kwargs())
            except ValidationError as exc:
                _add_errors(form, exc)
            except Conflict as exc:
                messages.error(request, str(exc))
                return redirect("plans:plan_detail", pk=plan.pk)
            else:
                messages.success(request, _("The action was added to the plan."))
                if "add_another" in request.POST:
                    return redirect("plans:action_create", pk=plan.pk)
                return redirect("plans:plan_detail", pk=plan.pk)
    else:
        form = ActionForm(network=network)
    return _render(
        request,
        "plans/action_form.html",
        client,
        plan.episode,
        {
            "plan": plan,
            "form": form,
        },
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def action_status(request, pk):
    """Change an action's status: the responsible person (e.g. from "My work") or a coordinator."""
    _client, action = selectors.checked_action_change(request.user, pk, channel=Channel.PAGE)
    form = ActionStatusForm(request.POST)
    target = request.POST.get("next", "")
    # Only a path on this site; anything else (a view name, a number) would make
    # redirect() try to reverse it and fail with a 500.
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = ""
    if form.is_valid():
        try:
            services.action_set_status(
                actor=request.user,
                action=action,
                status=form.cleaned_data["status"],
                note=form.cleaned_data["note"],
            )
        except (ValidationError, Conflict) as exc:
            messages.error(request, " ".join(getattr(exc, "messages", [str(exc)])))
        else:
            messages.success(request, _("The status of the action was updated."))
    else:
        messages.error(request, _("Choose a status."))
    if target:
        return HttpResponseRedirect(target)
    return redirect("plans:plan_detail", pk=action.plan_id)
