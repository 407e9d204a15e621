"""The reader as a user meets it at scale: a real terminal (tmux) driving `kursk-reader` on generated corpora.

    python benchmarks/reader_scale.py [--sizes 100,10000,100000] [--keys 40] [--timeout 600] [--story50]

For each corpus size, cold (no catalog cache, no search index) then warm (both from the cold run), it
launches the reader in a 140x42 tmux pane and polls the screen (capture-pane, every ~10 ms), printing
seconds from launch to:
  first paint     anything on screen            list painted   the first article's title in the list (or,
  first article   its first words in the reader                while hits are listed, the corpus size in it)
  figures         the panel no longer "Extracting figures…" (after the first article)
  search ready    `/` + a word, typed as soon as anything is on screen, gives a hit count (a cold list is
                  still being read then: search answers from the index meanwhile)
  claims ready    the status line stops "finding figures…"
and the reader process's RSS once everything is ready and settled (VmRSS) and its peak (VmHWM), the
largest RSS its child processes (search index, analysis) reached (sampled), key latency after the search,
while the workers may still run (Down/Up in the article list: time until the screen changes; p50/p95/max;
a key that changes nothing within 1 s is not counted), and search as you type: a word sent as one burst of
keys, timed from the burst to the screen showing that word's result count (the count is taken from an
earlier run of the same word; p50/p95 over --words words, twice each).

A run that passes --timeout is stopped there ("-" for what had not happened). When the child processes
together pass --child-max-gb (the machine is shared), the newest child (the analysis) is killed and the run
goes on. With --build-index, when a cold run ended before its index was built, the warm run gets one from
`kursk-reader index` first (said in the table).

`--story50`: the claims view (C) of a story of 50 generated reports of one event (a rising toll, sappers,
builders, a total): seconds from C to the view on screen, median of 7 opens.

`--list-only`: only what the article list needs (issue 17 item 2): first paint, list painted, first article,
the reader's CPU seconds by then, how the reader answers while the list is being read (help opened and
Tab moving the focus, time until the screen changes: "keys while listing"), the Down/Up latency once listed, and
opening another article (Down, Enter: seconds until its text shows). `--code DIR` runs the reader from
another checkout (a before/after comparison in the same conditions).

The measured checkout runs from bytecode compiled once per run into a private folder, as `pip install`
leaves it (`--source`: every module compiled at each launch and in each child, as runs before this option
did wherever PYTHONDONTWRITEBYTECODE was set). A bare Textual hello app is measured the same way in the same
run (first paint). Generated corpora (real
seed and Wikinews sentences, benchmarks/scale_corpus.py) are kept in $TMPDIR/kursk-scale/N for the next run.
Not run by the test suite; needs tmux."""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shlex
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO))

from scale_corpus import make_articles  # noqa: E402

from tui.corpus.model import Article, Paragraph, Span  # noqa: E402
from tui.corpus.sentences import split_sentences  # noqa: E402
from tui.corpus.store import Corpus  # noqa: E402

SIZE = (140, 42)
TMUX = ["tmux", "-L", "kursk-reader-bench"]  # a private server (--socket): never another user's sessions
POLL = 0.01
SEARCH_WORD = "government"  # frequent in the Wikinews sentences the generator draws on
TYPED_WORDS = ["police", "minister", "election", "president", "health", "people", "court", "water", "troops"]
HIT_COUNT = re.compile(r"\d[\d,]* (article|match)")
SEARCH_STATUS = re.compile(r"(\d[\d,]* of \d[\d,]* articles|\d[\d,]* articles?)( · \d[\d,]* match(es)?)?")
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
    search_ms: list[float] = field(default_factory=list)
    rss_mb: float | None = None
    peak_mb: float | None = None
    child_peak_mb: float | None = None
    search_mb: float | None = None  # the search process once settled (VmRSS)
    search_peak_mb: float | None = None  # its VmHWM
    others_peak_mb: float | None = None  # the other children together (analysis and its pool, catalog workers)
    total_peak_mb: float | None = None  # the reader and every child together, sampled
    cpu_s: float | None = None  # CPU seconds of the reader and its children (user + system)
    loading_keys_ms: list[float] = field(default_factory=list)  # --list-only: Tab while the list is read
    open_s: float | None = None  # --list-only: Down, Enter until that article's text shows
    stopped: str = ""  # why the run was cut short


