"""The coordinator's "my service this month" panel on their home page (the referral queue)."""

from django import template
from django.conf import settings
from django.db.models import CharField, Count, Sum, Value
from django.utils import timezone

from rinnalla.reports.models import DailyCount
from rinnalla.reports.tables import Cell
from rinnalla.surveys.models import SurveyResponse

register = template.Library()
SURVEYS = "surveys:answers"  # not a metric name: the survey answers' row of the union

# The figure: the metric and the keys it sums (None: every key).
FIGURES = {
    "referrals": ("referral_source", None),
    "first_contact": ("first_contact_days", None),
    "meetings": ("network_meeting", None),
    "outcomes": ("closing_outcome", None),
}


@register.inclusion_tag("reports/_my_service_panel.html", takes_context=True)
def my_service_panel(context):
    """This month's figures of the coordinator's own service, 1–4 shown as "< 5".

    One query (the rollups and the survey answers as a union), so the queue's query
    count stays flat. The figures are the coordinator's own service's, the same scope as their
    reports; each is a lone total, so no complementary suppression is needed.
    """
    user = context["request"].user
    if not user.is_coordinator or user.organisation_id is None:
        return {"show": False}
    k = settings.RINNALLA_REPORT_MIN_CELL
    today = timezone.localdate()
    start = today.replace(day=1)
    # One query: the month's rollups and the count of survey answers, as one union.
    rollups = (
        DailyCount.objects.filter(
            service_id=user.organisation_id,
            day__gte=start,
            day__lte=today,
            metric__in=[metric for metric, _keys in FIGURES.values()],
        )
        .values("metric")
        .annotate(n=Sum("count"))
        .values_list("metric", "n")
    )
    surveys = (
        SurveyResponse.objects.filter(service_id=user.organisation_id, period=start)
        .annotate(metric=Value(SURVEYS, output_field=CharField()))
        .values("metric")
        .annotate(n=Count("id"))
        .values_list("metric", "n")
    )
    sums = dict(rollups.union(surveys, all=True))
    values = {name: sums.get(metric) or 0 for name, (metric, _keys) in FIGURES.items()}
    values["surveys"] = sums.get(SURVEYS) or 0
    cells = {name: Cell(value, 0 < value < k) for name, value in values.items()}
    return {"show": True, "cells": cells, "month": today, "min_cell": k}
