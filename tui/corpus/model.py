"""Plain data for one cleaned article. `text` is the paragraphs joined by a blank line; every
offset (paragraphs, sentences, figures, search hits) is a character offset into `text`."""

from __future__ import annotations

from dataclasses import dataclass, field

PARAGRAPH_SEPARATOR = "\n\n"
UNKNOWN_OUTLET = "Unknown source"


@dataclass(frozen=True)
class Removal:
    """A raw line the cleaner dropped (or changed), and the rule that did it."""

    line: int  # 1-based line number in the raw file
    text: str
    reason: str


@dataclass(frozen=True)
class Paragraph:
    text: str
    heading: bool = False


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Source:
    """One input an article was read from. Several when the same report came in twice (a re-save,
    a second url): the article lists them all and counts once."""

    origin: str  # what identifies the input: an absolute file path, a url, or "stdin"
    raw_file: str  # the raw copy, relative to the corpus folder
    raw_sha256: str
    url: str | None = None  # where the page lives (fetched, or stated by the user or the page)
    fetched: str | None = None  # ISO 8601 time of fetching, for urls and feed entries


@dataclass
class Article:
    id: str
    title: str
    title_derived: bool
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None  # ISO 8601 date or date-time, only when the source states it
    raw_file: str  # path of the raw report, relative to the corpus folder
    raw_sha256: str
    paragraphs: list[Paragraph]
    sentences: list[Span] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    pipeline_version: int = 1
    wire: str | None = None  # a news agency the outlet reprints ("AP"), when it is not the outlet itself
    sources: list[Source] = field(default_factory=list)  # every input read as this article (first: raw_file)
    # How outlet, title and published were found, or why they are missing ("published": "no date stated").
    provenance: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return PARAGRAPH_SEPARATOR.join(p.text for p in self.paragraphs)

    @property
    def outlet_label(self) -> str:
        return self.outlet or UNKNOWN_OUTLET

    @property
    def n_words(self) -> int:
        return sum(len(p.text.split()) for p in self.paragraphs)

    def paragraph_spans(self) -> list[Span]:
        spans, pos = [], 0
        for p in self.paragraphs:
            spans.append(Span(pos, pos + len(p.text)))
            pos += len(p.text) + len(PARAGRAPH_SEPARATOR)
        return spans

    def sentence_texts(self) -> list[str]:
        text = self.text
        return [text[s.start : s.end] for s in self.sentences]

    def sentence_at(self, offset: int) -> int | None:
        """Index of the sentence containing `offset`, or None between sentences."""
        lo, hi = 0, len(self.sentences)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.sentences[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.sentences) and self.sentences[lo].start <= offset:
            return lo
        return None


@dataclass(slots=True)  # not frozen: a frozen dataclass takes 5x as long to build (100,000 at each launch)
class ArticleSummary:
    """What the article list needs, without the text: cached by tui.corpus.catalog.

    The counts are None until they are known: a cold listing reads only each file's header (the fields above
    its text), and the counts come later, from the corpus analysis or a full read (catalog.fill_counts)."""

    id: str
    title: str
    title_derived: bool
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None
    raw_file: str
    raw_sha256: str
    n_sentences: int | None
    n_words: int | None
    n_figures: int | None = None
    wire: str | None = None
    n_sources: int = 1

    @property
    def counted(self) -> bool:
        return self.n_sentences is not None and self.n_words is not None and self.n_figures is not None

    @property
    def outlet_label(self) -> str:
        return self.outlet or UNKNOWN_OUTLET
