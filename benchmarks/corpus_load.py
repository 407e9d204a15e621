"""Listing a large corpus: load_catalog() cold (no cache yet: every file's header read), warm (nothing changed),
after 1% of the files changed, and fill_counts() (what `kursk-reader articles` adds: every file read whole, its
figures counted); Corpus.load_all() (parse every file) for scale.

    python benchmarks/corpus_load.py [N_ARTICLES] [--short] [--corpus DIR] [--no-load-all]

Prints a Markdown table of wall and CPU seconds (this process and its pool workers: the machine may be shared).
By default the corpus is N copies of a bundled seed article (~600 words; with --short only its first paragraph)
in a temporary folder; --corpus DIR lists an existing folder instead (e.g. the generated corpora
benchmarks/reader_scale.py keeps in $TMPDIR/kursk-scale/N/articles), never writing to it. The catalog goes to a
temporary cache folder."""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from tui.corpus.catalog import fill_counts, load_catalog
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


def cpu_seconds() -> float:
    """User + system seconds of this process and the pool workers it has waited for."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def timed(fn: Callable[[], int]) -> tuple[float, float, int]:
    start, cpu = time.perf_counter(), cpu_seconds()
    count = fn()
    return time.perf_counter() - start, cpu_seconds() - cpu, count


def measure(corpus: Corpus, changeable: bool, load_all: bool) -> list[tuple[str, float, float, int]]:
    rows = []

    def row(name: str, fn: Callable[[], int]) -> None:
        rows.append((name, *timed(fn)))

    if load_all:
        row("load_all() - parse every file", lambda: len(corpus.load_all()[0]))  # keeps no article alive
    row(f"load_catalog() cold, {os.cpu_count()} cores - headers only", lambda: len(load_catalog(corpus)[0]))
    row("load_catalog() warm - nothing changed", lambda: len(load_catalog(corpus)[0]))
    if changeable:
        for path in sorted(corpus.root.glob("*.yaml"))[::100]:
            path.write_text(path.read_text(encoding="utf-8").replace("#", "No. ", 1), encoding="utf-8")
        row("load_catalog() after 1% of files changed", lambda: len(load_catalog(corpus)[0]))
    row("fill_counts() - every count (read whole, figures)", lambda: len(fill_counts(corpus)[0]))
    row("load_catalog() warm - counts known", lambda: len(load_catalog(corpus)[0]))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", nargs="?", type=int, default=10_000, help="articles to generate")
    parser.add_argument("--short", action="store_true", help="one-paragraph articles")
    parser.add_argument("--corpus", type=Path, help="list this existing corpus folder instead")
    parser.add_argument("--no-load-all", action="store_true", help="skip the load_all() row")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        if args.corpus is not None:
            root, what = args.corpus, f"{args.corpus} ({len(Corpus(args.corpus).ids()):,} articles)"
        else:
            root = Path(tmp) / "articles"
            start = time.perf_counter()
            build(root, args.n, args.short)
            kind = "short (one-paragraph)" if args.short else "full-length"
            what = f"{args.n:,} {kind} synthetic articles (built in {time.perf_counter() - start:.1f} s)"
        corpus = Corpus(root, catalog_path=Path(tmp) / "cache" / "catalog.json")
        rows = measure(corpus, changeable=args.corpus is None, load_all=not args.no_load_all)
        size = corpus.catalog_path.stat().st_size
        shutil.rmtree(Path(tmp) / "cache", ignore_errors=True)
    print(f"Corpus: {what}; catalog file {size / 1e6:.1f} MB; load average {os.getloadavg()[0]:.1f}\n")
    print("| operation | wall s | CPU s | articles |")
    print("|---|---:|---:|---:|")
    for name, wall, cpu, count in rows:
        print(f"| {name} | {wall:.2f} | {cpu:.2f} | {count:,} |")


if __name__ == "__main__":
    main()
