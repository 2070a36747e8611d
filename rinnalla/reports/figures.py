"""The service owner's reports (SPEC §9): built from the rollups, suppressed, labelled.

Each ``<name>_report(filters)`` returns a :class:`Report`: its tables (already
suppressed), the chart series and the notes. Pages, CSV, XLSX, the PDF summary and the
API all render the same object, so a number hidden in one is hidden in all.
"""

import datetime
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Sum
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from rinnalla.accounts.models import Organisation, User
from rinnalla.episodes.models import Episode, EventKind, Outcome
from rinnalla.referrals.models import Channel, SourceKind
from rinnalla.reports.models import DailyCount, MonthlyCount, RollupState
from rinnalla.reports.rollup import CHANGE_INSTRUMENTS
from rinnalla.reports.tables import Cell, Column, Table, link_totals, percent

REPORT_NAMES = {
    "referrals": gettext_lazy("Referrals"),
    "first-contact": gettext_lazy("Time to first contact"),
    "caseload": gettext_lazy("Caseload"),
    "contacts": gettext_lazy("Contacts and meetings"),
    "meetings": gettext_lazy("Network meetings"),
    "outcomes": gettext_lazy("Outcomes at closing"),
    "measurements-change": gettext_lazy("Change in work ability measurements"),
    "surveys": gettext_lazy("Feedback surveys"),
    "statements": gettext_lazy("Statements requested and received"),
}


@dataclass
class Filters:
    start: datetime.date
    end: datetime.date
    service_ids: list[int] | None = None  # None: every service
    organisation_id: int | None = None
    coordinator_id: int | None = None

    def __post_init__(self):
        # Reports count whole months (what the rollups hold, and fixed periods make
        # differencing between overlapping requests harder).
        self.start = self.start.replace(day=1)
        self.end = (self.end.replace(day=1) + datetime.timedelta(days=32)).replace(
            day=1
        ) - datetime.timedelta(days=1)

    @property
    def months(self) -> list[datetime.date]:
        months, month = [], self.start.replace(day=1)
        while month <= self.end:
            months.append(month)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return months


@dataclass
class Chart:
    title: str
    labels: list[str]
    cells: list[Cell]
    unit: str = ""


@dataclass
class Report:
    name: str
    title: str
    description: str
    tables: list[Table]
    chart: Chart | None = None
    notes: list[str] = field(default_factory=list)
    texts: list[tuple[str, list[str]]] = field(default_factory=list)
    as_of: datetime.datetime | None = None

    @property
    def suppressed(self) -> bool:
        return any(t.any_suppressed for t in self.tables)

    def as_api(self) -> dict:
        rows = []
        for table in self.tables:
            for row in table.as_api()["rows"]:
                rows.append({"table": table.id, **row})
        return {
            "name": self.name,
            "title": self.title,
            "rows": rows,
            "tables": [t.as_api() for t in self.tables],
            "suppressed": self.suppressed,
            "as_of": self.as_of,
        }


def month_label(month: datetime.date) -> str:
    return formats.date_format(month, "n/Y")


def as_of() -> datetime.datetime | None:
    state = RollupState.objects.filter(pk=1).first()
    return state.refreshed_at if state else None


def _counts(metric: str, f: Filters, *, by_coordinator: bool = True):
    """The monthly rollup rows of a metric in the period, filtered.

    Every metric carries an organisation (see ``rollup``): the referring one for
    referrals and relationships, the one taking part for events, meetings and
    statements; so the organisation filter applies to every figure."""
    rows = MonthlyCount.objects.filter(
        metric=metric, month__gte=f.start.replace(day=1), month__lte=f.end
    )
    if f.service_ids is not None:
        rows = rows.filter(service_id__in=f.service_ids)
    if f.organisation_id is not None:
        rows = rows.filter(organisation_id=f.organisation_id)
    if f.coordinator_id is not None and by_coordinator:
        rows = rows.filter(coordinator_id=f.coordinator_id)
    return rows


def _by_month(metric: str, f: Filters, **kwargs) -> dict[tuple[datetime.date, str], tuple]:
    grouped = (
        _counts(metric, f, **kwargs).values("month", "key").annotate(n=Sum("count"), t=Sum("total"))
    )
    return {(g["month"], g["key"]): (g["n"] or 0, g["t"] or 0) for g in grouped}


