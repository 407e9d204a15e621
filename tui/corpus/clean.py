"""Raw scraped report -> clean paragraphs + metadata + a removal report.

The raw text is split into lines (1-based numbers as an editor shows them). Passes then mark lines
as metadata, chrome or boilerplate, each with the rule name that becomes the removal reason:

1. control characters are stripped from every line (reported per line);
2. unambiguous metadata: "Original URL: …", "The post … appeared first on …";
3. a tail marker ("Related Articles", …) after the body has started drops the rest of the page,
   or only a box of links when the article resumes after it;
4. outlet (glued to "5 hours ago", a known outlet name alone on a line), author bio, contributor
   line, byline, a stated date; an outlet named in a footer plug;
5. data rules from cleaning_rules.yaml (chrome, comment prompts, plugs, legal notices, promo links),
   then readers' comments from a comment marker on;
6. structure: captions (credit line, or a line repeated back to back), later duplicates, the title;
7. boilerplate by shape (clean_shape.py): prose vs menus, teaser lists, link rows; hard-wrapped lines
   are joined first so it judges whole paragraphs, and section headings a table of contents repeated
   come back inside the kept article;
8. broken lines are joined (a line starting in lower case continues an unfinished one);
9. short lines between paragraphs become subheadings; a lone headline-shaped line inside the body
   is a promo link to another story.

Kept text is only ever raw text with whitespace collapsed: nothing is invented."""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from enum import IntEnum

from ..textsafe import UNSAFE_CHARS, terminal_safe
from . import clean_meta as meta
from .clean_rules import Rules, load_rules
from .clean_shape import (
    Shape,
    classify,
    forget_features,
    headline_anchor,
    initial_shape,
    looks_like_prose,
    words,
)
from .model import Paragraph, Removal

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"\s+")
_CAPTION_CREDIT = re.compile(
    r"(?:\b(?:Picture|Photo|Photograph|Image|Credit|Source|Illustration)s?\s*:\s*[^.]{2,120}"
    r"|\((?:AP|Reuters|AFP|Getty Images|EPA|Yonhap|KCNA)[^)]{0,60}\)"
    r"|\b(?:via|/)\s*(?:AP|Reuters|AFP|Getty Images|EPA|Yonhap|KCNA)(?: Photo)?)\.?$"
)
_SOFT_END = re.compile(r"[.!?…:;,][\"'”’»)\]]*$")
_FULL_END = re.compile(r"[.!?…:][\"'”’»)\]]*$")
_NOT_HEADING_END = re.compile(r"[.…:;,][\"'”’»)\]]*$")
HEADING_MAX_WORDS = 14
SECTION_HEADING_MIN_WORDS = 2  # a one-word kicker printed again ("Environment") is a section label
TITLE_MAX_CHARS = 110
PROMO_MIN_WORDS = 6
CAPTION_MAX_CHARS = 600
TITLE_WINDOW = 8  # lines above the first paragraph searched for a headline
TAIL_AFTER_PARAGRAPHS = 2  # a marker above the article's second paragraph is in a menu or a notice bar
COMMENTS_AFTER_PARAGRAPHS = 3  # a comment marker above this many paragraphs is not the comments yet
BIO_WINDOW = 4  # an author bio is among the last lines still kept
CONTROL_REPORT_CHARS = 1000  # raw characters shown in a control-characters removal
CARD_WINDOW = 12  # lines after a tail marker searched for story-card structure
INTRO_MIN_WORDS = 3  # "Here are the states:" introduces a block; "Tags:" labels one
INTRODUCED_BLOCK_LINES = 5  # a comment marker this close under "…:" heads a table column, not comments
THREAD_WINDOW = 15  # lines after a comment count searched for comment chrome
RESUME_WINDOW, RESUME_RUN = 3, 3  # the article resumes under a comment count: paragraphs in a row at once
COMMENT_CHROME = frozenset(["comment chrome"])  # line-rule names of the furniture of a comment thread
THREAD_MIN_CHROME = 3  # comment-chrome lines that make a page's comments a thread the article never spans
# Line-rule names of the page's own frame ("Skip to content", "Sign in", "Next article"): unlike chrome
# inside an article (share buttons, ad labels), the shape pass sees such a line as it would any other, so
# it weighs in full in a gap and, made of navigation words, is a wall no article is joined across.
PAGE_NAVIGATION = frozenset(["page navigation"])
_IN_ARTICLE_FRAME = frozenset(["back to top"])
JOINED = "joined broken line"  # the line's text is kept, moved into the line above
WRAPPED_LINE_CHARS = 50  # a line of hard-wrapped text fills most of its width


