"""The search index over the cleaned articles. `update()` is the one call that writes: it builds the
index when missing, updates it by content hash, rebuilds it when its format changes or its files
are damaged. Searching only reads: an index it cannot use raises a typed IndexUnavailable
(IndexMissing, IndexOutdated, IndexDamaged) and the caller decides whether to update.

Layout of the index folder:
    CURRENT            {"dir": ..., "schema": N}, replaced atomically: the generation readers open
    writer.lock        held (OS lock) by the one process writing
    v<schema>-<id>/    one Whoosh index + manifest.txt (each file's checksum, content hash per article)
A rebuild writes a fresh v<schema>-<id>/ and only then switches CURRENT, so a writer killed at any
moment leaves the previous index usable; incremental updates rely on Whoosh's own atomic commit.
Every open checks the files against the manifest's checksums (integrity.py)."""

from __future__ import annotations

import hashlib
import json
import math
import os
import re
import shutil
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field, replace
from itertools import compress
from operator import attrgetter, is_not, ne
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..atomic import write_text_atomic
from ..corpus.code_version import figures_version
from ..corpus.figures import Figure, extract_figures
from ..corpus.model import UNKNOWN_OUTLET, Article
from ..paths import index_dir as default_index_dir
from .analysis import PREFIX_MIN, Token, fold, tokenize
from .documents import IndexParts, usable_parts
from .errors import IndexBusyError, IndexDamaged, IndexMissing, IndexOutdated, IndexUnavailable
from .generation import (
    Manifest,
    Opened,
    WriterState,
    checked_manifest,
    open_checked,
    open_index,
    signature,
    verify_generation,
    write_manifest,
)
from .lock import WriterLock
from .matches import match_spans, snippet, title_marks
from .query import MatchSpec, QueryError, make_parser, parse
from .schema import SCHEMA_VERSION, Prepared, build_schema, document
from .topk import first_matches, phrase_candidates, ranked
from .vocabulary import Vocabulary
from .whoosh_adapter import PositionsApartCodec, Writer
from .whoosh_adapter import index as whoosh_index
from .whoosh_adapter import query as wquery

if TYPE_CHECKING:
    from ..corpus.store import Corpus

__all__ = [
    "AddingSession",
    "Hit",
    "IndexBusyError",
    "IndexDamaged",
    "IndexMissing",
    "IndexOutdated",
    "IndexUnavailable",
    "LazyHit",
    "Match",
    "QueryError",
    "SearchIndex",
    "SearchResults",
    "UpdateReport",
]

CURRENT = "CURRENT"
WRITER_LIMIT_MB = 512  # Whoosh's in-memory posting pool before it spills sorted runs to disk
# Separate files per segment: Whoosh opens a compound segment file by copying each part into memory
# (BytesIO over a memoryview), which at 100,000 articles took 0.47 s and 600 MB on every open.
# Positions apart from ids and weights in each posting block: ranking reads blocks ~5x faster.
WRITER_OPTIONS: dict[str, Any] = {"limitmb": WRITER_LIMIT_MB, "compound": False, "codec": PositionsApartCodec()}
# A new index built while ingesting is written in segments of growing size (the first this large):
# the writing of all but the last overlaps the ingest workers; 10,000 articles make 4 segments.
SEGMENT_FIRST = 2000
BUSY_WAIT_SECONDS = 120.0  # how long to wait for another process that is building a missing index
_TOKEN_CACHE_SIZE = 256
_READ_KEPT = 256  # articles read from their files for hit details (a screenful of hits, many queries)
CURRENT_MAX_BYTES = 4096  # a pointer is ~60 bytes; anything far larger is not one (and is never parsed)
OPEN_ATTEMPTS = 3  # a writer may switch generations between reading CURRENT and opening the folder
# Only folders named like ours are ever removed, whatever else $KURSK_READER_INDEX points at.
_GENERATION_NAME = re.compile(r"^v\d+-[0-9a-f]+-\d+$")

Progress = Callable[[int, int], None]
_STOP_EVERY = 25  # hits built between two calls of a search's `stop`


class SearchStopped(Exception):
    """The caller's `stop` said the answer is no longer wanted (a newer query came while typing)."""


@dataclass
class Match:
    start: int  # offsets into Article.text
    end: int
    sentence: int | None  # index into Article.sentences


@dataclass
class Hit:
    article_id: str
    title: str
    outlet: str | None
    score: float
    snippet: str
    matches: list[Match] = field(default_factory=list)
    snippet_marks: list[tuple[int, int]] = field(default_factory=list)  # offsets into snippet
    snippet_sentence: int | None = None  # the sentence the snippet comes from
    title_marks: list[tuple[int, int]] = field(default_factory=list)  # offsets into title

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "title": self.title,
            "outlet": self.outlet,
            "score": round(self.score, 4),
            "snippet": self.snippet,
            "snippet_marks": [list(m) for m in self.snippet_marks],
            "snippet_sentence": self.snippet_sentence,
            "title_marks": [list(m) for m in self.title_marks],
            "matches": [{"start": m.start, "end": m.end, "sentence": m.sentence} for m in self.matches],
        }


