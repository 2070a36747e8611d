"""``{% episode_plans episode %}``: the meetings-and-plan card of the client page.

Pass ``summary=`` (from ``plans.selectors.episode_summaries``) to read many episodes at once.

The client page has already passed the access rule for this client; the tag only reads
and writes no access-log entry.
"""

from django import template

from rinnalla.plans.rules import may_change_plan
from rinnalla.plans.selectors import episode_summary

register = template.Library()


@register.inclusion_tag("plans/episode_summary.html", takes_context=True)
def episode_plans(context, episode, heading_level=3, summary=None):
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "summary": summary or episode_summary(episode),
        "episode": episode,
        "heading_level": heading_level,
        "can_change": user is not None and may_change_plan(user, episode) and not episode.is_closed,
        "today": context.get("today"),
    }
