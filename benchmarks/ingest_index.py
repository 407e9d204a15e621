"""Ingest + search index of N raw reports (and of saved HTML pages): the two-step path against the
one pipeline, and this code against another checkout of it (before/after in one run).

Generates N raw .txt reports in a temp folder (sentences of the bundled raw reports and of
../shared/corpora/wikinews_en_2019_2020.jsonl when present, recombined with a fixed seed; a headline,
a byline and a date line on top), then times, each in a fresh corpus and index folder:
  (a) `kursk-reader ingest --no-index DIR` then `kursk-reader index` (one after the other)
  (b) `kursk-reader ingest DIR` (the index updated as it goes)
`--html N` adds rows for `kursk-reader ingest DIR` of N saved HTML pages: pages of the extraction
sets under /work/local-data/cleaning/ (or $KURSK_BENCH_HTML) when present (read, never copied into
the repository; the L3S-GN1 and Dragnet sets are not used), else generated pages; `--html-generated`
forces generated ones.

Columns: wall seconds and articles/s by the clock; CPU seconds of every process (the command and
its workers) and the rate that CPU time allows on 2 cores (N / CPU s x 2): the machine is shared,
so the wall rate drops with other jobs while the CPU rate barely moves. The 1-minute load average
before each run says how shared it was.

    PYTHONPATH=$PWD python benchmarks/ingest_index.py 1000 10000 [--before DIR] [--html 1000] [--repeat 1]

`--before DIR`: a checkout of the code to compare (e.g. `git worktree add /tmp/before main`), run the
same way with PYTHONPATH=DIR. With --repeat R the runs alternate (before, after, before, ...) so a
change in the machine's load falls on both; each row is the median of its R runs.
"""

from __future__ import annotations

import argparse
import functools
import html
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WIKINEWS = REPO.parent / "shared" / "corpora" / "wikinews_en_2019_2020.jsonl"
if not WIKINEWS.is_file():
    WIKINEWS = Path("/work/shared/corpora/wikinews_en_2019_2020.jsonl")
HTML_SETS = Path(os.environ.get("KURSK_BENCH_HTML", "/work/local-data/cleaning"))
Timing = tuple[float, float]  # wall and CPU seconds of one run
HTML_HELD_OUT = ("dragnet", "l3s", "gn1")  # the product owner's own measurement: never read here
WORDS = 550
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]
AUTHORS = ["Anna Petrova", "James Okafor", "Maria Lopez", "Kim Tong-Hyung", "Olena Harmash", "David Brown"]


def load_lines() -> tuple[list[str], list[str]]:
    """Sentences (one per line of the raw reports, split on '. ') and headlines."""
    sentences: list[str] = []
    titles: list[str] = []
    for path in sorted((REPO / "articles" / "raw").glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            sentences.extend(s.strip() + "." for s in line.split(". ") if len(s.split()) >= 6)
    if WIKINEWS.is_file():
        for line in WIKINEWS.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            titles.append(record["title"])
            for paragraph in record["text"].split("\n"):
                sentences.extend(s.strip() + "." for s in paragraph.split(". ") if len(s.split()) >= 6)
    else:
        print(f"note: {WIKINEWS} absent; reports recombine the bundled raw reports only", file=sys.stderr)
    sentences = [s.replace("..", ".") for s in sentences if len(s) <= 400]
    return sentences, titles or [s.rstrip(".") for s in sentences[:200]]


def report(rng: random.Random, sentences: list[str], titles: list[str], n: int) -> str:
    lines = [
        f"{rng.choice(titles)} ({n})",
        "",
        f"By {rng.choice(AUTHORS)}",
        f"{rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.choice((2019, 2020, 2024, 2025))}",
        "",
    ]
    words = 0
    while words < WORDS:
        chosen = [rng.choice(sentences) for _ in range(rng.randint(2, 6))]
        words += sum(len(s.split()) for s in chosen)
        lines += [" ".join(chosen), ""]
    return "\n".join(lines)


def write_reports(folder: Path, n: int) -> None:
    sentences, titles = load_lines()
    rng = random.Random(17)
    folder.mkdir(parents=True)
    for i in range(n):
        (folder / f"report-{i:06d}.txt").write_text(report(rng, sentences, titles, i), encoding="utf-8")


def as_page(text: str) -> str:
    """A generated report as a news site's page: headline, byline, date, paragraphs, site chrome."""
    blocks = [b for b in text.split("\n\n") if b.strip()]
    title, meta, body = blocks[0], blocks[1].splitlines(), blocks[2:]
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in body)
    return (
        f'<!doctype html><html><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
        f'<meta property="og:site_name" content="Example News"></head><body>'
        '<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>'
        f"<article><h1>{html.escape(title)}</h1><p class=byline>{html.escape(meta[0])}</p>"
        f"<time>{html.escape(meta[-1])}</time>{paragraphs}</article>"
        "<footer>© Example News. All rights reserved. <a href=/privacy>Privacy</a></footer></body></html>"
    )


