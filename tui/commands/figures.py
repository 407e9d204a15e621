"""kursk-reader figures: every figure with what it counts and its sentence; --groups lines them up across outlets."""

from __future__ import annotations

import argparse
import csv
import io
import sys

from rich.table import Table

from ..corpus.claims import Analysis, analyse_corpus
from ..corpus.figures import KINDS, Figure
from ..corpus.groups import FigureGroup, outlet_labels
from ..corpus.model import Article
from ..corpus.numbers import format_value
from ..errors import UserError
from ..textsafe import terminal_safe
from .common import load_articles, open_corpus, paused_gc
from .output import console, print_json, print_lines, safe_text, warn

NAME = "figures"
HELP = "figures in the articles (what they count, who says so, their sentence); --groups compares outlets"
EXPORTS = ("md", "csv")
_SPREADSHEET_FORMULA = ("=", "+", "@", "\t", "\r")


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--article", metavar="ID", help="only this article (see `kursk-reader articles`)")
    p.add_argument("--kind", metavar="K", help=f"only this kind: {', '.join(KINDS)}")
    p.add_argument("--groups", action="store_true", help="the same figure across outlets, with discrepancies")
    p.add_argument("--export", metavar="FORMAT", help="write a table with citations to stdout: md or csv")


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    articles = load_articles(open_corpus(args))
    if args.article and args.article not in {a.id for a in articles}:
        raise UserError(f"no article with id {args.article!r} (see `kursk-reader articles`)")
    with paused_gc():
        analysis = analyse_corpus(articles)
    for warning in analysis.warnings:
        warn(warning)
    labels = outlet_labels(articles)
    by_id = {a.id: a for a in articles}
    if args.groups:
        groups = [g for g in analysis.groups if _group_selected(g, args)]
        return _show_groups(args, groups)
    rows = [f for a in articles for f in analysis.figures.get(a.id, []) if _figure_selected(f, args)]
    return _show_figures(args, rows, labels, by_id, analysis)


def _check_options(args: argparse.Namespace) -> None:
    if args.kind is not None and args.kind not in KINDS:
        raise UserError(f"unknown kind {args.kind!r}; choose one of: {', '.join(KINDS)}")
    if args.export is not None and args.export not in EXPORTS:
        raise UserError(f"unknown export format {args.export!r}; choose md or csv")
    if args.export and args.json:
        raise UserError("choose one of --json and --export")


def _figure_selected(f: Figure, args: argparse.Namespace) -> bool:
    return (not args.article or f.article_id == args.article) and (not args.kind or f.kind == args.kind)


def _group_selected(g: FigureGroup, args: argparse.Namespace) -> bool:
    return (not args.article or args.article in g.article_ids) and (not args.kind or g.kind == args.kind)


# -- figures --------------------------------------------------------------------------------------


def figure_record(
    f: Figure, labels: dict[str, str], articles: dict[str, Article], analysis: Analysis | None = None
) -> dict:
    d = f.to_dict()
    d["outlet"] = labels.get(f.article_id, f.article_id)
    d["article_title"] = articles[f.article_id].title if f.article_id in articles else None
    if analysis is not None:
        d["story"] = analysis.stories.story_of(f.article_id)
        d["claim"] = analysis.claim_of_group.get(f.group or "")
    return d


def describe(f: Figure) -> str:
    """What the figure is, in a few words: "sappers", "USD a month", "years", "date 2024-10"."""
    parts = [f.counts or ""]
    if f.unit and f.kind != "count":
        parts.append(f.unit)
    if f.per:
        parts.append(f"a {f.per}")
    if f.aka:
        parts.append(f"[{f.aka}]")
    return " ".join(p for p in parts if p)


def _value_text(f: Figure) -> str:
    if f.kind == "date":
        return f.date or str(int(f.value))
    text = format_value(f.value) + (f"–{format_value(f.value_max)}" if f.value_max is not None else "")
    return f"~{text}" if f.vague else text


_FIGURE_COLUMNS = (
    "article",
    "outlet",
    "kind",
    "value",
    "figure",
    "counts",
    "unit",
    "per",
    "qualifier",
    "vague",
    "attribution",
    "when",
    "group",
    "sentence_index",
    "sentence",
)


