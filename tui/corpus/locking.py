"""One writer at a time per corpus folder: two concurrent ingests would otherwise interleave the
raw copy of one with the YAML of the other. An advisory lock on the folder that holds the corpus
(POSIX flock on its descriptor, so no lock file appears; corpora side by side share it; where
there is no flock, as on Windows, no lock)."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def corpus_lock(root: Path) -> Iterator[None]:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    # The folder holding the corpus (or its nearest existing ancestor): the same lock whether or not
    # the corpus exists yet, and a refused input never creates it.
    folder = next((p for p in root.absolute().parents if p.is_dir()), Path("."))
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield  # a read-only corpus: the write itself will report the problem
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