@dataclass
class CleanResult:
    title: str
    title_derived: bool
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None
    paragraphs: list[Paragraph]
    removed: list[Removal] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    no: int  # 1-based raw line number
    raw: str
    text: str  # control characters stripped, whitespace collapsed
    drop: str | None = None  # removal reason
    heading: bool = False
    joined: list[str] = field(default_factory=list)  # texts of continuation lines
    _prose: bool | None = None

    @property
    def alive(self) -> bool:
        return self.drop is None and bool(self.text)

    @property
    def prose(self) -> bool:
        if self._prose is None:
            self._prose = looks_like_prose(self.text)
        return self._prose


class _OutletSource(IntEnum):
    """Where an outlet name was read, most trustworthy first: a better source overrides a worse one."""

    POST_TRAILER = 0  # "The post … appeared first on Outlet."
    BESIDE_TIME = 1  # "Time of India5 hours ago"
    OWN_LINE = 2  # a known outlet name alone on a line inside the body
    FOOTER_PLUG = 3  # "download the Moneycontrol App"
    NONE = 99


@dataclass
class _Meta:
    title: str | None = None
    outlet: str | None = None
    outlet_source: _OutletSource = _OutletSource.NONE
    url: str | None = None
    author: str | None = None
    published: str | None = None

    def set_outlet(self, name: str, source: _OutletSource, rules: Rules) -> None:
        if name and source < self.outlet_source:
            self.outlet, self.outlet_source = rules.outlet_name(name), source


def _split(raw_text: str) -> tuple[list[_Line], list[Removal]]:
    """The raw lines, cleaned of invisible characters; a run of blank lines becomes one blank _Line
    (blank lines only ever separate paragraphs, and a page of a million of them stays fast)."""
    lines: list[_Line] = []
    removed: list[Removal] = []
    has_unsafe = UNSAFE_CHARS.search(raw_text) is not None
    for no, raw in enumerate(_LINE_BREAK.split(raw_text), start=1):
        stripped = UNSAFE_CHARS.sub("", raw) if has_unsafe else raw
        if stripped != raw:
            removed.append(Removal(no, _shown_with_escapes(raw), "control-characters"))
        text = _SPACES.sub(" ", stripped).strip() if stripped else ""
        if text or not lines or lines[-1].text:
            lines.append(_Line(no, raw, text))
    return lines, removed


def _shown_with_escapes(raw: str) -> str:
    """The raw line with its invisible characters as visible escapes; a very long line is cut
    (the raw file keeps it whole) so one hostile line cannot bloat the article file sixfold."""
    shown = terminal_safe(raw[:CONTROL_REPORT_CHARS], keep_newlines=False)
    return shown + "…" if len(raw) > CONTROL_REPORT_CHARS else shown


def _alive(lines: list[_Line]) -> list[_Line]:
    return [ln for ln in lines if ln.drop is None and ln.text]  # ln.alive, without a call per line


def _first_prose(lines: list[_Line]) -> int | None:
    return next((i for i, ln in enumerate(lines) if ln.alive and ln.prose), None)