@dataclass
class SearchResults:
    hits: list[Hit]
    total: int  # articles matching (Whoosh's estimate when more match than are shown)
    query: str  # the query as normalised


@dataclass
class UpdateReport:
    added: int = 0
    updated: int = 0
    deleted: int = 0
    rebuilt: bool = False
    message: str | None = None
    documents: int = 0  # articles in the index afterwards (0 when deferred: not counted)
    seconds: float = 0.0
    deferred: bool = False  # another process holds the writer lock: nothing written, its index answers
    holder: str = ""  # the pid of that process, when known
    figure_errors: list[str] = field(default_factory=list)  # "article id: ErrorName", indexed without figures

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.deleted or self.rebuilt)

    @property
    def status(self) -> str:
        """deferred | built | updated | unchanged"""
        if self.deferred:
            return "deferred"
        return "built" if self.rebuilt else "updated" if self.changed else "unchanged"


@dataclass(frozen=True)
class Pointer:
    """What CURRENT says: the generation folder readers open and its format version."""

    dir: str
    schema: object


def content_hash(article: Article) -> str:
    """What the index depends on: a different hash re-indexes the article. The figure extractor's code
    fingerprint is part of it because the index holds each article's figures (value:, counts:, kind:):
    a changed extractor re-indexes them rather than serve figures it would no longer find."""
    h = hashlib.blake2b(digest_size=16)
    for part in (
        article.title,
        article.outlet_label,
        article.author or "",
        article.published or "",
        str(article.pipeline_version),
        figures_version(),
        article.text,
    ):
        h.update(part.encode("utf-8", "surrogatepass"))
        h.update(b"\x00")
    return h.hexdigest()


