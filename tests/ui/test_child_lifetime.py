"""The reader's analysis child may start a pool of worker processes (so it is not a daemonic process), yet
nothing the reader started outlives it: killed (SIGKILL, no clean-up at all) or exiting without stopping
its children."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]

READER = """
import json, sys, time
sys.path.insert(0, {support!r})
from tui.child_process import Child
from pool_child import report_pool
child = Child(report_pool, (), workers=True)
print(json.dumps(child.receive()), flush=True)
if sys.argv[1] == "wait":
    time.sleep(120)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended: only its exit status waits for a parent to read it


def _start(how: str) -> tuple[subprocess.Popen[str], list[int]]:
    code = READER.format(support=str(Path(__file__).parent))
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    reader = subprocess.Popen([sys.executable, "-c", code, how], stdout=subprocess.PIPE, text=True, env=env)
    assert reader.stdout is not None
    try:
        pids = json.loads(reader.stdout.readline())
        assert len(pids) == 3  # the child and its two workers
    except BaseException:
        reader.kill()  # its child's watch ends the rest
        raise
    return reader, pids


def _gone_within(pids: list[int], seconds: float) -> list[int]:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and any(_alive(p) for p in pids):
        time.sleep(0.1)
    return [p for p in pids if _alive(p)]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_no_worker_outlives_a_killed_reader():
    reader, pids = _start("wait")
    assert all(_alive(p) for p in pids)
    os.kill(reader.pid, signal.SIGKILL)
    reader.wait()
    assert _gone_within(pids, 10) == []


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_reader_that_exits_without_stopping_its_child_neither_waits_for_it_nor_leaves_it():
    reader, pids = _start("exit")
    started = time.monotonic()
    reader.wait(timeout=30)
    assert time.monotonic() - started < 10  # not the child's 120 s of work
    assert _gone_within(pids, 10) == []
