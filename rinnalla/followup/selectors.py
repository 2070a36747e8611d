"""Reads of the follow-up pages: "My work" and the "falling through the cracks" list.

Both take the requesting user and return querysets already limited by the access rule
(``visible_clients``), with a constant number of queries however many rows there are.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import (
    BooleanField,
    Count,
    Exists,
    ExpressionWrapper,
    F,
    Func,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.utils import timezone

from rinnalla.access.policy import visible_clients
from rinnalla.accounts.models import User
from rinnalla.episodes.models import Episode, PathEvent, ResponsiblePerson
from rinnalla.measurements.models import SelfFillLink
from rinnalla.plans.models import OPEN_STATUSES, ClientPlan, Meeting, PlanAction
from rinnalla.referrals.selectors import my_waiting_for_first_contact
from rinnalla.situation import selectors as situation

SOON_DAYS = 14


def _open_episode() -> Q:
    return ~Q(episode__status=Episode.Status.CLOSED)


def my_actions(user: User) -> QuerySet[PlanAction]:
    """Open actions the user is responsible for, on clients the user may see now.

    Also those of a closed relationship: closing may leave an action open, and its
    owner finishes it from here (which ends their access through it).
    """
    return (
        PlanAction.objects.filter(
            responsible_professional=user,
            status__in=OPEN_STATUSES,
            episode__client__in=visible_clients(user),
        )
        .select_related("episode__client", "plan")
        .order_by("due_on", "id")
    )


def my_hidden_action_count(user: User) -> int:
    """Open actions of the user on clients whose data the user may not see now (no consent)."""
    return (
        PlanAction.objects.filter(responsible_professional=user, status__in=OPEN_STATUSES)
        .exclude(episode__client__in=visible_clients(user))
        .count()
    )


def my_actions_by_status(user: User, status: str, today: datetime.date) -> QuerySet[PlanAction]:
    """For the API: ``overdue`` (open, past due), ``due`` (open, not yet past), ``all``."""
    if status == "all":
        return (
            PlanAction.objects.filter(
                responsible_professional=user, episode__client__in=visible_clients(user)
            )
            .select_related("episode__client")
            .order_by("due_on", "id")
        )
    actions = my_actions(user)
    if status == "overdue":
        return actions.filter(due_on__lt=today)
    return actions.filter(due_on__gte=today)


def my_meetings(user: User, now: datetime.datetime) -> QuerySet[Meeting]:
    """Coming network meetings where the user is a participant (also one kept when its
    relationship was closed)."""
    return (
        Meeting.objects.filter(
            participants__professional=user,
            starts_at__gte=now - datetime.timedelta(hours=3),
            minutes_recorded_at__isnull=True,
            cancelled_at__isnull=True,
            episode__client__in=visible_clients(user),
        )
        .select_related("episode__client")
        .order_by("starts_at", "id")
    )


def my_episodes(user: User) -> QuerySet[Episode]:
    """Open relationships where the user is an active responsible person ("my clients")."""
    return Episode.objects.filter(
        responsible_persons__professional=user,
        responsible_persons__ended_at__isnull=True,
        client__in=visible_clients(user),
    ).exclude(status=Episode.Status.CLOSED)


def network_actions_of_my_clients(user: User, today: datetime.date) -> QuerySet[PlanAction]:
    """Open actions of others on my clients that are overdue or due within SOON_DAYS:
    the network's deadlines and the client's own tasks."""
    return (
        PlanAction.objects.filter(
            episode__in=my_episodes(user),
            status__in=OPEN_STATUSES,
            due_on__lte=today + datetime.timedelta(days=SOON_DAYS),
        )
        .exclude(responsible_professional=user)
        .select_related("episode__client", "plan", "responsible_professional")
        .order_by("due_on", "id")
    )


NEW_SELF_FILL_DAYS = 14


def new_self_fill_results(user: User) -> QuerySet[SelfFillLink]:
    """Self-fill links of my clients the client used in the last NEW_SELF_FILL_DAYS days."""
    since = timezone.now() - datetime.timedelta(days=NEW_SELF_FILL_DAYS)
    mine = my_episodes(user).values("client_id")
    return (
        SelfFillLink.objects.filter(used_at__gte=since)
        .filter(Q(created_by=user) | Q(client_id__in=mine))
        .filter(client__in=visible_clients(user))
        .select_related("client")
        .order_by("-used_at", "-id")
    )


def my_next_steps(user: User) -> QuerySet[PathEvent]:
    """Next steps with a date that the user wrote on a path and has not marked done."""
    return (
        PathEvent.objects.filter(
            author=user,
            next_step_due_on__isnull=False,
            next_step_done_at__isnull=True,
            episode__client__in=visible_clients(user),
        )
        .exclude(episode__status=Episode.Status.CLOSED)
        .select_related("episode__client")
        .order_by("next_step_due_on", "id")
    )


@dataclass
class MyWork:
    overdue: list[PlanAction]
    soon: list[PlanAction]
    later: list[PlanAction]
    meetings: list[Meeting]
    hidden: int
    first_contacts: list = field(default_factory=list)
    network_actions: list[PlanAction] = field(default_factory=list)
    self_fill: list[SelfFillLink] = field(default_factory=list)
    next_steps: list[PathEvent] = field(default_factory=list)


def _hidden_count_query(user: User) -> QuerySet:
    """:func:`my_hidden_action_count` as a scalar subquery (``SELECT COUNT(*) …``)."""
    return (
        PlanAction.objects.filter(
            _open_episode(), responsible_professional=user, status__in=OPEN_STATUSES
        )
        .exclude(episode__client__in=visible_clients(user))
        .order_by()
        .annotate(n=Func(F("id"), function="COUNT"))
        .values("n")
    )


def my_work(user: User) -> MyWork:
    today = timezone.localdate()
    # The count of actions on clients the user may not see rides on the visible rows
    # (an uncorrelated subquery, computed once): one query instead of two.
    actions = list(my_actions(user).annotate(hidden=Subquery(_hidden_count_query(user))))
    hidden = actions[0].hidden if actions else my_hidden_action_count(user)
    soon_until = today + datetime.timedelta(days=SOON_DAYS)
    return MyWork(
        overdue=[a for a in actions if a.due_on < today],
        soon=[a for a in actions if today <= a.due_on <= soon_until],
        later=[a for a in actions if a.due_on > soon_until],
        meetings=list(my_meetings(user, timezone.now())),
        hidden=hidden,
        first_contacts=my_waiting_for_first_contact(user=user, today=today),
        network_actions=list(network_actions_of_my_clients(user, today)),
        self_fill=list(new_self_fill_results(user)),
        next_steps=list(my_next_steps(user)),
    )


def cracks(user: User, *, today: datetime.date | None = None) -> QuerySet[Episode]:
    """Open client relationships of the coordinator's service that need attention.

    Each row carries the reasons: no active responsible person, no contact for
    ``RINNALLA_NO_CONTACT_WEEKS`` weeks, overdue actions, next meeting date passed
    without a later meeting.
    """
    today = today or timezone.localdate()
    weeks = settings.RINNALLA_NO_CONTACT_WEEKS
    contact_limit = timezone.now() - datetime.timedelta(weeks=weeks)
    opened_limit = today - datetime.timedelta(weeks=weeks)
    # A responsible person whose account was closed (left the job) no longer counts.
    active_responsible = ResponsiblePerson.objects.filter(
        episode=OuterRef("pk"), ended_at__isnull=True, professional__is_active=True
    )
    overdue = (
        PlanAction.objects.filter(
            episode=OuterRef("pk"), status__in=OPEN_STATUSES, due_on__lt=today
        )
        .order_by()
        .values("episode")
        .annotate(n=Count("id"))
        .values("n")
    )
    latest_plan = ClientPlan.objects.filter(episode=OuterRef("pk")).order_by("-number")
    later_meeting = Meeting.objects.filter(
        episode=OuterRef("pk"),
        starts_at__gt=OuterRef("latest_plan_meeting_at"),
        cancelled_at__isnull=True,
    )
    return (
        Episode.objects.filter(
            service_id=user.organisation_id,
            client__in=visible_clients(user),
        )
        .exclude(status=Episode.Status.CLOSED)
        .annotate(
            has_responsible=Exists(active_responsible),
            overdue_count=Subquery(overdue),
            next_meeting_on=Subquery(latest_plan.values("next_meeting_on")[:1]),
            latest_plan_meeting_at=Subquery(latest_plan.values("meeting__starts_at")[:1]),
            has_later_meeting=Exists(later_meeting),
            # Transition points (issue 12): a benefit period ending soon with no plan
            # action after it, a Kela sickness allowance checkpoint coming.
            period_ending=Exists(
                situation.ending_without_action(today).filter(client=OuterRef("client_id"))
            ),
            checkpoint_soon=Exists(
                situation.checkpoints_soon(today).filter(client=OuterRef("client_id"))
            ),
        )
        .annotate(
            no_contact=ExpressionWrapper(
                Q(last_event_at__lt=contact_limit)
                | Q(last_event_at__isnull=True, opened_on__lt=opened_limit),
                output_field=BooleanField(),
            ),
            meeting_missed=ExpressionWrapper(
                Q(next_meeting_on__lt=today, has_later_meeting=False),
                output_field=BooleanField(),
            ),
        )
        .filter(
            Q(has_responsible=False)
            | Q(no_contact=True)
            | Q(overdue_count__gt=0)
            | Q(meeting_missed=True)
            | Q(period_ending=True)
            | Q(checkpoint_soon=True)
        )
        .select_related("client")
        .order_by(F("last_event_at").asc(nulls_first=True), "opened_on", "id")
    )


def service_overdue_actions(user: User, today: datetime.date) -> QuerySet[PlanAction]:
    """Overdue actions of the coordinator's own service's clients."""
    return (
        PlanAction.objects.filter(
            _open_episode(),
            episode__service_id=user.organisation_id,
            episode__client__in=visible_clients(user),
            status__in=OPEN_STATUSES,
            due_on__lt=today,
        )
        .select_related("episode__client", "responsible_professional")
        .order_by("due_on", "id")
    )