def _month_table(
    table_id: str,
    title: str,
    data: dict,
    f: Filters,
    choices: list[tuple[str, str]],
    *,
    only_present: bool = True,
) -> Table:
    present = {key for (_m, key) in data}
    columns = [Column(v, str(label)) for v, label in choices if not only_present or v in present]
    months = f.months
    counts = [[data.get((m, c.key), (0, 0))[0] for c in columns] for m in months]
    return Table(
        id=table_id,
        title=title,
        row_header=_("Month"),
        columns=columns,
        row_keys=[(m.isoformat()[:7], month_label(m)) for m in months],
        counts=counts,
    )


def _chart_from_totals(table: Table, title: str) -> Chart:
    rows = [r for r in table.rows if not r.is_total]
    return Chart(
        title=title,
        labels=[r.label for r in rows],
        cells=[r.cells[len(table.columns) if len(table.columns) > 1 else 0] for r in rows],
    )


def _empty_note(report: Report) -> Report:
    if not any(t.rows for t in report.tables):
        report.notes.append(_("No data for this period and selection."))
    return report


# --- the reports -------------------------------------------------------------------------


def referrals_report(f: Filters) -> Report:
    sources = _month_table(
        "sources",
        _("Referrals received by source"),
        _by_month("referral_source", f, by_coordinator=False),
        f,
        SourceKind.choices,
    )
    channels = _month_table(
        "channels",
        _("Referrals received by channel"),
        _by_month("referral_channel", f, by_coordinator=False),
        f,
        Channel.choices,
    )
    link_totals(sources, channels)
    decisions = [
        ("accepted", _("Accepted")),
        ("redirected", _("Redirected")),
        ("declined", _("Declined")),
    ]
    triage = _month_table(
        "triage",
        _("Referrals handled"),
        _by_month("triage", f),
        f,
        decisions,
        only_present=False,
    ).build()
    report = Report(
        "referrals",
        str(REPORT_NAMES["referrals"]),
        _(
            "Referrals received per month by who referred (walk-in reception is one "
            "source) and by the channel they came through, and how they were handled."
        ),
        [sources, channels, triage],
        chart=_chart_from_totals(sources, _("Referrals received per month")),
    )
    return _empty_note(report)


def _quantile(histogram: Counter, q: float) -> float | None:
    n = sum(histogram.values())
    if not n:
        return None
    rank = max(1, int(round(q * n + 0.4999)))  # nearest-rank
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= rank:
            return float(value)
    return None


def first_contact_report(f: Filters) -> Report:
    target = settings.RINNALLA_FIRST_CONTACT_TARGET_DAYS
    grouped = (
        _counts("first_contact_days", f, by_coordinator=False)
        .values("month", "key")
        .annotate(n=Sum("count"))
    )
    per_month: dict[datetime.date, Counter] = defaultdict(Counter)
    for g in grouped:
        per_month[g["month"]][int(g["key"])] += g["n"]
    months = f.months
    everything: Counter = Counter()
    counts, stats = [], []
    for m in months:
        hist = per_month.get(m, Counter())
        everything.update(hist)
        within = sum(n for days, n in hist.items() if days <= target)
        over = sum(hist.values()) - within
        counts.append([within, over])
        stats.append(_first_contact_stats(hist, target))
    stats.append(_first_contact_stats(everything, target))
    table = Table(
        id="first_contact",
        title=_("Time from referral to first contact"),
        row_header=_("Month of the first contact"),
        columns=[
            Column("within_target", _("Within %(days)d days") % {"days": target}),
            Column("over_target", _("Over %(days)d days") % {"days": target}),
        ],
        row_keys=[(m.isoformat()[:7], month_label(m)) for m in months],
        counts=counts,
        stats=[
            Column("median_days", _("Median, days")),
            Column("p90_days", _("90th percentile, days")),
            Column("within_target_percent", _("Within target, %")),
        ],
        stat_values=stats,
        total_label=_("First contacts"),
    ).build()
    report = Report(
        "first-contact",
        str(REPORT_NAMES["first-contact"]),
        _(
            "Days from the referral's arrival to the first contact with the client (a "
            "contact or a meeting), per month of the first contact. The target is %(days)d "
            "days."
        )
        % {"days": target},
        [table],
        chart=Chart(
            _("Median days to first contact per month"),
            [r.label for r in table.rows if not r.is_total],
            [r.cells[3] for r in table.rows if not r.is_total],
            unit=_("days"),
        ),
    )
    return _empty_note(report)


