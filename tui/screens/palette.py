"""Command palette (ctrl+p) entries that depend on the corpus: open an article, jump to a figure.
App-wide commands (toggle panels, export figures, help; theme is built in) come from the app."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.markup import escape

from ..widgets.figures_panel import figure_label, safe_line

if TYPE_CHECKING:
    from ..app import ReaderApp

MAX_DISCOVERY = 30


class CorpusCommands(Provider):
    @property
    def reader_app(self) -> ReaderApp:
        return cast("ReaderApp", self.app)

    def _commands(self) -> list[tuple[str, str, object]]:
        app = self.reader_app
        commands = []
        for figure in app.current_figures():
            commands.append(
                (
                    f"Jump to figure: {figure_label(figure)}",
                    "Show the sentence that states it",
                    partial(app.show_figure, figure),
                )
            )
        for article in app.articles:
            commands.append(
                (
                    f"Open article: {safe_line(article.title)[:80]}",
                    safe_line(article.outlet_label),
                    partial(app.open_article_later, article.id),
                )
            )
        return commands

    async def discover(self) -> Hits:
        for name, help_text, callback in self._commands()[:MAX_DISCOVERY]:
            yield DiscoveryHit(Content(name), callback, text=name, help=escape(help_text))

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
