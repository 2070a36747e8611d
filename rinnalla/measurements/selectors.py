"""Reads for measurement pages and the API.

The caller has already called ``access.policy.client_for`` for the client; these
selectors take the authorised ``Client`` and never check access again.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from rinnalla.clients.models import Client
from rinnalla.measurements import charts, instruments
from rinnalla.measurements.instruments import Instrument
from rinnalla.measurements.models import (
    Measurement,
    ResultOnlyInstrument,
    SelfFillLink,
    ServiceNeedsAssessment,
    hash_token,
)


def instrument_get(code: str) -> Instrument | None:
    """An instrument by code: defined in code, or an active admin-added result-only one."""
    if code in instruments.INSTRUMENTS:
        return instruments.INSTRUMENTS[code]
    extra = ResultOnlyInstrument.objects.filter(code=code, is_active=True).first()
    return extra.as_instrument() if extra else None


def instrument_list() -> list[Instrument]:
    extra = [i.as_instrument() for i in ResultOnlyInstrument.objects.filter(is_active=True)]
    return [*instruments.INSTRUMENTS.values(), *extra]


def _instruments_for(codes: set[str]) -> dict[str, Instrument]:
    found = {c: instruments.INSTRUMENTS[c] for c in codes if c in instruments.INSTRUMENTS}
    missing = codes - found.keys()
    if missing:  # one query at most, also for retired admin-added instruments
        for extra in ResultOnlyInstrument.objects.filter(code__in=missing):
            found[extra.code] = extra.as_instrument()
    for code in codes - found.keys():
        found[code] = instruments.result_only_instrument(code=code, name=code, licence_holder="")
    return found


def repeat_window_days() -> int:
    return settings.RINNALLA_MEASUREMENT_REPEAT_WINDOW_DAYS


def earlier_within_window(
    *,
    client: Client,
    instrument_code: str,
    measured_on: datetime.date,
    before: Measurement | None = None,
) -> Measurement | None:
    """The latest result of the same instrument within the repeat window up to the date
    (with ``before``: only results recorded before that one)."""
    since = measured_on - datetime.timedelta(days=repeat_window_days())
    qs = Measurement.objects.filter(
        client=client,
        instrument_code=instrument_code,
        measured_on__gte=since,
        measured_on__lte=measured_on,
    )
    if before is not None:
        qs = qs.filter(Q(measured_on__lt=before.measured_on) | Q(pk__lt=before.pk))
    return (
        qs.select_related("administered_by", "organisation").order_by("-measured_on", "-id").first()
    )


@dataclass
class Row:
    """A measurement with its instrument, ready for a template or the API."""

    measurement: Measurement
    instrument: Instrument
    earlier_result: int | None = None

    @property
    def interpretation_label(self) -> str:
        return self.instrument.interpretation_label(self.measurement.interpretation)

    @property
    def tone(self) -> str:
        return self.instrument.interpretation_tone(self.measurement.interpretation)

    @property
    def score(self):
        return instruments.json_number(self.measurement.total_score)


@dataclass
class Trend:
    instrument: Instrument
    rows: list[Row]  # newest first
    chart: charts.Chart | None = None

    @property
    def latest(self) -> Row:
        return self.rows[0]

    @property
    def code(self) -> str:
        return self.instrument.code


@dataclass
class ClientMeasurementSummary:
    trends: list[Trend] = field(default_factory=list)
    assessment: ServiceNeedsAssessment | None = None

    @property
    def count(self) -> int:
        return sum(len(t.rows) for t in self.trends)


def client_measurement_rows(*, client: Client, instrument_code: str | None = None) -> list[Row]:
    """All results of the client, newest first, each with its earlier result in the window."""
    qs = Measurement.objects.filter(client=client).select_related("administered_by", "organisation")
    if instrument_code:
        qs = qs.filter(instrument_code=instrument_code)
    measurements = list(qs.order_by("-measured_on", "-id"))
    by_code = _instruments_for({m.instrument_code for m in measurements})
    window = datetime.timedelta(days=repeat_window_days())
    rows = [Row(m, by_code[m.instrument_code]) for m in measurements]
    # Oldest first per instrument, so "earlier" is the previous one within the window.
    previous: dict[str, Measurement] = {}
    for row in reversed(rows):
        m = row.measurement
        before = previous.get(m.instrument_code)
        if before is not None and m.measured_on - before.measured_on <= window:
            row.earlier_result = before.pk
        previous[m.instrument_code] = m
    return rows


def client_trends(*, client: Client) -> list[Trend]:
    rows = client_measurement_rows(client=client)
    grouped: dict[str, list[Row]] = {}
    for row in rows:
        grouped.setdefault(row.measurement.instrument_code, []).append(row)
    order = list(instruments.INSTRUMENTS)
    trends = []
    for code in sorted(grouped, key=lambda c: (order.index(c) if c in order else len(order), c)):
        trend_rows = grouped[code]
        instrument = trend_rows[0].instrument
        points = [
            (r.measurement.measured_on, r.measurement.total_score)
            for r in reversed(trend_rows)
            if r.measurement.total_score is not None
        ]
        chart = (
            charts.line_chart(points, y_min=instrument.min_total, y_max=instrument.max_total)
            if points
            else None
        )
        trends.append(Trend(instrument=instrument, rows=trend_rows, chart=chart))
    return trends


def client_measurement_summary(*, client: Client) -> ClientMeasurementSummary:
    """What the client page shows: trends per instrument and the latest assessment.

    Constant queries: results (1), admin-added instruments if any are used (≤ 1), the
    latest service needs assessment (1).
    """
    return ClientMeasurementSummary(
        trends=client_trends(client=client),
        assessment=assessment_latest(client=client),
    )


def measurement_for_client(*, client: Client, pk: int) -> Row | None:
    m = (
        Measurement.objects.filter(client=client, pk=pk)
        .select_related("administered_by", "organisation")
        .first()
    )
    if m is None:
        return None
    row = Row(m, _instruments_for({m.instrument_code})[m.instrument_code])
    earlier = earlier_within_window(
        client=client, instrument_code=m.instrument_code, measured_on=m.measured_on, before=m
    )
    row.earlier_result = earlier.pk if earlier is not None else None
    return row


def measurement_client_id(pk: int) -> int | None:
    return Measurement.objects.filter(pk=pk).values_list("client_id", flat=True).first()


def assessment_latest(*, client: Client) -> ServiceNeedsAssessment | None:
    return (
        ServiceNeedsAssessment.objects.filter(client=client)
        .select_related("written_by", "organisation")
        .order_by("-version")
        .first()
    )


def assessment_version(*, client: Client, version: int) -> ServiceNeedsAssessment | None:
    return (
        ServiceNeedsAssessment.objects.filter(client=client, version=version)
        .select_related("written_by", "organisation")
        .first()
    )


def assessment_versions(*, client: Client) -> list[ServiceNeedsAssessment]:
    return list(
        ServiceNeedsAssessment.objects.filter(client=client)
        .select_related("written_by", "organisation")
        .order_by("-version")
    )


def self_fill_link_by_token(raw_token: str) -> SelfFillLink | None:
    return (
        SelfFillLink.objects.filter(token_hash=hash_token(raw_token))
        .select_related("client")
        .first()
    )


def self_fill_links(*, client: Client) -> list[SelfFillLink]:
    """The latest links, each with ``instrument_names`` in the reader's language."""
    links = list(
        SelfFillLink.objects.filter(client=client)
        .select_related("created_by")
        .order_by("-created_at")[:10]
    )
    found = _instruments_for({code for link in links for code in link.instruments})
    for link in links:
        link.instrument_names = [str(found[code].name) for code in link.instruments]
    return links