class Pane:
    """One tmux session running one command; the screen read as plain text."""

    def __init__(self, command: str, env: dict[str, str]) -> None:
        self.name = f"kursk-bench-{os.getpid()}-{time.monotonic_ns()}"
        exports = " ".join(f"{k}={shlex.quote(v)}" for k, v in env.items())
        self.started = time.perf_counter()
        size = ["-x", str(SIZE[0]), "-y", str(SIZE[1])]
        where = ["-c", str(CODE)]  # `python -m` imports from its working folder first: the checkout measured
        command = f"env {exports} {command}"
        subprocess.run([*TMUX, "new-session", "-d", "-s", self.name, *where, *size, command], check=True)

    def screen(self, colour: bool = False) -> str:
        """The screen as text; `colour`: with its escape sequences (a cursor move changes only colours)."""
        out = subprocess.run(
            [*TMUX, "capture-pane", "-p", *(["-e"] if colour else []), "-t", self.name],
            capture_output=True,
            text=True,
            check=False,
        )
        screen = out.stdout
        if not colour:
            self._note_claims(screen)
            self._note_chain(screen)
        return screen

    def _note_chain(self, screen: str) -> None:
        """The first time each mark of the chain holds, its predecessors having held (seen passively)."""
        for name, test in self.chain:
            if name in self.seen:
                continue
            if not test(screen):
                return
            self.seen = {**self.seen, name: time.perf_counter() - self.started}

    def mark(self, name: str, deadline: float) -> float | None:
        """Seconds from launch to the chain's mark `name` (waited for if not seen yet)."""
        self.wait(lambda _s: name in self.seen, deadline)
        return self.seen.get(name)

    claims_at: float | None = None
    chain: list[tuple[str, Callable[[str], bool]]] = []  # marks seen in this order, while waiting for others
    seen: dict[str, float] = {}
    index_at: float | None = None  # when the status line first said "index ready" (the index checked or built)
    _claims_busy = False

    def _note_claims(self, screen: str) -> None:
        """When the status line stopped saying "finding figures" (seen passively, while waiting for other marks),
        and when it first said "index ready"."""
        if self.index_at is None and "index ready" in screen:
            self.index_at = time.perf_counter() - self.started
        if BUSY_CLAIMS in screen:
            self._claims_busy = True
        elif self._claims_busy and self.claims_at is None:
            self.claims_at = time.perf_counter() - self.started

    def keys(self, *keys: str) -> None:
        subprocess.run([*TMUX, "send-keys", "-t", self.name, *keys], check=False)

    def pid(self) -> int | None:
        out = subprocess.run(
            [*TMUX, "display", "-p", "-t", self.name, "#{pane_pid}"], capture_output=True, text=True, check=False
        )
        return int(out.stdout) if out.stdout.strip().isdigit() else None

    def wait(self, test, deadline: float, colour: bool = False) -> tuple[float | None, str]:
        """Seconds from launch until `test(screen)` holds, or None at the deadline (or when the children
        pass the memory cap)."""
        screen = ""
        sampled = 0.0
        while time.perf_counter() < deadline:
            screen = self.screen(colour)
            if test(screen):
                return time.perf_counter() - self.started, screen
            if time.perf_counter() - sampled > 0.5:
                sampled = time.perf_counter()
                self.sample_children()
            time.sleep(POLL)
        return None, screen

    child_peak_mb = 0.0
    child_max_mb = float("inf")
    stopped = ""
    samples: list[dict[int, float]] = []  # children's RSS by pid, every ~0.5 s
    total_peak_mb = 0.0

    def sample_children(self) -> None:
        """Track the children's memory; past the cap, kill the newest child (the analysis starts after the
        search process): the reader says the work failed and the run goes on."""
        children = spawned_children(self.pid())
        total = sum(rss for _pid, rss in children)
        self.samples = [*self.samples, dict(children)]
        self.child_peak_mb = max(self.child_peak_mb, total)
        self.total_peak_mb = max(self.total_peak_mb, total + (memory_mb(self.pid())[0] or 0))
        if total > self.child_max_mb and children:
            newest = max(pid for pid, _rss in children)
            with contextlib.suppress(OSError):
                os.kill(newest, signal.SIGKILL)
            self.stopped = f"a child killed at {total / 1024:.1f} GB"

    def close(self) -> None:
        subprocess.run([*TMUX, "kill-session", "-t", self.name], capture_output=True, check=False)


