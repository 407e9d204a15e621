"""One writer at a time per corpus folder: two concurrent ingests would otherwise interleave the
raw copy of one with the YAML of the other. An advisory lock on the folder itself (POSIX flock on
its descriptor, so no lock file appears; where there is none, as on Windows, no lock)."""

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
    try:
        root.mkdir(parents=True, exist_ok=True)
        fd = os.open(root, os.O_RDONLY)
    except OSError:
        yield  # a read-only corpus: the write itself will report the problem
        return
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
