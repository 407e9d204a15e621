"""kursk-reader articles: list the corpus."""

from __future__ import annotations

import argparse

from rich.text import Text

from ..corpus.catalog import summarize
from ..corpus.model import Article, ArticleSummary
from ..textsafe import one_line
from .common import load_summaries, open_corpus
from .output import console, print_json, print_lines

NAME = "articles"
HELP = "list the articles in the corpus"
OUTLET_WIDTH = 24
JSON_KEYS = (
    "id",
    "title",
    "title_derived",
    "outlet",
    "url",
    "author",
    "published",
    "raw_file",
    "raw_sha256",
    "n_sentences",
    "n_figures",
    "wire",
    "n_sources",
)


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def summary(a: Article | ArticleSummary) -> dict:
    """The stable `articles --json` record (also the head of `show --json`)."""
    s = summarize(a) if isinstance(a, Article) else a
    return {key: getattr(s, key) for key in JSON_KEYS}


def _rows(summaries: list[ArticleSummary]) -> list[tuple[str, ...]]:
    return [
        (
            s.id,
            s.outlet_label,
            s.published or "undated",
            str(s.n_sentences),
            str(s.n_figures),
            s.title + (" (derived)" if s.title_derived else ""),
        )
        for s in summaries
    ]


def print_plain(summaries: list[ArticleSummary]) -> None:
    """Aligned columns; ids are never cut (`show` needs them). On a terminal, long outlets and
    titles are cut to the width with an ellipsis; piped output keeps them whole, one line each."""
    rows = [tuple(one_line(cell, limit=10_000) for cell in row) for row in _rows(summaries)]
    header = ("id", "outlet", "date", "sentences", "figures", "title")
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(5)]
    out = console()
    if out.is_terminal:
        widths[1] = min(widths[1], OUTLET_WIDTH)
    title_width = max(out.width - sum(widths) - 2 * len(widths), 20) if out.is_terminal else None
    for i, row in enumerate([header, *rows]):
        cells = [
            _fit(row[0], widths[0]),
            _fit(row[1], widths[1]),
            _fit(row[2], widths[2]),
            row[3].rjust(widths[3]),
            row[4].rjust(widths[4]),
        ]
        title = row[5] if title_width is None else _cut(row[5], title_width)
        out.print(Text("  ".join([*cells, title]), style="bold" if i == 0 else ""))


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _fit(text: str, width: int) -> str:
    return _cut(text, width).ljust(width)


def run(args: argparse.Namespace) -> int:
    summaries = load_summaries(open_corpus(args))
    if args.json:
        print_json([summary(s) for s in summaries])
    elif summaries:
        print_plain(summaries)
    else:
        print_lines("no articles yet: add some with `kursk-reader ingest PATH`")
    return 0
