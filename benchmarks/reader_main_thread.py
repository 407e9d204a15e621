"""What the reader's main thread (the event loop: every key waits for it) does while its workers run.

    python benchmarks/reader_main_thread.py [--size 10000] [--seconds 60] [--warm]

Launches `python -m tui.cli` from this checkout in a private tmux server (140x42) on the generated corpus
of benchmarks/reader_scale.py ($TMPDIR/kursk-scale/N, made by that script), presses Down/Up in the list
and types words in the search box for --seconds, and samples the reader's process with py-spy
(`pip install py-spy`; it needs ptrace rights). Prints the main thread's busiest functions (own and
cumulative share of its samples) and the key latencies seen meanwhile (screen polled as reader_scale
does). --warm: run once first, so the catalog cache and the index exist. Not run by the test suite."""

from __future__ import annotations

import argparse
import collections
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVER = ["tmux", "-L", f"kursk-main-thread-{os.getpid()}"]
WORDS = ["police", "minister", "election", "president", "health", "people", "court", "water", "troops"]


def tmux(*args: str) -> str:
    return subprocess.run([*SERVER, *args], capture_output=True, text=True, check=False).stdout


# --slow: asyncio's debug mode logs every main-thread callback over SLOW seconds (what held the keys).
SLOW = 0.08
SLOW_LAUNCHER = f"""
import asyncio.events, logging, sys
logging.basicConfig(filename=sys.argv[1], level=logging.WARNING, format="%(relativeCreated)d ms %(message)s")
new_event_loop = asyncio.events.new_event_loop


def slow_logging_loop():
    loop = new_event_loop()
    loop.slow_callback_duration = {SLOW}
    return loop


asyncio.events.new_event_loop = slow_logging_loop
from tui.cli import main
main([])
"""


def launch(corpus: Path, cache: Path, slow_log: Path | None = None) -> int:
    env = {
        "XDG_CACHE_HOME": str(cache / "cache"),
        "XDG_STATE_HOME": str(cache / "state"),
        "KURSK_READER_INDEX": str(cache / "index"),
        "KURSK_READER_ARTICLES": str(corpus),
        "PYTHONPATH": str(REPO),
    }
    command = f"{sys.executable} -m tui.cli"
    if slow_log is not None:
        env["PYTHONASYNCIODEBUG"] = "1"
        command = f"{sys.executable} -c {shlex.quote(SLOW_LAUNCHER)} {slow_log}"
    exports = " ".join(f"{k}={v}" for k, v in env.items())
    tmux("new-session", "-d", "-s", "r", "-x", "140", "-y", "42", f"exec env {exports} {command}")
    deadline = time.time() + 30
    while time.time() < deadline:
        pid = tmux("display", "-p", "-t", "r", "#{pane_pid}").strip()
        if pid.isdigit():
            return int(pid)
        time.sleep(0.05)
    raise SystemExit("the reader did not start")


def screen() -> str:
    return tmux("capture-pane", "-p", "-e", "-t", "r")


def drive(seconds: float) -> list[float]:
    """Down/Up in the list (timed until the screen changes) and words typed in the search box."""
    latencies: list[float] = []
    end = time.time() + seconds
    word = 0
    while time.time() < end:
        for i in range(20):
            before = screen()
            start = time.perf_counter()
            tmux("send-keys", "-t", "r", "Down" if i % 2 == 0 else "Up")
            while time.perf_counter() - start < 1:
                if screen() != before:
                    latencies.append((time.perf_counter() - start) * 1000)
                    break
                time.sleep(0.005)
            time.sleep(0.05)
        tmux("send-keys", "-t", "r", "/")
        time.sleep(0.2)
        tmux("send-keys", "-t", "r", "-l", WORDS[word % len(WORDS)])
        word += 1
        time.sleep(1.0)
        tmux("send-keys", "-t", "r", "Escape")
        time.sleep(0.3)
    return latencies


def main_thread_profile(raw: Path, pid: int, top: int) -> None:
    """The main thread's busiest functions; then, for the other busy threads (they hold the interpreter
    lock the main thread waits for), their busiest functions."""
    own: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    total: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    samples: collections.Counter[str] = collections.Counter()
    for line in raw.read_text().splitlines():
        stack, _, count_text = line.rpartition(" ")
        frames = stack.split(";")
        # "thread (<id>): <name>": the main thread's id is the process's
        thread = "main" if frames[0].split(":")[0] == f"thread ({pid})" else frames[0]
        count = int(count_text)
        samples[thread] += count
        names = [f.split(" (")[0] + " " + f.rsplit("/", 1)[-1].rstrip(")") for f in frames[1:]]
        if names:
            own[thread][names[-1]] += count
        for name in set(names):
            total[thread][name] += count
    others = [t for t, _n in samples.most_common() if t != "main"][:3]
    for thread in ["main", *others]:
        n = max(samples[thread], 1)
        print(f"\n{thread} thread: {samples[thread]} samples (the main thread's: {samples['main']})")
        print("own time:")
        for name, count in own[thread].most_common(top):
            print(f"  {100 * count / n:5.1f}%  {name}")
        if thread == "main":
            print("cumulative:")
            for name, count in total[thread].most_common(top * 2):
                print(f"  {100 * count / n:5.1f}%  {name}")


def print_latencies(latencies: list[float]) -> None:
    if latencies:
        ranked = sorted(latencies)
        p95 = ranked[min(len(ranked) - 1, int(0.95 * len(ranked)))]
        p50 = statistics.median(ranked)
        print(f"keys: {len(ranked)}, p50 {p50:.0f} ms, p95 {p95:.0f} ms, max {ranked[-1]:.0f} ms")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument("--slow", action="store_true", help=f"log main-thread callbacks over {SLOW} s (no py-spy)")
    args = parser.parse_args()
    if shutil.which("tmux") is None or shutil.which("py-spy") is None:
        print("needs tmux and py-spy: nothing measured", file=sys.stderr)
        return 1
    corpus = Path(tempfile.gettempdir()) / "kursk-scale" / str(args.size) / "articles"
    if not corpus.is_dir():
        print(f"no corpus at {corpus}: run benchmarks/reader_scale.py --sizes {args.size} once", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        cache = Path(tmp)
        if args.warm:
            launch(corpus, cache)
            time.sleep(60)
            tmux("kill-server")
        if args.slow:
            log = cache / "slow.log"
            launch(corpus, cache, log)
            time.sleep(3)
            try:
                latencies = drive(args.seconds)
            finally:
                tmux("kill-server")
            print_latencies(latencies)
            print(log.read_text() if log.exists() else "no callback was slow")
            return 0
        pid = launch(corpus, cache)
        time.sleep(3)
        raw = cache / "profile.txt"
        spy = subprocess.Popen(
            [
                "py-spy",
                "record",
                "-p",
                str(pid),
                "-f",
                "raw",
                "-o",
                str(raw),
                "-r",
                "200",
                "--threads",
                "--nonblocking",
                "-d",
                str(int(args.seconds) + 1),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            latencies = drive(args.seconds)
            spy.wait(timeout=120)  # it writes its samples when its duration is over
        finally:
            if spy.poll() is None:
                spy.kill()
            tmux("kill-server")
        print_latencies(latencies)
        if raw.exists():
            shutil.copy(raw, Path(tempfile.gettempdir()) / "reader_main_thread.raw")
            main_thread_profile(raw, pid, args.top)
        else:
            print("py-spy wrote nothing (ptrace not allowed?)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
