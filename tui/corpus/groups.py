"""The same claim across outlets: figure groups with agreements and discrepancies.

PLACEHOLDER interface: the real grouping replaces the body of group_figures; field names are public."""

from __future__ import annotations

from dataclasses import dataclass, field

from .figures import Figure
from .model import Article


@dataclass
class FigureGroup:
    id: str
    label: str  # the claim in words, e.g. "1,000 sappers"
    kind: str
    value: float
    counts: str | None
    members: list[Figure] = field(default_factory=list)  # one or more per article
    outlets: list[str] = field(default_factory=list)  # outlet labels that report this figure
    discrepancy: str | None = None  # e.g. "other outlets say 2 visits" when outlets disagree
    related: list[str] = field(default_factory=list)  # ids of groups about the same thing with another value


def group_figures(articles: list[Article], figures: dict[str, list[Figure]]) -> list[FigureGroup]:
    """Groups over the corpus; sets Figure.group on every figure it places."""
    return []
