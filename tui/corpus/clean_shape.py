"""Boilerplate by shape: which lines of a page read like article prose, judged without any
outlet-specific rule (line length, stop-word density, sentence punctuation, navigation vocabulary,
neighbours, and one main run of text). The idea follows jusText (Pomikálek 2011); the code is ours."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

# Common English function words: prose is full of them, menus, tags and teaser lists are not.
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "against",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "because",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "could",
        "did",
        "do",
        "does",
        "doing",
        "down",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "herself",
        "him",
        "himself",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "it",
        "its",
        "itself",
        "just",
        "may",
        "me",
        "might",
        "more",
        "most",
        "must",
        "my",
        "myself",
        "no",
        "nor",
        "not",
        "now",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "ourselves",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "themselves",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "would",
        "you",
        "your",
        "yours",
        "yourself",
        "yourselves",
        "said",
        "says",
        "according",
        "one",
        "two",
        "its",
        "it's",
        "he's",
        "she's",
        "they're",
        "we're",
        "there's",
        "that's",
        "who's",
    ]
)

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*$")

SHORT_CHARS = 70  # below this a line is judged by its neighbours
LONG_CHARS = 200
STOP_HIGH = 0.30
STOP_LOW = 0.20
NAV_SHARE = 0.5
MAX_SHORT_RUN = 3  # more short lines in a row are a menu, tag or teaser list
MIN_BULLETS = 3  # lines in a row that start with a bullet ("- ", "* ", "• ") make a list
MIN_SENTENCE_ITEMS = 4  # short sentences in a row, on a page with no paragraph, are its body
MIN_ITEM_WORDS = 3
MIN_PARAGRAPHS = 2  # with fewer prose lines than this, a list of short sentences may be the body
_BULLET = re.compile(r"[-+*•·–▪►]\s+\w+\W+\w")  # a bullet, then at least two words
LIST_INTRO_WORDS = 3  # "What you'll need:" introduces a list; "Tags:", "Filed under:" label one
MAX_GAP = 4.0  # other lines allowed between two good lines of one cluster
DROPPED_GAP_COST = 0.34  # a line a data rule already dropped weighs a third of an unexplained one
MAX_JOIN_GAP = 15.0  # neighbouring clusters this close may continue the article...
MIN_JOIN_DENSITY = 0.6  # ...if they are dense runs of paragraphs
# A table, list or gallery inside an article is a long run of short lines; prose resumes after it.
BRIDGE_GAP = 60.0  # across this many such lines (table rows weigh a third), two clusters are still one article...
BRIDGE_SHARE = 0.25  # ...when each holds this share of the main cluster's text,
BRIDGE_LINES = 4  # this many paragraphs at least,
BRIDGE_LINE_CHARS = 100.0  # and paragraphs of this length on average (teaser headlines are shorter)
LEAD_LINES, LEAD_SHARE = 2, 0.02  # the run on the near side may be an intro (a paragraph or two)
ANCHOR_BONUS = 10.0  # the article usually starts right under the headline that repeats the page title
ANCHOR_WINDOW = 12
ANCHOR_PREFIX_SHARE = 0.6
# (tuned on the 161 pages of benchmarks/cleaning.py; see docs/cleaning.md)


class Shape(Enum):
    GOOD = "good"
    NEAR = "near-good"
    SHORT = "short"
    BAD = "bad"


@dataclass(frozen=True)
class LineShape:
    shape: Shape
    why: str  # reason for the removal report when the line ends up dropped


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def ends_sentence(text: str) -> bool:
    return _SENTENCE_END.search(text) is not None


@dataclass(frozen=True)
class _Features:
    folded_words: list[str]
    density: float  # share of function words
    sentence_end: bool


@lru_cache(maxsize=1 << 17)  # passes look at the same lines several times; clean() clears it
def _features(text: str) -> _Features:
    ws = _WORD.findall(text.casefold())
    density = len([w for w in ws if w in STOPWORDS]) / len(ws) if ws else 0.0
    return _Features(ws, density, ends_sentence(text))


def forget_features() -> None:
    """Release the per-line feature cache (clean() calls this when it is done with a page)."""
    _features.cache_clear()


def looks_like_prose(text: str) -> bool:
    """A sentence-like paragraph: enough words, function words, and sentence punctuation."""
    f = _features(text)
    if len(f.folded_words) < 8 or f.density < STOP_LOW:
        return False
    return f.sentence_end or len(f.folded_words) >= 25


_NO_WORDS = LineShape(Shape.BAD, "no words")
_NAVIGATION = LineShape(Shape.BAD, "navigation words")
_SHORT = LineShape(Shape.SHORT, "short line without a sentence")
_GOOD = LineShape(Shape.GOOD, "")
_NEAR = LineShape(Shape.NEAR, "few function words")
_NOT_PROSE = LineShape(Shape.BAD, "not prose (few function words)")
_DROPPED = LineShape(Shape.BAD, "dropped")
_OUTSIDE = LineShape(Shape.BAD, "outside the main text")
_TEASER = LineShape(Shape.BAD, "teaser (summary cut short)")
_TEASER_END = re.compile(
    r"(?:(?<=\w)(?:\.\.\.|…)|\[(?:\.\.\.|…)\]|\((?:more|read more)(?:\.\.\.|…)?\)|\bread more|\bcontinue reading"
    r"|\bfull story)\W{0,3}$",
    re.IGNORECASE,
)
TEASER_MIN_CHARS = 80  # a summary, not a short line trailing off ("Here's the thing …")
MIN_TEASERS = 3  # a line or two ending in "..." may be a quote trailing off or a paywall cut; more are a list


def initial_shape(text: str, nav_words: frozenset[str]) -> LineShape:
    f = _features(text)
    ws, density, end = f.folded_words, f.density, f.sentence_end
    if not ws:
        return _NO_WORDS
    if len(ws) <= 12 and len([w for w in ws if w in nav_words]) >= NAV_SHARE * len(ws):
        return _NAVIGATION
    if len(text) < SHORT_CHARS and not (end and len(ws) >= 6 and density >= STOP_LOW):
        return _SHORT
    if density >= STOP_HIGH and (len(text) >= LONG_CHARS or end):
        return _GOOD
    if density >= STOP_LOW or (end and len(ws) >= 6 and text[:1].isupper()):
        # A complete sentence poor in function words ("RIA Novosti carried a similar report.")
        # is judged by its neighbours, like jusText's near-good class.
        return _NEAR
    return _NOT_PROSE


def _nearest(shapes: Sequence[Shape], skip: set[Shape]) -> tuple[list[Shape], list[Shape]]:
    """For each line, the class of the nearest line before and after it not in `skip` (linear)."""
    before, after = [Shape.BAD] * len(shapes), [Shape.BAD] * len(shapes)  # page edges count as boilerplate
    last = Shape.BAD
    for i, s in enumerate(shapes):
        before[i] = last
        if s not in skip:
            last = s
    last = Shape.BAD
    for i in range(len(shapes) - 1, -1, -1):
        after[i] = last
        if shapes[i] not in skip:
            last = shapes[i]
    return before, after


def _resolve(shapes: list[Shape]) -> list[Shape]:
    """jusText's context step: near-good and short lines take the class of their neighbours."""
    before, after = _nearest(shapes, {Shape.SHORT, Shape.NEAR})
    out = [
        (Shape.BAD if before[i] is after[i] is Shape.BAD else Shape.GOOD) if s is Shape.NEAR else s
        for i, s in enumerate(shapes)
    ]
    before, after = _nearest(out, {Shape.SHORT})
    return [
        (Shape.GOOD if before[i] is after[i] is Shape.GOOD else Shape.BAD) if s is Shape.SHORT else s
        for i, s in enumerate(out)
    ]


