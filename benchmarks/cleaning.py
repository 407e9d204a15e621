"""How well the text-dump cleaner generalises: character precision/recall of kept text against human
reference bodies, per extraction set, on a tuning and a held-out half, beside trafilatura from the HTML.

    python benchmarks/cleaning.py [--sets aeb-peer,aeb,...] [--before ../main] [--no-trafilatura]
                                  [--half tuning|held-out|all] [--worst N] [--ablation] [--speed]

The sets (benchmarks/cleaning_sets.py) are read when present and said absent otherwise; each page is
in the tuning or the held-out half by a hash of its id. Measure: tests/clean_score.py ("chars"); the
ablation table adds the benchmark's own 4-token shingles. --before scores the cleaner of another
checkout on the same dumps; --speed times cleaning ~1 MB pages."""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
# tests/ holds the scoring shared with the tests, benchmarks/ the extraction sets
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(REPO / "benchmarks")]

from clean_score import Scores, char_scores, shingle_scores  # noqa: E402
from cleaning_sets import SETS, Page, data_dir, load, shows_comment_thread  # noqa: E402

from tui.corpus import clean as clean_module  # noqa: E402
from tui.corpus import clean_rules, clean_shape  # noqa: E402
from tui.corpus.clean import clean  # noqa: E402


def kept_text(raw: str) -> str:
    result = clean(raw)
    return "\n\n".join(p.text for p in result.paragraphs)


def evaluate(pages: list[Page], extract) -> dict[str, list[Scores]]:
    out: dict[str, list[Scores]] = {"chars": [], "shingles": []}
    for page in pages:
        kept = extract(page.dump)
        out["chars"].append(char_scores(kept, page.reference))
        out["shingles"].append(shingle_scores(kept, page.reference))
    return out


def summary(scores: list[Scores]) -> tuple[float, float, float, float]:
    p = [s.precision for s in scores]
    r = [s.recall for s in scores]
    return statistics.mean(p), statistics.mean(r), statistics.median(p), statistics.median(r)


def row(name: str, results: dict[str, list[Scores]]) -> str:
    cells = []
    for measure in ("chars", "shingles"):
        mp, mr, dp, dr = summary(results[measure])
        f1 = 0.0 if mp + mr == 0 else 2 * mp * mr / (mp + mr)
        cells.append(f"{mp:.3f} | {mr:.3f} | {f1:.3f} | {dp:.3f} | {dr:.3f}")
    return f"| {name} | " + " | ".join(cells) + " |"


