"""Process pools for corpus work (ingest, the catalog, stories and claims): spawned workers that end with
the process that started them. A pool's workers hold both ends of its task queue, so when their parent is
killed (SIGKILL, out of memory) they would wait for work forever; each watches its parent instead."""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor

PARENT_CHECK_SECONDS = 0.5


def worker_pool(workers: int) -> ProcessPoolExecutor:
    """`workers` spawned processes (no fork: the parent may hold threads and locks) that exit when the
    process that made them is gone."""
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=exit_with_parent, initargs=(os.getpid(),)
    )


def exit_with_parent(parent: int) -> None:
    """From now on this process exits as soon as `parent` is no longer its parent (it died)."""
    threading.Thread(target=_exit_when_gone, args=(parent,), daemon=True).start()


def _exit_when_gone(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(1)
