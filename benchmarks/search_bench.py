"""Search at scale: our index vs bare Whoosh (simplest schema) vs tantivy, same articles, same queries.

    python benchmarks/search_bench.py --sizes 10000           # ~5 min on 2 cores
    python benchmarks/search_bench.py --sizes 100000 --engines ours,tantivy   # long: in the background

Prints one table per size: build rate, one-article update, p50/p95 per query kind, search-as-you-type,
open + first query, index size, peak memory (RSS high-water mark of each phase, Linux only)."""

from __future__ import annotations

import argparse
import contextlib
import gc
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale_corpus import cheap_figures, make_articles  # noqa: E402

from tui.corpus.model import Article, Paragraph  # noqa: E402
from tui.search.engine import SearchIndex  # noqa: E402

QUERIES: dict[str, list[str]] = {
    "term": ["sappers", "president", "government", "police", "Kursk", "election", "hospital", "Pyongyang"],
    "two terms": [
        "north korea",
        "military workers",
        "police government",
        "president election",
        "Kim sappers",
        "rescue workers",
    ],
    "phrase": [
        '"North Korea"',
        '"military construction"',
        '"prime minister"',
        '"according to"',
        '"construction workers"',
        '"the government"',
    ],
    "prefix": ["constr*", "elect*", "gov*", "pres*", "sap*", "milit*"],
    "fuzzy": ["shoigo~", "goverment~", "presidant~", "pyongyng~", "electon~"],
    "field": ['outlet:"New York Times"', "title:election", "author:kim", "title:korea"],
    "number": ["15000", "1,000", "2019", "5 000"],
    "range": ["value:>10000", "value:1000..6000", "value:<50"],
}
TYPED = "sapper"  # search as you type: s, sa, sap, ... one search per keystroke
LISTED = 1000  # hits the reader asks for per keystroke (tui.app.SEARCH_LIMIT)
SCREENFUL = 20  # hits whose snippets and offsets a list shows at once
REPEAT = 3


def peak_rss_reset() -> None:
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


def peak_rss_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def folder_mb(path: Path) -> float:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6


@dataclass
class Row:
    engine: str
    build_rate: float = float("nan")
    update_ms: float = float("nan")
    update_cold_ms: float = float("nan")
    open_first_ms: float = float("nan")
    size_mb: float = float("nan")
    peak_mb: float = float("nan")
    typing_ms: list[float] = field(default_factory=list)
    latencies: dict[str, list[float]] = field(default_factory=dict)


def timed(fn, *args, **kwargs) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn(*args, **kwargs)
    return (time.perf_counter() - start) * 1000, result


def run_queries(row: Row, search) -> None:
    for kind, queries in QUERIES.items():
        times = []
        for _ in range(REPEAT):
            for q in queries:
                try:
                    ms, _ = timed(search, q)
                except NotImplementedError:
                    continue
                times.append(ms)
        row.latencies[kind] = times


# ---- ours ----------------------------------------------------------------------------------------


