"""API: my actions and the service's overdue actions (issue 5)."""

import datetime
from typing import Literal

from django.utils import timezone
from ninja import Query, Router, Schema

from rinnalla.access.policy import (
    Channel,
    list_access,
    log_shown,
)
from rinnalla.core.apikit import Page, PageParams, actor, paginate
from rinnalla.followup import selectors

router = Router(tags=["follow-up"])


class FollowUpActionOut(Schema):
    id: int
    plan_id: int
    episode_id: int
    client_id: int
    client_name: str
    category: str
    description: str
    responsible_professional_id: int | None
    responsible_is_client: bool
    due_on: datetime.date
    status: str
    overdue: bool

    @staticmethod
    def resolve_client_id(obj) -> int:
        return obj.episode.client_id

    @staticmethod
    def resolve_client_name(obj) -> str:
        return obj.episode.client.full_name

    @staticmethod
    def resolve_overdue(obj) -> bool:
        return obj.is_overdue


class MyActionFilters(PageParams):
    status: Literal["overdue", "due", "all"] = "due"


@router.get("/me/actions", response=Page[FollowUpActionOut])
def my_actions(request, filters: Query[MyActionFilters]):
    """Actions I am responsible for: ``overdue``, ``due`` (open, not yet overdue) or ``all``."""
    user = actor(request)
    listing = list_access(user, part="my_actions", channel=Channel.API)
    actions = selectors.my_actions_by_status(user, filters.status, timezone.localdate())
    page = paginate(actions, filters)
    log_shown(listing, [action.episode.client_id for action in page["items"]])
    return page


@router.get("/follow-up/overdue", response=Page[FollowUpActionOut])
def overdue_actions(request, filters: Query[PageParams]):
    """Overdue actions of the coordinator's own service's clients."""
    user = actor(request)
    listing = list_access(
        user, part="followup_overdue", channel=Channel.API, coordinators_only=True
    )
    page = paginate(selectors.service_overdue_actions(user, timezone.localdate()), filters)
    log_shown(listing, [action.episode.client_id for action in page["items"]])
    return page