class SearchIndex:
    """Thread-safe: the UI may search from one worker while another updates."""

    def __init__(self, corpus_dir: Path, index_dir: Path | None = None) -> None:
        self.corpus_dir = Path(corpus_dir)
        self.index_dir = Path(index_dir) if index_dir is not None else default_index_dir(self.corpus_dir)
        self._articles: dict[str, Article] = {}
        self._lock = threading.RLock()
        self._ix: Any = None
        self._searcher: Any = None
        self._parser: Any = None
        self._opened_dir: str | None = None
        self._manifest: Manifest | None = None  # of the generation searched (None: it had no trustworthy one)
        self._vocabulary = Vocabulary()
        self._hash_memo: tuple[list[str], list[Article], list[str]] = ([], [], [])  # ids, articles, hashes
        self._writer_state: WriterState | None = None
        self._tokens: OrderedDict[str, tuple[Article, list[Token]]] = OrderedDict()
        self._tokens_lock = threading.Lock()
        self._read: OrderedDict[str, Article] = OrderedDict()  # articles read from their files for hit details
        self._corpus_folder: Corpus | None = None

    # ---- writing -------------------------------------------------------------------------------

    def update(
        self,
        articles: list[Article],
        progress: Progress | None = None,
        figures: dict[str, list[Figure]] | None = None,
        rebuild: bool = False,
    ) -> UpdateReport:
        """Bring the index in line with `articles` (added, changed, deleted), building it if needed,
        rebuilding it when its format changed or its files are damaged. The only call that writes.

        `figures` (article id -> figures) saves extracting them again when the caller has them.
        Deferred (report.deferred) when another process is writing and an index exists to search."""
        started = time.perf_counter()
        by_id = dict(zip(map(attrgetter("id"), articles), articles, strict=False))
        with self._lock:
            self._articles = by_id
        return self._update_with(by_id, lambda: self._hashes(by_id), progress, figures or {}, rebuild, started)

    def update_from_folder(
        self, progress: Progress | None = None, rebuild: bool = False, checking: Progress | None = None
    ) -> UpdateReport:
        """update() with the corpus folder's articles, reading only the files changed since their content
        was last hashed (freshness.py: stat stamps beside CURRENT) and, to index, only the articles that
        differ from the index, one at a time: never the whole corpus in memory. `checking` counts the files
        read to be hashed, `progress` the articles indexed. The reader's search process calls this."""
        from .freshness import FileArticles, hashed_corpus

        started = time.perf_counter()
        unchanged = None if rebuild else self._unchanged_documents()
        if unchanged is not None:  # no lock, no writer, no article read: the launch over an unchanged corpus
            return UpdateReport(documents=unchanged, seconds=time.perf_counter() - started)
        hashed = hashed_corpus(self.corpus_dir, self.index_dir, content_hash, checking)
        return self._update_with(FileArticles(hashed), lambda: hashed.hashes, progress, {}, rebuild, started)

    def _unchanged_documents(self) -> int | None:
        """The number of articles indexed when the current generation is of this format and matches the
        folder (freshness.up_to_date); None when an update has anything to do or must find out."""
        from .freshness import up_to_date, writer_active

        if writer_active(self.index_dir):
            return None
        try:
            current = self._pointer()
        except IndexDamaged:
            return None
        if current is None or current.schema != SCHEMA_VERSION:
            return None
        return up_to_date(self.corpus_dir, self.index_dir, self.index_dir / current.dir)

    def _update_with(
        self,
        by_id: Mapping[str, Article],
        hashes: Callable[[], dict[str, str]],
        progress: Progress | None,
        figures: dict[str, list[Figure]],
        rebuild: bool,
        started: float,
    ) -> UpdateReport:
        lock = WriterLock(self.index_dir)
        if not lock.acquire(timeout=0.2):
            holder = lock.holder()
            if self._has_index():
                return UpdateReport(
                    deferred=True,
                    holder=holder,
                    message=f"another kursk-reader (pid {holder or '?'}) is updating the search index; "
                    "searching the current one",
                    seconds=time.perf_counter() - started,
                )
            if not lock.acquire(timeout=BUSY_WAIT_SECONDS):
                raise IndexBusyError(
                    f"another kursk-reader (pid {lock.holder() or '?'}) is building the search "
                    f"index in {self.index_dir}; try again when it is done"
                )
        try:
            figure_errors: list[str] = []
            report = self._update_locked(by_id, hashes(), progress, figures, figure_errors, rebuild)
            _note_figure_errors(report, figure_errors)
        finally:
            lock.release()
        return self._updated(report, started)

    def add_articles(
        self,
        articles: list[Article],
        everything: Callable[[], list[Article]],
        figures: dict[str, list[Figure]] | None = None,
    ) -> UpdateReport:
        """Index these articles (new or changed), leaving every other indexed article as it is:
        nothing else of the corpus is read. When there is no index to add to (missing, another
        format, damaged), `everything()` (every article of the corpus) builds it as update() would.
        Never waits: another process writing the index defers it (report.deferred)."""
        session = self.adding()
        try:
            for article in articles:
                session.add(article, figures=(figures or {}).get(article.id))
            return session.finish(everything)
        finally:
            session.cancel()  # nothing once finished

    def adding(self) -> AddingSession:
        """A session adding articles one at a time as they are stored (`ingest`): see AddingSession."""
        return AddingSession(self)

    def _usable_generation(self, rebuild: bool) -> tuple[Opened | None, str | None]:
        """The current generation opened for writing, or None and why it is to be built afresh
        (None: there was none)."""
        reason = None
        try:
            current = self._pointer()
        except IndexDamaged as e:
            current, reason = None, f"the search index was unreadable ({e}); rebuilt it"
        if rebuild:
            reason = "rebuilt on request" if current is not None or reason else None
        elif current is not None and current.schema != SCHEMA_VERSION:
            reason = f"the search index format changed (version {current.schema} -> {SCHEMA_VERSION}); rebuilt it"
        if current is None or reason is not None:
            return None, reason
        try:
            return open_checked(self.index_dir / current.dir, self._writer_state), None
        except IndexDamaged as e:
            return None, f"the search index was unreadable ({e}); rebuilt it"

    def _updated(self, report: UpdateReport, started: float) -> UpdateReport:
        if report.changed:
            with self._lock:
                self._close_searcher()  # the next search opens the new generation
        report.seconds = time.perf_counter() - started
        return report

    def _update_locked(
        self,
        by_id: Mapping[str, Article],
        hashes: dict[str, str],
        progress: Progress | None,
        figures: dict[str, list[Figure]],
        figure_errors: list[str],
        rebuild: bool,
    ) -> UpdateReport:
        opened, reason = self._usable_generation(rebuild)
        if opened is None:
            report = self._build(by_id.values(), hashes, figures, figure_errors, progress)
            report.message = reason
        else:
            report = self._apply(opened, by_id, hashes, figures, figure_errors, progress)
        self._remove_stale_dirs()
        return report

    def _build(
        self,
        articles: Collection[Article],
        hashes: dict[str, str],
        figures: dict[str, list[Figure]],
        figure_errors: list[str],
        progress: Progress | None,
    ) -> UpdateReport:
        folder, ix = self._new_generation()
        vocabulary = Vocabulary()
        writer = Writer(ix, **WRITER_OPTIONS)
        try:
            for done, article in enumerate(articles, 1):
                _add(writer, vocabulary, article, hashes[article.id], _figures_for(article, figures, figure_errors))
                _tick(progress, done, len(articles))
            writer.commit(optimize=True)
        except BaseException:
            writer.cancel()
            ix.close()
            shutil.rmtree(folder, ignore_errors=True)
            raise
        self._switch_to(folder, ix, hashes, vocabulary)
        return UpdateReport(added=len(articles), rebuilt=True, documents=len(articles))

    def _new_generation(self) -> tuple[Path, Any]:
        folder = self.index_dir / f"v{SCHEMA_VERSION}-{time.time_ns():x}-{os.getpid()}"
        folder.mkdir(parents=True)
        return folder, whoosh_index.create_in(str(folder), build_schema())

    def _switch_to(self, folder: Path, ix: Any, hashes: dict[str, str], vocabulary: Vocabulary) -> None:
        """A built generation's word list and manifest written, then CURRENT pointed at it."""
        vocabulary.save(folder)
        manifest = write_manifest(folder, ix, hashes, {})
        ix.close()
        self._writer_state = WriterState(folder.name, signature(folder), manifest, vocabulary)
        pointer = json.dumps({"dir": folder.name, "schema": SCHEMA_VERSION}) + "\n"
        write_text_atomic(self.index_dir / CURRENT, pointer)

    def _saved(self, opened: Opened, hashes: dict[str, str]) -> None:
        """An updated generation's word list (when it grew) and manifest written."""
        if opened.vocabulary.dirty:
            opened.vocabulary.save(opened.folder)
        manifest = write_manifest(opened.folder, opened.ix, hashes, opened.files)  # also replaces an untrusted one
        opened.ix.close()
        self._writer_state = WriterState(opened.folder.name, signature(opened.folder), manifest, opened.vocabulary)

    def _apply(
        self,
        opened: Opened,
        by_id: Mapping[str, Article],
        hashes: dict[str, str],
        figures: dict[str, list[Figure]],
        figure_errors: list[str],
        progress: Progress | None,
    ) -> UpdateReport:
        ix, indexed, vocabulary = opened.ix, opened.hashes, opened.vocabulary
        differ = list(compress(hashes, map(ne, hashes.values(), map(indexed.get, hashes))))  # in C: 100,000 add up
        added = [i for i in differ if i not in indexed]
        changed = [i for i in differ if i in indexed]
        deleted = sorted(indexed.keys() - hashes.keys())
        report = UpdateReport(len(added), len(changed), len(deleted), documents=len(hashes))
        if not report.changed and opened.trusted:
            ix.close()
            return report
        if report.changed:
            writer = Writer(ix, **WRITER_OPTIONS)
            try:
                for article_id in deleted + changed:
                    writer.delete_by_term("id", article_id)
                todo = changed + added
                for done, article_id in enumerate(todo, 1):
                    article = by_id[article_id]
                    _add(writer, vocabulary, article, hashes[article_id], _figures_for(article, figures, figure_errors))
                    _tick(progress, done, len(todo))
                writer.commit()
            except BaseException:
                writer.cancel()
                ix.close()
                raise
        self._saved(opened, hashes)
        return report

    def _pointer(self) -> Pointer | None:
        """What CURRENT says; None when there is none (or the folder cannot be read), IndexDamaged when
        it is not a pointer to one of our generations (never a crash: it may hold anything)."""
        try:
            with open(self.index_dir / CURRENT, "rb") as f:
                data = f.read(CURRENT_MAX_BYTES + 1)
        except OSError:
            return None
        try:
            if len(data) > CURRENT_MAX_BYTES:
                raise ValueError("too large")
            current = json.loads(data.decode("utf-8"))
        except (ValueError, RecursionError) as e:
            raise IndexDamaged(f"its pointer file CURRENT is unreadable ({type(e).__name__})") from e
        name = current.get("dir") if isinstance(current, dict) else None
        if not isinstance(name, str) or not _GENERATION_NAME.match(name):
            raise IndexDamaged("its pointer file CURRENT names no index folder")
        if not (self.index_dir / name).is_dir():
            raise IndexDamaged(f"its folder {name} is missing")
        return Pointer(name, current.get("schema"))

    def _has_index(self) -> bool:
        try:
            return self._pointer() is not None
        except IndexDamaged:
            return False

    def _remove_stale_dirs(self) -> None:
        """Generations no longer CURRENT (older builds, builds of a killed writer). Called with the lock held."""
        try:
            current = self._pointer()
        except IndexDamaged:
            return  # keep everything: nothing says which folder is in use
        keep = current.dir if current else None
        for child in self.index_dir.iterdir():
            if child.is_dir() and _GENERATION_NAME.match(child.name) and child.name != keep:
                shutil.rmtree(child, ignore_errors=True)  # a reader on Windows may still hold files: next time

    # ---- reading (never writes) -------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, prefix_last: bool = False) -> list[Hit]:
        return self.search_results(query, limit, prefix_last).hits

    def search_results(
        self, query: str, limit: int = 20, prefix_last: bool = False, stop: Callable[[], bool] | None = None
    ) -> SearchResults:
        """Ranked hits. `prefix_last` treats an unfinished last word as a prefix (search as you type).
        `stop`: asked once the hits are ranked and every few hits built from the index's stored fields
        (a 300-hit answer spends half its time there); True raises SearchStopped.

        Raises QueryError for a malformed query, IndexUnavailable when the index cannot answer
        (missing, another format, damaged: update() brings it back)."""
        if prefix_last:
            query = _as_you_type(query)
        if not query.strip():
            return SearchResults([], 0, "")
        with self._lock:
            for attempt in range(OPEN_ATTEMPTS):
                searcher = self._reading_searcher()
                opened = self._opened_dir
                try:
                    return self._ranked(searcher, query, max(1, limit), stop)
                except (QueryError, IndexUnavailable, SearchStopped):
                    raise
                except Exception as e:
                    damage = self._damage_behind(e)
                    if damage is None:
                        raise
                    self._close_searcher()
                    if attempt + 1 == OPEN_ATTEMPTS or not self._moved_from(opened):
                        raise damage from e
            raise AssertionError("unreachable")

    def _moved_from(self, folder: str | None) -> bool:
        """Whether a writer switched CURRENT to another generation (a rebuild removes the old one)."""
        try:
            current = self._pointer()
        except IndexDamaged:
            return False
        return current is not None and current.dir != folder

    def _ranked(self, searcher: Any, query: str, limit: int, stop: Callable[[], bool] | None = None) -> SearchResults:
        parsed = parse(query, self._parser, searcher.reader(), self._vocabulary)
        found = None
        if isinstance(parsed.query, wquery.NumericRange):
            found = first_matches(searcher, parsed.query, limit)
        elif parsed.relaxed is not None:
            found = phrase_candidates(searcher, parsed, limit)  # None: Whoosh's phrase query decides
        if found is None:
            best, estimate = ranked(searcher, parsed.query, limit)
            found = _stored(searcher, best, stop), estimate
        shown, total = found
        hits = []
        for n, (fields, score) in enumerate(shown):
            _stop_if_asked(stop, n)
            if (hit := self._hit(fields, score, parsed.specs)) is not None:
                hits.append(hit)
        return SearchResults(hits, max(len(hits), total), parsed.text)

    def _damage_behind(self, error: Exception) -> IndexDamaged | None:
        """Whether a failure while searching came from a damaged file: every file is read again and
        compared with its checksum. Without a trustworthy manifest nothing can be compared, and a
        failure to read our own files is taken for damage."""
        if self._opened_dir is None:
            return None
        if self._manifest is None:
            return IndexDamaged(f"{type(error).__name__} while reading it")
        try:
            verify_generation(self.index_dir / self._opened_dir, self._manifest, deep=True)
        except IndexDamaged as damage:
            return damage
        return None

    def size_bytes(self) -> int:
        """Disk use of the current index generation."""
        try:
            current = self._pointer()
        except IndexDamaged:
            return 0
        if current is None:
            return 0
        return sum(p.stat().st_size for p in (self.index_dir / current.dir).iterdir() if p.is_file())

    def document_count(self) -> int:
        with self._lock:
            return int(self._reading_searcher().doc_count())

    def close(self) -> None:
        with self._lock:
            self._close_searcher()

    def _reading_searcher(self) -> Any:
        """The searcher of the current generation, opened (and checked) when it changed."""
        for attempt in range(OPEN_ATTEMPTS):
            current = self._pointer()
            if current is None:
                raise IndexMissing(f"no search index in {self.index_dir} yet: build it with `kursk-reader index`")
            if current.schema != SCHEMA_VERSION:
                raise IndexOutdated(
                    f"the search index in {self.index_dir} has format version {current.schema}, not "
                    f"{SCHEMA_VERSION}: rebuild it with `kursk-reader index`"
                )
            try:
                return self._searcher_of(current)
            except IndexDamaged:
                self._close_searcher()
                if attempt + 1 == OPEN_ATTEMPTS or self._pointer() == current:
                    raise  # not a writer switching generations meanwhile: damage
        raise AssertionError("unreachable")

    def _searcher_of(self, current: Pointer) -> Any:
        folder = self.index_dir / current.dir
        if self._searcher is not None and self._opened_dir == current.dir:
            try:
                if self._searcher.up_to_date():
                    return self._searcher
                self._manifest = checked_manifest(folder, self._writer_state, with_hashes=False)  # the new segments too
                # A searcher of the new segments, not `Searcher.refresh()`: whoosh-reloaded 2.7.5 reuses the old
                # reader's segments beside the new ones, so a report the update replaced was found twice.
                fresh = self._ix.searcher()
                self._searcher.close()
                self._searcher = fresh
            except Exception as e:  # another process replaced this generation meanwhile, or damage
                raise IndexDamaged(f"{type(e).__name__} while reopening it") from e
            self._vocabulary = _vocabulary_for_reading(folder)
            return self._searcher
        self._close_searcher()
        manifest = checked_manifest(folder, self._writer_state, with_hashes=False)
        ix = open_index(folder)
        try:
            searcher = ix.searcher()
            parser = make_parser(searcher.schema)
        except Exception as e:  # damage, or a writer removed the generation meanwhile
            ix.close()
            raise IndexDamaged(f"{type(e).__name__} while opening it") from e
        self._ix, self._searcher, self._manifest, self._parser = ix, searcher, manifest, parser
        self._vocabulary = _vocabulary_for_reading(folder)
        self._opened_dir = current.dir
        return searcher

    def _close_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
        if self._ix is not None:
            self._ix.close()
        self._searcher = self._ix = None
        self._opened_dir = None
        self._manifest = None

    def _article(self, article_id: str) -> Article | None:
        """The article given to update(), else read from its file (the last _READ_KEPT read are kept: a
        process that never holds the corpus, the reader's search process, reads only the hits it details)."""
        article = self._articles.get(article_id)
        if article is not None:
            return article
        with self._tokens_lock:
            article = self._read.get(article_id)
            if article is not None:
                self._read.move_to_end(article_id)
                return article
        from ..corpus.store import CorpusError

        try:
            article = self._corpus().load(article_id)
        except CorpusError:
            return None
        with self._tokens_lock:
            self._read[article_id] = article
            if len(self._read) > _READ_KEPT:
                self._read.popitem(last=False)
        return article

    def _listed(self, article_id: str) -> bool:
        """Whether the article is in the corpus: given to update(), or its file is there (a stat, no read)."""
        if article_id in self._articles:
            return True
        from ..corpus.ids import is_valid_id
        from ..corpus.store import SUFFIX

        return is_valid_id(article_id) and os.path.isfile(os.path.join(self.corpus_dir, article_id + SUFFIX))

    def _corpus(self) -> Corpus:
        """The corpus folder (made once: a Corpus works out its catalog's path, ~0.2 ms)."""
        if self._corpus_folder is None:
            from ..corpus.store import Corpus

            self._corpus_folder = Corpus(self.corpus_dir)
        return self._corpus_folder

    def _hashes(self, by_id: dict[str, Article]) -> dict[str, str]:
        """Content hashes, memoised per Article object: articles are values, a changed article is a
        new object, so after one edit only that one is hashed again. The UI passes the same articles
        in the same order each time; then finding the new objects runs in C (100,000 add up)."""
        ids, articles = list(by_id), list(by_id.values())
        old_ids, old_articles, old_hashes = self._hash_memo
        if ids == old_ids:
            hashes = dict(zip(ids, old_hashes, strict=False))
            for i in compress(ids, map(is_not, articles, old_articles)):
                hashes[i] = content_hash(by_id[i])
        else:
            known = dict(zip(old_ids, zip(old_articles, old_hashes, strict=False), strict=False))
            hashes = {
                i: m[1] if (m := known.get(i)) is not None and m[0] is a else content_hash(a) for i, a in by_id.items()
            }
        self._hash_memo = ids, articles, list(hashes.values())
        return hashes

    def _tokens_of(self, article: Article, text: str) -> list[Token]:
        """Tokens of recently shown articles (typing a query shows the same ones again and again).
        Called from any thread (hit details are worked out where they are first used)."""
        with self._tokens_lock:
            cached = self._tokens.get(article.id)
            if cached is not None and cached[0] is article:
                self._tokens.move_to_end(article.id)
                return cached[1]
        tokens = tokenize(text)
        with self._tokens_lock:
            self._tokens[article.id] = (article, tokens)
            if len(self._tokens) > _TOKEN_CACHE_SIZE:
                self._tokens.popitem(last=False)
        return tokens

    def _hit(self, stored: dict[str, Any], score: float | None, specs: list[MatchSpec]) -> Hit | None:
        """A hit from the index's stored fields: its article is read only when its details are asked for."""
        article_id = stored["id"]
        if not self._listed(article_id):  # deleted since the index was written
            return None
        article = self._articles.get(article_id)
        outlet = stored.get("outlet")  # the outlet's label: "Unknown source" stands for none
        figures_json = stored.get("figures", "[]")
        return LazyHit(
            article_id=article_id,
            title=article.title if article is not None else stored.get("title", ""),
            outlet=article.outlet if article is not None else None if outlet == UNKNOWN_OUTLET else outlet,
            score=float(score) if score is not None and math.isfinite(score) else 0.0,
            details=lambda: self._details(article_id, specs, figures_json),
        )

    def _details(self, article_id: str, specs: list[MatchSpec], figures_json: str) -> dict[str, Any]:
        """A hit's match offsets and snippet: the article re-read with the index's own tokeniser (nothing
        when its file went away meanwhile)."""
        article = self._article(article_id)
        if article is None:
            return {"snippet": "", "matches": [], "snippet_marks": [], "snippet_sentence": None, "title_marks": []}
        text = article.text
        in_text = [s for s in specs if s.kind != "title"]
        spans = match_spans(self._tokens_of(article, text), in_text, figures_json) if in_text else []
        snip = snippet(text, [(s.start, s.end) for s in article.sentences], spans)
        return {
            "snippet": snip.text,
            "matches": [Match(a, b, article.sentence_at(a)) for a, b in spans],
            "snippet_marks": snip.marks,
            "snippet_sentence": snip.sentence,
            "title_marks": title_marks(article.title, specs),
        }


