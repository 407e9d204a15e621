"""Sentence segmenter: accuracy on pySBD's test data and speed on real news text.

    python benchmarks/sentences.py            # from the repository root; needs ../shared/ beside the checkout

Prints a Markdown table of scores (golden rules, pySBD's extra cases) and one of speeds (sentences per second
on the five seed reports repeated, on 293 Wikinews articles, and on one 1 MB paragraph).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from tui.corpus.sentences import split_sentences

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEED_REPEATS = 100


def sentences(text: str) -> list[str]:
    return [text[s:e].strip() for s, e in split_sentences(text)]


def score(cases: list[dict]) -> tuple[int, list[dict]]:
    failed = [c for c in cases if sentences(c["text"]) != c["sentences"]]
    return len(cases) - len(failed), failed


def score_rows() -> list[tuple[str, str, str]]:
    rules = json.loads((SHARED / "peer" / "golden_rules_en.json").read_text(encoding="utf-8"))
    extra = json.loads((SHARED / "peer" / "pysbd_en_extra.json").read_text(encoding="utf-8"))
    plain = [c for c in extra if not c.get("pysbd_clean")]
    clean = [c for c in extra if c.get("pysbd_clean")]
    rows = []
    passed, failed = score(rules)
    failing = ", ".join(f"#{r['id']} {r['rule']}" for r in failed) or "none"
    rows.append(("pySBD English Golden Rules", f"{passed}/{len(rules)}", failing))
    passed, failed = score(plain)
    rows.append(("pySBD extra cases, no cleanup expected", f"{passed}/{len(plain)}", f"{len(failed)} fail"))
    passed, failed = score(clean)
    label = "pySBD extra cases expecting line-joining cleanup (not our job)"
    rows.append((label, f"{passed}/{len(clean)}", f"{len(failed)} fail"))
    return rows


def paragraphs_per_text(texts: list[str]) -> list[str]:
    return [p for text in texts for p in text.split("\n\n") if p.strip()]


def timed(paragraphs: list[str], runs: int = 3) -> tuple[int, int, float]:
    """Best of `runs` in CPU seconds (process time): wall time swings with whatever else the machine runs."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        count = sum(len(split_sentences(p)) for p in paragraphs)
        best = min(best, time.process_time() - start)
    return sum(len(p) for p in paragraphs), count, best


def speed_rows() -> list[tuple[str, str, str, str, str]]:
    seeds = [p.read_text(encoding="utf-8") for p in sorted((REPO / "articles" / "raw").glob("*.txt"))]
    seed_paragraphs = [line for text in seeds for line in text.splitlines() if line.strip()] * SEED_REPEATS
    wikinews_file = SHARED / "corpora" / "wikinews_en_2019_2020.jsonl"
    wikinews = [json.loads(line)["text"] for line in wikinews_file.open(encoding="utf-8")]
    wiki_paragraphs = paragraphs_per_text(wikinews)
    one_mb = " ".join(wiki_paragraphs)
    one_mb = (one_mb * (1 + 1_000_000 // len(one_mb)))[:1_000_000]
    rows = []
    for label, paragraphs in [
        (f"5 seed reports x {SEED_REPEATS} (raw lines as paragraphs)", seed_paragraphs),
        (f"Wikinews 2019-2020, {len(wikinews)} articles", wiki_paragraphs),
        ("one 1 MB paragraph of Wikinews text", [one_mb]),
    ]:
        chars, count, elapsed = timed(paragraphs)
        rows.append((label, f"{chars / 1e6:.2f} M", f"{count:,}", f"{elapsed:.2f} s", f"{count / elapsed:,.0f}"))
    return rows


def markdown(header: tuple[str, ...], rows: list[tuple[str, ...]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines)


def main() -> int:
    if not SHARED.is_dir():
        print(f"{SHARED} is missing: the peer data sits beside the checkout", file=sys.stderr)
        return 1
    print(markdown(("test set", "passed", "failing"), score_rows()))
    print()
    print(markdown(("input", "characters", "sentences", "CPU time (best of 3)", "sentences/s"), speed_rows()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
