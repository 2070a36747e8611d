"""Checking a client against a service's referral criteria, and the referral text.

Explainable by design: each criterion the system fills itself says why (the age on
today's date from the henkilötunnus, a WHODAS 2.0 result, the work ability assessment's
proposal, a consent); everything else is "unknown" until a person answers. Nothing
here is a score or a model: a rule and its reason, or nothing.

Callers have checked access to the client with ``access.policy.client_for``.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from rinnalla.catalogue.models import (
    Answer,
    CriteriaCheck,
    CriteriaList,
    ItemKind,
    Service,
    item_text,
)
from rinnalla.core import hetu
from rinnalla.episodes.models import Episode
from rinnalla.situation.models import PeriodKind, SituationPeriod

# WHODAS 2.0: a domain (two items, 2–10) at 6 or more has on average moderate or worse
# difficulty in both items; two such domains are "several limitations".
WHODAS_DOMAIN_LIMIT = 6
WHODAS_SEVERAL = 2
# Proposals of the work ability assessment that ask for the assessment the clinic does.
ASSESSMENT_PROPOSALS = ("further_examinations", "vocational_rehabilitation", "pension_assessment")


def age_on(client, day: datetime.date) -> int | None:
    try:
        born = hetu.parse(client.personal_identity_code).birth_date
    except hetu.InvalidHetu:
        return None
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def is_working_age(age: int | None) -> bool | None:
    """ "Työikäinen": ``RINNALLA_WORKING_AGE_MIN``–``RINNALLA_WORKING_AGE_MAX`` (18–64)."""
    if age is None:
        return None
    return settings.RINNALLA_WORKING_AGE_MIN <= age <= settings.RINNALLA_WORKING_AGE_MAX


@dataclass
class SystemAnswer:
    answer: str
    reason: str


@dataclass
class Evaluation:
    """What the record says about one client against one version of the criteria."""

    service: Service
    criteria: CriteriaList | None
    answers: dict[str, SystemAnswer] = field(default_factory=dict)
    texts: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Record:
    """The parts of the client's record the criteria and suggestions read (few queries)."""

    client: object
    today: datetime.date
    age: int | None
    needs: object | None = None
    latest: dict = field(default_factory=dict)  # instrument code → Measurement
    proposals: list[str] = field(default_factory=list)
    proposals_version: int | None = None
    statements: list = field(default_factory=list)
    periods: list[SituationPeriod] = field(default_factory=list)
    segment: str = ""
    current_segment: object | None = None  # the ClientSegment row (date, reason, who)
    consent_on: datetime.date | None = None
    open_services: set[int] = field(default_factory=set)  # organisation ids
    # Catalogue services named by the client's open plan actions.
    open_catalogue_services: set[int] = field(default_factory=set)

    def current_periods(self) -> list[SituationPeriod]:
        return [
            p
            for p in self.periods
            if p.is_current(self.today)
            or (p.kind == PeriodKind.PENSION_REJECTED and p.starts_on <= self.today)
        ]


def record_of(client, *, today: datetime.date | None = None) -> Record:
    from rinnalla.consent.models import Consent
    from rinnalla.measurements.models import Measurement, ServiceNeedsAssessment
    from rinnalla.workability.models import StatementRequest, WorkAbilityAssessment

    today = today or timezone.localdate()
    record = Record(client=client, today=today, age=age_on(client, today))
    record.needs = ServiceNeedsAssessment.objects.filter(client=client).order_by("-version").first()
    for measurement in Measurement.objects.filter(client=client).order_by("-measured_on", "-id"):
        record.latest.setdefault(measurement.instrument_code, measurement)
    latest_assessment = (
        WorkAbilityAssessment.objects.filter(episode__client=client)
        .order_by("-created_at", "-id")
        .first()
    )
    if latest_assessment is not None:
        record.proposals = list(latest_assessment.proposals)
        record.proposals_version = latest_assessment.version
    record.statements = list(
        StatementRequest.objects.filter(episode__client=client, received_on__isnull=False).order_by(
            "received_on"
        )
    )
    record.periods = list(SituationPeriod.objects.filter(client=client).order_by("-starts_on"))
    from rinnalla.situation.selectors import current_segment

    record.current_segment = current_segment(client=client)
    record.segment = record.current_segment.segment if record.current_segment else ""
    consent = Consent.objects.valid_now().filter(client=client).order_by("-given_on").first()
    record.consent_on = consent.given_on if consent else None
    record.open_services = set(
        Episode.objects.filter(client=client)
        .exclude(status=Episode.Status.CLOSED)
        .values_list("service_id", flat=True)
    )
    from rinnalla.plans.models import OPEN_STATUSES, PlanAction

    record.open_catalogue_services = set(
        PlanAction.objects.filter(
            episode__client=client, status__in=OPEN_STATUSES, catalogue_service__isnull=False
        )
        .exclude(episode__status=Episode.Status.CLOSED)
        .values_list("catalogue_service_id", flat=True)
    )
    return record


