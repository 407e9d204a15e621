"""A claim's value drawn in the terminal: one bar per report, in date order (or by outlet when the reports
are undated), with Unicode eighth blocks. Plain characters, so it works in every terminal and theme, and
no charting dependency for a dozen bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.widgets import Static

from ..textsafe import safe_line

if TYPE_CHECKING:
    from ..corpus.value_chart import ValueChart

BLOCKS = " ▁▂▃▄▅▆▇█"  # eighths of a cell, from empty to full
CHART_ROWS = 6


def chart_lines(chart: ValueChart, width: int, rows: int = CHART_ROWS) -> list[str]:
    """The chart as lines of at most `width` cells: a y axis labelled with the top and bottom values,
    bars, and an x axis labelled with the first and last date (or outlet)."""
    from ..corpus.numbers import format_value  # only when a chart is drawn

    points = chart.points
    if not points or width < 12:
        return []
    values = [p.value for p in points]
    top, low = max(values), min(0.0, *values)
    top_label, low_label = format_value(top), format_value(low)
    axis = max(len(top_label), len(low_label))
    room = width - axis - 2
    points = _thinned(points, max(1, room // 2))
    bar = max(1, min(8, room // len(points) - 1))
    span = (top - low) or 1.0
    heights = [round((p.value - low) / span * rows * 8) for p in points]
    lines = []
    for row in range(rows):
        floor = (rows - 1 - row) * 8
        label = top_label if row == 0 else low_label if row == rows - 1 else ""
        cells = "".join(BLOCKS[max(0, min(8, h - floor))] * bar + " " for h in heights)
        lines.append(f"{label:>{axis}} │{cells}".rstrip())
    plotted = len(points) * (bar + 1)
    lines.append(f"{'':>{axis}} └{'─' * plotted}")
    first, last = safe_line(points[0].x)[:plotted], safe_line(points[-1].x)
    gap = max(1, plotted - len(first) - len(last))  # the last label may run past the last bar
    fits = len(first) + gap + len(last) <= width - axis - 2
    under = f"{first}{' ' * gap}{last}" if len(points) > 1 and fits else first
    lines.append(f"{'':>{axis}}  {under}")
    if not chart.by_date:  # outlets do not fit under narrow bars: name them in order
        order = "left to right: " + ", ".join(safe_line(p.x) for p in points)
        lines.append(order if len(order) <= width else order[: width - 1] + "…")
    return lines


def _thinned(points: list, most: int) -> list:
    """At most `most` points, evenly spaced, the first and last kept (a long series still shows its trend)."""
    if len(points) <= most:
        return points
    if most == 1:
        return points[-1:]
    step = (len(points) - 1) / (most - 1)
    return [points[round(i * step)] for i in range(most)]


class ValueChartView(Static):
    """The chart of one claim, or a line saying why there is none."""

    DEFAULT_CSS = "ValueChartView { height: auto; color: $text-accent; }"

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id)
        self.chart: ValueChart | None = None

    def show(self, chart: ValueChart | None) -> None:
        self.chart = chart
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        chart = self.chart
        if chart is None or not chart.worth_drawing:
            self.update(Content("One value: nothing to draw" if chart else ""))
            return
        caption = "value by publication date" if chart.by_date else "value by outlet (the reports are undated)"
        rows = CHART_ROWS if self.app.size.height >= 32 else 3  # at 80x24 the claims list needs the room
        lines = chart_lines(chart, max(12, self.size.width or 60), rows)
        self.update(Content("\n".join([caption, *lines])))
