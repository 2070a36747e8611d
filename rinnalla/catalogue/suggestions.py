"""Services that fit the client now, each with the reasons it was suggested.

Rules, not a black box: a service is suggested when at least one of its rules
(``Service.suggest_rules``) matches the client's record — the current segment, a
current benefit or status period, a proposal of the work ability assessment, a
measurement result in a named band or over or under a named total — and the client's
age is inside the service's target range (or unknown). Each match is written out as a
reason; the service's criteria the record cannot answer are listed as unknown.
A service the coordinator dismissed for the client is not suggested again.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rinnalla.catalogue import selectors
from rinnalla.catalogue.criteria import Record, evaluate, overlap_warnings, record_of
from rinnalla.catalogue.models import ItemKind, Service, SuggestionDismissal, item_text
from rinnalla.situation.models import PeriodKind, Segment


@dataclass
class Suggestion:
    service: Service
    reasons: list[str]
    unknown_criteria: list[dict] = field(default_factory=list)  # {code, text}
    warnings: list[str] = field(default_factory=list)
    has_criteria: bool = False


def _date(day) -> str:
    return date_format(day, "j.n.Y")


def _instrument_name(code: str) -> str:
    from rinnalla.measurements.instruments import INSTRUMENTS

    instrument = INSTRUMENTS.get(code)
    if instrument is None:
        return code
    return instrument.short_name or str(instrument.name)


def _band_label(code: str, band: str) -> str:
    from rinnalla.measurements.instruments import INSTRUMENTS

    instrument = INSTRUMENTS.get(code)
    return instrument.interpretation_label(band) if instrument else band


def reasons_for(service: Service, record: Record) -> list[str]:
    """Why ``service`` fits the client; empty when it does not."""
    rules = service.suggest_rules or {}
    reasons = []
    if record.segment and record.segment in rules.get("segments", []):
        reasons.append(
            _("Client segment: %(segment)s.") % {"segment": Segment(record.segment).label}
        )
    wanted_periods = set(rules.get("periods", []))
    for period in record.current_periods():
        if period.kind not in wanted_periods:
            continue
        if period.kind == PeriodKind.PENSION_REJECTED:
            reasons.append(
                _("Pension application rejected on %(date)s.") % {"date": _date(period.starts_on)}
            )
        elif period.ends_on:
            reasons.append(
                _("%(kind)s until %(date)s.")
                % {"kind": period.get_kind_display(), "date": _date(period.ends_on)}
            )
        else:
            reasons.append(
                _("%(kind)s since %(date)s.")
                % {"kind": period.get_kind_display(), "date": _date(period.starts_on)}
            )
    proposals = [p for p in record.proposals if p in rules.get("proposals", [])]
    if proposals:
        from rinnalla.workability.models import Proposal

        labels = dict(Proposal.choices)
        reasons.append(
            _("The work ability assessment (version %(version)s) proposes: %(what)s.")
            % {
                "version": record.proposals_version,
                "what": ", ".join(str(labels[p]).lower() for p in proposals),
            }
        )
    for rule in rules.get("measurements", []):
        measurement = record.latest.get(rule.get("instrument"))
        if measurement is None:
            continue
        name = _instrument_name(measurement.instrument_code)
        when = _date(measurement.measured_on)
        total = measurement.total_score
        if "bands" in rule and measurement.interpretation in rule["bands"]:
            reasons.append(
                _("%(name)s on %(date)s: %(result)s.")
                % {
                    "name": name,
                    "date": when,
                    "result": _band_label(measurement.instrument_code, measurement.interpretation),
                }
            )
        elif total is not None and "min_total" in rule and total >= Decimal(rule["min_total"]):
            reasons.append(
                _("%(name)s on %(date)s: %(total)s points (%(limit)s or more).")
                % {
                    "name": name,
                    "date": when,
                    "total": f"{total.normalize():f}",
                    "limit": rule["min_total"],
                }
            )
        elif total is not None and "max_total" in rule and total <= Decimal(rule["max_total"]):
            reasons.append(
                _("%(name)s on %(date)s: %(total)s points (%(limit)s or less).")
                % {
                    "name": name,
                    "date": when,
                    "total": f"{total.normalize():f}",
                    "limit": rule["max_total"],
                }
            )
    if reasons and record.age is not None and service.age_range_display:
        reasons.append(
            _("Age %(age)s fits the target group (%(range)s).")
            % {"age": record.age, "range": service.age_range_display}
        )
    return reasons


def client_suggestions(client, *, record: Record | None = None) -> list[Suggestion]:
    """The catalogue's services that fit the client now, most reasons first."""
    record = record or record_of(client)
    dismissed = set(
        SuggestionDismissal.objects.filter(client=client).values_list("service_id", flat=True)
    )
    found = []
    for service in selectors.services():
        if service.pk in dismissed or service.fits_age(record.age) is False:
            continue
        if service.pk in record.open_catalogue_services or (
            service.provider_id is not None and service.provider_id in record.open_services
        ):
            continue  # already a client there, or on the way
        reasons = reasons_for(service, record)
        if not reasons:
            continue
        criteria_list = service.criteria_lists.all()  # prefetched, newest version first
        criteria = criteria_list[0] if criteria_list else None
        unknown = []
        if criteria is not None:
            evaluation = evaluate(client, service, criteria=criteria, record=record)
            warnings = evaluation.warnings
            unknown = [
                {"code": entry["code"], "text": item_text(entry)}
                for entry in criteria.items_of(ItemKind.REFER_IF)
                if entry["code"] not in evaluation.answers
            ]
        else:
            # evaluate() would look the (missing) criteria up again: a query per service.
            warnings = overlap_warnings(record, service)
        found.append(
            Suggestion(
                service=service,
                reasons=reasons,
                unknown_criteria=unknown,
                warnings=warnings,
                has_criteria=criteria is not None,
            )
        )
    found.sort(key=lambda s: (-len(s.reasons), s.service.name.casefold()))
    return found


def dismissed(client):
    return (
        SuggestionDismissal.objects.filter(client=client)
        .select_related("service", "dismissed_by")
        .order_by("-dismissed_at")
    )
