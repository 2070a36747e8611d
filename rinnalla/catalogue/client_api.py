"""API: a client's criteria checks and service suggestions (client data: ``client_for``)."""

import datetime
from typing import Literal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from ninja import Field, Path, Router, Schema, Status

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.catalogue import selectors, services
from rinnalla.catalogue.criteria import evaluate
from rinnalla.catalogue.models import ItemKind, item_text
from rinnalla.catalogue.suggestions import client_suggestions
from rinnalla.core.apikit import MAX_ID, Id, Text, actor

router = Router(tags=["decision support"])

PathId = Path(..., ge=1, le=MAX_ID)
AnswerCode = Literal["met", "not_met", "unknown"]


class CheckIn(Schema):
    service_id: Id
    answers: dict[Text(60), AnswerCode] = Field(
        default_factory=dict, description="Criterion code → met, not_met or unknown."
    )
    texts: dict[Text(60), Text(5000)] = Field(
        default_factory=dict,
        description="The referral's items (referral_should_tell) as written; missing ones "
        "are filled from the record.",
    )


class CheckItemOut(Schema):
    code: str
    text: str
    kind: str
    answer: AnswerCode | None = None
    source: Literal["system", "user"] | None = None
    reason: str = ""
    value: str | None = None


class CheckOut(Schema):
    id: int
    client_id: int
    service_id: int
    criteria_id: int
    criteria_version: int
    items: list[CheckItemOut]
    missing: list[str] = Field(description="Required criteria not met (not met or unknown).")
    warnings: list[str]
    referral_text: str
    created_by_id: int
    created_at: datetime.datetime


class SuggestionOut(Schema):
    service_id: int
    service_name: str
    reasons: list[str]
    unknown_criteria: list[str] = Field(description="Codes of criteria the record cannot answer.")
    warnings: list[str]


def check_out(check) -> dict:
    items = []
    for entry in check.criteria.items:
        row = {"code": entry["code"], "text": item_text(entry), "kind": entry["kind"]}
        if entry["kind"] == ItemKind.REFER_IF:
            row.update(check.answers.get(entry["code"], {}))
        elif entry["kind"] == ItemKind.REFERRAL_SHOULD_TELL:
            row["value"] = check.texts.get(entry["code"], "")
        items.append(row)
    return {
        "id": check.pk,
        "client_id": check.client_id,
        "service_id": check.service_id,
        "criteria_id": check.criteria_id,
        "criteria_version": check.criteria.version,
        "items": items,
        "missing": check.missing,
        "warnings": check.warnings,
        "referral_text": check.referral_text,
        "created_by_id": check.created_by_id,
        "created_at": check.created_at,
    }


@router.post("/clients/{client_id}/criteria-checks", response={201: CheckOut})
def create_check(request, payload: CheckIn, client_id: int = PathId):
    """Check the client against the service's current criteria and make the referral text.

    Criteria the system fills from the record come back with ``source: "system"`` and
    the reason; an answer you give that differs from the system's is yours (``user``).
    """
    user = actor(request)
    client = client_for(
        user, client_id, action=Action.CHANGE, part="criteria_check", channel=Channel.API
    )
    service = selectors.service(payload.service_id)
    criteria = selectors.current_criteria(service) if service else None
    if criteria is None:
        raise ValidationError({"service_id": _("Choose a service that has referral criteria.")})
    check = services.criteria_check_save(
        actor=user,
        client=client,
        service=service,
        evaluation=evaluate(client, service, criteria=criteria),
        answers=dict(payload.answers),
        texts=dict(payload.texts),
    )
    return Status(201, check_out(check))


@router.get("/clients/{client_id}/suggestions", response=list[SuggestionOut])
def list_suggestions(request, client_id: int = PathId):
    """Services that fit the client now, each with its reasons and unknown criteria."""
    client = client_for(
        actor(request), client_id, action=Action.VIEW, part="suggestions", channel=Channel.API
    )
    return [
        {
            "service_id": s.service.pk,
            "service_name": s.service.name,
            "reasons": s.reasons,
            "unknown_criteria": [item["code"] for item in s.unknown_criteria],
            "warnings": s.warnings,
        }
        for s in client_suggestions(client)
    ]
