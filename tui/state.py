"""What the reader remembers between launches: the last article, where it was read, the query,
the theme, which panels were hidden, whether the list is grouped by story, and the screen itself (so the
next launch can draw it in its first frame: tui.screens.first_screen).

A small JSON file written atomically; a corrupt or unreadable one is ignored (the caller shows the
returned problem as a notice) rather than stopping the reader."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path

from .paths import STATE_ENV
from .regular_file import readable_regular, writable_target
from .textsafe import UNSAFE_CHARS, json_text

STATE_VERSION = 1
MAX_STATE_BYTES = 1 << 20  # a real state file is a few hundred bytes; a bigger one is not ours
MAX_QUERY_CHARS = 1000
PANELS = ("articles", "figures")


@dataclass
class ReaderState:
    article_id: str | None = None
    offset: int = 0  # text offset of the first paragraph in view
    sentence: tuple[int, int] | None = None  # highlighted sentence span, if any
    query: str = ""
    corpus: str | None = None  # the corpus folder the state belongs to
    theme: str | None = None  # the theme chosen last (any corpus)
    hidden: list[str] = field(default_factory=list)  # panels hidden with F2 / F3: "articles", "figures"
    group_by_story: bool = False  # the article list shows a header per story (g)
    screen: dict | None = None  # the last screen, drawn first at the next launch (tui.screens.first_screen)


def load_state(path: Path) -> tuple[ReaderState, str | None]:
    """The saved state and None, or a fresh state and a one-line reason the file was ignored."""
    if _disabled(path):
        return ReaderState(), None
    try:
        size = path.stat().st_size
        if not readable_regular(path):  # a FIFO would block the reader, a device could be endless
            return ReaderState(), f"ignored the state path {path}: not a regular file"
        if size > MAX_STATE_BYTES:
            return ReaderState(), f"ignored a state file of {size / (1 << 20):.1f} MiB {path} (too large to be one)"
        raw = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return ReaderState(), None
    except (OSError, UnicodeDecodeError) as e:
        return ReaderState(), f"cannot read the state file {path}: {getattr(e, 'strerror', None) or e}"
    try:
        return _state_from_dict(json.loads(raw)), None
    except (ValueError, TypeError, KeyError, OverflowError, RecursionError) as e:
        # OverflowError: "offset": Infinity; RecursionError: deeply nested JSON
        return ReaderState(), f"ignored a corrupt state file {path} ({type(e).__name__})"


def _state_from_dict(data: object) -> ReaderState:
    if not isinstance(data, dict) or data.get("version") != STATE_VERSION:
        raise ValueError("unknown state format")
    sentence = data.get("sentence")
    if sentence is not None:
        start, end = (int(v) for v in sentence)
        sentence = (start, end)
    article_id = data.get("article_id")
    corpus = data.get("corpus")
    return ReaderState(
        article_id=None if article_id is None else str(article_id),
        offset=max(0, int(data.get("offset", 0))),
        sentence=sentence,
        query=_typed_text(str(data.get("query", ""))),
        corpus=None if corpus is None else str(corpus),
        theme=_typed_text(str(data["theme"]))[:100] if data.get("theme") else None,
        hidden=[p for p in data.get("hidden", []) if p in PANELS],
        group_by_story=data.get("group_by_story") is True,
        screen=data["screen"] if isinstance(data.get("screen"), dict) else None,
    )


def _typed_text(query: str) -> str:
    """A restored query is typed text: no control, bidi or zero-width character, one line, not huge."""
    return " ".join(UNSAFE_CHARS.sub("", query).split())[:MAX_QUERY_CHARS]


def _disabled(path: Path) -> bool:
    """KURSK_READER_STATE=/dev/null: the user wants nothing remembered (and the device left alone)."""
    return str(path) == os.devnull


def named_by_user(path: Path) -> bool:
    """The path is the one $KURSK_READER_STATE names (then a symbolic link there is the user's choice)."""
    chosen = os.environ.get(STATE_ENV)
    return chosen is not None and Path(chosen).expanduser() == path


def save_state(path: Path, state: ReaderState) -> str | None:
    """Write the state; returns why it could not be written (disk full, read-only, a device) or None."""
    from .atomic import write_text_atomic  # tempfile & co: only when saving, not before the first frame

    if _disabled(path):
        return None
    data = {"version": STATE_VERSION, **asdict(state)}
    try:
        target = writable_target(path, named=named_by_user(path))
        write_text_atomic(target, json_text(data))
    except OSError as e:
        return f"could not save the reader state to {path}: {e.strerror or e}"
    return None
