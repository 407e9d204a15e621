"""Reader speed: the useful first screen against a bare Textual app, in a real terminal, and how the article
list behaves with 10,000 and 100,000 articles.

    python benchmarks/startup.py [--runs 15] [--trees DIR,DIR] [--size 140x42] [--sizes 100,10000,100000]

First screen (issue 17, item 1: list, first article and its figures within 1.3x of a bare Textual hello): the
installed command's script (`kursk-reader`, run by this interpreter, so a version manager's shim is not
counted) and a bare Textual app (one Label) each start in a pseudo-terminal of --size (pty_terminal.py keeps
the screen from the bytes as they arrive). Timed from just before the process starts to the bytes that put on
screen: anything ("first paint"); the list, the open article and its figures ("useful": two outlets of the
list's rows (not every row fits a small terminal), the first words of the article, and a figure's "only
here" / "N other reports" line, or "No figures"). Each round runs, in a shuffled order: the bare app, and
for every --trees checkout (its `tui` first on PYTHONPATH) the reader with the screen remembered from the
last launch (the usual case) and, unless --no-first-launch, with nothing remembered (state /dev/null: the
list from the catalog cache, the article read and its figures extracted). Ratios are taken within a round
(each launch over that round's bare app), then the median over the rounds, so drifting machine load cancels
out; the 1-minute load average is printed before and after. CPU: the reader process's own (every thread) when
the useful output was read; children: the processes it had started when that output was parsed (up to ~20 ms
later). Two warm-up launches per tree fill the caches (catalog, index, analysis, bytecode) and quit with `q`
once search and analysis are done, leaving the state file that the remembered launches read (they are killed
once useful, so it stays as the warm-up left it). Caches, state, key map and bytecode live in a temporary
folder.

Bytecode (--bytecode): cached (default) every module from bytecode, as after `pip install` (a private
PYTHONPYCACHEPREFIX that the warm-ups fill); source: PYTHONDONTWRITEBYTECODE=1, tui compiled at every start.

Before/after in one run: `git worktree add --detach /tmp/before main`, then `--trees /tmp/before,.`.
Prints tables; not run by the test suite."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from pty_terminal import PtyRun  # noqa: E402

BARE_APP = """
from textual.app import App
from textual.widgets import Label

class Bare(App):
    def compose(self):
        yield Label("hello, bare textual")

