"""The client page's situation card: segment, current periods and the top service
suggestions, with a link to the situation page for all of them.

The client page has already checked access (``client_for``). The card reads the
client's record once (:func:`~rinnalla.catalogue.criteria.record_of`) and asks the
same selector as the situation page and the API
(:func:`~rinnalla.catalogue.suggestions.client_suggestions`): a fixed number of
queries, however many services, periods or measurements there are.
"""

from django import template
from django.utils import timezone

from rinnalla.catalogue.criteria import record_of
from rinnalla.catalogue.suggestions import client_suggestions

register = template.Library()

TOP_SUGGESTIONS = 3
MAX_PERIODS = 5


@register.inclusion_tag("situation/_client_card.html")
def situation_card(client):
    today = timezone.localdate()
    record = record_of(client, today=today)
    suggestions = client_suggestions(client, record=record)
    return {
        "client": client,
        "segment": record.current_segment,
        "periods": [p for p in record.periods if p.is_current(today)][:MAX_PERIODS],
        "suggestions": suggestions[:TOP_SUGGESTIONS],
        "more_suggestions": max(len(suggestions) - TOP_SUGGESTIONS, 0),
    }
