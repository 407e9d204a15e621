"""Text reports prepared ahead in worker processes: decoding, cleaning, sentences and (when the
search index is to be updated too) figures take most of an ingest's time and depend only on the
file's bytes, so other cores do them while the main process chooses ids, writes and indexes.

Workers return (path, sha256 of the bytes read, prepared parts or None); the main process uses a
result only when its own read of the file has the same hash, so a file changed in between is
prepared again there. A failure in a worker is never reported from it: the main process prepares
that file itself and reports the error as it always does. At most WINDOW chunks are in flight,
so a main process slower than the workers does not pile up prepared articles in memory."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections import deque
from collections.abc import Callable
from concurrent.futures import Executor, Future
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from .inputs import HTML_SUFFIXES
from .worker_pool import worker_pool

MIN_FILES = 16  # fewer: starting workers costs more than it saves
MAX_WORKERS = 2  # the main process writes and indexes meanwhile
CHUNK = 8  # files per task: fewer round trips, still an even spread at the end
# Chunks in flight (submitted, not yet taken by the main process): 512 files, ~50 MB of prepared
# articles, so the workers go on while the main process writes a segment of the search index.
WINDOW = 64
MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass
class Ahead:
    """What a worker prepared for one file (parts: the ingest's own type, opaque here)."""

    sha256: str
    parts: object
    derived: object  # what the caller derives from the article (None: not asked for, or it failed)


def text_files_of(paths: list[Path]) -> list[Path]:
    """Files (given, or in given folders) that may be text reports: everything but saved pages."""
    found: list[Path] = []
    for p in paths:
        with contextlib.suppress(OSError):
            if p.is_dir():
                found.extend(sorted(q for q in p.iterdir() if q.suffix.lower() == ".txt" and q.is_file()))
            elif p.suffix.lower() not in HTML_SUFFIXES and p.is_file():
                found.append(p)
    return found


def _prepare_chunk(
    prepare: Callable[[bytes, str], tuple[object, object]], paths: list[str]
) -> list[tuple[str, Ahead | None]]:
    out: list[tuple[str, Ahead | None]] = []
    for path in paths:
        try:
            with open(path, "rb") as f:
                data = f.read(MAX_FILE_BYTES + 1)
            if len(data) > MAX_FILE_BYTES:
                out.append((path, None))
                continue
            parts, derived = prepare(data, path)
            out.append((path, Ahead(hashlib.sha256(data).hexdigest(), parts, derived)))
        except Exception:  # the main process prepares it again and reports the error properly
            out.append((path, None))
    return out


class PrepareAhead:
    """`prepare(data, path) -> (parts, figures)` run over `paths` in worker processes (spawn: no
    state of the main process is inherited), in order, a window at a time."""

    def __init__(self, paths: list[Path], prepare: Callable[[bytes, str], tuple[object, object]]) -> None:
        self.paths = [str(p) for p in paths]
        self.wanted = set(self.paths)
        self.prepare = prepare
        self.executor: Executor | None = None
        self.chunks = [self.paths[i : i + CHUNK] for i in range(0, len(self.paths), CHUNK)]
        self.next_chunk = 0
        self.in_flight: deque[Future[list[tuple[str, Ahead | None]]]] = deque()
        self.ready: dict[str, Ahead | None] = {}

    def __enter__(self) -> PrepareAhead:
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if len(self.paths) >= MIN_FILES and workers > 1:
            self.executor = worker_pool(workers)
            self._fill()
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def _fill(self) -> None:
        assert self.executor is not None
        while len(self.in_flight) < WINDOW and self.next_chunk < len(self.chunks):
            chunk = self.chunks[self.next_chunk]
            self.in_flight.append(self.executor.submit(_prepare_chunk, self.prepare, chunk))
            self.next_chunk += 1

    def get(self, path: Path, data: bytes) -> Ahead | None:
        """What was prepared from these very bytes, or None (prepare it here)."""
        key = str(path)
        if self.executor is None or key not in self.wanted:
            return None
        while key not in self.ready and self.in_flight:
            try:
                self.ready.update(self.in_flight.popleft().result())
            except Exception:  # a worker died: the main process does the rest
                self.executor.shutdown(wait=False, cancel_futures=True)
                self.in_flight.clear()
                self.next_chunk = len(self.chunks)
            self._fill()
        ahead = self.ready.pop(key, None)
        self.wanted.discard(key)
        if ahead is None or ahead.sha256 != hashlib.sha256(data).hexdigest():
            return None
        return ahead
