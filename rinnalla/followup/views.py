"""Follow-up pages: "My work" for every professional, the cracks list for coordinators."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from rinnalla.access.policy import list_access, log_shown
from rinnalla.followup import selectors
from rinnalla.plans.models import ActionStatus

PAGE_SIZE = 25


@login_required
def my_work(request):
    """My actions (overdue, due soon, later) and my coming meetings, with status updates."""
    user = request.user
    listing = list_access(user, part="my_work")
    work = selectors.my_work(user)
    shown = [*work.overdue, *work.soon, *work.later, *work.meetings]
    log_shown(listing, [item.episode.client_id for item in shown])
    return render(
        request,
        "followup/my_work.html",
        {
            "work": work,
            "status_choices": ActionStatus.choices,
            "soon_days": selectors.SOON_DAYS,
        },
    )


@login_required
def cracks(request):
    """Open client relationships of my service that are falling through the cracks."""
    user = request.user
    listing = list_access(user, part="followup_cracks", coordinators_only=True)
    today = timezone.localdate()
    page = Paginator(selectors.cracks(user, today=today), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    log_shown(listing, [episode.client_id for episode in page.object_list])
    return render(
        request,
        "followup/cracks.html",
        {
            "page": page,
            "weeks": settings.RINNALLA_NO_CONTACT_WEEKS,
            "today": today,
        },
    )
