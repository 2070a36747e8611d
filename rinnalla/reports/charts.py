"""Geometry of a report's bar chart, drawn as SVG by the template (no JavaScript)."""

from dataclasses import dataclass

from rinnalla.reports.figures import Chart

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 8, 12, 44


@dataclass
class Bar:
    label: str
    text: str
    x: float
    y: float
    width: float
    height: float
    suppressed: bool
    label_x: float


def geometry(chart: Chart) -> dict | None:
    values = [c.value for c in chart.cells if not c.suppressed and c.value is not None]
    if not chart.cells:
        return None
    top = max([*values, 1])
    step = _nice_step(top)
    top = (
        step * ((top + step - 1) // step) if isinstance(top, int) else step * (int(top / step) + 1)
    )
    plot_w = WIDTH - LEFT - RIGHT
    plot_h = HEIGHT - TOP - BOTTOM
    slot = plot_w / len(chart.cells)
    bars = []
    for i, (label, cell) in enumerate(zip(chart.labels, chart.cells, strict=True)):
        value = 0 if (cell.suppressed or cell.value is None) else cell.value
        h = plot_h * value / top if top else 0
        x = LEFT + i * slot + slot * 0.15
        bars.append(
            Bar(
                label=label,
                text=cell.text(),
                x=round(x, 1),
                y=round(TOP + plot_h - h, 1),
                width=round(slot * 0.7, 1),
                height=round(h, 1),
                suppressed=cell.suppressed,
                label_x=round(LEFT + i * slot + slot / 2, 1),
            )
        )
    ticks = []
    value = 0
    while value <= top:
        ticks.append({"label": value, "y": round(TOP + plot_h - plot_h * value / top, 1)})
        value += step
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "left": LEFT,
        "right": WIDTH - RIGHT,
        "bottom": TOP + plot_h,
        "bars": bars,
        "ticks": ticks,
        "label_every": -(-len(bars) // 12),
        "label_y": TOP + plot_h + 18,
    }


def _nice_step(top) -> int:
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000, 20000):
        if top / step <= 6:
            return step
    return 50000
