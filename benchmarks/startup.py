"""Reader speed: first frame against a bare Textual app (same run, same machine), and how the article
list behaves with 10,000 and 100,000 articles.

    python benchmarks/startup.py [--runs 9] [--sizes 10000,100000] [--bytecode cached|source|both]

First frame: a fresh interpreter per run (imports included), headless, timed from just before the
process starts to the first frame the compositor hands to the driver; the median of --runs, the bare
app, the reader and the command interleaved. "useful" is the first frame that shows the list, the open
article and its figures (the issue 17 target: within 1.3x of the bare app): with the screen remembered
from the last launch (the state file; the usual case), and with nothing remembered (a first launch: the
list and the article are read from the corpus, the figures extracted). The children import tui from
this checkout (they run in it), never an installed copy.

Bytecode, because it decides ~10 ms of the reader's imports and none of the bare app's:
  cached  every module (stdlib, Textual, tui) from bytecode, as after `pip install`: the children run
          with a private PYTHONPYCACHEPREFIX that warm-up runs fill first (the checkout gets no
          __pycache__).
  source  the environment as given with PYTHONDONTWRITEBYTECODE=1: Textual and the stdlib from their
          installed bytecode, tui compiled from source at every start (an editable install in a shell
          that sets PYTHONDONTWRITEBYTECODE, as on the development machine).
Prints tables; not run by the test suite."""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

BARE_APP = """
import sys, time
from textual.app import App
from textual.widgets import Label

class Bare(App):
    framed = False
    def compose(self):
        yield Label("hello")
    def _display(self, screen, renderable):  # the first frame the compositor hands to the driver
        super()._display(screen, renderable)
        if renderable is not None and not self.framed:
            self.framed = True
            print("first_frame", time.time())
            self.exit()

Bare().run(headless=True, size=(140, 42))
"""

READER_APP = """
import sys, time
from pathlib import Path
from tui.app import ReaderApp
from tui.paths import articles_dir

def useful(screen) -> bool:
    \"\"\"The screen shows the list, the open article and its figures (read from the corpus, or the screen
    remembered from the last launch): the widgets hold them and have been laid out.\"\"\"
    from textual.css.query import NoMatches
    try:
        rows, reader = screen.article_list, screen.reader
    except NoMatches:
        return False
    row = rows.highlighted
    text = reader.paragraphs[:1] or reader.query("#remembered-text")  # read from the corpus, or remembered
    if row is None or not row.title or not text or not text[0].region.width:
        return False
    pending = screen.query("#figures-pending")
    if pending:
        return bool(str(pending.first().content)) and pending.first().region.width > 0
    panel = screen.figures_panel
    return panel.option_count > 0 and panel.article_id == screen.open_article_id and "Extracting" not in str(
        panel.get_option_at_index(0).prompt
    )

class Timed(ReaderApp):
    framed = article = False
    def _display(self, screen, renderable):  # a frame the compositor hands to the driver
        super()._display(screen, renderable)
        if renderable is None:
            return
        if not self.framed:
            self.framed = True
            print("first_frame", time.time())
        if useful(self.main):
            print("first_figures", time.time())
            self.exit()

tmp = Path(sys.argv[1])
Timed(articles_dir(), tmp / "index", Path(sys.argv[2])).run(headless=True, size=(140, 42))
"""

# The warm-up launch: it quits once the open article's own figures are shown, saving its state (with the
# screen, for the next launch to draw first).
WARM_UP = """
import sys
from pathlib import Path
from tui.app import ReaderApp
from tui.paths import articles_dir

class WarmUp(ReaderApp):
    def on_mount(self):
        super().on_mount()
        self.set_interval(0.05, self.quit_when_figures_shown)

    async def quit_when_figures_shown(self):
        article = self.main.reader.article
        if article is not None and self.main.session.figures(article.id) is not None:
            await self.action_quit()

tmp = Path(sys.argv[1])
WarmUp(articles_dir(), tmp / "index", Path(sys.argv[2])).run(headless=True, size=(140, 42))
"""

COMMAND = """
import os, sys, time
import tui.app
from tui.cli import main

class Timed(tui.app.ReaderApp):
    framed = False
    def _display(self, screen, renderable):
        super()._display(screen, renderable)
        if renderable is not None and not self.framed:
            self.framed = True
            print("first_frame", time.time())
            self.exit()
    def run(self, **kwargs):
        return super().run(headless=True, size=(140, 42))

tui.app.ReaderApp = Timed  # run_app builds the app from this name
main([])
"""


