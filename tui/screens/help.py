"""F1 / ?: the keys and the query language, rendered from help.md beside this module."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Markdown

from ..textsafe import safe_line
from .boxed import BoxedModal

HELP_FILE = Path(__file__).with_name("help.md")


def help_text() -> str:
    from ..keymap import keymap_path  # platformdirs: when help opens

    try:
        text = HELP_FILE.read_text(encoding="utf-8")
    except OSError:
        text = "# Help\n\nThe help file is missing from this installation."
    return text + f"\n\nYour key map file: `{safe_line(str(keymap_path())).replace('`', '')}`\n"


class HelpScreen(BoxedModal[None]):
    DEFAULT_CSS = "#help-box { max-width: 120; }"
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close help"),
        Binding("j", "scroll(1)", "Down", show=False),
        Binding("k", "scroll(-1)", "Up", show=False),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box", classes="modal-box") as box:
            box.border_title = "kursk-reader help"
            yield Markdown(help_text(), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help-box").focus()

    def action_scroll(self, delta: int) -> None:
        self.query_one("#help-box", VerticalScroll).scroll_relative(y=delta, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
