"""kursk-reader show ID: one cleaned article with its sentences and removal report."""

from __future__ import annotations

import argparse

from .articles import summary
from .common import open_corpus
from .output import print_json, print_lines, safe_text

NAME = "show"
HELP = "show one cleaned article, its sentences and what the cleaner removed"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("id", help="article id (see `kursk-reader articles`)")
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    article = open_corpus(args).load(args.id)
    text = article.text
    if args.json:
        doc = summary(article)
        doc["text"] = text
        doc["paragraphs"] = [
            {"start": s.start, "end": s.end, "heading": p.heading}
            for p, s in zip(article.paragraphs, article.paragraph_spans())
        ]
        doc["sentences"] = [{"start": s.start, "end": s.end, "text": text[s.start : s.end]} for s in article.sentences]
        doc["removed"] = [{"line": r.line, "text": r.text, "reason": r.reason} for r in article.removed]
        print_json(doc)
        return 0
    print_lines(
        safe_text(article.title, "bold"),
        f"{article.outlet_label} · {article.published or 'undated'}"
        + (f" · {article.author}" if article.author else ""),
        article.url or "",
        "",
    )
    for p in article.paragraphs:
        print_lines(safe_text(p.text, "bold underline") if p.heading else p.text, "")
    print_lines(safe_text(f"Removed {len(article.removed)} raw lines:", "bold"))
    for r in article.removed:
        print_lines(f"  line {r.line:>3} [{r.reason}] {r.text[:100]}")
    return 0
