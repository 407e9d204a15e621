"""How well the cleaner generalises: precision/recall of kept text on 161 real article pages.

    python benchmarks/cleaning.py [--pairs PATH] [--ablation] [--worst N] [--speed]

Reads ../shared/peer/cleaning/aeb_pairs_en.jsonl ({id, url, raw_text, clean_text}; the human reference
body is clean_text) and prints a table: the keep-everything baseline against the cleaner, with two
measures (see tests/clean_score.py): character-weighted word multisets ("chars") and the
benchmark's own 4-token shingles. Per page, then mean and median over pages.
--ablation switches off one rule family at a time; --speed times cleaning a ~1 MB page."""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from unittest import mock

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "tests")]  # tests/ holds the scoring shared with the tests

from clean_score import Scores, char_scores, shingle_scores  # noqa: E402

from tui.corpus import clean as clean_module  # noqa: E402
from tui.corpus import clean_rules, clean_shape  # noqa: E402
from tui.corpus.clean import clean  # noqa: E402

DEFAULT_PAIRS = REPO.parent / "shared" / "peer" / "cleaning" / "aeb_pairs_en.jsonl"


def load_pairs(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def kept_text(raw: str) -> str:
    result = clean(raw)
    return "\n\n".join(p.text for p in result.paragraphs)


def evaluate(pairs: list[dict], extract) -> dict[str, list[Scores]]:
    out: dict[str, list[Scores]] = {"chars": [], "shingles": []}
    for pair in pairs:
        kept = extract(pair["raw_text"])
        out["chars"].append(char_scores(kept, pair["clean_text"]))
        out["shingles"].append(shingle_scores(kept, pair["clean_text"]))
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
    "no main-run selection": lambda: mock.patch.object(clean_shape, "main_run", lambda s, n, d, a=None: (0, len(s))),
    "no neighbour context": lambda: mock.patch.object(
        clean_shape,
        "_resolve",
        lambda shapes: [
            clean_shape.Shape.GOOD if s in (clean_shape.Shape.GOOD, clean_shape.Shape.NEAR) else clean_shape.Shape.BAD
            for s in shapes
        ],
    ),
    "no headline anchor": lambda: mock.patch.object(clean_shape, "ANCHOR_BONUS", 1.0),
    "no cap on runs of short lines": lambda: mock.patch.object(clean_shape, "MAX_SHORT_RUN", 10**9),
    "no metadata lines": lambda: mock.patch.object(clean_module, "_mark_metadata", _noop),
    "no 'legal and cookie notice' rule": lambda: _without_line_rule("legal and cookie notice"),
    "no 'app/newsletter plug' rule": lambda: _without_line_rule("app/newsletter plug"),
    "no 'site chrome' rule": lambda: _without_line_rule("site chrome"),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--ablation", action="store_true")
    parser.add_argument("--worst", type=int, default=0, help="list the N pages with the lowest F1")
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    if not args.pairs.is_file():
        sys.exit(f"{args.pairs}: not found (the peer data sits in ../shared beside the checkout)")
    pairs = load_pairs(args.pairs)
    print(f"{len(pairs)} pages from {args.pairs.name}\n")
    print(HEADER)
    print(row("keep everything (baseline)", evaluate(pairs, lambda raw: raw)))
    started = time.perf_counter()
    results = evaluate(pairs, kept_text)
    took = time.perf_counter() - started
    print(row("kursk-reader cleaner", results))
    if args.ablation:
        for name, patch in ABLATIONS.items():
            with patch():
                print(row(f"ablation: {name}", evaluate(pairs, kept_text)))
    print(f"\ncleaned {len(pairs)} pages in {took:.2f} s ({took / len(pairs) * 1000:.1f} ms per page)")
    if args.worst:
        ranked = sorted(zip(results["chars"], pairs, strict=False), key=lambda sp: sp[0].f1)[: args.worst]
        print("\nworst pages (chars measure):")
        for s, pair in ranked:
            print(f"  {pair['id']:>4}  P {s.precision:.2f}  R {s.recall:.2f}  {pair['url'][:90]}")
    if args.speed:
        speed()


if __name__ == "__main__":
    main()
