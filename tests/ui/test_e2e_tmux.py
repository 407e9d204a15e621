"""End to end: the installed `kursk-reader` command in a real terminal (tmux), driven by keys.

Asserts on text only (capture-pane drops colour). Skipped when tmux or the command is missing."""

from __future__ import annotations

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
    command = f"kursk-reader --articles {seed_corpus}"
    env_args = [arg for key, value in env.items() for arg in ("-e", f"{key}={value}")]
    tmux("new-session", "-d", "-s", "app", "-x", "140", "-y", "42", *env_args, command)
    print("SIZE", tmux("display", "-p", "-t", "app", "#{window_width}x#{window_height}"))
    try:
        yield
    finally:
        tmux("kill-server")


def test_search_open_best_hit_and_jump_from_a_figure(reader_in_tmux, seed_articles):
    wait_for(lambda t: "Quit" in t and "Search" in t, "the footer")
    wait_for(lambda t: "index ready" in t, "the index")
    tmux("send-keys", "-t", "app", "/")
    tmux("send-keys", "-t", "app", "-l", "sappers")
    text = wait_for(lambda t: "match" in t and "Articles (" in t and " of " in t, "search results")
    with_sappers = [a for a in seed_articles if "sappers" in a.text.lower()]
    assert f"Articles ({len(with_sappers)} of {len(seed_articles)})" in text
    tmux("send-keys", "-t", "app", "Enter")
    time.sleep(0.5)
    tmux("send-keys", "-t", "app", "f")
    tmux("send-keys", "-t", "app", "Enter")
    time.sleep(0.5)
    tmux("send-keys", "-t", "app", "c")
    text = wait_for(lambda t: "Across outlets" in t, "the comparison view")
    assert "agree" in text
    tmux("send-keys", "-t", "app", "Escape")
    tmux("send-keys", "-t", "app", "Tab")
    tmux("send-keys", "-t", "app", "q")
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and "app" in tmux("list-sessions"):
        time.sleep(0.2)
    assert "app" not in tmux("list-sessions")  # q quit the reader, which ended the session