def write_pages(folder: Path, n: int, generated: bool) -> str:
    """N saved pages in `folder`; says where they come from."""
    folder.mkdir(parents=True)
    found = [] if generated else real_pages()
    if len(found) >= n:
        for i, page in enumerate(found[:n]):
            shutil.copyfile(page, folder / f"page-{i:05d}.html")
        return f"{n} real pages of {HTML_SETS}"
    sentences, titles = load_lines()
    rng = random.Random(23)
    for i in range(n):
        (folder / f"page-{i:05d}.html").write_text(as_page(report(rng, sentences, titles, i)), encoding="utf-8")
    why = "asked for" if generated else f"{HTML_SETS} holds {len(found)} pages, fewer than {n}"
    return f"{n} generated pages ({why})"


def real_pages() -> list[Path]:
    if not HTML_SETS.is_dir():
        return []
    pages = [
        p
        for p in sorted(HTML_SETS.rglob("*"))
        if p.suffix.lower() in (".html", ".htm")
        and p.is_file()
        and not any(h in str(p.relative_to(HTML_SETS)).lower() for h in HTML_HELD_OUT)
    ]
    random.Random(5).shuffle(pages)  # every set in the sample, not the first set only
    return pages


def cli(code: Path, args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "tui.cli", *args]
    done = subprocess.run(
        cmd, check=False, env=env, cwd=code, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])}... failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU time of finished child processes (with the workers they waited for)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(code: Path, inputs: Path, work: Path, pipeline: bool) -> Timing:
    """Wall and CPU seconds for ingest + index of `inputs` into a fresh corpus and index folder."""
    corpus, index = Path(tempfile.mkdtemp(dir=work)) / "articles", Path(tempfile.mkdtemp(dir=work))
    env = {**os.environ, "PYTHONPATH": str(code), "KURSK_READER_INDEX": str(index)}
    base = ["--articles", str(corpus)]
    cpu = cpu_seconds()
    if pipeline:
        wall = cli(code, [*base, "ingest", str(inputs)], env)
    else:
        wall = cli(code, [*base, "ingest", "--no-index", str(inputs)], env) + cli(code, [*base, "index"], env)
    used = cpu_seconds() - cpu
    shutil.rmtree(corpus.parent, ignore_errors=True)
    shutil.rmtree(index, ignore_errors=True)
    return wall, used


def row(n: int, label: str, runs: list[Timing], load: float) -> None:
    wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
    print(f"{n:>8} {label:<38} {wall:>7.1f} {n / wall:>8.0f} {cpu:>7.1f} {2 * n / cpu:>10.0f} {load:>7.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each row (the median is shown)")
    parser.add_argument("--before", type=Path, help="a checkout of the code to compare with this one")
    parser.add_argument("--html", type=int, default=0, metavar="N", help="also ingest N saved HTML pages")
    parser.add_argument("--html-generated", action="store_true", help="generated pages even when real ones exist")
    parser.add_argument("--no-two-step", action="store_true", help="only (b): ingest with indexing")
    args = parser.parse_args()
    codes = [("before", args.before.resolve())] if args.before else []
    codes.append(("after" if args.before else "this code", REPO))
    paths = [(True, "(b) ingest (indexing)")]
    if not args.no_two_step:
        paths.insert(0, (False, "(a) ingest --no-index; index"))
    print(f"{'inputs':>8} {'code, path':<38} {'wall s':>7} {'per s':>8} {'cpu s':>7} {'CPU rate':>10} {'load 1m':>7}")
    print(f"{'':>8} {'':<38} {'':>7} {'(wall)':>8} {'':>7} {'(x2 cores)':>10}")
    with tempfile.TemporaryDirectory(prefix="ingest-index-") as tmp:
        for n in args.sizes:
            reports = Path(tmp) / f"reports-{n}"
            write_reports(reports, n)
            for pipeline, label in paths:
                once = functools.partial(run, inputs=reports, work=Path(tmp), pipeline=pipeline)
                measure(n, label, codes, args.repeat, once)
        if args.html:
            pages = Path(tmp) / "pages"
            print(f"html: {write_pages(pages, args.html, args.html_generated)}", flush=True)
            once = functools.partial(run, inputs=pages, work=Path(tmp), pipeline=True)
            measure(args.html, "html pages, ingest (indexing)", codes, args.repeat, once)


def measure(n: int, label: str, codes: list[tuple[str, Path]], repeat: int, once: Callable[[Path], Timing]) -> None:
    """Each code's runs taken in turn (before, after, before, after...), so that a change in the load
    of the shared machine falls on both alike; the load is the mean of the 1-minute load before each."""
    runs: dict[str, list[Timing]] = {name: [] for name, _ in codes}
    loads: dict[str, list[float]] = {name: [] for name, _ in codes}
    for _ in range(repeat):
        for name, code in codes:
            loads[name].append(os.getloadavg()[0])  # before the run: what the other processes use
            runs[name].append(once(code))
    for name, _ in codes:
        row(n, f"{name}: {label}", runs[name], statistics.mean(loads[name]))


if __name__ == "__main__":
    main()
