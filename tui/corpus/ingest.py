"""Inputs (text files, saved HTML, urls, feeds, standard input) -> Articles in the corpus: read
safely, extract or clean, find outlet, headline and date, split sentences, store all-or-nothing.

A bad input is refused before anything is written, so a refused input never changes the corpus;
an article and its raw copy are committed together through a journal (journal.py), so a killed
ingest leaves every article either old or new, with the raw file its raw_sha256 describes."""

from __future__ import annotations

import functools
import hashlib
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Protocol

from ..atomic import remove_stale_temp_files
from ..errors import UserError, os_error_message
from ..textsafe import UNSAFE_CHARS, terminal_safe
from . import feeds
from .clean import clean, derive_title
from .fetch import Fetched, FetchError, fetch
from .fingerprints import Fingerprints, TextPrint, text_print
from .ids import disambiguate, safe_id
from .inputs import FEED_SUFFIXES, FOLDER_SUFFIXES, HTML_SUFFIXES, Input
from .inputs_html import HtmlPage, looks_like_html, read_html
from .journal import JOURNAL_DIR
from .locking import corpus_lock
from .model import Article, Paragraph, Removal, Source, Span
from .outlets import OutletsError, outlet_table
from .prefetch import Prefetch, html_files_of
from .prepare import Ahead, PrepareAhead, text_files_of
from .provenance import Known, PageMeta, Provenance, TextFacts, decide
from .sentences import split_sentences
from .store import RAW_DIR, Corpus

# Bump when cleaning or segmentation changes what an article looks like; re-ingest then updates.
PIPELINE_VERSION = 3
MAX_RAW_BYTES = 20 * 1024 * 1024
RAW_SUFFIX = ".txt"
HTML_SUFFIX = ".html"
GROUP_COMMIT = 128  # articles written under one journal: a kill loses or keeps the group whole
MIN_ARTICLE_WORDS = 20  # less, or no sentence of 8 words, is a menu or an error page, not a report
CONTROL_REASON = "control-characters"  # the cleaner's name for the same rule

# Before cleaning, each line loses whole terminal escape sequences (so "\x1b[31m" leaves no visible
# "[31m" behind; an unterminated OSC/DCS string only loses its introducer, so no text vanishes),
# then every other unsafe character (textsafe.UNSAFE_CHARS: controls, bidi overrides, zero-width
# characters); separators that are not line breaks in an editor (form feed, vertical tab, NEL,
# U+2028/9) become spaces so the words on either side stay apart. One removal entry per changed
# line, with the same reason the cleaner would give.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erase
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"  # OSC: titles, hyperlinks, clipboard
    r"|\x1b[P^_X][^\x1b\n]*\x1b\\"  # DCS, PM, APC, SOS strings
    r"|\x1b[ -/]*[0-~]"  # two-byte and charset-selection escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as the cleaner numbers lines


class IngestError(UserError):
    """One input file is unusable: it is skipped and the rest of the batch goes on."""


