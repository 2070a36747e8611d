import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

# The day the accessibility statement was last reviewed (Act 306/2019 asks for the date).
ACCESSIBILITY_STATEMENT_PREPARED_ON = datetime.date(2026, 11, 30)


@login_required
def home(request):
    """Each role lands where its work is."""
    user = request.user
    if user.is_coordinator:
        return redirect("referrals:queue")
    if user.is_network_professional:
        return redirect("clients:list")
    if user.is_manager:
        # The manager's work is the figures: the report overview is their home.
        return redirect("reports:overview")
    return render(request, "core/home.html")


@require_http_methods(["GET"])
def help_page(request):
    """Where to get help: the same link in the same place on every page (WCAG 3.2.6)."""
    return render(request, "core/help.html", {"support_email": settings.RINNALLA_SUPPORT_EMAIL})


@require_http_methods(["GET"])
def accessibility(request):
    """Saavutettavuusseloste (Act on the Provision of Digital Services 306/2019)."""
    return render(
        request,
        "core/accessibility.html",
        {
            "support_email": settings.RINNALLA_SUPPORT_EMAIL,
            "site_url": settings.RINNALLA_BASE_URL,
            "prepared_on": ACCESSIBILITY_STATEMENT_PREPARED_ON,
        },
    )
