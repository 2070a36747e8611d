"""Which buttons a page offers, once the access rule has let the user see the client.

The decisions themselves are made by the access rule (``access.policy.client_for`` with
``coordinators_of`` / ``responsible``), which also logs refusals; these helpers only
ask the same rule whether to show a form, so a page never offers what it would refuse.
"""

from rinnalla.access.policy import ONLY_RESPONSIBLE, is_service_coordinator
from rinnalla.accounts.models import User
from rinnalla.episodes.models import Episode
from rinnalla.plans.models import PlanAction

__all__ = ["ONLY_RESPONSIBLE", "may_change_plan", "may_update_action"]


def may_change_plan(user: User, episode: Episode) -> bool:
    return is_service_coordinator(user, episode.service_id)


def may_update_action(user: User, action: PlanAction) -> bool:
    if may_change_plan(user, action.episode):
        return True
    return user.is_authenticated and action.responsible_professional_id == user.pk