@dataclass
class _Cluster:
    start: int  # index of its first good line
    end: int  # one past its last good line
    good_lines: int
    good_chars: int
    gap_before: float  # weighted non-good lines between the previous cluster and this one
    wall_before: bool = False  # a navigation line ("More World", "Trending News") lies in that gap
    split_before: bool = False  # only a line of the page's frame ("Subscribe") parts it from the one above
    span: float = 0.0  # weighted lines from its first good line to its last (gap weights)

    @property
    def density(self) -> float:
        return self.good_lines / self.span


def _clusters(
    shapes: list[Shape],
    lengths: list[int],
    dropped: list[bool],
    breaks: list[bool],
    walls: list[bool],
    anchor: int | None,
    splits: list[bool],
) -> list[_Cluster]:
    """Good lines grouped so that neighbours are at most MAX_GAP (weighted) other lines apart.
    Lines that data rules already recognised (share buttons, ad labels) weigh less in a gap than
    unexplained ones: articles carry such chrome inside them, teaser lists do not. A `breaks` line
    (a comment thread's "Reply", "Ann says:") ends a cluster: each comment stands alone."""
    out: list[_Cluster] = []
    gap, wall, split = 0.0, False, False
    for i, (s, n, d) in enumerate(zip(shapes, lengths, dropped, strict=False)):
        if i == anchor or breaks[i]:  # the headline starts the article: nothing above it belongs to it
            gap = float("inf")
        if s is not Shape.GOOD:
            gap += DROPPED_GAP_COST if d else 1.0
            wall = wall or walls[i] or splits[i]
            split = split or splits[i]
            continue
        if not out or gap > MAX_GAP or split:
            out.append(_Cluster(i, i + 1, 0, 0, gap, wall, split and gap <= MAX_GAP))
        c = out[-1]
        c.span += 1.0 + (gap if c.good_lines else 0.0)
        c.end, c.good_lines, c.good_chars = i + 1, c.good_lines + 1, c.good_chars + n
        gap, wall, split = 0.0, False, False
    return _rejoin_resumed(out)


