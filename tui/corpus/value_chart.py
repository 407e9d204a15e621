"""A claim's values as chart data for the reader: value against publication date, or against outlet when the
reports are undated. Plain data; drawing is the UI's business."""

from __future__ import annotations

from dataclasses import dataclass

from .claims import Claim


@dataclass(frozen=True)
class ChartPoint:
    x: str  # ISO date, or the outlet when undated
    value: float
    outlet: str
    article_id: str


@dataclass(frozen=True)
class ValueChart:
    by_date: bool  # x is a date (else an outlet)
    points: list[ChartPoint]

    @property
    def worth_drawing(self) -> bool:
        """Two or more distinct values: a line says more than a sentence."""
        return len({p.value for p in self.points}) > 1


def value_chart(claim: Claim, published: dict[str, str | None]) -> ValueChart:
    """One point per report; dated reports in date order (undated ones left out when any is dated)."""
    points = [
        ChartPoint(published.get(a) or "", v.value, outlet, a)
        for v in claim.values
        for a, outlet in zip(v.article_ids, v.outlets, strict=False)
    ]
    dated = [p for p in points if p.x]
    if dated:
        return ValueChart(True, sorted(dated, key=lambda p: (p.x, p.value)))
    return ValueChart(False, [ChartPoint(p.outlet, p.value, p.outlet, p.article_id) for p in points])