def _mark_trailers(lines: list[_Line], m: _Meta, rules: Rules) -> None:
    for ln in _alive(lines):
        if (url := meta.original_url(ln.text)) is not None:
            m.url = m.url or url
            ln.drop = "original URL"
        elif (post := meta.post_trailer(ln.text)) is not None:
            m.title = m.title or post[0]
            m.set_outlet(post[1], _OutletSource.POST_TRAILER, rules)
            ln.drop = "post trailer (title and outlet)"


def _cut_tail(lines: list[_Line], rules: Rules) -> None:
    """After the body has started, a marker line ("Related Articles") opens either a tail of other
    stories (cards: a headline twice, a source or "2 hours ago" line, or no more prose at all), which
    ends the article, or an inline box of links, after which the article resumes."""
    prose = [k for k, ln in enumerate(lines) if ln.alive and ln.prose][:TAIL_AFTER_PARAGRAPHS]
    if len(prose) < TAIL_AFTER_PARAGRAPHS:
        return
    present = [ln for ln in lines[prose[-1] + 1 :] if ln.text]
    i = 0
    while i < len(present):
        ln = present[i]
        if not (ln.alive and rules.is_tail_marker(ln.text)):
            i += 1
            continue
        slug = re.sub(r"\W+", "-", ln.text.casefold()).strip("-")
        box_end = next((j for j in range(i + 1, len(present)) if present[j].prose), None)
        if box_end is None or _has_story_cards(present[i + 1 : i + 1 + CARD_WINDOW]):
            _drop_all(present[i:], f"{slug} tail")
            return
        _drop_all(present[i:box_end], f"{slug} box")
        i = box_end


def _has_story_cards(window: list[_Line]) -> bool:
    texts = [ln.text.casefold() for ln in window]
    twins = any(a == b for a, b in itertools.pairwise(texts))
    stamps = any(meta.is_relative_time(ln.text) or meta.name_beside_time(ln.text) for ln in window)
    return twins or stamps


def _drop_all(lines: list[_Line], reason: str) -> None:
    for ln in lines:
        if ln.text and ln.drop is None:
            ln.drop = reason


def _mark_metadata(lines: list[_Line], m: _Meta, rules: Rules) -> None:
    body_started = False
    alive = _alive(lines)
    for i, ln in enumerate(alive):
        text = ln.text
        # a bio sits above the article or at its very end, never between its paragraphs
        bio_place = not body_started or i >= len(alive) - BIO_WINDOW
        if (outlet := meta.outlet_with_time(text, rules.known_outlets)) is not None:
            m.set_outlet(outlet, _OutletSource.BESIDE_TIME, rules)
            ln.drop = "outlet and relative time"
        elif (author := meta.byline_with_time(text)) is not None:
            m.author = m.author or author
            ln.drop = "byline and relative time"
        elif meta.is_relative_time(text):
            ln.drop = "relative time"
        elif text.casefold().strip(" .") in rules.known_outlets:
            if body_started:  # before the body such a line is more likely a menu of sister sites
                m.set_outlet(text.strip(" ."), _OutletSource.OWN_LINE, rules)
            ln.drop = "outlet line"
        elif bio_place and (author := meta.author_from_bio(text)) is not None:
            m.author = m.author or author
            ln.drop = "author bio"
        elif meta.is_contributor_line(text):
            ln.drop = "contributor line"
        elif not body_started and (author := meta.author_from_byline(text)) is not None:
            m.author = m.author or author
            ln.drop = "byline"
        elif (date_line := meta.dateline(text))[0]:
            m.published = m.published or date_line[1]
            ln.drop = "dateline"
        body_started = body_started or ln.prose


def _apply_line_rules(lines: list[_Line], rules: Rules) -> None:
    for ln in _alive(lines):
        ln.drop = rules.reason_for(ln.text, ln.text.casefold(), ln.text.count(" ") + 1)


