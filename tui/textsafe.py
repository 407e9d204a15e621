"""Untrusted article text on its way to a terminal: control characters, escape sequences, bidi
overrides and zero-width characters become visible escapes, so text can never drive the terminal."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, the Arabic letter mark, bidi marks,
# embeddings/overrides/isolates, zero-width and other invisible format characters, the Unicode
# line/paragraph separators (terminals and JSON consumers disagree on them) and lone surrogates
# (they cannot be encoded, so printing one would crash).
UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u180e\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f"
    "\ufeff\ufff9-\ufffb\ud800-\udfff]"
)


def _escape(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def terminal_safe(text: str, keep_newlines: bool = True) -> str:
    """The text with every unsafe character shown as a visible \\xNN / \\uNNNN escape."""
    out = UNSAFE_CHARS.sub(_escape, text)
    return out if keep_newlines else out.replace("\n", " ")


def one_line(text: str, limit: int = 300) -> str:
    """A terminal-safe single line, shortened in the middle when longer than `limit`."""
    line = terminal_safe(text, keep_newlines=False)
    if len(line) <= limit:
        return line
    half = (limit - 1) // 2
    return f"{line[:half]}…{line[-half:]}"
