"""Figures: every number an article reports, what it counts, and the exact sentence it came from.

Rule-based and pure Python: a tokenizer, matchers for dates, ordinals, fractions, vague amounts, money,
percentages and measures (figure_scan), and claim markers for who says so (figure_attribution).
Extraction reads only Article.text and Article.sentences, so it sees what the cleaner kept and nothing else."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Any

from .figure_attribution import Cue, When, attribution_for, speech_cues, when_expressions, when_for
from .figure_gate import may_hold_figures
from .figure_match import Match
from .figure_scan import scan_sentence
from .figure_vocab import CHROME_COUNTS, NEWSLETTER_WORDS
from .model import PARAGRAPH_SEPARATOR, Article, Paragraph
from .numbers import NUMBER_WORDS, Token, tokenize
from .sentences import split_sentences

KINDS = ("count", "money", "percent", "distance", "duration", "ordinal", "date", "fraction", "other")
_CARRY_KINDS = ("count",)
_WHEN_KINDS = ("count", "money", "percent", "fraction", "other", "distance")
_OPEN_QUOTES = ("“", '"', "‘")
_CLAUSE_ENDS = (";", ".", "?", "!")

# Limits per article, so hostile or broken input (a table dumped as one 20 MiB "sentence", 30,000 numbers) costs
# bounded memory and time. Real reports stay far below them: the longest news sentences run to ~1,000 characters.
MAX_FIGURES = 5_000  # figures kept per article
MAX_SENTENCE_CHARS = 5_000  # a longer sentence is read in pieces of this size (each piece is its figures' sentence)
MAX_TEXT_CHARS = 2_000_000  # characters of an article read for figures


class SharedText:
    """The article text, held once and shared by every figure found in it."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


class _SentenceOfFigure:
    """`Figure.sentence`: sliced from the shared article text when read, so figures hold offsets, not copies
    (20,000 figures in one 187 KB sentence used to hold 20,000 copies of it). A caller that builds a Figure
    may still pass the sentence itself as a string."""

    def __get__(self, figure: object, owner: type | None = None) -> str:
        if figure is None:
            return ""  # the dataclass field's default
        fields = figure.__dict__  # read often by grouping and claims: one attribute lookup, not three
        source = fields["_sentence_source"]
        if isinstance(source, SharedText):
            return source.text[fields["sentence_start"] : fields["sentence_end"]]
        return str(source)

    def __set__(self, figure: object, value: str | SharedText) -> None:
        figure.__dict__["_sentence_source"] = value


@dataclass
class Figure:
    article_id: str
    value: float
    kind: str  # one of KINDS
    counts: str | None  # what is counted or measured, as the article words it ("sappers")
    unit: str | None  # USD, mile, year, ...
    per: str | None  # "month" in "$800 a month"
    qualifier: str | None  # about, roughly, as many as, ...
    vague: bool  # "thousands of"
    surface: str  # text[start:end]
    start: int
    end: int
    sentence: _SentenceOfFigure = _SentenceOfFigure()  # text[sentence_start:sentence_end]
    sentence_start: int = 0
    sentence_end: int = 0
    sentence_index: int = 0
    attribution: str | None = None  # who claims it (Shoigu, Tass, South Korean intelligence, ...)
    group: str | None = None  # id of its cross-source FigureGroup
    value_max: float | None = None  # upper end of a range ("10-15"); value is the lower end
    aka: str | None = None  # the article's own gloss: "combat engineers" in "1000 sappers [combat engineers]"
    counts_inferred: bool = False  # counts from the clause's subject ("the death toll ... 400") or an ellipsis
    when: str | None = None  # the time it holds for, as worded nearby: "2024", "last year", "this year"
    date: str | None = None  # kind "date": ISO form, "--06-04" when the year is not given

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def amount_words(f: Figure) -> str:
    """A vague amount as the report words it: "thousands of workers" -> "thousands" (never "1,000")."""
    words = f.surface
    for tail in (f.counts, f.unit):
        if tail and words.lower().endswith(tail.lower()):
            words = words[: -len(tail)].strip()
    words = words.removesuffix(" of").strip() or f.surface
    return words[:1].lower() + words[1:]


@dataclass
class FigureScan:
    """Figures of one article, and what was cut short by the limits above (one line each, for the user)."""

    figures: list[Figure] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def extract_figures(article: Article) -> list[Figure]:
    """Every figure in the article, in text order. Never raises on odd text; may return []."""
    return scan_figures(article).figures


