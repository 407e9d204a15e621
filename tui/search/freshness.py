"""The content hash of every article file without reading every file: each file's stat stamp (mtime,
ctime, size, inode) is remembered with the content hash worked out from it (`stamps.txt` beside
CURRENT in the index folder). A file whose stamp is unchanged has the hash remembered; only the others
are read and hashed again, one at a time (never the whole corpus in memory). At 100,000 articles the
check is a directory scan and a stat per file (~1 s) instead of parsing 100,000 YAML files (~60 s of
CPU and gigabytes).

The file is a cache: it says what a file's content hashed to, not what the index holds, so it stays
valid whatever happens to the index; a file of another extractor version (part of the content hash),
cut short or edited (a CRC-32 covers it) is ignored, and everything is hashed again. A stamp is taken
before its file is read: a file rewritten meanwhile has another stamp next time."""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import zlib
from collections.abc import Callable, Collection, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_text_atomic
from ..corpus.code_version import figures_version
from ..corpus.ids import is_valid_id
from ..corpus.model import Article
from ..corpus.store import SUFFIX, Corpus, CorpusError
from .errors import IndexDamaged
from .generation import MANIFEST, open_index, read_manifest, verify_generation
from .lock import LOCK_NAME

FILE = "stamps.txt"
_MAGIC = "kursk-stamps 1 "
KEPT_LOADED = 2000  # articles read for their hash and kept for indexing; past that they are read again

Stamp = tuple[int, int, int, int]  # mtime_ns, ctime_ns, size, inode
Progress = Callable[[int, int], None]


@dataclass
class Hashed:
    """The corpus folder as it is now: each article's content hash (its file: folder / id.yaml)."""

    hashes: dict[str, str]  # article id -> content hash, in the scan's order
    folder: Path
    read: int  # files read and hashed (their stamp had changed or was not known)
    kept: dict[str, Article]  # the articles read, while few: indexing them needs no second read


def hashed_corpus(
    corpus_dir: Path, index_dir: Path, content_hash: Callable[[Article], str], progress: Progress | None = None
) -> Hashed:
    """Every readable article's content hash: remembered when its file's stamp is unchanged, else the file
    read and hashed (a malformed file is left out, as Corpus.load_all leaves it out). The stamps are
    written back when any changed."""
    corpus = Corpus(corpus_dir)
    entries, _bad_names = corpus.scan()
    known = read_stamps(index_dir)
    stamps: dict[str, tuple[Stamp, str]] = {}
    hashes: dict[str, str] = {}
    kept: dict[str, Article] = {}
    todo = []
    for entry in entries:  # in the scan's order (by name), which the stamps and the manifest keep
        stamp = _stamp(entry)
        if stamp is None:
            continue
        article_id = entry.name[: -len(SUFFIX)]
        remembered = known.get(entry.name)
        if remembered is not None and remembered[0] == stamp:
            stamps[entry.name] = remembered
            hashes[article_id] = remembered[1]
        else:
            stamps[entry.name], hashes[article_id] = (stamp, ""), ""  # its place kept: filled below
            todo.append((entry, stamp, article_id))
    for done, (entry, stamp, article_id) in enumerate(todo, 1):
        try:
            article = corpus.load_path(Path(entry.path))
        except CorpusError:
            del hashes[article_id], stamps[entry.name]
            continue
        hashes[article_id] = digest = content_hash(article)
        stamps[entry.name] = (stamp, digest)
        if len(kept) < KEPT_LOADED:
            kept[article_id] = article
        if progress is not None and (done % 500 == 0 or done == len(todo)):
            progress(done, len(todo))
    if stamps != known or list(stamps) != list(known):  # also an older file out of order: up_to_date streams
        write_stamps(index_dir, stamps)
    return Hashed(hashes, corpus.root, len(todo), kept)


class FileArticles(Mapping[str, Article]):
    """Article id -> Article, each read from its file when asked for (the few already read are kept): what
    an index update indexes, without the corpus in memory."""

    def __init__(self, hashed: Hashed, ids: list[str] | None = None) -> None:
        self._hashed = hashed
        self._ids: Collection[str] = hashed.hashes if ids is None else ids  # not copied: 100,000 ids
        self._corpus = Corpus(hashed.folder)

    def __getitem__(self, article_id: str) -> Article:
        kept = self._hashed.kept.get(article_id)
        if kept is not None:
            return kept
        if article_id not in self._hashed.hashes:
            raise KeyError(article_id)
        return self._corpus.load_path(self._hashed.folder / f"{article_id}{SUFFIX}")

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)


def up_to_date(corpus_dir: Path, index_dir: Path, generation: Path) -> int | None:
    """The number of articles when nothing needs indexing: every article file's stamp is the one
    remembered and every remembered hash is the one the generation's manifest holds, its files intact
    and its manifest of the latest Whoosh generation. None when any of it differs or cannot be told.

    Compared as the three are read, in the scan's order (by name) that the stamps and the manifest keep,
    so no dict of 100,000 entries is built: the launch of a reader over an unchanged corpus peaks barely
    above what it settles at. A manifest in another order (articles added by `ingest` go last) is sorted."""
    stamps = _stamps_body(index_dir)
    rows = _manifest_rows(generation)
    if stamps is None or rows is None:
        return None
    names = _article_names(corpus_dir)
    if names is None or not _stamps_match(corpus_dir, names, _lines(stamps)):
        return None
    del names
    if not _hashes_match(_lines(stamps), _lines(rows)):
        by_name = sorted(_lines(rows), key=lambda row: row[: row.find(b"\t")] + SUFFIX.encode())
        if not _hashes_match(_lines(stamps), iter(by_name)):
            return None
    return stamps.count(b"\n")