Bare().run()
"""
BARE_SHOWN = "hello, bare textual"
FIGURES_SHOWN = re.compile(r"only here|\d+ other reports?|No figures in this article")
TIMEOUT = 30.0


def command_script() -> list[str]:
    """The installed `kursk-reader` script, run by this interpreter; `-m tui.cli` when it is not installed."""
    script = Path(sys.executable).parent / "kursk-reader"
    return [sys.executable, str(script)] if script.is_file() else [sys.executable, "-m", "tui.cli"]


def tree_env(tree: Path, tmp: Path, name: str, mode: str, state: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")}
    env.update(
        TERM="xterm-256color",
        COLORTERM="truecolor",
        PYTHONPATH=str(tree),
        KURSK_READER_ARTICLES=str(REPO / "articles"),  # every tree reads the same corpus
        KURSK_READER_INDEX=str(tmp / name / "index"),
        KURSK_READER_STATE=state,
        XDG_CACHE_HOME=str(tmp / name / "cache"),
        XDG_CONFIG_HOME=str(tmp / name / "config"),
        XDG_STATE_HOME=str(tmp / name / "state"),
    )
    env.pop("KURSK_READER_DEBUG", None)
    if mode == "cached":
        env["PYTHONPYCACHEPREFIX"] = str(tmp / "pycache")
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


class Markers:
    """What the useful screen shows, from the state file a warm-up left (the screen it remembered)."""

    def __init__(self, state_file: Path) -> None:
        screen = json.loads(state_file.read_text(encoding="utf-8"))["screen"]
        self.outlets = sorted({row[3][:14] for row in screen["rows"]})
        words, opening = screen["article"]["paragraphs"][0][0].split(), ""
        for word in words:
            if len(opening) + len(word) > 30:
                break
            opening = f"{opening} {word}".strip()
        self.opening = opening

    def useful(self, text: str) -> bool:
        listed = sum(outlet in text for outlet in self.outlets) >= min(2, len(self.outlets))  # rows of the list
        return self.opening in text and listed and FIGURES_SHOWN.search(text) is not None


class Launch:
    """One kind of launch: its command and environment, and what it measured in each round."""

    def __init__(self, label: str, argv: list[str], env: dict[str, str], markers: Markers | None) -> None:
        self.label, self.argv, self.env, self.markers = label, argv, env, markers
        self.painted: list[float] = []
        self.useful: list[float] = []
        self.cpu: list[float] = []
        self.children: list[int] = []

    def run(self, size: tuple[int, int]) -> None:
        run = PtyRun(self.argv, size, self.env, cwd=str(REPO))
        try:
            test = (lambda text: BARE_SHOWN in text) if self.markers is None else (lambda text: bool(text.strip()))
            painted = run.wait_for(test, TIMEOUT)
            useful = painted if self.markers is None else run.wait_for(self.markers.useful, TIMEOUT)
            cpu = run.cpu
            children = run.others_in_session()
        finally:
            run.close()
        if painted is None or useful is None:
            raise SystemExit(f"{self.label}: nothing useful on screen within {TIMEOUT:.0f} s:\n{run.screen.text()}")
        self.painted.append(painted)
        self.useful.append(useful)
        self.cpu.append(cpu)
        self.children.append(children)


def warm_up(argv: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
    """A launch that waits for the index, then quits with `q` (saving its state and screen)."""
    run = PtyRun(argv, size, env, cwd=str(REPO))
    try:
        settled = run.wait_for(lambda text: "index ready" in text and "finding figures" not in text, 120)
        if settled is None:
            raise SystemExit(f"warm-up: search and analysis not done within 120 s:\n{run.screen.text()}")
        run.wait_for(lambda text: False, 0.5)  # the state saved after the analysis (in a thread)
        os.write(run.master, b"q")
        run.wait_for(lambda text: False, 20)  # read on until it has gone (a terminal never stops reading)
        run.process.wait(timeout=5)
    finally:
        run.close()


def first_screen(trees: list[Path], runs: int, mode: str, size: tuple[int, int], first_launch: bool) -> None:
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        bare_env = tree_env(REPO, tmp, "bare", mode, os.devnull)
        bare = Launch("bare Textual app (one Label)", [sys.executable, "-c", BARE_APP], bare_env, None)
        launches = [bare]
        for i, tree in enumerate(trees):
            name = f"tree{i}"
            state = tmp / name / "state.json"
            env = tree_env(tree, tmp, name, mode, str(state))
            for _ in range(2):
                warm_up(command_script(), env, size)
            markers = Markers(state)
            label = tree.name if len(trees) > 1 else "kursk-reader"
            launches.append(Launch(f"{label}: screen remembered", command_script(), env, markers))
            if first_launch:
                env = tree_env(tree, tmp, name, mode, os.devnull)
                launches.append(Launch(f"{label}: nothing remembered", command_script(), env, markers))
        bare.run(size)  # the bare app's bytecode and the OS file cache, outside the timings
        bare.painted.clear(), bare.useful.clear(), bare.cpu.clear()
        for i in range(runs):
            order = launches[:]
            random.Random(i).shuffle(order)  # what one launch leaves behind (a busy core) hits each kind alike
            for launch in order:
                launch.run(size)
                time.sleep(0.3)
    load_after = os.getloadavg()
    print(f"\nFirst screen in a {size[0]}x{size[1]} pseudo-terminal, {runs} rounds, bytecode {mode}")
    print(f"load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after; {os.cpu_count()} cores")
    print("ms: median; ratio: median over rounds of (launch / that round's bare app), [quartiles]; CPU: the")
    print("process's own by the useful screen (all threads), and its ratio; children: processes it had started by then")
    header = f"{'launch':<44}{'painted':>8}{'ratio':>6}{'useful':>8}{'ratio':>6}{'quartiles':>12}"
    print(header + f"{'CPU ms':>8}{'ratio':>6}{'children':>9}")
    for launch in launches:
        painted = [t / b for t, b in zip(launch.painted, bare.painted, strict=True)]
        useful = [t / b for t, b in zip(launch.useful, bare.painted, strict=True)]
        cpu = [t / b for t, b in zip(launch.cpu, bare.cpu, strict=True)]
        q1, _, q3 = statistics.quantiles(useful, n=4) if len(useful) > 1 else (useful[0],) * 3
        print(
            f"{launch.label:<44}{statistics.median(launch.painted) * 1000:>8.0f}{statistics.median(painted):>6.2f}"
            f"{statistics.median(launch.useful) * 1000:>8.0f}{statistics.median(useful):>6.2f}"
            f"{f'[{q1:.2f}-{q3:.2f}]':>12}{statistics.median(launch.cpu) * 1000:>8.0f}{statistics.median(cpu):>6.2f}"
            f"{max(launch.children):>9}"
        )
    print("target: useful (screen remembered) <= 1.30")


def synthetic(count: int):
    from tui.corpus.model import Article, Paragraph, Span

    text = "North Korea will send 1,000 sappers and 5,000 military construction workers to Kursk."
    return [
        Article(
            id=f"{i:07d}_bench",
            title=f"Synthetic report number {i} on the Kursk deployment",
            title_derived=False,
            outlet=f"Outlet {i % 13}",
            url=None,
            author=None,
            published="2025-06-17" if i % 3 else None,
            raw_file="",
            raw_sha256="",
            paragraphs=[Paragraph(text)] * 3,
            sentences=[Span(0, len(text))],
        )
        for i in range(count)
    ]


async def measure_list(count: int) -> list[tuple[str, float]]:
    import tui.child_process
    from tui.app import ReaderApp
    from tui.search.engine import Hit, Match
    from tui.widgets.search_bar import SEARCH_LIMIT, SearchBar

    tui.child_process.START = "thread"  # the list's cost, not the analysis's (of no article here)
    articles = synthetic(count)
    rows: list[tuple[str, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        app = ReaderApp(Path(tmp), Path(tmp) / "index", Path(tmp) / "state.json", articles=[])
        async with app.run_test(size=(140, 42)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await app.workers.wait_for_complete()
            t = time.perf_counter()
            main = app.main
            main._children_started = True  # no search or analysis work: the list's cost alone
            main.session.preloaded = articles
            main.session.use_listing(articles)
            main.search.known = main.session.by_id
            await main._list_and_open(articles, None)
            await pilot.pause()
            rows.append(("list filled + first frame", time.perf_counter() - t))
            t = time.perf_counter()
            for _ in range(50):
                await pilot.press("down")
            await pilot.pause()
            rows.append(("cursor down (per key)", (time.perf_counter() - t) / 50))
            t = time.perf_counter()
            for _ in range(10):
                await pilot.press("pagedown")
            await pilot.pause()
            rows.append(("page down (per key)", (time.perf_counter() - t) / 10))
            t = time.perf_counter()
            await pilot.press("end")
            await pilot.pause()
            rows.append(("jump to the last article", time.perf_counter() - t))
            t = time.perf_counter()
            await pilot.press("enter")
            await pilot.pause()
            rows.append(("open it in the reader", time.perf_counter() - t))
            hits = [
                Hit(a.id, a.title, a.outlet, 1.0, "1,000 sappers and 5,000", [Match(22, 27, 0)])
                for a in articles[:: max(1, len(articles) // SEARCH_LIMIT)][:SEARCH_LIMIT]
            ]
            t = time.perf_counter()
            main.search.query_text = "sappers"
            main.search._answered(SearchBar._Answer("sappers", hits))
            await pilot.pause()
            rows.append((f"show the search hits (<= {SEARCH_LIMIT})", time.perf_counter() - t))
            t = time.perf_counter()
            main.search.clear()
            await pilot.pause()
            rows.append(("clear the search (Esc)", time.perf_counter() - t))
    return rows


def list_scaling(sizes: list[int]) -> None:
    results = {n: asyncio.run(measure_list(n)) for n in sizes}
    names = [name for name, _ in results[sizes[0]]]
    print("\nArticle list responsiveness (in-process via Pilot, 140x42; ms; each key includes Pilot's own")
    print("wait for the screen to settle, so compare the columns: flat means the list size does not matter)")
    print(f"{'operation':<32}" + "".join(f"{n:>12,}" for n in sizes))
    for i, name in enumerate(names):
        print(f"{name:<32}" + "".join(f"{results[n][i][1] * 1000:>12.1f}" for n in sizes))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15, help="rounds of first-screen launches")
    parser.add_argument("--trees", default=str(REPO), help="checkouts to compare, comma-separated (their tui/)")
    parser.add_argument("--size", default="140x42", help="the terminal, COLUMNSxLINES")
    parser.add_argument("--bytecode", choices=("cached", "source"), default="cached", help="see the top of this file")
    parser.add_argument("--no-first-launch", action="store_true", help="only the remembered-screen launches")
    parser.add_argument("--sizes", default="100,10000,100000", help="article-list sizes ('' for none)")
    args = parser.parse_args()
    columns, lines = (int(n) for n in args.size.lower().split("x"))
    trees = [Path(t).resolve() for t in args.trees.split(",") if t]
    if args.runs:
        first_screen(trees, args.runs, args.bytecode, (columns, lines), not args.no_first_launch)
    sys.path.insert(0, str(REPO))
    sizes = [int(n) for n in args.sizes.split(",") if n]
    if sizes:  # --sizes "": the first screen only
        list_scaling(sizes)


if __name__ == "__main__":
    main()
