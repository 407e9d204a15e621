"""The article list without parsing every file.

A JSON cache (in the user cache folder, see paths.catalog_file) holds each article file's summary,
keyed by the file's (mtime, size, inode). Only new or changed files are read, and only their header
(the fields above the text, Corpus.load_header): a cold 100,000-article corpus lists in seconds. The
counts (sentences, words, figures) need the whole text and the figure extractor, so they are None
("not known yet") until a full read fills them: `fill_counts` (the CLI), or `record_counts` from the
corpus analysis, which reads every article anyway. Figure counts are valid for the extractor's code
that found them (code_version): after a change they are forgotten, the headers are kept. A missing,
corrupt or stale cache is rebuilt; it is rewritten only when something changed, and a cache that
cannot be written only costs speed next time."""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import time
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path

import orjson

from ..atomic import write_bytes_atomic
from .code_version import figures_version
from .model import Article, ArticleSummary
from .store import Corpus, CorpusError, LoadProblem, problem_text
from .worker_pool import worker_pool

CATALOG_VERSION = 5  # the cache file's own layout (5: counts may be null, not known yet)

# [mtime_ns, size, inode, summary field values | problem message]
Record = list[object]
Stat = list[object]  # [mtime_ns, size, inode]


def summarize(article: Article) -> ArticleSummary:
    """What the article list shows of one article, counts included (they need the text and the extractor)."""
    from .figures import extract_figures  # its word lists: only where figures are counted

    return _summary(article, len(article.sentences), article.n_words, len(extract_figures(article)))


def summarize_header(article: Article) -> ArticleSummary:
    """The summary of an article read without its text (Corpus.load_header): its counts are not known yet."""
    return _summary(article, None, None, None)


def _summary(article: Article, n_sentences: int | None, n_words: int | None, n_figures: int | None) -> ArticleSummary:
    return ArticleSummary(
        id=article.id,
        title=article.title,
        title_derived=article.title_derived,
        outlet=article.outlet,
        url=article.url,
        author=article.author,
        published=article.published,
        raw_file=article.raw_file,
        raw_sha256=article.raw_sha256,
        n_sentences=n_sentences,
        n_words=n_words,
        n_figures=n_figures,
        wire=article.wire,
        n_sources=max(len(article.sources), 1),
    )


@dataclass(frozen=True)
class Counts:
    """What a full read of one article adds to its header: the counts the list shows."""

    n_sentences: int
    n_words: int
    n_figures: int


def counts_of(article: Article, n_figures: int) -> Counts:
    return Counts(len(article.sentences), article.n_words, n_figures)


# Below this many unlisted files, starting worker processes costs more than it saves (a header takes
# ~50 µs to read, a worker ~0.5 s to start; a full read with figures takes ~2 ms).
PARALLEL_FROM = 20_000
PARALLEL_COUNTS_FROM = 500
CHUNK = 2000  # files a worker reads per task
WRITE_EVERY = 5.0  # seconds between partial writes of the cache (writing 100,000 records takes ~0.5 s)

Progress = Callable[[int, int], None]


def load_catalog(
    corpus: Corpus, progress: Progress | None = None, workers: int | None = None, counts: bool = False
) -> tuple[list[ArticleSummary], list[LoadProblem]]:
    """Summaries of every article (sorted by id) and the files that could not be read.

    Files the cache does not know yet have their header read (on every core when there are many: a cold
    100,000-article corpus), and the cache is written as it goes, so a listing that is interrupted resumes
    where it stopped. Their counts are None unless `counts`: then every article whose counts are not known
    is read whole (see fill_counts), and one whose text is damaged becomes a problem.
    `progress(done, total)` is called as files are read."""
    names, records, problems, _changed = _update(corpus, _read(corpus), progress, workers, counts)
    summaries, unreadable = _listing(corpus, names, records)
    return summaries, sorted(problems + unreadable, key=lambda p: p.path.name)


@dataclass(frozen=True)
class CachedListing:
    """The article list as the catalog cache last saw it, read without looking at the files."""

    summaries: list[ArticleSummary]  # sorted by id
    problems: list[LoadProblem]  # the files the cache remembers as unreadable
    records: dict[str, Record]  # as read: checking the folder starts from them


def cached_listing(corpus: Corpus) -> CachedListing | None:
    """The listing the cache holds (None: no cache), for a screen to show at once, before `check_listing`
    looks at the files: ~0.3 s at 100,000 articles, where checking them costs as much again."""
    records = _read(corpus)
    if not records:
        return None
    summaries, problems = _listing(corpus, sorted(records), records)
    return CachedListing(summaries, problems, records)


