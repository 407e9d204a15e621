"""The centred, bordered box the help and comparison screens share."""

from __future__ import annotations

from textual.screen import ModalScreen, ScreenResultType


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
