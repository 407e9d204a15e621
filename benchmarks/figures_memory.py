"""Peak memory of figure extraction on hostile sizes (issue 12 item 5), each case in a fresh subprocess.

    python benchmarks/figures_memory.py                       # this checkout
    python benchmarks/figures_memory.py --baseline ../main    # the same cases on another checkout, side by side

Cases: 20,000 numbers in one sentence (~190 KB), 30,000 numbers in one sentence (~290 KB), and a 20 MiB report
that is one sentence of words. Each row: figures kept, warnings, seconds (extraction and JSON records, timed
without tracemalloc), peak Python allocations (tracemalloc, a second run) and the process's peak resident size
(ru_maxrss)."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

CASES = {
    "20,000 numbers, one sentence": "numbers:20000",
    "30,000 numbers, one sentence": "numbers:30000",
    "20 MiB report, one sentence": "words:20971520",
}

_CHILD = r"""
import json, resource, sys, time, tracemalloc
from tui.corpus.model import Article, Paragraph
import tui.corpus.figures as figures_module
kind, size = sys.argv[1].split(":")
size = int(size)
if kind == "numbers":
    text = "Troops counted " + ", ".join(f"{n % 997 + 3} mines" for n in range(size)) + " near the road."
else:
    unit = "troops moved along the road near the river and 7 bridges "
    text = (unit * (size // len(unit) + 1))[:size] + "."
article = Article("hostile", "", True, None, None, None, None, "", "", [Paragraph(text)])
def run():
    if hasattr(figures_module, "scan_figures"):
        result = figures_module.scan_figures(article)
        figures, warnings = result.figures, result.warnings
    else:
        figures, warnings = figures_module.extract_figures(article), []
    return figures, warnings, json.dumps([f.to_dict() for f in figures])
t0 = time.perf_counter()
run()  # timed without tracemalloc, which slows allocation-heavy code several times
elapsed = time.perf_counter() - t0
tracemalloc.start()
figures, warnings, records = run()
peak = tracemalloc.get_traced_memory()[1]
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
print(json.dumps({"figures": len(figures), "warnings": len(warnings), "seconds": elapsed, "peak": peak,
                  "rss": rss, "json_bytes": len(records), "chars": len(text)}))
"""


def run_case(checkout: Path, spec: str, timeout: float) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(checkout)}
    try:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, spec],
            check=False,
            cwd=checkout,
            env=env,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"error": f"over {timeout:.0f} s"}
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["exit " + str(done.returncode)])[-1]
        return {"error": last[:60]}
    result: dict[str, object] = json.loads(done.stdout)
    return result


def mib(n: object) -> str:
    return f"{int(str(n)) / 2**20:,.1f} MiB"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--baseline", type=Path, help="another checkout to run the same cases on")
    ap.add_argument("--timeout", type=float, default=300.0, help="seconds per case (default 300)")
    args = ap.parse_args()
    checkouts = [("this checkout", REPO)]
    if args.baseline:
        checkouts.append((f"baseline {args.baseline}", args.baseline.resolve()))
    header = ["case", "code", "figures", "warnings", "seconds", "peak Python memory", "peak RSS", "JSON records"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for label, spec in CASES.items():
        for name, checkout in checkouts:
            r = run_case(checkout, spec, args.timeout)
            if "error" in r:
                print(f"| {label} | {name} | {r['error']} | | | | | |")
                continue
            print(
                f"| {label} | {name} | {r['figures']:,} | {r['warnings']} | {float(str(r['seconds'])):.2f} | "
                f"{mib(r['peak'])} | {mib(r['rss'])} | {mib(r['json_bytes'])} |"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
