"""The reader app: article list, reader, figures panel, live search and cross-source comparison.

The app coordinates: widgets report up with Messages, workers (corpus loading, figure analysis,
indexing, search) run in threads and only post Messages; everything that touches a widget runs here
on the main thread. The search layer (whoosh) is imported inside its worker, never before the
first frame; so is tui.reader_actions, which holds what only runs after it (indexing, search,
comparison, export): the methods here that delegate to it keep the app's interface in one place."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.reactive import reactive
from textual.widgets import Header, Input, Static

from .errors import UserError
from .messages import (
    ArticleSelected,
    ArticlesLoaded,
    CatalogLoaded,
    FigureChosen,
    FiguresReady,
    IndexProgress,
    IndexReady,
    SearchResults,
)
from .widgets.article_list import ArticleList, LazyEntries, entry_for, one_line
from .widgets.reader import Reader
from .widgets.search_bar import SearchBar
from .widgets.status_line import StatusLine

if TYPE_CHECKING:
    import argparse

    from textual.screen import Screen

    from .corpus.figures import Figure
    from .corpus.groups import FigureGroup
    from .corpus.model import Article
    from .state import ReaderState
    from .widgets.figures_panel import FiguresPanel

SEARCH_DEBOUNCE = 0.15  # seconds of quiet typing before a query runs
SEARCH_LIMIT = 1000  # articles listed for one query
DETAILED_HITS = 40  # hits whose snippets and match offsets the search worker works out (a screenful or two)
EXPORT_FILE = "kursk-figures.json"


def analyse_corpus(articles: list[Article]) -> tuple[dict[str, list[Figure]], list[FigureGroup]]:
    """Figures per article and cross-source groups (a seam the UI tests replace with stand-ins)."""
    from .corpus.groups import analyse

    return analyse(articles)


def corpus_commands():
    """The palette's corpus provider, imported when the palette first opens (not before the first frame)."""
    from .screens.palette import CorpusCommands

    return CorpusCommands


def _actions():
    """tui.reader_actions: what runs after the first frame (search, index, compare, export), loaded on first use."""
    from . import reader_actions

    return reader_actions


