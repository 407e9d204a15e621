"""Listing a large corpus: Corpus.load_all() (parse every YAML file) vs load_catalog() (the
catalog cache: cold = no cache yet, warm = nothing changed, incremental = 1% of files changed).

    python benchmarks/corpus_load.py [N_ARTICLES] [--short]   (default 10000; prints a Markdown table)

The synthetic corpus is N copies of a bundled seed article (~600 words, ~30 sentences each; with
--short, only its first paragraph, to reach 100,000 articles in reasonable disk space), in a
temporary folder; the catalog goes to a temporary cache folder too."""

from __future__ import annotations

import os
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from tui.corpus.catalog import load_catalog
from tui.corpus.store import Corpus, dump_article
from tui.paths import bundled_articles_dir


def build(root: Path, n: int, short: bool = False) -> None:
    template = Corpus(bundled_articles_dir()).load_all()[0][0]
    if short:
        first = template.paragraphs[0]
        spans = [s for s in template.sentences if s.end <= len(first.text)]
        template = replace(template, paragraphs=[first], sentences=spans, removed=[])
    root.mkdir(parents=True)
    for i in range(n):
        article = replace(template, id=f"article-{i:06d}", title=f"{template.title} #{i}")
        (root / f"{article.id}.yaml").write_text(dump_article(article), encoding="utf-8")


def timed(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return time.perf_counter() - start, result


def main(n: int, short: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "articles"
        build_s, _ = timed(lambda: build(root, n, short))
        corpus = Corpus(root, catalog_path=Path(tmp) / "cache" / "catalog.json")
        rows = []
        t, count = timed(lambda: len(corpus.load_all()[0]))  # keep no articles alive: GC would slow the rest
        rows.append(("load_all() - parse every file", t, count))
        t, summaries = timed(lambda: load_catalog(corpus, workers=1)[0])
        rows.append(("load_catalog() cold, one core - no cache yet", t, len(summaries)))
        corpus.catalog_path.unlink()
        t, summaries = timed(lambda: load_catalog(corpus)[0])
        rows.append((f"load_catalog() cold, {os.cpu_count()} cores - no cache yet", t, len(summaries)))
        t, summaries = timed(lambda: load_catalog(corpus)[0])
        rows.append(("load_catalog() warm - nothing changed", t, len(summaries)))
        for path in sorted(root.glob("*.yaml"))[::100]:
            path.write_text(path.read_text(encoding="utf-8").replace("#", "No. ", 1), encoding="utf-8")
        t, summaries = timed(lambda: load_catalog(corpus)[0])
        rows.append(("load_catalog() after 1% of files changed", t, len(summaries)))
        size = corpus.catalog_path.stat().st_size
    kind = "short (one-paragraph)" if short else "full-length"
    print(f"Corpus of {n:,} {kind} synthetic articles (built in {build_s:.1f} s); catalog file {size / 1e6:.1f} MB\n")
    print("| operation | seconds | articles |")
    print("|---|---:|---:|")
    for name, seconds, count in rows:
        print(f"| {name} | {seconds:.2f} | {count:,} |")


if __name__ == "__main__":
    numbers = [a for a in sys.argv[1:] if a.isdigit()]
    main(int(numbers[0]) if numbers else 10_000, "--short" in sys.argv[1:])