def bench_ours(articles: list[Article], figures: dict, workdir: Path) -> Row:
    row = Row("kursk-reader")
    folder = workdir / "ours"
    index = SearchIndex(workdir, folder)
    peak_rss_reset()
    ms, _ = timed(index.update, articles, figures=figures)
    row.build_rate = len(articles) / (ms / 1000)
    settle_like_the_app(articles)
    row.peak_mb = peak_rss_mb()
    row.size_mb = folder_mb(folder)
    index.close()
    fresh = SearchIndex(workdir, folder)
    fresh._articles = {a.id: a for a in articles}
    row.open_first_ms, _ = timed(lambda: shown(fresh.search("sappers")))
    run_queries(row, lambda q: shown(fresh.search(q, limit=SCREENFUL)))
    row.typing_ms = [
        timed(lambda n=n: shown(fresh.search(TYPED[:n], LISTED, True)))[0] for n in range(1, len(TYPED) + 1)
    ]
    changed = list(articles)
    old = changed[len(changed) // 2]
    changed[len(changed) // 2] = Article(
        **{**old.__dict__, "paragraphs": [Paragraph("Changed text about sappers."), *old.paragraphs[1:]]}
    )
    row.update_cold_ms, report = timed(fresh.update, changed, figures=figures)  # a new process: hashes every article
    assert report.updated == 1, report
    changed[0] = Article(**{**changed[0].__dict__, "paragraphs": [Paragraph("Another change, about deminers.")]})
    row.update_ms, report = timed(fresh.update, changed, figures=figures)  # the UI after an edit: one article hashed
    assert report.updated == 1, report
    fresh.close()
    return row


def settle_like_the_app(articles: list[Article]) -> None:
    """What the reader does once a big corpus is indexed (the search layer changes no gc state):
    collect what the writer left, then move the long-lived corpus out of the collector's way, or a
    full collection walks it in the middle of a keystroke (docs/search.md, "Memory and gc")."""
    if len(articles) >= 10_000:
        gc.collect()
        gc.freeze()


def shown(hits: list) -> list:
    """What a screen of results costs: hits are ranked for the whole list, but snippets and match
    offsets are worked out for the ones on screen (every hit's, in the CLI's 20)."""
    return [(h.snippet, h.matches) for h in hits[:SCREENFUL]]


# ---- bare Whoosh -------------------------------------------------------------------------------


def bench_bare(articles: list[Article], workdir: Path) -> Row:
    from whoosh import fields, index, qparser

    row = Row("bare Whoosh")
    folder = workdir / "bare"
    folder.mkdir()
    schema = fields.Schema(id=fields.ID(unique=True, stored=True), title=fields.TEXT(stored=True), body=fields.TEXT)
    ix = index.create_in(str(folder), schema)
    peak_rss_reset()
    start = time.perf_counter()
    writer = ix.writer(limitmb=512)
    for a in articles:
        writer.add_document(id=a.id, title=a.title, body=a.text)
    writer.commit(optimize=True)
    row.build_rate = len(articles) / (time.perf_counter() - start)
    row.peak_mb = peak_rss_mb()
    row.size_mb = folder_mb(folder)
    ix.close()

    start = time.perf_counter()
    ix = index.open_dir(str(folder))
    searcher = ix.searcher()
    parser = qparser.QueryParser("body", schema)
    parser.add_plugin(qparser.FuzzyTermPlugin())

    def search(q: str):
        if q.startswith("value:") or q.startswith("outlet:") or q.startswith("author:"):
            raise NotImplementedError  # not in the simplest schema
        return [hit["id"] for hit in searcher.search(parser.parse(q), limit=20)]

    search("sappers")
    row.open_first_ms = (time.perf_counter() - start) * 1000
    run_queries(row, search)
    row.typing_ms = [timed(search, TYPED[:n] + "*")[0] for n in range(1, len(TYPED) + 1)]
    writer = ix.writer()
    start = time.perf_counter()
    writer.update_document(id=articles[0].id, title=articles[0].title, body="Changed text about sappers.")
    writer.commit()
    row.update_ms = (time.perf_counter() - start) * 1000
    searcher.close()
    ix.close()
    return row


# ---- tantivy -------------------------------------------------------------------------------------


def bench_tantivy(articles: list[Article], figures: dict, workdir: Path) -> Row:
    import tantivy

    row = Row("tantivy")
    folder = workdir / "tantivy"
    folder.mkdir()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw")
    builder.add_text_field("title", stored=True, tokenizer_name="en_stem")
    builder.add_text_field("body", tokenizer_name="en_stem")
    builder.add_text_field("outlet", tokenizer_name="en_stem")
    builder.add_text_field("author", tokenizer_name="en_stem")
    builder.add_float_field("value", indexed=True, fast=True)
    schema = builder.build()
    ix = tantivy.Index(schema, path=str(folder))
    peak_rss_reset()
    start = time.perf_counter()
    writer = ix.writer(heap_size=256_000_000, num_threads=1)
    for a in articles:
        doc = tantivy.Document(id=a.id, title=a.title, body=a.text, outlet=a.outlet_label, author=a.author or "")
        for f in figures.get(a.id, []):
            doc.add_float("value", float(f.value))
        writer.add_document(doc)
    writer.commit()
    writer.wait_merging_threads()
    row.build_rate = len(articles) / (time.perf_counter() - start)
    row.peak_mb = peak_rss_mb()
    row.size_mb = folder_mb(folder)

    start = time.perf_counter()
    ix = tantivy.Index.open(str(folder))
    ix.reload()
    searcher = ix.searcher()

    def parse(q: str):
        if q.endswith("~"):
            return tantivy.Query.fuzzy_term_query(schema, "body", q[:-1].lower(), distance=1)
        if q.endswith("*"):
            return ix.parse_query(f"body:{q[:-1].lower()}.*", allow_regexes=True)
        if q.startswith("value:"):
            spec = q[len("value:") :]
            if ".." in spec:
                lo, hi = spec.split("..")
                return ix.parse_query(f"value:[{lo} TO {hi}]")
            op, number = spec[0], spec[1:]
            return ix.parse_query(f"value:>{number}" if op == ">" else f"value:<{number}")
        return ix.parse_query(
            q.replace(",", "").replace("5 000", "5000"), ["title", "body"], conjunction_by_default=True
        )

    def search(q: str):
        result = searcher.search(parse(q), 20)
        return [searcher.doc(addr)["id"][0] for _score, addr in result.hits]

    search("sappers")
    row.open_first_ms = (time.perf_counter() - start) * 1000
    run_queries(row, search)
    row.typing_ms = [timed(search, TYPED[:n] + "*")[0] for n in range(1, len(TYPED) + 1)]
    writer = ix.writer(heap_size=50_000_000, num_threads=1)
    start = time.perf_counter()
    writer.delete_documents_by_term("id", articles[0].id)
    writer.add_document(
        tantivy.Document(id=articles[0].id, title=articles[0].title, body="Changed text about sappers.")
    )
    writer.commit()
    writer.wait_merging_threads()
    row.update_ms = (time.perf_counter() - start) * 1000
    return row


# ---- report --------------------------------------------------------------------------------------


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def fmt(value: float, digits: int = 0) -> str:
    return "n/a" if value != value else f"{value:,.{digits}f}"


def print_table(n: int, rows: list[Row]) -> None:
    ours = rows[0]  # ratios are against the first engine run
    header = ["measure"] + [r.engine for r in rows] + [f"ours / {r.engine}" for r in rows[1:]]
    lines = [header]

    def add(name: str, values: list[float], digits: int = 0, lower_is_better: bool = True) -> None:
        ratios = [fmt(values[0] / v, 2) if v == v and v else "n/a" for v in values[1:]]
        lines.append([name] + [fmt(v, digits) for v in values] + ratios)

    add("build (articles/s)", [r.build_rate for r in rows])
    add("update one article (ms)", [r.update_ms for r in rows])
    add("  same, cold: hashing all (ms)", [r.update_cold_ms for r in rows])
    add("open + first query (ms)", [r.open_first_ms for r in rows])
    for kind in QUERIES:
        add(
            f"{kind} p50 (ms)",
            [statistics.median(r.latencies[kind]) if r.latencies.get(kind) else float("nan") for r in rows],
            1,
        )
        add(f"{kind} p95 (ms)", [pct(r.latencies.get(kind, []), 0.95) for r in rows], 1)
    add(f"as-you-type '{TYPED}' max (ms)", [max(r.typing_ms) if r.typing_ms else float("nan") for r in rows], 1)
    add("as-you-type mean (ms)", [statistics.mean(r.typing_ms) if r.typing_ms else float("nan") for r in rows], 1)
    add("index size (MB)", [r.size_mb for r in rows], 1)
    add("peak RSS during build (MB)", [r.peak_mb for r in rows])
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    print(f"\n## {n:,} articles (~600 words each)\n")
    for i, line in enumerate(lines):
        print("| " + " | ".join(str(c).ljust(w) for c, w in zip(line, widths, strict=False)) + " |")
        if i == 0:
            print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print(
        f"\nours: p50/p95 include snippets and match offsets for the {SCREENFUL} hits shown; typing ranks "
        f"{LISTED} hits per keystroke as the reader does; typing = {[round(t) for t in ours.typing_ms]}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description="search benchmark")
    parser.add_argument("--sizes", default="10000", help="comma-separated corpus sizes")
    parser.add_argument("--engines", default="ours,bare,tantivy", help="which of ours,bare,tantivy to run")
    parser.add_argument("--workdir", type=Path, default=None)
    args = parser.parse_args()
    for n in (int(s) for s in args.sizes.split(",")):
        t0 = time.perf_counter()
        articles = make_articles(n)
        figures = {a.id: cheap_figures(a) for a in articles}
        print(f"generated {n:,} articles in {time.perf_counter() - t0:.0f} s", file=sys.stderr, flush=True)
        workdir = Path(tempfile.mkdtemp(prefix=f"search-bench-{n}-", dir=args.workdir))
        try:
            engines = args.engines.split(",")
            rows = []
            if "ours" in engines:
                rows.append(bench_ours(articles, figures, workdir))
                print(f"ours done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
            gc.collect()
            if "bare" in engines:
                rows.append(bench_bare(articles, workdir))
                print(f"bare done ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
            if "tantivy" in engines:
                rows.append(bench_tantivy(articles, figures, workdir))
            print_table(n, rows)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