class CorpusWriteError(UserError):
    """The corpus cannot be written (full disk, read-only folder): the batch stops."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=1)  # the system refused, not the input


@dataclass
class RawReport:
    name: str  # the file name as received
    data: bytes
    text: str  # decoded; control characters and escape sequences removed
    warnings: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)  # lines whose control characters went
    shown: str = ""  # the path as given, safe to print

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class IngestResult:
    path: str
    status: str  # added | updated | unchanged | duplicate | skipped
    article_id: str | None = None
    removed: list[Removal] = field(default_factory=list)
    message: str | None = None
    warnings: list[str] = field(default_factory=list)
    article: Article | None = None  # what was stored (for outlet, title, date and how they were found)
    duplicate_of: str | None = None  # the article this input was folded into, as a further source
    derived: object = None  # what ingest's `derive` gave for the article in a worker (None: not done)


class Follower(Protocol):
    """What follows the corpus as a batch is stored (the search index), under the corpus lock so
    that two ingests reach it in the order they wrote."""

    def stored(self, result: IngestResult) -> None:
        """`result.article` is written (or was already there, unchanged or folded into)."""

    def finish(self, results: list[IngestResult]) -> None:
        """Everything of the batch is written."""

    def abandon(self) -> None:
        """The batch stopped (a write failed): leave what follows as it was."""


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[IngestResult]]:
    """Files as given, folders as their .txt and .html files (sorted); unusable paths as skipped results."""
    files: list[Path] = []
    skipped: list[IngestResult] = []
    for p in paths:
        try:
            if p.is_dir():
                found = sorted(q for q in p.iterdir() if q.suffix.lower() in FOLDER_SUFFIXES and q.is_file())
                if not found:
                    skipped.append(_skip(p, "no .txt files or .html pages in this folder"))
                files.extend(found)
            elif p.is_file():
                files.append(p)
            elif p.exists():
                skipped.append(_skip(p, "not a regular file or folder"))
            else:
                skipped.append(_skip(p, "no such file or folder"))
        except OSError as e:
            skipped.append(_skip(p, f"cannot read ({e.strerror or e})"))
    return files, skipped


def _skip(path: Path, reason: str) -> IngestResult:
    return IngestResult(str(path), "skipped", message=f"{terminal_safe(str(path), False)}: {reason}")


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with a BOM; otherwise Windows-1252, then Latin-1, saying so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["UTF-16 text; decoded as utf-16"]
        except UnicodeDecodeError:
            pass
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        where = f"byte {e.start}"
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), [f"not valid UTF-8 (at {where}); decoded as {encoding}"]
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def looks_binary(data: bytes) -> bool:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text is full of NUL bytes
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return len(sample) > 0 and controls / len(sample) > 0.1


def _unsafe_in_line(text: str) -> bool:
    return any(m.group() not in "\r\n" for m in UNSAFE_CHARS.finditer(text))


def strip_controls(text: str) -> tuple[str, list[Removal]]:
    """The text without escape sequences or unsafe characters, line breaks kept; every changed
    line is reported with its original text (escaped)."""
    if not (_ESCAPE_SEQUENCE.search(text) or _SEPARATORS.search(text) or _unsafe_in_line(text)):
        return text, []
    parts = _LINE_BREAK.split(text)
    breaks = _LINE_BREAK.findall(text)
    removed = []
    for number, line in enumerate(parts, start=1):
        cleaned = UNSAFE_CHARS.sub("", _SEPARATORS.sub(" ", _ESCAPE_SEQUENCE.sub("", line)))
        if cleaned != line:
            removed.append(Removal(number, terminal_safe(line, keep_newlines=False), CONTROL_REASON))
            parts[number - 1] = cleaned
    out = [part + brk for part, brk in zip(parts, [*breaks, ""], strict=True)]
    return "".join(out), removed


def read_raw(path: Path) -> RawReport:
    shown = terminal_safe(str(path), keep_newlines=False)
    return text_report(path.name, read_bytes(path, shown), shown)


def read_bytes(path: Path, shown: str) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_RAW_BYTES:
            limit = MAX_RAW_BYTES // 2**20
            raise IngestError(
                f"{shown}: too large for a news report ({size / 2**20:.0f} MiB; the limit is {limit} MiB)"
            )
        with path.open("rb") as f:
            data = f.read(MAX_RAW_BYTES + 1)  # the file may have grown since stat()
    except OSError as e:
        raise IngestError(f"{shown}: cannot read ({e.strerror or e})") from e
    if len(data) > MAX_RAW_BYTES:
        raise IngestError(f"{shown}: too large for a news report (the limit is {MAX_RAW_BYTES // 2**20} MiB)")
    return data


def text_report(name: str, data: bytes, shown: str) -> RawReport:
    """Decoded text without control characters; IngestError for empty or binary data."""
    if not data.strip():
        raise IngestError(f"{shown}: empty file")
    if looks_binary(data):
        raise IngestError(f"{shown}: binary file, not text")
    text, warnings = decode(data)
    text, removed = strip_controls(text)
    if not text.strip():
        raise IngestError(f"{shown}: no text left once control characters are removed")
    return RawReport(name, data, text, warnings, removed, shown)


def segment(paragraph_texts: list[str], separator_len: int = 2) -> list[Span]:
    """Sentences of every paragraph, as spans into the joined article text."""
    spans: list[Span] = []
    pos = 0
    for text in paragraph_texts:
        spans.extend(Span(pos + s, pos + e) for s, e in split_sentences(text))
        pos += len(text) + separator_len
    return spans


# --- reading one input -----------------------------------------------------------------------


@dataclass
class Loaded:
    """One input's bytes and what identifies it."""

    origin: str  # an absolute path, the url as fetched, or "stdin:<hash>"
    shown: str  # safe to print
    stem: str  # what the article id is made from
    data: bytes
    kind: str  # "text" | "html" | "feed"
    known: Known
    page: HtmlPage | None = None  # extracted ahead in a worker process (Prefetch)
    ahead: Ahead | None = None  # a text report cleaned ahead in a worker process (PrepareAhead)


