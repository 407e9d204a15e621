"""kursk-reader articles: list the corpus."""

from __future__ import annotations

import argparse

from ..corpus.model import Article
from .common import load_articles, open_corpus
from .output import print_json, print_table

NAME = "articles"
HELP = "list the articles in the corpus"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def summary(a: Article) -> dict:
    return {
        "id": a.id,
        "title": a.title,
        "title_derived": a.title_derived,
        "outlet": a.outlet,
        "url": a.url,
        "author": a.author,
        "published": a.published,
        "raw_file": a.raw_file,
        "raw_sha256": a.raw_sha256,
        "n_sentences": len(a.sentences),
    }


def run(args: argparse.Namespace) -> int:
    articles = load_articles(open_corpus(args))
    if args.json:
        print_json([summary(a) for a in articles])
        return 0
    rows = [
        (a.id, a.title + (" (derived)" if a.title_derived else ""), a.outlet_label, a.published or "undated", len(a.sentences))
        for a in articles
    ]
    print_table(("id", "title", "outlet", "date", "sentences"), rows)
    return 0
