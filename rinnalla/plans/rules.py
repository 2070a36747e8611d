"""Who may change what, once the access rule has let the user see the client.

The access rule (``access.policy.client_for``) decides whether a user sees a client at
all; these rules narrow down writes: the coordinators of the service that owns the
client relationship run meetings and write the plan, and the person responsible for an
action may update its status.
"""

from django.utils.translation import gettext_lazy as _

from rinnalla.accounts.models import User
from rinnalla.episodes.models import Episode
from rinnalla.plans.models import PlanAction

ONLY_RESPONSIBLE = _(
    "Only the person responsible for the action or the coordinator can change its status."
)


def may_change_plan(user: User, episode: Episode) -> bool:
    return (
        user.is_authenticated
        and user.is_coordinator
        and user.organisation_id is not None
        and user.organisation_id == episode.service_id
    )


def may_update_action(user: User, action: PlanAction) -> bool:
    if may_change_plan(user, action.episode):
        return True
    return user.is_authenticated and action.responsible_professional_id == user.pk