def _kind(data: bytes, suffix: str, content_type: str | None = None) -> str:
    if content_type in ("text/html", "application/xhtml+xml") or suffix in HTML_SUFFIXES:
        return "feed" if feeds.looks_like_feed(data) else "html"
    if suffix in FEED_SUFFIXES or feeds.looks_like_feed(data):
        return "feed"
    if content_type == "text/plain" or suffix == RAW_SUFFIX:
        return "text"
    return "html" if looks_like_html(data) else "text"


def load_file(path: Path, known: Known, prefetch: Prefetch | None = None, ahead: PrepareAhead | None = None) -> Loaded:
    shown = terminal_safe(str(path), keep_newlines=False)
    data = read_bytes(path, shown)
    loaded = Loaded(str(path.resolve()), shown, path.stem, data, _kind(data, path.suffix.lower()), known)
    if prefetch is not None and loaded.kind == "html":
        loaded.page = prefetch.page(path, data)
    if ahead is not None and loaded.kind == "text":
        loaded.ahead = ahead.get(path, data)
    return loaded


def load_url(url: str, known: Known) -> Loaded:
    try:
        got: Fetched = fetch(url)
    except FetchError as e:
        raise IngestError(terminal_safe(str(e), keep_newlines=False)) from e
    known = replace(known, url=known.url or got.url, fetched=got.fetched)
    kind = "feed" if got.is_feed_type else _kind(got.data, "", got.content_type)
    return Loaded(got.url, terminal_safe(url, False), url_stem(got.url), got.data, kind, known)


def load_stdin(stream: BinaryIO, known: Known) -> Loaded:
    data = stream.read(MAX_RAW_BYTES + 1)
    if len(data) > MAX_RAW_BYTES:
        raise IngestError(f"standard input: too large for a news report (the limit is {MAX_RAW_BYTES // 2**20} MiB)")
    digest = hashlib.sha256(data).hexdigest()
    origin = known.url or f"stdin:{digest[:16]}"
    stem = url_stem(known.url) if known.url else f"pasted-{digest[:8]}"
    return Loaded(origin, "standard input", stem, data, _kind(data, ""), known)


def url_stem(url: str) -> str:
    """The most telling part of a url's path ("/world/2025/06/17/floods-hit-valley.html" ->
    "floods-hit-valley"), else its host."""
    path = re.sub(r"^[a-z]+://", "", url, flags=re.I).split("?")[0].split("#")[0]
    host, _, rest = path.partition("/")
    parts = [re.sub(r"\.(?:s?html?|php|aspx?|cms)$", "", p, flags=re.I) for p in rest.split("/") if p]
    telling = [p for p in parts if re.search(r"[a-z]", p, re.I) and len(p) > 3]
    return telling[-1] if telling else "-".join([host, *parts])


# --- building an article ---------------------------------------------------------------------


