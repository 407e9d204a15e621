"""Ingest + search index of N raw reports: today's two steps against the one pipeline.

Generates N raw .txt reports in a temp folder (sentences of the bundled raw reports and of
../shared/corpora/wikinews_en_2019_2020.jsonl when present, recombined with a fixed seed; a headline,
a byline and a date line on top), then times, each in a fresh corpus and index folder:
  (a) `kursk-reader ingest --no-index DIR` then `kursk-reader index` (one after the other)
  (b) `kursk-reader ingest DIR` (the index updated as it goes)
and prints articles/s and the ratio b/a. Other processes share the cores: the 1-minute load
average is printed beside each row (a load near the core count means the numbers are low).

    PYTHONPATH=$PWD python benchmarks/ingest_index.py 1000 10000 [--repeat 1]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WIKINEWS = REPO.parent / "shared" / "corpora" / "wikinews_en_2019_2020.jsonl"
if not WIKINEWS.is_file():
    WIKINEWS = Path("/work/shared/corpora/wikinews_en_2019_2020.jsonl")
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


def cli(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    cmd = [sys.executable, "-m", "tui.cli", *args]
    done = subprocess.run(
        cmd, check=False, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:3])}... failed ({done.returncode}): {done.stderr.strip()[-300:]}")
    return time.perf_counter() - started


def cpu_seconds() -> float:
    """CPU time of finished child processes (with the workers they waited for)."""
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def run(reports: Path, work: Path, pipeline: bool) -> tuple[float, float]:
    """Wall and CPU seconds for ingest + index of `reports` into a fresh corpus and index folder."""
    corpus, index = Path(tempfile.mkdtemp(dir=work)) / "articles", Path(tempfile.mkdtemp(dir=work))
    env = {**os.environ, "PYTHONPATH": str(REPO), "KURSK_READER_INDEX": str(index)}
    base = ["--articles", str(corpus)]
    cpu = cpu_seconds()
    if pipeline:
        wall = cli([*base, "ingest", str(reports)], env)
    else:
        wall = cli([*base, "ingest", "--no-index", str(reports)], env) + cli([*base, "index"], env)
    return wall, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[1000, 10000])
    parser.add_argument("--repeat", type=int, default=1, help="runs of each path (the median is shown)")
    args = parser.parse_args()
    print(f"{'reports':>8} {'path':<28} {'wall s':>7} {'articles/s':>11} {'cpu s':>7} {'load 1m':>8}")
    with tempfile.TemporaryDirectory(prefix="ingest-index-") as tmp:
        for n in args.sizes:
            reports = Path(tmp) / f"reports-{n}"
            write_reports(reports, n)
            rates = {}
            for pipeline, label in ((False, "(a) ingest --no-index; index"), (True, "(b) ingest (indexing)")):
                load = os.getloadavg()[0]  # before the run: what the other processes use
                runs = [run(reports, Path(tmp), pipeline) for _ in range(args.repeat)]
                wall, cpu = statistics.median(w for w, _ in runs), statistics.median(c for _, c in runs)
                rates[pipeline] = n / wall
                print(f"{n:>8} {label:<28} {wall:>7.1f} {rates[pipeline]:>11.0f} {cpu:>7.1f} {load:>8.2f}", flush=True)
            print(f"{n:>8} {'ratio b/a (articles/s)':<28} {'':>7} {rates[True] / rates[False]:>10.2f}x", flush=True)


if __name__ == "__main__":
    main()