def _stop_if_asked(stop: Callable[[], bool] | None, n: int) -> None:
    """Every _STOP_EVERY items of an answer, ask `stop`; True raises SearchStopped."""
    if stop is not None and n % _STOP_EVERY == 0 and stop():
        raise SearchStopped


def _stored(searcher: Any, best: list[tuple[int, float]], stop: Callable[[], bool] | None) -> list[Any]:
    """The ranked documents' stored fields (SearchStopped when `stop` says so on the way)."""
    out = []
    for n, (doc, score) in enumerate(best):
        _stop_if_asked(stop, n)
        out.append((searcher.stored_fields(doc), score))
    return out


class AddingSession:
    """Articles added to the index one at a time as `ingest` stores them, under one writer and one
    commit, so indexing runs while the ingest workers still clean the rest. The writer lock is taken
    with the first article and never waited for: another process writing the index defers the
    session (finish() says so) and each add() is then a no-op. With no index to add to (missing,
    another format, damaged) the session writes a fresh generation and finish(everything) adds the
    rest of the corpus to it, as update() would. An article already indexed with the same content
    costs nothing; one given twice with different content is re-indexed after the commit.
    cancel() (always safe, a no-op once finished) leaves the index as it was."""

    def __init__(self, index: SearchIndex) -> None:
        self._index = index
        self._started = time.perf_counter()
        self._lock: WriterLock | None = None
        self._report: UpdateReport | None = None  # set when deferred or finished
        self._opened: Opened | None = None  # the generation added to (None: building `_folder`)
        self._folder: Path | None = None
        self._ix: Any = None
        self._reason: str | None = None
        self._vocabulary = Vocabulary()
        self._writer: Any = None
        self._indexed: dict[str, str] = {}  # what the index held: id -> content hash
        self._added: dict[str, str] = {}  # given in this session: id -> content hash
        self._counts = UpdateReport()
        self._late: dict[str, tuple[Article, list[Figure] | None]] = {}
        self._in_writer = 0  # documents added to the current writer
        self._in_segments = 0  # documents of a new index already written as segments
        self.figure_errors: list[str] = []

    def add(self, article: Article, parts: object = None, figures: list[Figure] | None = None) -> None:
        """Index a stored article. `parts`: what ingest's workers made for it (documents.IndexParts;
        ignored unless made from this very title and text); `figures`: its figures, when known."""
        if self._report is not None or (self._lock is None and not self._start()):
            return
        content = content_hash(article)
        if article.id in self._added:
            if self._added[article.id] != content:
                self._late[article.id] = (article, figures)
            return
        self._added[article.id] = content
        if self._indexed.get(article.id) == content:
            return
        writer = self._writer_for_adding()
        if article.id in self._indexed:
            writer.delete_by_term("id", article.id)
            self._counts.updated += 1
        else:
            self._counts.added += 1
        ready = usable_parts(article, parts)
        found = ready.figures if ready is not None and figures is None else figures
        given = {article.id: found} if found is not None else {}
        _add(writer, self._vocabulary, article, content, _figures_for(article, given, self.figure_errors), ready)
        self._in_writer += 1
        if self._opened is None and self._in_writer >= max(SEGMENT_FIRST, self._in_segments):
            self._commit_segment()

    def _commit_segment(self) -> None:
        """A new index's postings so far written as a segment (growing sizes: log2(n / SEGMENT_FIRST)
        segments), while the ingest workers go on: else the whole commit waits for the last article."""
        self._writer.commit(merge=False)
        self._in_segments += self._in_writer
        self._in_writer = 0
        self._writer = Writer(self._ix, **WRITER_OPTIONS)

    def finish(self, everything: Callable[[], list[Article]]) -> UpdateReport:
        """Commit what was added; `everything()` (the whole corpus) is read only when building."""
        if self._report is not None:
            return self._report
        if self._lock is None:
            return UpdateReport()  # nothing was given
        try:
            with self._index._lock:
                report = self._finish_build(everything) if self._opened is None else self._finish_update()
                report = self._reindex_late(report)
                self._index._remove_stale_dirs()
        except BaseException:
            self.cancel()
            raise
        _note_figure_errors(report, self.figure_errors)
        self._report = report
        self._release()
        return self._index._updated(report, self._started)

    def cancel(self) -> None:
        if self._report is None and self._lock is not None:
            if self._writer is not None:
                self._writer.cancel()
            if self._ix is not None:
                self._ix.close()
            if self._opened is None and self._folder is not None:
                shutil.rmtree(self._folder, ignore_errors=True)
            self._report = UpdateReport()
        self._release()

    def _start(self) -> bool:
        lock = WriterLock(self._index.index_dir)
        if not lock.acquire(timeout=0.2):
            holder = lock.holder()
            message = f"another kursk-reader (pid {holder or '?'}) is writing the search index"
            self._report = UpdateReport(deferred=True, holder=holder, message=message)
            self._report.seconds = time.perf_counter() - self._started
            return False
        self._lock = lock
        try:
            self._opened, self._reason = self._index._usable_generation(rebuild=False)
            if self._opened is None:
                self._folder, self._ix = self._index._new_generation()
                self._writer = Writer(self._ix, **WRITER_OPTIONS)
            else:
                opened = self._opened
                self._ix, self._indexed, self._vocabulary = opened.ix, opened.hashes, opened.vocabulary
        except BaseException:
            self.cancel()
            raise
        return True

    def _writer_for_adding(self) -> Any:
        if self._writer is None:
            self._writer = Writer(self._ix, **WRITER_OPTIONS)
        return self._writer

    def _finish_build(self, everything: Callable[[], list[Article]]) -> UpdateReport:
        assert self._folder is not None
        articles = everything()
        self._index._articles = {a.id: a for a in articles}
        for article in articles:
            if article.id not in self._added:
                self.add(article)
        self._writer.commit(merge=False)  # the segments written so far stay as they are
        self._writer = None
        self._index._switch_to(self._folder, self._ix, self._added, self._vocabulary)
        self._ix = self._folder = None  # CURRENT names it now: never removed by cancel()
        count = len(self._added)
        return UpdateReport(added=count, rebuilt=True, message=self._reason, documents=count)

    def _finish_update(self) -> UpdateReport:
        assert self._opened is not None
        hashes = {**self._indexed, **self._added}
        report = replace(self._counts, documents=len(hashes))
        if self._writer is not None:
            self._writer.commit()
            self._writer = None
        elif self._opened.trusted:
            self._ix.close()
            self._ix = None
            return report
        self._index._saved(self._opened, hashes)
        self._ix = None
        return report

    def _reindex_late(self, report: UpdateReport) -> UpdateReport:
        """Articles given a second time with other content, re-indexed over the committed ones."""
        if not self._late:
            return report
        index = self._index
        opened, _ = index._usable_generation(rebuild=False)
        assert opened is not None  # just written by this session
        late = {i: a for i, (a, _) in self._late.items()}
        figures = {i: f for i, (_, f) in self._late.items() if f is not None}
        hashes = {**opened.hashes, **{i: content_hash(a) for i, a in late.items()}}
        again = index._apply(opened, late, hashes, figures, self.figure_errors, None)
        report.updated += again.updated
        return report

    def _release(self) -> None:
        if self._lock is not None:
            self._lock.release()
            self._lock = None


