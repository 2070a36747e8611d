"""The service owner's reports: the overview (the manager's home), each report, files."""

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from rinnalla.access.models import AccessLogEntry
from rinnalla.core.pdf import pdf_response, render_pdf
from rinnalla.reports import charts, exports, figures
from rinnalla.reports.access import report_access
from rinnalla.reports.forms import FilterForm, default_start
from rinnalla.reports.models import RollupState
from rinnalla.reports.tables import Cell

Channel = AccessLogEntry.Channel
# The overview's key figures: (report, table id, column key or "total", label).
KEY_FIGURES = [
    ("referrals", "sources", "total", gettext_lazy("Referrals received")),
    ("referrals", "sources", "walk_in", gettext_lazy("Walk-in visits")),
    ("first-contact", "first_contact", "median_days", gettext_lazy("Median days to first contact")),
    (
        "first-contact",
        "first_contact",
        "within_target_percent",
        gettext_lazy("First contact within target, %"),
    ),
    ("meetings", "held", "total", gettext_lazy("Network meetings held")),
    ("outcomes", "outcomes", "total", gettext_lazy("Client relationships closed")),
    ("surveys", "responses", "responses", gettext_lazy("Feedback responses")),
]


def ensure_fresh() -> None:
    """Figures older than the refresh interval: ask the worker for a refresh (once).

    The very first time (no rollups at all) the refresh runs here, so that a new
    installation shows figures at once.
    """
    from rinnalla.reports.rollup import rollups_refresh
    from rinnalla.reports.tasks import refresh_rollups

    state = RollupState.objects.filter(pk=1).first()
    now = timezone.now()
    if state is None or state.refreshed_at is None:
        rollups_refresh(full=True)
        return
    stale = now - state.refreshed_at > datetime.timedelta(
        seconds=settings.RINNALLA_REPORT_REFRESH_SECONDS
    )
    recently_asked = state.requested_at and now - state.requested_at < datetime.timedelta(
        minutes=10
    )
    if stale and not recently_asked:
        RollupState.objects.filter(pk=1).update(requested_at=now)
        refresh_rollups.enqueue()


def _filters(request, services):
    form = FilterForm(request.GET or None, services=services)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        chosen = data.get("service")
        service_ids = services
        if chosen is not None:
            service_ids = [chosen.pk]
        return form, figures.Filters(
            start=data["start"],
            end=data["end"],
            service_ids=service_ids,
            organisation_id=data["organisation"].pk if data.get("organisation") else None,
            coordinator_id=data["coordinator"].pk if data.get("coordinator") else None,
        )
    return form, figures.Filters(
        start=default_start(), end=timezone.localdate(), service_ids=services
    )


def _query_without_format(request) -> str:
    query = request.GET.copy()
    query.pop("format", None)
    return query.urlencode()


@login_required
@require_GET
def overview(request):
    """The report overview: the key figures of every report, each a link to its report."""
    services = report_access(request.user, "overview", channel=Channel.PAGE)
    ensure_fresh()
    form, f = _filters(request, services)
    built = {name: figures.build(name, f) for name in {k[0] for k in KEY_FIGURES}}
    cards = []
    for name, table_id, column, label in KEY_FIGURES:
        report = built[name]
        table = next((t for t in report.tables if t.id == table_id), None)
        cell = None
        if table is not None and table.rows:
            total_row = next((r for r in table.rows if r.is_total), table.rows[-1])
            keys = [c.key for c in table.all_columns]
            if column in keys:
                cell = total_row.cells[keys.index(column)]
        if cell is None and column in ("total", "walk_in"):
            cell = Cell(0)  # nothing counted in the period: a real zero
        cards.append({"name": name, "label": str(label), "cell": cell})
    return render(
        request,
        "reports/overview.html",
        {
            "form": form,
            "filters": f,
            "cards": cards,
            "reports": [(name, str(title)) for name, title in figures.REPORT_NAMES.items()],
            "as_of": figures.as_of(),
            "query": _query_without_format(request),
            "min_cell": settings.RINNALLA_REPORT_MIN_CELL,
        },
    )


@login_required
@require_GET
def report(request, name: str):
    if name not in figures.BUILDERS:
        raise Http404
    wanted = request.GET.get("format", "")
    channel = Channel.EXPORT if wanted in ("csv", "xlsx") else Channel.PAGE
    services = report_access(request.user, name, channel=channel)
    ensure_fresh()
    form, f = _filters(request, services)
    built = figures.build(name, f)
    if wanted == "csv":
        return exports.csv_response(built, f)
    if wanted == "xlsx":
        return exports.xlsx_response(built, f)
    return render(
        request,
        "reports/report.html",
        {
            "report": built,
            "form": form,
            "filters": f,
            "chart": charts.geometry(built.chart) if built.chart else None,
            "query": _query_without_format(request),
            "reports": [(n, str(t)) for n, t in figures.REPORT_NAMES.items()],
            "min_cell": settings.RINNALLA_REPORT_MIN_CELL,
        },
    )


@login_required
@require_GET
def summary_pdf(request):
    """The owner's one-page summary: the key figures of every report, printable."""
    services = report_access(request.user, "summary", channel=Channel.PDF)
    ensure_fresh()
    _form, f = _filters(request, services)
    built = [figures.build(name, f) for name in ("referrals", "first-contact", "outcomes")]
    lines = []
    for report in built:
        table = report.tables[0]
        if table.rows:
            lines.append((report.title, table))
    surveys = figures.build("surveys", f)
    content = render_pdf(
        "reports/summary_pdf.html",
        {
            "filters": f,
            "tables": lines,
            "surveys": surveys,
            "meetings": figures.build("meetings", f),
            "as_of": figures.as_of(),
            "min_cell": settings.RINNALLA_REPORT_MIN_CELL,
        },
    )
    return pdf_response(content, "rinnalla-raportti.pdf")
