"""kursk-reader index [--rebuild]: build or update the search index (search does this on its own too)."""

from __future__ import annotations

import argparse
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

from ..corpus.model import Article
from ..textsafe import terminal_safe
from .common import load_articles, open_corpus
from .output import console, print_json, print_lines

if TYPE_CHECKING:
    from ..search.engine import SearchIndex, UpdateReport

NAME = "index"
HELP = "build or update the search index (search keeps it up to date by itself)"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--rebuild", action="store_true", help="rebuild from scratch instead of updating")
    p.add_argument("--json", action="store_true", help="machine-readable output")


@contextmanager
def progress_bar(total_hint: int):
    """A progress callback drawing a bar on stderr; silent when stderr is not a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    with Progress(
        TextColumn("indexing"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=console(stderr=True),
        transient=True,
        disable=not sys.stderr.isatty(),
    ) as bar:
        task = bar.add_task("indexing", total=total_hint)

        def advance(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield advance


def update_index(index: SearchIndex, articles: list[Article], rebuild: bool = False) -> UpdateReport:
    """Update with a progress bar; what the user should know (a rebuild and why) goes to stderr."""
    with progress_bar(len(articles)) as advance:
        report = index.update(articles, progress=advance, rebuild=rebuild)
    if report.message:
        print(f"kursk-reader: {terminal_safe(report.message, keep_newlines=False)}", file=sys.stderr)
    return report


def run(args: argparse.Namespace) -> int:
    from ..search.engine import SearchIndex  # Whoosh loads only for the commands that search

    corpus = open_corpus(args)
    articles = load_articles(corpus)
    index = SearchIndex(corpus.root)
    try:
        report = update_index(index, articles, rebuild=args.rebuild)
    finally:
        index.close()
    summary = {
        "index_dir": str(index.index_dir),
        "documents": report.documents,
        "added": report.added,
        "updated": report.updated,
        "deleted": report.deleted,
        "rebuilt": report.rebuilt,
        "message": report.message,
        "seconds": round(report.seconds, 3),
        "size_bytes": index.size_bytes(),
    }
    if args.json:
        print_json(summary)
        return 0
    what = "built" if report.rebuilt else "updated" if report.changed else "up to date"
    print_lines(
        f"search index {what}: {report.documents} articles "
        f"(added {report.added}, updated {report.updated}, deleted {report.deleted}) "
        f"in {report.seconds:.2f} s, {summary['size_bytes'] / 1e6:.1f} MB",
        f"  {index.index_dir}",
    )
    return 0
