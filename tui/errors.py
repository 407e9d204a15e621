"""The one exception type that reaches the user as a one-line message."""

from __future__ import annotations

import errno

from .textsafe import terminal_safe


class UserError(Exception):
    """Bad input or broken state the user can fix; the CLI prints it on one line and exits non-zero."""

    def __init__(self, message: str, exit_code: int = 2) -> None:
        super().__init__(message)
        self.exit_code = exit_code


_HINTS = {
    errno.ENOSPC: "the disk is full; free some space and run the command again",
    errno.EDQUOT: "the disk quota is exhausted; free some space and run the command again",
    errno.EACCES: "permission denied; check the folder's permissions or choose another with --articles",
    errno.EPERM: "operation not permitted; check the folder's permissions or choose another with --articles",
    errno.EROFS: "the filesystem is read-only; choose another folder with --articles",
}


def os_error_message(e: OSError, action: str, target: str | None = None) -> str:
    """`cannot write <target>: No space left on device (the disk is full; ...)` for an OSError;
    the target defaults to the file the error names."""
    target = terminal_safe(str(target if target is not None else e.filename or ""), keep_newlines=False)
    reason = e.strerror or type(e).__name__
    hint = _HINTS.get(e.errno or 0)
    where = f" {target}" if target else ""
    return f"cannot {action}{where}: {reason}" + (f" ({hint})" if hint else "")
