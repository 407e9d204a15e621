"""The reader's paragraphs: article text made terminal-safe, with a map from article offsets to
display offsets, shown as one Static per paragraph. Imported when the first article is shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content, Span
from textual.widgets import Static

from ..formatting import site_of
from ..textsafe import SafeParagraph, safe_line

if TYPE_CHECKING:
    from ..corpus.model import Article

HEADING_STYLE = "bold $text-primary"


class ParagraphView(Static):
    """One paragraph; `spans` (display offsets) decide how it is styled."""

    DEFAULT_CSS = """
    ParagraphView { margin-bottom: 1; }
    """

    def __init__(self, para: SafeParagraph, heading: bool) -> None:
        super().__init__(Content(para.display), classes="heading" if heading else "")
        self.para = para
        self.heading = heading
        self.spans: tuple[Span, ...] = ()

    def restyle(self, spans: tuple[Span, ...]) -> None:
        if spans == self.spans:
            return
        self.spans = spans
        base = [Span(0, len(self.para.display), HEADING_STYLE)] if self.heading else []
        # the same text in other styles takes the same room: no layout (a search answer restyling the open
        # article's paragraphs would reflow the whole screen before its frame)
        self.update(Content(self.para.display, spans=base + list(spans)), layout=False)

    def line_of(self, offset: int) -> int:
        """The wrapped line (0-based) that shows an article offset, at the current width."""
        target = self.para.to_display(offset)
        width = max(1, self.content_region.width or self.size.width or 80)
        position = 0
        for number, line in enumerate(Content(self.para.display).wrap(width)):
            found = self.para.display.find(line.plain.strip(), position)
            if found == -1:
                break
            position = found + len(line.plain.strip())
            if target < position:
                return number
        return 0


def header_content(article: Article) -> Content:
    parts: list[tuple[str, str] | str] = [(safe_line(article.title), "bold $text-primary")]
    if article.title_derived:
        parts.append(("  (title taken from the text)", "italic $text-muted"))
    byline = [safe_line(article.outlet_label)]
    if article.author:
        byline.append(safe_line(article.author))
    byline.append(safe_line(article.published or "undated"))
    if article.url:  # its site only: the full address is one key away (o opens it, y cites it)
        byline.append(safe_line(site_of(article.url)))
    parts += ["\n", (byline[0], "bold $text-secondary"), (" · " + " · ".join(byline[1:]), "$text-muted")]
    return Content.assemble(*parts)
