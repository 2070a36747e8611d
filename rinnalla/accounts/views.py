"""The user's own API tokens: list, issue, revoke."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from rinnalla.accounts import services
from rinnalla.accounts.forms import ApiTokenForm
from rinnalla.accounts.models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def api_tokens(request):
    user = request.user
    form = ApiTokenForm(request.POST or None)
    raw = None
    if request.method == "POST" and form.is_valid():
        _token, raw = services.api_token_issue(
            actor=user,
            scope=form.cleaned_data["scope"],
            name=form.cleaned_data["name"],
            two_step_verified=user.is_verified(),
        )
        form = ApiTokenForm()
    tokens = ApiToken.objects.filter(user=user).order_by("-created_at")
    return render(
        request,
        "accounts/api_tokens.html",
        {
            "form": form,
            "raw": raw,
            "tokens": tokens,
            "needs_two_step": user.must_use_two_step and not user.is_verified(),
            "token_days": settings.RINNALLA_API_TOKEN_DAYS,
        },
    )


@login_required
@require_POST
def api_token_revoke(request, pk: int):
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    services.api_token_revoke(actor=request.user, token=token)
    messages.success(request, _("The token was revoked."))
    return redirect("accounts:api_tokens")
