"""Access pages: login with lock-out and second factor, emergency access, the access log."""

import base64
import csv

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_totp.models import TOTPDevice

from rinnalla.access import services
from rinnalla.access.forms import (
    BreakGlassForm,
    LoginForm,
    LogPeriodForm,
    TotpTokenForm,
    default_period,
)
from rinnalla.access.labels import (
    entry_organisation_name,
    entry_user_name,
    part_label,
    purpose_label,
)
from rinnalla.access.policy import (
    Action,
    Channel,
    break_glass_client,
    break_glass_open,
    client_for,
    visible_clients,
)
from rinnalla.access.selectors import client_log_entries
from rinnalla.core.errors import Conflict
from rinnalla.core.pdf import pdf_response, render_pdf

LOG_PAGE_SIZE = 50


class LoginView(auth_views.LoginView):
    """Django's login view with the lock-out message and the optional authenticator code."""

    form_class = LoginForm
    template_name = "access/login.html"
    redirect_authenticated_user = True


def locked_out(request, response=None, credentials=None):
    """django-axes calls this when a username is locked out: the login page with a message."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(
        request,
        "access/login.html",
        {
            "form": LoginForm(request),
            "locked_out": True,
            "lockout_minutes": minutes,
        },
        status=429,
    )


# --- Emergency ("break-glass") access -----------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def break_glass(request, client_pk: int):
    user = request.user
    if user.is_coordinator and visible_clients(user).filter(pk=client_pk).exists():
        messages.info(request, _("You already have access to this client."))
        return redirect("clients:detail", pk=client_pk)
    form = BreakGlassForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            grant = break_glass_open(user, client_pk, reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            form.add_error("reason", exc.message_dict.get("reason"))
        else:
            messages.warning(
                request,
                _("Emergency access is open until %(time)s. Every view is logged with your reason.")
                % {"time": timezone.localtime(grant.expires_at).strftime("%H:%M")},
            )
            return redirect("clients:detail", pk=client_pk)
    else:
        # Refuses (and logs) anyone who is not a coordinator; shows no client data.
        break_glass_client(user, client_pk)
    return render(
        request,
        "access/break_glass.html",
        {
            "form": form,
            "client_pk": client_pk,
            "minutes": settings.RINNALLA_BREAK_GLASS_MINUTES,
        },
    )


# --- "Who has seen my data" ---------------------------------------------------------------


def _period(request):
    """The period form (default: the last 12 months) and its dates, or None when invalid."""
    default_start, default_end = default_period()
    data = {"start": default_start.isoformat(), "end": default_end.isoformat()}
    data.update({key: request.GET[key] for key in ("start", "end") if request.GET.get(key)})
    form = LogPeriodForm(data)
    if form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, None, None


def _user_text(entry) -> str:
    name, organisation = entry_user_name(entry), entry_organisation_name(entry)
    return f"{name}, {organisation}" if organisation else name


def _action_text(entry) -> str:
    if getattr(entry, "listed_here", False):
        return _("Appeared in a list or search result")
    return entry.get_action_display()


def _rows(entries):
    for entry in entries:
        yield {
            "entry": entry,
            "user": _user_text(entry),
            "action": _action_text(entry),
            "part": part_label(entry.part),
            "purpose": purpose_label(entry.purpose),
        }


@login_required
def client_log(request, client_pk: int):
    wants_csv = request.GET.get("format") == "csv"
    client = client_for(
        request.user,
        client_pk,
        action=Action.VIEW,
        part="access_log",
        channel=Channel.EXPORT if wants_csv else Channel.PAGE,
        coordinator_only=True,
    )
    form, start, end = _period(request)
    if wants_csv and start is not None:
        return _csv_response(client, start, end)
    page = None
    if start is not None:
        paginator = Paginator(
            client_log_entries(client=client, start=start, end=end), LOG_PAGE_SIZE
        )
        page = paginator.get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    query.pop("format", None)
    return render(
        request,
        "access/client_log.html",
        {
            "client": client,
            "form": form,
            "start": start,
            "end": end,
            "page": page,
            "rows": list(_rows(page.object_list)) if page else [],
            "query": query.urlencode(),
            "csv_query": "&".join(filter(None, [query.urlencode(), "format=csv"])),
        },
    )


def _csv_safe(value) -> str:
    """Keep a spreadsheet from running a cell as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_response(client, start, end) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="access-log-{client.pk}-{start:%Y%m%d}-{end:%Y%m%d}.csv"'
    )
    response["Cache-Control"] = "no-store"
    response.write("\ufeff")  # lets spreadsheet programs see UTF-8
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            pgettext("access log", "Time"),
            pgettext("access log", "User"),
            _("Organisation"),
            pgettext("access log", "Action"),
            pgettext("access log", "Part"),
            pgettext("access log", "Channel"),
            pgettext("access log", "Purpose"),
            pgettext("access log", "Outcome"),
            _("Emergency access"),
        ]
    )
    for entry in client_log_entries(client=client, start=start, end=end).iterator(2000):
        writer.writerow(
            [
                _csv_safe(value)
                for value in (
                    timezone.localtime(entry.at).strftime("%d.%m.%Y %H:%M:%S"),
                    entry_user_name(entry),
                    entry_organisation_name(entry),
                    _action_text(entry),
                    part_label(entry.part),
                    entry.get_channel_display(),
                    purpose_label(entry.purpose),
                    entry.get_outcome_display(),
                    _("Yes") if entry.break_glass else _("No"),
                )
            ]
        )
    return response


