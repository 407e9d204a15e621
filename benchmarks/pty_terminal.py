"""A command in a pseudo-terminal, its output read as it arrives and kept as the screen a terminal would show.

Benchmarks time what a user sees: `PtyRun.wait_for(test)` returns the moment the bytes that made `test(screen
text)` true were read. The screen model knows the little Textual writes (cursor moves, erasing, text; every
colour, mode and query ignored): enough to read text off the screen, not a terminal emulator.
No third-party code: pyte would do, but is one more dependency for ~60 lines."""

from __future__ import annotations

import codecs
import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import termios
import time
import unicodedata
from collections.abc import Callable

# CSI (ESC [ ... final), OSC / DCS / APC strings (to BEL or ESC \), other escapes, controls, text.
TOKEN = re.compile(
    r"\x1b\[([0-?]*)[ -/]*([@-~])|\x1b[\]P_^][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[()#%][0-~]|\x1b[^\[\]P_^()#%]"
    r"|([\x00-\x1f\x7f])|([^\x00-\x1f\x7f\x1b]+)"
)
QUIET = 0.02  # seconds without output: the program has paused writing
INCOMPLETE = re.compile(r"\x1b(\[[0-?]*[ -/]*|[\]P_^][^\x07\x1b]*\x1b?|[()#%])?\Z")


def _width(char: str) -> int:
    if unicodedata.combining(char) or char in "\u200b\u200c\u200d\ufeff":
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


class Screen:
    def __init__(self, columns: int, lines: int) -> None:
        self.columns, self.lines = columns, lines
        self.cells = [[" "] * columns for _ in range(lines)]
        self.x = self.y = 0
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""

    def feed(self, data: bytes) -> None:
        text = self._pending + self._decoder.decode(data)
        tail = INCOMPLETE.search(text)
        self._pending, text = (text[tail.start() :], text[: tail.start()]) if tail else ("", text)
        for match in TOKEN.finditer(text):
            params, final, control, printable = match.groups()
            if printable is not None:
                self._write(printable)
            elif control is not None:
                self._control(control)
            elif final is not None:
                self._csi(params, final)

    def text(self) -> str:
        return "\n".join("".join(row) for row in self.cells)

    def _write(self, text: str) -> None:
        for char in text:
            width = _width(char)
            if not width:
                continue
            if self.x + width > self.columns:  # autowrap
                self.x, self.y = 0, min(self.y + 1, self.lines - 1)
            row = self.cells[self.y]
            row[self.x] = char
            if width == 2:
                row[self.x + 1] = ""
            self.x += width

    def _control(self, char: str) -> None:
        if char == "\n":
            self.y = min(self.y + 1, self.lines - 1)
        elif char == "\r":
            self.x = 0
        elif char == "\b":
            self.x = max(self.x - 1, 0)

    def _csi(self, params: str, final: str) -> None:
        if params.startswith(("?", ">", "<", "=")):
            return  # private modes and queries
        numbers = [int(p) if p.isdigit() else 0 for p in params.split(";")] if params else []
        first = numbers[0] if numbers else 0
        step = first or 1
        if final in "Hf":
            row = numbers[0] if numbers and numbers[0] else 1
            column = numbers[1] if len(numbers) > 1 and numbers[1] else 1
            self.y, self.x = min(row, self.lines) - 1, min(column, self.columns) - 1
        elif final == "A":
            self.y = max(self.y - step, 0)
        elif final == "B":
            self.y = min(self.y + step, self.lines - 1)
        elif final == "C":
            self.x = min(self.x + step, self.columns - 1)
        elif final == "D":
            self.x = max(self.x - step, 0)
        elif final == "G":
            self.x = min(step, self.columns) - 1
        elif final == "d":
            self.y = min(step, self.lines) - 1
        elif final == "K":
            row = self.cells[self.y]
            start, end = {0: (self.x, self.columns), 1: (0, self.x + 1), 2: (0, self.columns)}.get(first, (0, 0))
            row[start:end] = [" "] * (end - start)
        elif final == "J" and first in (2, 3):
            self.cells = [[" "] * self.columns for _ in range(self.lines)]


class PtyRun:
    """`argv` started in a new session on a pseudo-terminal of `size` (columns, lines)."""

    def __init__(self, argv: list[str], size: tuple[int, int], env: dict[str, str], cwd: str | None = None) -> None:
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
        self.master = master
        self.screen = Screen(*size)
        self.started = time.perf_counter()
        self.arrived: float | None = None  # when the output parsed last was read
        self._unparsed: list[tuple[float, float, bytes]] = []  # output read (when, CPU by then), not parsed yet
        self.cpu = 0.0  # CPU seconds the program had used when the output parsed last was read
        self._ended = False
        self.process = subprocess.Popen(
            argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=cwd, start_new_session=True, close_fds=True
        )
        os.close(slave)

    def wait_for(self, test: Callable[[str], bool], timeout: float) -> float | None:
        """Seconds from the start to the output that made `test(screen text)` true; None at the timeout or
        when the program ended first. Output is read (and timed) as it comes and parsed only once the
        program pauses writing (QUIET): parsing here while it writes would hold its writes up (the terminal
        buffer is 4 KiB) and time our parsing instead of its drawing."""
        deadline = self.started + timeout
        while True:
            while self._unparsed:
                arrived, self.cpu, data = self._unparsed.pop(0)
                self.screen.feed(data)
                self.arrived = arrived
                if test(self.screen.text()):
                    return arrived - self.started
            if self.arrived is not None and test(self.screen.text()):  # already on screen
                return self.arrived - self.started
            if self._ended or time.perf_counter() >= deadline:
                return None
            self._read_until_quiet(deadline)

    def _read_until_quiet(self, deadline: float) -> None:
        while (left := deadline - time.perf_counter()) > 0:
            ready, _, _ = select.select([self.master], [], [], min(left, QUIET) if self._unparsed else left)
            if not ready:
                return
            try:
                data = os.read(self.master, 1 << 16)
            except OSError:  # EIO: every process on the terminal has gone
                data = b""
            if not data:
                self._ended = True
                return
            self._unparsed.append((time.perf_counter(), self._cpu_seconds(), data))

    def _cpu_seconds(self) -> float:
        """CPU time of the program's own process so far (every thread, children not), from the scheduler's
        nanosecond counts (/proc/PID/stat counts 10 ms ticks)."""
        total = 0
        try:
            for task in os.scandir(f"/proc/{self.process.pid}/task"):
                with open(f"{task.path}/schedstat", "rb") as f:
                    total += int(f.read().split()[0])
        except OSError:
            return float("nan")
        return total / 1e9

    def others_in_session(self) -> int:
        """Processes the program has started so far (its session: they are killed with it)."""
        count = 0
        for entry in os.scandir("/proc"):
            if not entry.name.isdigit() or int(entry.name) == self.process.pid:
                continue
            try:
                with open(f"{entry.path}/stat", "rb") as f:
                    fields = f.read().rsplit(b")", 1)[1].split()
            except OSError:
                continue
            count += int(fields[3]) == self.process.pid  # the session id
        return count

    def close(self) -> None:
        """Kill the program and everything it started (its own session), then reap it."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()
        os.close(self.master)
