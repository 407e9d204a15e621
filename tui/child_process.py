"""Work the reader hands to another process: the corpus analysis and the search index, which load every
article themselves, so the reader's process holds neither the articles nor the Python objects the analysis
makes, and their CPU time never holds the reader's GIL (a key waits for nothing).

Plain Python, no Textual: a spawned child imports this module, not the UI. `START` chooses how a child is
started: "process" (spawned, the default) or "thread" (the UI tests: the same pipes and protocol, in
process, so their stand-ins for the analysis and the index apply)."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # multiprocessing is imported when the first child starts, after the first frame
    from multiprocessing.connection import Connection

START = "process"
NICENESS = 10  # background work yields the CPU to the reader and search: keys first (a tenth of their weight)


class ChildFailed(Exception):
    """The child raised, or died (killed, out of memory): the message says which."""


class Child:
    """One started child: its end of the pipe, and a way to stop it."""

    def __init__(
        self, target: Callable[..., None], args: tuple[Any, ...], niceness: int = NICENESS, workers: bool = False
    ) -> None:
        """`niceness`: the child's (0 for one that answers the user, as search does: other programs on a busy
        machine would otherwise hold up every answer; its own background threads lower theirs: lower_priority).
        `workers`: the child may start a process pool of its own (the analysis on every core). A daemonic
        process may not, so such a child is not daemonic: it ends with the reader all the same (stop(), the
        reader's exit, or its own watch on the reader when the reader is killed), and its pool's workers
        watch it in turn (corpus.worker_pool)."""
        import multiprocessing  # only when a child is started (after the first frame)

        ctx = multiprocessing.get_context("spawn")
        self.conn, theirs = ctx.Pipe()
        self._process: Any = None
        if START == "thread":
            self._thread = threading.Thread(target=target, args=(theirs, *args), daemon=True)
            self._thread.start()
            return
        _start_resource_tracker()
        self._process = ctx.Process(
            target=_child_main, args=(theirs, target, args, os.getpid(), niceness), daemon=not workers
        )
        if workers:
            _stop_at_exit(self)
        self._process.start()
        theirs.close()

    def receive(self) -> Any:
        """The child's next message; ChildFailed when it died without a word."""
        try:
            return self.conn.recv()
        except (EOFError, OSError) as e:
            code = self._process.exitcode if self._process is not None else None
            self._process and self._process.join(timeout=1)
            code = self._process.exitcode if self._process is not None else code
            raise ChildFailed(f"the worker process stopped (exit code {code})") from e

    def send(self, message: Any) -> None:
        self.conn.send(message)

    def stop(self) -> None:
        with contextlib.suppress(OSError):
            self.conn.close()
        process = self._process
        if process is not None and process.is_alive():
            process.terminate()
            process.join(timeout=2)
        _running.discard(self)


_running: set[Child] = set()  # non-daemonic children not stopped yet
_exit_handler: list[bool] = []  # registered once


def _stop_at_exit(child: Child) -> None:
    """Stop the child when the reader exits without having stopped it (an error on the way out):
    multiprocessing would otherwise wait at exit for a non-daemonic child to finish its work. Registered
    after multiprocessing's own exit handler, so it runs first."""
    import atexit

    if not _exit_handler:
        _exit_handler.append(True)
        atexit.register(_stop_running)
    _running.add(child)


def _stop_running() -> None:
    for child in list(_running):
        child.stop()


PIECE = 2000  # items of a big dict unpickled at a time: each piece holds the interpreter a few ms, not the whole


def call_in_child(
    function: Callable[..., Any],
    *args: Any,
    keep: Callable[[Child], None] | None = None,
    workers: bool = False,
    niceness: int = NICENESS,
    big_result: bool = False,
) -> Any:
    """`function(*args)` run in a child; its result (pickled back), or ChildFailed with the child's error.
    `keep(child)`: lets the caller stop it early (the reader quits). `workers`: the child may start a pool
    (see Child). `niceness`: the child's (0: `function` lowers its own priority when its work turns heavy).
    `big_result`: the result is a big structure that lives on (the analysis summary): the collector is paused
    while it is received and unpickled (collector_paused), not while the child works (the reader's own heap
    must be collected meanwhile).

    A result that is a plain object (its attributes pickled as pickle would: no __reduce__ or state hooks of
    its own) comes attribute by attribute, a dict of more than PIECE items PIECE at a time: unpickling is one
    C call that never lets another thread run, so a 100,000-article analysis summary in one piece would hold
    the reader's keys for a third of a second; in pieces the event loop runs between them."""
    child = Child(_answer_once, (function, args), niceness=niceness, workers=workers)
    if keep is not None:
        keep(child)
    try:
        with contextlib.ExitStack() as receiving:
            if big_result:
                with contextlib.suppress(OSError, ValueError):
                    child.conn.poll(None)  # the result is coming (or the child died: receive says so)
                receiving.enter_context(collector_paused())
            kind, payload = child.receive()
            if kind == "object":
                payload = _receive_object(child, payload)
    finally:
        child.stop()
    if kind == "error":
        raise ChildFailed(payload)
    return payload


def _answer_once(conn: Connection, function: Callable[..., Any], args: tuple[Any, ...]) -> None:
    try:
        result = function(*args)
    except BaseException as e:  # the parent shows it; a child has no one else to tell
        conn.send(("error", f"{type(e).__name__}: {e}"))
        return
    if not _sent_in_pieces(conn, result):
        conn.send(("result", result))


_PLAIN_HOOKS = (object.__new__, object.__reduce_ex__, object.__reduce__, object.__getstate__, None)


def _sent_in_pieces(conn: Connection, result: object) -> bool:
    """Send a plain object attribute by attribute (see call_in_child); False for anything else."""
    cls = type(result)
    hooks = (cls.__new__, cls.__reduce_ex__, cls.__reduce__, cls.__getstate__, getattr(cls, "__setstate__", None))
    state = getattr(result, "__dict__", None)
    if hooks != _PLAIN_HOOKS or type(state) is not dict:
        return False
    conn.send(("object", cls))
    for name, value in state.items():
        if type(value) is dict and len(value) > PIECE:
            items = list(value.items())
            for start in range(0, len(items), PIECE):
                conn.send(("piece", name, dict(items[start : start + PIECE])))
        else:
            conn.send(("attribute", name, value))
    conn.send(("end",))
    return True


def _receive_object(child: Child, cls: type[Any]) -> object:
    state: dict[str, Any] = {}
    while (message := child.receive())[0] != "end":
        kind, name, value = message
        if kind == "piece":
            state.setdefault(name, {}).update(value)
        else:
            state[name] = value
    result = object.__new__(cls)
    result.__dict__.update(state)  # what unpickling a plain object does
    return result


def _child_main(
    conn: Connection, target: Callable[..., None], args: tuple[Any, ...], parent: int, niceness: int
) -> None:
    """In the spawned process: nothing may reach the terminal the reader draws on; a lower priority;
    and when the reader is gone (killed, its terminal closed) the child goes too."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    if niceness:
        with contextlib.suppress(OSError):
            os.nice(niceness)
    gc.disable()  # a short-lived child building millions of objects: the collector would walk them again and again
    from .corpus.worker_pool import exit_with_parent  # in the child only: the reader's start stays light

    exit_with_parent(parent)
    target(conn, *args)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker with the real stderr. Spawning starts the tracker, passing
    it sys.stderr's descriptor: under Textual that is a capture whose fileno() is -1, and the spawn fails
    ("bad value(s) in fds_to_keep"). The swap lasts while the tracker starts (a fork and exec)."""
    from multiprocessing import resource_tracker

    captured, sys.stderr = sys.stderr, sys.__stderr__
    try:
        resource_tracker.ensure_running()
    finally:
        sys.stderr = captured


def lower_priority() -> None:
    """The calling thread yields the CPU (on Linux a thread's nice value is its own: a child's background thread
    lowers its priority and the thread that answers the user keeps its own)."""
    with contextlib.suppress(OSError):
        os.nice(NICENESS)


_paused = 0  # threads inside collector_paused
_paused_lock = threading.Lock()


@contextlib.contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a thread builds a big structure that will live on (a corpus's list,
    an analysis summary being unpickled), then that structure frozen out of later collections. The collector
    would otherwise walk the growing heap again and again, holding the interpreter lock the event loop needs
    (unpickling a 1,000-article analysis summary: 750 ms with the collector on, 140 ms without). Nested and
    concurrent uses keep it paused until the last one ends."""
    global _paused
    with _paused_lock:
        _paused += 1
        gc.disable()
    try:
        yield
    finally:
        with _paused_lock:
            _paused -= 1
            gc.freeze()  # what was built lives until replaced (then reference counting frees it)
            if not _paused:
                gc.enable()
