"""One index generation on disk: the Whoosh index, manifest.txt (the Whoosh generation it
describes, file sizes, a content hash per article) and words.txt; checked before a writer trusts it.

manifest.txt is one JSON line, then one `id<TAB>hash` line per article: at 100,000 articles writing
it as one JSON document took ~100 ms of every one-article update, the lines take ~20 ms."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..atomic import write_text_atomic
from .vocabulary import FILE as WORDS_FILE
from .vocabulary import Vocabulary
from .whoosh_import import index as whoosh_index

MANIFEST = "manifest.txt"


class IndexDamaged(Exception):
    pass


def _index_files(folder: Path) -> dict[str, int]:
    return {
        p.name: p.stat().st_size
        for p in folder.iterdir()
        if p.is_file() and p.name != MANIFEST and not p.name.endswith((".lock", "_LOCK"))
    }


def write_manifest(folder: Path, ix, hashes: dict[str, str]) -> dict:
    head = {"generation": ix.latest_generation(), "files": _index_files(folder)}
    rows = "\n".join(map("\t".join, hashes.items())) + "\n" if hashes else ""
    if rows.count("\t") != len(hashes) or rows.count("\n") != len(hashes) or rows[:1] == '"' or '\n"' in rows:
        rows = "".join([f"{_safe_id(i)}\t{h}\n" for i, h in hashes.items()])  # an id needing quotes
    write_text_atomic(folder / MANIFEST, json.dumps(head, separators=(",", ":")) + "\n" + rows)
    return {**head, "hashes": hashes}


def _safe_id(article_id: str) -> str:
    """Corpus ids never hold a tab or a line break; anything else given to the index is quoted."""
    return json.dumps(article_id) if article_id[:1] == '"' or "\t" in article_id or "\n" in article_id else article_id


def read_manifest(folder: Path) -> dict:
    """Raises OSError or ValueError (a damaged or foreign file)."""
    head, *rows = (folder / MANIFEST).read_text(encoding="utf-8").splitlines()
    manifest = json.loads(head)
    pairs = (row.rsplit("\t", 1) for row in rows)
    manifest["hashes"] = {json.loads(i) if i[:1] == '"' else i: h for i, h in pairs}
    return manifest


@dataclass
class WriterState:
    """What the last update in this process left: reused when the files on disk have not changed
    since, so the UI's update after one edit does not re-read a manifest and word list of 100k."""

    folder: str
    signature: tuple
    manifest: dict
    vocabulary: Vocabulary


def signature(folder: Path) -> tuple:
    try:
        return tuple((s.st_mtime_ns, s.st_size) for s in ((folder / MANIFEST).stat(), (folder / WORDS_FILE).stat()))
    except OSError:
        return ()


def open_checked(folder: Path, cached: WriterState | None):
    """(folder, index, {id: hash}, vocabulary) of a readable index, or IndexDamaged saying why not."""
    try:
        ix = whoosh_index.open_dir(str(folder))
    except Exception as e:
        raise IndexDamaged(f"{type(e).__name__}: {e}".splitlines()[0][:120]) from e
    try:
        on_disk = signature(folder)
        if cached and on_disk and (cached.folder, cached.signature) == (folder.name, on_disk):
            manifest, vocabulary = cached.manifest, cached.vocabulary
        else:
            manifest, vocabulary = read_manifest(folder), None
        if manifest.get("generation") != ix.latest_generation():
            raise ValueError("stale manifest")
        for name, size in manifest["files"].items():
            if (folder / name).stat().st_size != size:
                raise IndexDamaged(f"{name} has changed size")
        return folder, ix, dict(manifest["hashes"]), vocabulary or _vocabulary_or_damaged(folder, ix)
    except IndexDamaged:
        ix.close()
        raise
    except FileNotFoundError as e:
        ix.close()
        raise IndexDamaged(f"{Path(e.filename or '?').name} is missing") from e
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        hashes = _hashes_from_index(ix)  # the writer died before its manifest: ask the index
        return folder, ix, hashes, _vocabulary_or_damaged(folder, ix)


def _vocabulary_or_damaged(folder: Path, ix) -> Vocabulary:
    try:
        return Vocabulary.load(folder)
    except (OSError, ValueError) as e:
        ix.close()
        raise IndexDamaged(f"its word list is unreadable ({type(e).__name__})") from e


def _hashes_from_index(ix) -> dict[str, str]:
    try:
        with ix.reader() as reader:
            return {f["id"]: f.get("hash", "") for f in reader.all_stored_fields()}
    except Exception as e:
        ix.close()
        raise IndexDamaged(f"{type(e).__name__} while reading it") from e
