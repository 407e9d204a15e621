"""The reader: one Static per paragraph in a VerticalScroll, styled by character offsets.

Article text is never parsed as markup: every paragraph is a `Content` built from plain text with
style spans, and unsafe characters are first turned into visible escapes (tui.textsafe). The
paragraph widgets live in tui.widgets.paragraphs, imported when the first article is shown: the
first frame only needs the empty pane."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from typing import TYPE_CHECKING, Any

from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content, Span
from textual.geometry import Region
from textual.widgets import Static

from ..textsafe import SafeParagraph, safe_line

if TYPE_CHECKING:  # annotations only: the model and the paragraphs are not needed before the first frame
    from ..corpus.model import Article
    from .paragraphs import ParagraphView

    # A remembered article (tui.screens.first_screen): what its header shows, its paragraphs (text,
    # heading), its figures' offsets.
    RememberedArticle = tuple[Any, list[tuple[str, bool]], list[tuple[int, int]]]

PARAGRAPH_SEPARATOR = "\n\n"  # tui.corpus.model's: paragraph offsets are counted the same way

# Later spans win: sentence background, then figures, then matches, then the current match.
SENTENCE_STYLE = "on $primary 35%"
FIGURE_STYLE = "underline $text-accent"
MATCH_STYLE = "bold $text on $warning 45%"
CURRENT_MATCH_STYLE = "bold reverse"

TextSpan = tuple[int, int]
MAX_LAYOUT_WAITS = 20  # refreshes to wait for new paragraphs to get a size before scrolling anyway


class ArticleHeader(Static):
    pass


class Reader(VerticalScroll, can_focus=True):
    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
    ]

    def __init__(
        self, *, id: str | None = None, classes: str | None = None, remembered: RememberedArticle | None = None
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        # The article remembered from the last launch (tui.screens.first_screen), drawn in the first frame
        # as one widget (a widget per paragraph costs the first frame ~1 ms each) until the article is read.
        self.remembered = remembered
        self.paragraphs: list[ParagraphView] = []
        self._starts: list[int] = []
        self.figures: list[TextSpan] = []
        self.matches: list[TextSpan] = []
        self.sentence: TextSpan | None = None  # the highlighted sentence
        self.current_match: TextSpan | None = None
        self._pending_scroll: tuple[int, int | None, bool] | None = None
        self._layout_waits = 0

    def compose(self):
        remembered = self.remembered
        if remembered is None:
            yield ArticleHeader(Content("Loading…"), id="article-header")
            return
        from .paragraphs import header_content

        header, paragraphs, figures = remembered
        yield ArticleHeader(header_content(header), id="article-header")
        yield Static(remembered_text(paragraphs, figures), id="remembered-text")

    async def show_article(self, article: Article | None, placeholder: str = "") -> None:
        """Replace the paragraphs (or the remembered text); highlights are reset (set them with `highlight`)."""
        self.article = article
        self.figures, self.matches, self.sentence, self.current_match = [], [], None, None
        self._pending_scroll = None
        from .paragraphs import ParagraphView, header_content  # not needed for the first frame's empty pane

        header = self.query_one(ArticleHeader)
        with self.app.batch_update():
            await self.remove_children("ParagraphView, #remembered-text")
            self.remembered = None
            if article is None:
                header.update(Content(safe_line(placeholder)))
                self.paragraphs, self._starts = [], []
                return
            header.update(header_content(article))
            spans = article.paragraph_spans()
            self.paragraphs = [
                ParagraphView(SafeParagraph.build(span.start, p.text), p.heading)
                for p, span in zip(article.paragraphs, spans, strict=True)
            ]
            self._starts = [span.start for span in spans]
            await self.mount_all(self.paragraphs)
            self.scroll_home(animate=False, immediate=True)

    def highlight(
        self,
        *,
        figures: list[TextSpan] | None = None,
        matches: list[TextSpan] | None = None,
        sentence: TextSpan | None = None,
        current_match: TextSpan | None = None,
    ) -> None:
        """Set what is highlighted (None keeps figures/matches as they are) and restyle what changed."""
        if figures is not None:
            self.figures = figures
        if matches is not None:
            self.matches = matches
        self.sentence, self.current_match = sentence, current_match
        layers: list[tuple[list[TextSpan], str]] = [
            ([sentence] if sentence else [], SENTENCE_STYLE),
            (self.figures, FIGURE_STYLE),
            (self.matches, MATCH_STYLE),
            ([current_match] if current_match else [], CURRENT_MATCH_STYLE),
        ]
        per_paragraph: list[list[Span]] = [[] for _ in self.paragraphs]
        for spans, style in layers:
            for start, end in spans:
                for index in self._paragraphs_overlapping(start, end):
                    para = self.paragraphs[index].para
                    s, e = para.to_display(start), para.to_display(end)
                    if e > s:
                        per_paragraph[index].append(Span(s, e, style))
        for view, styled in zip(self.paragraphs, per_paragraph, strict=True):
            view.restyle(tuple(styled))

    def _paragraphs_overlapping(self, start: int, end: int) -> range:
        first = max(0, bisect_right(self._starts, start) - 1)
        last = max(first, bisect_left(self._starts, end) - 1)
        return range(first, min(last + 1, len(self.paragraphs)))

    def paragraph_at(self, offset: int) -> ParagraphView | None:
        if not self.paragraphs:
            return None
        return self.paragraphs[max(0, bisect_right(self._starts, offset) - 1)]

    def show_offset(self, start: int, end: int | None = None, *, center: bool = True) -> None:
        """Scroll to [start, end) as soon as the paragraphs are laid out (just mounted ones are not yet)."""
        self._pending_scroll = (start, end, center)
        self._layout_waits = 0
        self.call_after_refresh(self._scroll_when_laid_out)

    def _scroll_when_laid_out(self) -> None:
        if self._pending_scroll is None:
            return
        start, end, center = self._pending_scroll
        view = self.paragraph_at(start)
        if view is not None and view.virtual_region.width == 0 and self._layout_waits < MAX_LAYOUT_WAITS:
            self._layout_waits += 1
            self.call_after_refresh(self._scroll_when_laid_out)
            return
        self._pending_scroll = None
        self.scroll_to_offset(start, end, center=center)

    def scroll_to_offset(self, start: int, end: int | None = None, *, center: bool = True) -> None:
        """Bring the text at [start, end) into view: centred, or at the top when center is False."""
        view = self.paragraph_at(start)
        if view is None:
            return
        if not center:
            self.scroll_to_region(view.virtual_region, top=True, animate=False, immediate=True)
            return
        first = view.line_of(start)
        last = view.line_of(end) if end is not None else first
        region = view.virtual_region
        target = Region(region.x, region.y + first, region.width, max(1, last - first + 1))
        self.scroll_to_region(target, center=True, animate=False, immediate=True)

    def region_of(self, start: int) -> Region | None:
        """Where the text at `start` is, in the reader's scrollable space (None when not shown)."""
        view = self.paragraph_at(start)
        if view is None:
            return None
        region = view.virtual_region
        return Region(region.x, region.y + view.line_of(start), region.width, 1)

    def is_offset_visible(self, start: int) -> bool:
        region = self.region_of(start)
        if region is None:
            return False
        top = int(self.scroll_y)
        return top <= region.y < top + self.scrollable_content_region.height

    def first_visible_offset(self) -> int:
        top = int(self.scroll_y)
        for view in self.paragraphs:
            if view.virtual_region.bottom > top:
                return view.para.start
        return 0


def remembered_text(paragraphs: list[tuple[str, bool]], figures: list[TextSpan]) -> Content:
    """The paragraphs as the paragraph widgets draw them (a blank line between, headings bold, figures
    underlined), in one Content."""
    from .paragraphs import HEADING_STYLE

    shown, start = [], 0
    for text, heading in paragraphs:
        para = SafeParagraph.build(start, text)
        spans = [Span(0, len(para.display), HEADING_STYLE)] if heading else []
        spans += [
            Span(para.to_display(s), para.to_display(e), FIGURE_STYLE) for s, e in figures if s < para.end and e > start
        ]
        shown.append(Content(para.display, spans=spans))
        start += len(text) + len(PARAGRAPH_SEPARATOR)
    return Content("\n\n").join(shown)
