"""The search index's freshness check on an up-to-date corpus: what the reader's search process pays at
every launch before its first search. Each run is a fresh process that opens the index, calls
SearchIndex.update_from_folder() (nothing changed, so nothing should be written) and then answers one
query (the searcher opened: what the process settles at). Prints wall and CPU seconds, peak RSS
(ru_maxrss) when the check is done ("check pk") and at the end, RSS after the check and after the
query; the peak / settled ratio is the goal (<= 1.5).

    PYTHONPATH=$PWD python benchmarks/index_check_memory.py --articles DIR --index DIR [--before DIR] [--repeat 3]

The index folder is copied (never modified); each code version gets its own copy and one untimed run
first (it may write the stat stamps once). `--before DIR`: another checkout of the code (e.g.
`git archive main | tar -x -C DIR`), run the same way with PYTHONPATH=DIR. Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

_CHILD = r"""
import json, resource, sys, time
from pathlib import Path

def rss_mb():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0

from tui.search.engine import SearchIndex
start_rss = rss_mb()
wall, cpu = time.perf_counter(), time.process_time()
index = SearchIndex(Path(sys.argv[1]), Path(sys.argv[2]))
report = index.update_from_folder()
wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
after_check = rss_mb()
peak_check = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
index.search("report", limit=20)
print(json.dumps({
    "status": report.status, "documents": report.documents, "wall": wall, "cpu": cpu,
    "start": start_rss, "peak_check": peak_check, "peak": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    "after_check": after_check, "settled": rss_mb(),
}))
"""


def _run(code: Path, articles: Path, index: Path) -> dict[str, float | str]:
    env = dict(os.environ, PYTHONPATH=str(code))
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(articles), str(index)],
        env=env,
        cwd=code,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float | str] = json.loads(out.stdout.strip().splitlines()[-1])
    return result


def _measure(label: str, code: Path, articles: Path, index: Path, repeat: int, scratch: Path) -> list[str]:
    copy = scratch / f"index-{label}"
    shutil.copytree(index, copy)
    try:
        first = _run(code, articles, copy)  # may write the stamps once
        runs = [_run(code, articles, copy) for _ in range(repeat)]
    finally:
        shutil.rmtree(copy, ignore_errors=True)

    def med(key: str) -> float:
        return statistics.median(float(r[key]) for r in runs)

    status, documents = runs[0]["status"], int(float(runs[0]["documents"]))
    return [
        f"{label:<7} {status:<10} {documents:>8} {med('wall'):>7.2f} {med('cpu'):>7.2f}"
        f" {med('start'):>8.0f} {med('peak_check'):>8.0f} {med('peak'):>8.0f}"
        f" {med('after_check'):>8.0f} {med('settled'):>8.0f}"
        f" {med('peak') / med('settled'):>6.2f}   (first run: {first['status']}, {float(first['wall']):.2f} s)"
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, required=True)
    parser.add_argument("--index", type=Path, required=True)
    parser.add_argument("--before", type=Path, help="another checkout to compare")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    if not (args.index / "CURRENT").is_file():
        sys.exit(f"no search index in {args.index}: build one with `kursk-reader index` first")
    here = Path(__file__).resolve().parent.parent
    print("version status       articles  wall s   CPU s start MB check pk  peak MB check MB settled  peak/settled")
    with tempfile.TemporaryDirectory(prefix="index-check-") as scratch:
        versions = ([("before", args.before.resolve())] if args.before else []) + [("after", here)]
        for label, code in versions:
            for line in _measure(label, code, args.articles, args.index, args.repeat, Path(scratch)):
                print(line, flush=True)


if __name__ == "__main__":
    main()
