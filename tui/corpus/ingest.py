"""Raw files -> Articles in the corpus: read safely, clean, split sentences, store atomically."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import UserError
from .clean import clean
from .ids import safe_id
from .model import Article, Span
from .sentences import split_sentences
from .store import Corpus

# Bump when cleaning or segmentation changes what an article looks like; re-ingest then updates.
PIPELINE_VERSION = 1
MAX_RAW_BYTES = 20 * 1024 * 1024
RAW_SUFFIX = ".txt"


class IngestError(UserError):
    pass


@dataclass
class RawReport:
    name: str  # the file name as received
    data: bytes
    text: str
    warnings: list[str] = field(default_factory=list)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class IngestResult:
    path: str
    status: str  # added | updated | unchanged | skipped
    article_id: str | None = None
    removed: int = 0
    message: str | None = None
    warnings: list[str] = field(default_factory=list)


def expand_paths(paths: list[Path]) -> list[Path]:
    """Files as given, folders as their *.txt files (sorted). Missing paths are an error."""
    files: list[Path] = []
    for p in paths:
        if p.is_dir():
            found = sorted(q for q in p.iterdir() if q.suffix.lower() == RAW_SUFFIX and q.is_file())
            if not found:
                raise IngestError(f"{p}: no .txt files in this folder")
            files.extend(found)
        elif p.is_file():
            files.append(p)
        elif p.exists():
            raise IngestError(f"{p}: not a regular file or folder")
        else:
            raise IngestError(f"{p}: no such file or folder")
    return files


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM); otherwise Windows-1252, then Latin-1, saying so."""
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError as e:
        where = f"byte {e.start}"
    for encoding in ("cp1252", "latin-1"):
        try:
            return data.decode(encoding), [f"not valid UTF-8 (at {where}); decoded as {encoding}"]
        except UnicodeDecodeError:
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


def looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return len(sample) > 0 and controls / len(sample) > 0.1


def read_raw(path: Path) -> RawReport:
    try:
        size = path.stat().st_size
        if size > MAX_RAW_BYTES:
            raise IngestError(
                f"{path}: too large for a news report ({size / 1e6:.0f} MB; the limit is {MAX_RAW_BYTES // 2**20} MiB)"
            )
        data = path.read_bytes()
    except OSError as e:
        raise IngestError(f"{path}: cannot read ({e.strerror or e})") from e
    if not data.strip():
        raise IngestError(f"{path}: empty file")
    if looks_binary(data):
        raise IngestError(f"{path}: binary file, not text")
    text, warnings = decode(data)
    return RawReport(path.name, data, text, warnings)


def segment(paragraph_texts: list[str], separator_len: int = 2) -> list[Span]:
    """Sentences of every paragraph, as spans into the joined article text."""
    spans: list[Span] = []
    pos = 0
    for text in paragraph_texts:
        spans.extend(Span(pos + s, pos + e) for s, e in split_sentences(text))
        pos += len(text) + separator_len
    return spans


def build_article(raw: RawReport, article_id: str, raw_file: str) -> Article:
    result = clean(raw.text)
    if not result.paragraphs:
        raise IngestError(f"{raw.name}: nothing left after cleaning (every line is boilerplate)")
    return Article(
        id=article_id,
        title=result.title,
        title_derived=result.title_derived,
        outlet=result.outlet,
        url=result.url,
        author=result.author,
        published=result.published,
        raw_file=raw_file,
        raw_sha256=raw.sha256,
        paragraphs=result.paragraphs,
        sentences=segment([p.text for p in result.paragraphs]),
        removed=result.removed,
        pipeline_version=PIPELINE_VERSION,
    )


def ingest_file(corpus: Corpus, path: Path, article_id: str) -> IngestResult:
    raw = read_raw(path)
    raw_name = f"{article_id}{RAW_SUFFIX}"
    article = build_article(raw, article_id, f"raw/{raw_name}")  # before any write: a bad file stores nothing
    corpus.save_raw(raw_name, raw.data)
    status = corpus.save(article)
    return IngestResult(str(path), status, article_id, len(article.removed), warnings=raw.warnings)


def ingest(corpus: Corpus, paths: list[Path]) -> list[IngestResult]:
    """Ingest every file; a bad file among good ones is skipped with its reason."""
    files = expand_paths(paths)
    results, seen = [], set()
    for path in files:
        article_id = safe_id(path.stem)
        if article_id in seen:  # two inputs in one batch that differ only by case or punctuation
            article_id = safe_id(f"{path.stem}-{hashlib.sha256(str(path).encode()).hexdigest()[:8]}")
        seen.add(article_id)
        try:
            results.append(ingest_file(corpus, path, article_id))
        except IngestError as e:
            results.append(IngestResult(str(path), "skipped", message=str(e)))
    return results