def _date(day) -> str:
    return date_format(day, "j.n.Y")


def _measurement_line(measurement) -> str:
    from rinnalla.measurements.instruments import INSTRUMENTS

    instrument = INSTRUMENTS.get(measurement.instrument_code)
    if instrument is not None:
        name = instrument.short_name or str(instrument.name)
        label = instrument.interpretation_label(measurement.interpretation)
    else:  # a result-only tool: the text it gave
        name, label = measurement.instrument_code, measurement.interpretation
    score = measurement.total_score
    line = f"{name} {_date(measurement.measured_on)}"
    if score is not None:
        line += f": {score.normalize():f}"
    if label:
        line += f" ({label})"
    return line


def _system_answer(source: str, record: Record, service: Service) -> SystemAnswer | None:
    if source == "age":
        working = is_working_age(record.age)
        if working is None:
            return None
        low, high = settings.RINNALLA_WORKING_AGE_MIN, settings.RINNALLA_WORKING_AGE_MAX
        reason = _("Age %(age)s today (working age: %(low)s–%(high)s).") % {
            "age": record.age,
            "low": low,
            "high": high,
        }
        return SystemAnswer(Answer.MET if working else Answer.NOT_MET, reason)
    if source == "whodas_domains":
        whodas = record.latest.get("whodas-12")
        if whodas is None:
            return None
        domains = (whodas.scores or {}).get("domains", {})
        limited = [key for key, value in domains.items() if value >= WHODAS_DOMAIN_LIMIT]
        if len(limited) >= WHODAS_SEVERAL:
            return SystemAnswer(
                Answer.MET,
                _("WHODAS 2.0 on %(date)s: moderate or greater difficulty in %(count)s domains.")
                % {"date": _date(whodas.measured_on), "count": len(limited)},
            )
        return None  # a low WHODAS does not rule out limitations: a person answers
    if source == "work_ability_proposal":
        asked = [p for p in record.proposals if p in ASSESSMENT_PROPOSALS]
        if asked:
            from rinnalla.workability.models import Proposal

            labels = dict(Proposal.choices)
            return SystemAnswer(
                Answer.MET,
                _("The work ability assessment (version %(version)s) proposes: %(what)s.")
                % {
                    "version": record.proposals_version,
                    "what": ", ".join(str(labels[p]).lower() for p in asked),
                },
            )
        return None
    if source == "consent":
        if record.consent_on:
            return SystemAnswer(
                Answer.MET,
                _("A valid written consent given on %(date)s.")
                % {"date": _date(record.consent_on)},
            )
        return None
    if source == "overlap_typ":
        warnings = overlap_warnings(record, service)
        if warnings:
            return SystemAnswer(Answer.NOT_MET, warnings[0])
        return None
    return None


def _needs(record: Record, *names: str) -> str:
    if record.needs is None:
        return ""
    return "\n".join(getattr(record.needs, n) for n in names if getattr(record.needs, n, ""))


def _text(source: str, record: Record) -> str:
    if source == "age":
        return _("%(age)s years") % {"age": record.age} if record.age is not None else ""
    if source.startswith("needs."):
        name = source.removeprefix("needs.")
        if name == "life_situation":
            return _needs(record, "family_and_housing", "social_situation")
        if name == "employment_measures":
            return _needs(record, "illnesses_and_treatment", "employment_measures")
        return _needs(record, name)
    if source == "measurements":
        return "\n".join(_measurement_line(m) for m in record.latest.values())
    if source == "statements":
        lines = [
            _("%(statement)s received on %(date)s")
            % {"statement": s.get_statement_display(), "date": _date(s.received_on)}
            for s in record.statements
        ]
        return "\n".join([*lines, _needs(record, "statements_and_decisions")]).strip()
    if source == "pension_decisions":
        lines = [
            f"{p.get_kind_display()} {_date(p.starts_on)}"
            + (f"–{_date(p.ends_on)}" if p.ends_on else "")
            + (f": {p.note}" if p.note else "")
            for p in record.periods
            if p.kind in (PeriodKind.PENSION_REJECTED, PeriodKind.REHABILITATION_SUBSIDY)
        ]
        return "\n".join(lines)
    return ""


