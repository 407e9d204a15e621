"""The screen the reader showed last, remembered with its state (tui.state), so that the next launch draws
the list, the open article and its figures in its very first frame, before the corpus is read.

It is a cache, never the truth: it is used only for the same corpus folder while the article's file is
unchanged (same modification time, size and inode), and the list, the article and its figures read from
the corpus replace it right after the first frame. Anything in it that is not what capture() writes
makes it unusable, never an error; its text goes through the same terminal-safe paths as the corpus's."""

from __future__ import annotations

import os
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from textual.content import Content, Span

from ..textsafe import safe_line, terminal_safe
from ..widgets.article_list import LazyEntries, ListEntry

ROWS_KEPT = 20  # list rows kept either side of the cursor: more than a tall terminal shows
MAX_PARAGRAPHS = 400  # an article longer than this is not remembered (the state file stays small)
MAX_TEXT = 100_000  # characters; a longer article is read from its file as before

# A list row: [article id, title, outlet label, date, figure count]
Row = list[Any]
# The styles tui.widgets.figures_panel.figure_prompt gives; a remembered prompt may use no other.
PROMPT_STYLES = frozenset({"bold", "italic", "$text-secondary", "$text-muted", "bold $text-warning"})


class FirstScreen:
    """What the first frame shows: the list rows around the cursor, the open article, its figures."""

    __slots__ = ("article", "figures", "rows", "total")

    def __init__(self, article: dict[str, Any], figures: list[list[Any]], rows: dict[int, Row], total: int) -> None:
        self.article = article  # id, title, title_derived, outlet, author, published, url, paragraphs
        self.figures = figures  # [start, end, prompt text, [[start, end, style], ...]] per figure
        self.rows = rows  # list position -> Row
        self.total = total  # articles in the list

    @property
    def article_id(self) -> str:
        return str(self.article["id"])

    @property
    def paragraphs(self) -> list[tuple[str, bool]]:
        return [(text, heading) for text, heading in self.article["paragraphs"]]

    def figure_spans(self) -> list[tuple[int, int]]:
        return [(start, end) for start, end, _prompt, _styles in self.figures]

    def header(self) -> SimpleNamespace:
        """What tui.widgets.paragraphs.header_content reads of an article."""
        article = self.article
        return SimpleNamespace(**article, outlet_label=article["outlet"])

    def prompts(self) -> list[Content]:
        """The figures panel's rows as they were drawn."""
        return [
            Content(terminal_safe(text), spans=[Span(s, e, style) for s, e, style in styles])
            for _start, _end, text, styles in self.figures
        ]


def remembered_rows(first: FirstScreen, in_view: int) -> tuple[LazyEntries[ListEntry], dict[str, int] | None]:
    """The article list's rows for the first frame, and the figure counts they showed (None: not counted).
    The rows start where the list read from the corpus will be scrolled to (`in_view`: how many rows the
    list shows): from the top when the open article is in the first screenful, else with the open article
    in the last row in view (where moving the cursor to it puts it), so nothing moves when it arrives."""
    at = next((i for i, row in first.rows.items() if row[0] == first.article_id), 0)
    top = max(min(first.rows, default=0), 0 if at < in_view else at - in_view + 1)
    shown = [
        ListEntry(row[0], safe_line(row[1]), safe_line(row[2]), safe_line(row[3]))
        for i, row in sorted(first.rows.items())
        if i >= top
    ]
    counts = {row[0]: row[4] for row in first.rows.values()}
    known = all(n is not None for n in counts.values())
    return LazyEntries(shown, lambda entry: entry, key=lambda entry: entry.article_id), (counts if known else None)


def capture(
    article: Any, file_stat: list[int] | None, figures: list[tuple[int, int, Any]], rows: dict[int, Any], total: int
) -> dict[str, Any] | None:
    """The state file's `screen` entry for `article` (a tui.corpus.model.Article) as shown now: `figures` are
    (start, end, prompt Content), `rows` list position -> ArticleSummary. None when not worth keeping."""
    if file_stat is None or len(article.paragraphs) > MAX_PARAGRAPHS or len(article.text) > MAX_TEXT:
        return None
    return {
        "stat": file_stat,
        "article": {
            "id": article.id,
            "title": article.title,
            "title_derived": article.title_derived,
            "outlet": article.outlet_label,
            "author": article.author,
            "published": article.published,
            "url": article.url,
            "paragraphs": [[p.text, p.heading] for p in article.paragraphs],
        },
        "figures": [[start, end, prompt.plain, _styles(prompt)] for start, end, prompt in figures],
        "rows": [
            [i, a.id, a.title, a.outlet_label, a.published or "", getattr(a, "n_figures", None)]
            for i, a in rows.items()
        ],
        "total": total,
    }


def _styles(prompt: Any) -> list[list[Any]]:
    return [[s.start, s.end, s.style] for s in prompt.spans if isinstance(s.style, str)]


def file_stat(path: Path) -> list[int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def restore(data: object, corpus_dir: Path) -> FirstScreen | None:
    """The remembered screen, if it has the right shape and its article file is unchanged; else None."""
    try:
        return _restore(data, corpus_dir)
    except (KeyError, TypeError, ValueError, IndexError, AttributeError):
        return None


def _restore(data: Any, corpus_dir: Path) -> FirstScreen | None:
    article = data["article"]
    article_id = article["id"]
    # The id names the file checked: only the corpus's own id alphabet, never a path.
    if not isinstance(article_id, str) or not article_id.replace("-", "").replace("_", "").isalnum():
        return None
    if file_stat(corpus_dir / f"{article_id}.yaml") != data["stat"]:
        return None
    for key in ("title", "outlet"):
        _text(article[key])
    for key in ("author", "published", "url"):
        article[key] is None or _text(article[key])
    article["title_derived"] = article["title_derived"] is True
    article["paragraphs"] = [[_text(text), heading is True] for text, heading in article["paragraphs"]]
    figures = [
        [
            _int(start),
            _int(end),
            _text(prompt),
            [[_int(s), _int(e), style] for s, e, style in styles if style in PROMPT_STYLES],
        ]
        for start, end, prompt, styles in data["figures"]
    ]
    rows = {}
    for i, row_id, title, outlet, date, n_figures in data["rows"]:
        rows[_int(i)] = [_text(row_id), _text(title), _text(outlet), _text(date), n_figures and _int(n_figures)]
    return FirstScreen(article, figures, rows, _int(data["total"]))


def _text(value: object) -> str:
    if not isinstance(value, str):
        raise TypeError("not text")
    return value


def _int(value: object) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise TypeError("not a count")
    return value
