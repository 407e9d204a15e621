"""Process pools for corpus work (ingest, the catalog, stories and claims): spawned workers that end with
the process that started them. A pool's workers hold both ends of its task queue, so when their parent is
killed (SIGKILL, out of memory) they would wait for work forever; each watches its parent instead."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager

PARENT_CHECK_SECONDS = 0.5


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """`workers` spawned processes (no fork: the parent may hold threads and locks) that exit when the
    process that made them is gone."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=exit_with_parent, initargs=(os.getpid(),)
    )


@contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic collection while corpus-wide work runs in a process of its own (a worker's task, a command):
    it builds millions of objects with no cycles worth collecting and keeps them to its end, so the collector
    would walk them again and again (a tenth of a worker's task, a third of a command's time at 10,000
    articles). Not for a process other threads share: the reader counts its pauses (child_process)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def exit_with_parent(parent: int) -> None:
    """From now on this process exits as soon as `parent` is no longer its parent (it died)."""
    threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True).start()


def _exit_when_gone(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
