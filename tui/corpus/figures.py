"""Figures: every number an article reports, what it counts, and the exact sentence it came from.

PLACEHOLDER interface: the real extractor replaces the body of extract_figures; field names are public."""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .model import Article

KINDS = ("count", "money", "percent", "distance", "duration", "ordinal", "date", "fraction", "other")


@dataclass
class Figure:
    article_id: str
    value: float
    kind: str  # one of KINDS
    counts: str | None  # what is counted or measured, as the article words it ("sappers")
    unit: str | None  # USD, mile, year, ...
    per: str | None  # "month" in "$800 a month"
    qualifier: str | None  # about, roughly, as many as, ...
    vague: bool  # "thousands of"
    surface: str  # text[start:end]
    start: int
    end: int
    sentence: str  # text[sentence_start:sentence_end]
    sentence_start: int
    sentence_end: int
    sentence_index: int
    attribution: str | None  # who claims it (Shoigu, Tass, South Korean intelligence, ...)
    group: str | None = None  # id of its cross-source FigureGroup

    def to_dict(self) -> dict:
        return asdict(self)


def extract_figures(article: Article) -> list[Figure]:
    return []
