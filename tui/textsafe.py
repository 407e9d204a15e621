"""Untrusted article text on its way to a terminal: control characters, escape sequences, bidi
overrides and zero-width characters become visible escapes, so text can never drive the terminal."""

from __future__ import annotations

import re
from bisect import bisect_left

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


def safe_line(text: object) -> str:
    """The one function the reader passes every shown string through (titles, dates, names,
    notices, placeholders): terminal-safe, on one line, runs of whitespace as one space.
    None shows as nothing; anything else by its str()."""
    if text is None:
        return ""
    return " ".join(terminal_safe(str(text), keep_newlines=False).split())


def one_line(text: str, limit: int = 300) -> str:
    """A terminal-safe single line, shortened in the middle when longer than `limit`."""
    line = terminal_safe(text, keep_newlines=False)
    if len(line) <= limit:
        return line
    half = (limit - 1) // 2
    return f"{line[:half]}…{line[-half:]}"


class SafeParagraph:
    """A paragraph as displayed, with a map from article offsets to display offsets (escapes are longer).

    A plain class, not a dataclass: this module loads before the first frame (~0.8 ms saved)."""

    __slots__ = ("display", "escape_at", "extra_after", "start", "text")

    def __init__(self, start: int, text: str, display: str) -> None:
        self.start = start  # offset of the paragraph in article.text
        self.text = text  # original text
        self.display = display
        self.escape_at: list[int] = []  # local offsets of escaped characters
        self.extra_after: list[int] = []  # cumulative extra display characters

    @classmethod
    def build(cls, start: int, text: str) -> SafeParagraph:
        para = cls(start, text, terminal_safe(text))
        extra = 0
        for m in UNSAFE_CHARS.finditer(text):
            extra += len(terminal_safe(m.group())) - 1
            para.escape_at.append(m.start())
            para.extra_after.append(extra)
        return para

    @property
    def end(self) -> int:
        return self.start + len(self.text)

    def to_display(self, offset: int) -> int:
        """Display offset of an article offset (clamped to this paragraph)."""
        local = max(0, min(offset - self.start, len(self.text)))
        i = bisect_left(self.escape_at, local)
        return local + (self.extra_after[i - 1] if i else 0)


def json_text(data: object, indent: int | None = 1) -> str:
    """JSON for files a person may `cat`: readable Unicode, but every unsafe character (C1 CSI,
    bidi overrides, ...) as a \\uXXXX escape, which is the same JSON value."""
    import json  # here: not needed before the reader's first frame

    text = json.dumps(data, ensure_ascii=False, indent=indent)
    return UNSAFE_CHARS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