def memory_mb(pid: int | None) -> tuple[float | None, float | None]:
    """(VmRSS, VmHWM) in MB of the reader's own process (not its spawned children, not a shell)."""
    reader = next((p for p in _tree(pid) if "tui.cli" in _cmdline(p) and "multiprocessing" not in _cmdline(p)), None)
    if reader is None:
        return None, None
    values = _status(reader)
    return values.get("VmRSS", 0) / 1024, values.get("VmHWM", 0) / 1024


def search_child(pid: int | None) -> int | None:
    """The search process: of the reader's own spawned children still running, the one started first (the
    catalog's workers, started before it, are gone by then; the analysis starts after it)."""
    reader = next((p for p in _tree(pid) if "tui.cli" in _cmdline(p) and "multiprocessing" not in _cmdline(p)), None)
    if reader is None:
        return None
    spawned = [c for c in _children(reader) if "spawn_main" in _cmdline(c)]
    return min(spawned, key=_start_ticks, default=None)


def _start_ticks(pid: int) -> int:
    try:
        return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[19])
    except (OSError, ValueError, IndexError):
        return 1 << 62


def spawned_children(pid: int | None) -> list[tuple[int, float]]:
    """(pid, RSS MB) of the reader's worker processes (multiprocessing spawn: search index, analysis)."""
    return [(p, _status(p).get("VmRSS", 0) / 1024) for p in _tree(pid) if "spawn_main" in _cmdline(p)]