def check_listing(
    corpus: Corpus, cached: CachedListing, progress: Progress | None = None, workers: int | None = None
) -> tuple[list[ArticleSummary], list[LoadProblem]] | None:
    """The listing as the folder is now (what load_catalog gives), or None when it is the `cached` one:
    no file new, removed or changed since, and none misnamed."""
    names, records, problems, changed = _update(corpus, cached.records, progress, workers, False)
    if not changed and not problems:
        return None
    summaries, unreadable = _listing(corpus, names, records)
    return summaries, sorted(problems + unreadable, key=lambda p: p.path.name)


def _update(
    corpus: Corpus, cached: dict[str, Record], progress: Progress | None, workers: int | None, counts: bool
) -> tuple[list[str], dict[str, Record], list[LoadProblem], bool]:
    """Bring the `cached` records up to date with the folder, and the cache file with them: the article
    files' names (sorted), their records, the misnamed files, and whether any record changed."""
    entries, problems = corpus.scan()
    records: dict[str, Record] = {}
    todo: list[str] = []
    for entry in entries:
        previous = cached.get(entry.name)
        if previous is not None and previous[:3] == _stat(entry):  # the file is as it was when it was read
            records[entry.name] = previous
        else:
            todo.append(entry.name)
    changed = len(records) != len(cached) or bool(todo)
    if todo:
        _read_files(corpus, records, todo, parse_headers, len(entries), progress, workers, PARALLEL_FROM)
    written = changed
    if counts:
        uncounted = [name for name, r in records.items() if isinstance(r[3], list) and None in r[3][_COUNTS]]
        if uncounted:
            written = True
            _read_files(corpus, records, uncounted, parse_records, len(uncounted), progress, workers)
    if written:
        _write(corpus, records)
    return [entry.name for entry in entries], records, problems, changed


def _listing(
    corpus: Corpus, names: list[str], records: dict[str, Record]
) -> tuple[list[ArticleSummary], list[LoadProblem]]:
    """The summaries of the named files and the problems of those that could not be read, from their records."""
    summaries, problems = [], []
    for name in names:
        payload = records[name][3]
        if isinstance(payload, str):
            problems.append(LoadProblem(corpus.root / name, payload))
        else:
            summaries.append(ArticleSummary(*typing.cast(list[typing.Any], payload)))
    return summaries, problems


def fill_counts(corpus: Corpus) -> tuple[list[ArticleSummary], list[LoadProblem]]:
    """The listing with every count known: the articles not counted yet are read whole, on every core when
    there are many, and the counts cached (what `kursk-reader articles` shows)."""
    return load_catalog(corpus, counts=True)


Reader = Callable[[Path, list[str]], dict[str, Record]]


def _read_files(
    corpus: Corpus,
    records: dict[str, Record],
    names: list[str],
    reader: Reader,
    total: int,
    progress: Progress | None,
    workers: int | None,
    parallel_from: int = PARALLEL_COUNTS_FROM,
) -> None:
    """Read `names` with `reader` into `records`, writing the cache every WRITE_EVERY seconds."""
    done = total - len(names)
    written = time.monotonic()
    for batch in _batches(corpus.root, names, reader, workers, parallel_from):
        records.update(batch)
        done += len(batch)
        if progress is not None:
            progress(done, total)
        if done < total and time.monotonic() - written >= WRITE_EVERY:
            _write(corpus, records)  # a partial cache: an interrupted cold listing resumes from here
            written = time.monotonic()


def _batches(
    root: Path, names: list[str], reader: Reader, workers: int | None, parallel_from: int
) -> Iterator[dict[str, Record]]:
    """Records of the named files, a batch at a time: in this process for a few files, else on every core."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    if len(names) < parallel_from or workers < 2:
        for start in range(0, len(names), CHUNK):
            yield reader(root, names[start : start + CHUNK])
        return
    size = max(1, min(CHUNK, len(names) // (workers * 4)))  # several tasks per worker: progress moves
    chunks = [names[start : start + size] for start in range(0, len(names), size)]
    # spawn, not fork: the reader calls this from a worker thread, and forking a threaded process is unsafe
    with worker_pool(workers) as pool:
        yield from pool.map(reader, [root] * len(chunks), chunks)


def parse_headers(root: Path, names: list[str]) -> dict[str, Record]:
    """[mtime_ns, size, inode, summary field values | problem message] of each named file in `root`, from its
    header when it has the usual layout (counts None), else from a full read (counts known)."""
    corpus = Corpus(root, catalog_path=Path(os.devnull))

    def summary(path: Path) -> ArticleSummary:
        header = corpus.load_header(path)
        return summarize_header(header) if header is not None else summarize(corpus.load_path(path))

    return {name: _record(root / name, summary) for name in names}


def parse_records(root: Path, names: list[str]) -> dict[str, Record]:
    """Like parse_headers, but every file read whole: its counts are known."""
    corpus = Corpus(root, catalog_path=Path(os.devnull))
    return {name: _record(root / name, lambda path: summarize(corpus.load_path(path))) for name in names}


def _record(path: Path, summary: Callable[[Path], ArticleSummary]) -> Record:
    try:
        st = path.stat()
    except OSError as e:
        return [None, None, None, f"cannot read ({e.strerror or e})"]
    try:
        values = _values(summary(path))
    except CorpusError as e:
        return [st.st_mtime_ns, st.st_size, st.st_ino, problem_text(e)]
    return [st.st_mtime_ns, st.st_size, st.st_ino, values]


def _values(summary: ArticleSummary) -> list[object]:
    return [getattr(summary, f) for f in _FIELD_NAMES]


def file_stats(corpus: Corpus) -> dict[str, Stat]:
    """Each article file's [mtime_ns, size, inode] now: taken before the files are read for record_counts."""
    stats = {}
    for entry in corpus.scan()[0]:
        stat = _stat(entry)
        if stat is not None:
            stats[entry.name] = stat
    return stats


