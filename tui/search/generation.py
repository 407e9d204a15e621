"""One index generation on disk: the Whoosh index, manifest.txt (the Whoosh generation it describes,
each file's size, stamp and checksum, a content hash per article) and words.txt; checked on every
open, by the writer before it trusts the folder and by a reader before it searches it.

manifest.txt is a checked header line `kursk-manifest 2 <crc of the rest>`, one JSON line, then one
`id<TAB>hash` line per article: at 100,000 articles writing it as one JSON document took ~100 ms of
every one-article update, the lines take ~20 ms. A manifest that fails its check (cut short,
overwritten) is never trusted: the article hashes then come from the index's stored fields, so an
update never indexes every article a second time."""

from __future__ import annotations

import json
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import write_text_atomic
from . import integrity
from .errors import IndexDamaged
from .integrity import FileRecord
from .vocabulary import FILE as WORDS_FILE
from .vocabulary import Vocabulary
from .whoosh_adapter import index as whoosh_index

MANIFEST = "manifest.txt"
_MAGIC = "kursk-manifest 2 "


@dataclass
class Manifest:
    generation: int  # the Whoosh generation (table of contents) the files and hashes describe
    files: dict[str, FileRecord]
    hashes: dict[str, str] = field(default_factory=dict)  # article id -> content hash


@dataclass
class Opened:
    """A generation a writer may update: its index, what it holds, and whether the manifest on disk
    describes it (else the next write replaces the manifest even when no article changed)."""

    folder: Path
    ix: Any  # whoosh FileIndex
    hashes: dict[str, str]
    vocabulary: Vocabulary
    files: dict[str, FileRecord]
    trusted: bool


def _index_files(folder: Path) -> list[str]:
    return sorted(
        p.name
        for p in folder.iterdir()
        if p.is_file() and p.name != MANIFEST and not p.name.startswith(".") and not p.name.endswith(("_LOCK", ".lock"))
    )


def write_manifest(folder: Path, ix: Any, hashes: dict[str, str], previous: dict[str, FileRecord]) -> Manifest:
    manifest = Manifest(ix.latest_generation(), integrity.record(folder, _index_files(folder), previous), hashes)
    head = {"generation": manifest.generation, "files": {n: r.to_json() for n, r in manifest.files.items()}}
    rows = "\n".join(map("\t".join, hashes.items())) + "\n" if hashes else ""
    if rows.count("\t") != len(hashes) or rows.count("\n") != len(hashes) or rows[:1] == '"' or '\n"' in rows:
        rows = "".join([f"{_safe_id(i)}\t{h}\n" for i, h in hashes.items()])  # an id needing quotes
    body = json.dumps(head, separators=(",", ":")) + "\n" + rows
    crc = zlib.crc32(body.encode("utf-8", "surrogatepass"))
    write_text_atomic(folder / MANIFEST, f"{_MAGIC}{crc:08x}\n{body}")
    return manifest


def _safe_id(article_id: str) -> str:
    """Corpus ids never hold a tab or a line break; anything else given to the index is quoted."""
    return json.dumps(article_id) if article_id[:1] == '"' or "\t" in article_id or "\n" in article_id else article_id


def read_manifest(folder: Path, with_hashes: bool = True) -> Manifest:
    """Raises OSError when it cannot be read, IndexDamaged when it fails its check or is malformed.
    Without hashes (a reader needs only the files) the 100,000 rows are checked but not parsed."""
    data = (folder / MANIFEST).read_bytes()
    first, _, body = data.partition(b"\n")
    if not first.startswith(_MAGIC.encode()) or first[len(_MAGIC) :] != b"%08x" % zlib.crc32(body):
        raise IndexDamaged("its manifest does not match its checksum")
    try:
        head, _, rest = body.decode("utf-8", "surrogatepass").partition("\n")
        rows = rest.splitlines() if with_hashes else []
        parsed = json.loads(head)
        generation, files = parsed["generation"], parsed["files"]
        if type(generation) is not int or not isinstance(files, dict):
            raise ValueError("malformed head")
        pairs = (row.rsplit("\t", 1) for row in rows)
        hashes = {json.loads(i) if i[:1] == '"' else i: h for i, h in pairs}
        return Manifest(generation, {str(n): FileRecord.from_json(r) for n, r in files.items()}, hashes)
    except (ValueError, KeyError, TypeError, RecursionError) as e:
        raise IndexDamaged(f"its manifest is malformed ({type(e).__name__})") from e


