"""Geometry of the server-rendered SVG trend chart (templates draw it; no JavaScript)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from decimal import Decimal

from django.utils import formats

WIDTH = 640
HEIGHT = 240
LEFT, RIGHT, TOP, BOTTOM = 48, 24, 16, 40


@dataclass(frozen=True)
class Point:
    x: float
    y: float
    day: datetime.date
    value: Decimal


@dataclass(frozen=True)
class Tick:
    position: float
    label: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    points: tuple[Point, ...]
    y_ticks: tuple[Tick, ...]
    x_ticks: tuple[Tick, ...]
    plot_left: int
    plot_right: int
    plot_top: int
    plot_bottom: int

    @property
    def polyline(self) -> str:
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)

    @property
    def first(self) -> Point:
        return self.points[0]

    @property
    def last(self) -> Point:
        return self.points[-1]


def _number(value: Decimal) -> str:
    value = Decimal(value)
    if value == value.to_integral_value():
        return str(int(value))
    return formats.number_format(value.quantize(Decimal("0.1")), decimal_pos=1)


def line_chart(
    points: list[tuple[datetime.date, Decimal]],
    *,
    y_min: Decimal | None = None,
    y_max: Decimal | None = None,
) -> Chart:
    """Place ``points`` (oldest first) on a fixed-size canvas; the scale is the instrument's
    range when it has one, else the data's range with some margin."""
    values = [Decimal(v) for _, v in points]
    low = Decimal(y_min) if y_min is not None else min(values) - max(abs(min(values)) / 10, 1)
    high = Decimal(y_max) if y_max is not None else max(values) + max(abs(max(values)) / 10, 1)
    if high <= low:
        high = low + 1
    plot_left, plot_right = LEFT, WIDTH - RIGHT
    plot_top, plot_bottom = TOP, HEIGHT - BOTTOM
    first_day, last_day = points[0][0], points[-1][0]
    span_days = (last_day - first_day).days

    def x_of(day: datetime.date) -> float:
        if span_days == 0:
            return (plot_left + plot_right) / 2
        return plot_left + (day - first_day).days / span_days * (plot_right - plot_left)

    def y_of(value: Decimal) -> float:
        share = float((Decimal(value) - low) / (high - low))
        return plot_bottom - share * (plot_bottom - plot_top)

    placed = tuple(Point(x_of(d), y_of(v), d, Decimal(v)) for d, v in points)
    y_ticks = tuple(
        Tick(y_of(low + (high - low) * i / 4), _number(low + (high - low) * i / 4))
        for i in range(5)
    )
    days = sorted({d for d, _ in points})
    if len(days) > 6:  # at most six date labels so they never overlap
        step = (len(days) - 1) / 5
        days = sorted({days[round(i * step)] for i in range(6)})
    x_ticks = tuple(Tick(x_of(d), formats.date_format(d, "SHORT_DATE_FORMAT")) for d in days)
    return Chart(
        WIDTH, HEIGHT, placed, y_ticks, x_ticks, plot_left, plot_right, plot_top, plot_bottom
    )
