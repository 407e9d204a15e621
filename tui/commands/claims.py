"""kursk-reader claims: each fact a story's reports measure, every value given for it, and how they relate."""

from __future__ import annotations

import argparse

from rich.table import Table

from ..corpus.claims import Analysis, Claim
from ..errors import UserError
from .common import analyse_folder, open_corpus
from .figures import EXPORTS, export_table
from .output import console, print_json, print_lines, safe_text

NAME = "claims"
HELP = "claims: the same fact across a story's reports, its values, and whether outlets agree, update or disagree"
_COLUMNS = ("claim", "story", "label", "relation", "value", "outlet", "article", "published", "figure", "window", "url")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--story", metavar="ID", help="only this story (see `kursk-reader stories`)")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--export", metavar="FORMAT", help="write a table with citations to stdout: md or csv")


def run(args: argparse.Namespace) -> int:
    if args.export is not None and args.export not in EXPORTS:
        raise UserError(f"unknown export format {args.export!r}; choose md or csv")
    if args.export and args.json:
        raise UserError("choose one of --json and --export")
    corpus = open_corpus(args)
    analysis = analyse_folder(corpus)
    if args.story and analysis.stories.get(args.story) is None:
        raise UserError(f"no story with id {args.story!r} (see `kursk-reader stories`)")
    claims = analysis.story_claims(args.story) if args.story else analysis.claims
    if args.json:
        print_json([c.to_dict() for c in claims])
    elif args.export:
        export_table(args.export, _COLUMNS, _export_rows(claims, analysis))
    else:
        _print_table(claims)
    return 0


def _export_rows(claims: list[Claim], analysis: Analysis) -> list[list[object]]:
    return [
        [
            c.id,
            c.story,
            c.label,
            c.relation,
            v.as_written(c.kind),
            outlet,
            f.article_id,
            v.published,
            f.surface,
            f.window,
            article.url if (article := analysis.articles.get(f.article_id)) else None,
        ]
        for c in claims
        for v in c.values
        for f in v.figures
        for outlet in [v.outlets[v.article_ids.index(f.article_id)] if f.article_id in v.article_ids else ""]
    ]


def _print_table(claims: list[Claim]) -> None:
    shown = [c for c in claims if len(c.article_ids) > 1 or len(c.values) > 1 or c.parts]
    table = Table(title=f"{len(shown)} claims across reports", title_justify="left", expand=True)
    table.add_column("claim", ratio=3)
    table.add_column("relation", no_wrap=True)
    table.add_column("values by outlet", ratio=6)
    table.add_column("sources", no_wrap=True)
    labels = {c.id: c.label for c in claims}
    for c in shown:
        values = "\n".join(
            v.as_written(c.kind) + (f" ({v.window})" if v.window else "") + f": {', '.join(v.outlets)}"
            for v in c.values
        )
        if c.parts:
            values += "\n= " + " + ".join(labels.get(p, p) for p in c.parts)
        sources = f"{c.sources['reports']} reports, {c.sources['independent']} independent"
        table.add_row(safe_text(c.label), safe_text(c.relation), safe_text(values), safe_text(sources))
    console().print(table)
    hidden = len(claims) - len(shown)
    if hidden:
        print_lines(f"{hidden} claims made by one report only are not shown (--json or --export lists them).")
