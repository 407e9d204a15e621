"""kursk-reader show ID: one cleaned article with its sentences and removal report."""

from __future__ import annotations

import argparse

from ..corpus.model import Article
from ..textsafe import one_line
from .articles import summary
from .common import open_corpus
from .output import print_json, print_lines, safe_text

NAME = "show"
HELP = "show one cleaned article, its sentences and what the cleaner removed"
REMOVED_PREVIEW = 100


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="article id (see `kursk-reader articles`)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def article_json(article: Article) -> dict:
    """The stable `show --json` document: the `articles --json` record plus text and offsets."""
    text = article.text
    doc = summary(article)
    doc["text"] = text
    doc["paragraphs"] = [
        {"start": s.start, "end": s.end, "heading": p.heading}
        for p, s in zip(article.paragraphs, article.paragraph_spans(), strict=True)
    ]
    doc["sentences"] = [{"start": s.start, "end": s.end, "text": text[s.start : s.end]} for s in article.sentences]
    doc["removed"] = [{"line": r.line, "text": r.text, "reason": r.reason} for r in article.removed]
    doc["sources"] = [
        {"origin": s.origin, "raw_file": s.raw_file, "raw_sha256": s.raw_sha256, "url": s.url, "fetched": s.fetched}
        for s in article.sources
    ]
    doc["provenance"] = dict(article.provenance)
    return doc


def print_article(article: Article) -> None:
    outlet = article.outlet_label + (f" (wire: {article.wire})" if article.wire else "")
    byline = " · ".join(x for x in (outlet, article.published or "undated", article.author) if x)
    title = article.title + (" (title derived from the text)" if article.title_derived else "")
    print_lines(safe_text(title, "bold"), byline)
    if article.url:
        print_lines(article.url)
    for field, how in article.provenance.items():
        print_lines(f"  {one_line(field, 20)}: {one_line(how, 200)}")
    if len(article.sources) > 1:
        print_lines(
            f"  {len(article.sources)} sources: " + ", ".join(one_line(s.url or s.origin, 100) for s in article.sources)
        )
    print_lines("")
    for p in article.paragraphs:
        print_lines(safe_text(p.text, "bold underline") if p.heading else p.text, "")
    print_lines(safe_text(f"Removed {len(article.removed)} raw lines:", "bold"))
    for r in article.removed:
        print_lines(f"  line {r.line:>3} [{one_line(r.reason, 60)}] {one_line(r.text, REMOVED_PREVIEW)}")


def run(args: argparse.Namespace) -> int:
    article = open_corpus(args).load(args.id)
    if args.json:
        print_json(article_json(article))
    else:
        print_article(article)
    return 0
