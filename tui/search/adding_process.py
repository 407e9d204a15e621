"""An ingest's index session (engine.AddingSession) run in a process of its own, fed by a queue.

Whoosh is pure Python: in the process that stores the articles, adding each one and committing the
segments took ~60% of its time, and while a segment was written (seconds, at thousands of articles)
nothing was stored and the ingest workers ran out of room to work ahead. Here the storing process
only hands each article on (its postings still packed as the worker made them, documents.PackedParts)
and the indexing process adds and commits meanwhile, so the cores stay busy with the three stages.

The session's guarantees are the AddingSession's: it runs while the storing process holds the corpus
lock and that process waits for finish() or cancel() before letting go of it; the writer lock is the
indexing process's, held until it ends; a killed storing process takes the indexing process with it
(worker_pool.exit_with_parent) and the index stays as it was (a half-built generation is never named
by CURRENT and is removed by the next writer)."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import queue
from pathlib import Path
from typing import Any

from ..corpus.model import Article
from ..corpus.worker_pool import exit_with_parent, paused_gc
from ..errors import UserError
from .engine import UpdateReport

BATCH = 64  # articles per message: fewer round trips through the pipe
QUEUED = 64  # messages waiting at most (~4,000 articles, ~100 MB): a slower indexer holds the storing back
FINISH_SECONDS = 3600.0  # finishing builds the rest of the corpus when the index was missing: allow for it
CANCEL_SECONDS = 30.0
WAIT_STEP = 0.5  # seconds between checks that the indexing process still lives


class AddingFailed(UserError):
    """The indexing process could not write the index (a full disk, an unwritable folder)."""


def _serve(root: str, parent: int, inbox: Any, outbox: Any) -> None:
    """The indexing process: add what comes, then finish or cancel; report the outcome."""
    exit_with_parent(parent)
    from .engine import SearchIndex

    with paused_gc():  # millions of postings with no cycles: the collector would walk them again and again
        index = SearchIndex(Path(root))
        session = index.adding()
        failure: str | None = None
        try:
            while True:
                kind, payload = inbox.get()
                if kind == "add" and failure is None:
                    try:
                        for article, parts in payload:
                            session.add(article, parts)
                    except (OSError, UserError) as e:
                        failure = str(e)
                        session.cancel()
                elif kind == "finish":
                    if failure is not None:
                        outbox.put(("failed", failure))
                        return
                    try:
                        outbox.put(("done", _finish(session, Path(root), payload)))
                    except (OSError, UserError) as e:
                        outbox.put(("failed", str(e)))
                    return
                elif kind == "cancel":
                    session.cancel()
                    outbox.put(("cancelled", None))
                    return
        except BaseException as e:  # a bug: said in the storing process, never a silent half-index
            session.cancel()
            outbox.put(("error", f"{type(e).__name__}: {e}"))
        finally:
            index.close()


def _finish(session: Any, root: Path, load_rest: bool) -> tuple[UpdateReport, list[str]]:
    """The session's report, and the corpus files that could not be read for the rest of it."""
    skipped: list[str] = []

    def rest() -> list[Article]:
        from ..corpus.store import Corpus

        articles, problems = Corpus(root).load_all()
        skipped.extend(map(str, problems))
        return articles

    return session.finish(rest if load_rest else list), skipped


class AddingProcess:
    """AddingSession's add / finish / cancel, run by another process. add() never waits for the
    indexing (only for room in the queue); finish() waits for the commit and returns its report.
    `skipped`: the corpus's files that could not be read, when finishing read the rest of it."""

    def __init__(self, corpus_root: Path) -> None:
        context = multiprocessing.get_context("spawn")  # the storing process holds threads and locks
        self._inbox = context.Queue(QUEUED)
        self._outbox = context.Queue()
        self._process = context.Process(
            target=_serve,
            args=(str(corpus_root), os.getpid(), self._inbox, self._outbox),
            name="kursk-reader index writer",
            daemon=True,
        )
        self._process.start()
        self._batch: list[tuple[Article, object]] = []
        self._ended = False
        self.skipped: list[str] = []

    def add(self, article: Article, parts: object = None) -> None:
        if self._ended:
            return
        self._batch.append((article, parts))
        if len(self._batch) >= BATCH:
            self._send()

    def finish(self, load_rest: bool) -> UpdateReport:
        """Commit everything added; `load_rest`: a new index also needs the corpus's other articles
        (the indexing process reads them itself)."""
        if self._ended:
            return UpdateReport()
        self._send()
        self._put(("finish", load_rest))
        kind, payload = self._reply(FINISH_SECONDS)
        if kind == "done" and isinstance(payload, tuple):
            report: UpdateReport = payload[0]
            self.skipped = payload[1]
            return report
        if kind == "failed":
            raise AddingFailed(str(payload))
        raise RuntimeError(f"the index writer process failed: {payload}")

    def cancel(self) -> None:
        """Leave the index as it was (always safe; nothing once finished)."""
        if self._ended:
            return
        self._batch = []
        with contextlib.suppress(OSError, ValueError, queue.Full):
            self._inbox.put(("cancel", None), timeout=CANCEL_SECONDS)
            self._reply(CANCEL_SECONDS)
        self._end()

    def _send(self) -> None:
        if self._batch:
            self._put(("add", self._batch))
            self._batch = []

    def _put(self, message: tuple[str, object]) -> None:
        """Into the queue, waiting for room while the indexing process lives."""
        while True:
            try:
                self._inbox.put(message, timeout=WAIT_STEP)
                return
            except queue.Full:
                if not self._process.is_alive():
                    self._end()
                    raise RuntimeError("the index writer process ended unexpectedly") from None

    def _reply(self, seconds: float) -> tuple[str, object]:
        """Its answer, or ("error", why) when it ended or took longer than `seconds`."""
        answer: tuple[str, object] = ("error", f"no answer in {seconds:.0f} s")
        for _ in range(max(1, int(seconds / WAIT_STEP))):
            try:
                answer = self._outbox.get(timeout=WAIT_STEP)
                break
            except queue.Empty:
                if not self._process.is_alive():
                    answer = ("error", f"it ended without an answer (exit code {self._process.exitcode})")
                    break
        self._end()
        return answer

    def _end(self) -> None:
        self._ended = True
        self._process.join(timeout=CANCEL_SECONDS)
        if self._process.is_alive():  # never leave it holding the writer lock
            self._process.kill()
            self._process.join()
