"""What `ingest` is given, as a list of Inputs: files and folders, urls (pages or feeds), `-` for
standard input, and manifests (CSV or JSONL) that list many of them with what the user knows.

An Input is only a description; reading its bytes happens in `ingest.py`, one input at a time."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from .fetch import is_url
from .provenance import Known

STDIN = "-"
TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
FOLDER_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
MANIFEST_FIELDS = ("path", "url", "published", "outlet", "title")


class ManifestError(ValueError):
    pass


@dataclass
class Input:
    where: str  # a path, a url or "-", as given
    known: Known = field(default_factory=Known)

    @property
    def is_url(self) -> bool:
        return is_url(self.where)

    @property
    def is_stdin(self) -> bool:
        return self.where == STDIN


def with_known(inputs: list[Input], known: Known) -> list[Input]:
    """--url, --published, --outlet, --title: what the user knows about the one input given."""
    return [replace(i, known=replace(known, url=known.url or (i.where if i.is_url else None))) for i in inputs]


def read_manifest(path: Path) -> list[Input]:
    """Rows of `path` or `url` (one of them), plus optional url, published, outlet, title. A
    relative path is relative to the manifest's folder."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as e:
        raise ManifestError(f"{path}: cannot read the manifest ({getattr(e, 'strerror', None) or e})") from e
    rows = _jsonl_rows(text, path) if path.suffix.lower() in (".jsonl", ".ndjson") else _csv_rows(text, path)
    inputs = []
    for number, row in rows:
        where = row.get("path") or row.get("url")
        if not where:
            raise ManifestError(f"{path}: row {number} names neither a path nor a url")
        if not is_url(where) and where != STDIN and not Path(where).is_absolute():
            where = str(path.parent / where)
        known = Known(url=row.get("url"), published=row.get("published"), outlet=row.get("outlet"))
        known.title = row.get("title")
        inputs.append(Input(where, known))
    return inputs


def _clean_row(row: dict[str, object], path: Path, number: int) -> dict[str, str]:
    out = {}
    for key, value in row.items():
        if key is None:
            raise ManifestError(f"{path}: row {number} has more cells than the header")
        name = str(key).strip().lower()
        if name not in MANIFEST_FIELDS:
            raise ManifestError(f"{path}: unknown column {name[:30]!r} (known: {', '.join(MANIFEST_FIELDS)})")
        if value is not None and not isinstance(value, str):
            raise ManifestError(f"{path}: row {number}: {name} must be text")
        if value and value.strip():
            out[name] = value.strip()
    return out


def _csv_rows(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    try:
        reader = csv.DictReader(io.StringIO(text))
        return [(n, _clean_row(dict(row), path, n)) for n, row in enumerate(reader, start=2)]
    except csv.Error as e:
        raise ManifestError(f"{path}: not a readable CSV manifest ({e})") from e


def _jsonl_rows(text: str, path: Path) -> list[tuple[int, dict[str, str]]]:
    rows = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except (ValueError, RecursionError) as e:
            raise ManifestError(f"{path}: line {n} is not JSON") from e
        if not isinstance(row, dict):
            raise ManifestError(f"{path}: line {n} is not a JSON object")
        rows.append((n, _clean_row(row, path, n)))
    return rows
