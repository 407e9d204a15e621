"""Where the reader may write its own files (state, exports): only a regular file, never a device,
FIFO or folder, and no symbolic link leading out of the file's folder unless the user named that
path. Writing is temp file + rename, so writing "to" /dev/null would replace the device node."""

from __future__ import annotations

import errno
import stat
from pathlib import Path


class NotRegularFile(OSError):
    """The path exists and is something the reader must not replace."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def writable_target(path: Path, *, named: bool = False) -> Path:
    """The file to write for `path` (a link's target when that is allowed), or NotRegularFile."""
    path = Path(path)
    target = path
    if path.is_symlink():
        target = path.resolve()
        if not named and target.parent != path.parent.resolve():
            raise NotRegularFile(errno.EPERM, "a symbolic link out of its folder; not following it", str(path))
    try:
        mode = target.stat().st_mode
    except FileNotFoundError:
        return target
    if not stat.S_ISREG(mode):
        raise NotRegularFile(errno.EPERM, f"{_kind(mode)}, not a regular file; not replacing it", str(path))
    return target


def readable_regular(path: Path) -> bool:
    """True for a regular file (reading a FIFO would block, a device could be endless)."""
    try:
        return stat.S_ISREG(Path(path).stat().st_mode)
    except OSError:
        return False
