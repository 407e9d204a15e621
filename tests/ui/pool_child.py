"""A child that starts a worker pool, as the reader's analysis child does, and tells its parent every pid
(imported by the spawned child in test_child_lifetime.py)."""

from __future__ import annotations

import os
import time
from typing import Any


def report_pool(conn: Any) -> None:
    from tui.corpus.worker_pool import worker_pool

    pool = worker_pool(2)
    list(pool.map(time.sleep, [0.3, 0.3]))  # two tasks at once: both workers running
    conn.send([os.getpid(), *pool._processes])  # the pool's own record of its workers
    time.sleep(120)  # busy, as an analysis of 100,000 articles is
