"""End to end: the installed `kursk-reader` command in a real terminal (tmux), driven by keys.

Asserts on text only (capture-pane drops colour). Skipped when tmux or the command is missing."""

from __future__ import annotations

import re
import shutil
import subprocess
import time

import pytest

pytestmark = pytest.mark.e2e

SERVER = ["tmux", "-L", "kursk-e2e", "-f", "/dev/null"]


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
    """Send a key, again if the app did not react (a key sent while it is still starting is lost)."""
    for _ in range(attempts):
        tmux("send-keys", "-t", "app", key)
        try:
            return wait_for(predicate, what, timeout=3.0)
        except AssertionError:
            continue
    return wait_for(predicate, what, timeout=1.0)


@pytest.fixture
def reader_in_tmux(seed_corpus, tmp_path):
    if shutil.which("tmux") is None or shutil.which("kursk-reader") is None:
        pytest.skip("tmux or the kursk-reader command is not installed")
    env = {
        "TEXTUAL_ANIMATIONS": "none",
        "COLORTERM": "truecolor",
        "KURSK_READER_STATE": str(tmp_path / "state.json"),
        "KURSK_READER_INDEX": str(tmp_path / "index"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    # COLUMNS/LINES leak in from pytest and would pin the app at 80x24 whatever the pane size.
    command = f"env -u COLUMNS -u LINES kursk-reader --articles {seed_corpus}"
    env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    tmux("new-session", "-d", "-s", "app", "-x", "140", "-y", "42", *env_args, command)
    try:
        yield
    finally:
        tmux("kill-server")


def test_search_open_best_hit_and_jump_from_a_figure(reader_in_tmux, seed_articles):
    wait_for(lambda t: "Quit" in t and "Search" in t, "the footer")
    wait_for(lambda t: "index ready" in t, "the index")
    press_until("/", lambda t: "Clear search" in t, "the search box to take focus")  # footer shows Esc
    tmux("send-keys", "-t", "app", "-l", "sappers")
    wait_for(lambda t: "Search sappers" in t, "the query in the search box")
    with_sappers = [a for a in seed_articles if "sappers" in a.text.lower()]
    narrowed = f"Articles ({len(with_sappers)} of {len(seed_articles)})"
    wait_for(lambda t: narrowed in t, "the list narrowed to the articles that mention sappers")
    tmux("send-keys", "-t", "app", "Enter")
    time.sleep(0.5)
    tmux("send-keys", "-t", "app", "f")
    tmux("send-keys", "-t", "app", "Enter")
    time.sleep(0.5)
    tmux("send-keys", "-t", "app", "c")
    text = wait_for(lambda t: "Across outlets" in t, "the comparison view")
    assert re.search(r"= \d+ reports? state it", text)
    tmux("send-keys", "-t", "app", "Escape")
    wait_for(lambda t: "Across outlets" not in t, "the comparison view to close")
    tmux("send-keys", "-t", "app", "q")  # focus is back on the figures panel: q quits
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "app" in tmux("list-sessions"):
        time.sleep(0.2)
    assert "app" not in tmux("list-sessions")  # q quit the reader, which ended the session
