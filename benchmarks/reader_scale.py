"""The reader as a user meets it at scale: a real terminal (tmux) driving `kursk-reader` on generated corpora.

    python benchmarks/reader_scale.py [--sizes 100,10000,100000] [--keys 40] [--timeout 600]

For each corpus size, cold (no catalog cache, no search index) then warm (both from the cold run), it
launches the reader in a 140x42 tmux pane and polls the screen (capture-pane, every ~10 ms), printing
seconds from launch to:
  first paint     anything on screen            list painted   the first article's title in the list
  first article   its first words in the reader figures        the panel no longer "Extracting figures…"
  search ready    `/` + a word gives a hit count claims ready  the status line stops "finding figures…"
and the reader process's RSS once everything is ready and settled (VmRSS) and its peak (VmHWM), and key
latency after the search, while the workers may still run (Down/Up in the article list: time until the
screen changes; p50/p95/max; a key that changes nothing within 1 s is not counted). A bare
Textual hello app is measured the same way in the same run (first paint). Generated corpora (real seed and
Wikinews sentences, benchmarks/scale_corpus.py) are kept in $TMPDIR/kursk-scale/N for the next run.
Not run by the test suite; needs tmux."""

from __future__ import annotations

import argparse
import os
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from scale_corpus import make_articles  # noqa: E402

from tui.corpus.store import Corpus  # noqa: E402

SIZE = (140, 42)
POLL = 0.01
SEARCH_WORD = "government"  # frequent in the Wikinews sentences the generator draws on
HIT_COUNT = re.compile(r"\d[\d,]* (article|match)")
BUSY_FIGURES = "Extracting figures"
BUSY_CLAIMS = "finding figures"

BARE_APP = """
from textual.app import App
from textual.widgets import Label
class Bare(App):
    def compose(self):
        yield Label("hello, bare textual")
Bare().run()
"""


@dataclass
class Run:
    label: str
    marks: dict[str, float] = field(default_factory=dict)
    keys_ms: list[float] = field(default_factory=list)
    rss_mb: float | None = None
    peak_mb: float | None = None


class Pane:
    """One tmux session running one command; the screen read as plain text."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.name = f"kursk-bench-{os.getpid()}-{time.monotonic_ns()}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.started = time.perf_counter()
        size = ["-x", str(SIZE[0]), "-y", str(SIZE[1])]
        subprocess.run(["tmux", "new-session", "-d", "-s", self.name, *size, f"env {exports} {command}"], check=True)

    def screen(self) -> str:
        out = subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", self.name], capture_output=True, text=True, check=False
        )
        return out.stdout

    def keys(self, *keys: str) -> None:
        subprocess.run(["tmux", "send-keys", "-t", self.name, *keys], check=False)

    def pid(self) -> int | None:
        out = subprocess.run(
            ["tmux", "display", "-p", "-t", self.name, "#{pane_pid}"], capture_output=True, text=True, check=False
        )
        return int(out.stdout) if out.stdout.strip().isdigit() else None

    def wait(self, test, deadline: float) -> tuple[float | None, str]:
        """Seconds from launch until `test(screen)` holds, or None at the deadline."""
        screen = ""
        while time.perf_counter() < deadline:
            screen = self.screen()
            if test(screen):
                return time.perf_counter() - self.started, screen
            time.sleep(POLL)
        return None, screen

    def close(self) -> None:
        subprocess.run(["tmux", "kill-session", "-t", self.name], capture_output=True, check=False)


def memory_mb(pid: int | None) -> tuple[float | None, float | None]:
    """(VmRSS, VmHWM) in MB of the pane's process and, if it is a shell, of its largest child."""
    if pid is None:
        return None, None
    best = (None, None)
    for candidate in [pid, *_children(pid)]:
        try:
            status = Path(f"/proc/{candidate}/status").read_text()
        except OSError:
            continue
        values = dict(re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M))
        rss = int(values.get("VmRSS", 0)) / 1024
        if best[0] is None or rss > best[0]:
            best = (rss, int(values.get("VmHWM", 0)) / 1024)
    return best


