"""Where to export the figures: a path the user confirms (md, csv or json by its extension)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Static

from ..textsafe import safe_line
from .boxed import BoxedModal


class ExportScreen(BoxedModal[str | None]):
    """Dismissed with the path typed (Enter) or None (Esc)."""

    DEFAULT_CSS = """
    #export-box { width: 80%; max-width: 100; height: 7; }
    """
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, default: str, count: int) -> None:
        super().__init__()
        self.default = default
        self.count = count

    def compose(self) -> ComposeResult:
        with Vertical(id="export-box", classes="modal-box") as box:
            box.border_title = "Export figures"
            yield Static(Content(f"{self.count} figures · the extension picks the format: .md, .csv or .json"))
            yield Input(value=safe_line(self.default), id="export-path")
            yield Static(Content("Enter exports · Esc cancels"), classes="hint")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