def _cut_comments(lines: list[_Line], rules: Rules) -> None:
    """Readers' comments under the article: from a comment marker ("Comments", "34 responses to …")
    that follows at least COMMENTS_AFTER_PARAGRAPHS paragraphs, every line no other rule explains is
    dropped. A comment count ("12 comments", "Comments (0)") is dropped itself, but opens the comments
    only when a thread follows it: it is as often a link above or beside the article."""
    paragraphs = 0
    for i, ln in enumerate(lines):
        if ln.alive and ln.prose:
            paragraphs += 1
            continue
        if not ln.alive:
            continue
        if rules.comment_count is not None and rules.comment_count.fullmatch(ln.text):
            if paragraphs >= COMMENTS_AFTER_PARAGRAPHS and _thread_follows(lines[i + 1 :]):
                _drop_all(lines[i:], "comments tail")
                return
            ln.drop = "comment count"
        elif (
            paragraphs >= COMMENTS_AFTER_PARAGRAPHS
            and rules.comment_marker is not None
            and rules.comment_marker.fullmatch(ln.text)
            and not _in_introduced_block(lines[:i])
        ):
            _drop_all(lines[i:], "comments tail")
            return


def _in_introduced_block(above: list[_Line]) -> bool:
    """Whether a line sits in the block a sentence ending in a colon introduces ("… the states and
    their timestamps:" over a table whose header reads "Status | Timestamp | Comment"): only short
    lines lie between that sentence and it."""
    alive = [ln for ln in above if ln.alive][-INTRODUCED_BLOCK_LINES:]
    for ln in reversed(alive):
        if ln.text.endswith(":") and len(words(ln.text)) >= INTRO_MIN_WORDS:
            return True
        if ln.prose:
            return False
    return False


def _thread_follows(after: list[_Line]) -> bool:
    """Comment chrome ("Reply", "Ann says:") soon after the count; else anything but the article
    resuming right under it: a run of paragraphs that is RESUME_RUN long or the page's last prose."""
    window = [ln for ln in after if ln.text][:THREAD_WINDOW]
    if any(ln.drop in COMMENT_CHROME for ln in window):
        return True
    alive = [ln for ln in after if ln.alive]
    start = next((k for k, ln in enumerate(alive[:RESUME_WINDOW]) if ln.prose), None)
    if start is None:
        return True
    end = next((k for k in range(start, len(alive)) if not alive[k].prose), len(alive))
    rest_has_prose = any(ln.prose for ln in alive[end:])
    return end - start < RESUME_RUN and rest_has_prose


def _footer_outlet(lines: list[_Line], m: _Meta, rules: Rules) -> None:
    """The outlet named in a plug near the end ("download the Moneycontrol App")."""
    for ln in reversed(lines):
        if not ln.text or (ln.drop and ln.drop.endswith(" tail")):
            continue
        for pattern in rules.footer_patterns:
            if (found := pattern.search(ln.text)) is not None:
                m.set_outlet(found.group("outlet"), _OutletSource.FOOTER_PLUG, rules)
                return


def _mark_captions_and_duplicates(lines: list[_Line], m: _Meta) -> None:
    alive = _alive(lines)
    first_prose = _first_prose(lines)
    body_no = lines[first_prose].no if first_prose is not None else None
    seen: set[str] = set()
    for i, ln in enumerate(alive):
        if ln.drop:  # dropped as the second of a pair
            continue
        key = ln.text.casefold()
        nxt = alive[i + 1] if i + 1 < len(alive) else None
        twin = nxt is not None and nxt.text.casefold() == key
        before_body = body_no is None or ln.no < body_no
        credit = _CAPTION_CREDIT.search(ln.text) if len(ln.text) <= CAPTION_MAX_CHARS else None
        if credit and (twin or not looks_like_prose(ln.text[: credit.start()] + ".")):
            ln.drop = "caption"
        elif twin and before_body and m.title is None and not ln.prose and len(words(ln.text)) >= 3:
            m.title, ln.drop = ln.text, "title"
        elif twin and not before_body:
            ln.drop = "caption (repeated line)"
        elif key in seen:
            ln.drop = "duplicate line"
        if twin and ln.drop and nxt is not None:
            nxt.drop = ln.drop if ln.drop != "title" else "title (repeated)"
        seen.add(key)


