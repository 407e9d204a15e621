"""Command palette (ctrl+p) entries that depend on the corpus: open an article, jump to a figure.
They are found by typing; the palette opens on the app's own commands (theme, export, reload, help)."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..formatting import figure_label
from ..textsafe import safe_line

if TYPE_CHECKING:
    from collections.abc import Callable

    from .main import MainScreen


class CorpusCommands(Provider):
    def _commands(self) -> list[tuple[str, str, Callable[[], object]]]:
        app = cast("MainScreen", self.app.main)  # type: ignore[attr-defined]
        commands: list[tuple[str, str, Callable[[], object]]] = []
        for figure in app.current_figures():
            commands.append(
                (
                    f"Jump to figure: {figure_label(figure)}",
                    "Show the sentence that states it",
                    partial(app.show_figure, figure),
                )
            )
        for article in app.session.listed:
            commands.append(
                (
                    f"Open article: {safe_line(article.title)[:80]}",
                    safe_line(article.outlet_label),
                    partial(app.open_article_later, article.id),
                )
            )
        return commands

    async def discover(self) -> Hits:
        """Nothing before typing: thirty "Jump to figure" rows would hide Theme, Export and Reload."""
        return
        yield

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, help_text, callback in self._commands():
            score, offsets = matcher.fuzzy_search.match(matcher.query, name)
            if score > 0:
                yield Hit(
                    score, _highlight(name, offsets, matcher.match_style), callback, text=name, help=escape(help_text)
                )


def _highlight(name: str, offsets, style) -> Content:
    """Matcher.highlight parses its argument as markup; article titles must stay literal."""
    content = Content(name)
    for offset in offsets:
        content = content.stylize(style, offset, offset + 1)
    return content