class LazyHit(Hit):
    """A hit whose matches and snippet are worked out on first use. Ranking a thousand articles is
    cheap; re-reading each one's text for offsets is not, and a list shows a screenful at a time."""

    def __init__(
        self, article_id: str, title: str, outlet: str | None, score: float, details: Callable[[], dict[str, Any]]
    ) -> None:
        self.article_id, self.title, self.outlet, self.score = article_id, title, outlet, score
        self._details = details
        self._filled: dict[str, Any] | None = None

    def _detail(self, name: str) -> Any:
        if self._filled is None:
            self._filled = self._details()
        return self._filled[name]

    snippet = property(lambda self: self._detail("snippet"))
    matches = property(lambda self: self._detail("matches"))
    snippet_marks = property(lambda self: self._detail("snippet_marks"))
    snippet_sentence = property(lambda self: self._detail("snippet_sentence"))
    title_marks = property(lambda self: self._detail("title_marks"))


def _add(
    writer: Any,
    vocabulary: Vocabulary,
    article: Article,
    content_hash_: str,
    figures: list[Figure],
    parts: IndexParts | None = None,
) -> None:
    """`parts`: the article's body postings and words, worked out ahead (documents.py)."""
    if parts is not None:
        vocabulary.add_words(parts.words)
        writer.add_document(**document(article, content_hash_, figures, parts.body))
        return
    prepared = Prepared.of(article)
    vocabulary.add(prepared.title)
    vocabulary.add(prepared.text)
    writer.add_document(**document(article, content_hash_, figures, prepared))