def _mark_shape(lines: list[_Line], rules: Rules) -> None:
    """Boilerplate by shape, judged on whole paragraphs: a line the scrape broke is judged with its
    continuations (a hard-wrapped paragraph is no run of short lines), which then share its verdict."""
    present = [ln for ln in lines if ln.text and ln.drop != JOINED]
    chrome = [ln.drop in COMMENT_CHROME for ln in present]
    thread = sum(chrome) >= THREAD_MIN_CHROME  # one "Report abuse" or "Ann says:" line is no thread
    frame = [ln.drop in PAGE_NAVIGATION and ln.text.casefold() not in _IN_ARTICLE_FRAME for ln in present]
    verdicts = classify(
        [_with_continuations(ln) for ln in present],
        rules.boilerplate_words,
        [not ln.alive and ln.drop not in PAGE_NAVIGATION for ln in present],
        chrome if thread else None,
        frame,
    )
    for ln, verdict in zip(present, verdicts, strict=False):
        if ln.alive and verdict.shape is not Shape.GOOD:
            ln.drop = f"boilerplate ({verdict.why})"
    head: _Line | None = None
    for ln in lines:
        if ln.drop != JOINED:
            head = ln if ln.text else head
        elif head is not None and not head.alive:
            ln.drop, head.joined = head.drop, []


def _keep_repeated_section_headings(lines: list[_Line]) -> None:
    """A section heading that a table of contents above already printed was dropped as a duplicate;
    inside the kept article (a kept line above it, a kept paragraph right under it), and with its
    first copy gone with the contents list, it is the article's own subheading and comes back."""
    present = [ln for ln in lines if ln.text]
    first_kept = next((k for k, ln in enumerate(present) if ln.drop is None), len(present))
    candidates = [
        ln
        for k, ln in enumerate(present[first_kept + 1 : -1], start=first_kept + 1)
        if ln.drop == "duplicate line"
        and present[k + 1].drop is None
        and not (present[k - 1].drop or "").startswith(("boilerplate", "duplicate"))  # a box of teasers
        and present[k + 1].prose
        and _is_heading_shaped(ln.text)
        and len(words(ln.text)) >= SECTION_HEADING_MIN_WORDS
    ]
    if not candidates:
        return
    wanted = {ln.text.casefold(): ln for ln in candidates}
    sizes = {len(ln.text) for ln in candidates}  # casefold only lines that may be a first copy
    first_copy: dict[str, _Line] = {}
    for ln in present:
        if len(ln.text) in sizes and (key := ln.text.casefold()) in wanted:
            first_copy.setdefault(key, ln)
    for ln in candidates:
        first = first_copy.get(ln.text.casefold())
        if first is not None and not first.alive:
            ln.drop = None


def _mark_closing_bio(lines: list[_Line], m: _Meta) -> None:
    """An author bio among the last lines the shape pass kept ("Ann Lee is a reporter for …"): with
    the page footer gone, a bio under the article shows as its closing lines."""
    for ln in _alive(lines)[-BIO_WINDOW:]:
        if (author := meta.author_from_bio(ln.text)) is not None:
            m.author = m.author or author
            ln.drop = "author bio"


def _is_heading_shaped(text: str) -> bool:
    """Few words and no closing full stop, colon or comma (a question or exclamation may be one)."""
    return 1 <= len(words(text)) <= HEADING_MAX_WORDS and not _NOT_HEADING_END.search(text)


