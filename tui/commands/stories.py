"""kursk-reader stories: the events of the corpus, each with its reports, outlets and dates."""

from __future__ import annotations

import argparse

from rich.table import Table

from .common import analyse_folder, open_corpus
from .output import console, print_json, safe_text

NAME = "stories"
HELP = "stories: the reports of one event grouped together, with outlets, dates and how many claims"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")


def run(args: argparse.Namespace) -> int:
    corpus = open_corpus(args)
    analysis = analyse_folder(corpus)
    records = [s.to_dict() | {"n_claims": analysis.n_claims(s)} for s in analysis.stories.stories()]
    if args.json:
        print_json(records)
        return 0
    table = Table(
        title=f"{len(records)} {'story' if len(records) == 1 else 'stories'}", title_justify="left", expand=True
    )
    table.add_column("story", no_wrap=True)
    table.add_column("title", ratio=4)
    table.add_column("reports", justify="right", no_wrap=True)
    table.add_column("claims", justify="right", no_wrap=True)
    out = console()
    # days only; on a narrow terminal one day a line, never cut
    table.add_column("dates", width=10 if out.width < 100 else None, no_wrap=out.width >= 100)
    table.add_column("outlets", ratio=3)
    for r in records:
        first, last = (str(d)[:10] if d else None for d in (r["first_published"], r["last_published"]))
        dates = "undated" if not first else first if first == last else f"{first} – {last}"
        table.add_row(
            safe_text(str(r["id"])),
            safe_text(str(r["title"])),
            str(len(r["article_ids"])),  # type: ignore[arg-type]
            str(r["n_claims"]),
            safe_text(dates),
            safe_text(", ".join(r["outlets"])),  # type: ignore[arg-type]
        )
    out.print(table)
    return 0