def record_counts(corpus: Corpus, seen: dict[str, Stat], counts: dict[str, Counts | str]) -> None:
    """Cache counts worked out elsewhere (the corpus analysis reads every article): file name -> Counts, or
    the problem that kept it from being read. Only for files still as they were when `seen` was taken, and
    as the catalog lists them; the others are read again when listed."""
    records = _read(corpus)
    changed = False
    for name, found in counts.items():
        record = records.get(name)
        if record is None or seen.get(name) != record[:3] or not isinstance(record[3], list):
            continue
        payload: object = found
        if not isinstance(found, str):
            values = list(record[3])
            values[_COUNTS] = [found.n_sentences, found.n_words, found.n_figures]
            payload = values
        if payload != record[3]:  # an unchanged corpus analysed again: the cache is not rewritten
            record[3] = payload
            changed = True
    if changed:
        _write(corpus, records)


def _stat(entry: os.DirEntry[str]) -> Stat | None:
    try:
        st = entry.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def _key(corpus: Corpus) -> dict[str, object]:
    """What the whole cache is valid for: its layout and the corpus folder."""
    return {"version": CATALOG_VERSION, "root": str(corpus.root.resolve())}


def _read(corpus: Corpus) -> dict[str, Record]:
    """The cached records that are well formed; figure counts of another extractor's code are forgotten."""
    try:
        data = corpus.catalog_path.read_bytes()
    except OSError:
        return {}
    try:  # 0.1 s for 100,000 records where json takes 0.3 s
        doc = orjson.loads(data)
    except orjson.JSONDecodeError:  # also what orjson refuses and json takes (a lone surrogate escaped)
        try:
            doc = json.loads(data)
        except (ValueError, RecursionError):
            return {}
    if not isinstance(doc, dict) or not isinstance(doc.get("files"), dict):
        return {}
    if any(doc.get(name) != value for name, value in _key(corpus).items()):
        return {}
    records = {name: r for name, r in doc["files"].items() if type(r) is list and len(r) == 4 and _valid_payload(r[3])}
    if doc.get("figures") != figures_version():
        for record in records.values():
            if isinstance(record[3], list):
                record[3][_FIGURES] = None
    return records


def _write(corpus: Corpus, files: dict[str, Record]) -> None:
    doc = {**_key(corpus), "figures": figures_version(), "files": files}
    try:  # 0.07 s for 100,000 records where json takes 0.6 s, holding the reader's GIL all along
        data = orjson.dumps(doc)
    except TypeError:  # what orjson refuses (a lone surrogate in a title): the slower encoder escapes it
        data = json.dumps(doc, separators=(",", ":")).encode("ascii")
    with contextlib.suppress(OSError):
        write_bytes_atomic(corpus.catalog_path, data)


def _allowed_types(annotation: object) -> tuple[type, ...]:
    """The JSON value types a summary field may hold: `str | None` -> (str, NoneType)."""
    hint = typing.get_type_hints(ArticleSummary)[annotation] if isinstance(annotation, str) else annotation
    members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    return tuple(typing.cast(type, typing.get_origin(m) or m) for m in members)


_FIELD_NAMES = tuple(f.name for f in fields(ArticleSummary))
_FIELD_TYPES = tuple(_allowed_types(name) for name in _FIELD_NAMES)
_COUNTS = slice(_FIELD_NAMES.index("n_sentences"), _FIELD_NAMES.index("n_figures") + 1)
_FIGURES = _FIELD_NAMES.index("n_figures")
assert _FIELD_NAMES[_COUNTS] == ("n_sentences", "n_words", "n_figures")


# Every sequence of value types a summary may have (str | None fields: either; 2^8 of them): checking a
# record is then one set lookup, not a loop (100,000 records at each launch).
_VALID_TYPES = frozenset(itertools.product(*_FIELD_TYPES))


def _valid_payload(payload: object) -> bool:
    """A problem message, or exactly the summary's field values with exactly the right types
    (a hand-edited or damaged cache is re-derived, never trusted)."""
    return type(payload) is str or (type(payload) is list and tuple(map(type, payload)) in _VALID_TYPES)
