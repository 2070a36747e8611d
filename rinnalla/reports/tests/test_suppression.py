"""Complementary suppression: nothing suppressed can be recovered from what is published."""

from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from rinnalla.reports.suppression import suppress_table


def _rank(rows: list[list[Fraction]]) -> int:
    rows = [r[:] for r in rows]
    rank, width = 0, len(rows[0]) if rows else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
    return rank


def recoverable(grid, suppressed) -> set:
    """Suppressed cells whose value follows linearly from the published cells and totals."""
    unknowns = sorted(suppressed)
    index = {cell: n for n, cell in enumerate(unknowns)}
    last_row, last_col = len(grid) - 1, len(grid[0]) - 1
    equations = []
    for i in range(last_row + 1):  # each grid row: cells add up to its total
        row = [Fraction(0)] * len(unknowns)
        for j in range(last_col + 1):
            if (i, j) in index:
                row[index[(i, j)]] += -1 if j == last_col else 1
        equations.append(row)
    for j in range(last_col + 1):  # each grid column likewise
        row = [Fraction(0)] * len(unknowns)
        for i in range(last_row + 1):
            if (i, j) in index:
                row[index[(i, j)]] += -1 if i == last_row else 1
        equations.append(row)
    if not unknowns:
        return set()
    base = _rank(equations)
    found = set()
    for cell, n in index.items():
        unit = [Fraction(0)] * len(unknowns)
        unit[n] = Fraction(1)
        if _rank([*equations, unit]) == base:
            found.add(cell)
    return found


small_counts = st.one_of(st.integers(0, 4), st.integers(0, 30))


@settings(max_examples=300, deadline=None)
@given(
    st.integers(1, 5).flatmap(
        lambda width: st.lists(
            st.lists(small_counts, min_size=width, max_size=width), min_size=1, max_size=6
        )
    )
)
def test_no_suppressed_value_is_recoverable_from_row_and_column_sums(cells):
    grid, suppressed = suppress_table(cells, k=5)
    for i, row in enumerate(grid):
        for j, value in enumerate(row):
            if 0 < value < 5:
                assert (i, j) in suppressed, "every small cell is suppressed"
    assert not recoverable(grid, suppressed)


def test_one_cell_of_three_takes_a_complementary_cell_with_it():
    # Physician 3 in January; the totals would give it away.
    cells = [[3, 10, 12], [8, 9, 20]]
    grid, suppressed = suppress_table(cells, k=5)
    assert (0, 0) in suppressed
    assert len(suppressed) >= 4  # a 4-cycle: (0,0), (0,c), (r,0), (r,c)
    assert not recoverable(grid, suppressed)
    assert grid[2][3] == 62 and (2, 3) not in suppressed  # the grand total stays


def test_a_table_with_nothing_small_suppresses_nothing():
    grid, suppressed = suppress_table([[5, 6], [7, 0]], k=5)
    assert suppressed == set()