def _body_start(lines: list[str], removed: list[Removal]) -> int | None:
    gone = {r.line for r in removed if r.reason != CONTROL_REASON}
    return next((i for i, line in enumerate(lines) if line.strip() and i + 1 not in gone), None)


@dataclass
class TextParts:
    """A text report cleaned and split into sentences: all that depends on its bytes alone
    (so a worker process can work it out before the article has an id)."""

    paragraphs: list[Paragraph]
    removed: list[Removal]
    facts: TextFacts
    warnings: list[str]
    url: str | None
    author: str | None
    sentences: list[Span]
    fingerprint: TextPrint | None = None  # for finding duplicates, worked out in a worker
    provenance: Provenance | None = None  # decided in a worker from the text alone (nothing Known)


def text_parts(data: bytes, shown: str) -> TextParts:
    raw = text_report("", data, shown)
    result = clean(raw.text)
    if not result.paragraphs:
        raise IngestError(f"{shown}: nothing left after cleaning (every line is boilerplate)")
    removed = sorted([*raw.removed, *result.removed], key=lambda r: r.line)
    lines = _LINE_BREAK.split(raw.text)
    title = None if result.title_derived else result.title
    facts = TextFacts(lines, title, result.outlet, result.published, _body_start(lines, result.removed))
    sentences = segment([p.text for p in result.paragraphs])
    return TextParts(result.paragraphs, removed, facts, raw.warnings, result.url, result.author, sentences)


Derive = Callable[[Article], object]


def prepare_text(data: bytes, path: str, derive: Derive | None = None) -> tuple[object, object]:
    """In a worker: the parts of a text report, and what `derive` gives for a provisional article
    (its id, origin and title are not known yet: `derive` must read only the text and sentences)."""
    shown = terminal_safe(path, keep_newlines=False)
    parts = text_parts(data, shown)
    parts.provenance = _decide(Known(url=parts.url), PageMeta(), parts.facts)
    loaded = Loaded(path, shown, "", data, "text", Known())
    article = build(loaded, "pending", parts)[0]
    parts.fingerprint = text_print(article.text)
    if derive is None:
        return parts, None
    try:
        return parts, derive(article)
    except Exception:  # the main process derives it again and reports the failure
        return parts, None


def _parts_of(loaded: Loaded) -> TextParts:
    if loaded.ahead is not None and isinstance(loaded.ahead.parts, TextParts):
        return loaded.ahead.parts
    return text_parts(loaded.data, loaded.shown)


def _from_html(loaded: Loaded) -> tuple[list[Paragraph], PageMeta]:
    if looks_binary(loaded.data):
        raise IngestError(f"{loaded.shown}: binary file, not a web page")
    page = loaded.page or read_html(loaded.data, loaded.known.url)
    texts = [(strip_controls(p)[0].strip(), i in page.headings) for i, p in enumerate(page.paragraphs)]
    paragraphs = [Paragraph(t, heading) for t, heading in texts if t]
    body = [p.text for p in paragraphs if not p.heading]
    if sum(len(t.split()) for t in body) < MIN_ARTICLE_WORDS or max((len(t.split()) for t in body), default=0) < 8:
        raise IngestError(f"{loaded.shown}: no article text found in this page")
    return paragraphs, page.meta


def build(loaded: Loaded, article_id: str, given: TextParts | None = None) -> tuple[Article, str, list[str]]:
    """The article (before any write), its raw file's suffix and warnings; IngestError when unusable.
    `given`: the text report's parts, already worked out."""
    warnings: list[str] = []
    sentences: list[Span] | None = None
    ahead: Provenance | None = None
    meta = PageMeta()
    known = loaded.known
    if loaded.kind == "html":
        paragraphs, meta = _from_html(loaded)
        removed: list[Removal] = []
        facts = TextFacts([p.text for p in paragraphs])
        suffix, author = HTML_SUFFIX, meta.author
    else:
        parts = given or _parts_of(loaded)
        paragraphs, removed, facts, warnings, author = (
            parts.paragraphs,
            parts.removed,
            parts.facts,
            parts.warnings,
            parts.author,
        )
        known = replace(loaded.known, url=loaded.known.url or parts.url)
        sentences = parts.sentences
        suffix = RAW_SUFFIX
        ahead = parts.provenance if known == Known(url=parts.url) else None  # decided from the same facts
    prov = ahead or _decide(known, meta, facts)
    article = _article(article_id, paragraphs, removed, prov, author, known, loaded, suffix, sentences)
    return article, suffix, warnings


