"""kursk-reader ingest INPUT...: text files, saved HTML pages, urls, feeds or `-` into the corpus."""

from __future__ import annotations

import argparse
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..corpus.ingest import IngestResult, ingest
from ..corpus.inputs import Input, ManifestError, read_manifest, with_known
from ..corpus.model import Article
from ..corpus.outlets import OUTLETS_ENV
from ..corpus.prepare import text_files_of
from ..corpus.provenance import Known
from ..corpus.store import Corpus
from ..errors import UserError
from ..paths import ARTICLES_ENV, is_installed_package_data
from ..textsafe import one_line
from .common import load_articles, open_corpus, paused_gc
from .output import print_json, print_lines, warn

NAME = "ingest"
HELP = "add reports to the corpus: .txt or .html files, folders of them, urls, RSS/Atom feeds, or - (stdin)"
STATUSES = ("added", "updated", "unchanged", "duplicate", "skipped")
# From this many text reports the index is written by a process of its own (starting it costs ~1 s
# of CPU; the storing process then spends ~1.5 ms less an article and never waits for a commit).
INDEX_PROCESS_MIN = 500


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "paths",
        nargs="*",
        metavar="INPUT",
        help=".txt or .html files, folders of them, http(s) urls of pages or feeds, feed files, or - for stdin",
    )
    p.add_argument(
        "--manifest", metavar="FILE", help="CSV or JSONL listing path or url, plus url/published/outlet/title"
    )
    p.add_argument("--url", help="where the one input was published (for a file or stdin)")
    p.add_argument("--published", metavar="DATE", help="when the one input was published (ISO 8601)")
    p.add_argument("--outlet", metavar="NAME", help="who published the one input")
    p.add_argument("--title", help="the one input's headline")
    p.add_argument(
        "--no-index", action="store_true", help="leave the search index alone (`kursk-reader index` updates it later)"
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.epilog = (
        f"Your own outlet table (domain -> name) extends the bundled one: ${OUTLETS_ENV}, "
        "or outlets.yaml in the user config folder."
    )


@dataclass
class IndexOutcome:
    """What ingest did to the search index (public in `ingest --json` as each result's `index`)."""

    status: str  # off | built | updated | unchanged | deferred | failed
    added: int = 0
    updated: int = 0
    documents: int = 0  # articles in the index afterwards (0 when not known)
    message: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "added": self.added,
            "updated": self.updated,
            "documents": self.documents,
            "message": self.message,
        }


class IndexAfterIngest:
    """Adds each article of a batch to the search index as soon as it is written (ingest's workers
    made its figures and postings), committing once the batch is done. Another process writing the
    index, or an index folder that cannot be written, leaves the index as it was (the corpus is
    ahead of it: `kursk-reader index` catches up, by content hash) and ingest succeeds."""

    def __init__(self, corpus: Corpus, in_process: bool = True) -> None:
        self.corpus = corpus
        self.outcome = IndexOutcome("unchanged")
        self.held: set[str] = set()
        self.session: Any = None  # engine.AddingSession, or adding_process.AddingProcess, once an article came
        self.index: Any = None
        self.failure: str | None = None
        self.in_process = in_process  # False: a process of its own adds and commits (a large batch)

    def stored(self, result: IngestResult) -> None:
        if result.article is None or result.status == "skipped" or self.failure is not None:
            return
        self.held.add(result.article.id)
        try:
            if self.session is None:
                self.session = self._start()
            self.session.add(result.article, result.derived)
        except (OSError, UserError) as e:
            self._failed(e)

    def finish(self, results: list[IngestResult]) -> None:
        if self.session is None:
            if self.failure is not None:
                self.outcome = IndexOutcome("failed", message=self.failure)
            return
        try:
            if self.in_process:
                report = self.session.finish(self._everything)
            else:
                report = self.session.finish(load_rest=not self._batch_is_corpus())
                for name in self.session.skipped:
                    warn(f"skipped {name}")
        except (OSError, UserError) as e:
            self._failed(e)
            self.outcome = IndexOutcome("failed", message=self.failure)
            return
        finally:
            self.abandon()
        if self.failure is not None:
            self.outcome = IndexOutcome("failed", message=self.failure)
            return
        message = report.message
        if report.deferred:
            message = f"search index not updated: {message}; run `kursk-reader index` when it is done"
        self.outcome = IndexOutcome(report.status, report.added, report.updated, report.documents, message)

    def abandon(self) -> None:
        if self.session is not None:
            self.session.cancel()
        if self.index is not None:
            self.index.close()

    def _failed(self, e: BaseException) -> None:
        self.failure = f"search index not updated: {one_line(str(e), 200)}"
        if self.session is not None:
            self.session.cancel()

    def _start(self) -> Any:
        if not self.in_process:
            from ..search.adding_process import AddingProcess

            return AddingProcess(self.corpus.root)
        from ..search.engine import SearchIndex  # Whoosh loads only when the index is updated

        self.index = SearchIndex(self.corpus.root)
        return self.index.adding()

    def _batch_is_corpus(self) -> bool:
        return set(self.corpus.ids()) == self.held

    def _everything(self) -> list[Article]:
        """Every article of the corpus (for a new index): the batch's own when it is the whole
        corpus (a first ingest), which the session already holds."""
        if self._batch_is_corpus():
            return []
        return load_articles(self.corpus)


