"""The analysis of a corpus (stories, figure groups, claims) kept on disk, so it is found once.

Keyed by each article's content (a hash of what the analysis reads of it) and by the fingerprint of the
code that derives it (code_version.analysis_version): an unchanged corpus loads its stories at once and
each story's figures, groups and claims only when asked for; a few changed, added or removed articles
redo only their stories; many, or a new version of the code, redo everything (on every core).

Files, in the user cache beside the article list's (never a name taken from an article):
  index.pickle        what is stored for what: code fingerprint, corpus folder, each article's hash, the
                      stories, where each story's part lies in the parts file. Written last, atomically:
                      the index is what makes a new state of the cache count.
  state-<journal>     what placing new articles needs (the story index with its term weights, every group id);
                      read only when something changed.
  journal-<journal>   the changes since index and state were written, one record each (a few articles
                      added or removed: what the index gains, and what to do again to the story index), so
                      that adding one article writes a few kilobytes, not the whole story index. Each record
                      is framed with its length and checksum: a record cut short by a crash, and anything
                      after it, is ignored (the cache is as it was before that change). After COMPACT_AFTER
                      records, index and state are written whole again under a new journal name.
  parts-<token>       each story's part, packed, appended one after another.
  fresh.pickle        what a caller that read the corpus folder saw (each file's stat before it was read, the
                      article ids in order, their sentence and word counts, the files that could not be read)
                      and which state of the index it went with: while every file's stat is the same, the
                      analysis is known fresh without parsing one article (`check_cache`). It may also hold
                      the reader's summary of that analysis (analysis_summary), as bytes this module never
                      reads.
A missing, damaged or outdated file is rebuilt without a word; a cache that cannot be written only costs
time next run. Only the analysis's own types are ever unpickled from these files."""

from __future__ import annotations

import array
import contextlib
import hashlib
import io
import os
import pickle
import secrets
import struct
import zlib
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, cast

from ..atomic import write_bytes_atomic
from ..paths import catalog_file
from .claims import Analysis, build_claims
from .code_version import analysis_version
from .model import Article
from .store import SUFFIX, ArticlesOnDisk, Corpus, CorpusError, LoadProblem, problem_text
from .stories import Story, StoryIndex
from .story_analysis import (
    PARALLEL_FROM,
    PLAIN_TYPES,
    ReadFiles,
    RestrictedUnpickler,
    StoryPart,
    analyse_stories,
    pack,
    read_on_cores,
    rename_groups,
    settle_ids,
    stories_and_figures,
    story_work,
    unpack,
)
from .story_terms import article_terms
from .worker_pool import worker_pool

LAYOUT = 3  # the cache files' own layout
INCREMENTAL_UP_TO = 0.05  # changed articles, as a share of the corpus, redone story by story; beyond, all again
COMPACT_AFTER = 64  # journal records read back on each load before index and state are written whole again
COMPACT_BYTES = 64 * 2**20  # ... or journal bytes
_INDEX = "index.pickle"
_FRESH = "fresh.pickle"
_FRAME = struct.Struct("<II")  # a journal record's length and crc32, before it


# Where a story's part lies in the parts file: (offset, length of the packed part, length of its renamed
# ids after it, crc32 of both, number of claims). A tuple: 100,000 of them load in milliseconds.
_Stored = tuple[int, int, int, int, int]


_Row = tuple[str, str, list[str], list[str], str | None, str | None]  # Story fields


@dataclass
class _Change:
    """One journal record: what a few articles added, changed or removed did to the index, and how to do
    it again to the story index (`placing`, pickled apart: only read when articles are placed again)."""

    hashes: dict[str, bytes]  # article id -> content hash, of the articles added or changed
    removed: list[str]  # article ids
    stories: list[_Row]  # the stories redone, as they are now
    stories_gone: list[str]
    stored: dict[str, _Stored]  # where their parts were written
    stored_gone: list[str]
    groups_added: list[str]
    groups_removed: list[str]
    placing: bytes  # pickled list of ("remove", id) and ("add", id, title, published, outlet, terms)


@dataclass
class _Index:
    key: dict[str, object]
    token: str  # names the parts file this index goes with
    hashes: dict[str, bytes]  # article id -> content hash
    stories: dict[str, _Row]  # story id -> its row
    stored: dict[str, _Stored]
    warnings: list[str]
    journal: str = ""  # names the state and journal files this index goes with
    # read from the journal when loaded (empty as written): its records, and the bytes they take
    changes: list[_Change] = field(default_factory=list)
    journal_size: int = 0


@dataclass
class _State:
    token: str  # the journal name of the index it goes with
    stories: StoryIndex
    group_ids: set[str]

    def __getstate__(self) -> dict[str, object]:
        """The story index as plain data that loads fast (StoryIndex.to_state)."""
        return {"token": self.token, "stories": self.stories.to_state(), "group_ids": list(self.group_ids)}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.token, self.group_ids = state["token"], _TrackedIds(state["group_ids"])
        self.stories = StoryIndex.from_state(state["stories"])