def _decide(known: Known, meta: PageMeta, facts: TextFacts) -> Provenance:
    try:
        return decide(known, meta, facts, outlet_table())
    except OutletsError as e:
        raise CorpusWriteError(str(e)) from e  # the user's outlet table is broken: stop the batch


def _article(
    article_id: str,
    paragraphs: list[Paragraph],
    removed: list[Removal],
    prov: Provenance,
    author: str | None,
    known: Known,
    loaded: Loaded,
    suffix: str,
    sentences: list[Span] | None = None,
) -> Article:
    raw_file = f"{RAW_DIR}/{article_id}{suffix}"
    sha = hashlib.sha256(loaded.data).hexdigest()
    fetched = known.fetched.isoformat(timespec="seconds") if known.fetched else None
    source = Source(loaded.origin, raw_file, sha, prov.url, fetched)
    return Article(
        id=article_id,
        title=prov.title or derive_title(paragraphs),
        title_derived=prov.title is None,
        outlet=prov.outlet,
        url=prov.url,
        author=author,
        published=prov.published,
        raw_file=raw_file,
        raw_sha256=sha,
        paragraphs=paragraphs,
        sentences=sentences if sentences is not None else segment([p.text for p in paragraphs]),
        removed=removed,
        pipeline_version=PIPELINE_VERSION,
        wire=prov.wire,
        sources=[source],
        provenance=prov.notes,
    )


# --- ids and writes --------------------------------------------------------------------------


def choose_id(index: Fingerprints, stem: str, origin: str, taken: set[str]) -> str:
    """The article id of this source: its own article's id when it has one; else the id of its
    name, with a suffix when that id belongs to another source (in this batch or before)."""
    if (own := index.with_origin(origin)) is not None:
        return own
    base = candidate = safe_id(stem)
    for attempt in range(1, 100):
        owners = index.owner_origins(candidate)
        if candidate not in taken and (owners is None or not owners or origin in owners):
            return candidate
        candidate = disambiguate(base, origin if attempt == 1 else f"{origin}#{attempt}")
    raise IngestError(f"{terminal_safe(stem, False)}: no free article id")  # pragma: no cover


def _commit(corpus: Corpus, article: Article, raws: dict[str, bytes]) -> str:
    try:
        return corpus.commit(article, raws)
    except OSError as e:
        raise CorpusWriteError(os_error_message(e, "write to the corpus folder", str(corpus.root))) from e


def _merged_sources(corpus: Corpus, article: Article) -> Article:
    """An update keeps the further sources folded into the article before. The same bytes fetched
    again keep their first fetch time: the raw copy stored is that fetch's (so a re-fetch of an
    unchanged page leaves the article unchanged, whichever second it happens in)."""
    try:
        old = corpus.load(article.id) if corpus.exists(article.id) else None
    except UserError:
        old = None
    if old is None:
        return article
    mine = article.sources[0]
    same = next((s for s in old.sources if s.origin == mine.origin and s.raw_sha256 == mine.raw_sha256), None)
    if same is not None and same.fetched and mine.fetched:
        mine = replace(mine, fetched=same.fetched)
    others = [s for s in old.sources if s.origin != mine.origin]
    return replace(article, sources=[mine, *others])