def scan_figures(article: Article) -> FigureScan:
    """Figures and warnings: an article past the limits is read in part, and the warnings say what was cut."""
    text = article.text
    shared = SharedText(text)
    result = FigureScan()
    spans, split = _pieces(sentence_spans(article, text), result)
    if split:
        result.warnings.append(
            f"article {article.id}: {split} sentence(s) longer than {MAX_SENTENCE_CHARS:,} characters were read "
            f"in pieces; each figure quotes its piece"
        )
    cues = _CueStream(text, spans)
    for idx, (s, e, sentence_index) in enumerate(spans):
        toks = cues.tokens(idx)
        matches = scan_sentence(text, _outside_links(text, s, e, toks)) if toks else []
        if matches:
            sentence_cues = cues.cues(idx) or _quote_cues(text, spans, cues, idx)
            needs_when = any(m.kind in _WHEN_KINDS for m in matches)  # dates and ordinals have no `when`
            whens = when_expressions(text, s, e) if needs_when else []
            found = _sentence_figures(article.id, shared, (s, e), sentence_index, toks, matches, sentence_cues, whens)
            result.figures.extend(found)
        cues.forget_before(idx)
        if len(result.figures) >= MAX_FIGURES:
            del result.figures[MAX_FIGURES:]
            result.warnings.append(
                f"article {article.id}: more than {MAX_FIGURES:,} figures; only the first {MAX_FIGURES:,} are listed"
            )
            break
    return result


def _pieces(spans: list[tuple[int, int]], result: FigureScan) -> tuple[list[tuple[int, int, int]], int]:
    """(start, end, sentence index) of what is read: sentences up to MAX_TEXT_CHARS, long ones in pieces."""
    out: list[tuple[int, int, int]] = []
    split = 0
    for index, (s, e) in enumerate(spans):
        if e > MAX_TEXT_CHARS:
            result.warnings.append(
                f"figures were read from the first {MAX_TEXT_CHARS:,} characters of the article only"
            )
            e = MAX_TEXT_CHARS
            if s >= e:
                break
        if e - s <= MAX_SENTENCE_CHARS:
            out.append((s, e, index))
            continue
        split += 1
        out.extend((a, b, index) for a, b in _split_long(s, e))
        if e == MAX_TEXT_CHARS:
            break
    return out, split


def _split_long(s: int, e: int) -> Iterator[tuple[int, int]]:
    """Pieces of at most MAX_SENTENCE_CHARS (a number cut in two at a piece boundary is read as two: such a
    "sentence" is a dumped table or broken input, not prose)."""
    for a in range(s, e, MAX_SENTENCE_CHARS):
        yield a, min(e, a + MAX_SENTENCE_CHARS)


class _CueStream:
    """Tokens and claim markers sentence by sentence, kept only for the few sentences a quote can look ahead
    to, so a long article never holds every sentence's tokens at once."""

    def __init__(self, text: str, spans: list[tuple[int, int, int]]) -> None:
        self.text, self.spans = text, spans
        self._held: dict[int, tuple[list[Token], list[Cue]]] = {}  # sentence index -> its tokens and cues
        self._last_speaker: str | None = None
        self._done = -1

    def tokens(self, idx: int) -> list[Token]:
        self._advance(idx)
        return self._held[idx][0]

    def cues(self, idx: int) -> list[Cue]:
        self._advance(idx)
        return self._held[idx][1]

    def forget_before(self, idx: int) -> None:
        """Called for every sentence in turn: only the one two back is still held."""
        self._held.pop(idx - 2, None)

    def _advance(self, idx: int) -> None:
        text = self.text
        while self._done < idx:
            self._done += 1
            s, e, _ = self.spans[self._done]
            if not may_hold_figures(text, s, e):
                self._held[self._done] = ([], [])  # no figure and no claim marker: not even tokenized
                continue
            toks = tokenize(text, s, e)
            cues, self._last_speaker = speech_cues(text, toks, self._last_speaker)
            self._held[self._done] = (toks, cues)


def figures_in_text(text: str, article_id: str = "text") -> list[Figure]:
    """Figures of free text (paragraphs separated by blank lines): for tests, benchmarks and tools."""
    paragraphs = [Paragraph(p.strip()) for p in text.split(PARAGRAPH_SEPARATOR) if p.strip()]
    article = Article(article_id, "", True, None, None, None, None, "", "", paragraphs)
    return extract_figures(article)