@login_required
def client_log_pdf(request, client_pk: int):
    client = client_for(
        request.user,
        client_pk,
        action=Action.VIEW,
        part="access_log",
        channel=Channel.PDF,
        coordinator_only=True,
    )
    form, start, end = _period(request)
    if start is None:
        messages.error(request, _("Check the period."))
        return redirect("access:client_log", client_pk=client.pk)
    entries = client_log_entries(client=client, start=start, end=end)
    content = render_pdf(
        "access/client_log_pdf.html",
        {
            "client": client,
            "start": start,
            "end": end,
            "rows": list(_rows(entries)),
            "generated_at": timezone.now(),
            "generated_by": request.user,
        },
        request=request,
    )
    return pdf_response(content, f"access-log-{client.pk}-{start:%Y%m%d}-{end:%Y%m%d}.pdf")


# --- Two-step verification ----------------------------------------------------------------


def _secret_groups(device: TOTPDevice) -> str:
    secret = base64.b32encode(device.bin_key).decode()
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


@login_required
@require_http_methods(["GET", "POST"])
def totp_setup(request):
    user = request.user
    step = request.POST.get("step")
    form = TotpTokenForm(request.POST if step in ("confirm", "remove") else None)
    try:
        if step == "start":
            services.totp_device_start(actor=user)
            return redirect("access:totp_setup")
        if step == "confirm" and form.is_valid():
            services.totp_device_confirm(actor=user, token=form.cleaned_data["token"])
            messages.success(
                request,
                _(
                    "Two-step verification is on. From now on the login "
                    "asks for the code from your authenticator app."
                ),
            )
            return redirect("access:totp_setup")
        if step == "remove" and form.is_valid():
            services.totp_device_remove(actor=user, token=form.cleaned_data["token"])
            messages.success(request, _("Two-step verification is off."))
            return redirect("access:totp_setup")
    except ValidationError as exc:
        form.add_error("token", exc.message_dict.get("token"))
    except Conflict as exc:
        messages.error(request, str(exc))
        return redirect("access:totp_setup")
    confirmed = TOTPDevice.objects.devices_for_user(user, confirmed=True).first()
    pending = (
        None
        if confirmed
        else (TOTPDevice.objects.devices_for_user(user, confirmed=False).order_by("-id").first())
    )
    return render(
        request,
        "access/totp_setup.html",
        {
            "form": form,
            "confirmed": confirmed,
            "pending": pending,
            "config_url": pending.config_url if pending else "",
            "secret": _secret_groups(pending) if pending else "",
        },
    )
