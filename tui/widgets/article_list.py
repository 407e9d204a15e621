"""The article list: a line-API ScrollView that draws only the rows in view, so 100,000 articles
cost the same to show as five (see STYLE.md: OptionList takes seconds at that size)."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import TYPE_CHECKING, Generic, TypeVar

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from ..formatting import plural
from ..messages import ArticleSelected
from ..textsafe import safe_line

if TYPE_CHECKING:  # annotations only: the model is not needed before the first frame
    from ..corpus.model import Article, ArticleSummary


class ListEntry:
    """One row of the list; text fields are already terminal-safe and on one line.

    A plain slotted class, not a dataclass: this module loads before the first frame, and a slotted
    dataclass costs ~1 ms to create."""

    __slots__ = ("article_id", "collapsed", "date", "hits", "outlet", "snippet", "snippet_marks", "story", "title")

    def __init__(self, article_id: str, title: str, outlet: str, date: str) -> None:
        self.article_id = article_id
        self.title = title
        self.outlet = outlet
        self.date = date
        self.hits: int | None = None  # set while a search narrows the list
        self.snippet: str | None = None
        self.snippet_marks: list[tuple[int, int]] | None = None  # matched words in the snippet
        self.story: str | None = None  # a story's header row: the story's id (article_id is then "")
        self.collapsed = False  # a header whose reports are hidden

    def __repr__(self) -> str:
        return f"ListEntry({self.article_id!r}, {self.title!r})"


def entry_for(article: Article | ArticleSummary) -> ListEntry:
    return ListEntry(
        article_id=article.id,
        title=safe_line(article.title),
        outlet=safe_line(article.outlet_label),
        date=safe_line(article.published),  # "" when undated: the header says so, the row keeps its room
    )


Item = TypeVar("Item")


class LazyEntries(Sequence[ListEntry], Generic[Item]):
    """Rows built on first use: filling or restoring a 100,000-article list costs nothing up front."""

    def __init__(self, items: Sequence[Item], make: Callable[[Item], ListEntry], key: Callable[[Item], str]) -> None:
        self.items = items
        self.make = make
        self.key = key
        self._built: dict[int, ListEntry] = {}

    def __len__(self) -> int:
        return len(self.items)

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self.items)
        entry = self._built.get(index)
        if entry is None:
            entry = self._built[index] = self.make(self.items[index])
        return entry

    def index_of(self, article_id: str) -> int | None:
        key = self.key
        return next((i for i, item in enumerate(self.items) if key(item) == article_id), None)


class ArticleList(ScrollView, can_focus=True):
    """Rows of outlet · date · figures (· matches while searching), the title over two lines, then a
    snippet while searching."""

    BINDINGS = [
        Binding("up,k", "cursor(-1)", "Up", show=False),
        Binding("down,j", "cursor(1)", "Down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("pagedown", "page(1)", "Page down", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        Binding("enter", "open", "Open", id="list.open"),
        Binding("space", "toggle_story", "Collapse/expand story", show=False, id="list.toggle-story"),
    ]

    class StoryToggled(Message):
        """Enter, space or a click on a story's header: collapse or expand it."""

        def __init__(self, story_id: str) -> None:
            super().__init__()
            self.story_id = story_id

    COMPONENT_CLASSES = {
        "article-list--title",
        "article-list--outlet",
        "article-list--meta",
        "article-list--hits",
        "article-list--snippet",
        "article-list--mark",
        "article-list--cursor",
        "article-list--cursor-blurred",
        "article-list--open",
        "article-list--empty",
        "article-list--story",
    }

    DEFAULT_CSS = """
    ArticleList { overflow-x: hidden; }
    """

    cursor: reactive[int] = reactive(0, always_update=True)
    open_id: reactive[str | None] = reactive(None)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.entries: Sequence[ListEntry] = []
        self.figure_counts: Mapping[str, int | None] | None = None  # None (or an article's None): not counted yet
        self.searching = False
        self.empty_message = "Loading articles…"
        self._lines: LRUCache[tuple, Strip] = LRUCache(1024)

    @property
    def row_height(self) -> int:
        return 4 if self.searching else 3

    @property
    def highlighted(self) -> ListEntry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    def set_entries(self, entries: Sequence[ListEntry], searching: bool = False, empty_message: str = "") -> None:
        """Replace the rows; the cursor stays on the open article when it is still listed."""
        self.entries = entries
        self.searching = searching
        self.empty_message = safe_line(empty_message or ("No matching articles" if searching else "No articles"))
        self._lines.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(entries) * self.row_height)
        position = self.index_of(self.open_id) if not searching else None
        self.scroll_to(y=0, animate=False, immediate=True)
        self.cursor = position if position is not None else 0
        self.refresh()

    def index_of(self, article_id: str | None) -> int | None:
        if article_id is None:
            return None
        if isinstance(self.entries, LazyEntries):
            return self.entries.index_of(article_id)
        return next((i for i, e in enumerate(self.entries) if e.article_id == article_id), None)

    def set_figure_counts(self, counts: Mapping[str, int | None] | None) -> None:
        """The counts to show; call it again when more are known (it redraws the rows in view)."""
        self.figure_counts = counts
        self._lines.clear()
        self.refresh()

    # -- reactive watchers -------------------------------------------------------------------
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.entries) - 1)) if self.entries else 0

    def watch_cursor(self, value: int) -> None:
        self.refresh()  # the cursor is in the cache key: only its old and new rows are drawn again
        if self.entries:
            h = self.row_height
            self.scroll_to_region(Region(0, value * h, 1, h), animate=False, immediate=True)

    def watch_open_id(self) -> None:
        self._lines.clear()
        self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.clear()

    def on_resize(self) -> None:
        self.virtual_size = Size(self.scrollable_content_region.width, len(self.entries) * self.row_height)
        self._lines.clear()

    def _on_focus(self, event: events.Focus) -> None:
        self._lines.clear()
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._lines.clear()
        self.refresh()

    # -- actions ---------------------------------------------------------------------------
    def action_cursor(self, delta: int) -> None:
        self.cursor += delta

    def action_page(self, direction: int) -> None:
        rows = max(1, self.scrollable_content_region.height // self.row_height)
        self.cursor += direction * rows

    def action_jump(self, index: int) -> None:
        self.cursor = index if index >= 0 else len(self.entries) - 1

    def action_open(self) -> None:
        entry = self.highlighted
        if entry is None:
            return
        if entry.story is not None:
            self.post_message(self.StoryToggled(entry.story))
        else:
            self.post_message(ArticleSelected(entry.article_id))

    def action_toggle_story(self) -> None:
        if (entry := self.highlighted) and entry.story is not None:
            self.post_message(self.StoryToggled(entry.story))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:  # the border or a scrollbar
            return
        index = (offset.y + int(self.scroll_y)) // self.row_height
        if 0 <= index < len(self.entries):
            self.cursor = index
            self.action_open()

    # -- rendering -------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        line = int(self.scroll_y) + y
        index, part = divmod(line, self.row_height)
        if not self.entries:
            return self._empty_line(y, width)
        if index >= len(self.entries):
            return self._blank_line(width)
        entry = self.entries[index]
        is_cursor = index == self.cursor
        key = (index, part, width, is_cursor, entry.article_id == self.open_id, self.has_focus)
        strip = self._lines.get(key)
        if strip is None:
            strip = self._render_row_line(entry, part, width, is_cursor)
            self._lines[key] = strip
        return strip

    def _blank_line(self, width: int) -> Strip:
        # Cached with the rows: rich_style walks every ancestor, and the empty list's first frame asks 37 times.
        strip = self._lines.get(("blank", width))
        if strip is None:
            strip = self._lines[("blank", width)] = Strip.blank(width, self.rich_style)
        return strip

    def _empty_line(self, y: int, width: int) -> Strip:
        if y:
            return self._blank_line(width)
        text = Text(self.empty_message, style=self.get_component_rich_style("article-list--empty"))
        return self._strip(text, width, self.rich_style)

    def _render_row_line(self, entry: ListEntry, part: int, width: int, is_cursor: bool) -> Strip:
        base = self.rich_style
        if is_cursor:  # the cursor row is one colour; its parts keep only bold / italic
            base = self.get_component_rich_style(
                "article-list--cursor" if self.has_focus else "article-list--cursor-blurred"
            )

        def style(name: str) -> Style:
            component = self.get_component_rich_style(name)
            return component.without_color if is_cursor else component

        if entry.story is not None:
            text = self._story_line(entry, part, width, style)
        elif part == 0:  # what tells reports apart first: who published it, when, what it holds
            marker = ("▌", style("article-list--open")) if entry.article_id == self.open_id else " "
            count = self.figure_counts.get(entry.article_id) if self.figure_counts is not None else None
            figures = "… figures" if count is None else plural(count, "figure")  # never 0 for "not counted"
            text = Text.assemble(
                marker,
                (entry.outlet, style("article-list--outlet")),
                (f" · {entry.date}" if entry.date else "", style("article-list--meta")),
            )
            if entry.hits is not None:
                text.append(f" · {plural(entry.hits, 'match', 'matches')}", style("article-list--hits"))
            text.append(f" · {figures}", style("article-list--meta"))
        elif part in (1, 2):  # the title over two lines
            line = self._title_lines(entry.title, width - 2)[part - 1]
            text = Text.assemble("  ", (line, style("article-list--title")))
        else:
            snippet = Text(entry.snippet or "", style("article-list--snippet"))
            for start, end in entry.snippet_marks or ():
                snippet.stylize(style("article-list--mark"), start, end)
            text = Text.assemble("  ", snippet)
        return self._strip(text, width, base)

    def _story_line(self, entry: ListEntry, part: int, width: int, style: Callable[[str], Style]) -> Text:
        """A story's header: ▾/▸ and its title, then its reports and outlets, then its dates."""
        if part == 0:
            return Text.assemble("▸ " if entry.collapsed else "▾ ", (entry.title, style("article-list--story")))
        if part == 1:
            return Text.assemble("  ", (entry.outlet, style("article-list--meta")))
        return Text.assemble("  ", (entry.date, style("article-list--meta"))) if part == 2 else Text("")

    def _title_lines(self, title: str, width: int) -> tuple[str, str]:
        """The title wrapped to two lines; the second ends in "…" when more is left."""
        lines = Text(title).wrap(self.app.console, max(1, width))
        first = lines[0].plain.rstrip() if lines else ""
        rest = " ".join(line.plain.strip() for line in lines[1:])
        if len(lines) > 2:
            second = Text(rest)
            second.truncate(max(1, width), overflow="ellipsis")
            rest = second.plain
        return first, rest

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        text.no_wrap = True
        text.truncate(width, overflow="ellipsis", pad=True)
        # Component styles are full styles (a partial one leaves "auto 60%" colours unblended) and carry the
        # pane's background: put the row's own back (the cursor row's, say).
        row_background = Style(bgcolor=base.bgcolor)
        segments = [
            Segment(s.text, base + s.style + row_background if s.style else base) for s in text.render(self.app.console)
        ]
        return Strip(segments).adjust_cell_length(width, base)