def writer_active(index_dir: Path) -> bool:
    """Whether a writer holds the index's lock (its update then defers, as it says): told by a shared
    lock tried and dropped at once on a read-only handle, so no writer is held up and nothing is written.
    Where that cannot be told (Windows) True: the update goes the usual way."""
    if sys.platform == "win32":
        return True
    import fcntl

    try:
        fd = os.open(index_dir / LOCK_NAME, os.O_RDONLY)
    except FileNotFoundError:
        return False
    except OSError:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)  # dropped by the close below
    except OSError:
        return True
    finally:
        os.close(fd)
    return False


def _article_names(corpus_dir: Path) -> list[str] | None:
    """The names Corpus.scan() lists, sorted, as bare strings: its DirEntry objects take 3.4x the memory."""
    try:
        names = os.listdir(corpus_dir)
    except OSError:
        return None
    return sorted(n for n in names if n.endswith(SUFFIX) and not n.startswith(".") and is_valid_id(n[: -len(SUFFIX)]))


def _stamps_match(corpus_dir: Path, names: list[str], rows: Iterator[bytes]) -> bool:
    """Each file's stamp against its row; a file that is not a regular one (scan() leaves it out) fails."""
    for name in names:
        row = next(rows, b"")
        try:
            st = os.stat(os.path.join(corpus_dir, name))
        except OSError:
            return False
        stamp = (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
        if not stat.S_ISREG(st.st_mode) or not row.startswith(b"%s\t%d\t%d\t%d\t%d\t" % (name.encode(), *stamp)):
            return False
    return next(rows, None) is None


def _hashes_match(stamp_rows: Iterator[bytes], manifest_rows: Iterator[bytes]) -> bool:
    """name<TAB>stamp<TAB>digest against id<TAB>hash, row by row."""
    for row in stamp_rows:
        name, digest = row[: row.find(b"\t")], row[row.rfind(b"\t") + 1 :]
        if not name.endswith(SUFFIX.encode()) or next(manifest_rows, b"") != name[: -len(SUFFIX)] + b"\t" + digest:
            return False
    return next(manifest_rows, None) is None


def _manifest_rows(generation: Path) -> bytes | None:
    """The manifest's id<TAB>hash lines when the generation is intact and the manifest describes it."""
    try:
        manifest = read_manifest(generation, with_hashes=False)
        if not verify_generation(generation, manifest):
            return None
        ix = open_index(generation)
        latest = ix.latest_generation()
        ix.close()
        data = (generation / MANIFEST).read_bytes()
    except (OSError, IndexDamaged):
        return None
    first, _, body = data.partition(b"\n")
    if latest != manifest.generation or first[-8:] != b"%08x" % zlib.crc32(body):
        return None  # not the latest generation, or replaced since it was checked
    return body.partition(b"\n")[2]


def _lines(data: bytes) -> Iterator[bytes]:
    """One line at a time, never a list of them all."""
    start, end = 0, len(data)
    while start < end:
        stop = data.find(b"\n", start)
        stop = end if stop < 0 else stop
        yield data[start:stop]
        start = stop + 1


def _stamps_body(index_dir: Path) -> bytes | None:
    """The stamps file's rows when it is of this extractor and passes its check."""
    try:
        data = (index_dir / FILE).read_bytes()
    except OSError:
        return None
    first, _, body = data.partition(b"\n")
    head = f"{_MAGIC}{figures_version()} ".encode()
    if not first.startswith(head) or first[len(head) :] != b"%08x" % zlib.crc32(body):
        return None  # another extractor's hashes, cut short, or edited
    return body


def read_stamps(index_dir: Path) -> dict[str, tuple[Stamp, str]]:
    """File name -> (stamp, content hash); empty when there is no file or it cannot be trusted."""
    body = _stamps_body(index_dir)
    if body is None:
        return {}
    found: dict[str, tuple[Stamp, str]] = {}
    try:
        for row in body.decode("utf-8").splitlines():
            name, mtime, ctime, size, inode, digest = row.split("\t")
            found[name] = ((int(mtime), int(ctime), int(size), int(inode)), digest)
    except ValueError:
        return {}
    return found


def write_stamps(index_dir: Path, stamps: dict[str, tuple[Stamp, str]]) -> None:
    """Best effort: a folder that cannot be written costs a re-read next time, nothing else."""
    body = "".join([f"{name}\t{s[0]}\t{s[1]}\t{s[2]}\t{s[3]}\t{digest}\n" for name, (s, digest) in stamps.items()])
    crc = zlib.crc32(body.encode("utf-8"))
    with contextlib.suppress(OSError):
        write_text_atomic(index_dir / FILE, f"{_MAGIC}{figures_version()} {crc:08x}\n{body}")


def _stamp(entry: os.DirEntry[str]) -> Stamp | None:
    try:
        st = os.stat(entry.path)  # not entry.stat(): each entry would keep its stat_result (~70 MB at 100,000)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_ctime_ns, st.st_size, st.st_ino)
