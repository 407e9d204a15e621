"""Tables written for other programs (markdown, csv), shared by the CLI's `--export` and the reader's export.

Cell text is data. In markdown, HTML is escaped and every markdown punctuation mark backslashed, so an
`<img onerror>`, `![](http://tracker)` or `[x](javascript:...)` in an article never becomes markup. In csv, a
cell a spreadsheet would run as a formula gets a leading quote (OWASP CSV injection); a negative number stays a
number. Every cell is one terminal-safe line."""

from __future__ import annotations

import csv
import html
import io
import re
from collections.abc import Sequence

from .textsafe import safe_line

FORMATS = ("md", "csv")
# What can open markup inside a table cell: emphasis, code, links and images, pipes, strikethrough;
# `<` and `>` are HTML-escaped first.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]()!|~])")
_FORMULA_START = ("=", "+", "@", "\t", "\r")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return safe_line(str(value))


def md_cell(value: object) -> str:
    """Literal in any markdown renderer."""
    return _MD_SPECIAL.sub(r"\\\1", html.escape(cell_text(value), quote=False))


def csv_cell(value: object) -> str:
    text = cell_text(value)
    formula = text.startswith(_FORMULA_START) or (text.startswith("-") and not _is_number(text))
    return f"'{text}" if formula else text


def render_table(fmt: str, columns: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """The rows as a markdown table or csv (`fmt` is one of FORMATS)."""
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(columns)
        writer.writerows([csv_cell(v) for v in row] for row in rows)
        return out.getvalue()
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    lines += ["| " + " | ".join(md_cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def _is_number(text: str) -> bool:
    try:
        float(text.replace(",", ""))
    except ValueError:
        return False
    return True