def _headings_between_prose(lines: list[_Line]) -> list[_Line]:
    alive = _alive(lines)
    prose = [i for i, ln in enumerate(alive) if ln.prose]
    if not prose:
        return []
    first, last = prose[0], prose[-1]
    return [ln for ln in alive[first + 1 : last] if _is_heading_shaped(ln.text)]


def _mark_promo_and_headings(lines: list[_Line]) -> None:
    """Subheadings come in series; a lone headline-shaped line inside the body links to another story."""
    candidates = _headings_between_prose(lines)
    if len(candidates) == 1 and len(words(candidates[0].text)) >= PROMO_MIN_WORDS:
        candidates[0].drop = "promo link"
        return
    for ln in candidates:
        ln.heading = True


def _title_before_body(lines: list[_Line], m: _Meta, rules: Rules) -> None:
    """The title is the line repeating the page title (a web page's first line) above the body;
    else the headline-shaped line nearest above the first paragraph, preferring one of 5+ words
    to a short label ("Opinion", "Share Tweet Submit")."""
    first = _first_prose(lines)
    if first is None:
        return
    above = [ln for ln in lines[:first] if ln.text]
    anchor = headline_anchor([ln.text for ln in above])
    if m.title is None and anchor is not None and anchor < len(above):
        m.title = above[anchor].text
        if above[anchor].alive:
            above[anchor].drop = "title"
        return
    candidates = [
        ln
        for ln in reversed(above[-TITLE_WINDOW:])
        if ln.alive
        and _is_heading_shaped(ln.text)
        and len(words(ln.text)) >= 3
        and "@" not in ln.text
        and initial_shape(ln.text, rules.boilerplate_words).why != "navigation words"
    ]
    chosen = next((ln for ln in candidates if len(words(ln.text)) >= 5), candidates[0] if candidates else None)
    if chosen is None:
        return
    if m.title is None:
        m.title, chosen.drop = chosen.text, "title"
    elif chosen.text.casefold() == m.title.casefold():
        chosen.drop = "title (repeated)"


def _title_of_post_without_prose(lines: list[_Line], m: _Meta) -> None:
    """A post with no paragraph (a list, a timetable) still has the headline repeating the page title."""
    if m.title is not None or _first_prose(lines) is not None:
        return
    present = [ln for ln in lines if ln.text]
    anchor = headline_anchor([ln.text for ln in present])
    if anchor is not None and any(ln.alive for ln in present[anchor + 1 :]):
        m.title = present[anchor].text
        present[anchor].drop = "title"


def _starts_lower(text: str) -> bool:
    return text[:1].islower()


def _join_broken_lines(lines: list[_Line], min_chars: int = 0) -> None:
    """Rejoin a sentence the scrape broke over lines: a line starting in lower case continues an
    unfinished line above it (no blank line between); a short fragment in between comes along.
    With `min_chars`, only onto a line at least that long (hard-wrapped text fills its width)."""
    blocks: list[list[_Line]] = [[]]
    for ln in lines:  # adjacency: no blank or dropped raw line in between, so joins invent nothing
        if ln.alive:
            blocks[-1].append(ln)
        elif blocks[-1]:
            blocks.append([])
    for block in blocks:
        head: _Line | None = None
        for k, ln in enumerate(block):
            after = block[k + 1] if k + 1 < len(block) else None
            if head is not None and _continues(head, ln, after, min_chars):
                head.joined.append(ln.text)
                ln.drop = JOINED
            else:
                head = ln


def _continues(head: _Line, ln: _Line, after: _Line | None, min_chars: int) -> bool:
    if len(head.text) < min_chars:
        return False
    last = head.joined[-1] if head.joined else head.text
    # a wrapped line may end at a comma; a short line ending in one is more often a list item
    if (_FULL_END if min_chars else _SOFT_END).search(last):
        return False
    if _starts_lower(ln.text):
        return True
    fragment = len(words(ln.text)) <= 5 and not _SOFT_END.search(ln.text)
    return fragment and after is not None and _starts_lower(after.text) and len(words(head.text)) >= 6