def _fold_duplicate(corpus: Corpus, index: Fingerprints, target_id: str, new: Article, data: bytes, suffix: str) -> str:
    """Add `new`'s source to the article `target_id` already holding the same report."""
    target = corpus.load(target_id)
    mine = new.sources[0]
    if any(s.origin == mine.origin for s in target.sources):
        return "unchanged"
    raw_name = f"{target_id}-{mine.raw_sha256[:8]}{suffix}"
    source = replace(mine, raw_file=f"{RAW_DIR}/{raw_name}")
    first = target.sources or [Source("", target.raw_file, target.raw_sha256, target.url)]
    notes = dict(target.provenance)
    filled = {}
    for name in ("url", "published", "outlet", "wire"):
        if getattr(target, name) is None and getattr(new, name) is not None:
            filled[name] = getattr(new, name)
            if name in new.provenance:
                notes[name] = f"{new.provenance[name]} (of a further source)"
    merged = replace(target, sources=[*first, source], provenance=notes, **filled)
    status = _commit(corpus, merged, {raw_name: data})
    index.update(merged)
    return status


class Batch:
    """One `ingest` run: ids taken so far, the corpus's fingerprints, results in order."""

    def __init__(self, corpus: Corpus, follow: Follower | None = None) -> None:
        self.corpus = corpus
        self.index = Fingerprints(corpus)
        self.taken: set[str] = set()
        self.results: list[IngestResult] = []
        self.pending: dict[Path, bytes] = {}  # planned writes of the articles not yet committed
        self.pending_ids: set[str] = set()
        self.pending_results: list[IngestResult] = []
        self.committed = 0  # results whose files are written
        self.follow = follow
        # One group is committed in a thread while the next is prepared: its fsyncs wait on the
        # disk, not the CPU. At most one in flight; anything reading what it writes waits for it.
        self.writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-commit")
        self.writing: tuple[Future[None], list[IngestResult], int] | None = None
        self.writing_ids: set[str] = set()
        self._raw_dir = corpus.raw_dir.resolve()  # once: resolving walks the path (a syscall a component)

    def unwritten(self, article_id: str | None) -> bool:
        return article_id in self.pending_ids or article_id in self.writing_ids

    def done(self, result: IngestResult) -> None:
        """A result whose article is stored (or needed no write)."""
        self.results.append(result)
        if self.follow is not None and result.article is not None:
            self.follow.stored(result)

    def queue(self, result: IngestResult, article: Article, raws: dict[str, bytes]) -> None:
        """Plan the article's writes; they are committed a group at a time (one journal, one fsync pass)."""
        if self.unwritten(article.id):
            self.flush()
        try:
            result.status, writes = self.corpus.plan(article, raws)
        except OSError as e:
            raise CorpusWriteError(os_error_message(e, "read the corpus folder", str(self.corpus.root))) from e
        self.pending.update(writes)
        self.pending_ids.add(article.id)
        self.results.append(result)
        self.pending_results.append(result)
        if len(self.pending_ids) >= GROUP_COMMIT:
            self._send()

    def _send(self) -> None:
        """Commit the pending group in the background (after the one before it)."""
        self._wait()
        future = self.writer.submit(self.corpus.commit_writes, self.pending)
        self.writing = (future, self.pending_results, len(self.results))
        self.writing_ids = self.pending_ids
        self.pending, self.pending_ids, self.pending_results = {}, set(), []

    def _wait(self) -> None:
        """The group in flight, written (CorpusWriteError when it could not be)."""
        if self.writing is None:
            return
        future, written, count = self.writing
        self.writing, self.writing_ids = None, set()
        try:
            future.result()
        except OSError as e:
            raise CorpusWriteError(os_error_message(e, "write to the corpus folder", str(self.corpus.root))) from e
        self._stored(written, count)

    def flush(self) -> None:
        """Everything planned, written now."""
        self._wait()
        try:
            self.corpus.commit_writes(self.pending)
        except OSError as e:
            raise CorpusWriteError(os_error_message(e, "write to the corpus folder", str(self.corpus.root))) from e
        written = self.pending_results
        self.pending, self.pending_ids, self.pending_results = {}, set(), []
        self._stored(written, len(self.results))

    def _stored(self, written: list[IngestResult], count: int) -> None:
        self.committed = count
        if self.follow is not None:
            for result in written:
                self.follow.stored(result)

    def close(self) -> None:
        """Wait for a commit still in flight (a journal group is never left to a dying process)."""
        self.writer.shutdown(wait=True)

    def _raw_copy_owner(self, origin: str) -> str | None:
        """The article whose raw copy this file is: re-ingesting the corpus's own raw/ rebuilds
        each article from its copy (a newer pipeline) and never makes a second article."""
        path = Path(origin)
        if path.parent != self._raw_dir:
            return None
        for candidate in (path.stem, path.stem.rpartition("-")[0]):
            if candidate in self.index.entries:
                return candidate
        return None

    def add(self, loaded: Loaded, where: str) -> None:
        if (owner := self._raw_copy_owner(loaded.origin)) is not None:
            if owner != Path(loaded.origin).stem:  # a further source's copy: its article is built from the first
                self.results.append(IngestResult(where, "unchanged", owner, message="a further source's raw copy"))
                return
            origins = self.index.owner_origins(owner) or [f"{RAW_DIR}/{Path(loaded.origin).name}"]
            loaded = replace(loaded, origin=origins[0], stem=owner)
        article_id = choose_id(self.index, loaded.stem, loaded.origin, self.taken)
        article, suffix, warnings = build(loaded, article_id)
        self.taken.add(article_id)
        own = self.index.with_origin(loaded.origin)
        known = _print_ahead(loaded) or text_print(article.text)  # once: finding duplicates and the index need it
        duplicate = None if own is not None else self.index.duplicate_of(article, known)
        if self.unwritten(duplicate) or self.unwritten(article_id):
            self.flush()  # what follows reads the stored article
        if duplicate is not None:
            status = _fold_duplicate(self.corpus, self.index, duplicate, article, loaded.data, suffix)
            message = f"same report as {duplicate}: listed as one more source" if status != "unchanged" else None
            self.done(
                IngestResult(
                    where,
                    "duplicate" if status != "unchanged" else "unchanged",
                    duplicate,
                    [],
                    message,
                    warnings,
                    self.corpus.load(duplicate),
                    duplicate,
                )
            )
            return
        article = _merged_sources(self.corpus, article)
        result = IngestResult(where, "added", article_id, article.removed, None, warnings, article)
        result.derived = loaded.ahead.derived if loaded.ahead is not None else None
        self.queue(result, article, {f"{article_id}{suffix}": loaded.data})
        self.index.update(article, known)

    def add_feed(self, loaded: Loaded, where: str) -> None:
        try:
            entries = feeds.read_feed(loaded.data, loaded.known.url)
        except feeds.FeedError as e:
            raise IngestError(f"{loaded.shown}: {e}") from e
        if not entries:
            raise IngestError(f"{loaded.shown}: the feed lists no entries with a link")
        for entry in entries:
            shown = terminal_safe(entry.link, False)
            if (have := self.index.with_url(entry.link) or self.index.with_origin(entry.link)) is not None:
                self.results.append(IngestResult(shown, "unchanged", have, message="already in the corpus"))
                continue
            known = Known(url=entry.link, feed_title=entry.title, feed_published=entry.published)
            self.run_one(functools.partial(load_url, entry.link, known), shown)

    def run_one(self, load: Callable[[], Loaded], where: str) -> None:
        try:
            loaded = load()
            if loaded.kind == "feed":
                self.add_feed(loaded, where)
            else:
                self.add(loaded, where)
        except IngestError as e:
            self.results.append(IngestResult(where, "skipped", message=str(e)))
        except CorpusWriteError as e:
            done = sum(r.status != "skipped" for r in self.results[: self.committed])
            name = terminal_safe(Path(where).name if not where.startswith("http") else where, False)
            raise CorpusWriteError(f"{e}; stopped before {name}, {done} input(s) done") from e