def sentence_spans(article: Article, text: str) -> list[tuple[int, int]]:
    """The article's sentences; when it has none (or they do not fit the text), sentences computed here."""
    n = len(text)
    spans = [(s.start, s.end) for s in article.sentences]
    if spans and all(0 <= a <= b <= n for a, b in spans):
        return spans
    out: list[tuple[int, int]] = []
    pos = 0
    for p in article.paragraphs:
        out.extend((pos + a, pos + b) for a, b in split_sentences(p.text))
        pos += len(p.text) + len(PARAGRAPH_SEPARATOR)
    return [(a, b) for a, b in out if 0 <= a <= b <= n]


def _quote_cues(text: str, spans: list[tuple[int, int, int]], cues: _CueStream, idx: int) -> list[Cue]:
    """A quoted sentence without its own "he said" borrows the attribution that closes the quote."""
    s, e, _ = spans[idx]
    if not text[s:e].lstrip().startswith(_OPEN_QUOTES):
        return []
    for j in range(idx + 1, min(idx + 3, len(spans))):
        if cues.cues(j):
            return cues.cues(j)
        if text[spans[j - 1][1] : spans[j][0]].count("\n"):
            break  # the quote does not run into the next paragraph's attribution
    return []


def _sentence_figures(
    article_id: str,
    shared: SharedText,
    span: tuple[int, int],
    idx: int,
    toks: list[Token],
    matches: list[Match],
    cues: list[Cue],
    whens: list[When],
) -> list[Figure]:
    s, e = span
    text = shared.text
    _carry_counts(matches, toks)
    out: list[Figure] = []
    for m in matches:
        start, end = toks[m.first].start, toks[m.end_token - 1].end
        if (m.kind == "duration" and _is_timestamp(toks)) or _is_chrome(toks, m):
            continue
        out.append(
            Figure(
                article_id=article_id,
                value=m.value,
                kind=m.kind,
                counts=m.counts,
                unit=m.unit,
                per=m.per,
                qualifier=m.qualifier,
                vague=m.vague,
                surface=text[start:end],
                start=start,
                end=end,
                sentence=shared,
                sentence_start=s,
                sentence_end=e,
                sentence_index=idx,
                attribution=attribution_for(cues, start, end),
                value_max=m.value_max,
                aka=m.aka,
                counts_inferred=m.counts_inferred,
                when=when_for(whens, start, end) if m.kind in _WHEN_KINDS else None,
                date=m.date,
            )
        )
    return out


def _carry_counts(matches: list[Match], toks: list[Token]) -> None:
    """ "3000 soldiers ... on top of 11,000 in 2024": a bare count counts what the previous one did, within one
    clause: "1,000 people; fewer than 50" says nothing about what the 50 are."""
    previous = None
    for m in matches:
        if m.kind not in _CARRY_KINDS:
            continue
        if previous is not None and any(t.text in _CLAUSE_ENDS for t in toks[previous.end_token : m.first]):
            previous = None
        if m.counts is None and previous is not None and not m.spelled:
            m.counts = previous.counts
            m.counts_inferred = True
        elif m.counts is not None:
            previous = m


_LINK = re.compile(r"\S*(?:://|www\.)\S*")


def _outside_links(text: str, start: int, end: int, toks: list[Token]) -> list[Token]:
    """The sentence's tokens without those inside a web address ("?q=30%25" holds no figure)."""
    if text.find("://", start, end) < 0 and text.find("www.", start, end) < 0:
        return toks  # what _LINK needs is not there: no need to try it at every position
    links = [(m.start(), m.end()) for m in _LINK.finditer(text, start, end)]
    if not links:
        return toks
    return [t for t in toks if not any(a <= t.start < b for a, b in links)]


def _is_chrome(toks: list[Token], m: Match) -> bool:
    """ "448 views" alone on a line, "three times a week" in a newsletter pitch: page furniture, not news."""
    counts = (m.counts or "").lower()
    words = (t for t in toks if t.kind == "word")
    if counts in CHROME_COUNTS:
        return all(t.lower in CHROME_COUNTS or t.lower in NUMBER_WORDS for t in words)  # nothing but such counts
    return counts == "times" and m.per is not None and any(t.lower in NEWSLETTER_WORDS for t in words)


def _is_timestamp(toks: list[Token]) -> bool:
    """ "5 hours ago" alone on a line is page chrome (a timestamp), not a figure the article reports."""
    words = [t for t in toks if t.kind == "word"]
    return len(words) <= 4 and any(t.lower == "ago" for t in words)