def _note_figure_errors(report: UpdateReport, figure_errors: list[str]) -> None:
    report.figure_errors = figure_errors
    if figure_errors:
        problem = (
            f"figures could not be extracted from {len(figure_errors)} article(s) "
            f"(first: {figure_errors[0]}); indexed without them"
        )
        report.message = f"{report.message}; {problem}" if report.message else problem


def _vocabulary_for_reading(folder: Path) -> Vocabulary:
    try:
        return Vocabulary.load(folder)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise IndexDamaged(f"its word list is unreadable ({type(e).__name__})") from e


def _figures_for(article: Article, figures: dict[str, list[Figure]], errors: list[str]) -> list[Figure]:
    """The article's figures (given, or extracted here); an extractor failure is noted in `errors`
    and the article indexed without figures."""
    found = figures.get(article.id)
    if found is None:
        try:
            found = extract_figures(article)
        except Exception as e:
            errors.append(f"{article.id}: {type(e).__name__}")
            found = []
    return [f for f in found if isinstance(f.value, (int, float)) and math.isfinite(f.value)]


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and (done == total or done % 25 == 0):
        progress(done, total)


def _as_you_type(query: str) -> str:
    """'north kor' -> 'north kor*': the word being typed is a prefix (once it has PREFIX_MIN letters)."""
    if not query or query[-1].isspace():
        return query
    head, _, last = query.rpartition(" ")
    if not last or any(c in last for c in '"*~():') or query.count('"') % 2 or last in ("OR", "AND", "NOT"):
        return query
    if not last.isalnum() or len(fold(last)) < PREFIX_MIN or last.isdigit():
        return query
    return f"{head} {last}*" if head else f"{last}*"