def _print_ahead(loaded: Loaded) -> TextPrint | None:
    parts = loaded.ahead.parts if loaded.ahead is not None else None
    return parts.fingerprint if isinstance(parts, TextParts) else None


def _local_files(inputs: list[Input]) -> list[Path]:
    return [Path(i.where) for i in inputs if not (i.is_stdin or i.is_url)]


def _html_files(inputs: list[Input]) -> list[Path]:
    """Saved pages whose extraction can run ahead in other processes (nothing given to add to them)."""
    return html_files_of([Path(i.where) for i in inputs if not (i.is_stdin or i.is_url or i.known.url)])


def _as_inputs(items: Sequence[Path | str | Input]) -> list[Input]:
    return [i if isinstance(i, Input) else Input(str(i)) for i in items]


def _loaders(
    inputs: list[Input], stdin: BinaryIO | None, prefetch: Prefetch, ahead: PrepareAhead
) -> Iterator[tuple[Callable[[], Loaded], str] | IngestResult]:
    for item in inputs:
        if item.is_stdin:
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield functools.partial(load_stdin, stream, item.known), "-"
        elif item.is_url:
            yield functools.partial(load_url, item.where, item.known), terminal_safe(item.where, False)
        else:
            files, skipped = expand_paths([Path(item.where)])
            yield from skipped
            for path in files:
                yield functools.partial(load_file, path, item.known, prefetch, ahead), str(path)