class ReaderApp(App[None]):
    CSS_PATH = Path(__file__).with_name("app.tcss")
    # The Footer's place until it is mounted, just after the first frame (see compose).
    CSS = "#footer-pending { dock: bottom; height: 1; background: $footer-background; }"
    TITLE = "kursk-reader"
    COMMANDS = App.COMMANDS | {corpus_commands}
    AUTO_FOCUS = "#articles"
    NARROW_BELOW = 110  # columns; narrower terminals stack the figures panel under the panes

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding("n", "step_match(1)", "Next hit", id="reader.next-hit"),
        Binding("N", "step_match(-1)", "Prev hit", id="reader.prev-hit"),
        Binding("f", "focus_figures", "Figures", id="app.figures"),
        Binding("c", "compare", "Compare", id="app.compare", tooltip="Compare the highlighted figure across outlets"),
        Binding("question_mark,f1", "help", "Help", id="app.help"),
        Binding("f2", "toggle_panel('articles')", "Toggle list", show=False, id="app.toggle-list"),
        Binding("f3", "toggle_panel('figures')", "Toggle figures", show=False, id="app.toggle-figures"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    open_article_id: reactive[str | None] = reactive(None)  # pushed down to the list (its marker)

    def __init__(
        self,
        corpus_dir: Path,
        index_dir: Path | None = None,
        state_path: Path | None = None,
        articles: list[Article] | None = None,
    ) -> None:
        super().__init__()
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = index_dir
        self.state_path = state_path
        self._preloaded = articles
        self.articles: list[Article] = []
        self.by_id: dict[str, Article] = {}
        self.figures_by_article: dict[str, list[Figure]] | None = None
        self.groups: dict[str, FigureGroup] = {}
        self.index = None  # tui.search.engine.SearchIndex once built
        self.index_error: str | None = None  # why search is unavailable (the index could not be built)
        self.query_text = ""
        self.hits: list = []  # tui.search.engine.Hit, best first
        self.hits_query = ""  # the query self.hits answer (typing on makes them stale)
        self.match_position: int | None = None  # index into the open article's sorted matches
        self._open_best_when_ready = False
        self._restored: ReaderState | None = None  # read after the first frame
        self._listed: list = []  # what the article list shows when not searching
        self._listed_entries: LazyEntries | None = None

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(id="search-bar")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles").data_bind(open_id=ReaderApp.open_article_id)
            yield Reader(id="reader")
            # An empty pane of the same size and title; the option list replaces it right after the first frame.
            pending = Static(id="figures-pending")
            pending.border_title = "Figures"
            yield pending
        yield StatusLine(id="status")
        # The Footer, like the figures list, is mounted right after the first frame; it shows no keys in
        # that frame anyway (they arrive with its first bindings update), so this empty bar is the same picture
        # (an empty Container draws exactly that; a Static would add an empty segment).
        yield Container(id="footer-pending")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def figures_panel(self) -> FiguresPanel:
        from .widgets.figures_panel import FiguresPanel

        return self.query_one("#figures", FiguresPanel)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def on_mount(self) -> None:
        self.article_list.border_title = "Articles"
        self.reader.border_title = "Reader"
        self.status.say(f"Loading {self.corpus_dir}…")
        self._fit_width(self.size.width)
        self.call_after_refresh(self._mount_after_first_frame)
        self.call_after_refresh(self._start_loading)  # the first frame goes out before any work starts

    async def _mount_after_first_frame(self) -> None:
        """Swap the placeholders for the figures list (an OptionList: its styling is the costliest pane)
        and the Footer."""
        figures_pending, panes = self.query_one("#figures-pending"), self.query_one("#panes")
        if not panes.is_attached:  # the app is already closing
            return
        from textual.widgets import Footer

        from .widgets.figures_panel import FiguresPanel

        footer_pending = self.query_one("#footer-pending")
        with self.batch_update():
            await panes.mount(FiguresPanel(id="figures"), after=figures_pending)
            await footer_pending.parent.mount(Footer(), after=footer_pending)
            await figures_pending.remove()
            await footer_pending.remove()
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Figure keys wait for the figures pane, which is mounted just after the first frame."""
        needs_figures = action in ("focus_figures", "compare") or (
            action == "toggle_panel" and parameters == ("figures",)
        )
        return not needs_figures or bool(self.query("#figures"))

    def on_resize(self, event) -> None:
        self._fit_width(event.size.width)

    def _fit_width(self, width: int) -> None:
        # Not HORIZONTAL_BREAKPOINTS: that adds a class at every start, restyling every widget before
        # the first frame; here the wide layout is the class-less default.
        self.screen.set_class(width < self.NARROW_BELOW, "-narrow")

    def _start_loading(self) -> None:
        self._restore_state()
        if self._preloaded is not None:
            self.post_message(ArticlesLoaded(self._preloaded))
        else:
            self.load_corpus()

    def _restore_state(self) -> None:
        from .state import ReaderState, load_state

        self._restored = ReaderState()
        if self.state_path is not None:
            self._restored, problem = load_state(self.state_path)
            if problem:
                self.notify(problem, title="State ignored", severity="warning", markup=False)

    # -- workers: they only post messages --------------------------------------------------
    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_corpus(self) -> None:
        """The list first (from the catalog cache, when the store has one), then every article."""
        from .corpus.catalog import load_catalog  # the corpus layer loads in the worker, after the first frame
        from .corpus.store import Corpus

        if not self.corpus_dir.is_dir():
            self.post_message(ArticlesLoaded([], error=f"{self.corpus_dir}: no such corpus folder"))
            return
        corpus = Corpus(self.corpus_dir)
        listed = False
        try:
            summaries, problems = load_catalog(corpus)
            self.post_message(CatalogLoaded(summaries, problems))
            listed = True
            articles, problems = corpus.load_all()
        except (OSError, UserError) as e:
            self.post_message(ArticlesLoaded([], error=str(e)))
            return
        self.post_message(ArticlesLoaded(articles, [] if listed else problems, listed=listed))

    @work(thread=True, exclusive=True, group="figures", exit_on_error=False)
    def analyse_figures(self, articles: list[Article]) -> None:
        try:
            by_article, groups = analyse_corpus(articles)
        except Exception as e:
            self.post_message(FiguresReady({}, [], error=f"figure extraction failed: {e}"))
            return
        self.post_message(FiguresReady(by_article, groups))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self, articles: list[Article], figures: dict[str, list[Figure]] | None) -> None:
        _actions().build_index(self, articles, figures)

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        _actions().run_search(self, query)

    # -- corpus, figures and index arrive --------------------------------------------------
    async def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        self._report_problems(message.problems)
        await self._list_and_open(message.summaries)

    async def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        self.articles = message.articles
        self.by_id = {a.id: a for a in self.articles}
        if message.error:
            self.notify(message.error, title="Cannot open the corpus", severity="error", markup=False)
        self._report_problems(message.problems)
        if not message.listed:
            await self._list_and_open(self.articles)
        else:
            await self._adopt_loaded(self.reader.article)
        if self.articles:
            self.status.say(f"{len(self.articles)} articles · finding figures…")
            self.analyse_figures(self.articles)

    async def _adopt_loaded(self, shown: Article | None) -> None:
        await _actions().adopt_loaded(self, shown)

    def _report_problems(self, problems: list) -> None:
        if not problems:
            return
        names = "; ".join(str(p) for p in problems[:3])
        more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
        self.notify(
            f"Skipped {len(problems)} malformed article file(s): {names}{more}",
            severity="warning",
            timeout=8,
            markup=False,
        )

    async def _list_and_open(self, listed: list) -> None:
        """Fill the article list (Articles or ArticleSummaries) and open the remembered article."""
        self._listed = listed
        self._listed_entries = LazyEntries(listed, entry_for, key=lambda a: a.id)
        self.article_list.set_entries(self._listed_entries, empty_message=self._empty_corpus_message())
        self.article_list.border_title = f"Articles ({len(listed)})"
        self.status.say(f"{len(listed)} articles from {self.corpus_dir}")
        await self._restore_or_open_first()

    def _empty_corpus_message(self) -> str:
        return f"No articles in {self.corpus_dir}. Add reports with: kursk-reader ingest FILE"

    async def _restore_or_open_first(self) -> None:
        if self._restored is None:
            self._restore_state()
        state = self._restored
        same_corpus = state.corpus == str(self.corpus_dir.resolve())
        listed_ids = {a.id for a in self._listed}
        if same_corpus and state.article_id in listed_ids:
            await self.open_article(state.article_id, sentence=state.sentence, top_offset=state.offset)
        elif self._listed:
            await self.open_article(self._listed[0].id)
        else:
            await self.reader.show_article(None, placeholder=self._empty_corpus_message())
            self.figures_panel.show_figures([], {}, empty_message="No articles")
        if same_corpus and state.query:
            self.search_bar.input.value = state.query

    def on_figures_ready(self, message: FiguresReady) -> None:
        _actions().figures_ready(self, message)

    def on_index_progress(self, message: IndexProgress) -> None:
        _actions().index_progress(self, message)

    def on_index_ready(self, message: IndexReady) -> None:
        _actions().index_ready(self, message)

    # -- opening articles and positions ----------------------------------------------------
    async def open_article(
        self,
        article_id: str,
        *,
        sentence: tuple[int, int] | None = None,
        current_match: tuple[int, int] | None = None,
        top_offset: int | None = None,
    ) -> None:
        """Show an article; centre `current_match` or `sentence` if given, else scroll to `top_offset`."""
        article = self.by_id.get(article_id) or self._load_article(article_id)
        if article is None:
            return
        reader = self.reader
        if reader.article is not article:
            await reader.show_article(article)
            self.open_article_id = article_id
            self.sub_title = one_line(article.title)[:80]
            self.match_position = None
            self._show_current_figures()
        reader.highlight(
            figures=self._figure_spans(), matches=self._match_spans(), sentence=sentence, current_match=current_match
        )
        target = current_match or sentence
        if target:
            reader.show_offset(target[0], target[1])
        elif top_offset:
            reader.show_offset(top_offset, center=False)
        self.save_reader_state()

    def _load_article(self, article_id: str) -> Article | None:
        """One article straight from its file, while the whole corpus is still loading."""
        from .corpus.store import Corpus

        try:
            return Corpus(self.corpus_dir).load(article_id)
        except UserError as e:
            self.notify(str(e), severity="error", markup=False)
            return None

    def open_article_later(self, article_id: str) -> None:
        self.call_later(self.open_article, article_id)

    def current_figures(self) -> list[Figure]:
        article = self.reader.article
        if article is None or self.figures_by_article is None:
            return []
        return self.figures_by_article.get(article.id, [])

    def _show_current_figures(self) -> None:
        article = self.reader.article
        if article is None:
            return
        figures = None if self.figures_by_article is None else self.figures_by_article.get(article.id, [])
        self.figures_panel.show_figures(figures, self.groups)

    def _figure_spans(self) -> list[tuple[int, int]]:
        return [(f.start, f.end) for f in self.current_figures()]

    def _current_hit(self):
        article = self.reader.article
        if article is None:
            return None
        return next((h for h in self.hits if h.article_id == article.id), None)

    def _sorted_matches(self, hit) -> list:
        return sorted(hit.matches, key=lambda m: (m.start, m.end)) if hit else []

    def _match_spans(self) -> list[tuple[int, int]]:
        return [(m.start, m.end) for m in self._sorted_matches(self._current_hit())]

    @on(ArticleSelected)
    async def article_selected(self, message: ArticleSelected) -> None:
        await self.open_article(message.article_id)
        hit = self._current_hit()
        if hit and hit.matches:  # opened from a search: go to the first match
            await self.goto_match(hit.article_id, 0)

    @on(FigureChosen)
    async def figure_chosen(self, message: FigureChosen) -> None:
        await self.show_figure(message.figure)

    async def show_figure(self, figure: Figure) -> None:
        """Open the figure's article with its sentence highlighted and centred."""
        await _actions().show_figure(self, figure)

    # -- search (tui.reader_actions) --------------------------------------------------------
    @on(Input.Changed, "#search")
    def query_changed(self, event: Input.Changed) -> None:
        _actions().query_changed(self, event.value)

    @on(Input.Submitted, "#search")
    async def query_submitted(self) -> None:
        await _actions().query_submitted(self)

    async def on_search_results(self, message: SearchResults) -> None:
        await _actions().show_results(self, message)

    def clear_search(self) -> None:
        _actions().clear_search(self)

    async def open_best_hit(self) -> None:
        await _actions().open_best_hit(self)

    async def goto_match(self, article_id: str, position: int) -> None:
        await _actions().goto_match(self, article_id, position)

    async def action_step_match(self, direction: int) -> None:
        """n / N: the next (previous) match here, else the first (last) match of the next article."""
        await _actions().step_match(self, direction)

    # -- actions -------------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.search_bar.input.focus()

    def action_focus_figures(self) -> None:
        panel = self.figures_panel
        panel.display = True
        panel.focus()

    def action_toggle_panel(self, panel_id: str) -> None:
        panel = self.query_one(f"#{panel_id}")
        panel.display = not panel.display

    def action_compare(self) -> None:
        _actions().compare(self)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_export_figures(self) -> None:
        _actions().export_figures(self)

    def get_system_commands(self, screen: Screen):
        yield from super().get_system_commands(screen)
        yield from _actions().system_commands(self)

    def action_reload(self) -> None:
        """Re-read the corpus, staying on the open article; the index is then updated incrementally."""
        self._restored = self._current_state()
        self.load_corpus()

    async def action_quit(self) -> None:
        self.save_reader_state()
        self.exit()

    def save_reader_state(self) -> None:
        if self.state_path is None:
            return
        from .state import save_state

        if problem := save_state(self.state_path, self._current_state()):
            self.notify(problem, severity="warning", markup=False)

    def _current_state(self) -> ReaderState:
        from .state import ReaderState

        reader = self.reader
        return ReaderState(
            article_id=reader.article.id if reader.article else None,
            offset=reader.first_visible_offset(),
            sentence=reader.sentence,
            query=self.query_text,
            corpus=str(self.corpus_dir.resolve()),
        )

    def on_unmount(self) -> None:
        if self.index is not None:
            with contextlib.suppress(Exception):
                self.index.close()


def run_app(args: argparse.Namespace | None) -> int:
    """The reader on --articles (args None or without it: $KURSK_READER_ARTICLES, else the bundled corpus)."""
    from .paths import articles_dir, state_file

    corpus = articles_dir(getattr(args, "articles", None))
    if not corpus.is_dir():
        raise UserError(f"{corpus}: no such corpus folder")
    # No index folder given: the index worker asks tui.paths.index_dir (the same default) after the
    # first frame, instead of spending ~1.5 ms on it (sysconfig) before.
    ReaderApp(corpus, None, state_file()).run()
    return 0