def _rejoin_resumed(clusters: list[_Cluster]) -> list[_Cluster]:
    """A line of the page's frame ("Subscribe") under an inline sign-up box splits nothing when real
    paragraphs resume under it; teaser cards under it (headlines, sources: short lines) stay apart."""
    out: list[_Cluster] = []
    for c in clusters:
        if out and c.split_before and c.good_chars / c.good_lines >= BRIDGE_LINE_CHARS:
            last = out[-1]
            last.span += c.gap_before + c.span
            last.end = c.end
            last.good_lines += c.good_lines
            last.good_chars += c.good_chars
        else:
            out.append(c)
    return out


def main_run(
    shapes: list[Shape],
    lengths: list[int],
    dropped: list[bool],
    anchor: int | None = None,
    breaks: list[bool] | None = None,
    walls: list[bool] | None = None,
    splits: list[bool] | None = None,
) -> tuple[int, int]:
    """The stretch [start, end) holding the article: the cluster with the most good text, extended
    over neighbouring clusters that read like more of the same article (dense runs of paragraphs
    within MAX_JOIN_GAP lines), not like teaser lists or comments (a good line every other line), and
    across a table, list or gallery (up to BRIDGE_GAP lines) to another big run of real paragraphs.

    Islands of prose set apart by menus, teaser lists or comment chrome fall outside."""
    none = [False] * len(shapes)
    clusters = _clusters(shapes, lengths, dropped, breaks or none, walls or none, anchor, splits or none)
    if not clusters:
        return (0, 0)

    def score(c: _Cluster) -> float:
        near_headline = anchor is not None and 0 < c.start - anchor <= ANCHOR_WINDOW
        return c.good_chars * (ANCHOR_BONUS if near_headline else 1.0)

    best = max(range(len(clusters)), key=lambda k: score(clusters[k]))
    lo = hi = best

    def continues(c: _Cluster, after: _Cluster) -> bool:
        """Whether cluster `c` and the cluster `after` it are one article."""
        gap, wall = after.gap_before, after.wall_before
        return gap <= MAX_JOIN_GAP and not wall and c.good_lines >= 2 and c.density >= MIN_JOIN_DENSITY

    def bridges(before: _Cluster, after: _Cluster) -> bool:
        """A big run of paragraphs (`after`) on the far side of a table, list or gallery inside the
        article; the run above it may be only an intro (a paragraph or two over a table of contents)."""
        return (
            after.gap_before <= BRIDGE_GAP
            and after.good_lines >= BRIDGE_LINES
            and after.good_chars >= BRIDGE_SHARE * clusters[best].good_chars
            and before.good_lines >= LEAD_LINES
            and before.good_chars >= LEAD_SHARE * clusters[best].good_chars
            and all(
                c.density >= MIN_JOIN_DENSITY and c.good_chars / c.good_lines >= BRIDGE_LINE_CHARS
                for c in (before, after)
            )
        )

    def lone(c: _Cluster, after: _Cluster) -> bool:
        """A single paragraph close to the cluster `after` it: crossed when more of the article lies beyond."""
        return c.good_lines == 1 and after.gap_before <= MAX_JOIN_GAP and not after.wall_before

    def paragraphs(c: _Cluster) -> bool:
        return c.good_chars / c.good_lines >= BRIDGE_LINE_CHARS  # not a list of teaser headlines

    while lo > 0:
        if continues(clusters[lo - 1], clusters[lo]) or bridges(clusters[lo - 1], clusters[lo]):
            lo -= 1
        elif (
            lo > 1
            and lone(clusters[lo - 1], clusters[lo])
            and continues(clusters[lo - 2], clusters[lo - 1])
            and paragraphs(clusters[lo - 2])
        ):
            lo -= 2
        else:
            break
    while hi + 1 < len(clusters):
        if continues(clusters[hi + 1], clusters[hi + 1]) or bridges(clusters[hi], clusters[hi + 1]):
            hi += 1
        elif (
            hi + 2 < len(clusters)
            and lone(clusters[hi + 1], clusters[hi + 1])
            and continues(clusters[hi + 2], clusters[hi + 2])
            and paragraphs(clusters[hi + 2])
        ):
            hi += 2
        else:
            break
    return clusters[lo].start, clusters[hi].end


