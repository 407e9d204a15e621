"""The search session: the box and its one-line status, the query, the hits, the current match,
the search worker and stepping from match to match. It reports up with its own messages
(ResultsChanged, GoTo, Left); the screen decides what opening an article means."""

from __future__ import annotations

from collections.abc import Container
from typing import TYPE_CHECKING, Any

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, Label, Static

from ..formatting import plural
from ..textsafe import safe_line

if TYPE_CHECKING:
    from ..search.engine import Hit, Match

# Articles listed for one query (the status gives the total). The search process reads each listed hit's
# article until it holds them all, so a list nobody reads to the end is not worth a thousand reads per key.
SEARCH_LIMIT = 300
DETAILED_HITS = 40  # up to this many hits, the status counts their matches (search_client.detailed: worked out)
INDEXING = "Indexing… results appear when the index is ready"
SEARCHING_AFTER = 0.15  # seconds without an answer before the status says "Searching…" (see _changed)


class SearchBar(Horizontal):
    BINDINGS = [Binding("escape", "leave", "Leave search", id="search.leave")]

    class ResultsChanged(Message):
        """The hits for `query` (no query: the search was cleared and every article is listed again)."""

        def __init__(self, query: str, hits: list[Hit], total: int | None) -> None:
            super().__init__()
            self.query, self.hits, self.total = query, hits, total

    class GoTo(Message):
        """Open this article at its match number `position` (sorted by offset; -1 the last; None: no match)."""

        def __init__(self, article_id: str, position: int | None, focus_reader: bool = False) -> None:
            super().__init__()
            self.article_id, self.position, self.focus_reader = article_id, position, focus_reader

    class Left(Message):
        """Esc: the user is done with the box; the screen moves the focus on."""

    class _Answer(Message):
        """The worker's answer to one query."""

        def __init__(self, query: str, hits: list[Hit], total: int | None = None, error: str | None = None) -> None:
            super().__init__()
            self.query, self.hits, self.total, self.error = query, hits, total, error

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.index: Any = None  # what answers queries (tui.search_client.SearchClient) once it can
        self.index_error: str | None = None  # why search is unavailable
        self.known: Container[str] | None = None  # ids of the listed articles (a hit outside them is dropped);
        # None: the list is not read yet, every hit the index holds is shown
        self.within: Container[str] | None = None  # search only these articles (one story); None: all
        self.query_text = ""
        self.hits: list[Hit] = []  # best first
        self.hits_query = ""  # the query self.hits answer (typing on makes them stale)
        self.position: int | None = None  # the current match in the open article's sorted matches
        self._open_best_when_ready = False
        self._status_shown = ("", False)
        self._answered_query = ""  # the query the status speaks of
        self._searching_timer: Any = None

    def compose(self) -> ComposeResult:
        yield Label("Search", id="search-label")
        yield Input(
            placeholder='Press / to search · F1: the syntax (words, "a phrase", OR, -word, outlet:…)',
            compact=True,
            id="search",
        )
        yield Static(Content(""), id="search-status")

    @property
    def input(self) -> Input:
        return self.query_one("#search", Input)

    def set_status(self, message: str, error: bool = False) -> None:
        text = safe_line(message)
        if (text, error) == self._status_shown:  # "Searching…" at every key: no new layout each time
            return
        content = Content(text)
        resized = content.cell_length != Content(self._status_shown[0]).cell_length  # else no layout: a reflow
        self._status_shown = (text, error)  # of the whole screen before the answer's frame
        status = self.query_one("#search-status", Static)
        status.update(content, layout=resized)
        status.set_class(error, "-error")

    def use_index(self, index: Any, error: str | None = None) -> None:
        self.index, self.index_error = index, error
        if index is None:
            self.set_status(f"search unavailable: {error}", error=True)
        elif self.query_text:
            self.run_search(self.query_text)

    # -- typing --------------------------------------------------------------------------------
    @on(Input.Changed, "#search")
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.query_text = event.value.strip()
        if not self.query_text:
            self.workers.cancel_group(self, "search")
            self.clear()
            return
        if self.index is None:  # not "Indexing…" forever: say why there are no results
            unavailable = f"search unavailable: {self.index_error}" if self.index_error else ""
            self.set_status(unavailable or INDEXING, error=bool(unavailable))
            return
        if self._searching_timer is None:  # an answer within SEARCHING_AFTER draws one frame, not two
            self._searching_timer = self.set_timer(SEARCHING_AFTER, self._say_searching)
        self.run_search(self.query_text)

    def _say_searching(self) -> None:
        self._searching_timer = None
        if self.query_text and self._answered_query != self.query_text:
            self.set_status("Searching…")

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if not self.query_text:
            return
        if self.hits and self.hits_query == self.query_text:
            self.open_best()
        else:  # results for this query are still on their way
            self._open_best_when_ready = True

    def action_leave(self) -> None:
        """Esc clears the query (every article is listed again) and leaves the box, so keys work again."""
        self.input.value = ""
        self.post_message(self.Left())

    # -- the worker ----------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def run_search(self, query: str) -> None:
        """No debounce wait: each key sends its query at once. A newer key cancels this worker (its answer is
        dropped) and the search process skips a query that a newer one overtook before it started."""
        from textual.worker import get_current_worker  # first search only, not before the first frame

        worker = get_current_worker()
        if self.index is None:
            return
        from ..search.engine import IndexUnavailable, QueryError  # whoosh & co: never before the first frame
        from ..search_client import Superseded, detailed

        try:
            results = self.index.search_results(query, limit=SEARCH_LIMIT, prefix_last=True)
            for hit in results.hits[: detailed(len(results.hits))]:  # the first screenful's details, off the UI
                _ = hit.matches  # a lazy property
        except Superseded:
            return
        except QueryError as e:
            self.post_message(self._Answer(query, [], error=str(e)))
            return
        except IndexUnavailable:  # the old index went away while the new one is built: it will answer
            self.post_message(self._Answer(query, [], error=INDEXING))
            return
        except Exception as e:
            if not worker.is_cancelled:
                self.post_message(self._Answer(query, [], error=f"search failed: {e}"))
            return
        if not worker.is_cancelled:
            self.post_message(self._Answer(query, results.hits, total=results.total))

    @on(_Answer)
    def _answered(self, message: _Answer) -> None:
        message.stop()
        if message.query != self.query_text:
            return  # typed on since this search started
        self._answered_query = message.query
        if message.error:
            self.set_status(message.error, error=message.error != INDEXING)
            return
        within = self.within
        known = self.known
        self.hits = [
            h
            for h in message.hits
            if (known is None or h.article_id in known) and (within is None or h.article_id in within)
        ]
        self.hits_query, self.position = message.query, None
        self.set_status(self._summary(message.total))
        self.post_message(self.ResultsChanged(message.query, self.hits, message.total))
        if self._open_best_when_ready:
            self._open_best_when_ready = False
            self.open_best()

    def limit_to(self, article_ids: Container[str] | None) -> None:
        """Search only these articles (a story), or every article again (None); a query shown is run again."""
        self.within = article_ids
        if self.query_text and self.index is not None:
            self.run_search(self.query_text)

    def _summary(self, total: int | None) -> str:
        count = len(self.hits)
        if self.within is not None:  # the engine's total counts every story
            return plural(count, "article") + " in this story"
        articles = f"{count} of {total} articles" if total is not None and total > count else plural(count, "article")
        if count <= DETAILED_HITS:  # counting every match of a long list would re-read every article
            articles += f" · {plural(sum(len(h.matches) for h in self.hits), 'match', 'matches')}"
        return articles

    def clear(self) -> None:
        self.hits, self.hits_query, self.position = [], "", None
        self._open_best_when_ready = False
        self.set_status("")
        self.post_message(self.ResultsChanged("", [], None))

    # -- hits and matches ----------------------------------------------------------------------
    def hit_for(self, article_id: str | None) -> Hit | None:
        return next((h for h in self.hits if h.article_id == article_id), None)

    def matches_in(self, article_id: str | None) -> list[Match]:
        hit = self.hit_for(article_id)
        return sorted(hit.matches, key=lambda m: (m.start, m.end)) if hit else []

    def open_best(self) -> None:
        if self.hits:
            best = self.hits[0]
            self.post_message(self.GoTo(best.article_id, 0 if best.matches else None, focus_reader=True))

    def step(self, current: str | None, direction: int) -> tuple[str, int] | None:
        """n / N from the open article: its next (previous) match, else the first (last) match of the next
        article with matches, wrapping round; None when there is no match anywhere."""
        matches = self.matches_in(current)
        if matches and current is not None:
            position = self.position
            nxt = (0 if direction > 0 else len(matches) - 1) if position is None else position + direction
            if 0 <= nxt < len(matches):
                return current, nxt
        ids = [h.article_id for h in self.hits]
        here = ids.index(current) if current in ids else (-1 if direction > 0 else len(ids))
        for offset in range(1, len(ids) + 1):  # a hit's matches are worked out when first asked for
            hit = self.hits[(here + direction * offset) % len(ids)]
            if hit.matches:
                return hit.article_id, 0 if direction > 0 else -1
        return None