def ingest(
    corpus: Corpus,
    items: Sequence[Path | str | Input],
    stdin: BinaryIO | None = None,
    derive: Derive | None = None,
    follow: Follower | None = None,
) -> list[IngestResult]:
    """Ingest every input; a bad input among good ones is skipped with its reason.

    Text files are cleaned ahead in worker processes; `derive` (a module-level function: it is
    sent to them) has them work out what a later step needs of each article too (the search
    index's figures and postings), in IngestResult.derived. `follow` (the search index) is told
    of each article once it is stored, and when the batch is done or stopped, all under the
    corpus lock, so whatever it derives from the articles is updated in the order the corpus was.

    A write failure (full disk, read-only folder) stops the batch with a UserError: every article
    already written stays complete, and the one being written keeps its previous version."""
    with corpus_lock(corpus.root):
        corpus.recover()
        for folder in (corpus.root, corpus.raw_dir, corpus.root / JOURNAL_DIR):
            remove_stale_temp_files(folder)
        batch = Batch(corpus, follow)
        try:
            _run_batch(batch, _as_inputs(items), stdin, derive)
        except BaseException:
            if follow is not None:
                follow.abandon()
            raise
        finally:
            batch.close()
        if follow is not None:
            follow.finish(batch.results)
        return batch.results


def _run_batch(batch: Batch, inputs: list[Input], stdin: BinaryIO | None, derive: Derive | None) -> None:
    prepare = functools.partial(prepare_text, derive=derive)
    with (
        Prefetch(_html_files(inputs)) as prefetch,
        PrepareAhead(text_files_of(_local_files(inputs)), prepare) as ahead,
    ):
        for step in _loaders(inputs, stdin, prefetch, ahead):
            if isinstance(step, IngestResult):
                batch.results.append(step)
            else:
                batch.run_one(*step)
    try:
        batch.flush()
    except CorpusWriteError as e:
        done = sum(r.status != "skipped" for r in batch.results[: batch.committed])
        raise CorpusWriteError(f"{e}; stopped with {done} input(s) done") from e


def assign_ids(files: list[Path]) -> list[tuple[Path, str]]:
    """An id per file name within one batch (no corpus): a second file whose name normalises to a
    taken id gets a hash suffix, stable for that path."""
    seen: set[str] = set()
    out = []
    for path in files:
        article_id = safe_id(path.stem)
        if article_id in seen:
            article_id = disambiguate(article_id, str(path))
        seen.add(article_id)
        out.append((path, article_id))
    return out
