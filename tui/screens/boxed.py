"""The centred, bordered box the help, comparison and claims screens share."""

from __future__ import annotations

from textual.binding import Binding
from textual.screen import ModalScreen, ScreenResultType
from textual.widgets import OptionList


class BoxedModal(ModalScreen[ScreenResultType]):
    """A modal whose content sits in one widget with class `modal-box`."""

    # Here rather than in app.tcss: parsed only when a box first opens, not before the first frame.
    DEFAULT_CSS = """
    BoxedModal { align: center middle; }
    BoxedModal .modal-box {
        width: 90%;
        height: 90%;
        border: round $accent;
        border-title-color: $text-accent;
        background: $surface;
        padding: 0 1;
    }
    """


class RowsModal(BoxedModal[ScreenResultType]):
    """A boxed modal over one OptionList of rows (`ROWS`, a selector): j/k move, Esc or q closes with None."""

    ROWS = ""

    BINDINGS = [
        Binding("escape,q", "dismiss_none", "Close"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def action_cursor(self, delta: int) -> None:
        rows = self.query_one(self.ROWS, OptionList)
        rows.action_cursor_down() if delta > 0 else rows.action_cursor_up()

    def action_dismiss_none(self) -> None:
        self.dismiss(None)