def cpu_seconds(pid: int | None) -> float:
    """User + system CPU seconds of the pane's processes and their waited-for children, so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for p in _tree(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += sum(int(v) for v in fields[11:15])  # utime, stime, cutime, cstime
    return total / ticks


def _tree(pid: int | None) -> list[int]:
    if pid is None:
        return []
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        todo += _children(p)
    return found


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return ""


def _status(pid: int) -> dict[str, int]:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return {}
    return {k: int(v) for k, v in re.findall(r"^(VmRSS|VmHWM):\s+(\d+) kB", status, re.M)}


def _children(pid: int) -> list[int]:
    """Children of every thread of the process (a worker thread's spawns are listed under its task)."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def corpus_for(size: int) -> Path:
    folder = Path(tempfile.gettempdir()) / "kursk-scale" / str(size) / "articles"
    if not (folder.is_dir() and len(list(folder.glob("*.yaml"))) == size):
        shutil.rmtree(folder.parent, ignore_errors=True)
        print(f"generating {size:,} articles in {folder} ...", file=sys.stderr)
        corpus = Corpus(folder)
        for article in make_articles(size):
            corpus.save(article)
    return folder


def measure_reader(
    label: str, corpus_dir: Path, cache: Path, n_keys: int, timeout: float, words: int, child_max_gb: float
) -> Run:
    first = Corpus(corpus_dir).load(sorted(Corpus(corpus_dir).ids())[0])
    title = first.title[:16]
    opening = " ".join(first.text.split()[:4])
    size = len(Corpus(corpus_dir).ids())
    listed = re.compile(rf"\b{size} articles( from| ·)|\d of {size}\)")  # the status line, or the list's title
    run = Run(label)
    pane = Pane(f"{shlex.quote(sys.executable)} -m tui.cli", reader_env(corpus_dir, cache))
    pane.chain = [
        ("list painted", lambda s: title in s or bool(listed.search(s))),
        ("first article", lambda s: opening in " ".join(s.split())),
        ("figures", lambda s: BUSY_FIGURES not in s),
    ]
    pane.child_max_mb = child_max_gb * 1024
    deadline = pane.started + timeout
    try:
        run.marks["first paint"], _ = pane.wait(lambda s: s.strip() != "", deadline)
        run.marks["search ready"] = search_from_launch(pane, deadline)
        for name, _test in pane.chain:
            run.marks[name] = pane.mark(name, deadline)
        pane.keys("/")
        pane.wait(lambda s: "Leave search" in s, deadline)
        run.search_ms = typing_latencies(pane, TYPED_WORDS[:words], deadline)
        pane.keys("Escape")
        run.keys_ms = key_latencies(pane, n_keys, deadline)
        ready, _ = pane.wait(lambda s: BUSY_CLAIMS not in s, deadline)
        run.marks["claims ready"] = pane.claims_at or ready
        if pane.index_at is None:
            pane.wait(lambda s: "index ready" in s, deadline)
        run.marks["index up to date"] = pane.index_at
        time.sleep(2)  # settle
        run.rss_mb, run.peak_mb = memory_mb(pane.pid())
        run.cpu_s = cpu_seconds(pane.pid())
    finally:
        searcher = search_child(pane.pid())
        if searcher is not None:
            values = _status(searcher)
            run.search_mb, run.search_peak_mb = values.get("VmRSS", 0) / 1024, values.get("VmHWM", 0) / 1024
        run.others_peak_mb = max((sum(v for p, v in s.items() if p != searcher) for s in pane.samples), default=0)
        run.total_peak_mb = pane.total_peak_mb or None
        if run.cpu_s is None:
            run.cpu_s = cpu_seconds(pane.pid())
        run.child_peak_mb = pane.child_peak_mb
        run.stopped = pane.stopped or ("timeout" if time.perf_counter() >= deadline else "")
        pane.close()
    return run


def search_from_launch(pane: Pane, deadline: float) -> float | None:
    """`/` and a word as soon as the screen shows anything: seconds from launch to its hit count, then Esc."""
    pane.keys("/")
    pane.wait(lambda s: "Leave search" in s, deadline)  # the box has the focus: letters are not keys
    pane.keys("-l", SEARCH_WORD)
    ready, _ = pane.wait(lambda s: bool(HIT_COUNT.search(_search_line(s))), deadline)
    pane.keys("Escape")
    return ready


def measure_listing(label: str, corpus_dir: Path, cache: Path, n_keys: int, timeout: float) -> Run:
    """--list-only: the list and the reader's answers while it is being read (see the module's doc)."""
    ids = sorted(Corpus(corpus_dir).ids())
    first, second = (Corpus(corpus_dir).load(i) for i in ids[:2])
    title = first.title[:16]
    run = Run(label)
    pane = Pane(f"{shlex.quote(sys.executable)} -m tui.cli", reader_env(corpus_dir, cache))
    deadline = pane.started + timeout
    try:
        run.marks["first paint"], _ = pane.wait(lambda s: s.strip() != "", deadline)
        while title not in pane.screen():  # until the list shows: does Tab move the focus at once?
            before = pane.screen(colour=True)
            start = time.perf_counter()
            pane.keys("Tab")
            changed, _ = pane.wait(lambda s, before=before: s != before, min(deadline, start + 5), colour=True)
            if changed is None:
                break
            run.loading_keys_ms.append((time.perf_counter() - start) * 1000)
            time.sleep(0.5)
        run.marks["list painted"], _ = pane.wait(lambda s: title in s, deadline)
        run.marks["first article"], _ = pane.wait(lambda s: _opening(first) in " ".join(s.split()), deadline)
        run.cpu_s = cpu_seconds(pane.pid())
        run.keys_ms = key_latencies(pane, n_keys, deadline)
        pane.keys("Home")
        time.sleep(0.3)
        start = time.perf_counter()
        pane.keys("Down", "Enter")
        heading = second.title[:16]  # in the list, and above the text once it is open
        opened, _ = pane.wait(lambda s: s.count(heading) >= 2, min(deadline, start + 10))
        run.open_s = None if opened is None else time.perf_counter() - start
        run.rss_mb, run.peak_mb = memory_mb(pane.pid())
    finally:
        run.stopped = "timeout" if time.perf_counter() >= deadline else ""
        pane.close()
        shutil.rmtree(cache / "state", ignore_errors=True)  # the next run opens the first article again
    return run


def _opening(article: Article) -> str:
    return " ".join(article.text.split()[:4])


def print_listing_table(runs: list[Run]) -> None:
    print("\n| run | first paint | list painted | first article | CPU by then | keys while listing p50 / max |", end="")
    print(" keys once listed p50 / p95 / max | open another | RSS |")
    print("|---|" + "---:|" * 8)
    for r in runs:
        label = f"{r.label} ({r.stopped})" if r.stopped else r.label
        while_listing = spread(r.loading_keys_ms, False, 1) if r.loading_keys_ms else "-"
        cells = [fmt(r.marks.get(m)) for m in ("first paint", "list painted", "first article")]
        print(
            f"| {label} | {' | '.join(cells)} | {fmt(r.cpu_s)} | {while_listing} ({len(r.loading_keys_ms)})"
            f" | {spread(r.keys_ms, True)} | {fmt(r.open_s)} | {fmt(r.rss_mb, 'MB')} |"
        )


def build_index(corpus_dir: Path, cache: Path) -> None:
    env = {**os.environ, **reader_env(corpus_dir, cache)}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tui.cli", "index"], env=env, capture_output=True, check=False)
    print(f"index built by `kursk-reader index` in {time.perf_counter() - started:.0f} s", file=sys.stderr)


CODE = REPO  # the checkout whose reader runs (--code)


INDEX: Path | None = None  # --index: an index built beforehand (`kursk-reader index`) instead of the cache's
PYCACHE: Path | None = None  # the measured checkout's bytecode, compiled once per run (main)


def reader_env(corpus_dir: Path, cache: Path) -> dict[str, str]:
    env = {
        "XDG_CACHE_HOME": str(cache / "cache"),
        "XDG_STATE_HOME": str(cache / "state"),
        "KURSK_READER_INDEX": str(INDEX or cache / "index"),
        "KURSK_READER_ARTICLES": str(corpus_dir),
        "PYTHONPATH": str(CODE),
    }
    if PYCACHE is not None:  # as installed by pip: every module from bytecode (an empty value unsets the other)
        env.update(PYTHONPYCACHEPREFIX=str(PYCACHE), PYTHONDONTWRITEBYTECODE="")
    return env


def compile_code(folder: Path) -> None:
    """The checkout's bytecode in `folder`, as `pip install` leaves it: a PYTHONDONTWRITEBYTECODE environment
    (or a read-only checkout) would otherwise have the reader and each of its children compile every module
    of tui at every launch (~1 s of CPU per analysis child), which no installed reader does."""
    env = {**os.environ, "PYTHONPYCACHEPREFIX": str(folder)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(CODE / "tui")], env=env, check=True)


