"""kursk-reader ingest PATH...: clean raw reports into the corpus."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..corpus.ingest import ingest
from ..errors import UserError
from .common import open_corpus
from .output import print_json, print_lines

NAME = "ingest"
HELP = "clean raw .txt reports (files or folders) into the corpus"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("paths", nargs="+", metavar="PATH", help=".txt files or folders of them")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    corpus = open_corpus(args, must_exist=False)
    results = ingest(corpus, [Path(p) for p in args.paths])
    if args.json:
        print_json([r.__dict__ for r in results])
    else:
        for r in results:
            if r.status == "skipped":
                print(f"kursk-reader: warning: skipped {r.message}", file=sys.stderr)
                continue
            for w in r.warnings:
                print(f"kursk-reader: warning: {r.path}: {w}", file=sys.stderr)
            print_lines(f"{r.status:9} {r.article_id}  ({r.removed} raw lines removed; `kursk-reader show {r.article_id}` lists them)")
    if all(r.status == "skipped" for r in results):
        if len(results) == 1:
            raise UserError(results[0].message or "nothing ingested")
        raise UserError("nothing ingested: every file was skipped")
    return 0
