"""kursk-reader index [--rebuild]: build or update the search index (search does this on its own too)."""

from __future__ import annotations

import argparse
import errno
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from ..corpus.model import Article
from ..errors import UserError, os_error_message
from ..paths import INDEX_ENV
from ..textsafe import terminal_safe
from .common import open_corpus
from .output import console, print_json, print_lines

if TYPE_CHECKING:
    from ..search.engine import SearchIndex, UpdateReport

NAME = "index"
HELP = "build or update the search index (search keeps it up to date by itself)"
EXIT_DEFERRED = 75  # EX_TEMPFAIL: another process is writing the index; try again when it is done
# The index folder cannot be written: the way out is another index folder, not another corpus.
_READ_ONLY = {errno.EACCES, errno.EPERM, errno.EROFS}


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


def update_index(index: SearchIndex, articles: list[Article] | None, rebuild: bool = False) -> UpdateReport:
    """Update with a progress bar; what the user should know (a rebuild and why) goes to stderr.
    Without `articles`, the corpus folder is read the way the reader's search process reads it: only
    files changed since they were last hashed, one at a time (never the whole corpus in memory).
    An index folder that cannot be written is a one-line UserError naming KURSK_READER_INDEX."""
    try:
        with progress_bar(len(articles) if articles is not None else 0) as advance:
            if articles is None:
                report = index.update_from_folder(progress=advance, rebuild=rebuild)
            else:
                report = index.update(articles, progress=advance, rebuild=rebuild)
    except OSError as e:
        raise UserError(index_os_error(e, index), exit_code=1) from e
    if report.message:
        print(f"kursk-reader: {terminal_safe(report.message, keep_newlines=False)}", file=sys.stderr)
    return report


def index_os_error(e: OSError, index: SearchIndex) -> str:
    if e.errno in _READ_ONLY:
        where = terminal_safe(str(index.index_dir), keep_newlines=False)
        reason = e.strerror or type(e).__name__
        return (
            f"cannot write the search index in {where}: {reason} "
            f"(set {INDEX_ENV} to a folder you can write, e.g. {INDEX_ENV}=~/kursk-index)"
        )
    return os_error_message(e, "access")


def run(args: argparse.Namespace) -> int:
    from ..search.engine import SearchIndex  # Whoosh loads only for the commands that search

    corpus = open_corpus(args)
    index = SearchIndex(corpus.root)
    try:
        report = update_index(index, None, rebuild=args.rebuild)
    finally:
        index.close()
    summary: dict[str, Any] = {
        "status": report.status,
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
        return EXIT_DEFERRED if report.deferred else 0
    if report.deferred:
        print_lines(
            f"search index not {'rebuilt' if args.rebuild else 'updated'}: another kursk-reader "
            f"(pid {report.holder or '?'}) is writing it; run the command again when it is done",
            f"  {index.index_dir}",
        )
        return EXIT_DEFERRED
    what = "built" if report.rebuilt else "updated" if report.changed else "up to date"
    print_lines(
        f"search index {what}: {report.documents} articles "
        f"(added {report.added}, updated {report.updated}, deleted {report.deleted}) "
        f"in {report.seconds:.2f} s, {summary['size_bytes'] / 1e6:.1f} MB",
        f"  {index.index_dir}",
    )
    return 0
