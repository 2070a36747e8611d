"""The client list, registering and editing a client, and the client page."""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from rinnalla.access.policy import (
    AccessRefused,
    Action,
    Channel,
    client_for,
    is_service_coordinator,
    list_access,
    log_shown,
    own_coordinator_clients,
    protected_view,
)
from rinnalla.clients import selectors
from rinnalla.clients.forms import ClientForm, ClientSearchForm
from rinnalla.clients.services import DuplicateClient, client_create, client_update
from rinnalla.core.paging import BoundedPaginator
from rinnalla.episodes.models import Episode, PathEvent
from rinnalla.measurements.selectors import client_measurement_summary
from rinnalla.plans.selectors import episode_summaries
from rinnalla.situation.models import Segment
from rinnalla.workability.selectors import episode_cards

PAGE_SIZE = 25


def _forbidden(request, message: str):
    return render(request, "clients/forbidden.html", {"message": message}, status=403)


def _no_client_data_message() -> str:
    return _(
        "Your role does not give access to clients' personal data. Managers see "
        "aggregated reports only, and administrators manage users and settings."
    )


def _code_in_address_message() -> str:
    return _(
        "Search by personal identity code or date of birth with the search button, "
        "not in the address: the address is written to logs."
    )


def _coordinators_only_message() -> str:
    return _("Only work ability coordinators can register clients and change their details.")


