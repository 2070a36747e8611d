"""Reads of the catalogue. The catalogue holds no personal data: anyone logged in reads it."""

from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from rinnalla.catalogue.models import (
    CriteriaCheck,
    CriteriaList,
    OverlapRule,
    Service,
    ServiceRevision,
)


@dataclass
class Filters:
    q: str = ""
    category: str = ""
    segment: str = ""
    age: int | None = None
    include_expired: bool = False


def services(filters: Filters | None = None) -> list[Service]:
    """The catalogue's services matching the filters, in name order.

    The catalogue is a few dozen rows, so the segment filter (a JSON list) is applied in
    Python: the same on SQLite and PostgreSQL.
    """
    filters = filters or Filters()
    queryset: QuerySet[Service] = Service.objects.select_related("provider").prefetch_related(
        Prefetch("criteria_lists", queryset=CriteriaList.objects.order_by("-version")),
        Prefetch("overlap_rules", queryset=OverlapRule.objects.select_related("excluded_by")),
    )
    q = " ".join(filters.q.split())
    if q:
        for word in q.split(" ")[:5]:
            queryset = queryset.filter(
                Q(name_fi__icontains=word)
                | Q(name_sv__icontains=word)
                | Q(name_en__icontains=word)
                | Q(description_fi__icontains=word)
                | Q(description_sv__icontains=word)
                | Q(description_en__icontains=word)
                | Q(target_group_fi__icontains=word)
                | Q(target_group_sv__icontains=word)
                | Q(target_group_en__icontains=word)
                | Q(provider_name__icontains=word)
                | Q(provider__name__icontains=word)
            )
    if filters.category:
        queryset = queryset.filter(category=filters.category)
    if filters.age is not None:
        queryset = queryset.filter(
            Q(target_age_min__isnull=True) | Q(target_age_min__lte=filters.age),
            Q(target_age_max__isnull=True) | Q(target_age_max__gte=filters.age),
        )
    rows = list(queryset)
    if filters.segment:
        rows = [s for s in rows if not s.target_segments or filters.segment in s.target_segments]
    if not filters.include_expired:
        today = timezone.localdate()
        rows = [s for s in rows if s.is_valid_on(today)]
    rows.sort(key=lambda s: s.name.casefold())
    return rows


def service(pk: int) -> Service | None:
    return (
        Service.objects.select_related("provider", "last_checked_by")
        .prefetch_related("keepers", "overlap_rules__excluded_by")
        .filter(pk=pk)
        .first()
    )


def current_criteria(service: Service) -> CriteriaList | None:
    return service.criteria_lists.order_by("-version").first()


def revisions(service: Service) -> QuerySet[ServiceRevision]:
    return service.revisions.select_related("changed_by").order_by("-version")


def client_checks(*, client) -> QuerySet[CriteriaCheck]:
    """The client's criteria checks, newest first (the caller has checked access)."""
    return (
        CriteriaCheck.objects.filter(client=client)
        .select_related("service", "criteria", "created_by")
        .order_by("-created_at", "-id")
    )
