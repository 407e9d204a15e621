"""One line under the panes: corpus size, index progress (a ProgressBar while indexing), problems.

The ProgressBar is mounted on the first progress report, not at start: it is three widgets, and
the first frame should not wait for them."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from ..textsafe import safe_line


class StatusLine(Horizontal):
    DEFAULT_CSS = """
    StatusLine #status-text { height: 1; }
    """

    def compose(self) -> ComposeResult:
        yield Static(Content(""), id="status-text")

    _said = ""

    def say(self, message: str) -> None:
        text = safe_line(message)
        if text == self._said:  # progress reports repeat it: no redraw for nothing
            return
        self._said = text
        # One line in a row of fixed height and a 1fr width: its size never depends on the text, so no layout
        # of the whole screen (index progress says something new many times a second; each layout held keys).
        self.query_one("#status-text", Static).update(Content(text), layout=False)

    def progress(self, done: int, total: int) -> None:
        from textual.widgets import ProgressBar

        bars = self.query(ProgressBar)
        if bars:
            bar = bars.first()
        else:
            bar = ProgressBar(total=None, show_eta=False, id="index-progress")
            self.mount(bar)
        bar.display = True
        bar.update(total=max(total, 1), progress=done)

    def hide_progress(self) -> None:
        for bar in self.query("#index-progress"):
            bar.display = False
