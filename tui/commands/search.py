"""kursk-reader search QUERY: ranked articles with snippets and the offsets of every match."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from rich.text import Text

from ..textsafe import terminal_safe
from .common import load_articles, open_corpus
from .output import print_json, print_lines

if TYPE_CHECKING:
    from ..search.engine import Hit

NAME = "search"
HELP = 'search the articles: words, "phrases", prefix*, fuzzy~, OR, -word, title:/outlet:/author:, value:>1000'


def _positive(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError("must be 1 or more")
    return n


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY", help="the query (see docs/search.md for the syntax)")
    p.add_argument("--limit", type=_positive, default=20, metavar="N", help="show at most N articles (default 20)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def marked(text: str, marks: list[tuple[int, int]], style: str = "bold reverse") -> Text:
    """The text with the marked spans styled; each piece made terminal-safe on its own."""
    out, pos = Text(), 0
    for start, end in marks:
        out.append(terminal_safe(text[pos:start], keep_newlines=False))
        out.append(terminal_safe(text[start:end], keep_newlines=False), style=style)
        pos = end
    out.append(terminal_safe(text[pos:], keep_newlines=False))
    return out


def _count(n: int, one: str, many: str) -> str:
    return f"{n} {one if n == 1 else many}"


def _print_hit(rank: int, hit: Hit) -> None:
    head = Text(f"{rank:>2}. ")
    head.append_text(marked(hit.title, hit.title_marks, "bold underline"))
    head.stylize("bold", 0, len(head))
    where = terminal_safe(hit.outlet or "Unknown source", keep_newlines=False)
    print_lines(
        head,
        Text(
            f"    {where} · {hit.article_id} · {_count(len(hit.matches), 'match', 'matches')} · score {hit.score:.2f}",
            style="dim",
        ),
        Text("    ").append_text(marked(hit.snippet, hit.snippet_marks)),
        "",
    )


def run(args: argparse.Namespace) -> int:
    from ..search.engine import IndexDamaged, IndexUnavailable, SearchIndex  # Whoosh loads only for search
    from ..search.query import check
    from .index import update_index

    check(args.query)  # a malformed query fails before any indexing work
    corpus = open_corpus(args)
    articles = load_articles(corpus)
    index = SearchIndex(corpus.root)
    try:
        update_index(index, articles)  # searching never writes: bring the index up to date first
        try:
            results = index.search_results(args.query, limit=args.limit)
        except IndexUnavailable as e:  # damage only reading found (or another process's doing)
            if isinstance(e, IndexDamaged):
                print(f"kursk-reader: the search index was unreadable ({e}); rebuilding it", file=sys.stderr)
            update_index(index, articles, rebuild=isinstance(e, IndexDamaged))
            results = index.search_results(args.query, limit=args.limit)
    finally:
        index.close()
    if args.json:
        print_json([hit.to_dict() for hit in results.hits])
        return 0
    if not results.hits:
        print_lines(f"no articles match {results.query}")
        return 0
    shown = len(results.hits)
    more = f", showing {shown}" if results.total > shown else ""
    print_lines(Text(f"{_count(results.total, 'article matches', 'articles match')}{more}", style="dim"), "")
    for rank, hit in enumerate(results.hits, 1):
        _print_hit(rank, hit)
    return 0