_TITLE_SEPARATOR = re.compile(r" [-|–—:] | -- ")
_TOKEN = re.compile(r"\w+")


def _folded(text: str) -> str:
    return text.casefold().replace("’", "").replace("'", "")


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(_folded(text))


def headline_anchor(texts: list[str]) -> int | None:
    """Index of the line repeating the page title (a web page's first line: "Headline - Site",
    "Section | Headline"), compared word by word so curly or straight apostrophes and a final full
    stop do not matter. Parts of the title shorter than 3 words (site or section names) do not count."""
    if not texts:
        return None
    title = _tokens(texts[0])
    parts = [t for t in (_tokens(p) for p in _TITLE_SEPARATOR.split(texts[0])) if len(t) >= 3]
    firsts = {t[0] for t in (title, *parts) if t}  # a matching line starts with one of these words
    for i, text in enumerate(texts[1:], start=1):
        folded = _folded(text)
        if not any(first in folded for first in firsts):  # cheap: most lines share no word with the title
            continue
        words_ = _TOKEN.findall(folded)
        # a headline may drop the " Site Name" tail the separator split missed, not most of the title
        prefix = len(words_) >= max(4, ANCHOR_PREFIX_SHARE * len(title)) and title[: len(words_)] == words_
        if len(words_) >= 3 and (words_ == title or words_ in parts or prefix):
            return i
    return None


def _teaser_lines(texts: list[str], first: list[LineShape]) -> list[int]:
    """Summaries cut short, each under a line that is not prose (its headline): a writer's own
    paragraphs trailing off with "…" follow one another."""
    return [
        i
        for i, (t, f) in enumerate(zip(texts, first, strict=True))
        if f.shape is not Shape.BAD
        and len(t) >= TEASER_MIN_CHARS
        and _TEASER_END.search(t)
        and (i == 0 or first[i - 1].shape is not Shape.GOOD)
    ]


def _mark_teasers(texts: list[str], first: list[LineShape]) -> list[LineShape]:
    """Summaries cut short ("… may soon...", "… Read more") are teasers for other pages: when a page
    has several, none of them is article text."""
    teasers = _teaser_lines(texts, first)
    if len(teasers) < MIN_TEASERS:
        return first
    out = list(first)
    for i in teasers:
        out[i] = _TEASER
    return out