def _first_contact_stats(hist: Counter, target: int) -> list:
    n = sum(hist.values())
    within = sum(c for days, c in hist.items() if days <= target)
    return [_quantile(hist, 0.5), _quantile(hist, 0.9), percent(within, n)]


def caseload_report(f: Filters) -> Report:
    """Open relationships per primary coordinator now (a snapshot, not a period)."""
    snapshot = DailyCount.objects.filter(metric="caseload")
    if f.service_ids is not None:
        snapshot = snapshot.filter(service_id__in=f.service_ids)
    if f.organisation_id is not None:
        snapshot = snapshot.filter(organisation_id=f.organisation_id)
    if f.coordinator_id is not None:
        snapshot = snapshot.filter(coordinator_id=f.coordinator_id)
    open_statuses = [Episode.Status.WAITING, Episode.Status.ACTIVE, Episode.Status.PAUSED]
    per_person: dict[int, Counter] = defaultdict(Counter)
    for coordinator_id, status, n in snapshot.values_list("coordinator_id", "key", "count"):
        per_person[coordinator_id][status] += n
    people = {
        u.pk: u
        for u in User.objects.filter(pk__in=list(per_person)).only(
            "first_name", "last_name", "username", "working_time_percent"
        )
    }
    order = sorted(per_person, key=lambda pk: str(people[pk]))
    statuses = [(s, label) for s, label in Episode.Status.choices if s in open_statuses]
    counts, stats = [], []
    total_fte = 0.0
    for pk in order:
        row = [per_person[pk][s] for s, _l in statuses]
        counts.append(row)
        percent_time = people[pk].working_time_percent
        fte = (percent_time or 0) / 100.0
        total_fte += fte
        stats.append([percent_time, round(sum(row) / fte, 1) if fte else None])
    everyone = sum(sum(r) for r in counts)
    stats.append([None, round(everyone / total_fte, 1) if total_fte else None])
    table = Table(
        id="caseload",
        title=_("Open client relationships per coordinator"),
        row_header=_("Coordinator (primary contact)"),
        columns=[Column(s, str(label)) for s, label in statuses],
        row_keys=[(str(pk), str(people[pk])) for pk in order],
        counts=counts,
        stats=[
            Column("working_time_percent", _("Working time, %")),
            Column("per_fte", _("Per full-time equivalent")),
        ],
        stat_values=stats,
    ).build()
    report = Report(
        "caseload",
        str(REPORT_NAMES["caseload"]),
        _(
            "Open client relationships today, by the coordinator who is the client's "
            "primary contact. Per full-time equivalent where the coordinator's working time "
            "is recorded."
        ),
        [table],
        chart=_chart_from_totals(table, _("Open client relationships per coordinator")),
    )
    report.notes.append(_("A snapshot of today: the period does not apply."))
    return _empty_note(report)


def contacts_report(f: Filters) -> Report:
    data = _by_month("event", f)
    kinds = EventKind.choices
    table = _month_table("events", _("Events of the service paths"), data, f, kinds)
    stats = []
    for m in f.months:
        stats.append([_avg_minutes(data, [m], "contact"), _avg_minutes(data, [m], "meeting")])
    stats.append([_avg_minutes(data, f.months, "contact"), _avg_minutes(data, f.months, "meeting")])
    table.stats = [
        Column("contact_minutes", _("Average contact, minutes")),
        Column("meeting_minutes", _("Average meeting, minutes")),
    ]
    table.stat_values = stats
    table.build()
    closed = _by_month("closed_path", f)
    per_client = _closed_table(
        "per_client",
        _("Contacts and meetings per closed client relationship"),
        f,
        closed,
        [
            ("contact", _("Contacts per client")),
            ("meeting", _("Meetings per client")),
            ("network_meeting", _("Network meetings per client")),
        ],
    )
    report = Report(
        "contacts",
        str(REPORT_NAMES["contacts"]),
        _(
            "Contacts, meetings and other events recorded on the service paths per month, "
            "and per client for the relationships closed in the period."
        ),
        [table, per_client],
        chart=_chart_from_totals(table, _("Events per month")),
    )
    return _empty_note(report)


def _avg_minutes(data, months, kind) -> float | None:
    n = sum(data.get((m, kind), (0, 0))[0] for m in months)
    t = sum(data.get((m, kind), (0, 0))[1] for m in months)
    return round(t / n, 1) if n else None


