"""Words the reader shows for counts and figures, shared by widgets and screens (screens never
import helpers from widgets). Every piece of article text goes through textsafe.safe_line."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .textsafe import safe_line

if TYPE_CHECKING:
    from .corpus.claims import ClaimValue
    from .corpus.figures import Figure
    from .corpus.groups import FigureGroup
    from .corpus.model import Article

DISAGREE_MARK = "≠"

# How the values of one claim relate (tui.corpus.claims.Claim.relation): a mark and what it means.
RELATION_MARKS = {
    "single": "·",
    "agree": "=",
    "update": "↗",
    "disagree": DISAGREE_MARK,
    "differ": "~",
    "different windows": "◷",
    "sum": "Σ",
}
RELATION_WORDS = {
    "single": "one value, one report",
    "agree": "the reports agree",
    "update": "an update: later reports give a newer figure",
    "disagree": "outlets disagree: reports of about the same day give different figures",
    "differ": "the figures differ, with nothing to say they were given at the same time",
    "different windows": "different windows: each figure is for another period (both can be true)",
    "sum": "a sum of other claims",
}


def plural(count: int, word: str, words: str | None = None) -> str:
    return f"{count} {word if count == 1 else (words or word + 's')}"


def other_reports(figure: Figure, group: FigureGroup | None) -> int:
    if group is None:
        return 0
    return len({m.article_id for m in group.members} - {figure.article_id})


def disagrees(group: FigureGroup | None) -> bool:
    """Outlets disagree about this claim (a related group alone may be a part of a sum, not a conflict)."""
    return group is not None and group.discrepancy is not None


def figure_label(figure: Figure) -> str:
    """The figure as the article words it, with what it counts: "1,000 sappers"."""
    label = safe_line(figure.surface)
    counts = safe_line(figure.counts)
    if counts and counts.lower() not in label.lower():
        label = f"{label} {counts}"
    per = safe_line(figure.per)
    if per and not _says_per(label, per):
        label += f" per {per}"
    return label


def _says_per(label: str, per: str) -> bool:
    """The surface already says the rate ("$800 a month", "$2,000 per month"): do not add it again."""
    lowered = label.lower()
    return any(f"{word} {per.lower()}" in lowered for word in ("a", "an", "per", "each", "every"))


def site_of(url: str) -> str:
    """ "www.theaustralian.com.au/world/…" -> "theaustralian.com.au"; not a web address: as given."""
    from urllib.parse import urlsplit  # only when an article with a url is shown

    host = urlsplit(url.strip()).hostname if "//" in url else None
    if not host:
        return url
    return host.removeprefix("www.")


def citation(sentence: str, article: Article) -> str:
    """“Sentence.” — Outlet, “Headline”, date, url: one safe line for the clipboard."""
    parts = [safe_line(article.outlet_label), f"“{safe_line(article.title)}”"]
    parts += [safe_line(article.published or "undated")]
    if article.url:
        parts.append(safe_line(article.url))
    return f"“{safe_line(sentence)}” — " + ", ".join(parts)


def relation_mark(relation: str) -> str:
    return RELATION_MARKS.get(relation, "?")


def relation_words(relation: str) -> str:
    return RELATION_WORDS.get(relation, safe_line(relation))


def value_text(value: ClaimValue, kind: str | None = None) -> str:
    """ "1,000", "200–410", "2 (this month)", "2017" (kind "date"): a claim's value as the reports give it."""
    from .corpus.numbers import format_value  # only once claims are shown

    text = safe_line(value.as_written(kind))  # "thousands", never "1,000"; "June 4", never "4"
    if not value.words and kind != "date" and value.value_max is not None and value.value_max != value.value:
        text += f"–{format_value(value.value_max, kind)}"
    if value.window:
        text += f" ({safe_line(value.window)})"
    return text


def day_text(published: str | None) -> str:
    return safe_line(published)[:10] if published else "undated"