class _TrackedIds(set[str]):
    """The group ids in use, remembering which were added and removed since loaded (what a journal
    record says of them), so that a change does not compare a million ids before and after."""

    def __init__(self, ids: Iterable[str] = ()) -> None:
        super().__init__(ids)
        self.added: set[str] = set()
        self.removed: set[str] = set()

    def add(self, group_id: str) -> None:
        if group_id in self:
            return
        super().add(group_id)
        if group_id in self.removed:
            self.removed.discard(group_id)
        else:
            self.added.add(group_id)

    def update(self, *others: Iterable[str]) -> None:
        for ids in others:
            for group_id in ids:
                self.add(group_id)

    def discard(self, group_id: object) -> None:
        if not isinstance(group_id, str) or group_id not in self:
            return
        super().discard(group_id)
        if group_id in self.added:
            self.added.discard(group_id)
        else:
            self.removed.add(group_id)

    def difference_update(self, *others: Iterable[object]) -> None:
        for ids in others:
            for group_id in list(ids):
                self.discard(group_id)

    def __reduce__(self) -> tuple[Any, ...]:
        return (set, (list(self),))  # pickled as the plain set it is


def cache_folder(corpus_dir: Path) -> Path:
    """Where the analysis of a corpus folder is kept (beside its article-list cache)."""
    return catalog_file(corpus_dir).with_suffix(".analysis")


def analyse_cached(
    corpus_dir: Path,
    articles: Sequence[Article],
    *,
    workers: int | None = None,
    cache_dir: Path | None = None,
    changed: Collection[str] | None = None,
    seen: Seen | None = None,
) -> Analysis:
    """The analysis of `articles` (the corpus in `corpus_dir`, in corpus order), from the cache when it
    has it, brought up to date and saved. `workers`: processes for a full analysis (None: every core).
    `changed`: when the caller knows which articles may have changed since the last call (one it just
    ingested), only those and articles the cache does not know are read again; the others are trusted.
    `seen`: what the caller saw of the corpus folder before reading `articles` from it; kept with the
    analysis, so that `check_cache` knows it fresh next time without parsing the articles.
    The Analysis loads a story's figures, groups and claims when first asked for (`part`, `story_claims`,
    `figures_of`); `figures`, `groups` and `claims` load them all. Call it with the garbage collector
    paused (worker_pool.paused_gc): it builds millions of objects and no cycles."""
    folder = cache_dir if cache_dir is not None else cache_folder(corpus_dir)
    analysis, index = _analysed(folder, _key(corpus_dir), articles, workers, changed)
    if index is not None and isinstance(analysis._stored, _Store):
        analysis._stored.saved = True
    if seen is not None:
        remember_seen(analysis, seen, articles)
    return analysis


def _key(corpus_dir: Path) -> dict[str, object]:
    return {"layout": LAYOUT, "code": analysis_version(), "root": str(Path(corpus_dir).resolve())}


def _analysed(
    folder: Path,
    key: dict[str, object],
    articles: Sequence[Article],
    workers: int | None,
    changed: Collection[str] | None,
    read: ReadFiles | None = None,
    pool: Executor | None = None,
) -> tuple[Analysis, _Index | None]:
    """The analysis, and the index as stored with it (None: what was found could not be stored). `read`:
    the articles' hashes and terms when the workers found them already."""
    index = _read_index(folder, key)
    by_id = {a.id: a for a in articles}
    known = read.hashes if read is not None else {}
    fresh: dict[str, bytes] = {}
    if index is not None:
        edited, removed, fresh = _edits(index.hashes, articles, changed, known)
        if not edited and not removed:
            return _loaded(folder, index, by_id), index
        if len(edited) + len(removed) <= max(1, INCREMENTAL_UP_TO * len(articles)):
            updated = _update(folder, index, by_id, fresh, edited, removed)
            if updated is not None:
                return updated
    old = index.hashes if index is not None else {}
    hashes = {a.id: known.get(a.id) or fresh.get(a.id) or old.get(a.id) or content_hash(a) for a in articles}
    terms = read.terms if read is not None else None
    return _analyse_all(folder, key, articles, hashes, workers, terms, pool)


# -- known fresh from the files' stats -------------------------------------------------------------

Stat = list[object]  # a file's [mtime_ns, size, inode], as catalog.file_stats takes it


@dataclass(frozen=True)
class Seen:
    """What a caller saw of the corpus folder before it read the articles: each article file's stat (file
    name -> catalog.file_stats), and the files that could not be read."""

    files: Mapping[str, Stat]
    problems: Sequence[LoadProblem] = ()


