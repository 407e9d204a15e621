"""Raw files -> Articles in the corpus: read safely, clean, split sentences, store atomically.

A bad file is refused before anything is written, so a refused file never changes the corpus;
writes are atomic, so a killed ingest leaves every article either old or new, never half-written."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..atomic import remove_stale_temp_files
from ..errors import UserError, os_error_message
from ..textsafe import UNSAFE_CHARS, terminal_safe
from .clean import clean
from .ids import disambiguate, safe_id
from .model import Article, Removal, Span
from .sentences import split_sentences
from .store import RAW_DIR, Corpus

# Bump when cleaning or segmentation changes what an article looks like; re-ingest then updates.
PIPELINE_VERSION = 2
MAX_RAW_BYTES = 20 * 1024 * 1024
RAW_SUFFIX = ".txt"
CONTROL_REASON = "control-characters"  # the cleaner's name for the same rule

# Before cleaning, each line loses whole terminal escape sequences (so "\x1b[31m" leaves no visible
# "[31m" behind; an unterminated OSC/DCS string only loses its introducer, so no text vanishes),
# then every other unsafe character (textsafe.UNSAFE_CHARS: controls, bidi overrides, zero-width
# characters); separators that are not line breaks in an editor (form feed, vertical tab, NEL,
# U+2028/9) become spaces so the words on either side stay apart. One removal entry per changed
# line, with the same reason the cleaner would give.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erase
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)"  # OSC: titles, hyperlinks, clipboard
    r"|\x1b[P^_X][^\x1b\n]*\x1b\\"  # DCS, PM, APC, SOS strings
    r"|\x1b[ -/]*[0-~]"  # two-byte and charset-selection escapes
    r"|\x9b[0-?]*[ -/]*[@-~]"  # 8-bit CSI
)
_SEPARATORS = re.compile("[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")  # as the cleaner numbers lines


class IngestError(UserError):
    """One input file is unusable: it is skipped and the rest of the batch goes on."""


class CorpusWriteError(UserError):
    """The corpus cannot be written (full disk, read-only folder): the batch stops."""

    def __init__(self, message: str) -> None:
        super().__init__(message, exit_code=1)  # the system refused, not the input


@dataclass
class RawReport:
    name: str  # the file name as received
    data: bytes
    text: str  # decoded; control characters and escape sequences removed
    warnings: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)  # lines whose control characters went
    shown: str = ""  # the path as given, safe to print

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass
class IngestResult:
    path: str
    status: str  # added | updated | unchanged | skipped
    article_id: str | None = None
    removed: list[Removal] = field(default_factory=list)
    message: str | None = None
    warnings: list[str] = field(default_factory=list)


def expand_paths(paths: list[Path]) -> tuple[list[Path], list[IngestResult]]:
    """Files as given, folders as their *.txt files (sorted); unusable paths as skipped results."""
    files: list[Path] = []
    skipped: list[IngestResult] = []
    for p in paths:
        try:
            if p.is_dir():
                found = sorted(q for q in p.iterdir() if q.suffix.lower() == RAW_SUFFIX and q.is_file())
                if not found:
                    skipped.append(_skip(p, "no .txt files in this folder"))
                files.extend(found)
            elif p.is_file():
                files.append(p)
            elif p.exists():
                skipped.append(_skip(p, "not a regular file or folder"))
            else:
                skipped.append(_skip(p, "no such file or folder"))
        except OSError as e:
            skipped.append(_skip(p, f"cannot read ({e.strerror or e})"))
    return files, skipped


def _skip(path: Path, reason: str) -> IngestResult:
    return IngestResult(str(path), "skipped", message=f"{terminal_safe(str(path), False)}: {reason}")


def decode(data: bytes) -> tuple[str, list[str]]:
    """UTF-8 (with or without BOM), UTF-16 with a BOM; otherwise Windows-1252, then Latin-1, saying so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ["UTF-16 text; decoded as utf-16"]
        except UnicodeDecodeError:
            pass
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
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False  # UTF-16 text is full of NUL bytes
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return len(sample) > 0 and controls / len(sample) > 0.1


def _unsafe_in_line(text: str) -> bool:
    return any(m.group() not in "\r\n" for m in UNSAFE_CHARS.finditer(text))


