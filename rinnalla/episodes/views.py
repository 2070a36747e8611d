"""Write pages of one client relationship (asiakkuus): path events, responsible persons,
closing, reopening and pausing. Each redirects back to the client's page."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.clients.models import Client
from rinnalla.consent.scans import EXTENSIONS
from rinnalla.core.errors import Conflict
from rinnalla.episodes import selectors, services
from rinnalla.episodes.forms import (
    EVENT_ERROR_FIELDS,
    AttachmentForm,
    CloseForm,
    EndResponsibilityForm,
    EventForm,
    ReopenForm,
    ResponsiblePersonForm,
    add_service_errors,
)
from rinnalla.episodes.models import Episode, EventAttachment, PathEvent


def _episode_for(request, pk: int, *, part: str) -> tuple[Episode, Client]:
    """THE access check of one episode page: coordinators of the episode's service.

    GET is a view and POST a change of the client's data; both go through client_for
    once, which refuses (and logs the refusal of) anyone else.
    """
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    keys = selectors.episode_keys(pk)
    if keys is None:
        raise Http404
    client_id, service_id = keys
    client = client_for(
        request.user, client_id, action=action, part=part, coordinators_of=service_id
    )
    return selectors.episode_for_page(pk=pk, client=client), client


def _to_client(client: Client):
    return redirect("clients:detail", pk=client.pk)


@login_required
def event_create(request, pk: int):
    episode, client = _episode_for(request, pk, part="service_path")
    form = EventForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.event_create(actor=request.user, episode=episode, **form.service_arguments())
        except Conflict as exc:
            messages.error(request, str(exc))
            status = 409
        except ValidationError as exc:
            add_service_errors(form, exc, renames=EVENT_ERROR_FIELDS)
        else:
            messages.success(request, _("The event was added to the service path."))
            return _to_client(client)
    return render(
        request,
        "episodes/event_form.html",
        {"episode": episode, "client": client, "form": form},
        status=status,
    )


@login_required
def responsible(request, pk: int):
    episode, client = _episode_for(request, pk, part="responsible_persons")
    persons = list(selectors.responsible_persons(episode))
    active = [p for p in persons if p.ended_at is None]
    by_id = {p.pk: p for p in active}
    add_form = None
    bound_end_form = None
    status = 200
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "add":
                add_form = ResponsiblePersonForm(
                    request.POST, candidates=selectors.responsible_candidates()
                )
                if add_form.is_valid():
                    data = add_form.cleaned_data
                    services.responsible_person_add(
                        actor=request.user,
                        episode=episode,
                        professional=data["professional"],
                        area=data["area"],
                        primary=data["primary"],
                        note=data["note"],
                    )
                    messages.success(request, _("The responsible person was added."))
                    return _to_client(client)
            elif action in ("make_primary", "end"):
                person = by_id.get(_int_or_none(request.POST.get("person")))
                if person is None:
                    messages.error(
                        request,
                        _("Choose a person who is responsible in this client relationship."),
                    )
                elif action == "make_primary":
                    services.responsible_person_make_primary(actor=request.user, person=person)
                    messages.success(request, _("The primary contact was changed."))
                    return _to_client(client)
                else:
                    bound_end_form = EndResponsibilityForm(
                        request.POST, person=person, others=[p for p in active if p != person]
                    )
                    if bound_end_form.is_valid():
                        services.responsible_person_end(
                            actor=request.user,
                            person=person,
                            note=bound_end_form.cleaned_data["note"],
                            successor=bound_end_form.cleaned_data.get("successor"),
                        )
                        messages.success(request, _("The responsibility was ended."))
                        return _to_client(client)
            else:
                messages.error(request, _("Choose what to do."))
        except Conflict as exc:
            messages.error(request, str(exc))
            status = 409
        except ValidationError as exc:
            target = add_form if action == "add" else bound_end_form
            if target is None:
                messages.error(request, " ".join(exc.messages))
            else:
                add_service_errors(target, exc)
    if add_form is None:
        add_form = ResponsiblePersonForm(candidates=selectors.responsible_candidates())
    for person in active:
        if bound_end_form is not None and bound_end_form.person.pk == person.pk:
            person.end_form = bound_end_form
        else:
            person.end_form = EndResponsibilityForm(
                person=person, others=[p for p in active if p != person]
            )
    return render(
        request,
        "episodes/responsible.html",
        {
            "episode": episode,
            "client": client,
            "active": active,
            "ended": [p for p in persons if p.ended_at is not None],
            "handovers": selectors.handovers(episode),
            "add_form": add_form,
        },
        status=status,
    )


def _int_or_none(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@login_required
def close(request, pk: int):
    episode, client = _episode_for(request, pk, part="episode_closing")
    form = CloseForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.episode_close(actor=request.user, episode=episode, **form.cleaned_data)
        except Conflict as exc:
            messages.error(request, str(exc))
            status = 409
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The client relationship was closed."))
            return _to_client(client)
    return render(
        request,
        "episodes/close.html",
        {"episode": episode, "client": client, "form": form},
        status=status,
    )


@login_required
def reopen(request, pk: int):
    episode, client = _episode_for(request, pk, part="episode_closing")
    form = ReopenForm(request.POST if request.method == "POST" else None)
    status = 200
    if form.is_bound and form.is_valid():
        try:
            services.episode_reopen(
                actor=request.user, episode=episode, reason=form.cleaned_data["reason"]
            )
        except Conflict as exc:
            messages.error(request, str(exc))
            status = 409
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The client relationship was reopened."))
            return _to_client(client)
    return render(
        request,
        "episodes/reopen.html",
        {
            "episode": episode,
            "client": client,
            "form": form,
            "closing": selectors.open_closing(episode),
        },
        status=status,
    )


@login_required
@require_POST
def pause(request, pk: int):
    episode, client = _episode_for(request, pk, part="episode_status")
    pausing = episode.status != Episode.Status.PAUSED
    try:
        services.episode_set_paused(actor=request.user, episode=episode, paused=pausing)
    except Conflict as exc:
        messages.error(request, str(exc))
    else:
        if pausing:
            messages.success(request, _("The client relationship was paused."))
        else:
            messages.success(request, _("The client relationship was resumed."))
    return _to_client(client)


# --- attachments ---------------------------------------------------------------------------


def _event_keys(event_pk: int) -> tuple[int, int, int]:
    """(event's episode id, client id, service id), or 404."""
    keys = (
        PathEvent.objects.filter(pk=event_pk)
        .values_list("episode_id", "episode__client_id", "episode__service_id")
        .first()
    )
    if keys is None:
        raise Http404
    return keys


@login_required
@require_http_methods(["GET", "POST"])
def attachment_add(request, pk: int):
    """Attach a received document to a path event (the relationship's coordinators)."""
    episode_id, client_id, service_id = _event_keys(pk)
    action = Action.CHANGE if request.method == "POST" else Action.VIEW
    client = client_for(
        request.user, client_id, action=action, part="attachments", coordinators_of=service_id
    )
    event = PathEvent.objects.select_related("episode").get(pk=pk)
    posted = request.method == "POST"
    form = AttachmentForm(request.POST if posted else None, request.FILES if posted else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.attachment_add(
                actor=request.user,
                event=event,
                title=form.cleaned_data["title"],
                upload=form.cleaned_data["file"],
            )
        except Conflict as exc:
            messages.error(request, str(exc))
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The document was attached."))
            return _to_client(client)
    return render(
        request,
        "episodes/attachment_form.html",
        {"client": client, "event": event, "episode": event.episode, "form": form},
    )


@login_required
@require_http_methods(["GET"])
def attachment(request, pk: int):
    """The attached file, through the access rule, as a download that is never cached."""
    keys = EventAttachment.objects.filter(pk=pk).values_list("event__episode__client_id").first()
    if keys is None:
        raise Http404
    client = client_for(
        request.user, keys[0], action=Action.VIEW, part="attachment", channel=Channel.EXPORT
    )
    document = EventAttachment.objects.get(pk=pk, event__episode__client=client)
    try:
        handle = document.file.storage.open(document.file.name, "rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    extension = EXTENSIONS.get(document.scan_content_type, "")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"attachment-{document.pk}{extension}",
        content_type=document.scan_content_type or "application/octet-stream",
    )
    response["Cache-Control"] = "no-store"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Content-Type-Options"] = "nosniff"
    return response
