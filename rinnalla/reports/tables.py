"""A report's tables, suppressed once and rendered the same in HTML, CSV, XLSX, PDF and API."""

from dataclasses import dataclass, field

from django.conf import settings

from rinnalla.reports.suppression import suppress_table


@dataclass
class Column:
    key: str
    label: str


@dataclass
class Cell:
    value: int | float | None
    suppressed: bool = False

    def text(self) -> str:
        if self.suppressed:
            return f"< {settings.RINNALLA_REPORT_MIN_CELL}"
        if self.value is None:
            return "–"
        if isinstance(self.value, float):
            return f"{self.value:.1f}".replace(".", ",")
        return str(self.value)


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    is_total: bool = False

    @property
    def suppressed(self) -> bool:
        return any(c.suppressed for c in self.cells)


@dataclass
class Table:
    """A table of counts of people with totals; ``stats`` are derived columns per row.

    ``stats`` (averages, medians, shares) are shown only where the row's count (its
    total) is published and at least the minimum; otherwise they are suppressed too.
    """

    id: str
    title: str
    row_header: str
    columns: list[Column]
    row_keys: list[tuple[str, str]]
    counts: list[list[int]]
    stats: list[Column] = field(default_factory=list)
    stat_values: list[list[float | None]] = field(default_factory=list)
    total_label: str = ""
    with_totals: bool = True
    forced: set = field(default_factory=set)
    rows: list[Row] = field(default_factory=list)
    suppressed_cells: set = field(default_factory=set)

    @property
    def all_columns(self) -> list[Column]:
        from django.utils.translation import gettext as _

        total = (
            [Column("total", self.total_label or _("Total"))]
            if self.with_totals and len(self.columns) > 1
            else []
        )
        return [*self.columns, *total, *self.stats]

    def build(self) -> "Table":
        k = settings.RINNALLA_REPORT_MIN_CELL
        width = len(self.columns)
        counts = self.counts or []
        if not counts or width == 0:
            self.rows = []
            return self
        if self.with_totals:
            grid, suppressed = suppress_table(counts, k=k, forced=self.forced)
        else:
            grid = [list(r) for r in counts]
            suppressed = {(i, j) for i, r in enumerate(grid) for j, v in enumerate(r) if 0 < v < k}
        self.suppressed_cells = suppressed
        labels = [*self.row_keys]
        if self.with_totals:
            from django.utils.translation import gettext as _

            labels.append(("total", self.total_label or _("Total")))
        rows = []
        for i, (key, label) in enumerate(labels):
            cells = [Cell(grid[i][j], (i, j) in suppressed) for j in range(len(grid[i]))]
            n_cell = cells[-1] if self.with_totals else None
            if self.with_totals and width == 1:
                # One column: its row total is the cell itself (suppressed with it).
                cells = cells[:1]
            stat_row = self.stat_values[i] if i < len(self.stat_values) else []
            for s in range(len(self.stats)):
                value = stat_row[s] if s < len(stat_row) else None
                hidden = n_cell is not None and (n_cell.suppressed or (n_cell.value or 0) < k)
                cells.append(Cell(None if hidden else value, hidden and value is not None))
            rows.append(Row(key, label, cells, is_total=self.with_totals and i == len(labels) - 1))
        self.rows = rows
        return self

    @property
    def any_suppressed(self) -> bool:
        return any(row.suppressed for row in self.rows)

    def as_api(self) -> dict:
        columns = self.all_columns
        return {
            "id": self.id,
            "title": self.title,
            "columns": [{"key": c.key, "label": c.label} for c in columns],
            "rows": [
                {
                    "key": row.key,
                    "label": row.label,
                    "total": row.is_total,
                    "values": {
                        c.key: (None if cell.suppressed else cell.value)
                        for c, cell in zip(columns, row.cells, strict=False)
                    },
                    "suppressed": row.suppressed,
                }
                for row in self.rows
            ],
        }


def link_totals(first: Table, second: Table) -> None:
    """Two tables with the same row totals: a total suppressed in one is suppressed in both.

    Otherwise a total hidden in one table could be read from the other.
    """
    for _round in range(10):
        first.build()
        second.build()
        col_a, col_b = len(first.columns), len(second.columns)
        hidden_a = {i for i, j in first.suppressed_cells if j == col_a}
        hidden_b = {i for i, j in second.suppressed_cells if j == col_b}
        if hidden_a == hidden_b:
            return
        union = hidden_a | hidden_b
        first.forced = first.forced | {(i, col_a) for i in union}
        second.forced = second.forced | {(i, col_b) for i in union}


def percent(part: int, whole: int) -> float | None:
    return round(100.0 * part / whole, 1) if whole else None
