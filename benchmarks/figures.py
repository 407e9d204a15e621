"""Figure extraction: our extractor and quantulum3 side by side, on the hand-annotated seeds, on Microsoft
Recognizers-Text's English specs (tuning and held-out halves) and on quantulum3's own test sentences, plus speed.
Prints Markdown tables (pasted into docs/figures.md).

    python benchmarks/figures.py              # everything (quantulum3 needs `pip install -e '.[bench]'`)
    python benchmarks/figures.py --no-quantulum

Scoring (tests/figure_eval.py): an annotated figure is found when an extracted figure has the same
value and kind and its sentence contains the annotated sentence substring. Precision counts every extracted
figure in the article bodies. "what it counts" is exact agreement with the annotated wording, on figures
that count something."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
import warnings
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # tests/ holds the scoring shared with the tests

from figure_eval import (  # noqa: E402
    Score,
    load_annotations,
    normalise,
    score_extractor,
    seed_articles,
    wikinews_articles,
)
from figure_specs import Found, load_cases, score  # noqa: E402

from tui.corpus.figures import Figure, extract_figures, figures_in_text, sentence_spans  # noqa: E402
from tui.corpus.groups import analyse  # noqa: E402
from tui.corpus.model import Article, Paragraph  # noqa: E402

ANNOTATIONS = REPO / "tests" / "seed_figures.yaml"
RAW = REPO / "articles" / "raw"
SHARED = REPO.parent / "shared"
PEER_QUANTITIES = SHARED / "peer" / "quantulum3_quantities_en.json"
RECOGNIZERS = SHARED / "peer" / "recognizers_en.json"
WIKINEWS = SHARED / "corpora" / "wikinews_en_2019_2020.jsonl"
_MONEY_UNITS = {
    "dollar": "USD",
    "pound sterling": "GBP",
    "euro": "EUR",
    "yen": "JPY",
    "ruble": "RUB",
    "rouble": "RUB",
    "won": "KRW",
    "cent": "USD-cent",
    "penny": "GBP-pence",
}


# -- quantulum3 as an extractor ---------------------------------------------------------------------


def quantulum_extractor():
    warnings.filterwarnings("ignore")
    from quantulum3 import parser

    def extract(article: Article) -> list[Figure]:
        text, out = article.text, []
        for idx, (s, e) in enumerate(sentence_spans(article, text)):
            for q in parser.parse(text[s:e]):
                start, end = s + q.span[0], s + q.span[1]
                kind, unit, per = _quantulum_kind(q)
                out.append(
                    Figure(
                        article.id,
                        float(q.value),
                        kind,
                        None,
                        unit,
                        per,
                        None,
                        False,
                        text[start:end],
                        start,
                        end,
                        text[s:e],
                        s,
                        e,
                        idx,
                        None,
                    )
                )
        return out

    return extract, parser


def _quantulum_kind(q) -> tuple[str, str | None, str | None]:
    name, entity = q.unit.name, q.unit.entity.name
    base, _, per = name.partition(" per ")
    if base in _MONEY_UNITS or entity == "currency":
        return "money", _MONEY_UNITS.get(base, base), per or None
    if name == "percentage":
        return "percent", "%", None
    if entity == "length":
        return "distance", base, per or None
    if entity == "time":
        return "duration", base, per or None
    if entity == "dimensionless":
        return ("fraction" if 0 < abs(q.value) < 1 else "count"), None, per or None
    return "other", name, None


# -- tables ------------------------------------------------------------------------------------------


def table(header: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(c) for c in r) + " |" for r in rows]
    return "\n".join(lines)


def value_only_recall(articles, annotations, extractor) -> float:
    figs = {a.id: extractor(a) for a in articles}
    found = 0
    for ann in annotations:
        want = normalise(ann.sentence)
        found += any(
            abs(f.value - ann.value) < 1e-6 * max(1, abs(ann.value)) and want in normalise(f.sentence)
            for f in figs.get(ann.article_id, [])
        )
    return found / len(annotations)


def timed_per_article(articles, extractor, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        for a in articles:
            extractor(a)
        best = min(best, time.perf_counter() - t0)
    return best / len(articles) * 1000


def seeds_table(use_quantulum: bool, repeat: int, section: str = "seeds") -> str:
    seeds, annotations = load_annotations(ANNOTATIONS, section)
    if section == "seeds":
        articles = seed_articles(RAW, seeds)
        title = f"Seeds: {len(annotations)} hand-annotated figures in the five article bodies"
    elif WIKINEWS.is_file():
        articles = wikinews_articles(WIKINEWS, seeds)
        title = (
            f"Held out ({section}): {len(annotations)} figures in {len(seeds)} Wikinews articles, annotated "
            "before the extractor saw them"
            + (" (two generic fixes followed it)" if section == "heldout" else " (untouched)")
        )
    else:
        return "(wikinews corpus not found beside the checkout: held-out table skipped)"
    extractors = [("kursk-reader", extract_figures)]
    if use_quantulum:
        extractors.append(("quantulum3", quantulum_extractor()[0]))
    rows = []
    for name, extractor in extractors:
        s: Score = score_extractor(articles, annotations, extractor)
        rows.append(
            [
                name,
                f"{s.recall:.3f}",
                f"{s.precision:.3f}",
                f"{s.counts_accuracy:.3f}",
                f"{s.checks_accuracy:.3f}",
                f"{value_only_recall(articles, annotations, extractor):.3f}",
                f"{s.matched}/{s.annotated}",
                s.extracted,
                f"{timed_per_article(articles, extractor, repeat if name == 'kursk-reader' else 1):.2f}",
            ]
        )
    header = [
        "extractor",
        "recall",
        "precision",
        "what it counts",
        "unit/per/qualifier/who/when",
        "value-only recall",
        "found",
        "extracted",
        "ms/article",
    ]
    return f"{title}\n\n" + table(header, rows)


def peer_table(use_quantulum: bool) -> str:
    if not PEER_QUANTITIES.is_file():
        return "(quantulum3_quantities_en.json not found beside the checkout: peer table skipped)"
    cases = json.loads(PEER_QUANTITIES.read_text(encoding="utf-8"))
    extractors = [
        ("kursk-reader", lambda text: [(f.start, f.end, f.value, f.value_max) for f in figures_in_text(text)])
    ]
    if use_quantulum:
        parser = quantulum_extractor()[1]
        extractors.append(
            (
                "quantulum3 (its own tests)",
                lambda text: [(q.span[0], q.span[1], q.value, None) for q in parser.parse(text)],
            )
        )
    rows = []
    for name, extract in extractors:
        found = total = plain_found = plain_total = 0
        for case in cases:
            got = extract(case["text"])
            for q in case["quantities"]:
                ok = any(_overlaps(g, q["span"]) and _same_value(g, q["value"]) for g in got)
                total += 1
                found += ok
                if not case["needs_classifier"]:
                    plain_total += 1
                    plain_found += ok
        rows.append([name, f"{found / total:.3f}", f"{found}/{total}", f"{plain_found / plain_total:.3f}"])
    return (
        "quantulum3's test sentences (secondary: physics units, not news): a quantity is found when a figure "
        "overlaps its span with the same value (or range midpoint)\n\n"
        + table(["extractor", "value recall", "found", "value recall without classifier cases"], rows)
    )


def _overlaps(g, span) -> bool:
    return g[0] < span[1] and span[0] < g[1]


def _same_value(g, value: float) -> bool:
    candidates = [g[2]] if g[3] is None else [g[2], g[3], (g[2] + g[3]) / 2]
    return any(abs(c - value) <= 1e-6 * max(1.0, abs(value)) for c in candidates)


def ours_found(text: str) -> list[Found]:
    shift = len(text) - len(text.lstrip())  # figures_in_text strips the paragraph: offsets start after the blanks
    return [Found(f.start + shift, f.end + shift, f.value, f.value_max, f.kind, f.unit) for f in figures_in_text(text)]


def quantulum_found(parser):
    def extract(text: str) -> list[Found]:
        out = []
        for q in parser.parse(text):
            kind, unit, _ = _quantulum_kind(q)
            if q.unit.entity.name == "temperature":
                unit = "degree"
            low, high = q.value, None
            if getattr(q, "uncertainty", None):
                low, high = q.value - q.uncertainty, q.value + q.uncertainty
            out.append(Found(q.span[0], q.span[1], float(low), None if high is None else float(high), kind, unit))
        return out

    return extract


def specs_table(use_quantulum: bool) -> str:
    if not RECOGNIZERS.is_file():
        return "(recognizers_en.json not found beside the checkout: Recognizers-Text table skipped)"
    cases = load_cases(RECOGNIZERS)
    extractors = [("kursk-reader", ours_found)]
    if use_quantulum:
        extractors.append(("quantulum3", quantulum_found(quantulum_extractor()[1])))
    halves = [("tuning", [c for c in cases if not c.held_out]), ("held-out", [c for c in cases if c.held_out])]
    halves.append(("both", cases))
    files = sorted({c.file for c in cases})
    rows = []
    for name, extract in extractors:
        scores = {half: score(part, extract) for half, part in halves}
        for key in [*files, "all", "news-style"]:
            row: list[object] = [name, key.removesuffix(".json")]
            for half, _ in halves:
                s = scores[half].get(key)
                row += ["" if s is None else f"{s.recall:.3f}", "" if s is None else f"{s.kind_precision:.3f}"]
            s = scores["both"][key]
            row += [f"{s.precision:.3f}", f"{s.found}/{s.expected}"]
            rows.append(row)
    header = ["extractor", "spec file", "recall (tuning)", "precision in kind (tuning)", "recall (held-out)"]
    header += ["precision in kind (held-out)", "recall (both)", "precision in kind (both)", "precision (both)"]
    header += ["found (both)"]
    runs = []
    for _ in range(3):
        t0 = time.perf_counter()
        for c in cases:
            figures_in_text(c.text)
        runs.append(time.perf_counter() - t0)
    elapsed = min(runs) * 1000
    return (
        f"Microsoft Recognizers-Text English specs ({len(cases)} cases the .NET reference supports; halves split by a "
        "hash of the input, rules tuned on the tuning half only). precision in kind: of the figures of the kind the "
        f"file annotates, the share that are right. The whole set takes {elapsed:.0f} ms (best of 3).\n\n"
        + table(header, rows)
    )


def speed_table(use_quantulum: bool, repeat: int) -> str:
    if not WIKINEWS.is_file():
        return "(wikinews corpus not found beside the checkout: speed table skipped)"
    docs = [json.loads(line) for line in WIKINEWS.read_text(encoding="utf-8").splitlines() if line.strip()]
    corpus = [
        Article(
            d["id"],
            d["title"],
            False,
            "Wikinews",
            None,
            None,
            d.get("date"),
            "",
            "",
            [Paragraph(p) for p in d["text"].split("\n\n") if p.strip()],
        )
        for d in docs
    ]
    big = _ten_thousand_words(corpus)
    words = len(big.text.split())
    rows = []
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        figs = extract_figures(big)
        runs.append(time.perf_counter() - t0)
    rows.append(
        [
            f"one {words:,}-word article",
            "kursk-reader extract_figures",
            f"{min(runs) * 1000:.0f} ms",
            f"{statistics.median(runs) * 1000:.0f} ms",
            len(figs),
        ]
    )
    t0 = time.perf_counter()
    figures, groups = analyse(corpus)
    elapsed = time.perf_counter() - t0
    total_words = sum(len(a.text.split()) for a in corpus)
    rows.append(
        [
            f"{len(corpus)} Wikinews articles, {total_words:,} words",
            "kursk-reader analyse (extract + group)",
            f"{elapsed * 1000:.0f} ms",
            "",
            f"{sum(len(f) for f in figures.values())} figures, {len(groups)} groups",
        ]
    )
    if use_quantulum:
        extract, _ = quantulum_extractor()
        t0 = time.perf_counter()
        qfigs = extract(big)
        rows.append(
            [
                f"one {words:,}-word article",
                "quantulum3 parser.parse per sentence",
                f"{(time.perf_counter() - t0) * 1000:.0f} ms",
                "",
                len(qfigs),
            ]
        )
    return "Speed (2-core machine; best and median of runs)\n\n" + table(
        ["input", "what", "best", "median", "output"], rows
    )


def _ten_thousand_words(corpus: list[Article]) -> Article:
    paragraphs, words = [], 0
    for a in corpus:
        for p in a.paragraphs:
            paragraphs.append(p)
            words += len(p.text.split())
        if words >= 10_000:
            break
    return Article("big", "10k words", True, None, None, None, None, "", "", paragraphs)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--no-quantulum", action="store_true", help="only our extractor")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    use_q = not args.no_quantulum
    if use_q:
        try:
            import quantulum3  # noqa: F401
        except ImportError:
            print("quantulum3 is not installed (pip install -e '.[bench]'); running without it", file=sys.stderr)
            use_q = False
    blocks = (
        seeds_table(use_q, args.repeat),
        seeds_table(use_q, args.repeat, "heldout"),
        seeds_table(use_q, args.repeat, "heldout_b"),
        specs_table(use_q),
        peer_table(use_q),
        speed_table(use_q, args.repeat),
    )
    for block in blocks:
        print(block)
        print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
