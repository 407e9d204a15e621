"""The search index in a child process (tui.child_process): it opens the index from the last launch and
answers from it at once, brings it up to date (reading only the article files changed since: a stat per
file, `SearchIndex.update_from_folder`), and answers queries over a pipe. Neither process holds the
corpus: a hit's article is read when its details are worked out. The reader's process keeps only the hits
it shows.

Search as you type sends every query at once, no waiting: a query that a newer one overtakes in the
child's inbox is skipped (answered "superseded"), and the reader drops answers to stale queries.

Plain Python, no Textual: `serve_search` runs in the child."""

from __future__ import annotations

import itertools
import threading
from collections import deque
from collections.abc import Callable
from concurrent.futures import Future
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from .child_process import Child, ChildFailed, lower_priority

DETAILED = 40  # up to this many hits, every hit's snippet and match offsets come with the answer (the status
SCREENFUL = 12  # counts their matches); past it, the first SCREENFUL's only: the rest are asked for when shown


def detailed(hits: int) -> int:
    """How many of `hits` hits come with their details: working out a hit's (its article read and tokenised,
    ~1.5 ms) for rows nobody sees was most of an answer's time at 100,000 articles."""
    return hits if hits <= DETAILED else SCREENFUL


KEPT_QUERIES = 4  # answered queries whose other hits' details can still be asked for


class Superseded(Exception):
    """A newer query overtook this one before the child started on it."""


# ---- in the child ---------------------------------------------------------------------------------


def serve_search(
    conn: Connection, corpus_dir: Path, index_dir: Path | None, articles: list | None, update_now: bool = True
) -> None:
    """Open the index (say whether it answers), update it from the corpus in a thread, answer queries.
    `update_now` False: the update waits for an ("update",) request (the reader sends it once its list is
    read: at 100,000 articles a cold list takes both cores, and searching the index as it is needs none)."""
    import sys

    from .search.engine import SearchIndex

    # While the update thread works, a query that waits for the interpreter gets it within 1 ms, not 5.
    sys.setswitchinterval(0.001)

    index = SearchIndex(corpus_dir, index_dir)
    lock = threading.Lock()

    def send(message: tuple[Any, ...]) -> None:
        with lock:
            conn.send(message)

    send(("opened", _answers(index)))
    updating = threading.Thread(target=_update, args=(index, corpus_dir, index_dir, articles, send), daemon=True)
    if update_now:
        updating.start()
    answered: dict[int, dict[str, Any]] = {}  # query serial -> its hits by article id
    inbox: deque[tuple[Any, ...]] = deque()

    def newer_search() -> bool:
        """Whether a newer query waits (what else waits is kept in the inbox, in order)."""
        while conn.poll():
            inbox.append(conn.recv())
        return any(m[0] == "search" for m in inbox)

    while True:
        try:
            request = inbox.popleft() if inbox else conn.recv()
        except (EOFError, OSError):
            return
        if request[0] == "update":
            if updating.ident is None:  # not started yet
                updating.start()
            continue
        if request[0] == "search" and newer_search():  # typed on meanwhile: only the newest query counts
            send(("answer", request[1], "superseded", ""))
            continue
        send(_handle(index, request, answered, newer_search))


def _update(
    index: Any, corpus_dir: Path, index_dir: Path | None, articles: list | None, send: Callable[[tuple[Any, ...]], None]
) -> None:
    try:
        if articles is None:  # only files changed since their last hashing are read (the reader lists problems)
            report = _update_elsewhere(corpus_dir, index_dir, send)  # at the children's niceness
        else:
            lower_priority()  # background work here; answering queries (the main thread) is not
            report = index.update(articles, progress=lambda done, total: send(("progress", done, total)))
    except Exception as e:
        send(("failed", str(e) or type(e).__name__))
        return
    send(("ready", report))


def _update_elsewhere(corpus_dir: Path, index_dir: Path | None, send: Callable[[tuple[Any, ...]], None]) -> Any:
    """SearchIndex.update_from_folder in a process of its own, its progress passed on: hashing changed
    files (all of them when their stamps changed: ~70 s of CPU at 100,000 articles) held this process's
    interpreter lock, so each query waited for it. The index answering here sees the new generation at
    the next query; the update's memory goes with its process."""
    child = Child(update_in_child, (corpus_dir, index_dir))  # nice: background work
    try:
        while True:
            message = child.receive()
            if message[0] == "ready":
                return message[1]
            if message[0] == "failed":
                raise RuntimeError(message[1])
            send(message)  # checking, progress
    finally:
        child.stop()


def update_in_child(conn: Connection, corpus_dir: Path, index_dir: Path | None) -> None:
    """In the update's process: bring the index up to date, saying how far it is."""
    from .search.engine import SearchIndex

    index = SearchIndex(corpus_dir, index_dir)
    try:
        report = index.update_from_folder(
            lambda done, total: conn.send(("progress", done, total)),
            checking=lambda done, total: conn.send(("checking", done, total)),
        )
    except Exception as e:
        conn.send(("failed", str(e) or type(e).__name__))
        return
    conn.send(("ready", report))