def typing_latencies(pane: Pane, words: list[str], deadline: float) -> list[float]:
    """Milliseconds from a word sent as one burst of keys to the search status showing that word's count.
    The count is learnt from a first burst of the same word (given 5 s), then timed twice."""
    latencies = []
    for word in words:
        pane.keys("C-u")  # clear the box, stay in it
        time.sleep(0.3)
        pane.keys("-l", word)
        time.sleep(3)
        final = SEARCH_STATUS.search(_search_line(pane.screen()))
        if final is None:
            continue
        expected = final.group(0)
        for _ in range(2):
            pane.keys("C-u")
            pane.wait(lambda s: SEARCH_STATUS.search(_search_line(s)) is None, min(deadline, time.perf_counter() + 3))
            start = time.perf_counter()
            pane.keys("-l", word)
            shown, _ = pane.wait(lambda s, expected=expected: expected in _search_line(s), min(deadline, start + 5))
            if shown is not None:
                latencies.append((time.perf_counter() - start) * 1000)
    return latencies


def _search_line(screen: str) -> str:
    """The search bar's line (the second row of the screen)."""
    lines = screen.splitlines()
    return lines[1] if len(lines) > 1 else ""


def measure_claims_view(corpus_dir: Path, cache: Path, timeout: float, opens: int = 7) -> list[float]:
    """Seconds from C to the claims view of the open report's 50-report story on screen."""
    pane = Pane(f"{shlex.quote(sys.executable)} -m tui.cli", reader_env(corpus_dir, cache))
    deadline = pane.started + timeout
    times: list[float] = []
    try:
        pane.wait(lambda s: "Articles (50)" in s and BUSY_CLAIMS not in s and "index ready" in s, deadline)
        for _ in range(opens):
            start = time.perf_counter()
            pane.keys("C")
            shown, _ = pane.wait(lambda s: "Claims: " in s and "Esc closes" in s, min(deadline, start + 10))
            if shown is not None:
                times.append(time.perf_counter() - start)
            pane.keys("Escape")
            pane.wait(lambda s: "Claims: " not in s, min(deadline, time.perf_counter() + 5))
            time.sleep(0.3)
    finally:
        pane.close()
    return times