@dataclass
class WriterState:
    """What the last update in this process left: reused when the files on disk have not changed
    since, so the UI's update after one edit does not re-read a manifest and word list of 100k."""

    folder: str
    signature: tuple[tuple[int, int], ...]
    manifest: Manifest
    vocabulary: Vocabulary


def signature(folder: Path) -> tuple[tuple[int, int], ...]:
    try:
        return tuple((s.st_mtime_ns, s.st_size) for s in ((folder / MANIFEST).stat(), (folder / WORDS_FILE).stat()))
    except OSError:
        return ()


def checked_manifest(folder: Path, cached: WriterState | None = None, with_hashes: bool = True) -> Manifest | None:
    """The folder's manifest once every file it lists that is still there matches its checksum;
    None when there is no trustworthy manifest (files then cannot be checked). IndexDamaged when
    a file does not match."""
    on_disk = signature(folder)
    if cached and on_disk and (cached.folder, cached.signature) == (folder.name, on_disk):
        manifest: Manifest | None = cached.manifest
    else:
        try:
            manifest = read_manifest(folder, with_hashes)
        except (OSError, IndexDamaged):
            manifest = None
    if manifest is None:
        return None
    return manifest if verify_generation(folder, manifest) else None


def verify_generation(folder: Path, manifest: Manifest, deep: bool = False) -> bool:
    """True when every file the manifest lists matches it; False when it cannot tell because a
    writer has committed a newer generation since the manifest was written (it replaces the word
    list and removes merged segments, then writes its manifest); IndexDamaged otherwise."""
    try:
        missing = integrity.verify(folder, manifest.files, deep=deep)
    except IndexDamaged:
        if _newer_toc(folder, manifest.generation):
            return False
        raise
    if missing:
        if _newer_toc(folder, manifest.generation):
            return False
        raise IndexDamaged(f"{missing[0]} is missing")  # gone, yet no newer generation replaced it
    return True


def _newer_toc(folder: Path, generation: int) -> bool:
    for p in folder.glob("_MAIN_*.toc"):
        number = p.name[len("_MAIN_") : -len(".toc")]
        if number.isdigit() and int(number) > generation:
            return True
    return False


def open_index(folder: Path) -> Any:
    """Whoosh's index in the folder; IndexDamaged when Whoosh cannot read it."""
    try:
        return whoosh_index.open_dir(str(folder))
    except Exception as e:  # any failure to parse our own files is damage, never a crash
        raise IndexDamaged(_reason(e)) from e


def _reason(e: BaseException) -> str:
    if isinstance(e, FileNotFoundError):
        return f"{Path(e.filename or '?').name} is missing"
    return f"{type(e).__name__}: {e}".splitlines()[0][:120]


def open_checked(folder: Path, cached: WriterState | None) -> Opened:
    """A generation checked for a writer, or IndexDamaged saying why not."""
    manifest = checked_manifest(folder, cached)
    ix = open_index(folder)
    try:
        if manifest is not None and manifest.generation == ix.latest_generation():
            vocabulary = cached.vocabulary if cached and cached.manifest is manifest else _vocabulary(folder)
            return Opened(folder, ix, dict(manifest.hashes), vocabulary, manifest.files, trusted=True)
        # No manifest for this generation (a writer died before writing it, or it was damaged):
        # the index's stored fields say which articles it holds.
        files = manifest.files if manifest is not None else {}
        return Opened(folder, ix, _hashes_from_index(ix), _vocabulary(folder), files, trusted=False)
    except BaseException:
        ix.close()
        raise


def _vocabulary(folder: Path) -> Vocabulary:
    try:
        return Vocabulary.load(folder)
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise IndexDamaged(f"its word list is unreadable ({type(e).__name__})") from e


def _hashes_from_index(ix: Any) -> dict[str, str]:
    try:
        with ix.reader() as reader:
            return {f["id"]: f.get("hash", "") for f in reader.all_stored_fields()}
    except Exception as e:
        raise IndexDamaged(f"{type(e).__name__} while reading it") from e
