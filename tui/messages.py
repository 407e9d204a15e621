"""Messages between the widgets, the workers and the app. Workers only ever post these; the app
(on the main thread) is the one that touches widgets.

Plain classes rather than dataclasses: each dataclass costs ~0.4 ms to create, and all of these are
imported before the first frame."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.message import Message

if TYPE_CHECKING:
    from .corpus.analysis_summary import AnalysisSummary
    from .corpus.figures import Figure
    from .corpus.store import LoadProblem
    from .search.engine import UpdateReport


class CatalogLoaded(Message):
    """The article list (summaries: id, title, outlet, date), before every article is parsed."""

    def __init__(self, summaries: list, problems: list[LoadProblem] | None = None, error: str | None = None) -> None:
        super().__init__()
        self.summaries = summaries  # tui.corpus.model.ArticleSummary (or Article)
        self.problems: list[LoadProblem] = problems if problems is not None else []
        self.error = error  # the corpus folder itself could not be read


class FiguresReady(Message):
    """The corpus-wide analysis, as the reader keeps it: stories, claims, shared figures' groups."""

    def __init__(self, analysis: AnalysisSummary | None, error: str | None = None) -> None:
        super().__init__()
        self.analysis = analysis  # None when it failed
        self.error = error


class ArticleFiguresReady(Message):
    """One article's figures, extracted on their own (before the corpus-wide analysis)."""

    def __init__(self, article_id: str, figures: list[Figure], error: str | None = None) -> None:
        super().__init__()
        self.article_id = article_id
        self.figures = figures
        self.error = error


class IndexOpened(Message):
    """An index from an earlier launch can answer searches while it is being updated."""

    def __init__(self, index: Any) -> None:
        super().__init__()
        self.index = index


class IndexProgress(Message):
    def __init__(self, done: int, total: int) -> None:
        super().__init__()
        self.done = done
        self.total = total

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


class IndexReady(Message):
    def __init__(self, index: Any, report: UpdateReport | None = None, error: str | None = None) -> None:
        super().__init__()
        self.index = index  # tui.search_client.SearchClient, or None when building it failed
        self.report = report
        self.error = error


class ArticleSelected(Message):
    """The user chose an article in the list (Enter or click)."""

    def __init__(self, article_id: str) -> None:
        super().__init__()
        self.article_id = article_id


class FigureChosen(Message):
    """Show this figure's sentence in the reader."""

    def __init__(self, figure: Figure) -> None:
        super().__init__()
        self.figure = figure