def _cap_short_runs(shapes: list[Shape], texts: list[str], nav: list[bool]) -> list[Shape]:
    """Several short lines in a row are a menu, a tag list or a teaser list, never article text;
    unless a line ending in a colon introduces them ("What you'll need:"): then they are a list in
    the article (items that look like menu entries, "Task Store", included), and, like near-good
    lines, they go with the article when one side of them does."""
    out, i = list(shapes), 0
    while i < len(shapes):
        introduced = shapes[i] is Shape.SHORT and _introduces_list(texts, shapes, i)
        j = i
        while j < len(shapes) and (shapes[j] is Shape.SHORT or (introduced and nav[j])):
            j += 1
            if not introduced and j < len(shapes) and _opens_list(texts[j]):
                break  # a menu or caption run above "What you'll need:" ends where the list starts
        if introduced:
            out[i:j] = [Shape.NEAR] * (j - i)
        elif j - i > MAX_SHORT_RUN:
            out[i:j] = [Shape.BAD] * (j - i)
        i = max(j, i + 1)
    return out


def _bulleted_lists(shapes: list[Shape], texts: list[str]) -> list[Shape]:
    """Lines that carry their own bullet ("- Added a new mob", "* Fixed the map") in a run of at
    least MIN_BULLETS are the items of a list in the text (a changelog, a set of steps): like a list
    introduced by a colon, they go with the article when one side of them does."""
    out, i = list(shapes), 0
    while i < len(shapes):
        j = i
        while j < len(shapes) and shapes[j] is not Shape.BAD and _BULLET.match(texts[j]):
            j += 1
        if j - i >= MIN_BULLETS:
            out[i:j] = [Shape.NEAR if s is Shape.SHORT else s for s in shapes[i:j]]
        i = max(j, i + 1)
    return out


def _introduced_blocks(
    shapes: list[Shape], texts: list[str], first: list[LineShape], start: int, end: int
) -> list[Shape]:
    """Inside the article, a line ending in a colon ("Here is the test file:") and the block right
    under it (code, a table row, a formula) are article text, however little they read like prose."""
    out = list(shapes)
    for i in range(start, end):
        intro = _opens_list(texts[i]) and first[i].shape is not Shape.BAD
        under_intro = i > start and _opens_list(texts[i - 1]) and out[i - 1] is Shape.GOOD
        if (intro or under_intro) and first[i] not in (_NAVIGATION, _DROPPED, _NO_WORDS):
            out[i] = Shape.GOOD
    return out


def _opens_list(text: str) -> bool:
    """A list's own first line: "What you'll need:", not a label such as "Tags:" or "Filed under:"."""
    return text.endswith(":") and len(words(text)) >= LIST_INTRO_WORDS


def _introduces_list(texts: list[str], shapes: list[Shape], run: int) -> bool:
    """A list's own first line, or a sentence above it, ends in a colon and is no label ("Tags:")."""
    if _opens_list(texts[run]):
        return True
    return run > 0 and shapes[run - 1] in (Shape.GOOD, Shape.NEAR) and texts[run - 1].endswith(":")


def _post_without_prose(initial: list[Shape], dropped: list[bool], anchor: int) -> list[Shape]:
    """A page with a headline but no paragraph (a timetable, a list, a one-line notice): the short
    lines right under the headline, up to the first line that is boilerplate on its own (navigation
    words, no words), are the post, however many there are."""
    out = [Shape.BAD] * len(initial)
    for i in range(anchor + 1, len(initial)):
        if dropped[i]:  # a byline or a date under the headline
            continue
        if initial[i] is Shape.BAD:
            break
        out[i] = Shape.GOOD
    return out


def _bulleted_post(shapes: list[Shape], texts: list[str]) -> list[Shape]:
    """A page with no paragraph at all whose text is a bulleted list (a changelog, release notes):
    the list is the post. Lists of MIN_BULLETS items or more count; menus carry no bullets."""
    out, i = [Shape.BAD] * len(shapes), 0
    while i < len(shapes):
        j = i
        while j < len(shapes) and shapes[j] is not Shape.BAD and _BULLET.match(texts[j]):
            j += 1
        if j - i >= MIN_BULLETS:
            out[i:j] = [Shape.GOOD] * (j - i)
        i = max(j, i + 1)
    return out