@dataclass
class CacheCheck:
    """What the cache knows of the corpus folder as it is now, without parsing an article.

    `analysis`: the stored analysis when every article file is as it was when last analysed (its articles
    are read from disk only when something asks for one); then `counts` (article id -> sentences, words),
    `problems` (file name -> why it could not be read) and `summary` (bytes a caller stored with
    `keep_summary`, or None) are as they were then. Otherwise `changed`: the ids of the files new or changed
    since (None: not known, every article must be hashed), and `summary` the one stored before they changed."""

    analysis: Analysis | None = None
    counts: dict[str, tuple[int, int]] = field(default_factory=dict)
    problems: dict[str, str] = field(default_factory=dict)
    summary: bytes | None = None
    stale: list[str] = field(default_factory=list)  # stories redone since `summary` was stored (see _remember)
    changed: list[str] | None = None
    # what was read to tell (the fresh record and the index), so that bringing it up to date reads it once
    _record: dict[str, Any] | None = field(default=None, repr=False)
    _index: _Index | None = field(default=None, repr=False)


def check_cache(corpus: Corpus, files: Mapping[str, Stat], *, cache_dir: Path | None = None) -> CacheCheck:
    """Is the stored analysis of `corpus` fresh, judged by `files` (each article file's stat now, taken
    before anything is read)? ~0.5 s at 100,000 articles, where parsing them takes minutes."""
    folder = cache_dir if cache_dir is not None else cache_folder(corpus.root)
    record = _read_fresh(folder)
    if record is None:
        return CacheCheck()
    index = _read_index(folder, _key(corpus.root))
    if index is None or record["identity"] != _identity(index):
        return CacheCheck()
    if record["files"] != _packed_stats(files):
        then = _unpacked_stats(record["files"])
        suffix = len(".yaml")
        changed = [name[:-suffix] for name, stat in files.items() if then.get(name) != stat]
        stale = _stale(record)
        return CacheCheck(summary=record["summary"], stale=stale, changed=changed, _record=record, _index=index)
    articles = ArticlesOnDisk(corpus, record["ids"])
    analysis = _loaded(folder, index, cast(dict[str, Article], articles))
    cast(_Store, analysis._stored).saved = True
    return CacheCheck(analysis, record["counts"], record["problems"], record["summary"], _stale(record))


def remember_seen(analysis: Analysis, seen: Seen, articles: Sequence[Article]) -> bool:
    """Keep what the caller saw of the corpus folder before reading `articles` with `analysis` (as
    analyse_cached returned it for them), so that `check_cache` knows it fresh next time. False when the
    analysis is not the one stored (it could not be written, or changed since)."""
    return _remember(analysis, seen, {a.id: (len(a.sentences), a.n_words) for a in articles})


def _remember(
    analysis: Analysis,
    seen: Seen,
    counts: dict[str, tuple[int, int]],
    summary: bytes | None = None,
    stale: Iterable[str] = (),
) -> bool:
    """remember_seen, given each readable article's counts (sentences, words), in corpus order. `summary`:
    a caller's summary of an earlier state of the analysis, kept with the stories redone since (`stale`),
    so that the caller patches those stories only (analysis_summary) instead of summarising every one."""
    store = analysis._stored
    if not isinstance(store, _Store) or not store.saved or store.forgotten:
        return False
    record = {
        "identity": _identity(store._index),
        "files": _packed_stats(seen.files),
        "ids": list(counts),
        "counts": counts,
        "problems": {p.path.name: p.message for p in seen.problems},
        "summary": summary,
        "summary_stale": sorted(set(stale)),
    }
    return _write_plain(store._folder / _FRESH, record)


# -- a corpus folder ------------------------------------------------------------------------------


@dataclass
class FolderAnalysis:
    """A corpus folder's analysis brought up to date (analyse_folder_cached), and what was seen on the way."""

    analysis: Analysis
    counts: dict[str, tuple[int, int]]  # each readable article's sentences and words, in corpus order
    problems: list[LoadProblem]  # the files that could not be read (misnamed ones first)
    articles: list[Article] | None  # every article, when they were all read (None: only the changed ones)


def analyse_folder_cached(
    corpus: Corpus, files: Mapping[str, Stat], check: CacheCheck, *, workers: int | None = None
) -> FolderAnalysis:
    """The analysis of the corpus folder as it is now (`files`: each article file's stat, taken first;
    `check`: what check_cache said of them), stored, and remembered as seen. A few files changed since the
    analysis was stored: only they are read (analyse_changed_files). Otherwise every file is read, on
    `workers` processes (None: every core) when they pay, and the analysis brought up to date or made again."""
    done = analyse_changed_files(corpus, files, check)
    if done is None:
        done = _folder_read(corpus, cache_folder(corpus.root), files, check.changed, workers)
        _remember(done.analysis, Seen(files, done.problems), done.counts)
    return done


def analyse_changed_files(corpus: Corpus, files: Mapping[str, Stat], check: CacheCheck) -> FolderAnalysis | None:
    """The stored analysis with only the files changed since it was stored read and their stories redone
    (the other articles are read from disk if one of those stories holds them), stored and remembered as
    seen; None when too many changed, or the cache cannot tell or be updated: then read every file. A summary
    stored with the analysis is kept, with the stories to patch in it (CacheCheck.stale)."""
    if check.changed is None:
        return None
    done = _folder_update(corpus, cache_folder(corpus.root), files, check)
    if done is None:
        return None
    redone = redone_stories(done.analysis)
    if redone is not None and check.summary is not None:  # the reader's summary: kept, with what to patch
        _remember(done.analysis, Seen(files, done.problems), done.counts, check.summary, [*check.stale, *redone])
    else:
        _remember(done.analysis, Seen(files, done.problems), done.counts)
    return done