def overlap_warnings(record: Record, service: Service) -> list[str]:
    """The service's overlap rules that the client's open relationships trigger.

    An open relationship in a service: an open client relationship in its provider
    organisation, or an open plan action that refers the client to it.
    """
    found = []
    for rule in service.overlap_rules.all():  # prefetched by selectors.services()
        if not rule.is_active:
            continue
        provider = rule.excluded_by.provider_id
        in_plan = rule.excluded_by_id in record.open_catalogue_services
        if in_plan or (provider is not None and provider in record.open_services):
            found.append(
                _("%(service)s: %(reason)s")
                % {"service": rule.excluded_by.name, "reason": rule.reason}
            )
    return found


def overlap_at_organisation(client, organisation_id: int) -> list[str]:
    """Overlap warnings at triage: the rules of the catalogue services the receiving
    organisation provides (the 2024 pilot excluded TYP clients, seed 003). Two
    queries when the organisation has no rules, four when it has."""
    from rinnalla.plans.models import OPEN_STATUSES, PlanAction

    services = list(
        Service.objects.filter(provider_id=organisation_id).prefetch_related(
            "overlap_rules__excluded_by"
        )
    )
    if not any(rule.is_active for s in services for rule in s.overlap_rules.all()):
        return []
    record = Record(client=client, today=timezone.localdate(), age=None)
    record.open_services = set(
        Episode.objects.filter(client=client)
        .exclude(status=Episode.Status.CLOSED)
        .exclude(service_id=organisation_id)
        .values_list("service_id", flat=True)
    )
    record.open_catalogue_services = set(
        PlanAction.objects.filter(
            episode__client=client, status__in=OPEN_STATUSES, catalogue_service__isnull=False
        )
        .exclude(episode__status=Episode.Status.CLOSED)
        .values_list("catalogue_service_id", flat=True)
    )
    return [warning for service in services for warning in overlap_warnings(record, service)]


def evaluate(
    client, service: Service, *, criteria: CriteriaList | None = None, record: Record | None = None
) -> Evaluation:
    """Fill what the record tells about the criteria (current version unless given)."""
    criteria = criteria or service.criteria_lists.order_by("-version").first()
    record = record or record_of(client)
    evaluation = Evaluation(service=service, criteria=criteria)
    evaluation.warnings = overlap_warnings(record, service)
    if criteria is None:
        return evaluation
    for entry in criteria.items:
        source = entry.get("source", "")
        if entry["kind"] == ItemKind.REFER_IF and source:
            answer = _system_answer(source, record, service)
            if answer is not None:
                evaluation.answers[entry["code"]] = answer
        elif entry["kind"] == ItemKind.REFERRAL_SHOULD_TELL and source:
            evaluation.texts[entry["code"]] = _text(source, record)
    return evaluation


def referral_text(check: CriteriaCheck) -> str:
    """The referral to paste into the patient record: criteria, then the items it tells."""
    criteria = check.criteria
    lines = [
        _("Referral: %(service)s") % {"service": check.service.name},
        _("Client: %(name)s") % {"name": check.client.full_name},
        "",
        _("Referral criteria (version %(version)s):") % {"version": criteria.version},
    ]
    labels = dict(Answer.choices)
    for entry in criteria.items_of(ItemKind.REFER_IF):
        stored = check.answers.get(entry["code"], {"answer": Answer.UNKNOWN})
        line = f"- {item_text(entry)}: {labels[stored['answer']]}"
        if stored.get("reason"):
            line += f" ({stored['reason']})"
        lines.append(line)
    missing = [
        item_text(e)
        for e in criteria.items_of(ItemKind.REFER_IF)
        if e["code"] in set(check.missing)
    ]
    if missing:
        lines += ["", _("Not yet met or not known:")] + [f"- {text}" for text in missing]
    if check.warnings:
        lines += ["", _("Note:")] + [f"- {w}" for w in check.warnings]
    tell = criteria.items_of(ItemKind.REFERRAL_SHOULD_TELL)
    if tell:
        lines.append("")
        for entry in tell:
            text = check.texts.get(entry["code"], "").strip()
            lines.append(f"{item_text(entry)}: {text or '–'}")
    author = check.created_by.get_full_name() or check.created_by.get_username()
    if check.organisation_id:
        author += f", {check.organisation}"
    when = timezone.localdate(check.created_at) if check.created_at else timezone.localdate()
    lines += ["", _("Written by %(author)s on %(date)s.") % {"author": author, "date": _date(when)}]
    return "\n".join(lines)