def _closed_table(table_id, title, f, data, averages) -> Table:
    """Closed relationships per month (a count) with per-client averages as stats."""
    months = f.months
    counts, stats = [], []
    for m in months:
        n = data.get((m, averages[0][0]), (0, 0))[0]
        counts.append([n])
        stats.append([round(data[(m, k)][1] / n, 1) if n else None for k, _l in averages])
    n_all = sum(c[0] for c in counts)
    stats.append(
        [
            round(sum(data.get((m, k), (0, 0))[1] for m in months) / n_all, 1) if n_all else None
            for k, _l in averages
        ]
    )
    return Table(
        id=table_id,
        title=title,
        row_header=_("Month of closing"),
        columns=[Column("closed", _("Closed relationships"))],
        row_keys=[(m.isoformat()[:7], month_label(m)) for m in months],
        counts=counts,
        stats=[Column(k, str(label)) for k, label in averages],
        stat_values=stats,
        with_totals=True,
    ).build()


def meetings_report(f: Filters) -> Report:
    # Filtered by an organisation: the meetings it took part in (each once).
    metric = "network_meeting" if f.organisation_id is None else "network_meeting_org"
    data = _by_month(metric, f, by_coordinator=False)
    table = _month_table(
        "held",
        _("Network meetings held"),
        data,
        f,
        [("client_present", _("Client took part")), ("client_absent", _("Without the client"))],
        only_present=False,
    )
    stats = []
    for m in f.months:
        n = sum(data.get((m, k), (0, 0))[0] for k in ("client_present", "client_absent"))
        t = sum(data.get((m, k), (0, 0))[1] for k in ("client_present", "client_absent"))
        stats.append([round(t / n, 1) if n else None])
    n = sum(v[0] for v in data.values())
    t = sum(v[1] for v in data.values())
    stats.append([round(t / n, 1) if n else None])
    table.stats = [Column("minutes", _("Average length, minutes"))]
    table.stat_values = stats
    table.build()
    participants = (
        _counts("meeting_participant", f, by_coordinator=False)
        .values("organisation_id")
        .annotate(n=Sum("count"))
        .order_by()
    )
    names = dict(Organisation.objects.values_list("pk", "name"))
    rows = sorted(
        ((g["organisation_id"], g["n"]) for g in participants),
        key=lambda r: (r[0] is None, names.get(r[0], "")),
    )
    by_org = Table(
        id="participants",
        title=_("Professionals taking part, by organisation"),
        row_header=_("Organisation"),
        columns=[Column("participations", _("Participations"))],
        row_keys=[
            (str(pk or "external"), names.get(pk, "") if pk else _("Invited from outside Rinnalla"))
            for pk, _n in rows
        ],
        counts=[[n] for _pk, n in rows],
    ).build()
    report = Report(
        "meetings",
        str(REPORT_NAMES["meetings"]),
        _("Network meetings whose minutes were recorded, per month, and who took part."),
        [table, by_org],
        chart=_chart_from_totals(table, _("Network meetings held per month")),
    )
    return _empty_note(report)


def outcomes_report(f: Filters) -> Report:
    data = _by_month("closing_outcome", f)
    table = _month_table("outcomes", _("Outcomes at closing"), data, f, Outcome.choices)
    lengths = _counts("closing_length_days", f).values("month", "key").annotate(n=Sum("count"))
    per_month: dict[datetime.date, Counter] = defaultdict(Counter)
    for g in lengths:
        per_month[g["month"]][int(g["key"])] += g["n"]
    everything: Counter = Counter()
    stats = []
    for m in f.months:
        everything.update(per_month.get(m, Counter()))
        stats.append([_quantile(per_month.get(m, Counter()), 0.5)])
    stats.append([_quantile(everything, 0.5)])
    table.stats = [Column("median_length_days", _("Median length of the relationship, days"))]
    table.stat_values = stats
    table.build()
    report = Report(
        "outcomes",
        str(REPORT_NAMES["outcomes"]),
        _("How the client relationships closed in the period ended, and how long they lasted."),
        [table],
        chart=_chart_from_totals(table, _("Client relationships closed per month")),
    )
    return _empty_note(report)


