"""Small-number suppression of a published table, with complementary suppression.

A report publishes a table of counts with its row totals, column totals and grand
total. Every cell (totals included) counting 1 … k-1 people is suppressed (shown as
"< k"); zero is published. Then more cells are suppressed so that no suppressed value
can be recovered by adding and subtracting published cells and totals.

Why this is enough: write the table with its totals as an (R+1) × (C+1) grid in which
every row and every column says "the cells add up to the total". Seen as a bipartite
graph (a node per grid row and per grid column, an edge per suppressed cell), the
suppressed values that agree with everything published differ from the true ones by a
circulation on that graph. A suppressed cell's value is therefore fixed — recoverable
by a linear combination of published numbers — exactly when its edge lies on no cycle,
i.e. is a *bridge*. The algorithm adds suppressions until the suppressed graph has no
bridges: for a bridge (r, c) it suppresses the cheapest three cells (r, c'), (r', c),
(r', c') that close a 4-cycle through it. Adding edges never turns a non-bridge into a
bridge, and every round removes at least one, so it ends.

Not covered here (see docs/architecture.md): differencing between overlapping requests,
e.g. January–June minus January–May.
"""

from collections.abc import Sequence

Cell = tuple[int, int]


def augment(cells: Sequence[Sequence[int]]) -> list[list[int]]:
    """The table with its row totals (last column) and column totals (last row)."""
    rows = [list(row) + [sum(row)] for row in cells]
    width = len(rows[0]) if rows else 1
    totals = [sum(row[j] for row in rows) for j in range(width)]
    return [*rows, totals]


def _bridges(edges: set[Cell]) -> list[Cell]:
    """Bridges of the bipartite graph whose edges are the suppressed (row, column) cells."""
    adjacency: dict[tuple[str, int], list[tuple[tuple[str, int], Cell]]] = {}
    for i, j in edges:
        adjacency.setdefault(("r", i), []).append((("c", j), (i, j)))
        adjacency.setdefault(("c", j), []).append((("r", i), (i, j)))
    order: dict = {}
    low: dict = {}
    found: list[Cell] = []
    counter = 0
    for start in sorted(adjacency):
        if start in order:
            continue
        # Iterative DFS (tables can have hundreds of rows).
        order[start] = low[start] = counter
        counter += 1
        stack = [(start, None, iter(adjacency[start]))]
        while stack:
            node, via, neighbours = stack[-1]
            advanced = False
            for neighbour, edge in neighbours:
                if edge == via:
                    continue
                if neighbour in order:
                    low[node] = min(low[node], order[neighbour])
                else:
                    order[neighbour] = low[neighbour] = counter
                    counter += 1
                    stack.append((neighbour, edge, iter(adjacency[neighbour])))
                    advanced = True
                    break
            if not advanced:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.append(via)
    return sorted(found)


def suppress(
    grid: Sequence[Sequence[int]], *, k: int, forced: set[Cell] = frozenset()
) -> set[Cell]:
    """The cells of an augmented grid (see :func:`augment`) to publish as "< k".

    ``forced`` cells are suppressed whatever their value (e.g. a total another table
    sharing it had to suppress).
    """
    height = len(grid)
    width = len(grid[0]) if height else 0
    suppressed = {(i, j) for i in range(height) for j in range(width) if 0 < grid[i][j] < k} | set(
        forced
    )
    if height < 2 or width < 2:
        return suppressed
    last_row, last_col = height - 1, width - 1

    def cost(cell: Cell) -> tuple:
        if cell in suppressed:
            return (0, 0, 0, 0)
        i, j = cell
        value = grid[i][j]
        # Prefer inner cells to totals, non-zero cells to zeros (a zero protects little
        # because counts cannot be negative), then the smallest value.
        return (1, (i == last_row) + (j == last_col), value == 0, value)

    while True:
        bridges = _bridges(suppressed)
        if not bridges:
            return suppressed
        r, c = bridges[0]
        best = None
        for r2 in range(height):
            if r2 == r:
                continue
            for c2 in range(width):
                if c2 == c:
                    continue
                triple = ((r, c2), (r2, c), (r2, c2))
                costs = [cost(cell) for cell in triple]
                key = (
                    sum(x[0] for x in costs),
                    sum(x[1] for x in costs),
                    sum(x[2] for x in costs),
                    sum(x[3] for x in costs),
                )
                if best is None or key < best[0]:
                    best = (key, triple)
        suppressed |= set(best[1])


def suppress_table(
    cells: Sequence[Sequence[int]], *, k: int, forced: set[Cell] = frozenset()
) -> tuple[list[list[int]], set[Cell]]:
    """Augment a table with its totals and suppress; returns (grid, suppressed cells)."""
    grid = augment(cells)
    return grid, suppress(grid, k=k, forced=forced)
