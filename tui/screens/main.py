"""The reader's main screen: composes the search bar, the article list, the reader and the figures
panel, and coordinates them. What it shows comes from a ReaderSession (tui.reader_session: the list,
opened articles, the analysis summary, the search process); workers call the session's blocking parts
in threads and only post Messages; this screen, on the main thread, is what touches the widgets."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.content import Content
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Static

from ..errors import UserError
from ..formatting import citation
from ..messages import (
    ArticleFiguresReady,
    ArticleSelected,
    CatalogLoaded,
    FigureChosen,
    FiguresReady,
    IndexOpened,
    IndexProgress,
    IndexReady,
)
from ..reader_session import ReaderSession
from ..textsafe import safe_line
from ..widgets.article_list import ArticleList, LazyEntries, ListEntry, entry_for
from ..widgets.reader import Reader
from ..widgets.search_bar import SearchBar
from ..widgets.status_line import StatusLine
from .title_bar import PendingHeader

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from textual.app import SystemCommand
    from textual.worker import Worker

    from ..corpus.claims import Claim, ClaimFigure
    from ..corpus.figures import Figure
    from ..corpus.model import Article
    from ..corpus.stories import Story
    from ..search.engine import Hit
    from ..state import ReaderState
    from ..widgets.figures_panel import FiguresPanel
    from .first_screen import FirstScreen

EARLY_SEARCH_FROM = 2000  # listed articles from which search starts with the list, not after its article's figures


class MainScreen(Screen[None]):
    AUTO_FOCUS = "#articles"
    NARROW_BELOW = 110  # columns; narrower terminals stack the figures panel under the panes

    BINDINGS = [
        Binding("slash", "focus_search", "Search", id="app.search"),
        Binding("n", "step_match(1)", "Next hit", id="reader.next-hit"),
        Binding("N", "step_match(-1)", "Prev hit", id="reader.prev-hit", show=False),
        Binding("f", "focus_figures", "Figures", id="app.figures"),
        Binding("c", "compare", "Compare", id="app.compare", tooltip="Compare the highlighted figure across outlets"),
        Binding("C", "claims", "Claims", show=False, id="app.claims", tooltip="The claims of the open report's story"),
        Binding("g", "group_stories", "Group by story", show=False, id="list.group-stories"),
        Binding("s", "story_only", "This story only", show=False, id="list.story-only"),
        Binding("f2", "toggle_panel('articles')", "Toggle list", show=False, id="app.toggle-list"),
        Binding("f3", "toggle_panel('figures')", "Toggle figures", show=False, id="app.toggle-figures"),
        Binding("o", "open_url", "Open source", show=False, id="reader.open-url"),
        Binding("y", "copy_citation", "Copy citation", show=False, id="reader.copy-citation"),
        Binding("e", "export_figures", "Export", show=False, id="app.export"),
    ]

    open_article_id: reactive[str | None] = reactive(None)  # pushed down to the list (its marker)

    def __init__(
        self, corpus_dir: Path, index_dir: Path | None, state_path: Path | None, articles: list[Article] | None
    ) -> None:
        super().__init__()
        self.corpus_dir = Path(corpus_dir)
        self.state_path = state_path
        self.session = ReaderSession(self.corpus_dir, index_dir, articles)
        self._restored: ReaderState | None = None  # read before the first frame (it may hold the screen)
        self._first: FirstScreen | None = None  # the screen remembered from the last launch, if still valid
        self._listed_entries: LazyEntries | None = None  # what the article list shows when not searching
        self._children_started = False  # the search and analysis processes (see _start_children)
        self._search_early = False  # the search process started before the list, answering from the index as is
        self._analysis_started = False
        self.group_by_story = False  # the list: a header per story (remembered)
        self.story_filter: str | None = None  # the list and search: this story only
        self._collapsed: set[str] = set()  # stories whose reports the grouped list hides
        self._remembering_theme = False
        self._doing: dict[str, str] = {}  # what the workers do or did, for the status line
        self._state_writing = threading.Lock()  # one state file write at a time
        self._state_handoff = threading.Lock()  # guards _unsaved (taken briefly, never while writing)
        self._listing_shown = threading.Event()  # the cached list is on screen: the files may be checked

    # -- layout ----------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        first = self._first = self._remembered_screen()
        yield PendingHeader(id="header-pending")  # the Header replaces it right after the first frame
        yield SearchBar(id="search-bar")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles").data_bind(open_id=MainScreen.open_article_id)
            remembered = (first.header(), first.paragraphs, first.figure_spans()) if first is not None else None
            yield Reader(id="reader", remembered=remembered)
            # A pane of the same size and title (the remembered figures in it); the option list replaces it
            # right after the first frame.
            pending = Static(Content("\n").join(first.prompts()) if first else "", id="figures-pending")
            pending.border_title = "Figures"
            pending.border_subtitle = str(len(first.figures)) if first and first.figures else ""
            yield pending
        yield StatusLine(id="status")
        # The Footer is mounted right after the first frame too; it shows no keys in that frame anyway
        # (they arrive with its first bindings update), and an empty Container draws the same bar.
        yield Container(id="footer-pending")

    @property
    def article_list(self) -> ArticleList:
        return self.query_one("#articles", ArticleList)

    @property
    def reader(self) -> Reader:
        return self.query_one("#reader", Reader)

    @property
    def figures_panel(self) -> FiguresPanel:
        from ..widgets.figures_panel import FiguresPanel  # OptionList: mounted after the first frame

        return self.query_one("#figures", FiguresPanel)

    @property
    def search(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def status(self) -> StatusLine:
        return self.query_one(StatusLine)

    def _remembered_screen(self) -> FirstScreen | None:
        """The screen the last launch showed, when it can be drawn now (same corpus, article unchanged)."""
        if self.state_path is None or self.session.preloaded is not None:
            return None
        state = self._restore_state(quiet=True)  # the state file holds it: read now, not after the first frame
        if state.screen is None or state.corpus != str(self.corpus_dir.resolve()):
            return None
        from .first_screen import restore

        return restore(state.screen, self.corpus_dir)

    def on_mount(self) -> None:
        self.article_list.border_title = "Articles"
        self.reader.border_title = "Reader"
        self.status.say(f"Loading {self.corpus_dir}…")
        if self._state_problem:
            self.notify(self._state_problem, title="State ignored", severity="warning")
        if self._first is not None:
            self._show_remembered(self._first)
        if self._restored is not None:  # read before the first frame: it is drawn in the remembered looks
            self._restore_looks(self._restored)
        self._fit_width(self.app.size.width)
        self.call_after_refresh(self._mount_after_first_frame)
        self.call_after_refresh(self._start_loading)  # the first frame goes out before any work starts

    async def _mount_after_first_frame(self) -> None:
        """Swap the placeholders for the figures list (an OptionList: the costliest pane to style) and the Footer."""
        figures_pending, panes = self.query_one("#figures-pending"), self.query_one("#panes")
        if not panes.is_attached:  # the app is already closing
            return
        from textual.widgets import Footer, Header  # after the first frame (see compose)

        from ..widgets.figures_panel import FiguresPanel  # OptionList: after the first frame

        footer_pending, header_pending = self.query_one("#footer-pending"), self.query_one("#header-pending")
        with self.app.batch_update():
            await self.mount(Header(), before=header_pending)
            await header_pending.remove()
            panel = FiguresPanel(id="figures")
            panel.display = figures_pending.display  # hidden (F3) at the last launch: still hidden
            await panes.mount(panel, after=figures_pending)
            await self.mount(Footer(compact=self.app.size.width < self.NARROW_BELOW), after=footer_pending)
            await figures_pending.remove()
            await footer_pending.remove()
        self._show_current_figures()
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
        narrow = width < self.NARROW_BELOW
        self.set_class(narrow, "-narrow")
        if self.query("Footer"):  # mounted after the first frame, so imported only then
            from textual.widgets import Footer

            self.query_one(Footer).compact = narrow  # compact keeps Help and Quit in view at 80 columns

    def _show_remembered(self, first: FirstScreen) -> None:
        """The list rows around the remembered article, its figures underlined: drawn in the first frame."""
        from .first_screen import remembered_rows

        self.open_article_id = first.article_id
        self.sub_title = safe_line(first.article["title"])[:80]
        rows, counts = remembered_rows(first, self._list_rows_in_view())
        self.article_list.set_figure_counts(counts)
        self.article_list.set_entries(rows)
        self.article_list.border_title = f"Articles ({first.total})"

    def _list_rows_in_view(self) -> int:
        """How many rows the article list shows, before the first layout has measured it: the screen's height
        less the one-line bars (header, search, status, footer) and the list's border, less the figures
        panel stacked under the panes when narrow (app.tcss), in rows of 3 lines."""
        height = self.app.size.height - 6 - (8 if self.app.size.width < self.NARROW_BELOW else 0)
        return max(1, height // 3)

    def _start_loading(self) -> None:
        if self._restored is None:
            self._restore_state()
        self.load_corpus()

    _state_problem: str | None = None

    def _restore_state(self, quiet: bool = False) -> ReaderState:
        """Read the state file (`quiet`: a problem is told in on_mount, not now)."""
        from ..state import ReaderState, load_state  # json & co: only when there is a state file

        self._restored = ReaderState()
        if self.state_path is not None:
            self._restored, self._state_problem = load_state(self.state_path)
            if self._state_problem and not quiet:
                self.notify(self._state_problem, title="State ignored", severity="warning")
        return self._restored

    # -- workers: they only post messages --------------------------------------------------
    @work(thread=True, exclusive=True, group="corpus", exit_on_error=False)
    def load_corpus(self) -> None:
        """The article list: at once as the catalog cache last saw it, then, once that is on screen, again
        if the folder has changed since (a cold corpus has its headers parsed on every core)."""
        from ..child_process import collector_paused

        try:
            with collector_paused():  # 10,000 summaries and more: no collection holds the keys meanwhile
                # a reload has the list on screen already: the cache's older one would only flicker past
                cached = self.session.cached_listing() if not self.session.listed else None
                if cached is None and not self.session.listed:  # a cold list takes a while: search meanwhile
                    self.app.call_from_thread(self._start_search_early)
                if cached is not None:
                    self._listing_shown.clear()
                    self.post_message(CatalogLoaded(cached.summaries, cached.problems))
                    self._listing_shown.wait(2)  # checking the files holds the GIL: the list is painted first
                    if len(cached.summaries) >= EARLY_SEARCH_FROM:  # its figures need not come first
                        self.app.call_from_thread(self._start_search_early)
                listing = self.session.load_listing(self._listing_progress, since=cached)
        except (OSError, UserError) as e:
            self.post_message(CatalogLoaded([], error=str(e)))
            return
        if listing is not None:  # new, removed or changed files since the cache: the list as it is now
            self.post_message(CatalogLoaded(*listing))

    def _listing_progress(self, done: int, total: int) -> None:
        """A cold corpus has its article headers read first (from the worker thread): say how far."""
        self.app.call_from_thread(self.status.say, f"Reading {total:,} articles: {done:,} read")

    @work(thread=True, exclusive=True, group="figures", exit_on_error=False)
    def analyse_corpus(self) -> None:
        """Stories, groups and claims: the work runs in a child process; this thread only waits for it."""
        from ..child_process import ChildFailed

        try:
            analysis = self.session.analyse()  # the collector paused while the summary is unpickled, not before
        except ChildFailed as e:
            self.post_message(FiguresReady(None, error=f"figure extraction failed: {e}"))
            return
        self.post_message(FiguresReady(analysis))

    @work(thread=True, exclusive=True, group="article-figures", exit_on_error=False)
    def extract_open_figures(self, article: Article) -> None:
        """The open article's figures, so that its panel never waits for the corpus-wide analysis."""
        try:
            figures = self.session.extract_figures(article)
        except Exception as e:
            self.post_message(ArticleFiguresReady(article.id, [], error=f"figure extraction failed: {e}"))
            return
        self.post_message(ArticleFiguresReady(article.id, figures))

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def start_index(self, update: bool = True) -> None:
        """The search process: it opens the existing index (searchable at once when it answers), then
        brings it up to date (`update` False: once session.update_index() says so); its events arrive on a
        thread and become Messages. This worker waits until the update is done (or failed), so that the
        index's state is a worker's state like the others'."""
        import threading  # only once the list is shown

        done = threading.Event()

        def on_event(kind: str, *values: object) -> None:
            if kind == "opened" and values[0]:
                self.post_message(IndexOpened(client))
            elif kind in ("checking", "progress"):  # files read to be hashed, then articles indexed
                self._index_work = "checking the index" if kind == "checking" else "indexing"
                self.post_message(IndexProgress(*values))  # type: ignore[arg-type]
            elif kind == "ready":
                self.post_message(IndexReady(client, values[0]))  # type: ignore[arg-type]
                done.set()
            elif kind == "failed":
                self.post_message(IndexReady(None, error=str(values[0])))
                done.set()

        try:
            client = self.session.start_search(on_event, update)
            self.session.listen()
        except Exception as e:  # no process could be started (limits, no /dev/shm): say so, read on
            self.post_message(IndexReady(None, error=f"{type(e).__name__}: {e}"))
            return
        from textual.worker import get_current_worker  # in the worker, after the first frame

        worker = get_current_worker()
        while not done.wait(0.5) and not worker.is_cancelled:  # the reader quits: cancelled
            pass

    # The first screen's figure rows: (article id, figure spans, rows), shown with its figures until the analysis
    _remembered_prompts: tuple[str, list[tuple[int, int]], list[Content]] | None = None
    _index_work = "indexing"  # what the search process's progress counts (its thread sets it before posting)
    WORK = {"corpus": "loading the articles", "figures": "finding figures", "index": "building the index"}

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that died of something it did not expect (MemoryError, a bug) says so on screen,
        instead of leaving "Loading…" up forever."""
        from textual.worker import WorkerState  # only when a worker changes state, after the first frame

        if event.state != WorkerState.ERROR or event.worker.group not in self.WORK:
            return
        error = event.worker.error
        what = self.WORK[event.worker.group]
        reason = f"{type(error).__name__}: {error}" if error else "unknown error"
        self.status.say(f"{what} failed: {reason}")
        self.notify(f"{what[0].upper()}{what[1:]} failed: {reason}", severity="error", timeout=10)
        if event.worker.group == "corpus" and not self.session.listed:
            self.article_list.set_entries([], empty_message=f"Could not load the articles ({reason})")
            self._update_early_search()

    # -- the list, figures and index arrive ------------------------------------------------
    async def on_catalog_loaded(self, message: CatalogLoaded) -> None:
        if message.error:
            self.notify(message.error, title="Cannot open the corpus", severity="error")
        self._report_problems(message.problems)
        shown = self.reader.article
        self.session.use_listing(message.summaries)
        self.search.known = self.session.by_id
        self.article_list.set_figure_counts(self.session.figure_counts())
        self._children_started = False
        await self._list_and_open(message.summaries, shown)
        self.call_after_refresh(self._listing_shown.set)
        if not self.session.listed:  # nothing to list: no analysis, but the index is brought up to date
            self._update_early_search()
        self.set_timer(2, self._start_children)  # at the latest: no article opened, or its figures failed

    def _start_search_early(self) -> None:
        """A cold list (no catalog cache) takes seconds at 100,000 articles: the search process starts now and
        answers from the existing index meanwhile; it brings the index up to date once the list is read
        (_start_children), so that both cores read the list first. A big remembered list starts it as soon as
        it is painted (the open article's figures would otherwise come first: seconds on a loaded machine)."""
        if self._children_started or self._search_early:
            return
        self._search_early = True
        self.start_index(update=False)

    def _update_early_search(self) -> None:
        """The list is read (or failed, or is empty): a search process started before it updates its index now."""
        if self._search_early:
            self._search_early = False
            self.session.update_index()

    def _start_children(self) -> None:
        """The search and analysis processes, once the useful screen (list, article, its figures) is up:
        spawning them costs both cores for a moment."""
        if self._children_started or not self.session.listed:
            return
        self._children_started = True
        self._analysis_started = False
        self._doing = {"figures": "finding figures…", "index": "indexing…"}
        self._say_doing()
        if self._search_early:  # running since before the list: now its update
            self._update_early_search()
        else:
            self.start_index()  # first: search matters more than groups and claims
        self._start_analysis()

    def _start_analysis(self) -> None:
        """The analysis process, with the search process: a summary stored with a fresh analysis comes back
        in a second or two, and an analysis that must run lowers its priority first (summarise_corpus's
        niceness), so it never holds up the search process's start or the reader's keys."""
        if self._analysis_started or not self._children_started:
            return
        self._analysis_started = True
        self.analyse_corpus()

    def _say_doing(self) -> None:
        """The status line: the corpus size, then what is still being worked out."""
        self.status.say(" · ".join([f"{len(self.session.listed)} articles", *self._doing.values()]))

    def _report_problems(self, problems: list) -> None:
        if not problems:
            return
        names = "; ".join(str(p) for p in problems[:3])
        more = f" and {len(problems) - 3} more" if len(problems) > 3 else ""
        self.notify(f"Skipped {len(problems)} malformed article file(s): {names}{more}", severity="warning", timeout=8)

    async def _list_and_open(self, listed: list, shown: Article | None) -> None:
        """Fill the article list (ArticleSummaries) and open the remembered article (a reload: the one shown,
        read again in case an ingest changed it)."""
        self._listed_entries = LazyEntries(listed, entry_for, key=lambda a: a.id)
        if self.search.query_text and self.search.index is not None:  # searched before the list was read
            self.search.run_search(self.search.query_text)  # its rows again, with what the list knows
        else:
            self._show_listing()
        self.status.say(f"{len(listed)} articles from {self.corpus_dir}")
        if shown is not None and shown.id in self.session.by_id:
            offset = self.reader.first_visible_offset()
            self.reader.article = None
            await self.open_article(shown.id, top_offset=offset)
            return
        await self._restore_or_open_first()

    def _empty_corpus_message(self) -> str:
        return f"No articles in {self.corpus_dir}. Add reports with: kursk-reader ingest FILE"

    async def _restore_or_open_first(self) -> None:
        if self._restored is None:
            self._restore_state()
        state = self._restored
        assert state is not None
        same_corpus = state.corpus == str(self.corpus_dir.resolve())
        listed = self.session.listed
        if same_corpus and state.article_id is not None and state.article_id in self.session.by_id:
            await self.open_article(state.article_id, sentence=state.sentence, top_offset=state.offset)
        elif listed:
            await self.open_article(listed[0].id)
        else:
            await self.reader.show_article(None, placeholder=self._empty_corpus_message())
            if self.query("#figures"):
                self.figures_panel.show_figures([], {}, empty_message="No articles")
        if same_corpus and state.query and not self.search.input.value:  # not over what was typed meanwhile
            self.search.input.value = state.query
        self._restore_looks(state)

    def _restore_looks(self, state: ReaderState) -> None:
        """The theme and the hidden panels; then keep the theme remembered whenever it changes."""
        if state.theme and state.theme in self.app.available_themes:
            self.app.theme = state.theme
        self.group_by_story = state.group_by_story  # applied when the stories arrive
        for panel in self.query("#articles, #figures, #figures-pending"):
            panel.display = (panel.id or "").removesuffix("-pending") not in state.hidden
        if not self._remembering_theme:  # once: a reload restores again
            self._remembering_theme = True
            self.app.theme_changed_signal.subscribe(self, lambda _theme: self.save_state())

    def on_figures_ready(self, message: FiguresReady) -> None:
        if message.error:
            self.notify(message.error, severity="error")
        self._doing.pop("figures", None)
        analysis = message.analysis
        if analysis is None:  # failed: the open article's own figures stay, without groups or claims
            self._say_doing()
            return
        self.session.use_analysis(analysis)
        self.article_list.set_figure_counts(self.session.figure_counts())  # counts a cold listing left unknown
        for warning in analysis.warnings[:1]:
            self.notify(warning, severity="warning", timeout=6)
        if (self.group_by_story or self.story_filter) and not self.search.query_text:
            self._show_listing()
        self._show_current_figures()
        self._highlight_figures()
        self._say_doing()
        self.save_state()  # the figures panel counts other reports now

    @property
    def analysis(self):  # the analysis summary, once it has arrived
        return self.session.analysis

    def on_article_figures_ready(self, message: ArticleFiguresReady) -> None:
        if message.error:
            self.notify(message.error, severity="error")
        article = self.reader.article
        self.article_list.set_figure_counts(self.session.figure_counts())  # this article's count is known now
        if article is not None and article.id == message.article_id:
            first = self._first
            if first is not None and first.article_id == article.id:  # drawn as remembered until the analysis
                self._remembered_prompts = (article.id, first.figure_spans(), first.prompts())
            self._first = None  # its own figures replace the remembered ones
            self._show_current_figures()
            self._highlight_figures()
            self.save_state()  # the screen is worth remembering now that it shows the figures
        self.call_after_refresh(self._start_children)  # after the frame that shows them

    def _highlight_figures(self) -> None:
        reader = self.reader
        reader.highlight(figures=self._figure_spans(), sentence=reader.sentence, current_match=reader.current_match)

    def on_index_opened(self, message: IndexOpened) -> None:
        """An index from an earlier launch answers while the update runs."""
        if self.search.index is None:
            self.search.use_index(message.index)

    def on_index_progress(self, message: IndexProgress) -> None:
        if not self._children_started:  # the list could not be read: its failure stays on the status line
            return
        self.status.progress(message.done, message.total)
        self._doing["index"] = f"{self._index_work} {message.done:,}/{message.total:,}"
        self._say_doing()

    def on_index_ready(self, message: IndexReady) -> None:
        self.status.hide_progress()
        if message.index is None:
            self._doing["index"] = f"search unavailable: {message.error}"
        else:
            note = message.report.message if message.report and message.report.message else "index ready"
            self._doing["index"] = note
        if self._children_started:  # else the list's failure stays on the status line (the search bar says this)
            self._say_doing()
        self.search.use_index(message.index, message.error)

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
        article = self._article(article_id)
        if article is None:
            return
        reader = self.reader
        if reader.article is not article:
            await reader.show_article(article)
            self.open_article_id = article_id
            self.sub_title = safe_line(article.title)[:80]
            self.search.position = None
            self._show_current_figures()
            if self.session.figures(article_id) is None:
                self.extract_open_figures(article)
        matches = [(m.start, m.end) for m in self.search.matches_in(article_id)]
        reader.highlight(figures=self._figure_spans(), matches=matches, sentence=sentence, current_match=current_match)
        target = current_match or sentence
        if target:
            reader.show_offset(target[0], target[1])
        elif top_offset:
            reader.show_offset(top_offset, center=False)
        self.save_state()

    def _article(self, article_id: str) -> Article | None:
        """The article (kept, or read from its file: ~0.4 ms); None, with a notice, when it cannot be read."""
        try:
            return self.session.article(article_id)
        except UserError as e:
            self.notify(str(e), severity="error")
            return None

    def open_article_later(self, article_id: str) -> None:
        self.call_later(self.open_article, article_id)

    def current_figures(self) -> list[Figure]:
        return self._figures_of_open() or []

    def _figures_of_open(self) -> list[Figure] | None:
        """The open article's figures (with their groups once the analysis is in); None: not yet extracted."""
        article = self.reader.article
        return self.session.figures(article.id) if article is not None else None

    def _show_current_figures(self) -> None:
        article, first = self.reader.article, self._first
        if not self.query("#figures"):
            return
        panel = self.figures_panel
        shown_id = article.id if article is not None else self.open_article_id
        if first is not None and shown_id == first.article_id and self._figures_of_open() is None:
            panel.show_remembered(first.prompts(), first.article_id)  # until its own are extracted
            return
        if article is None:
            return
        kept = panel.highlighted if panel.article_id == article.id else None  # groups arrived: stay put
        groups = self.analysis.groups if self.analysis is not None else {}
        figures, prompts = self._figures_of_open(), None
        if self.analysis is None and self._remembered_prompts and figures is not None:
            article_id, spans, remembered = self._remembered_prompts
            # the same figures: drawn as remembered, not "only here" until the analysis says "3 other reports" again
            if article_id == article.id and spans == [(f.start, f.end) for f in figures]:
                prompts = remembered
        panel.show_figures(figures, groups, article_id=article.id, prompts=prompts)
        if kept is not None and kept < len(panel.figures):
            panel.highlighted = kept

    def _figure_spans(self) -> list[tuple[int, int]]:
        first, figures = self._first, self._figures_of_open()
        if figures is None and first is not None and self.open_article_id == first.article_id:
            return first.figure_spans()  # the remembered ones, until its own are extracted
        return [(f.start, f.end) for f in figures or []]

    @on(ArticleSelected)
    async def article_selected(self, message: ArticleSelected) -> None:
        await self.open_article(message.article_id)
        if self.search.matches_in(message.article_id):  # opened from a search: go to the first match
            await self.goto_match(message.article_id, 0)

    @on(FigureChosen)
    async def figure_chosen(self, message: FigureChosen) -> None:
        await self.show_figure(message.figure)

    async def show_figure(self, figure: Figure) -> None:
        """Open the figure's article with its sentence highlighted and centred."""
        await self.open_article(figure.article_id, sentence=(figure.sentence_start, figure.sentence_end))
        panel = self.figures_panel
        if figure in panel.figures:
            panel.highlighted = panel.figures.index(figure)

    # -- search ----------------------------------------------------------------------------
    @on(SearchBar.ResultsChanged)
    def results_changed(self, message: SearchBar.ResultsChanged) -> None:
        listed = len(self.session.listed)
        if message.query:
            entries = LazyEntries(message.hits, self._hit_entry, key=lambda h: h.article_id)
            empty = f"No article matches {message.query!r}"
            self.article_list.set_entries(entries, searching=True, empty_message=empty)
            within = " in this story" if self.story_filter else ""
            of = f" of {listed}" if listed else ""  # the list not read yet: the hits alone
            self.article_list.border_title = f"Articles ({len(message.hits)}{of}{within})"
        else:
            self._show_listing()
        if message.query and not message.hits and "published:" in message.query and not self.session.any_dated():
            self.search.set_status("0 articles · no article here states its publication date", error=True)
        reader = self.reader
        open_id = reader.article.id if reader.article else None
        matches = [(m.start, m.end) for m in self.search.matches_in(open_id)]
        reader.highlight(matches=matches, sentence=reader.sentence)

    # -- stories in the list -------------------------------------------------------------------
    def _show_listing(self, cursor_on: str | None = None) -> None:
        """The list when not searching: every article, grouped by story, or one story only.
        `cursor_on`: the row key to put the cursor on (a story's header after collapsing it)."""
        listed, analysis = self.session.listed, self.analysis
        entries: Sequence[ListEntry] = self._listed_entries or []
        title = f"Articles ({len(listed)})"
        if analysis is not None and (self.group_by_story or self.story_filter):
            from .story_rows import story_rows  # only once stories are shown

            grouped = story_rows(listed, analysis.stories, self._collapsed, self.story_filter)
            entries = grouped
            story = analysis.stories.get(self.story_filter) if self.story_filter else None
            title = (
                f"Story ({len(story.article_ids)} of {len(listed)})" if story else f"Articles by story ({len(listed)})"
            )
        self.article_list.set_entries(entries, empty_message=self._empty_corpus_message())
        self.article_list.border_title = title
        if cursor_on is not None and isinstance(entries, LazyEntries):
            index = entries.index_of(cursor_on)
            if index is not None:
                self.article_list.cursor = index

    def action_group_stories(self) -> None:
        """g: a header per story (collapse with Enter or space), or the plain list again."""
        self.group_by_story = not self.group_by_story
        self.save_state()
        if self.analysis is None:
            self.notify("Stories are still being found: the list is grouped when they are", timeout=3)
        elif not self.search.query_text:
            self._show_listing()

    def action_story_only(self) -> None:
        """s: the list and search limited to the open report's story; again: every article."""
        if self.story_filter is not None:
            self.story_filter = None
            self.search.limit_to(None)
        else:
            story = self._open_story()
            if story is None:
                return
            self.story_filter = story.id
            self.search.limit_to(set(story.article_ids))
        if not self.search.query_text:
            self._show_listing()

    @on(ArticleList.StoryToggled)
    def story_toggled(self, message: ArticleList.StoryToggled) -> None:
        from .story_rows import story_key

        self._collapsed ^= {message.story_id}
        self._show_listing(cursor_on=story_key(message.story_id))

    def _hit_entry(self, hit: Hit) -> ListEntry:
        listed = self.session.by_id.get(hit.article_id)
        entry = entry_for(listed) if listed is not None else self._entry_from_index(hit)
        entry.hits = len(hit.matches)
        entry.snippet = safe_line(hit.snippet)
        if entry.snippet == (hit.snippet or "").replace("\n", " "):  # nothing escaped: offsets still valid
            entry.snippet_marks = list(getattr(hit, "snippet_marks", []))
        return entry

    @staticmethod
    def _entry_from_index(hit: Hit) -> ListEntry:
        """A hit's row before the list is read: title and outlet as the index stores them (no date yet)."""
        from ..corpus.model import UNKNOWN_OUTLET  # with the first search, after the first frame

        return ListEntry(hit.article_id, safe_line(hit.title), safe_line(hit.outlet or UNKNOWN_OUTLET), "")

    @on(SearchBar.GoTo)
    async def go_to(self, message: SearchBar.GoTo) -> None:
        if message.position is None:
            await self.open_article(message.article_id)
        else:
            await self.goto_match(message.article_id, message.position)
        if message.focus_reader:
            self.reader.focus()

    @on(SearchBar.Left)
    def search_left(self) -> None:
        self.article_list.focus()

    async def goto_match(self, article_id: str, position: int) -> None:
        matches = self.search.matches_in(article_id)
        if not matches:
            return
        position %= len(matches)
        match = matches[position]
        article = self._article(article_id)
        if article is None:
            return
        sentence = None
        if match.sentence is not None and 0 <= match.sentence < len(article.sentences):
            span = article.sentences[match.sentence]
            sentence = (span.start, span.end)
        await self.open_article(article_id, sentence=sentence, current_match=(match.start, match.end))
        self.search.position = position
        self.article_list.cursor = self.article_list.index_of(article_id) or 0

    async def action_step_match(self, direction: int) -> None:
        """n / N: the next (previous) match here, else the first (last) match of the next article."""
        current = self.reader.article.id if self.reader.article else None
        target = self.search.step(current, direction)
        if target is None:
            self.notify("No search matches: press / to search", timeout=3)
            return
        await self.goto_match(*target)

    # -- actions -------------------------------------------------------------------------------
    def action_focus_search(self) -> None:
        self.search.input.focus()

    def action_focus_figures(self) -> None:
        panel = self.figures_panel
        panel.display = True
        panel.focus()

    def action_toggle_panel(self, panel_id: str) -> None:
        panel = self.query_one(f"#{panel_id}")
        panel.display = not panel.display
        self.save_state()

    def action_compare(self) -> None:
        """c: the highlighted figure across outlets; its claim's reports are read in a worker first."""
        figure = self.figures_panel.highlighted_figure
        if figure is None:
            self.notify("Highlight a figure first (press f)", timeout=3)
            return
        self.compare_figure(figure)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def compare_figure(self, figure: Figure) -> None:
        """The figure's claim (its story's claims are read from the analysis cache) and its reports' figures."""
        from ..child_process import ChildFailed

        try:
            claim = self.session.claim_of(figure)
        except ChildFailed as e:
            self.app.call_from_thread(self.notify, f"Could not read the claims: {e}", severity="error")
            claim = None
        figures = self.session.figures_of_articles(claim.article_ids) if claim is not None else {}
        self.app.call_from_thread(self._push_compare, figure, claim, figures)

    def _push_compare(self, figure: Figure, claim: Claim | None, figures: dict[str, list[Figure]]) -> None:
        from .compare import CompareScreen  # the comparison's styles: parsed when it first opens

        async def opened(chosen: Figure | None) -> None:
            if chosen is not None:
                await self.show_figure(chosen)

        story = self.session.story_of(figure.article_id) if claim is not None else None
        story_ids = story.article_ids if story else None
        by_id = self.session.by_id
        self.app.push_screen(CompareScreen(figure, {}, by_id, claim, figures, story_ids), opened)

    def action_claims(self) -> None:
        """C: the claims of the open report's story, one row per claim, with a chart of changing values."""
        story = self._open_story()
        if story is None or self.analysis is None:
            return
        self.open_claims(story)

    @work(thread=True, exclusive=True, group="claims", exit_on_error=False)
    def open_claims(self, story: Story) -> None:
        """The story's claims are read (from the analysis cache) here, then the view opens."""
        from ..child_process import ChildFailed

        try:
            claims = self.session.story_claims(story.id)
        except ChildFailed as e:
            self.app.call_from_thread(self.notify, f"Could not read the claims: {e}", severity="error")
            return
        self.app.call_from_thread(self._push_claims, story, claims)

    def _push_claims(self, story: Story, claims: list[Claim]) -> None:
        from .claims import ClaimsScreen  # the claims view: loaded when it first opens

        by_id = self.session.by_id
        published = {i: a.published for i in story.article_ids if (a := by_id.get(i))}

        async def opened(chosen: ClaimFigure | None) -> None:
            if chosen is not None:
                await self.show_claim_figure(chosen)

        self.app.push_screen(ClaimsScreen(story, claims, published), opened)

    async def show_claim_figure(self, figure: ClaimFigure) -> None:
        """Open a claim's figure in its article, its sentence highlighted and centred."""
        article = self._article(figure.article_id)
        if article is None:
            return
        span = article.sentences[figure.sentence_index] if 0 <= figure.sentence_index < len(article.sentences) else None
        await self.open_article(article.id, sentence=(span.start, span.end) if span else None)

    def _open_story(self) -> Story | None:
        """The story of the open report; says why when there is none yet."""
        article = self.reader.article
        if self.analysis is None:
            self.notify("Stories are still being found (see the status line)", timeout=3)
            return None
        story = self.session.story_of(article.id) if article else None
        if story is None:
            self.notify("This report belongs to no story", timeout=3)
        return story

    def action_export_figures(self) -> None:
        """Ask where (md, csv or json by the extension), then write every figure with its citation."""
        from ..export import default_export_path  # only when exporting
        from .export import ExportScreen

        if self.analysis is None:
            self.notify("Figures are still being extracted", timeout=3)
            return
        count = self.session.figure_count()
        self.app.push_screen(ExportScreen(str(default_export_path()), count), self.export_to)

    def export_to(self, typed: str | None) -> None:
        from ..export import format_of  # only when exporting

        if not typed:
            return
        path = Path(typed).expanduser().absolute()
        fmt = format_of(path.name)
        if fmt is None:
            self.notify(f"Not exported: {path.name} should end in .md, .csv or .json", severity="warning")
            return
        from ..regular_file import writable_target

        try:
            target = writable_target(path, named=True)  # refused before the corpus is analysed again
        except OSError as e:
            self.notify(f"Could not export figures to {path}: {e.strerror or e}", severity="error")
            return
        self.notify(f"Exporting figures to {path}…", timeout=3)
        self.export_figures(path, target, fmt)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def export_figures(self, path: Path, target: Path, fmt: str) -> None:
        from ..child_process import ChildFailed  # only when exporting

        try:
            count = self.session.export_figures(target, fmt)
        except OSError as e:
            self.app.call_from_thread(
                self.notify, f"Could not export figures to {path}: {e.strerror or e}", severity="error"
            )
        except ChildFailed as e:
            self.app.call_from_thread(self.notify, f"Could not export figures: {e}", severity="error")
        else:
            self.app.call_from_thread(self.notify, f"Exported {count} figures to {path}")

    def action_open_url(self) -> None:
        """o: the report's web address in the browser."""
        article = self.reader.article
        if article is None or not article.url:
            self.notify("This report has no web address", timeout=3)
            return
        self.app.open_url(article.url)
        self.notify(f"Opening {article.url}", timeout=3)

    def action_copy_citation(self) -> None:
        """y: the highlighted figure's sentence (figures panel), else the highlighted or first visible
        sentence, quoted, with outlet, headline, date and url."""
        article = self.reader.article
        if article is None:
            return
        figure = self.figures_panel.highlighted_figure if self.query("#figures:focus") else None
        if figure is not None:
            span: tuple[int, int] | None = (figure.sentence_start, figure.sentence_end)
        else:
            span = self.reader.sentence or _sentence_at(article, self.reader.first_visible_offset())
        if span is None:
            return
        text = citation(article.text[span[0] : span[1]], article)
        self.app.copy_to_clipboard(text)
        shown = text if len(text) <= 120 else text[:119] + "…"
        self.notify(f"Copied: {shown}", timeout=4)

    def action_reload(self) -> None:
        """Re-read the corpus, staying on the open article; the index is then updated incrementally."""
        self._restored = self.current_state()
        self.load_corpus()

    def system_commands(self) -> list[SystemCommand]:
        from textual.app import SystemCommand

        def toggle(panel: str) -> Callable[[], None]:
            return lambda: self.action_toggle_panel(panel)

        return [
            SystemCommand("Toggle article list", "Hide or show the article list (F2)", toggle("articles")),
            SystemCommand("Toggle figures panel", "Hide or show the figures panel (F3)", toggle("figures")),
            SystemCommand(
                "Export figures", "Every figure with its citation, as md, csv or json (e)", self.action_export_figures
            ),
            SystemCommand(
                "Group by story", "A header per story in the article list, or not (g)", self.action_group_stories
            ),
            SystemCommand(
                "This story only", "List and search the open report's story only, or all (s)", self.action_story_only
            ),
            SystemCommand(
                "Claims of this story", "One row per claim, values by outlet, a chart (C)", self.action_claims
            ),
            SystemCommand(
                "Reload corpus", "Read the articles again (after an ingest), update the index", self.action_reload
            ),
        ]

    # -- remembered between launches -----------------------------------------------------
    def save_state(self, now: bool = False) -> None:
        """Remember the state (and the screen) in a thread, or `now` (quitting)."""
        if self.state_path is None:
            return
        state = self.current_state()
        with self._state_handoff:
            self._unsaved = state
        if now:
            self._write_state()
        else:
            self._write_state_later()

    _unsaved: ReaderState | None = None

    @work(thread=True, group="state", exit_on_error=False)
    def _write_state_later(self) -> None:
        self._write_state()

    def _write_state(self) -> None:
        """Write the newest state not yet written (an older one queued behind it is then skipped)."""
        from ..state import save_state  # json & co: after the first frame

        with self._state_writing:
            with self._state_handoff:
                state, self._unsaved = self._unsaved, None
            path = self.state_path
            if state is None or path is None:
                return
            problem = save_state(path, state)
            if problem:
                self.state_path = None  # said once, not at every article opened
        if problem:
            self.app.call_later(self.notify, problem, severity="warning")

    def current_state(self) -> ReaderState:
        from ..state import ReaderState  # json & co: after the first frame

        reader = self.reader
        return ReaderState(
            article_id=reader.article.id if reader.article else None,
            offset=reader.first_visible_offset(),
            sentence=reader.sentence,
            query=self.search.query_text,
            corpus=str(self.corpus_dir.resolve()),
            theme=self.app.theme,
            hidden=[p.id for p in self.query("#articles, #figures") if not p.display and p.id],
            group_by_story=self.group_by_story,
            screen=self._capture_screen(),
        )

    def _capture_screen(self) -> dict | None:
        """The open article, its figures and the list rows around it, for the next launch's first frame
        (only once its figures are known: a screen without them would say it has none)."""
        article = self.reader.article
        figures = self.session.figures(article.id) if article is not None else None
        if article is None or figures is None or self.session.preloaded is not None:
            return None
        from bisect import bisect_left

        from .first_screen import ROWS_KEPT, capture, file_stat

        panel = self.figures_panel if self.query("#figures") else None
        if panel is None or panel.article_id != article.id or len(panel.figures) != len(figures):
            return None  # its figures are not drawn yet
        prompts = panel.drawn()
        listed = self.session.listed
        at = bisect_left(listed, article.id, key=lambda a: a.id)  # the list is sorted by id
        rows = {}
        if at < len(listed) and listed[at].id == article.id:
            rows = {i: listed[i] for i in range(max(0, at - ROWS_KEPT), min(len(listed), at + ROWS_KEPT + 1))}
        stat = file_stat(self.corpus_dir / f"{article.id}.yaml")
        return capture(article, stat, prompts, rows, len(listed))

    def on_unmount(self) -> None:
        self.session.close()  # the search and analysis processes end with the reader


def _sentence_at(article: Article, offset: int) -> tuple[int, int] | None:
    index = article.sentence_at(offset)
    if index is None:
        return None
    span = article.sentences[index]
    return span.start, span.end
