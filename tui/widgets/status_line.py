"""One line under the panes: corpus size, index progress (a ProgressBar while indexing), problems."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import ProgressBar, Static

from ..textsafe import terminal_safe


class StatusLine(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="status-text")
        yield ProgressBar(total=None, show_eta=False, id="index-progress")

    def on_mount(self) -> None:
        self.query_one(ProgressBar).display = False

    def say(self, message: str) -> None:
        text = " ".join(terminal_safe(message, keep_newlines=False).split())
        self.query_one("#status-text", Static).update(Content(text))

    def progress(self, done: int, total: int) -> None:
        bar = self.query_one(ProgressBar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)

    def hide_progress(self) -> None:
        self.query_one(ProgressBar).display = False
