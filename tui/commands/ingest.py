"""kursk-reader ingest PATH...: clean raw reports into the corpus."""

from __future__ import annotations

import argparse
from collections import Counter
from pathlib import Path

from ..corpus.ingest import IngestResult, ingest
from ..errors import UserError
from ..paths import ARTICLES_ENV, is_installed_package_data
from ..textsafe import one_line
from .common import open_corpus
from .output import print_json, print_lines, warn

NAME = "ingest"
HELP = "clean raw .txt reports (files or folders) into the corpus"
STATUSES = ("added", "updated", "unchanged", "skipped")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders of them")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def result_json(r: IngestResult) -> dict:
    return {
        "path": r.path,
        "status": r.status,
        "article_id": r.article_id,
        "n_removed": len(r.removed),
        "removed": [{"line": x.line, "text": x.text, "reason": x.reason} for x in r.removed],
        "message": r.message,
        "warnings": r.warnings,
    }


def removal_summary(r: IngestResult) -> str:
    if not r.removed:
        return "nothing removed"
    by_reason = Counter(x.reason for x in r.removed).most_common()
    reasons = ", ".join(f"{n} {reason}" for reason, n in by_reason)
    return f"{len(r.removed)} raw lines removed: {reasons}"


def print_plain(results: list[IngestResult]) -> None:
    for r in results:
        if r.status == "skipped":
            warn(f"skipped {r.message}")
            continue
        for w in r.warnings:
            warn(f"{r.path}: {w}")
        print_lines(f"{r.status:9} {r.article_id}  ({removal_summary(r)})")
    counts = Counter(r.status for r in results)
    tally = ", ".join(f"{counts[s]} {s}" for s in STATUSES if counts[s])
    hint = " - `kursk-reader show ID` lists what was removed and why" if counts["added"] + counts["updated"] else ""
    print_lines(f"{len(results)} file(s): {tally}{hint}")


def run(args: argparse.Namespace) -> int:
    corpus = open_corpus(args, must_exist=False)
    if is_installed_package_data(corpus.root):
        raise UserError(
            f"{one_line(str(corpus.root))}: the bundled corpus belongs to the installed package; "
            f"ingest into a folder of your own with --articles DIR (or set ${ARTICLES_ENV})"
        )
    results = ingest(corpus, [Path(p) for p in args.paths])
    if args.json:
        print_json([result_json(r) for r in results])
    elif not (len(results) == 1 and results[0].status == "skipped"):  # else the error says it all
        print_plain(results)
    if all(r.status == "skipped" for r in results):
        if len(results) == 1:
            raise UserError(results[0].message or "nothing ingested")
        raise UserError(f"nothing ingested: all {len(results)} inputs were skipped")
    return 0