def measurements_change_report(f: Filters) -> Report:
    grouped = _counts("measure_change", f).values("key").annotate(n=Sum("count"), t=Sum("total"))
    bands: dict[str, Counter] = defaultdict(Counter)
    sums: Counter = Counter()
    for g in grouped:
        code, change = g["key"].rsplit(":", 1)
        change = int(change)
        higher_is_better = CHANGE_INSTRUMENTS.get(code, True)
        better = change > 0 if higher_is_better else change < 0
        band = "unchanged" if change == 0 else ("improved" if better else "worsened")
        bands[code][band] += g["n"]
        sums[code] += g["t"]
    from rinnalla.measurements import instruments

    codes = [c for c in CHANGE_INSTRUMENTS if c in bands]
    counts = [[bands[c]["improved"], bands[c]["unchanged"], bands[c]["worsened"]] for c in codes]
    stats = [
        [round(sums[c] / sum(bands[c].values()), 1) if sum(bands[c].values()) else None]
        for c in codes
    ]
    stats.append([None])
    table = Table(
        id="change",
        title=_("Change between the first and the last result"),
        row_header=_("Measurement"),
        columns=[
            Column("improved", _("Improved")),
            Column("unchanged", _("Unchanged")),
            Column("worsened", _("Worsened")),
        ],
        row_keys=[(c, str(instruments.INSTRUMENTS[c].label)) for c in codes],
        counts=counts,
        stats=[Column("mean_change", _("Mean change, points"))],
        stat_values=stats,
    ).build()
    report = Report(
        "measurements-change",
        str(REPORT_NAMES["measurements-change"]),
        _(
            "For the client relationships closed in the period with at least two results "
            "of a measurement during the relationship: the change from the first to the "
            "last. A higher self-rated work ability and a lower WHODAS 2.0 score are better."
        ),
        [table],
    )
    return _empty_note(report)


def statements_report(f: Filters) -> Report:
    table = _month_table(
        "statements",
        _("Statements requested and received"),
        _by_month("statement", f, by_coordinator=False),
        f,
        [("requested", _("Requested")), ("received", _("Received"))],
        only_present=False,
    ).build()
    report = Report(
        "statements",
        str(REPORT_NAMES["statements"]),
        _(
            "Medical statements (such as the B-lausunto) asked of physicians in the work "
            "ability assessment, and those received, per month."
        ),
        [table],
        chart=_chart_from_totals(table, _("Statements per month")),
    )
    return _empty_note(report)


def surveys_report(f: Filters) -> Report:
    from rinnalla.reports.survey_figures import survey_tables

    tables, texts, notes = survey_tables(f)
    if f.organisation_id is not None:
        notes.insert(
            0,
            _(
                "The organisation does not narrow the feedback surveys: the answers are "
                "anonymous and name only the service."
            ),
        )
    report = Report(
        "surveys",
        str(REPORT_NAMES["surveys"]),
        _(
            "Answers to the feedback surveys, per question: how many answered and the "
            "average on the 0–10 scale, and the response rate: of the one-time links sent "
            "each month, how many were answered. Free-text answers are listed only when at "
            "least %(k)d people answered the survey."
        )
        % {"k": settings.RINNALLA_REPORT_MIN_CELL},
        tables,
        texts=texts,
        notes=notes,
    )
    return _empty_note(report)


BUILDERS = {
    "referrals": referrals_report,
    "first-contact": first_contact_report,
    "caseload": caseload_report,
    "contacts": contacts_report,
    "meetings": meetings_report,
    "outcomes": outcomes_report,
    "measurements-change": measurements_change_report,
    "surveys": surveys_report,
    "statements": statements_report,
}


def build(name: str, f: Filters) -> Report:
    """The report, cached until the data changes (a rollup refresh or a new answer)."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from rinnalla.surveys.models import SurveyResponse

    data_as_of = as_of()
    version = data_as_of.timestamp() if data_as_of else 0
    if name == "surveys":
        from rinnalla.surveys.models import LinksSent

        newest = SurveyResponse.objects.order_by("-pk").values_list("pk", flat=True).first()
        links = LinksSent.objects.aggregate(n=Sum("count"))["n"]
        version = f"{version}:{newest}:{SurveyResponse.objects.count()}:{links}"
    key = "report:" + ":".join(
        str(part)
        for part in (
            name,
            get_language(),
            f.start,
            f.end,
            ",".join(map(str, f.service_ids)) if f.service_ids is not None else "all",
            f.organisation_id,
            f.coordinator_id,
            version,
        )
    )
    report = cache.get(key)
    if report is None:
        report = BUILDERS[name](f)
        report.as_of = data_as_of if name != "surveys" else timezone.now()
        cache.set(key, report, 3600)
    return report
