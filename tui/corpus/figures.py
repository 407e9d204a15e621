"""Figures: every number an article reports, what it counts, and the exact sentence it came from.

Rule-based and pure Python: a tokenizer, matchers for dates, ordinals, fractions, vague amounts, money,
percentages and measures (figure_scan), and claim markers for who says so (figure_attribution).
Extraction reads only Article.text and Article.sentences, so it sees what the cleaner kept and nothing else."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from .figure_attribution import attribution_for, speech_cues, when_expressions, when_for
from .figure_scan import Match, scan_sentence
from .figure_vocab import CHROME_COUNTS, NEWSLETTER_WORDS
from .model import PARAGRAPH_SEPARATOR, Article, Paragraph
from .numbers import NUMBER_WORDS, Token, tokenize
from .sentences import split_sentences

KINDS = ("count", "money", "percent", "distance", "duration", "ordinal", "date", "fraction", "other")
_CARRY_KINDS = ("count",)
_WHEN_KINDS = ("count", "money", "percent", "fraction", "other", "distance")
_OPEN_QUOTES = ("“", '"', "‘")


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
    sentence: str  # text[sentence_start:sentence_end]
    sentence_start: int
    sentence_end: int
    sentence_index: int
    attribution: str | None  # who claims it (Shoigu, Tass, South Korean intelligence, ...)
    group: str | None = None  # id of its cross-source FigureGroup
    value_max: float | None = None  # upper end of a range ("10-15"); value is the lower end
    aka: str | None = None  # the article's own gloss: "combat engineers" in "1000 sappers [combat engineers]"
    counts_inferred: bool = False  # counts carried over an ellipsis ("3000 soldiers ... on top of 11,000")
    when: str | None = None  # the time it holds for, as worded nearby: "2024", "last year", "this year"
    date: str | None = None  # kind "date": ISO form, "--06-04" when the year is not given

    def to_dict(self) -> dict:
        return asdict(self)


def extract_figures(article: Article) -> list[Figure]:
    """Every figure in the article, in text order. Never raises on odd text; may return []."""
    text = article.text
    spans = sentence_spans(article, text)
    figures: list[Figure] = []
    last_speaker: str | None = None
    tokens = [tokenize(text, s, e) for s, e in spans]
    # every sentence's claim markers first: a quoted sentence borrows those of the sentence after it
    cues_by_sentence = []
    for toks in tokens:
        cues, last_speaker = speech_cues(text, toks, last_speaker)
        cues_by_sentence.append(cues)
    for idx, ((s, e), toks) in enumerate(zip(spans, tokens, strict=False)):
        matches = scan_sentence(text, _outside_links(text, s, e, toks))
        if not matches:
            continue
        cues = cues_by_sentence[idx] or _quote_cues(text, spans, cues_by_sentence, idx)
        whens = when_expressions(text, s, e)
        figures.extend(_sentence_figures(article.id, text, (s, e), idx, toks, matches, cues, whens))
    return figures


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
    out, pos = [], 0
    for p in article.paragraphs:
        out.extend((pos + a, pos + b) for a, b in split_sentences(p.text))
        pos += len(p.text) + len(PARAGRAPH_SEPARATOR)
    return [(a, b) for a, b in out if 0 <= a <= b <= n]


def _quote_cues(text: str, spans: list[tuple[int, int]], cues_by_sentence: list, idx: int) -> list:
    """A quoted sentence without its own "he said" borrows the attribution that closes the quote."""
    s, e = spans[idx]
    if not text[s:e].lstrip().startswith(_OPEN_QUOTES):
        return []
    for j in range(idx + 1, min(idx + 3, len(spans))):
        if cues_by_sentence[j]:
            return cues_by_sentence[j]
        if text[spans[j - 1][1] : spans[j][0]].count("\n"):
            break  # the quote does not run into the next paragraph's attribution
    return []


def _sentence_figures(article_id, text, span, idx, toks, matches: list[Match], cues, whens) -> list[Figure]:
    s, e = span
    _carry_counts(matches)
    out = []
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
                sentence=text[s:e],
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


def _carry_counts(matches: list[Match]) -> None:
    """ "3000 soldiers ... on top of 11,000 in 2024": a bare count counts what the previous one did."""
    previous = None
    for m in matches:
        if m.kind not in _CARRY_KINDS:
            continue
        if m.counts is None and previous is not None and not m.spelled:
            m.counts = previous.counts
            m.counts_inferred = True
        elif m.counts is not None:
            previous = m


_LINK = re.compile(r"\S*(?:://|www\.)\S*")


def _outside_links(text: str, start: int, end: int, toks: list[Token]) -> list[Token]:
    """The sentence's tokens without those inside a web address ("?q=30%25" holds no figure)."""
    links = [(m.start(), m.end()) for m in _LINK.finditer(text, start, end)]
    if not links:
        return toks
    return [t for t in toks if not any(a <= t.start < b for a, b in links)]


def _is_chrome(toks: list[Token], m: Match) -> bool:
    """ "448 views" alone on a line, "three times a week" in a newsletter pitch: page furniture, not news."""
    counts = (m.counts or "").lower()
    words = [t for t in toks if t.kind == "word"]
    if counts in CHROME_COUNTS and all(t.lower in CHROME_COUNTS or t.lower in NUMBER_WORDS for t in words):
        return True  # the line holds nothing but such counts
    return counts == "times" and m.per is not None and any(t.lower in NEWSLETTER_WORDS for t in words)


def _is_timestamp(toks) -> bool:
    """ "5 hours ago" alone on a line is page chrome (a timestamp), not a figure the article reports."""
    words = [t for t in toks if t.kind == "word"]
    return len(words) <= 4 and any(t.lower == "ago" for t in words)
