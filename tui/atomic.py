"""Write files so a crash or a full disk never leaves a half-written one: temp file, fsync, rename.

Temp files are `.<name>.<random>.tmp` beside the target: never matched by `*.yaml` or `*.txt`, and a
process killed mid-write (SIGKILL cannot be caught) leaves at most one, which
`remove_stale_temp_files` sweeps up later."""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import time
from pathlib import Path

TEMP_SUFFIX = ".tmp"
STALE_AFTER_SECONDS = 15 * 60
# Exactly the names mkstemp(prefix=".<name>.", suffix=".tmp") makes, so a user's own file is never swept.
_TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_bytes_atomic(path: Path, data: bytes) -> None:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = _default_mode()  # mkstemp makes 0600 files; an article should read like any other file
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    """Make the rename itself durable (best effort: not every OS or filesystem allows it)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def write_text_atomic(path: Path, text: str) -> None:
    write_bytes_atomic(path, text.encode("utf-8"))


def remove_stale_temp_files(folder: Path, older_than: float | None = None) -> int:
    """Delete temp files a killed writer left behind; recent ones may belong to a live writer."""
    age = STALE_AFTER_SECONDS if older_than is None else older_than
    removed, cutoff = 0, time.time() - age
    try:
        candidates = [p for p in Path(folder).glob(f".*{TEMP_SUFFIX}") if _TEMP_NAME.match(p.name)]
    except OSError:
        return 0
    for tmp in candidates:
        with contextlib.suppress(OSError):
            if tmp.is_file() and tmp.stat().st_mtime < cutoff:
                tmp.unlink()
                removed += 1
    return removed
