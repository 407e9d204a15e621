"""The article list without parsing every file.

A JSON cache (in the user cache folder, see paths.catalog_file) holds each article file's summary,
keyed by the file's (mtime, size, inode) and, for the whole cache, by the fingerprint of the code
that derives summaries (the figure extractor: see code_version). Only new or changed files are
parsed; a missing, corrupt or stale cache is rebuilt; it is rewritten only when something changed,
and a cache that cannot be written only costs speed next time."""

from __future__ import annotations

import contextlib
import json
import os
import types
import typing
from collections.abc import Callable, Iterator
from dataclasses import fields
from pathlib import Path

from ..atomic import write_bytes_atomic
from .code_version import figures_version
from .figures import extract_figures
from .model import Article, ArticleSummary
from .store import Corpus, CorpusError, LoadProblem, problem_text
from .worker_pool import worker_pool

CATALOG_VERSION = 4  # the cache file's own layout

# [mtime_ns, size, inode, summary field values | problem message]
Record = list[object]


def summarize(article: Article) -> ArticleSummary:
    """What the article list shows of one article (its figure count needs the extractor)."""
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
        n_sentences=len(article.sentences),
        n_words=article.n_words,
        n_figures=len(extract_figures(article)),
        wire=article.wire,
        n_sources=max(len(article.sources), 1),
    )


# Below this many unlisted files, starting worker processes costs more than it saves.
PARALLEL_FROM = 2000
CHUNK = 500  # files a worker parses per task; the cache is written after every few chunks

Progress = Callable[[int, int], None]


def load_catalog(
    corpus: Corpus, progress: Progress | None = None, workers: int | None = None
) -> tuple[list[ArticleSummary], list[LoadProblem]]:
    """Summaries of every article (sorted by id) and the files that could not be read.

    Files the cache does not know yet are parsed on every core when there are many of them (a cold
    100,000-article corpus), and the cache is written as it goes, so a listing that is interrupted
    resumes where it stopped. `progress(done, total)` is called as files are parsed."""
    entries, problems = corpus.scan()
    cached = _read(corpus)
    records: dict[str, Record] = {}
    todo: list[os.DirEntry[str]] = []
    for entry in entries:
        previous = cached.get(entry.name)
        stat = _stat(entry)
        if previous is not None and stat is not None and previous[:3] == stat and _valid_payload(previous[3]):
            records[entry.name] = previous
        else:
            todo.append(entry)
    changed = len(records) != len(cached) or bool(todo)
    written = len(records)
    for batch in _parse(corpus, todo, workers):
        records.update(batch)
        if progress is not None:
            progress(len(records), len(entries))
        if len(records) < len(entries) and len(records) - written >= max(CHUNK * 4, len(entries) // 10):
            _write(corpus, records)  # a partial cache: an interrupted cold listing resumes from here
            written = len(records)
    if changed:
        _write(corpus, records)
    summaries = []
    for entry in entries:
        payload = records[entry.name][3]
        if isinstance(payload, str):
            problems.append(LoadProblem(Path(entry.path), payload))
        else:
            summaries.append(ArticleSummary(*typing.cast(list[typing.Any], payload)))
    problems.sort(key=lambda p: p.path.name)
    return summaries, problems


def _parse(corpus: Corpus, todo: list[os.DirEntry[str]], workers: int | None) -> Iterator[dict[str, Record]]:
    """Records of the files in `todo`, a batch at a time: in this process for a few files, else on every core."""
    workers = workers if workers is not None else (os.cpu_count() or 1)
    names = [entry.name for entry in todo]
    if len(names) < PARALLEL_FROM or workers < 2:
        for start in range(0, len(names), CHUNK * 4):
            yield parse_records(corpus.root, names[start : start + CHUNK * 4])
        return
    chunks = [names[start : start + CHUNK] for start in range(0, len(names), CHUNK)]
    # spawn, not fork: the reader calls this from a worker thread, and forking a threaded process is unsafe
    with worker_pool(workers) as pool:
        yield from pool.map(parse_records, [corpus.root] * len(chunks), chunks)


def parse_records(root: Path, names: list[str]) -> dict[str, Record]:
    """[mtime_ns, size, inode, summary field values | problem message] of each named file in `root`."""
    corpus = Corpus(root, catalog_path=Path(os.devnull))
    records: dict[str, Record] = {}
    for name in names:
        path = root / name
        try:
            st = path.stat()
        except OSError as e:
            records[name] = [None, None, None, f"cannot read ({e.strerror or e})"]
            continue
        try:
            summary = summarize(corpus.load_path(path))
        except CorpusError as e:
            records[name] = [st.st_mtime_ns, st.st_size, st.st_ino, problem_text(e)]
            continue
        records[name] = [st.st_mtime_ns, st.st_size, st.st_ino, [getattr(summary, f) for f in _FIELD_NAMES]]
    return records


def _stat(entry: os.DirEntry[str]) -> list[object] | None:
    try:
        st = entry.stat()
    except OSError:
        return None
    return [st.st_mtime_ns, st.st_size, st.st_ino]


def _key(corpus: Corpus) -> dict[str, object]:
    """What the whole cache is valid for: its layout, the corpus folder and the extractor's code."""
    return {"version": CATALOG_VERSION, "root": str(corpus.root.resolve()), "figures": figures_version()}


def _read(corpus: Corpus) -> dict[str, Record]:
    try:
        doc = json.loads(corpus.catalog_path.read_bytes())
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(doc, dict) or not isinstance(doc.get("files"), dict):
        return {}
    if any(doc.get(name) != value for name, value in _key(corpus).items()):
        return {}
    return {name: r for name, r in doc["files"].items() if type(r) is list and len(r) == 4}


def _write(corpus: Corpus, files: dict[str, Record]) -> None:
    doc = {**_key(corpus), "files": files}
    with contextlib.suppress(OSError):
        write_bytes_atomic(corpus.catalog_path, json.dumps(doc, separators=(",", ":")).encode("ascii"))


def _allowed_types(annotation: object) -> tuple[type, ...]:
    """The JSON value types a summary field may hold: `str | None` -> (str, NoneType)."""
    hint = typing.get_type_hints(ArticleSummary)[annotation] if isinstance(annotation, str) else annotation
    members = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    return tuple(typing.cast(type, typing.get_origin(m) or m) for m in members)


_FIELD_NAMES = tuple(f.name for f in fields(ArticleSummary))
_FIELD_TYPES = tuple(_allowed_types(name) for name in _FIELD_NAMES)


def _valid_payload(payload: object) -> bool:
    """A problem message, or exactly the summary's field values with exactly the right types
    (a hand-edited or damaged cache is re-derived, never trusted)."""
    if isinstance(payload, str):
        return True
    if type(payload) is not list or len(payload) != len(_FIELD_TYPES):
        return False
    return all(type(value) in allowed for value, allowed in zip(payload, _FIELD_TYPES, strict=True))
