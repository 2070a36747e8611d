"""CSV and XLSX of a report: the same suppressed cells as the page ("< 5", never the value)."""

import csv
import io

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from rinnalla.reports.figures import Report


def _lines(report: Report, f) -> list[list[str]]:
    lines = [
        [report.title],
        [_("Period"), f"{f.start:%d.%m.%Y}–{f.end:%d.%m.%Y}"],
        [
            _("Data as of"),
            timezone.localtime(report.as_of).strftime("%d.%m.%Y %H:%M") if report.as_of else "–",
        ],
    ]
    for table in report.tables:
        lines.append([])
        lines.append([table.title])
        lines.append([table.row_header, *[c.label for c in table.all_columns]])
        for row in table.rows:
            lines.append([row.label, *[cell.text() for cell in row.cells]])
    for note in report.notes:
        lines.append([])
        lines.append([note])
    return lines


def csv_response(report: Report, f) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")  # what Excel expects in Finland
    for line in _lines(report, f):
        writer.writerow(line)
    response = HttpResponse("\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{report.name}.csv"'
    response["Cache-Control"] = "no-store"
    return response


def xlsx_response(report: Report, f) -> HttpResponse:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = report.name[:31]
    for line in _lines(report, f):
        sheet.append(line)
    for row in sheet.iter_rows():
        if len(row) == 1 and row[0].value:
            row[0].font = Font(bold=True)
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.column_dimensions["A"].width = 40
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{report.name}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
