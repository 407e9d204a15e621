"""Extraction of many saved HTML pages ahead, in worker processes: trafilatura takes ~25 ms a page
and holds the GIL, so a folder of pages is read by every core while the main process writes.

Workers return (sha256 of the bytes read, HtmlPage); the main process uses a result only when
its own read of the file has the same hash, so a page changed in between is extracted again."""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import Iterator
from concurrent.futures import Executor
from pathlib import Path
from types import TracebackType

from .inputs import HTML_SUFFIXES
from .inputs_html import HtmlPage, read_html
from .worker_pool import worker_pool

MIN_PAGES = 16  # fewer: starting workers costs more than it saves
MAX_WORKERS = 4
MAX_PAGE_BYTES = 20 * 1024 * 1024


def html_files_of(paths: list[Path]) -> list[Path]:
    found: list[Path] = []
    for p in paths:
        with contextlib.suppress(OSError):
            if p.is_dir():
                found.extend(sorted(q for q in p.iterdir() if q.suffix.lower() in HTML_SUFFIXES and q.is_file()))
            elif p.suffix.lower() in HTML_SUFFIXES and p.is_file():
                found.append(p)
    return found


def _extract(path: str) -> tuple[str, str, HtmlPage | None]:
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_PAGE_BYTES + 1)
        if len(data) > MAX_PAGE_BYTES:
            return path, "", None
        return path, hashlib.sha256(data).hexdigest(), read_html(data, None)
    except Exception:  # the main process extracts it again and reports the error properly
        return path, "", None


class Prefetch:
    def __init__(self, paths: list[Path]) -> None:
        self.paths = [str(p) for p in paths]
        self.executor: Executor | None = None
        self.results: Iterator[tuple[str, str, HtmlPage | None]] = iter(())
        self.ready: dict[str, tuple[str, HtmlPage | None]] = {}

    def __enter__(self) -> Prefetch:
        workers = min(os.cpu_count() or 1, MAX_WORKERS)
        if len(self.paths) >= MIN_PAGES and workers > 1:
            self.executor = worker_pool(workers)
            self.results = self.executor.map(_extract, self.paths, chunksize=4)
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        if self.executor is not None:
            self.executor.shutdown(wait=True, cancel_futures=True)

    def page(self, path: Path, data: bytes) -> HtmlPage | None:
        """The page extracted ahead from these very bytes, or None (extract it here)."""
        key = str(path)
        if self.executor is None or key not in self.paths:
            return None
        while key not in self.ready:
            try:
                done, sha, page = next(self.results)
            except (StopIteration, Exception):
                return None
            self.ready[done] = (sha, page)
        sha, page = self.ready.pop(key)
        return page if sha == hashlib.sha256(data).hexdigest() else None
