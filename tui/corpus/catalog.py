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
from dataclasses import fields
from pathlib import Path

from ..atomic import write_bytes_atomic
from .code_version import figures_version
from .figures import extract_figures
from .model import Article, ArticleSummary
from .store import Corpus, CorpusError, LoadProblem, problem_text

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
    )


def load_catalog(corpus: Corpus) -> tuple[list[ArticleSummary], list[LoadProblem]]:
    """Summaries of every article (sorted by id) and the files that could not be read."""
    entries, problems = corpus.scan()
    cached = _read(corpus)
    fresh: dict[str, Record] = {}
    summaries = []
    changed = len(entries) != len(cached)
    for entry in entries:
        previous = cached.get(entry.name)
        record = _record(corpus, entry, previous)
        changed = changed or record is not previous
        fresh[entry.name] = record
        payload = record[3]
        if isinstance(payload, str):
            problems.append(LoadProblem(Path(entry.path), payload))
        else:
            summaries.append(ArticleSummary(*typing.cast(list[typing.Any], payload)))
    if changed:
        _write(corpus, fresh)
    problems.sort(key=lambda p: p.path.name)
    return summaries, problems


def _record(corpus: Corpus, entry: os.DirEntry[str], cached: Record | None) -> Record:
    try:
        st = entry.stat()
    except OSError as e:
        return [None, None, None, f"cannot read ({e.strerror or e})"]
    if cached is not None and cached[:3] == [st.st_mtime_ns, st.st_size, st.st_ino] and _valid_payload(cached[3]):
        return cached
    try:
        summary = summarize(corpus.load_path(Path(entry.path)))
    except CorpusError as e:
        return [st.st_mtime_ns, st.st_size, st.st_ino, problem_text(e)]
    return [st.st_mtime_ns, st.st_size, st.st_ino, [getattr(summary, name) for name in _FIELD_NAMES]]


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
    if isinstance(hint, types.UnionType):
        return tuple(typing.get_origin(arg) or arg for arg in typing.get_args(hint))
    return (typing.get_origin(hint) or hint,)


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