def _with_continuations(ln: _Line) -> str:
    return " ".join([ln.text, *ln.joined])


# A clause ends at a comma, semicolon or dash, and at a colon unless it sits between digits ("4:00 pm").
_CLAUSE_BREAK = re.compile(r"[,;—–]| - |:(?!(?<=\d:)\d)")
# A list bullet opening the first paragraph ("- A major earthquake…") is not part of a headline.
_LEADING_BULLET = re.compile(r"^[-•*–]\s+")


def _cut_title(sentence: str) -> str:
    """A short title from a first sentence: whole if short, else up to a clause boundary, else
    cut at a word boundary (not after a function word) and marked with an ellipsis."""
    sentence = sentence.strip().rstrip(".")
    if len(sentence) <= TITLE_MAX_CHARS:
        return sentence
    clause = _CLAUSE_BREAK.split(sentence, maxsplit=1)[0].strip()
    if 30 <= len(clause) <= TITLE_MAX_CHARS:
        return clause
    cut = sentence[: TITLE_MAX_CHARS + 1].rsplit(" ", 1)[0].split()
    while len(cut) > 4 and cut[-1].casefold() in _WEAK_ENDINGS:
        cut.pop()
    return " ".join(cut).rstrip(",;:") + "…"


_WEAK_ENDINGS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "to",
        "in",
        "on",
        "at",
        "for",
        "and",
        "or",
        "but",
        "with",
        "by",
        "from",
        "as",
        "that",
        "has",
        "have",
        "had",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "will",
        "would",
        "can",
        "could",
        "its",
        "his",
        "her",
        "their",
        "this",
        "these",
        "those",
        "who",
        "which",
        "than",
        "into",
        "about",
    ]
)


def derive_title(paragraphs: list[Paragraph]) -> str:
    body = next((p.text for p in paragraphs if not p.heading), "")
    if not body:
        return paragraphs[0].text if paragraphs else ""
    body = _LEADING_BULLET.sub("", body)
    first_sentence = re.split(r"(?<=[.!?])[\"'”’]?\s+(?=[A-Z“\"])", body, maxsplit=1)[0]
    return _cut_title(first_sentence)


def _removals(lines: list[_Line]) -> list[Removal]:
    return [Removal(ln.no, ln.text, ln.drop) for ln in lines if ln.drop and ln.text]


def clean(raw_text: str, rules: Rules | None = None) -> CleanResult:
    """Clean one raw report with `rules` (default: the bundled rules plus $KURSK_READER_RULES)."""
    rules = rules if rules is not None else load_rules()
    try:
        return _clean(raw_text, rules)
    finally:
        forget_features()


def _clean(raw_text: str, rules: Rules) -> CleanResult:
    lines, control = _split(raw_text)
    m = _Meta()
    _mark_trailers(lines, m, rules)
    _cut_tail(lines, rules)
    _mark_metadata(lines, m, rules)
    _footer_outlet(lines, m, rules)
    _apply_line_rules(lines, rules)
    _cut_comments(lines, rules)
    _mark_captions_and_duplicates(lines, m)
    _title_before_body(lines, m, rules)
    _join_broken_lines(lines, WRAPPED_LINE_CHARS)  # so the shape pass judges hard-wrapped paragraphs whole
    _mark_shape(lines, rules)
    _keep_repeated_section_headings(lines)
    _mark_closing_bio(lines, m)
    _title_of_post_without_prose(lines, m)
    _join_broken_lines(lines)
    _mark_promo_and_headings(lines)
    paragraphs = [Paragraph(_with_continuations(ln), ln.heading) for ln in _alive(lines)]
    title, derived = (m.title, False) if m.title else (derive_title(paragraphs), True)
    removed = sorted(control + _removals(lines), key=lambda r: r.line)
    return CleanResult(title, derived, m.outlet, m.url, m.author, m.published, paragraphs, removed)