def today() -> datetime.date:
    return timezone.localdate()


def score_details(row: Row) -> tuple[list[tuple[str, str]], list[dict]]:
    """Instrument-specific parts of a result, as (label, text) pairs and WHODAS domains."""
    scores, code = row.measurement.scores, row.instrument.code
    details: list[tuple[str, str]] = []
    domains: list[dict] = []
    if code == "whodas-12":
        percentage = scores.get("simple_percentage")
        if percentage is not None:
            details.append(
                (
                    _("Simple percentage (not WHO's IRT-based complex score)"),
                    f"{number_format(percentage, decimal_pos=1)} %",
                )
            )
        details.append((_("Cut-offs"), _("WHO gives no cut-offs for the simple score.")))
        for key, label, items in row.instrument.domains:
            domains.append(
                {"label": label, "items": items, "value": scores.get("domains", {}).get(key)}
            )
    elif code == "audit":
        details.append((_("Zone by the total score"), str(scores.get("zone_by_total"))))
        if scores.get("moved_up_by"):
            details.append((_("Moved up one zone because of"), ", ".join(scores["moved_up_by"])))
    elif code == "audit-c":
        basis = {
            "man": _("man"),
            "woman": _("woman"),
            "aged_65_or_over": _("aged 65 or over"),
            "unknown": _("sex not known"),
        }.get(scores.get("cut_off_basis"), "")
        details.append(
            (
                _("Risk limit"),
                _("%(points)s points (%(basis)s)")
                % {"points": scores.get("cut_off"), "basis": basis},
            )
        )
    elif code == "wai":
        for key, value in scores.get("dimensions", {}).items():
            details.append(
                (
                    _("Dimension %(number)s") % {"number": key},
                    number_format(value, decimal_pos=1 if value % 1 else 0),
                )
            )
    return details, domains
