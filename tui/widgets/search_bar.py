"""The search box and its one-line status: result counts, or the parser's message for a bad query."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Input, Label, Static

from ..textsafe import terminal_safe


class SearchBar(Horizontal):
    BINDINGS = [Binding("escape", "clear", "Clear search", id="search.clear")]

    def compose(self) -> ComposeResult:
        yield Label("Search", id="search-label")
        yield Input(
            placeholder='Press / to search: words, "a phrase", OR, -word, outlet:…  (F1 for the syntax)',
            compact=True,
            id="search",
        )
        yield Static(Content(""), id="search-status")

    @property
    def input(self) -> Input:
        return self.query_one("#search", Input)

    def set_status(self, message: str, error: bool = False) -> None:
        status = self.query_one("#search-status", Static)
        status.update(Content(" ".join(terminal_safe(message, keep_newlines=False).split())))
        status.set_class(error, "-error")

    def action_clear(self) -> None:
        self.input.value = ""  # Input.Changed restores the full list