def result_json(r: IngestResult) -> dict[str, Any]:
    a = r.article
    return {
        "path": r.path,
        "status": r.status,
        "article_id": r.article_id,
        "n_removed": len(r.removed),
        "removed": [{"line": x.line, "text": x.text, "reason": x.reason} for x in r.removed],
        "message": r.message,
        "warnings": r.warnings,
        # What ingest learnt about the report (null when skipped):
        "title": a.title if a else None,
        "title_derived": a.title_derived if a else None,
        "outlet": a.outlet if a else None,
        "wire": a.wire if a else None,
        "published": a.published if a else None,
        "url": a.url if a else None,
        "provenance": dict(a.provenance) if a else {},
        "duplicate_of": r.duplicate_of,
        "sources": [{"origin": s.origin, "raw_file": s.raw_file, "url": s.url} for s in a.sources] if a else [],
    }


def removal_summary(r: IngestResult) -> str:
    if not r.removed:
        return "nothing removed"
    by_reason = Counter(x.reason for x in r.removed).most_common()
    reasons = ", ".join(f"{n} {reason}" for reason, n in by_reason)
    return f"{len(r.removed)} raw lines removed: {reasons}"


def learnt(r: IngestResult) -> str:
    a = r.article
    if a is None:
        return ""
    outlet = a.outlet_label + (f" (wire: {a.wire})" if a.wire else "")
    date = a.published or f"undated: {a.provenance.get('published', 'no date stated')}"
    title = one_line(a.title, 100) + (" (title derived from the text)" if a.title_derived else "")  # marker kept whole
    return f"          {one_line(outlet, 60)} · {one_line(date, 100)} · {title}"


def print_index(outcome: IndexOutcome) -> None:
    if outcome.status == "off":
        return
    if outcome.status in ("deferred", "failed"):
        warn(outcome.message or "search index not updated")
        return
    if outcome.message:
        warn(outcome.message)
    print_lines(
        f"search index {outcome.status}: {outcome.documents} articles "
        f"(added {outcome.added}, updated {outcome.updated})"
    )


def print_plain(results: list[IngestResult]) -> None:
    # Lines go out together (one console, one Text) up to each warning, which keeps its place: a
    # console per line took ~1 s at 10,000 reports, after the rest of the ingest was done.
    lines: list[str] = []

    def flush() -> None:
        if lines:
            print_lines("\n".join(lines))
            lines.clear()

    for r in results:
        if r.status == "skipped":
            flush()
            warn(f"skipped {r.message}")
            continue
        for w in r.warnings:
            flush()
            warn(f"{r.path}: {w}")
        if r.status == "duplicate":
            lines.append(f"duplicate {r.article_id}  ({one_line(r.path, 100)}: {r.message})")
        elif r.article is None:
            lines.append(f"{r.status:9} {r.article_id}  ({one_line(r.path, 100)}: {r.message})")
        else:
            lines += [f"{r.status:9} {r.article_id}  ({removal_summary(r)})", learnt(r)]
    counts = Counter(r.status for r in results)
    tally = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    hint = " - `kursk-reader show ID` lists what was removed and why" if counts["added"] + counts["updated"] else ""
    lines.append(f"{len(results)} input(s): {tally}{hint}")
    flush()


def _text_files(inputs: list[Input]) -> int:
    """How many local text reports the batch holds (what decides where it is indexed)."""
    return len(text_files_of([Path(i.where) for i in inputs if not (i.is_stdin or i.is_url)]))


def _inputs(args: argparse.Namespace) -> list[Input]:
    inputs = [Input(p) for p in args.paths]
    known = Known(url=args.url, published=args.published, outlet=args.outlet, title=args.title)
    if any((args.url, args.published, args.outlet, args.title)):
        if len(inputs) != 1:
            raise UserError("--url, --published, --outlet and --title describe one input: give exactly one")
        inputs = with_known(inputs, known)
    if args.manifest:
        try:
            inputs += read_manifest(Path(args.manifest))
        except ManifestError as e:
            raise UserError(one_line(str(e), 300)) from e
    if not inputs:
        raise UserError("nothing to ingest: give files, folders, urls, - for stdin, or --manifest FILE")
    return inputs


def run(args: argparse.Namespace) -> int:
    inputs = _inputs(args)
    corpus = open_corpus(args, must_exist=False)
    if is_installed_package_data(corpus.root):
        raise UserError(
            f"{one_line(str(corpus.root))}: the bundled corpus belongs to the installed package; "
            f"ingest into a folder of your own with --articles DIR (or set ${ARTICLES_ENV})"
        )
    indexer = None if args.no_index else IndexAfterIngest(corpus, in_process=_text_files(inputs) < INDEX_PROCESS_MIN)
    derive = None
    if indexer is not None:
        from ..search.documents import index_parts  # Whoosh loads only when the index is updated

        derive = index_parts
    with paused_gc():  # the index writer holds millions of postings: the collector would walk them again and again
        results = ingest(corpus, inputs, derive=derive, follow=indexer)
    outcome = indexer.outcome if indexer is not None else IndexOutcome("off")
    if args.json:
        print_json([{**result_json(r), "index": outcome.to_json()} for r in results])
    elif not (len(results) == 1 and results[0].status == "skipped"):  # else the error says it all
        print_plain(results)
        print_index(outcome)
    if results and all(r.status == "skipped" for r in results):
        if len(results) == 1:
            raise UserError(results[0].message or "nothing ingested")
        raise UserError(f"nothing ingested: all {len(results)} inputs were skipped")
    return 0
