"""Measurements in the JSON API (issue 6 contract).

- ``GET /instruments``: every instrument with its items, allowed answers and classes.
- ``GET /clients/{id}/measurements``: the client's results, newest first.
- ``POST /clients/{id}/measurements`` ``{"instrument", "answers", "measured_on"?}``:
  scores and stores; answers ``score``, ``interpretation`` and ``earlier_result`` (the
  id of a result of the same instrument within the repeat window, else null). A
  missing or out-of-range answer is 422 with the item named in ``errors``.
"""

import datetime
from typing import Any

from ninja import Path, Router, Schema, Status

from rinnalla.access.policy import Action, Channel, client_for
from rinnalla.core.apikit import MAX_ID, Day
from rinnalla.measurements import instruments, selectors, services
from rinnalla.measurements.instruments import Instrument

router = Router(tags=["measurements"])


class ChoiceOut(Schema):
    value: int | str
    label: str


class ItemOut(Schema):
    key: str
    text: str
    kind: str
    choices: list[ChoiceOut]
    minimum: float | None
    maximum: float | None
    decimals: int
    unit: str
    required: bool


class BandOut(Schema):
    code: str
    label: str


class DomainOut(Schema):
    key: str
    label: str
    items: list[str]


class InstrumentOut(Schema):
    code: str
    name: str
    version: str
    licence: str
    licence_holder: str
    source: str
    instructions: str
    min_score: float | None
    max_score: float | None
    self_fillable: bool
    items: list[ItemOut]
    interpretations: list[BandOut]
    domains: list[DomainOut]


class MeasurementIn(Schema):
    instrument: str
    answers: dict[str, Any]
    measured_on: Day | None = None


class MeasurementOut(Schema):
    id: int
    client_id: int
    instrument: str
    instrument_version: str
    answers: dict[str, Any]
    scores: dict[str, Any]
    score: float | None
    interpretation: str
    interpretation_text: str
    measured_on: datetime.date
    administered_by: str
    organisation: str | None
    self_reported: bool
    created_at: datetime.datetime
    earlier_result: int | None


def _number(value) -> float | None:
    return None if value is None else float(value)


def _instrument_out(i: Instrument) -> dict:
    return {
        "code": i.code,
        "name": str(i.name),
        "version": i.version,
        "licence": i.licence,
        "licence_holder": i.licence_holder,
        "source": i.source,
        "instructions": str(i.instructions),
        "min_score": _number(i.min_total),
        "max_score": _number(i.max_total),
        "self_fillable": i.self_fillable,
        "items": [
            {
                "key": item.key,
                "text": str(item.text),
                "kind": item.kind,
                "choices": [{"value": c.value, "label": str(c.label)} for c in item.choices],
                "minimum": _number(item.minimum),
                "maximum": _number(item.maximum),
                "decimals": item.decimals,
                "unit": item.unit,
                "required": item.required,
            }
            for item in i.items
        ],
        "interpretations": [{"code": b.code, "label": str(b.label)} for b in i.bands],
        "domains": [
            {"key": k, "label": str(label), "items": list(items)} for k, label, items in i.domains
        ],
    }


def _measurement_out(row: selectors.Row) -> dict:
    m = row.measurement
    return {
        "id": m.pk,
        "client_id": m.client_id,
        "instrument": m.instrument_code,
        "instrument_version": m.instrument_version,
        "answers": m.answers,
        "scores": m.scores,
        "score": instruments.json_number(m.total_score),
        "interpretation": m.interpretation,
        "interpretation_text": row.interpretation_label,
        "measured_on": m.measured_on,
        "administered_by": str(m.administered_by),
        "organisation": str(m.organisation) if m.organisation else None,
        "self_reported": m.self_reported,
        "created_at": m.created_at,
        "earlier_result": row.earlier_result,
    }


@router.get("/instruments", response=list[InstrumentOut], operation_id="instruments_list")
def instruments_list(request):
    return [_instrument_out(i) for i in selectors.instrument_list()]


@router.get(
    "/clients/{client_id}/measurements",
    response=list[MeasurementOut],
    operation_id="client_measurements_list",
)
def client_measurements_list(
    request, client_id: int = Path(..., ge=1, le=MAX_ID), instrument: str | None = None
):
    client = client_for(
        request.user, client_id, action=Action.VIEW, part="measurements", channel=Channel.API
    )
    rows = selectors.client_measurement_rows(client=client, instrument_code=instrument)
    return [_measurement_out(r) for r in rows]


@router.post(
    "/clients/{client_id}/measurements",
    response={201: MeasurementOut},
    operation_id="client_measurements_create",
)
def client_measurements_create(
    request, payload: MeasurementIn, client_id: int = Path(..., ge=1, le=MAX_ID)
):
    client = client_for(
        request.user, client_id, action=Action.CHANGE, part="measurements", channel=Channel.API
    )
    recorded = services.measurement_record(
        actor=request.user,
        client=client,
        instrument_code=payload.instrument,
        answers=payload.answers,
        measured_on=payload.measured_on,
        confirm_repeat=True,
    )
    m = recorded.measurement
    instrument = selectors.instrument_get(m.instrument_code)
    row = selectors.Row(m, instrument, recorded.earlier.pk if recorded.earlier else None)
    return Status(201, _measurement_out(row))