@login_required
@require_http_methods(["GET", "POST"])
def client_list(request):
    """The client list and its search.

    The search form is posted: a henkilötunnus or a date of birth is answered at once,
    so that it never travels in a URL (server logs, history); a name search redirects to
    ``?q=`` so that its pages can be linked and paged.
    """
    user = request.user
    try:
        listing = list_access(user, part="client_list")
    except AccessRefused as exc:
        return _forbidden(request, str(exc))
    search = ClientSearchForm(request.POST if request.method == "POST" else request.GET)
    search.is_valid()
    query = search.cleaned_data.get("q", "").strip()
    segment = search.cleaned_data.get("segment", "")
    code_in_address = request.method == "GET" and selectors.contains_digits(query)
    if code_in_address:
        # A henkilötunnus or a date of birth in the address ends up in server logs.
        search.add_error("q", _code_in_address_message())
    if code_in_address or "segment" in search.errors:
        # An unknown segment comes from an edited or outdated link: say so, list nothing.
        empty = BoundedPaginator([], PAGE_SIZE).get_page(1)
        context = {"search": search, "query": "", "segment": "", "page": empty, "rows": []}
        return render(request, "clients/list.html", context, status=400)
    if request.method == "POST" and not selectors.contains_digits(query):
        target = reverse("clients:list")
        params = urlencode({k: v for k, v in (("q", query), ("segment", segment)) if v})
        return redirect(f"{target}?{params}" if params else target)
    ids = selectors.client_list(user, query=query, segment=segment).values_list("pk", flat=True)
    page = BoundedPaginator(ids, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = selectors.client_list_rows(ids=list(page.object_list))
    log_shown(listing, [client.pk for client in rows])
    _hide_protected_municipalities(user, rows)
    today = timezone.localdate()
    for client in rows:
        client.episode_status_label = (
            Episode.Status(client.episode_status).label if client.episode_status else ""
        )
        client.segment_label = Segment(client.segment_code).label if client.segment_code else ""
        client.deadline = selectors.deadline_for(
            status=client.episode_status,
            clock_starts_on=client.episode_clock_starts_on,
            first_contact_at=client.episode_first_contact_at,
            today=today,
        )
    # A coordinator who searches a full henkilötunnus registered in another service is
    # offered the logged emergency access instead of a dead end.
    emergency_client_id = (
        selectors.client_id_by_code(query) if user.is_coordinator and not rows else None
    )
    return render(
        request,
        "clients/list.html",
        {
            "search": search,
            "query": query,
            "segment": segment,
            "segment_label": Segment(segment).label if segment else "",
            "page": page,
            "rows": rows,
            "emergency_client_id": emergency_client_id,
        },
    )


def _hide_protected_municipalities(user, rows) -> None:
    """Turvakielto: the place of residence is shown to the client's own coordinators only."""
    protected = [client.pk for client in rows if client.non_disclosure]
    if not protected:
        return
    own = set(own_coordinator_clients(user).filter(pk__in=protected).values_list("pk", flat=True))
    for client in rows:
        if client.non_disclosure and client.pk not in own:
            client.municipality = ""


def _add_service_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


@login_required
@require_http_methods(["GET", "POST"])
def client_create_view(request):
    user = request.user
    if not user.is_coordinator or user.organisation is None:
        return _forbidden(request, _coordinators_only_message())
    form = ClientForm(request.POST or None)
    existing = None
    existing_visible = False
    if request.method == "POST" and form.is_valid():
        try:
            client = client_create(actor=user, service=user.organisation, **form.cleaned_data)
        except DuplicateClient as exc:
            existing = exc.existing
            # The link helps only when the user may open that client; otherwise say where.
            existing_visible = selectors.duplicate_visible(user, existing, channel=Channel.PAGE)
            _add_service_errors(form, exc)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(
                request, _("The client %(name)s was registered.") % {"name": client.full_name}
            )
            return redirect("clients:detail", pk=client.pk)
    return render(
        request,
        "clients/form.html",
        {
            "form": form,
            "client": None,
            "existing": existing,
            "existing_visible": existing_visible,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def client_edit(request, pk: int):
    user = request.user
    try:
        # Only the client's own service may change the basic details (not consent-based
        # or emergency access); client_for logs the attempt and refuses everyone else.
        client = client_for(
            user, pk, action=Action.CHANGE, part="client_details", coordinator_only=True
        )
    except PermissionDenied as exc:
        return _forbidden(request, str(exc) or _no_client_data_message())
    form = ClientForm(request.POST or None, instance=client)
    existing = None
    existing_visible = False
    if request.method == "POST" and form.is_valid():
        try:
            client = client_update(actor=user, client=client, **form.cleaned_data)
        except DuplicateClient as exc:
            existing = exc.existing
            existing_visible = selectors.duplicate_visible(user, existing, channel=Channel.PAGE)
            _add_service_errors(form, exc)
        except ValidationError as exc:
            _add_service_errors(form, exc)
        else:
            messages.success(request, _("The client's details were saved."))
            return redirect("clients:detail", pk=client.pk)
    return render(
        request,
        "clients/form.html",
        {
            "form": form,
            "client": client,
            "existing": existing,
            "existing_visible": existing_visible,
        },
    )


def _has_referral(episode: Episode) -> bool:
    try:
        return episode.referral is not None
    except Episode.referral.RelatedObjectDoesNotExist:
        return False


def _path_key(item) -> tuple:
    if isinstance(item, PathEvent):
        return (timezone.localdate(item.occurred_at), 1, item.occurred_at.timestamp())
    return (item.received_on, 0, 0)


@login_required
@require_http_methods(["GET"])
def client_detail(request, pk: int):
    user = request.user
    try:
        client = client_for(user, pk, action=Action.VIEW, part="client_page")
    except PermissionDenied as exc:
        return _forbidden(request, str(exc) or _no_client_data_message())
    client = protected_view(user, client)
    page = selectors.client_page(client=client)
    today = timezone.localdate()
    plan_summaries = episode_summaries(page.episodes)
    work_ability = episode_cards(page.episodes)
    for episode in page.episodes:
        episode.plan_summary = plan_summaries[episode.pk]
        episode.work_ability = work_ability[episode.pk]
        episode.deadline = selectors.deadline_for(
            status=episode.status,
            clock_starts_on=episode.contact_clock_starts_on,
            first_contact_at=episode.first_contact_at,
            today=today,
        )
        episode.may_act = is_service_coordinator(user, episode.service_id)
        episode.active_persons = [p for p in episode.responsible_persons.all() if p.is_active]
        episode.ended_persons = [p for p in episode.responsible_persons.all() if not p.is_active]
        closings = list(episode.closings.all())
        episode.current_closing = next((c for c in closings if c.reopened_at is None), None)
        episode.earlier_closings = [c for c in closings if c.reopened_at is not None]
        events = list(episode.events.all())
        received_on = episode.referral.received_on if _has_referral(episode) else None
        episode.path_before_referral = [
            e for e in events if received_on and timezone.localdate(e.occurred_at) < received_on
        ]
        # Later referrals attached to this open relationship take their place in time
        # (the template tells them from events by the events' ``kind_label``).
        episode.path_after_referral = sorted(
            [*events[len(episode.path_before_referral) :], *episode.attached_list],
            key=_path_key,
        )
    # Someone who sees the client through consent and taking part (not the client's own
    # coordinators) is told why: the consent, the meeting, the action.
    may_edit = is_service_coordinator(user, client.service_id) or any(
        episode.may_act for episode in page.episodes
    )
    own = may_edit or (
        user.is_coordinator and own_coordinator_clients(user).filter(pk=client.pk).exists()
    )
    why = None if own else selectors.visibility_reasons(user=user, client=client)
    return render(
        request,
        "clients/detail.html",
        {
            "client": client,
            "why": why,
            "now": timezone.now(),
            "episodes": page.episodes,
            "other_referrals": page.other_referrals,
            "measurement_summary": client_measurement_summary(client=client),
            "today": today,
            "may_edit": may_edit,
        },
    )