def story_of_50(folder: Path) -> Path:
    """50 reports of one event by 50 outlets over ten days: a toll that rises, sappers and builders sent,
    their total, visits; each worded a little differently (written here, for this benchmark)."""
    if folder.is_dir() and len(list(folder.glob("*.yaml"))) == 50:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    corpus = Corpus(folder)
    counts = ["sappers", "deminers", "combat engineers", "mine clearance specialists"]
    for i in range(50):
        day = 1 + i // 5
        toll = 200 + 21 * (i // 5)
        text = (
            f"The death toll from the floods in the Kursk region rose to {toll} people on Monday, officials said. "
            f"North Korea will send 1,000 {counts[i % 4]} to clear mines in the region. "
            f"It will also send 5,000 military construction workers to rebuild what was destroyed. "
            f"In all 6,000 North Korean personnel are expected to arrive by the end of the year. "
            f"Sergei Shoigu made his {'second' if i % 2 else 'third'} visit to Pyongyang this month. "
            f"Report number {i + 1} of the Outlet {i + 1:02d} news desk followed the story through the night."
        )
        corpus.save(
            Article(
                id=f"story50-{i:02d}",
                title=f"Kursk floods: toll rises to {toll} as North Korea sends sappers ({i + 1})",
                title_derived=False,
                outlet=f"Outlet {i + 1:02d}",
                url=None,
                author=None,
                published=f"2026-07-{day:02d}",
                raw_file=f"raw/story50-{i:02d}.txt",
                raw_sha256="0" * 64,
                paragraphs=[Paragraph(text)],
                sentences=[Span(s, e) for s, e in split_sentences(text)],
            )
        )
    return folder


def key_latencies(pane: Pane, n: int, deadline: float) -> list[float]:
    """Milliseconds from sending Down/Up in the article list to the screen changing."""
    latencies = []
    for i in range(n):
        before = pane.screen(colour=True)
        start = time.perf_counter()
        pane.keys("Down" if i % 2 == 0 else "Up")
        changed, _ = pane.wait(lambda s, before=before: s != before, min(deadline, start + 1), colour=True)
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
    marks = ["first paint", "list painted", "first article", "figures", "search ready", "index up to date"]
    marks.append("claims ready")
    print(f"\nbare Textual hello, first paint: {fmt(bare)}\n")
    head = " | ".join(marks)
    print(
        f"| run | {head} | reader RSS settled / peak | search child settled / peak | other children peak"
        " | all together peak | keys p50 / p95 / max | typing p50 / p95 | CPU |"
    )
    print("|---|" + "---:|" * (len(marks) + 7))
    for r in runs:
        cells = [fmt(r.marks.get(m)) for m in marks]
        label = f"{r.label} ({r.stopped})" if r.stopped else r.label
        print(
            f"| {label} | "
            + " | ".join(cells)
            + f" | {fmt(r.rss_mb, 'MB')} / {fmt(r.peak_mb, 'MB')}"
            + f" | {fmt(r.search_mb, 'MB')} / {fmt(r.search_peak_mb, 'MB')}"
            + f" | {fmt(r.others_peak_mb or None, 'MB')} | {fmt(r.total_peak_mb, 'MB')}"
            + f" | {spread(r.keys_ms, True)} | {spread(r.search_ms, False)} | {fmt(r.cpu_s)} |"
        )


def spread(values: list[float], with_max: bool, least: int = 2) -> str:
    if len(values) < least:
        return "-"
    cells = [statistics.median(values)] + ([max(values)] if least < 2 else [percentile(values, 95)])
    cells += [max(values)] if with_max and least >= 2 else []
    return " / ".join(f"{v:.0f}" for v in cells) + " ms"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,10000", help="comma-separated corpus sizes (100000 takes a while)")
    parser.add_argument("--keys", type=int, default=40, help="key presses timed per run")
    parser.add_argument("--words", type=int, default=6, help="words typed (each timed twice) per run")
    parser.add_argument("--timeout", type=float, default=600, help="seconds a run may take")
    parser.add_argument("--child-max-gb", type=float, default=8, help="kill a child when the children pass this")
    parser.add_argument("--story50", action="store_true", help="also time the claims view of a 50-report story")
    parser.add_argument("--runs", default="cold,warm", help="which runs per size: cold, warm or both")
    parser.add_argument("--build-index", action="store_true", help="after a cut-short cold run, build the index")
    parser.add_argument("--list-only", action="store_true", help="only the list, and keys while it is read")
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose reader runs")
    parser.add_argument("--socket", default="kursk-reader-bench", help="the tmux server's name (tmux -L)")
    parser.add_argument("--index", type=Path, help="use this index folder (built by `kursk-reader index`)")
    parser.add_argument("--cache", type=Path, help="keep the catalog, analysis and state here between invocations")
    parser.add_argument("--source", action="store_true", help="no bytecode: tui compiled at every launch (old runs)")
    args = parser.parse_args()
    global CODE, INDEX, TMUX
    TMUX = ["tmux", "-L", args.socket]
    CODE = args.code.resolve()
    INDEX = args.index.resolve() if args.index else None
    if shutil.which("tmux") is None:
        print("tmux is not installed: nothing measured", file=sys.stderr)
        return 1
    global PYCACHE
    bytecode = contextlib.ExitStack()
    if not args.source:
        PYCACHE = Path(bytecode.enter_context(tempfile.TemporaryDirectory())) / "pycache"
        compile_code(PYCACHE)
    with bytecode:
        return measure(args)


def measure(args: argparse.Namespace) -> int:
    bare = measure_bare(60)
    runs = []
    for size in [int(s) for s in args.sizes.split(",") if s]:
        corpus_dir = corpus_for(size)
        with contextlib.ExitStack() as stack:
            cache = str(args.cache.resolve()) if args.cache else stack.enter_context(tempfile.TemporaryDirectory())
            for label in ("cold", "warm"):
                if label not in args.runs:
                    continue
                if args.list_only:
                    runs.append(measure_listing(f"{size:,} {label}", corpus_dir, Path(cache), args.keys, args.timeout))
                    print_listing_table(runs[-1:])
                    continue
                if label == "warm" and args.build_index and runs and runs[-1].marks.get("search ready") is None:
                    build_index(corpus_dir, Path(cache))
                    label = "warm (index from `kursk-reader index`)"
                run = measure_reader(
                    f"{size:,} {label}", corpus_dir, Path(cache), args.keys, args.timeout, args.words, args.child_max_gb
                )
                runs.append(run)
                print_table(bare, runs[-1:])
    if args.list_only:
        print(f"\nbare Textual hello, first paint: {fmt(bare)}; reader code: {CODE}")
        print_listing_table(runs)
        return 0
    print_table(bare, runs)
    if args.story50:
        folder = story_of_50(Path(tempfile.gettempdir()) / "kursk-scale" / "story50" / "articles")
        with tempfile.TemporaryDirectory() as cache:
            times = measure_claims_view(folder, Path(cache), args.timeout)
        if times:
            print(
                f"\nclaims view of a 50-report story: median {statistics.median(times) * 1000:.0f} ms, "
                f"max {max(times) * 1000:.0f} ms over {len(times)} opens"
            )
        else:
            print("\nclaims view of a 50-report story: never shown")
    return 0


if __name__ == "__main__":
    sys.exit(main())
