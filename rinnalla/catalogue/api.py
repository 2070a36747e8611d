"""API: the service catalogue and its referral criteria (no personal data)."""

import datetime
from typing import Literal

from django.http import Http404
from ninja import Field, Path, Query, Router, Schema

from rinnalla.catalogue import selectors
from rinnalla.catalogue.models import ItemKind, Service, item_text
from rinnalla.core.apikit import MAX_ID, Text, choices_literal
from rinnalla.situation.models import Segment

router = Router(tags=["service catalogue"])

PathId = Path(..., ge=1, le=MAX_ID)
SegmentCode = choices_literal(Segment)


class CriterionOut(Schema):
    code: str
    text: str
    kind: Literal["consult_first", "refer_if", "referral_should_tell"]
    required: bool
    filled_by_system: bool = Field(description="Whether Rinnalla can fill it from the record.")


class CriteriaOut(Schema):
    id: int
    version: int
    created_at: datetime.datetime
    items: list[CriterionOut]


class ServiceOut(Schema):
    id: int
    code: str
    name: str
    category: str
    provider_id: int | None
    provider: str
    description: str
    target_group: str
    target_age_min: int | None
    target_age_max: int | None
    target_segments: list[SegmentCode]
    criteria_list: list[str] = Field(description="The service's criteria, one per item.")
    how_to_refer: str
    attachments: str
    contact: str
    phone: str
    email: str
    url: str
    waiting_time: str
    cost: str
    municipalities: list[str]
    valid_from: datetime.date | None
    valid_until: datetime.date | None
    last_checked_on: datetime.date | None
    version: int

    @staticmethod
    def resolve_provider(obj: Service) -> str:
        return obj.provider_display

    @staticmethod
    def resolve_criteria_list(obj: Service) -> list[str]:
        return obj.criteria_lines


class ServiceDetailOut(ServiceOut):
    criteria: CriteriaOut | None


class ServiceFilters(Schema):
    q: Text(200) = ""
    target_age: int | None = Field(None, ge=0, le=130)
    segment: SegmentCode | None = None


def criteria_out(criteria) -> dict | None:
    if criteria is None:
        return None
    return {
        "id": criteria.pk,
        "version": criteria.version,
        "created_at": criteria.created_at,
        "items": [
            {
                "code": entry["code"],
                "text": item_text(entry),
                "kind": entry["kind"],
                "required": entry.get("required", True) and entry["kind"] == ItemKind.REFER_IF,
                "filled_by_system": bool(entry.get("source")),
            }
            for entry in criteria.items
        ],
    }


@router.get("/services", response=list[ServiceOut])
def list_services(request, filters: Query[ServiceFilters]):
    """The catalogue, filtered: ``q`` (words in the name, description, target group or
    provider), ``target_age`` (the age fits the service's range), ``segment``."""
    return selectors.services(
        selectors.Filters(q=filters.q, age=filters.target_age, segment=filters.segment or "")
    )


@router.get("/services/{service_id}", response=ServiceDetailOut)
def get_service(request, service_id: int = PathId):
    """One service with its current referral criteria (``criteria``: null when none)."""
    service = selectors.service(service_id)
    if service is None:
        raise Http404
    service.criteria = criteria_out(selectors.current_criteria(service))
    return service
