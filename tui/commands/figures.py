"""kursk-reader figures: every figure with what it counts and its sentence; --groups lines them up across outlets."""

from __future__ import annotations

import argparse
import sys

from rich.table import Table

from ..corpus.claims import Analysis
from ..corpus.figures import KINDS, Figure, amount_words
from ..corpus.groups import FigureGroup, outlet_labels
from ..corpus.model import Article
from ..corpus.numbers import format_value
from ..errors import UserError
from ..tables import FORMATS as EXPORTS
from ..tables import render_table
from .common import analyse, load_seen, open_corpus
from .output import console, print_json, print_lines, safe_text

NAME = "figures"
HELP = "figures in the articles (what they count, who says so, their sentence); --groups compares outlets"


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--article", metavar="ID", help="only this article (see `kursk-reader articles`)")
    p.add_argument("--kind", metavar="K", help=f"only this kind: {', '.join(KINDS)}")
    p.add_argument("--groups", action="store_true", help="the same figure across outlets, with discrepancies")
    p.add_argument("--export", metavar="FORMAT", help="write a table with citations to stdout: md or csv")


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    corpus = open_corpus(args)
    articles, seen = load_seen(corpus)
    if args.article and args.article not in {a.id for a in articles}:
        raise UserError(f"no article with id {args.article!r} (see `kursk-reader articles`)")
    analysis = analyse(corpus, articles, seen)
    labels = outlet_labels(articles)
    by_id = {a.id: a for a in articles}
    if args.groups:
        groups = [g for g in analysis.groups if _group_selected(g, args)]
        return _show_groups(args, groups, by_id)
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
    f: Figure,
    labels: dict[str, str],
    articles: dict[str, Article],
    analysis: Analysis | None = None,
    claim_of_group: dict[str, str] | None = None,
) -> dict:
    """`claim_of_group`: analysis.claim_of_group, worked out once for many figures (it walks every claim)."""
    d = f.to_dict()
    d["outlet"] = labels.get(f.article_id, f.article_id)
    d["article_title"] = articles[f.article_id].title if f.article_id in articles else None
    if analysis is not None:
        claim_of = claim_of_group if claim_of_group is not None else analysis.claim_of_group
        d["story"] = analysis.stories.story_of(f.article_id)
        d["claim"] = claim_of.get(f.group or "")
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
    if f.vague:
        return amount_words(f)
    return format_value(f.value, f.kind) + (f"–{format_value(f.value_max, f.kind)}" if f.value_max is not None else "")


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
    "url",
    "published",
)


def _show_figures(args, rows: list[Figure], labels, articles, analysis: Analysis) -> int:
    if args.json:
        claim_of = analysis.claim_of_group
        print_json([figure_record(f, labels, articles, analysis, claim_of) for f in rows])
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
                *_source(articles.get(f.article_id)),
            ]
            for f in rows
        ]
        export_table(args.export, _FIGURE_COLUMNS, records)
        return 0
    values = [f"{f.qualifier} {_value_text(f)}" if f.qualifier else _value_text(f) for f in rows]
    out = console()
    narrow = out.width < 100  # at 80 columns: no kind column, and the value never cut
    table = Table(title=f"{len(rows)} figures", title_justify="left", expand=True)
    table.add_column("where", no_wrap=True, ratio=2)
    table.add_column("outlet", ratio=2)
    if not narrow:
        table.add_column("kind", no_wrap=True)
    # words may wrap, numbers never: as wide as the longest value, up to 16, and never narrower than a number
    widest_number = max((len(w) for v in values for w in v.split() if w[:1].isdigit()), default=5)
    widest = max((len(v) for v in values), default=5)
    table.add_column("value", width=max(min(widest, 16), widest_number))
    table.add_column("figure", ratio=3)
    table.add_column("what", ratio=3)
    table.add_column("according to", ratio=2)
    for f, value in zip(rows, values, strict=True):
        cells = [safe_text(f"{f.article_id[:12]} §{f.sentence_index}"), safe_text(labels.get(f.article_id, ""))]
        cells += [] if narrow else [safe_text(f.kind)]
        what = f"{f.kind} · {describe(f)}" if narrow and f.kind != "count" else describe(f)  # the kind, folded in
        cells += [safe_text(value), safe_text(f.surface), safe_text(what), safe_text(f.attribution or "")]
        table.add_row(*cells)
    out.print(table)
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
    "url",
    "published",
)


def _source(article: Article | None) -> tuple[str | None, str | None]:
    """The citation columns an export adds: where the report is and when it was published."""
    return (article.url, article.published) if article else (None, None)


def _show_groups(args, groups: list[FigureGroup], articles: dict[str, Article]) -> int:
    if args.json:
        print_json([g.to_dict() for g in groups])
        return 0
    if args.export:
        records: list[list[object]] = [
            [
                g.id,
                g.label,
                g.kind,
                amount_words(g.members[0]) if g.vague else format_value(g.value, g.kind),
                len(g.outlets),
                v.outlet,
                v.article_id,
                v.surface,
                v.attribution,
                v.sentence_index,
                v.sentence,
                g.discrepancy if n == 0 else "",
                *_source(articles.get(v.article_id)),
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
                safe_text(v.outlet),
                safe_text(v.surface),
                safe_text(f"{v.article_id[:12]} §{v.sentence_index}: {v.sentence}"),
                end_section=n == len(g.variants) - 1,
            )
    console().print(table)
    hidden = len(groups) - len(shown)
    if hidden:
        print_lines(f"{hidden} figures reported by one outlet only are not shown (--json or --export lists them).")
    return 0


# -- export ----------------------------------------------------------------------------------------


def export_table(fmt: str, columns: tuple[str, ...], records: list[list[object]]) -> None:
    sys.stdout.write(render_table(fmt, columns, records))
