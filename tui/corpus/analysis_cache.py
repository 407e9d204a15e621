"""The analysis of a corpus (stories, figure groups, claims) kept on disk, so it is found once.

Keyed by each article's content (a hash of what the analysis reads of it) and by the fingerprint of the
code that derives it (code_version.analysis_version): an unchanged corpus loads its stories at once and
each story's figures, groups and claims only when asked for; a few changed, added or removed articles
redo only their stories; many, or a new version of the code, redo everything (on every core).

Files, in the user cache beside the article list's (never a name taken from an article):
  index.pickle        what is stored for what: code fingerprint, corpus folder, each article's hash, the
                      stories, where each story's part lies in the parts file. Written last, atomically:
                      the index is what makes a new state of the cache count.
  state-<token>       what placing new articles needs (the story index with its term weights, every group id);
                      read only when something changed.
  parts-<token>       each story's part, packed, appended one after another.
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
import zlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from ..atomic import write_bytes_atomic
from ..paths import catalog_file
from .claims import Analysis, build_claims
from .code_version import analysis_version
from .model import Article
from .stories import Story, StoryIndex, build_stories
from .story_analysis import (
    PLAIN_TYPES,
    RestrictedUnpickler,
    StoryPart,
    analyse_stories,
    pack,
    rename_groups,
    settle_ids,
    story_work,
    terms_on_cores,
    unpack,
)

LAYOUT = 1  # the cache files' own layout
INCREMENTAL_UP_TO = 0.05  # changed articles, as a share of the corpus, redone story by story; beyond, all again
_INDEX = "index.pickle"


# Where a story's part lies in the parts file: (offset, length of the packed part, length of its renamed
# ids after it, crc32 of both, number of claims). A tuple: 100,000 of them load in milliseconds.
_Stored = tuple[int, int, int, int, int]


@dataclass
class _Index:
    key: dict[str, object]
    token: str  # names the state and parts files this index goes with
    hashes: dict[str, bytes]  # article id -> content hash
    stories: list[tuple[str, str, list[str], list[str], str | None, str | None]]  # Story fields
    stored: dict[str, _Stored]
    warnings: list[str]


@dataclass
class _State:
    token: str
    stories: StoryIndex
    group_ids: set[str]


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
) -> Analysis:
    """The analysis of `articles` (the corpus in `corpus_dir`, in corpus order), from the cache when it
    has it, brought up to date and saved. `workers`: processes for a full analysis (None: every core).
    `changed`: when the caller knows which articles may have changed since the last call (one it just
    ingested), only those and articles the cache does not know are read again; the others are trusted.
    The Analysis loads a story's figures, groups and claims when first asked for (`part`, `story_claims`,
    `figures_of`); `figures`, `groups` and `claims` load them all. Call it with the garbage collector
    paused (commands/common.paused_gc): it builds millions of objects and no cycles."""
    folder = cache_dir if cache_dir is not None else cache_folder(corpus_dir)
    key = {"layout": LAYOUT, "code": analysis_version(), "root": str(Path(corpus_dir).resolve())}
    index = _read_index(folder, key)
    if index is not None and changed is not None:
        suspect = set(changed)
        old = index.hashes
        hashes = {a.id: content_hash(a) if a.id in suspect or a.id not in old else old[a.id] for a in articles}
    else:
        hashes = {a.id: content_hash(a) for a in articles}
    if index is not None:
        edited = [a for a in articles if index.hashes.get(a.id) != hashes[a.id]]
        removed = [a for a in index.hashes if a not in hashes]
        if not edited and not removed:
            return _loaded(folder, index, articles)
        if len(edited) + len(removed) <= max(1, INCREMENTAL_UP_TO * len(articles)):
            updated = _update(folder, index, articles, hashes, edited, removed)
            if updated is not None:
                return updated
    return _analyse_all(folder, key, articles, hashes, workers)


def content_hash(article: Article) -> bytes:
    """What the analysis reads of an article: a change anywhere else (its url, its removals) keeps it."""
    head = repr((article.id, article.title, article.outlet, article.published, article.wire))
    digest = hashlib.blake2b(head.encode("utf-8", "surrogatepass"), digest_size=16)
    digest.update("\0".join([p.text for p in article.paragraphs]).encode("utf-8", "surrogatepass"))
    digest.update(array.array("q", [x for s in article.sentences for x in (s.start, s.end)]).tobytes())
    return digest.digest()


# -- everything again -----------------------------------------------------------------------------


def _analyse_all(
    folder: Path, key: dict[str, object], articles: Sequence[Article], hashes: dict[str, bytes], workers: int | None
) -> Analysis:
    stories = build_stories(articles, terms_on_cores(articles, workers))
    token = secrets.token_hex(8)
    stored: dict[str, _Stored] = {}
    taken: set[str] = set()
    warnings: list[str] = []
    parts_path = folder / f"parts-{token}"
    with _open_new(parts_path) as out:
        offset = 0
        for item in analyse_stories(story_work(articles, stories, None), build_claims, workers):
            if isinstance(item, StoryPart):
                item = pack(item)
            warnings.extend(item.warnings)
            renamed = settle_ids(item.story, item.group_ids, taken)
            stored[item.story] = _record(out, offset, item.data, renamed, item.n_claims)
            offset += stored[item.story][1] + stored[item.story][2]
    index = _Index(key, token, dict(hashes), _story_rows(stories), stored, warnings)
    state = _State(token, stories, taken)
    if out is None:  # nothing stored: this analysis keeps what placing new articles needs
        articles_by_id = {a.id: a for a in articles}
        return Analysis(
            stories=stories, articles=articles_by_id, warnings=warnings, stored=_Store(folder, index, state)
        )
    _save(folder, index, state, True)
    return _loaded(folder, index, articles)


def _loaded(folder: Path, index: _Index, articles: Sequence[Article]) -> Analysis:
    """The analysis as stored: the stories, and each story's part when asked for. What placing new articles
    needs (terms, postings, every group id) stays on disk until an article is added: a reader keeps little."""
    return Analysis(
        stories=StoryIndex.view(_stories(index)),
        articles={a.id: a for a in articles},
        warnings=list(index.warnings),
        stored=_Store(folder, index),
    )


# -- a few articles changed ----------------------------------------------------------------------


def _update(
    folder: Path,
    index: _Index,
    articles: Sequence[Article],
    hashes: dict[str, bytes],
    changed: list[Article],
    removed: list[str],
) -> Analysis | None:
    """The cached analysis with `changed` placed again and `removed` taken out, their stories redone;
    None when the cache cannot be updated (its state file is missing or damaged)."""
    state = _read_state(folder, index.token)
    if state is None:
        return None
    store = _Store(folder, index, state)
    analysis = Analysis(
        stories=state.stories, articles={a.id: a for a in articles}, warnings=list(index.warnings), stored=store
    )
    for article_id in removed:
        analysis.remove_article(article_id)
    for article in changed:
        analysis.add_article(article)
    if not store.append(analysis):
        return analysis
    index.hashes = dict(hashes)
    index.stories = _story_rows(analysis.stories)
    _save(folder, index, _State(index.token, analysis.stories, store.group_ids()), True)
    return _loaded(folder, index, articles)


# -- reading and writing --------------------------------------------------------------------------


class _Store:
    """The stored parts of an Analysis: loaded one story at a time, checked, renamed as the corpus needs."""

    def __init__(self, folder: Path, index: _Index, state: _State | None = None) -> None:
        self._folder = folder
        self._index = index
        self._state = state
        self._file: BinaryIO | None = None
        self.forgotten: set[str] = set()

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
            self._state = _read_state(self._folder, self._index.token)
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


def _story_rows(index: StoryIndex) -> list[tuple[str, str, list[str], list[str], str | None, str | None]]:
    return [(s.id, s.title, s.article_ids, s.outlets, s.first_published, s.last_published) for s in index.stories()]


def _stories(index: _Index) -> list[Story]:
    return [Story(*row) for row in index.stories]


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


def _save(folder: Path, index: _Index, state: _State, parts_written: bool) -> None:
    if not parts_written:
        return
    with contextlib.suppress(OSError):
        write_bytes_atomic(folder / f"state-{state.token}", pickle.dumps(state, protocol=pickle.HIGHEST_PROTOCOL))
        write_bytes_atomic(folder / _INDEX, pickle.dumps(index, protocol=pickle.HIGHEST_PROTOCOL))
        for old in folder.iterdir():  # the files of earlier tokens: no index points to them now
            if old.name.startswith(("parts-", "state-")) and not old.name.endswith(index.token):
                with contextlib.suppress(OSError):
                    old.unlink()


def _read_index(folder: Path, key: dict[str, object]) -> _Index | None:
    index = _load(folder / _INDEX)
    if not isinstance(index, _Index) or index.key != key:
        return None
    parts = folder / f"parts-{index.token}"
    try:
        size = parts.stat().st_size
    except OSError:
        return None
    if any(offset + length + extra > size for offset, length, extra, _, _ in index.stored.values()):
        return None
    return index


def _read_state(folder: Path, token: str) -> _State | None:
    state = _load(folder / f"state-{token}")
    return state if isinstance(state, _State) and state.token == token else None


def _load(path: Path) -> object:
    try:
        with path.open("rb") as f:
            return _restricted(f).load()
    except (OSError, pickle.UnpicklingError, EOFError, ValueError, TypeError, AttributeError, IndexError):
        return None


_ALLOWED = PLAIN_TYPES | {
    ("collections", "Counter"),
    ("datetime", "date"),
    ("tui.corpus.stories", "Story"),
    ("tui.corpus.stories", "StoryIndex"),
    ("tui.corpus.stories", "_Member"),
    ("tui.corpus.analysis_cache", "_Index"),
    ("tui.corpus.analysis_cache", "_State"),
}


def _restricted(file: BinaryIO) -> RestrictedUnpickler:
    return RestrictedUnpickler(file, _ALLOWED, "the analysis cache")