WHICH_TUI = "import tui, sys; print('tui_from', tui.__file__)"


def time_child(script: str, *args: str, env: dict[str, str] | None = None) -> dict[str, float]:
    started = time.time()
    out = subprocess.run(
        [sys.executable, "-c", script, *args],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=120,
        check=True,
        env=env,
    ).stdout
    marks = {}
    for line in out.splitlines():
        name, _, stamp = line.partition(" ")
        if name in ("first_frame", "first_figures"):
            marks[name] = float(stamp) - started
    return marks


def child_env(mode: str, pycache: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPYCACHEPREFIX", "PYTHONDONTWRITEBYTECODE")}
    if mode == "cached":
        env["PYTHONPYCACHEPREFIX"] = pycache
    else:
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    return env


def mode_label(mode: str) -> str:
    if mode == "cached":
        return "bytecode: every module from cached bytecode, as installed by pip"
    compiled = any((REPO / "tui").rglob("__pycache__/*.pyc"))
    ours = "tui/ from its __pycache__ (delete it to measure compiling)" if compiled else "tui/ compiled from source"
    return f"bytecode: stdlib and Textual from their installed bytecode, {ours}"


def first_frame(runs: int, mode: str) -> None:
    bare, ours, remembered, first_launch, command = [], [], [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        env = {
            **child_env(mode, f"{tmp}/pycache"),
            "KURSK_READER_INDEX": f"{tmp}/index",
            "KURSK_READER_STATE": f"{tmp}/state.json",
        }
        where = subprocess.run(
            [sys.executable, "-c", WHICH_TUI], capture_output=True, text=True, cwd=REPO, env=env, check=True
        ).stdout
        assert str(REPO / "tui") in where, f"the children would import another tui: {where}"
        state = f"{tmp}/state.json"
        # Warm the OS file cache, the index and (cached mode) the bytecode once, outside the timings; the
        # reader that waits for its figures leaves a state file with its screen for the next launch.
        time_child(BARE_APP, env=env)
        time_child(WARM_UP, tmp, state, env=env)
        time_child(COMMAND, env=env)

        def run_bare() -> None:
            bare.append(time_child(BARE_APP, env=env)["first_frame"])

        def run_reader() -> None:
            marks = time_child(READER_APP, tmp, state, env=env)
            ours.append(marks["first_frame"])
            remembered.append(marks["first_figures"])

        def run_first_launch() -> None:
            first_launch.append(time_child(READER_APP, tmp, os.devnull, env=env)["first_figures"])

        def run_command() -> None:
            command.append(time_child(COMMAND, env=env)["first_frame"])

        order = [run_bare, run_reader, run_first_launch, run_command]
        for i in range(runs):  # interleaved so drift in machine load hits all alike; the order is
            random.Random(i).shuffle(order)  # shuffled, so what a run leaves running hits each kind alike
            for child in order:
                child()
                time.sleep(0.2)  # a first launch has started its search and analysis processes
    print(f"\nFirst frame, median of {runs} runs (fresh interpreter, headless, 140x42)")
    print(mode_label(mode))
    print("ratio: the median of each run's time over the bare app's in the same round (so load that")
    print("drifts between rounds cancels out)")
    print(f"{'app':<60}{'ms':>8}{'ratio':>8}")
    rows = [
        ("bare Textual app (one Label)", bare, ""),
        ("ReaderApp: first frame", ours, ""),
        ("ReaderApp: list, article, figures (screen remembered)", remembered, "   target <= 1.30"),
        ("ReaderApp: list, article, figures (first launch)", first_launch, ""),
        ("`kursk-reader` (tui.cli.main): first frame", command, "   target <= 1.30"),
    ]
    for name, times, note in rows:
        ratio = statistics.median(t / b for t, b in zip(times, bare, strict=True))
        print(f"{name:<60}{statistics.median(times) * 1000:>8.0f}{ratio:>8.2f}{note}")


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
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument(
        "--bytecode",
        choices=("cached", "source", "both"),
        default="both",
        help="how modules are loaded in the first-frame runs (see the top of this file)",
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    for mode in ("cached", "source") if args.bytecode == "both" else (args.bytecode,):
        first_frame(args.runs, mode)
    sizes = [int(n) for n in args.sizes.split(",") if n]
    if sizes:  # --sizes "": the first frame only
        list_scaling(sizes)


if __name__ == "__main__":
    main()
