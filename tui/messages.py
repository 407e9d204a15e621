"""Messages between the widgets, the workers and the app. Workers only ever post these; the app
(on the main thread) is the one that touches widgets."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from .corpus.figures import Figure
    from .corpus.groups import FigureGroup
    from .corpus.model import Article
    from .corpus.store import LoadProblem
    from .search.engine import Hit, UpdateReport


@dataclass
class CatalogLoaded(Message):
    """The article list (summaries: id, title, outlet, date), before every article is parsed."""

    summaries: list  # tui.corpus.model.ArticleSummary (or Article)
    problems: list[LoadProblem] = field(default_factory=list)


@dataclass
class ArticlesLoaded(Message):
    articles: list[Article]
    problems: list[LoadProblem] = field(default_factory=list)
    error: str | None = None  # the corpus folder itself could not be read
    listed: bool = False  # a CatalogLoaded already filled the article list


@dataclass
class FiguresReady(Message):
    figures_by_article: dict[str, list[Figure]]
    groups: list[FigureGroup]
    error: str | None = None


@dataclass
class IndexProgress(Message):
    done: int
    total: int

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexReady(Message):
    index: Any  # tui.search.engine.SearchIndex, or None when building it failed
    report: UpdateReport | None = None
    error: str | None = None


@dataclass
class SearchResults(Message):
    query: str
    hits: list[Hit]
    error: str | None = None  # the parser's message for a malformed query
    seconds: float = 0.0
    total: int | None = None  # articles matching, when more match than are listed


@dataclass
class ArticleSelected(Message):
    """The user chose an article in the list (Enter or click)."""

    article_id: str


@dataclass
class FigureChosen(Message):
    """Show this figure's sentence in the reader."""

    figure: Figure
