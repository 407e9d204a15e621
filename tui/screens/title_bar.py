"""The main screen's header as its first frame draws it: the icon and the centred title — subtitle, in one
widget. Textual's Header (three widgets, a tooltip) cost the first frame ~30 ms; the screen swaps it in
right after the first frame, and it draws the same line. (A placeholder of the screen's, like its
Footer's: it lives with the screen.)"""

from __future__ import annotations

from textual.content import Content
from textual.widget import Widget

ICON = "⭘"  # Header's
ICON_WIDTH = 8  # HeaderIcon: width 8, padding 0 1
CLOCK_SPACE = 10  # HeaderClockSpace: width 10


class PendingHeader(Widget):
    DEFAULT_CSS = """
    PendingHeader { dock: top; width: 100%; height: 1; background: $panel; color: $foreground; }
    """

    def render(self) -> Content:
        screen, app = self.screen, self.app
        title = app.format_title(
            screen.title if screen.title is not None else app.title,
            screen.sub_title if screen.sub_title is not None else app.sub_title,
        )
        middle = max(0, self.size.width - ICON_WIDTH - CLOCK_SPACE)
        return Content.assemble(f" {ICON}".ljust(ICON_WIDTH), title.truncate(middle, ellipsis=True).center(middle))