def _handle(
    index: Any, request: tuple[Any, ...], answered: dict[int, dict[str, Any]], newer_search: Callable[[], bool]
) -> tuple[Any, ...]:
    from .search.engine import IndexUnavailable, QueryError, SearchStopped

    kind, serial = request[0], request[1]
    try:
        if kind == "details":
            hit = answered.get(request[2], {}).get(request[3])
            return ("answer", serial, "ok", _details(hit) if hit is not None else None)
        query, limit, prefix_last = request[2:]
        results = index.search_results(query, limit=limit, prefix_last=prefix_last, stop=newer_search)
    except SearchStopped:  # typed on while it was being answered
        return ("answer", serial, "superseded", "")
    except QueryError as e:
        return ("answer", serial, "query", str(e))
    except IndexUnavailable as e:
        return ("answer", serial, "unavailable", str(e))
    except Exception as e:
        return ("answer", serial, "failed", f"search failed: {e}")
    answered[serial] = {h.article_id: h for h in results.hits}
    for old in sorted(answered)[:-KEPT_QUERIES]:
        del answered[old]
    hits = []
    shown = detailed(len(results.hits))
    for i, h in enumerate(results.hits):
        if i < shown and newer_search():  # a hit's details read its article (~2-6 ms): stop at the next key
            return ("answer", serial, "superseded", "")
        hits.append((h.article_id, h.title, h.outlet, h.score, _details(h) if i < shown else None))
    return ("answer", serial, "ok", (hits, results.total, results.query))


def _details(hit: Any) -> dict[str, Any]:
    return {
        "snippet": hit.snippet,
        "snippet_marks": list(getattr(hit, "snippet_marks", [])),
        "matches": [(m.start, m.end, m.sentence) for m in hit.matches],
        "title_marks": list(getattr(hit, "title_marks", [])),
    }


def _answers(index: Any) -> bool:
    """Whether an index from an earlier launch can answer searches now (missing, outdated, damaged: no)."""
    try:
        index.document_count()
    except Exception:  # IndexUnavailable, or whatever a damaged file raises: update() rebuilds it
        return False
    return True


# ---- in the reader --------------------------------------------------------------------------------


class RemoteHit:
    """A hit as the reader uses it (tui.search.engine.Hit's fields); the snippet and match offsets of a
    hit past the first DETAILED are asked of the child when first used (its row scrolled into view)."""

    def __init__(self, client: SearchClient, serial: int, row: tuple[Any, ...]) -> None:
        self.article_id, self.title, self.outlet, self.score, details = row
        self._client, self._serial = client, serial
        self._details: dict[str, Any] | None = details

    def _detail(self, name: str) -> Any:
        if self._details is None:
            self._details = self._client.details(self._serial, self.article_id) or {}
        return self._details.get(name)

    @property
    def snippet(self) -> str:
        return self._detail("snippet") or ""

    @property
    def snippet_marks(self) -> list[tuple[int, int]]:
        return [tuple(m) for m in self._detail("snippet_marks") or []]

    @property
    def title_marks(self) -> list[tuple[int, int]]:
        return [tuple(m) for m in self._detail("title_marks") or []]

    @property
    def matches(self) -> list[Any]:
        from .search.engine import Match  # with the first answer, after the first frame

        return [Match(*m) for m in self._detail("matches") or []]


class SearchClient:
    """The reader's side: `search_results` as SearchIndex has it (callable from any thread); index events
    (opened, progress, ready, failed) go to `on_event(kind, *values)` from the receiving thread."""

    def __init__(
        self,
        corpus_dir: Path,
        index_dir: Path | None,
        articles: list | None,
        on_event: Callable[..., None],
        update_now: bool = True,
    ) -> None:
        """`update_now` False: the index answers as it is until update() (see serve_search)."""
        self._on_event = on_event
        self._serials = itertools.count(1)
        self._waiting: dict[int, Future[Any]] = {}
        self._send_lock = threading.Lock()
        self.closed = False
        # workers: it starts the process that updates the index (_update_elsewhere)
        self.child = Child(serve_search, (corpus_dir, index_dir, articles, update_now), niceness=0, workers=True)

    def start(self) -> None:
        """Start passing the child's events on (once the caller holds this client)."""
        threading.Thread(target=self._receive, daemon=True).start()

    def update(self) -> None:
        """Bring the index up to date now (a client started with update_now False); again: nothing."""
        try:
            with self._send_lock:
                self.child.send(("update",))
        except (OSError, ValueError):
            pass  # the child is gone: _receive reports it

    def search_results(self, query: str, limit: int = 20, prefix_last: bool = False) -> Any:
        from .search.engine import SearchResults  # with the first query, after the first frame

        serial = next(self._serials)
        hits, total, normalised = self._ask(serial, ("search", serial, query, limit, prefix_last))
        return SearchResults([RemoteHit(self, serial, row) for row in hits], total, normalised)  # type: ignore[misc]

    def details(self, serial: int, article_id: str) -> dict[str, Any] | None:
        result: dict[str, Any] | None = self._ask(next(self._serials), ("details", 0, serial, article_id))
        return result

    def _ask(self, serial: int, request: tuple[Any, ...]) -> Any:
        from .search.engine import IndexUnavailable, QueryError

        request = (request[0], serial, *request[2:])
        future: Future[Any] = Future()
        self._waiting[serial] = future
        try:
            with self._send_lock:
                self.child.send(request)
        except (OSError, ValueError) as e:
            self._waiting.pop(serial, None)
            raise ChildFailed("the search process stopped") from e
        status, payload = future.result()
        if status == "ok":
            return payload
        raise {"query": QueryError, "unavailable": IndexUnavailable, "superseded": Superseded}.get(status, ChildFailed)(
            payload
        )

    def _receive(self) -> None:
        while True:
            try:
                message = self.child.receive()
            except ChildFailed as e:
                for future in list(self._waiting.values()):
                    future.set_result(("failed", str(e)))
                self._waiting.clear()
                if not self.closed:
                    self._on_event("failed", str(e))
                return
            if message[0] == "answer":
                waiting = self._waiting.pop(message[1], None)
                if waiting is not None:
                    waiting.set_result(message[2:])
            else:
                self._on_event(*message)

    def close(self) -> None:
        self.closed = True
        self.child.stop()
