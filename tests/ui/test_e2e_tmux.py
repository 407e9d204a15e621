"""End to end: the reader from this checkout (`python -m tui.cli`) in a real terminal (tmux), driven
by keys. Every step waits for what it expects on screen (polled with a deadline), never a fixed
sleep. Asserts on text only (capture-pane drops colour). Skipped when tmux is missing."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

# a server of this run's own: another checkout's tests on the same machine kill theirs when done
SERVER = ["tmux", "-L", f"kursk-e2e-{os.getpid()}", "-f", "/dev/null"]
CHECKOUT = Path(__file__).resolve().parents[2]


def tmux(*args: str) -> str:
    return subprocess.run([*SERVER, *args], capture_output=True, text=True, timeout=20).stdout


def screen() -> str:
    return tmux("capture-pane", "-p", "-t", "app")


def wait_for(predicate, what: str, timeout: float = 30.0) -> str:
    deadline = time.monotonic() + timeout
    text = ""
    while time.monotonic() < deadline:
        text = screen()
        if predicate(text):
            return text
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}; screen was:\n{text}")


def press_until(key: str, predicate, what: str, attempts: int = 5) -> str:
    """Send a key, again if the app did not react (a key sent while it is still starting is lost).
    Each try waits long enough for a loaded machine: a key resent to an app that was only slow lands in
    whatever took focus (a second "/" typed into the search box)."""
    for _ in range(attempts):
        tmux("send-keys", "-t", "app", key)
        try:
            return wait_for(predicate, what, timeout=8.0)
        except AssertionError:
            continue
    return wait_for(predicate, what, timeout=1.0)


def gone(timeout: float = 10.0) -> bool:
    """The reader quit, which ended the tmux session."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if "app" not in tmux("list-sessions"):
            return True
        time.sleep(0.2)
    return False


def start_reader(corpus, tmp_path, size: tuple[int, int]) -> None:
    env = {
        "TEXTUAL_ANIMATIONS": "none",
        "COLORTERM": "truecolor",
        "KURSK_READER_STATE": str(tmp_path / "state.json"),
        "KURSK_READER_INDEX": str(tmp_path / "index"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
        "PYTHONPATH": str(CHECKOUT),  # this checkout's tui, not an installed copy
    }
    # COLUMNS/LINES leak in from pytest and would pin the app at 80x24 whatever the pane size.
    command = f"env -u COLUMNS -u LINES {sys.executable} -m tui.cli --articles {corpus}"
    env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    tmux("new-session", "-d", "-s", "app", "-x", str(size[0]), "-y", str(size[1]), *env_args, command)


@pytest.fixture
def reader_in_tmux(seed_corpus, tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")

    def start(size: tuple[int, int] = (140, 42)) -> None:
        start_reader(seed_corpus, tmp_path, size)

    try:
        yield start
    finally:
        tmux("kill-server")


def test_search_open_best_hit_and_jump_from_a_figure(reader_in_tmux, seed_articles):
    reader_in_tmux()
    wait_for(lambda t: "Quit" in t and "Search" in t, "the footer")
    wait_for(lambda t: "index ready" in t, "the index")
    press_until("/", lambda t: "Leave search" in t, "the search box to take focus")  # footer shows Esc
    tmux("send-keys", "-t", "app", "-l", "sappers")
    wait_for(lambda t: "Search sappers" in t, "the query in the search box")
    with_sappers = [a for a in seed_articles if "sappers" in a.text.lower()]
    narrowed = f"Articles ({len(with_sappers)} of {len(seed_articles)})"
    wait_for(lambda t: narrowed in t, "the list narrowed to the articles that mention sappers")
    # Keys are handled in order: Enter (best hit, focus to the reader), f, Enter (a figure), c.
    tmux("send-keys", "-t", "app", "Enter")
    wait_for(lambda t: "Leave search" not in t, "the focus to leave the search box")
    tmux("send-keys", "-t", "app", "f", "Enter", "c")
    text = wait_for(lambda t: "Across outlets" in t, "the comparison view")
    assert re.search(r"(1 report states|\d+ reports state) it", text)
    tmux("send-keys", "-t", "app", "Escape")
    wait_for(lambda t: "Across outlets" not in t, "the comparison view to close")
    tmux("send-keys", "-t", "app", "q")  # focus is back on the figures panel: q quits
    assert gone(), "q did not quit the reader"


@pytest.mark.parametrize("size", [(80, 24), (140, 42)], ids=["80x24", "140x42"])
def test_escape_leaves_the_search_box_and_q_quits(reader_in_tmux, size):
    reader_in_tmux(size)
    wait_for(lambda t: "Quit" in t and "Help" in t, "the footer with Quit and Help")
    press_until("/", lambda t: "Leave search" in t, "the search box to take focus")
    tmux("send-keys", "-t", "app", "-l", "sapq")
    wait_for(lambda t: "sapq" in t, "the query in the search box")
    tmux("send-keys", "-t", "app", "Escape")
    wait_for(lambda t: "Leave search" not in t and "Quit" in t, "the focus to leave the search box")
    tmux("send-keys", "-t", "app", "q")
    assert gone(), "q after Esc did not quit the reader: " + screen()