def _children(pid: int) -> list[int]:
    try:
        return [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    except OSError:
        return []


def corpus_for(size: int) -> Path:
    folder = Path(tempfile.gettempdir()) / "kursk-scale" / str(size) / "articles"
    if not (folder.is_dir() and len(list(folder.glob("*.yaml"))) == size):
        shutil.rmtree(folder.parent, ignore_errors=True)
        print(f"generating {size:,} articles in {folder} ...", file=sys.stderr)
        corpus = Corpus(folder)
        for article in make_articles(size):
            corpus.save(article)
    return folder


def measure_reader(label: str, corpus_dir: Path, cache: Path, n_keys: int, timeout: float) -> Run:
    first = Corpus(corpus_dir).load(sorted(Corpus(corpus_dir).ids())[0])
    title = first.title[:16]
    opening = " ".join(first.text.split()[:4])
    env = {
        "XDG_CACHE_HOME": str(cache / "cache"),
        "XDG_STATE_HOME": str(cache / "state"),
        "KURSK_READER_INDEX": str(cache / "index"),
        "KURSK_READER_ARTICLES": str(corpus_dir),
        "PYTHONPATH": str(REPO),
    }
    run = Run(label)
    pane = Pane(f"{shlex.quote(sys.executable)} -m tui.cli", env)
    deadline = pane.started + timeout
    try:
        run.marks["first paint"], _ = pane.wait(lambda s: s.strip() != "", deadline)
        run.marks["list painted"], _ = pane.wait(lambda s: title in s, deadline)
        run.marks["first article"], _ = pane.wait(lambda s: opening in " ".join(s.split()), deadline)
        run.marks["figures"], _ = pane.wait(lambda s: BUSY_FIGURES not in s, deadline)
        pane.keys("/")
        pane.keys("-l", SEARCH_WORD)
        run.marks["search ready"], _ = pane.wait(lambda s: bool(HIT_COUNT.search(s)), deadline)
        pane.keys("Escape")
        run.keys_ms = key_latencies(pane, n_keys, deadline)
        run.marks["claims ready"], _ = pane.wait(lambda s: BUSY_CLAIMS not in s, deadline)
        time.sleep(2)  # settle
        run.rss_mb, run.peak_mb = memory_mb(pane.pid())
    finally:
        pane.close()
    return run


def key_latencies(pane: Pane, n: int, deadline: float) -> list[float]:
    """Milliseconds from sending Down/Up in the article list to the screen changing."""
    latencies = []
    for i in range(n):
        before = pane.screen()
        start = time.perf_counter()
        pane.keys("Down" if i % 2 == 0 else "Up")
        changed, _ = pane.wait(lambda s, before=before: s != before, min(deadline, start + 1))
        if changed is not None:
            latencies.append((time.perf_counter() - start) * 1000)
        time.sleep(0.05)
    return latencies


def measure_bare(timeout: float) -> float | None:
    script = Path(tempfile.mkdtemp()) / "bare.py"
    script.write_text(BARE_APP)
    pane = Pane(f"{shlex.quote(sys.executable)} {shlex.quote(str(script))}", {})
    try:
        seconds, _ = pane.wait(lambda s: "hello, bare textual" in s, pane.started + timeout)
    finally:
        pane.close()
    return seconds


def percentile(values: list[float], p: float) -> float:
    """Nearest-rank percentile: a value that was measured, never an extrapolation."""
    ranked = sorted(values)
    return ranked[min(len(ranked) - 1, max(0, round(p / 100 * len(ranked) + 0.5) - 1))]


def fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "-"
    return f"{value:.2f} {unit}" if unit == "s" else f"{value:.0f} {unit}"


def print_table(bare: float | None, runs: list[Run]) -> None:
    marks = ["first paint", "list painted", "first article", "figures", "search ready", "claims ready"]
    print(f"\nbare Textual hello, first paint: {fmt(bare)}\n")
    print("| run | " + " | ".join(marks) + " | RSS settled | RSS peak | keys p50 / p95 / max |")
    print("|---|" + "---:|" * (len(marks) + 3))
    for r in runs:
        keys = (
            f"{statistics.median(r.keys_ms):.0f} / {percentile(r.keys_ms, 95):.0f} / {max(r.keys_ms):.0f} ms"
            if len(r.keys_ms) >= 2
            else "-"
        )
        cells = [fmt(r.marks.get(m)) for m in marks]
        print(f"| {r.label} | " + " | ".join(cells) + f" | {fmt(r.rss_mb, 'MB')} | {fmt(r.peak_mb, 'MB')} | {keys} |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000", help="comma-separated corpus sizes (100000 takes a while)")
    parser.add_argument("--keys", type=int, default=40, help="key presses timed per run")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a run may take")
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        print("tmux is not installed: nothing measured", file=sys.stderr)
        return 1
    bare = measure_bare(60)
    runs = []
    for size in [int(s) for s in args.sizes.split(",")]:
        corpus_dir = corpus_for(size)
        with tempfile.TemporaryDirectory() as cache:
            for label in ("cold", "warm"):
                runs.append(measure_reader(f"{size:,} {label}", corpus_dir, Path(cache), args.keys, args.timeout))
                print_table(bare, runs[-1:])
    print_table(bare, runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