def _show_figures(args, rows: list[Figure], labels, articles, analysis: Analysis) -> int:
    if args.json:
        print_json([figure_record(f, labels, articles, analysis) for f in rows])
        return 0
    if args.export:
        records = [
            [
                f.article_id,
                labels.get(f.article_id, ""),
                f.kind,
                _value_text(f),
                f.surface,
                f.counts,
                f.unit,
                f.per,
                f.qualifier,
                "yes" if f.vague else "",
                f.attribution,
                f.when,
                f.group,
                f.sentence_index,
                f.sentence,
            ]
            for f in rows
        ]
        export_table(args.export, _FIGURE_COLUMNS, records)
        return 0
    table = Table(title=f"{len(rows)} figures", title_justify="left", expand=True)
    table.add_column("where", no_wrap=True, ratio=2)
    table.add_column("outlet", ratio=2)
    table.add_column("kind", no_wrap=True)
    table.add_column("value", ratio=1)
    table.add_column("figure", ratio=3)
    table.add_column("what", ratio=3)
    table.add_column("according to", ratio=2)
    for f in rows:
        value = f"{f.qualifier} {_value_text(f)}" if f.qualifier else _value_text(f)
        table.add_row(
            safe_text(f"{f.article_id[:12]} §{f.sentence_index}"),
            safe_text(labels.get(f.article_id, "")),
            safe_text(f.kind),
            safe_text(value),
            safe_text(f.surface),
            safe_text(describe(f)),
            safe_text(f.attribution or ""),
        )
    console().print(table)
    return 0


# -- groups -----------------------------------------------------------------------------------------

_GROUP_COLUMNS = (
    "group",
    "claim",
    "kind",
    "value",
    "outlets",
    "outlet",
    "article",
    "figure",
    "attribution",
    "sentence_index",
    "sentence",
    "discrepancy",
)


def _show_groups(args, groups: list[FigureGroup]) -> int:
    if args.json:
        print_json([g.to_dict() for g in groups])
        return 0
    if args.export:
        records = [
            [
                g.id,
                g.label,
                g.kind,
                format_value(g.value),
                len(g.outlets),
                v["outlet"],
                v["article_id"],
                v["surface"],
                v["attribution"],
                v["sentence_index"],
                v["sentence"],
                g.discrepancy if n == 0 else "",
            ]
            for g in groups
            for n, v in enumerate(g.variants)
        ]
        export_table(args.export, _GROUP_COLUMNS, records)
        return 0
    shown = [g for g in groups if len(g.article_ids) > 1 or g.notes or args.article]
    table = Table(title=f"{len(shown)} figures across outlets", title_justify="left", expand=True)
    table.add_column("claim", ratio=3)
    table.add_column("outlet", ratio=2)
    table.add_column("wording", ratio=2)
    table.add_column("sentence", ratio=6)
    for g in shown:
        for n, v in enumerate(g.variants):
            claim = safe_text("")
            if n == 0:
                claim = safe_text(f"{g.label} · {len(g.outlets)} outlet{'s' if len(g.outlets) != 1 else ''}", "bold")
                if g.discrepancy:
                    claim.append("\n")
                    claim.append_text(safe_text(g.discrepancy, "yellow"))
            table.add_row(
                claim,
                safe_text(v["outlet"]),
                safe_text(v["surface"]),
                safe_text(f"{v['article_id'][:12]} §{v['sentence_index']}: {v['sentence']}"),
                end_section=n == len(g.variants) - 1,
            )
    console().print(table)
    hidden = len(groups) - len(shown)
    if hidden:
        print_lines(f"{hidden} figures reported by one outlet only are not shown (--json or --export lists them).")
    return 0


# -- export ----------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    return "" if value is None else terminal_safe(str(value), keep_newlines=False)


def export_table(fmt: str, columns: tuple[str, ...], records: list[list]) -> None:
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(columns)
        for r in records:
            writer.writerow([_csv_cell(v) for v in r])
        sys.stdout.write(buf.getvalue())
        return
    lines = ["| " + " | ".join(columns) + " |", "|" + "|".join("---" for _ in columns) + "|"]
    for r in records:
        lines.append("| " + " | ".join(_md_cell(v) for v in r) + " |")
    sys.stdout.write("\n".join(lines) + "\n")


def _csv_cell(value: object) -> str:
    """Never a live spreadsheet formula (OWASP CSV injection); a negative number stays a number."""
    text = _cell(value)
    formula = text.startswith(_SPREADSHEET_FORMULA) or (text.startswith("-") and not _is_number(text))
    return f"'{text}" if formula else text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def _md_cell(value: object) -> str:
    return _cell(value).replace("\\", "\\\\").replace("|", "\\|")
