"""The article list grouped by story: a header row per story (title, reports, outlets, first and last
dates) followed by its reports unless collapsed; or one story only. Rows are built lazily by the list
(LazyEntries), so a 100,000-article corpus costs one pass over its ids here and a screenful of rows there."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import chain
from operator import attrgetter
from typing import TYPE_CHECKING, Any

from ..formatting import plural
from ..textsafe import safe_line
from ..widgets.article_list import LazyEntries, ListEntry, entry_for

if TYPE_CHECKING:
    from ..corpus.analysis_summary import StoryTable
    from ..corpus.stories import Story


def story_key(story_id: str) -> str:
    """The list key of a story's header (never an article id: those have no colon)."""
    return f"story:{story_id}"


def story_rows(
    listed: Sequence[Any], index: StoryTable, collapsed: set[str], only: str | None = None
) -> LazyEntries[Any]:
    """`listed` (Articles or ArticleSummaries) grouped by story, the latest story first; `only`: that story.
    Reports in no story come last, ungrouped."""
    by_id = dict(zip(map(attrgetter("id"), listed), listed, strict=True))  # in C: 100,000 add up
    stories = [s for s in index.stories() if only is None or s.id == only]
    stories.sort(key=lambda s: (s.last_published or "", len(s.article_ids)), reverse=True)
    items: list[Any] = []
    get = by_id.get
    placed = 0
    for story in stories:
        members = list(map(get, story.article_ids))
        if None in members:  # listed from an older catalog, or deleted since
            members = [m for m in members if m is not None]
            if not members:
                continue
        items.append(story)
        placed += len(members)
        if story.id not in collapsed:
            items.extend(members)
    if only is None and placed < len(listed):
        in_stories = set(chain.from_iterable(s.article_ids for s in stories))
        items.extend(item for item in listed if item.id not in in_stories)
    return LazyEntries(items, lambda item: _row(item, collapsed), key=_key)


def story_entry(story_id: str, title: str, reports: int, outlets: int, dates: str, collapsed: bool) -> ListEntry:
    """A story's header row: its title, how many reports and outlets, its first and last dates."""
    entry = ListEntry(
        "", safe_line(title), f"{plural(reports, 'report')} · {plural(outlets, 'outlet')}", safe_line(dates)
    )
    entry.story, entry.collapsed = story_id, collapsed
    return entry


def _row(item: Any, collapsed: set[str]) -> ListEntry:
    if hasattr(item, "article_ids"):  # a Story
        story: Story = item
        return story_entry(
            story.id,
            story.title,
            len(story.article_ids),
            len(set(story.outlets)),
            _dates(story),
            story.id in collapsed,
        )
    return entry_for(item)


def _key(item: Any) -> str:
    return story_key(item.id) if hasattr(item, "article_ids") else str(item.id)


def _dates(story: Story) -> str:
    first, last = (story.first_published or "")[:10], (story.last_published or "")[:10]
    if not first:
        return "undated"
    if first == last or not last:
        return first
    same_year = first[:5] == last[:5] and len(last) == 10  # "2026-07-02 – 07-09": fits an 80-column list
    return f"{first} – {last[5:] if same_year else last}"