def _sentence_list_post(first: list[LineShape], texts: list[str]) -> list[Shape]:
    """A page with at most one paragraph whose body is a list of short sentences, bulleted or not (a
    "what we know" post: "At least 14 injured.", "Schools shut Monday."): runs of MIN_SENTENCE_ITEMS
    such lines are the post. Menus and link lists end no line with a full stop and stay out."""
    item = [
        f not in (_NAVIGATION, _NO_WORDS, _DROPPED, _TEASER)
        and ends_sentence(t)
        and not t.endswith("...")
        and len(words(t)) >= MIN_ITEM_WORDS
        for f, t in zip(first, texts, strict=True)
    ]
    out, i = [Shape.BAD] * len(texts), 0
    while i < len(texts):
        j = i
        while j < len(texts) and item[j]:
            j += 1
        if j - i >= MIN_SENTENCE_ITEMS:
            out[i:j] = [Shape.GOOD] * (j - i)
        i = max(j, i + 1)
    return out


_FIGURE_CELL = re.compile(r"(?<!\S)[$£€(+-]?\d[\d.,:/%)-]*(?!\S)")  # "4", "1.6", "-31.3", "$1,000", "9:30"
TABLE_FIGURE_SHARE = 1 / 3  # "Welders and cutters 4 1.6 -31.3" is a row; "5. Beware the hairdryer" a heading


def _table_row(text: str, first: LineShape) -> bool:
    """A row or cell of a table (figures, times, prices): inside an article it weighs in a gap like
    a line a rule dropped, so a long table does not part the paragraphs above and under it."""
    if first.shape is Shape.GOOD or first is _NAVIGATION:
        return False
    figures = len(_FIGURE_CELL.findall(text))
    return figures > 0 and figures >= TABLE_FIGURE_SHARE * (text.count(" ") + 1)


def classify(
    texts: list[str],
    nav_words: frozenset[str],
    dropped: list[bool] | None = None,
    breaks: list[bool] | None = None,
    splits: list[bool] | None = None,
) -> list[LineShape]:
    """For each line: GOOD (kept) or a boilerplate reason. `texts` are the page's non-blank lines in
    order; `dropped` marks lines other rules already removed (they count as boilerplate here);
    `breaks` marks dropped lines that no article runs across (a comment thread's chrome)."""
    dropped = dropped or [False] * len(texts)
    first = [_DROPPED if d else initial_shape(t, nav_words) for t, d in zip(texts, dropped, strict=False)]
    first = _mark_teasers(texts, first)
    nav = [f is _NAVIGATION for f in first]
    capped = _cap_short_runs(_bulleted_lists([f.shape for f in first], texts), texts, nav)
    shapes = _resolve(capped)
    walls = [n and c is Shape.BAD for n, c in zip(nav, capped, strict=True)]  # not a list's items
    anchor = headline_anchor(texts)
    if anchor is not None and Shape.GOOD not in shapes:
        shapes = _post_without_prose([f.shape for f in first], dropped, anchor)
    if Shape.GOOD not in shapes:
        shapes = _bulleted_post(capped, texts)
    if shapes.count(Shape.GOOD) < MIN_PARAGRAPHS:  # one stray sentence among list items is no article
        listed = _sentence_list_post(first, texts)
        shapes = [Shape.GOOD if Shape.GOOD in pair else Shape.BAD for pair in zip(shapes, listed, strict=True)]
    light = [d or _table_row(t, f) for t, d, f in zip(texts, dropped, first, strict=True)]
    start, end = main_run(shapes, [len(t) for t in texts], light, anchor, breaks, walls, splits)
    shapes = _introduced_blocks(shapes, texts, first, start, end)
    out = []
    for i, (f, s) in enumerate(zip(first, shapes, strict=False)):
        if s is Shape.GOOD:
            out.append(_GOOD if start <= i < end else _OUTSIDE)
        elif f.why:
            out.append(f)
        else:
            out.append(LineShape(Shape.BAD, "boilerplate beside boilerplate"))
    return out
