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
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)  # streaming rows: a fraction of the normal mode's time
    sheet = book.create_sheet(report.name[:31])
    sheet.column_dimensions["A"].width = 40
    bold = Font(bold=True)
    for line in _lines(report, f):
        if len(line) == 1:  # a title: the report's or a table's
            cell = WriteOnlyCell(sheet, value=line[0])
            cell.font = bold
            sheet.append([cell])
        else:
            sheet.append(line)
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{report.name}.xlsx"'
    response["Cache-Control"] = "no-store"
    return response
