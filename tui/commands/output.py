"""Printing for the CLI: JSON that always parses and plain text that never drives the terminal.

Article text is never parsed as Rich markup (markup, emoji and highlighting are off, and text goes
in as `Text` objects) and every control, bidi or invisible character is shown as a visible escape."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Column, Table
from rich.text import Text

from ..textsafe import UNSAFE_CHARS, terminal_safe


def _json_escape(m: re.Match[str]) -> str:
    return f"\\u{ord(m.group()):04x}"


def to_json(obj: object) -> str:
    """Readable UTF-8 JSON; control, bidi and zero-width characters appear as \\uXXXX escapes.

    json.dumps escapes C0 controls itself but leaves DEL, C1, bidi, zero-width characters, U+2028/9
    (valid JSON, invalid JavaScript) and lone surrogates (unencodable) raw: those are escaped here."""
    return UNSAFE_CHARS.sub(_json_escape, json.dumps(obj, ensure_ascii=False, indent=2))


def print_json(obj: object) -> None:
    sys.stdout.write(to_json(obj) + "\n")
    sys.stdout.flush()


class _Console(Console):
    def on_broken_pipe(self) -> None:
        """Output piped into `head`: let the CLI end quietly with status 0 (Rich would exit 1)."""
        raise BrokenPipeError


def console(stderr: bool = False, soft_wrap: bool = True) -> Console:
    """Markup, emoji and highlighting off: nothing in article text is ever interpreted.

    soft_wrap: one output line per logical line, left for the terminal to wrap, so piped output
    never has a sentence broken by hard newlines at column 80."""
    return _Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=soft_wrap)


def safe_text(value: object, style: str = "") -> Text:
    return Text("" if value is None else terminal_safe(str(value)), style=style)


def one_line_text(value: object, style: str = "") -> Text:
    """For table cells: newlines become spaces so a cell is one row."""
    return Text("" if value is None else terminal_safe(str(value), keep_newlines=False), style=style)


def print_table(columns: Sequence[str | Column], rows: Iterable[Sequence[object]], title: str | None = None) -> None:
    table = Table(*columns, title=title, title_justify="left", show_lines=False)
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else one_line_text(cell) for cell in row))
    console(soft_wrap=False).print(table)


def print_lines(*lines: object) -> None:
    out = console()
    for line in lines:
        out.print(line if isinstance(line, Text) else safe_text(line))


def warn(message: str) -> None:
    """`kursk-reader: warning: ...` on stderr, on one line."""
    print(f"kursk-reader: warning: {terminal_safe(message, keep_newlines=False)}", file=sys.stderr)