def _folder_read(
    corpus: Corpus, folder: Path, files: Mapping[str, Stat], changed: list[str] | None, workers: int | None
) -> FolderAnalysis:
    """Every file read (on every core when they pay), the analysis brought up to date from them."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if workers < 2 or len(files) < PARALLEL_FROM:
        articles, problems = corpus.load_all()
        analysis, index = _analysed(folder, _key(corpus.root), articles, workers, changed)
    else:
        with worker_pool(workers) as pool:
            read = read_on_cores(corpus, pool, content_hash)
            articles, problems = read.articles, read.problems
            analysis, index = _analysed(folder, _key(corpus.root), articles, workers, changed, read, pool)
    if index is not None and isinstance(analysis._stored, _Store):
        analysis._stored.saved = True
    counts = {a.id: (len(a.sentences), a.n_words) for a in articles}
    return FolderAnalysis(analysis, counts, problems, articles)


def _folder_update(corpus: Corpus, folder: Path, files: Mapping[str, Stat], check: CacheCheck) -> FolderAnalysis | None:
    """Only the files changed since the analysis was stored read, their stories redone; None when too many
    changed (or the cache cannot be updated): then every file is read."""
    record, index = check._record, check._index
    if record is None or index is None or check.changed is None:
        return None
    changed = set(check.changed)
    loaded: dict[str, Article] = {}
    malformed: dict[str, str] = {}
    for article_id in check.changed:
        path = corpus.root / f"{article_id}{SUFFIX}"
        try:
            loaded[article_id] = corpus.load_path(path)
        except CorpusError as e:
            malformed[path.name] = problem_text(e)
    then_ids: set[str] = set(record["ids"])
    ids = [i for name in files if (i := name[: -len(SUFFIX)]) in loaded or (i in then_ids and i not in changed)]
    kept = set(ids)
    removed = [i for i in record["ids"] if i not in kept]
    hashes = {i: content_hash(a) for i, a in loaded.items()}
    edited = [a for i, a in loaded.items() if hashes[i] != index.hashes.get(i)]
    if len(edited) + len(removed) > max(1, INCREMENTAL_UP_TO * len(ids)):
        return None
    articles = ArticlesOnDisk(corpus, ids)
    for article in loaded.values():
        articles[article.id] = article
    if not edited and not removed:  # touched, not changed: nothing to redo
        analysis = _redid(_loaded(folder, index, cast(dict[str, Article], articles)), set())
        cast(_Store, analysis._stored).saved = True
    else:
        updated = _update(folder, index, cast(dict[str, Article], articles), hashes, edited, removed)
        if updated is None:
            return None
        analysis, stored = updated
        if stored is not None:
            cast(_Store, analysis._stored).saved = True
    then_counts: dict[str, tuple[int, int]] = record["counts"]
    counts = {i: (len(a.sentences), a.n_words) if (a := loaded.get(i)) else then_counts[i] for i in ids}
    then_problems: dict[str, str] = record["problems"]
    misnamed = corpus.misnamed if corpus.misnamed is not None else corpus.scan()[1]  # as the stats were taken
    problems = misnamed + [
        LoadProblem(corpus.root / name, malformed.get(name) or then_problems[name])
        for name in files
        if name in malformed or (name in then_problems and name[: -len(SUFFIX)] not in changed)
    ]
    return FolderAnalysis(analysis, counts, problems, None)


def keep_summary(analysis: Analysis, data: bytes) -> bool:
    """Store `data` (a caller's summary of `analysis`) with the fresh record it goes with, for `check_cache`
    to give back while the corpus stays as it is. False when the analysis is no longer the stored one."""
    store = analysis._stored
    if not isinstance(store, _Store) or not store.saved or store.forgotten:
        return False
    record = _read_fresh(store._folder)
    if record is None or record["identity"] != _identity(store._index):
        return False
    record["summary"], record["summary_stale"] = data, []
    return _write_plain(store._folder / _FRESH, record)


def _identity(index: _Index) -> list[object]:
    """Which state of the stored analysis: its parts file, its journal and the journal's length."""
    return [index.token, index.journal, index.journal_size]


_FRESH_FIELDS = {"identity": list, "files": dict, "ids": list, "counts": dict, "problems": dict}


def _packed_stats(files: Mapping[str, Stat]) -> dict[str, object]:
    """Each file's stat as a list of names and one array of numbers: 100,000 of them load and compare in
    milliseconds (as a dict of lists, a tenth of a second and more each way)."""
    try:
        numbers = array.array("q", [x for stat in files.values() for x in cast(list[int], stat)]).tobytes()
    except (TypeError, OverflowError):  # not three whole numbers each: kept as they are
        return {"stats": dict(files)}
    return {"names": list(files), "numbers": numbers, "widths": [len(stat) for stat in files.values()]}


def _unpacked_stats(packed: Mapping[str, Any]) -> dict[str, Stat]:
    """What _packed_stats packed (a record of the layout before it: the dict itself)."""
    if "stats" in packed and isinstance(packed["stats"], dict):
        return dict(packed["stats"])
    if not {"names", "numbers", "widths"} <= packed.keys():
        return dict(packed)  # file name -> stat, as written before
    out: dict[str, Stat] = {}
    try:
        numbers = array.array("q")
        numbers.frombytes(packed["numbers"])
        at = 0
        for name, width in zip(packed["names"], packed["widths"], strict=True):
            out[name] = list(numbers[at : at + width])
            at += width
    except (TypeError, ValueError):  # damaged: every file counts as changed
        return {}
    return out


def _read_fresh(folder: Path) -> dict[str, Any] | None:
    record = _load(folder / _FRESH)
    if not isinstance(record, dict) or any(not isinstance(record.get(k), t) for k, t in _FRESH_FIELDS.items()):
        return None
    if not isinstance(record.get("summary"), bytes | None):
        return None
    return record


def _stale(record: dict[str, Any]) -> list[str]:
    stale = record.get("summary_stale", [])
    return [s for s in stale if isinstance(s, str)] if isinstance(stale, list) else []


def _write_plain(path: Path, data: object) -> bool:
    try:
        write_bytes_atomic(path, pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return False
    return True


def _edits(
    old: dict[str, bytes],
    articles: Sequence[Article],
    changed: Collection[str] | None,
    hashed: Mapping[str, bytes] | None = None,
) -> tuple[list[Article], list[str], dict[str, bytes]]:
    """The articles added or changed since the index was written, those removed, and the new hashes of
    the first. `changed`: the only known articles that may have changed (the others are not hashed);
    `hashed`: hashes found already."""
    found = hashed or {}
    suspect = None if changed is None else set(changed)
    edited: list[Article] = []
    fresh: dict[str, bytes] = {}
    known = 0
    for a in articles:
        before = old.get(a.id)
        if before is not None:
            known += 1
            if suspect is not None and a.id not in suspect:
                continue
        digest = found.get(a.id) or content_hash(a)
        if digest != before:
            edited.append(a)
            fresh[a.id] = digest
    if known == len(old):  # every article the index knows is still there (a corpus's ids are unique)
        return edited, [], fresh
    ids = {a.id for a in articles}
    return edited, [i for i in old if i not in ids], fresh


def content_hash(article: Article) -> bytes:
    """What the analysis reads of an article: a change anywhere else (its url, its removals) keeps it."""
    head = repr((article.id, article.title, article.outlet, article.published, article.wire))
    digest = hashlib.blake2b(head.encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update("\0".join([p.text for p in article.paragraphs]).encode("utf-8", "surrogatepass"))
    digest.update(array.array("q", [x for s in article.sentences for x in (s.start, s.end)]).tobytes())
    return digest.digest()


# -- everything again -----------------------------------------------------------------------------


def _analyse_all(
    folder: Path,
    key: dict[str, object],
    articles: Sequence[Article],
    hashes: dict[str, bytes],
    workers: int | None,
    terms: list[Counter[str]] | None = None,
    pool: Executor | None = None,
) -> tuple[Analysis, _Index | None]:
    stories, scanned = stories_and_figures(articles, workers, terms, pool)
    token = secrets.token_hex(8)
    stored: dict[str, _Stored] = {}
    taken: set[str] = set()
    warnings: list[str] = []
    parts_path = folder / f"parts-{token}"
    with _open_new(parts_path) as out:
        offset = 0
        work = story_work(articles, stories, None, scanned=scanned)
        for item in analyse_stories(work, build_claims, workers, pool):
            if isinstance(item, StoryPart):
                item = pack(item)
            warnings.extend(item.warnings)
            renamed = settle_ids(item.story, item.group_ids, taken)
            stored[item.story] = _record(out, offset, item.data, renamed, item.n_claims)
            offset += stored[item.story][1] + stored[item.story][2]
    index = _Index(key, token, dict(hashes), _story_rows(stories), stored, warnings, journal=token)
    state = _State(token, stories, taken)
    if out is None:  # nothing stored: this analysis keeps what placing new articles needs
        articles_by_id = {a.id: a for a in articles}
        return Analysis(
            stories=stories, articles=articles_by_id, warnings=warnings, stored=_Store(folder, index, state)
        ), None
    saved = _save(folder, index, state)
    return _loaded(folder, index, {a.id: a for a in articles}), index if saved else None


def _loaded(folder: Path, index: _Index, articles: dict[str, Article]) -> Analysis:
    """The analysis as stored: the stories, and each story's part when asked for. What placing new articles
    needs (terms, postings, every group id) stays on disk until an article is added: a reader keeps little."""
    return Analysis(
        stories=StoryIndex.view(_stories(index)),
        articles=articles,
        warnings=list(index.warnings),
        stored=_Store(folder, index),
    )


# -- a few articles changed ----------------------------------------------------------------------


def _update(
    folder: Path,
    index: _Index,
    articles: dict[str, Article],
    hashes: dict[str, bytes],
    changed: list[Article],
    removed: list[str],
) -> tuple[Analysis, _Index | None] | None:
    """The cached analysis with `changed` placed again and `removed` taken out, their stories redone;
    None when the cache cannot be updated (its state file is missing or damaged). `hashes`: of `changed`."""
    state = _read_state(folder, index)
    if state is None:
        return None
    if not isinstance(state.group_ids, _TrackedIds):
        state.group_ids = _TrackedIds(state.group_ids)
    store = _Store(folder, index, state)
    analysis = Analysis(stories=state.stories, articles=articles, warnings=list(index.warnings), stored=store)
    placing: list[tuple[object, ...]] = []
    for article_id in removed:
        analysis.remove_article(article_id)
        placing.append(("remove", article_id))
    for article in changed:
        analysis.add_article(article)
        terms = article_terms(article.title, article.text)
        placing.append(("add", article.id, article.title, article.published, article.outlet_label, terms))
    redone = set(store.forgotten)
    if not store.append(analysis):
        return analysis, None
    groups = state.group_ids
    if len(index.changes) + 1 >= COMPACT_AFTER or index.journal_size >= COMPACT_BYTES:
        index.hashes.update(hashes)
        for article_id in removed:
            index.hashes.pop(article_id, None)
        index.stories = _story_rows(analysis.stories)
        index.journal, index.changes, index.journal_size = secrets.token_hex(8), [], 0
        saved = _save(folder, index, _State(index.journal, analysis.stories, groups))
        return _redid(_loaded(folder, index, articles), redone), index if saved else None
    now = [story for s in sorted(redone) if (story := analysis.stories.get(s)) is not None]
    change = _Change(
        hashes=dict(hashes),
        removed=list(removed),
        stories=_rows(now),
        stories_gone=sorted(redone - {s.id for s in now}),
        stored={s: index.stored[s] for s in sorted(redone) if s in index.stored},
        stored_gone=sorted(s for s in redone if s not in index.stored),
        groups_added=sorted(groups.added),
        groups_removed=sorted(groups.removed),
        placing=pickle.dumps(placing, protocol=pickle.HIGHEST_PROTOCOL),
    )
    written = _append_change(folder, index, change)
    if written is None:
        return analysis, None  # not kept: the next run finds this change again
    _apply(index, change)
    index.changes.append(change)
    index.journal_size = written
    return _redid(_loaded(folder, index, articles), redone), index


def _redid(analysis: Analysis, redone: set[str]) -> Analysis:
    cast(_Store, analysis._stored).redone = redone
    return analysis


def redone_stories(analysis: Analysis) -> set[str] | None:
    """The stories (ids, those gone since included) redone when `analysis` was last brought up to date from
    the stored one (a few articles changed); None when it was not (made whole, or loaded as stored)."""
    store = analysis._stored
    return store.redone if isinstance(store, _Store) else None


def _apply(index: _Index, change: _Change) -> None:
    """What a journal record changes in the index."""
    index.hashes.update(change.hashes)
    for article_id in change.removed:
        index.hashes.pop(article_id, None)
    for story_id in change.stories_gone:
        index.stories.pop(story_id, None)
    index.stories.update((row[0], row) for row in change.stories)  # a story's place: stories() sorts them
    for story_id in change.stored_gone:
        index.stored.pop(story_id, None)
    index.stored.update(change.stored)


def _place_again(state: _State, change: _Change) -> None:
    """What a journal record did to the story index and the group ids, done again."""
    placing = _restricted(io.BytesIO(change.placing)).load()
    for op in placing:
        if op[0] == "remove":
            state.stories.remove(op[1])
        else:
            _, article_id, title, published, outlet, terms = op
            stub = Article(article_id, title, False, outlet, None, None, published, "", "", [])
            state.stories.add(stub, terms)
    set.difference_update(state.group_ids, change.groups_removed)  # as loaded: not a change to record
    set.update(state.group_ids, change.groups_added)


# -- reading and writing --------------------------------------------------------------------------


@dataclass(slots=True)
class StoredParts:
    """Where an analysis's stored story parts lie: enough to read one story later, in another thread or
    process, without the analysis (the reader keeps this instead of every story's claims)."""

    folder: Path
    token: str
    stored: dict[str, _Stored]

    def load(self, story_id: str) -> StoryPart | None:
        """The story's part as stored, checked and renamed (None: gone, replaced or damaged since)."""
        store = _Store(self.folder, cast(_Index, self))  # _Store.load reads only `token` and `stored`
        try:
            return store.load(story_id)
        finally:
            if store._file is not None:
                store._file.close()


def each_part(analysis: Analysis) -> Iterator[StoryPart]:
    """Every story's part, one at a time, read from the cache and not kept by the analysis: what walks a
    100,000-article analysis without holding every figure, group and claim at once."""
    store = analysis._stored
    loaded = analysis._parts
    for story in analysis.stories.stories():
        part = loaded.get(story.id)
        if part is None and isinstance(store, _Store):
            part = store.load(story.id)
        yield from [part] if part is not None else [p] if (p := analysis.part(story.id)) is not None else []
    yield from [p for s, p in loaded.items() if analysis.stories.get(s) is None]  # of stories gone since


def stored_parts(analysis: Analysis) -> StoredParts | None:
    """Where `analysis`'s story parts lie on disk, when it came from (or went into) the cache."""
    store = analysis._stored
    return store.location() if isinstance(store, _Store) else None


class _Store:
    """The stored parts of an Analysis: loaded one story at a time, checked, renamed as the corpus needs."""

    def __init__(self, folder: Path, index: _Index, state: _State | None = None) -> None:
        self._folder = folder
        self._index = index
        self._state = state
        self._file: BinaryIO | None = None
        self.forgotten: set[str] = set()
        self.redone: set[str] | None = None  # see redone_stories
        self.saved = False  # the index as on disk (what analyse_cached returned after writing or reading it)

    def load(self, story_id: str) -> StoryPart | None:
        entry = self._index.stored.get(story_id)
        if entry is None or story_id in self.forgotten:
            return None
        offset, length, extra, crc, _ = entry
        try:
            data = self._read(offset, length + extra)
            if zlib.crc32(data) != crc:
                return None
            part = unpack(data[:length])
            renamed = _restricted(io.BytesIO(data[length:])).load()
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
            return None  # damaged: the analysis finds the story again
        if not isinstance(renamed, dict):
            return None
        rename_groups(part, renamed)
        return part

    def location(self) -> StoredParts | None:
        """Where the stories still as stored lie (None: the parts file was never written)."""
        if not (self._folder / f"parts-{self._index.token}").is_file():
            return None
        kept = {s: e for s, e in self._index.stored.items() if s not in self.forgotten}
        return StoredParts(self._folder, self._index.token, kept)

    def n_claims(self, story_id: str) -> int:
        entry = self._index.stored.get(story_id)
        return entry[4] if entry else 0

    def renamed(self, story_id: str) -> dict[str, str]:
        entry = self._index.stored.get(story_id)
        if entry is None:
            return {}
        offset, length, extra, _, _ = entry
        try:
            renamed = _restricted(io.BytesIO(self._read(offset + length, extra))).load()
        except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
            return {}
        return renamed if isinstance(renamed, dict) else {}

    def group_ids(self) -> set[str]:
        if self._state is None:
            self._state = _read_state(self._folder, self._index)
        if self._state is None:  # no state to update from: every stored part says its ids
            ids: set[str] = set()
            for story in self._index.stored:
                part = self.load(story)
                ids.update(g.id for g in part.groups) if part else None
            self._state = _State(self._index.token, StoryIndex.view(_stories(self._index)), ids)
        return self._state.group_ids

    def full_stories(self) -> StoryIndex | None:
        """The story index that can place new articles (the one loaded at first knows only the stories)."""
        self.group_ids()
        state = self._state
        return state.stories if state is not None and not state.stories.is_view else None

    def forget(self, story_id: str) -> None:
        self.forgotten.add(story_id)

    def append(self, analysis: Analysis) -> bool:
        """Write the parts of the stories redone in `analysis` at the end of the parts file (the index,
        written next, is what makes them count). False when the file cannot be written."""
        path = self._folder / f"parts-{self._index.token}"
        try:
            with path.open("ab") as out:
                offset = out.seek(0, io.SEEK_END)
                for story_id in sorted(self.forgotten):
                    self._index.stored.pop(story_id, None)
                    part = analysis.part(story_id) if analysis.stories.get(story_id) else None
                    if part is None:
                        continue
                    packed = pack(part)  # its ids are final: nothing to rename
                    entry = _record(out, offset, packed.data, {}, packed.n_claims)
                    self._index.stored[story_id] = entry
                    offset += entry[1] + entry[2]
                out.flush()
                os.fsync(out.fileno())
        except OSError:
            return False
        self.forgotten.clear()
        return True

    def _read(self, offset: int, length: int) -> bytes:
        if self._file is None:
            # kept open: a newer cache written meanwhile replaces the file, never this copy of it
            self._file = (self._folder / f"parts-{self._index.token}").open("rb")
        self._file.seek(offset)
        data = self._file.read(length)
        if len(data) != length:
            raise EOFError("parts file cut short")
        return data


def _record(out: BinaryIO | None, offset: int, data: bytes, renamed: dict[str, str], n_claims: int) -> _Stored:
    """Write one story's part and its renamed ids at `offset` (nowhere when `out` is None)."""
    extra = pickle.dumps(renamed, protocol=pickle.HIGHEST_PROTOCOL)
    if out is not None:
        out.write(data)
        out.write(extra)
    return (offset, len(data), len(extra), zlib.crc32(extra, zlib.crc32(data)), n_claims)


def _story_rows(index: StoryIndex) -> dict[str, _Row]:
    return {row[0]: row for row in _rows(index.stories())}


def _rows(stories: list[Story]) -> list[_Row]:
    return [(s.id, s.title, s.article_ids, s.outlets, s.first_published, s.last_published) for s in stories]


def _stories(index: _Index) -> list[Story]:
    return [Story(*row) for row in index.stories.values()]


@contextlib.contextmanager
def _open_new(path: Path) -> Any:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        out = path.open("wb")
    except OSError:
        yield None  # cannot write: analysed anyway, kept in no file
        return
    with out:
        yield out
        out.flush()
        os.fsync(out.fileno())


def _save(folder: Path, index: _Index, state: _State) -> bool:
    """Index and state written whole (the index last: it makes them count), then the files of earlier
    states removed: no index points to them now. False when they could not be written."""
    keep = {_INDEX, _FRESH, f"parts-{index.token}", f"state-{index.journal}", f"journal-{index.journal}"}
    try:
        write_bytes_atomic(folder / f"state-{state.token}", pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        write_bytes_atomic(folder / _INDEX, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
    except OSError:
        return False
    with contextlib.suppress(OSError):
        for old in folder.iterdir():
            if old.name.startswith(("parts-", "state-", "journal-")) and old.name not in keep:
                with contextlib.suppress(OSError):
                    old.unlink()
    return True


def _read_index(folder: Path, key: dict[str, object]) -> _Index | None:
    """The index as written, with the journal's records since then applied."""
    index = _load(folder / _INDEX)
    if not isinstance(index, _Index) or index.key != key:
        return None
    index.changes, index.journal_size = _read_journal(folder / f"journal-{index.journal}")
    for change in index.changes:
        _apply(index, change)
    parts = folder / f"parts-{index.token}"
    try:
        size = parts.stat().st_size
    except OSError:
        return None
    if any(offset + length + extra > size for offset, length, extra, _, _ in index.stored.values()):
        return None
    return index


def _read_state(folder: Path, index: _Index) -> _State | None:
    """The state as written, with the journal's records since then done again."""
    state = _load(folder / f"state-{index.journal}")
    if not isinstance(state, _State) or state.token != index.journal:
        return None
    try:
        for change in index.changes:
            _place_again(state, change)
    except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return None
    return state


def _read_journal(path: Path) -> tuple[list[_Change], int]:
    """The journal's whole records, and the bytes they take: reading stops at the first record that is
    cut short or damaged (a write interrupted by a crash): it and whatever follows do not count."""
    try:
        data = path.read_bytes()
    except OSError:
        return [], 0
    changes: list[_Change] = []
    pos = 0
    while pos + _FRAME.size <= len(data):
        length, crc = _FRAME.unpack_from(data, pos)
        body = data[pos + _FRAME.size : pos + _FRAME.size + length]
        if len(body) != length or zlib.crc32(body) != crc:
            break
        try:
            change = _restricted(io.BytesIO(body)).load()
        except (pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
            break
        if not isinstance(change, _Change):
            break
        changes.append(change)
        pos += _FRAME.size + length
    return changes, pos


def _append_change(folder: Path, index: _Index, change: _Change) -> int | None:
    """Add a record at the end of the journal's whole records (a torn one left by a crash is cut off
    first); the journal's new size, or None when it cannot be written or another process wrote to it
    since this one read it (its record stays; this change is found again next run)."""
    data = pickle.dumps(change, protocol=pickle.HIGHEST_PROTOCOL)
    path = folder / f"journal-{index.journal}"
    try:
        with path.open("ab") as out:
            _lock(out)
            end = out.seek(0, io.SEEK_END)
            if end != index.journal_size:
                if _read_journal(path)[1] != index.journal_size:
                    return None
                out.truncate(index.journal_size)
            out.write(_FRAME.pack(len(data), zlib.crc32(data)) + data)
            out.flush()
            os.fsync(out.fileno())
            return index.journal_size + _FRAME.size + len(data)
    except OSError:
        return None


def _lock(file: BinaryIO) -> None:
    """One writer at a time (released when the file is closed); where there is no flock, none."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    fcntl.flock(file.fileno(), fcntl.LOCK_EX)


def _load(path: Path) -> object:
    try:
        with path.open("rb") as f:
            return _restricted(f).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError, KeyError):
        return None


_ALLOWED = PLAIN_TYPES | {
    ("collections", "Counter"),
    ("datetime", "date"),
    ("tui.corpus.stories", "Story"),
    ("tui.corpus.analysis_cache", "_Index"),
    ("tui.corpus.analysis_cache", "_State"),
    ("tui.corpus.analysis_cache", "_Change"),
}


def _restricted(file: BinaryIO) -> RestrictedUnpickler:
    return RestrictedUnpickler(file, _ALLOWED, "the analysis cache")
