"""Printing for the CLI: JSON that always parses and plain text that never drives the terminal."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Sequence

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..textsafe import UNSAFE_CHARS


def _json_escape(m) -> str:
    return f"\\u{ord(m.group()):04x}"


def to_json(obj: object) -> str:
    """Readable UTF-8 JSON; control, bidi and zero-width characters appear as \\uXXXX escapes."""
    return UNSAFE_CHARS.sub(_json_escape, json.dumps(obj, ensure_ascii=False, indent=2))


def print_json(obj: object) -> None:
    sys.stdout.write(to_json(obj) + "\n")


def console(stderr: bool = False) -> Console:
    # markup/emoji/highlight off: nothing in article text is ever interpreted.
    return Console(stderr=stderr, markup=False, emoji=False, highlight=False, soft_wrap=False)


def safe_text(value: object, style: str = "") -> Text:
    from ..textsafe import terminal_safe

    return Text("" if value is None else terminal_safe(str(value)), style=style)


def print_table(columns: Sequence[str], rows: Iterable[Sequence[object]], title: str | None = None) -> None:
    table = Table(*columns, title=title, title_justify="left", show_lines=False)
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else safe_text(cell) for cell in row))
    console().print(table)


def print_lines(*lines: object) -> None:
    out = console()
    for line in lines:
        out.print(line if isinstance(line, Text) else safe_text(line))
