"""The client page's situation card: segment, current periods, a link to suggestions.

The client page has already checked access (``client_for``); two queries.
"""

from django import template
from django.db.models import Q
from django.utils import timezone

from rinnalla.situation import selectors

register = template.Library()


@register.inclusion_tag("situation/_client_card.html")
def situation_card(client):
    today = timezone.localdate()
    periods = selectors.periods(client=client).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=today), starts_on__lte=today
    )[:5]
    return {
        "client": client,
        "segment": selectors.current_segment(client=client),
        "periods": list(periods),
    }
