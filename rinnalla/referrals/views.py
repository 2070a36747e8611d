"""Referral pages: the triage queue, receiving or sending a referral, the sender's
own referrals, and one referral with its triage."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from rinnalla.access.policy import Action, client_for, list_access, log_shown, record_write
from rinnalla.catalogue.criteria import overlap_at_organisation
from rinnalla.clients.models import Client
from rinnalla.core.errors import Conflict
from rinnalla.episodes.forms import add_service_errors
from rinnalla.referrals import selectors, services
from rinnalla.referrals.forms import ReferralForm, TriageForm
from rinnalla.referrals.models import Decision, Referral

PAGE_SIZE = 25
PART = "referral"
ALREADY_TRIAGED = gettext_lazy(
    "This referral has already been triaged by someone else. Nothing was changed."
)


def _referral_client(user, pk: int, *, action: str) -> Client:
    """THE access check of one referral: coordinators of the receiving service only.

    Anyone else is refused by client_for (and the refusal logged): 404 when they have
    no connection to the client, 403 when they may see the client in another service.
    """
    keys = selectors.referral_keys(pk)
    if keys is None:
        raise Http404
    client_id, service_id = keys
    return client_for(user, client_id, action=action, part=PART, coordinators_of=service_id)


@login_required
def queue(request):
    user = request.user
    listing = list_access(user, part="referral_queue", coordinators_only=True)
    today = timezone.localdate()
    page = Paginator(selectors.referral_queue(service_id=user.organisation_id), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    rows = selectors.queue_rows(page.object_list, today=today)
    log_shown(listing, [referral.client_id for referral in page.object_list])
    waiting = selectors.waiting_for_first_contact(service_id=user.organisation_id, today=today)
    return render(
        request,
        "referrals/queue.html",
        {
            "page": page,
            "rows": rows,
            "waiting": waiting,
            "target_days": settings.RINNALLA_FIRST_CONTACT_TARGET_DAYS,
        },
    )


@login_required
def create(request):
    user = request.user
    if not (user.is_coordinator or user.is_network_professional):
        raise PermissionDenied(_("Your role cannot send or record referrals."))
    form = ReferralForm(request.POST if request.method == "POST" else None, user=user)
    if form.is_bound and form.is_valid():
        arguments = form.service_arguments()
        if arguments["service"] is None:
            form.add_error(None, _("There is no work ability coordination service to receive it."))
        else:
            try:
                referral = services.referral_receive(actor=user, **arguments)
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                record_write(user, client=referral.client, part=PART)
                if user.is_coordinator:
                    messages.success(request, _("The referral was recorded."))
                    return redirect("referrals:detail", pk=referral.pk)
                messages.success(
                    request,
                    _("Your referral was sent to %(service)s. You can follow its status here.")
                    % {"service": referral.service.name},
                )
                return redirect("referrals:sent")
    return render(request, "referrals/create.html", {"form": form})


@login_required
def sent(request):
    user = request.user
    list_access(user, part="referral_status")
    page = Paginator(selectors.sent_referrals(user=user), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, "referrals/sent.html", {"page": page})


# The service names the API's fields; the page's form calls two of them otherwise.
TRIAGE_FIELDS = {"coordinator_id": "coordinator", "redirect_service_id": "redirect_service"}


def _triage_form(request, referral: Referral, existing, data=None) -> TriageForm:
    return TriageForm(
        data, user=request.user, service_id=referral.service_id, attach=existing is not None
    )


def _render_detail(request, referral: Referral, client: Client, form, *, existing, status=200):
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "client": client,
            "form": form,
            "existing": existing,
            "name_differs": bool(referral.given_name)
            and referral.given_name.casefold() != client.full_name.casefold(),
            "waiting_days": (timezone.localdate() - referral.received_on).days,
            "deadline": selectors.referral_deadline(referral, today=timezone.localdate()),
            # Overlap rules of the receiving service (issue 12): e.g. TYP clients.
            "overlap_warnings": []
            if referral.is_triaged
            else overlap_at_organisation(client, referral.service_id),
        },
        status=status,
    )


@login_required
def detail(request, pk: int):
    client = _referral_client(request.user, pk, action=Action.VIEW)
    referral = selectors.referral_for_page(pk=pk, client=client)
    existing = None
    form = None
    if not referral.is_triaged:
        existing = selectors.open_relationship(client=client, service_id=referral.service_id)
        form = _triage_form(request, referral, existing)
    return _render_detail(request, referral, client, form, existing=existing)


@login_required
@require_POST
def triage(request, pk: int):
    user = request.user
    client = _referral_client(user, pk, action=Action.CHANGE)
    referral = selectors.referral_for_page(pk=pk, client=client)
    if referral.is_triaged:
        messages.error(request, ALREADY_TRIAGED)
        return _render_detail(request, referral, client, None, existing=None, status=409)
    existing = selectors.open_relationship(client=client, service_id=referral.service_id)
    form = _triage_form(request, referral, existing, request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            triaged = services.referral_triage(
                actor=user,
                referral=referral,
                decision=data["decision"],
                reason=data["reason"],
                redirect_to=data["redirect_to"],
                redirect_service=data.get("redirect_service"),
                coordinator=data.get("coordinator"),
            )
        except Conflict:
            messages.error(request, ALREADY_TRIAGED)
            referral = selectors.referral_for_page(pk=pk, client=client)
            return _render_detail(request, referral, client, None, existing=None, status=409)
        except ValidationError as exc:
            add_service_errors(
                form,
                exc,
                renames=TRIAGE_FIELDS,
            )
        else:
            if triaged.status == Referral.Status.ACCEPTED:
                messages.success(
                    request,
                    _("The referral was accepted and a client relationship was opened."),
                )
                return redirect("clients:detail", pk=client.pk)
            if triaged.status == Referral.Status.ATTACHED:
                messages.success(
                    request,
                    _("The referral was attached to the client's open client relationship."),
                )
                return redirect("clients:detail", pk=client.pk)
            if data["decision"] == Decision.REDIRECT:
                messages.success(
                    request,
                    _("The referral was redirected to %(service)s.")
                    % {"service": triaged.redirected_to},
                )
            else:
                messages.success(request, _("The referral was declined."))
            return redirect("referrals:queue")
    return _render_detail(request, referral, client, form, existing=existing)
