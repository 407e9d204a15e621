"""PLACEHOLDER interface for the search engine; the real one keeps these names."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus.model import Article
from ..errors import UserError


class QueryError(UserError):
    """A malformed query: the message says what is wrong, in one line."""


@dataclass
class Match:
    start: int  # offsets into Article.text
    end: int
    sentence: int | None  # index into Article.sentences


@dataclass
class Hit:
    article_id: str
    title: str
    outlet: str | None
    score: float
    snippet: str
    matches: list[Match] = field(default_factory=list)


@dataclass
class UpdateReport:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    rebuilt: bool = False
    message: str | None = None


class SearchIndex:
    def __init__(self, corpus_dir: Path, index_dir: Path | None = None) -> None:
        self.corpus_dir = corpus_dir
        self.index_dir = index_dir

    def update(
        self, articles: list[Article], progress: Callable[[int, int], None] | None = None
    ) -> UpdateReport:
        return UpdateReport()

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        return []

    def close(self) -> None:
        pass