HEADER = (
    "| extractor | chars P mean | R mean | F1 | P median | R median "
    "| shingles P mean | R mean | F1 | P median | R median |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


@contextmanager
def _without_line_rule(name: str):
    real = clean_rules.rules_from_dict

    def patched(data):
        data = dict(data, line_rules=[r for r in data.get("line_rules", []) if r.get("name") != name])
        return real(data)

    clean_rules._load.cache_clear()
    with mock.patch.object(clean_rules, "rules_from_dict", patched):
        yield
    clean_rules._load.cache_clear()


def _noop(*_args, **_kwargs):
    return []


ABLATIONS = {
    "no data line rules (all)": lambda: mock.patch.object(clean_module, "_apply_line_rules", _noop),
    "no tail markers": lambda: mock.patch.object(clean_module, "_cut_tail", _noop),
    "no comment markers": lambda: mock.patch.object(clean_module, "_cut_comments", _noop),
    "no captions/duplicates": lambda: mock.patch.object(clean_module, "_mark_captions_and_duplicates", _noop),
    "no shape classifier": lambda: mock.patch.object(clean_module, "_mark_shape", _noop),
    "no main-run selection": lambda: mock.patch.object(clean_shape, "main_run", lambda s, *_a: (0, len(s))),
    "no neighbour context": lambda: mock.patch.object(
        clean_shape,
        "_resolve",
        lambda shapes: [
            clean_shape.Shape.GOOD if s in (clean_shape.Shape.GOOD, clean_shape.Shape.NEAR) else clean_shape.Shape.BAD
            for s in shapes
        ],
    ),
    "no headline anchor": lambda: mock.patch.object(clean_shape, "ANCHOR_BONUS", 1.0),
    "no bridge over tables": lambda: mock.patch.object(clean_shape, "BRIDGE_GAP", 0.0),
    "no cap on runs of short lines": lambda: mock.patch.object(clean_shape, "MAX_SHORT_RUN", 10**9),
    "no metadata lines": lambda: mock.patch.object(clean_module, "_mark_metadata", _noop),
    "no 'legal and cookie notice' rule": lambda: _without_line_rule("legal and cookie notice"),
    "no 'app/newsletter plug' rule": lambda: _without_line_rule("app/newsletter plug"),
    "no 'site chrome' rule": lambda: _without_line_rule("site chrome"),
    "no 'page navigation' rule": lambda: _without_line_rule("page navigation"),
}


def _pages_of_1mb() -> dict[str, str]:
    """Synthetic 1 MB pages shaped to hit each pass hard (no blank lines, so nothing splits them)."""
    size = 1_000_000

    def fill(make) -> str:
        parts, total, i = [], 0, 0
        while total < size:
            parts.append(make(i))
            total += len(parts[-1]) + 1
            i += 1
        return "\n".join(parts)

    return {
        "article-like (prose + chrome)": fill(
            lambda i: (
                f"Home\nWorld {i}\nShare on Facebook\n"
                if i % 4 == 0
                else f"Sergei Shoigu said on day {i} that North Korea would send {i} sappers and "
                f"{i * 5} military construction workers to the Kursk region, according to Tass."
            )
        ),
        "one long broken sentence": fill(lambda i: f"and then the {i} workers went on to the region"),
        "near-good lines only": fill(lambda i: f"Big Red Fox {i} Jumps Over Lazy Brown Dogs Near Kursk Region Today."),
        "menu lines only": fill(lambda i: f"Section {i}"),
        "one 1 MB line": "word " * (size // 5),
        "blank lines only": "\n" * size,
        "bidi and zero-width controls": "\u202e\u200b" * (size // 2),
    }


def speed() -> None:
    print("\n| page (about 1 MB) | lines | CPU seconds | paragraphs kept |\n|---|---|---|---|")
    for name, page in _pages_of_1mb().items():
        start = time.process_time()  # CPU time: steadier than wall time on a shared machine
        result = clean(page)
        took = time.process_time() - start
        print(f"| {name} | {page.count(chr(10)) + 1} | {took:.2f} | {len(result.paragraphs)} |")


def _trafilatura_texts(pages: list[Page]) -> list[str | None]:
    """trafilatura's main text from each page's HTML (default settings), cached beside the data by
    trafilatura version and page hash: it is the slow part of a run."""
    try:
        import trafilatura
    except ImportError:
        return [None] * len(pages)
    cache_path = data_dir() / ".cache" / f"trafilatura-{trafilatura.__version__}.json"
    cache: dict[str, str] = json.loads(cache_path.read_text()) if cache_path.is_file() else {}
    out: list[str | None] = []
    for page in pages:
        if page.html is None:
            out.append(None)
            continue
        key = hashlib.sha256(page.html).hexdigest()
        if key not in cache:
            cache[key] = trafilatura.extract(page.html) or ""
        out.append(cache[key])
    if data_dir().is_dir():
        cache_path.parent.mkdir(exist_ok=True)
        cache_path.write_text(json.dumps(cache))
    return out


_OTHER_CHECKOUT = """
import json, sys
sys.path.insert(0, sys.argv[1])
from tui.corpus.clean import clean
dumps = json.load(sys.stdin)
json.dump(["\\n\\n".join(p.text for p in clean(d).paragraphs) for d in dumps], sys.stdout)
"""


def _texts_from_checkout(root: Path, pages: list[Page]) -> list[str]:
    """What the cleaner of another checkout (e.g. main, before a change) keeps from each page."""
    done = subprocess.run(
        [sys.executable, "-c", _OTHER_CHECKOUT, str(root)],
        input=json.dumps([p.dump for p in pages]),
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    return list(json.loads(done.stdout))


def _mean_scores(kept: list[str | None], pages: list[Page]) -> Scores | None:
    scores = [char_scores(k, p.reference) for k, p in zip(kept, pages, strict=True) if k is not None]
    if not scores:
        return None
    return Scores(statistics.mean(s.precision for s in scores), statistics.mean(s.recall for s in scores))


def _cell(s: Scores | None) -> str:
    return "–" if s is None else f"{s.precision:.3f} / {s.recall:.3f} / **{s.f1:.3f}**"


NEWS_SETS = ("aeb-peer", "cleanportaleval", "readability")  # article pages; CleanEval's gold keeps comments too
VARIANTS = ("cleaneval-no-comments",)  # the same pages as another set with another reference: not pooled


@dataclass
class _Kept:
    """One page and what each extractor kept of it (None: that extractor did not run)."""

    page: Page
    ours: str
    old: str | None
    traf: str | None


def _row(name: str, half: str, kept: list[_Kept], before: bool, with_trafilatura: bool) -> str:
    sub = [k for k in kept if half == "all" or k.page.half == half]
    pages = [k.page for k in sub]
    cells = [name, half, str(len(sub)), _cell(_mean_scores([p.dump for p in pages], pages))]
    if before:
        cells.append(_cell(_mean_scores([k.old for k in sub], pages)))
    cells.append(_cell(_mean_scores([k.ours for k in sub], pages)))
    if with_trafilatura:
        cells.append(_cell(_mean_scores([k.traf for k in sub], pages)))
        cells.append(_wins(sub))
    return "| " + " | ".join(cells) + " |"


def _wins(kept: list[_Kept]) -> str:
    """On how many pages the text-dump cleaner's F1 beats trafilatura's from the HTML (ties apart)."""
    pairs = [
        (char_scores(k.ours, k.page.reference).f1, char_scores(k.traf, k.page.reference).f1)
        for k in kept
        if k.traf is not None
    ]
    better = sum(ours > theirs + 0.005 for ours, theirs in pairs)
    worse = sum(theirs > ours + 0.005 for ours, theirs in pairs)
    return f"{better} / {worse}" if pairs else "–"


def sets_table(names: list[str], before: Path | None, with_trafilatura: bool) -> list[tuple[Scores, Page]]:
    """Per set and half, then pooled over pages: chars P / R / F1 (F1 of the mean P and mean R) of
    the cleaner, the cleaner of another checkout (--before), and trafilatura from the same pages'
    HTML. Returns the cleaner's per-page scores for --worst."""
    cols = ["set", "half", "pages", "keep everything"]
    cols += ["cleaner before"] if before else []
    cols += ["**cleaner**"] + (["trafilatura (HTML)", "pages cleaner / trafilatura better"] if with_trafilatura else [])
    print("| " + " | ".join(cols) + " |\n|" + "---|" * len(cols))
    everything: list[_Kept] = []
    halves = ("tuning", "held-out", "all")
    for name in names:
        pages = load(name)
        if pages is None:
            print(f"| {name} | absent: {SETS[name][1]} not found | | |")
            continue
        ours = [kept_text(p.dump) for p in pages]
        old = _texts_from_checkout(before, pages) if before else [None] * len(pages)
        traf = _trafilatura_texts(pages) if with_trafilatura else [None] * len(pages)
        kept = [_Kept(*k) for k in zip(pages, ours, old, traf, strict=True)]
        everything += kept
        for half in halves:
            print(_row(name, half, kept, before is not None, with_trafilatura))
    news = [k for k in everything if k.page.set in NEWS_SETS]
    pooled = [k for k in everything if k.page.set not in VARIANTS]
    # the issue wants readers' comments gone: pooled again with CleanEval's gold without them
    no_comments = [k for k in everything if k.page.set != "cleaneval"]
    # CleanEval's gold keeps readers' comment and forum threads, which the product drops on purpose
    threadless = [k for k in everything if k.page.set == "cleaneval" and not shows_comment_thread(k.page.dump)]
    pools = [("cleaneval, pages without a comment thread", threadless)]
    pools += [("news sets pooled", news), ("all sets pooled", pooled)]
    if any(k.page.set == "cleaneval-no-comments" for k in no_comments):
        pools.append(("all sets pooled, CleanEval gold without comments", no_comments))
    for label, pool in pools:
        if pool:
            for half in halves:
                print(_row(f"*{label}*", half, pool, before is not None, with_trafilatura))
    return [(char_scores(k.ours, k.page.reference), k.page) for k in everything]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated, from: " + ", ".join(SETS))
    parser.add_argument("--before", type=Path, help="also score the cleaner of this checkout (e.g. ../main)")
    parser.add_argument("--no-trafilatura", action="store_true")
    halves = ["tuning", "held-out", "all"]
    parser.add_argument("--half", choices=halves, default="tuning", help="pages for --worst and --ablation")
    parser.add_argument("--ablation", action="store_true", help="rule families off one at a time (peer pairs)")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    names = [n.strip() for n in args.sets.split(",") if n.strip()]
    if unknown := [n for n in names if n not in SETS]:
        sys.exit(f"unknown set(s): {', '.join(unknown)}; known: {', '.join(SETS)}")
    print(f"chars precision / recall / F1 (mean over pages; F1 of the two means); data: {data_dir()}\n")
    started = time.perf_counter()
    per_page = sets_table(names, args.before, not args.no_trafilatura)
    print(f"\n({time.perf_counter() - started:.0f} s)")
    if args.ablation and (pairs := load("aeb-peer")) is not None:
        chosen = [p for p in pairs if args.half == "all" or p.half == args.half]
        print(f"\nablation on aeb-peer, {args.half} half ({len(chosen)} pages):\n\n" + HEADER)
        print(row("kursk-reader cleaner", evaluate(chosen, kept_text)))
        for name, patch in ABLATIONS.items():
            with patch():
                print(row(f"ablation: {name}", evaluate(chosen, kept_text)))
    if args.worst:
        ranked = sorted(
            ((s, p) for s, p in per_page if args.half == "all" or p.half == args.half), key=lambda sp: sp[0].f1
        )
        print(f"\nworst {args.half} pages (chars measure):")
        for s, page in ranked[: args.worst]:
            print(f"  {page.set:>15} {page.id[-40:]:>40}  P {s.precision:.2f}  R {s.recall:.2f}  {page.url[:70]}")
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