def strip_controls(text: str) -> tuple[str, list[Removal]]:
    """The text without escape sequences or unsafe characters, line breaks kept; every changed
    line is reported with its original text (escaped)."""
    if not (_ESCAPE_SEQUENCE.search(text) or _SEPARATORS.search(text) or _unsafe_in_line(text)):
        return text, []
    parts = _LINE_BREAK.split(text)
    breaks = _LINE_BREAK.findall(text)
    removed = []
    for number, line in enumerate(parts, start=1):
        cleaned = UNSAFE_CHARS.sub("", _SEPARATORS.sub(" ", _ESCAPE_SEQUENCE.sub("", line)))
        if cleaned != line:
            removed.append(Removal(number, terminal_safe(line, keep_newlines=False), CONTROL_REASON))
            parts[number - 1] = cleaned
    out = [part + brk for part, brk in zip(parts, [*breaks, ""], strict=True)]
    return "".join(out), removed


def read_raw(path: Path) -> RawReport:
    shown = terminal_safe(str(path), keep_newlines=False)
    try:
        size = path.stat().st_size
        if size > MAX_RAW_BYTES:
            limit = MAX_RAW_BYTES // 2**20
            raise IngestError(
                f"{shown}: too large for a news report ({size / 2**20:.0f} MiB; the limit is {limit} MiB)"
            )
        with path.open("rb") as f:
            data = f.read(MAX_RAW_BYTES + 1)  # the file may have grown since stat()
    except OSError as e:
        raise IngestError(f"{shown}: cannot read ({e.strerror or e})") from e
    if len(data) > MAX_RAW_BYTES:
        raise IngestError(f"{shown}: too large for a news report (the limit is {MAX_RAW_BYTES // 2**20} MiB)")
    if not data.strip():
        raise IngestError(f"{shown}: empty file")
    if looks_binary(data):
        raise IngestError(f"{shown}: binary file, not text")
    text, warnings = decode(data)
    text, removed = strip_controls(text)
    if not text.strip():
        raise IngestError(f"{shown}: no text left once control characters are removed")
    return RawReport(path.name, data, text, warnings, removed, shown)


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
        raise IngestError(f"{raw.shown or raw.name}: nothing left after cleaning (every line is boilerplate)")
    removed = sorted([*raw.removed, *result.removed], key=lambda r: r.line)
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
        removed=removed,
        pipeline_version=PIPELINE_VERSION,
    )


def prepare(path: Path, article_id: str) -> tuple[RawReport, Article]:
    """Read and clean one file without touching the corpus; IngestError when it is unusable."""
    raw = read_raw(path)
    article = build_article(raw, article_id, f"{RAW_DIR}/{article_id}{RAW_SUFFIX}")
    return raw, article


def ingest_file(corpus: Corpus, path: Path, article_id: str) -> IngestResult:
    raw, article = prepare(path, article_id)  # before any write: a bad file stores nothing
    try:
        corpus.save_raw(f"{article_id}{RAW_SUFFIX}", raw.data)
        status = corpus.save(article)
    except OSError as e:
        raise CorpusWriteError(os_error_message(e, "write to the corpus folder", str(corpus.root))) from e
    return IngestResult(str(path), status, article_id, article.removed, warnings=raw.warnings)


def assign_ids(files: list[Path]) -> list[tuple[Path, str]]:
    """An id per file, from its name; a second file whose name normalises to a taken id gets a
    hash suffix (stable for that path), so one batch never overwrites its own articles."""
    seen: set[str] = set()
    out = []
    for path in files:
        article_id = safe_id(path.stem)
        if article_id in seen:
            article_id = disambiguate(article_id, str(path))
        seen.add(article_id)
        out.append((path, article_id))
    return out


def ingest(corpus: Corpus, paths: list[Path]) -> list[IngestResult]:
    """Ingest every file; a bad file among good ones is skipped with its reason.

    A write failure (full disk, read-only folder) stops the batch with a UserError: every article
    already written stays complete, and the one being written keeps its previous version."""
    files, results = expand_paths(paths)
    for folder in (corpus.root, corpus.raw_dir):
        remove_stale_temp_files(folder)
    for path, article_id in assign_ids(files):
        try:
            results.append(ingest_file(corpus, path, article_id))
        except IngestError as e:
            results.append(IngestResult(str(path), "skipped", message=str(e)))
        except CorpusWriteError as e:
            done = sum(r.status != "skipped" for r in results)
            raise CorpusWriteError(f"{e}; stopped before {terminal_safe(path.name, False)}, {done} file(s) done") from e
    return results
