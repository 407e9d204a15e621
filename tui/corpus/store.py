"""The corpus folder: one safe-dumped YAML file per cleaned article, raw reports under raw/.

Files are written atomically and only when their content changes, so an unchanged corpus is
never rewritten and a crash never leaves a half-written article."""

from __future__ import annotations

import datetime
import difflib
import io
import os
import re
from collections.abc import Iterable, Iterator, MutableMapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..atomic import write_bytes_atomic
from ..errors import UserError, os_error_message
from ..paths import catalog_file
from .ids import is_valid_id
from .journal import commit_files, finish_journals
from .model import Article, Paragraph, Removal, Source, Span
from .yaml_reading import load_yaml

try:  # libyaml is 5-10x faster; both loaders are safe loaders
    from yaml import CSafeDumper as _BaseDumper
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeDumper as _BaseDumper  # type: ignore[assignment]

RAW_DIR = "raw"
SUFFIX = ".yaml"


class CorpusError(UserError):
    pass


class _FlowList(list[int]):
    """A short list dumped on one line ([start, end]) to keep sentence offsets diff-friendly."""


_PLAIN_TAGS: dict[str, str] = {}  # short scalar -> the tag its plain form reads as ("12" int, "no" bool)
_PLAIN_TAGS_LIMIT = 100_000
_PLAIN_TAGS_LONGEST = 32  # offsets, flags, dates, ids: what repeats; a paragraph's text does not


class _Dumper(_BaseDumper):
    pass


_Dumper.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
_RESOLVER = yaml.resolver.Resolver()  # the implicit tags a safe dumper resolves plain scalars to
_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"


def article_to_dict(a: Article) -> dict[str, object]:
    return {
        "id": a.id,
        "title": a.title,
        "title_derived": a.title_derived,
        "outlet": a.outlet,
        "url": a.url,
        "author": a.author,
        "published": a.published,
        "raw_file": a.raw_file,
        "raw_sha256": a.raw_sha256,
        "pipeline_version": a.pipeline_version,
        **({"wire": a.wire} if a.wire else {}),
        **({"sources": [_source_to_dict(x) for x in a.sources]} if a.sources else {}),
        **({"provenance": dict(a.provenance)} if a.provenance else {}),
        "paragraphs": [{"heading": p.heading, "text": p.text} for p in a.paragraphs],
        "sentences": [_FlowList([s.start, s.end]) for s in a.sentences],
        "removed": [{"line": r.line, "reason": r.reason, "text": r.text} for r in a.removed],
    }


def article_from_dict(d: dict[str, Any]) -> Article:
    if not isinstance(d, dict):
        raise ValueError("not a mapping")
    return Article(
        id=_str(d["id"]),
        title=_str(d["title"]),
        title_derived=_bool(d.get("title_derived", False)),
        outlet=_opt_str(d.get("outlet")),
        url=_opt_str(d.get("url")),
        author=_opt_str(d.get("author")),
        published=_opt_str(d.get("published")),
        raw_file=_str(d.get("raw_file", "")),
        raw_sha256=_str(d.get("raw_sha256", "")),
        pipeline_version=_int(d.get("pipeline_version", 1)),
        paragraphs=[Paragraph(_str(p["text"]), _bool(p.get("heading", False))) for p in _list(d["paragraphs"])],
        sentences=[Span(_int(s[0]), _int(s[1])) for s in _list(d.get("sentences"))],
        removed=[Removal(_int(r["line"]), _str(r["text"]), _str(r["reason"])) for r in _list(d.get("removed"))],
        wire=_opt_str(d.get("wire")),
        sources=[_source_from_dict(x) for x in _list(d.get("sources"))],
        provenance=_str_dict(d.get("provenance")),
    )


def _source_to_dict(s: Source) -> dict[str, str]:
    out = {"origin": s.origin, "raw_file": s.raw_file, "raw_sha256": s.raw_sha256}
    out.update({k: v for k, v in (("url", s.url), ("fetched", s.fetched)) if v})
    return out


def _source_from_dict(d: object) -> Source:
    if not isinstance(d, dict):
        raise ValueError("a source is not a mapping")
    return Source(
        origin=_str(d["origin"]),
        raw_file=_str(d["raw_file"]),
        raw_sha256=_str(d["raw_sha256"]),
        url=_opt_str(d.get("url")),
        fetched=_opt_str(d.get("fetched")),
    )


def _str_dict(v: object) -> dict[str, str]:
    if v is None:
        return {}
    if not isinstance(v, dict):
        raise ValueError(f"expected a mapping, got {type(v).__name__}")
    return {_str(k): _str(x) for k, x in v.items()}


def _str(v: object) -> str:
    """Text; a hand-edited file's unquoted `2025-06-17` or `1984` is read as the text it shows."""
    if isinstance(v, str):
        return v
    if isinstance(v, (datetime.date, datetime.datetime)):
        return v.isoformat()
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return str(v)
    raise ValueError(f"expected text, got {type(v).__name__}")


def _opt_str(v: object) -> str | None:
    return None if v is None else _str(v)


def _bool(v: object) -> bool:
    if not isinstance(v, bool):
        raise ValueError(f"expected true or false, got {type(v).__name__}")
    return v


def _int(v: object) -> int:
    if isinstance(v, bool) or not isinstance(v, int):
        raise ValueError(f"expected a whole number, got {type(v).__name__}")
    return v


def _list(v: object) -> list[Any]:
    if v is None:
        return []
    if not isinstance(v, list):
        raise ValueError(f"expected a list, got {type(v).__name__}")
    return v


def dump_article(a: Article) -> str:
    """The article's YAML: what yaml.dump(article_to_dict(a)) writes, byte for byte. The emitter is
    fed events made here (PyYAML's representer and serializer, in Python, were most of the cost of
    dumping an article), and the sentence offsets, a third of the events, are written directly: at
    the top level of a block mapping each key's lines depend on nothing before them."""
    d = article_to_dict(a)
    if not _plain_offsets(a.sentences):
        return _dump_dict(d)
    del d["sentences"]
    removed = d.pop("removed")
    try:
        head, tail = _emit(d), _emit({"removed": removed})
    except TypeError:  # a value of a kind _events does not make: PyYAML's representer does
        return _dump_dict(article_to_dict(a))
    return head + _sentences_yaml(a.sentences) + tail


def _plain_offsets(spans: list[Span]) -> bool:
    """Offsets written as `- [start, end]`: plain non-negative ints (a bool or a float would read back otherwise)."""
    return all(type(s.start) is int and type(s.end) is int and s.start >= 0 and s.end >= 0 for s in spans)


def _sentences_yaml(spans: list[Span]) -> str:
    if not spans:
        return "sentences: []\n"
    return "sentences:\n" + "".join([f"- [{s.start}, {s.end}]\n" for s in spans])


def _dump_dict(d: dict[str, object]) -> str:
    out: str = yaml.dump(d, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)
    return out


def _emit(d: dict[str, object]) -> str:
    """One document of `d` in block style, as yaml.dump writes it (no anchors: an article's dict never
    holds one object twice)."""
    events: list[yaml.Event] = [yaml.StreamStartEvent(), yaml.DocumentStartEvent(explicit=False)]
    _events(d, events)
    events += [yaml.DocumentEndEvent(explicit=False), yaml.StreamEndEvent()]
    stream = io.StringIO()
    dumper = _Dumper(stream, allow_unicode=True, width=100)
    for event in events:
        dumper.emit(event)
    return stream.getvalue()


def _events(value: object, out: list[yaml.Event]) -> None:
    """The events the serializer makes of SafeRepresenter's node for `value`."""
    if isinstance(value, str):
        out.append(yaml.ScalarEvent(None, _STR, (_plain_tag(value) == _STR, True), value))
    elif isinstance(value, bool):
        out.append(yaml.ScalarEvent(None, _BOOL, (True, False), "true" if value else "false"))
    elif isinstance(value, int):
        text = str(value)
        out.append(yaml.ScalarEvent(None, _INT, (_plain_tag(text) == _INT, False), text))
    elif value is None:
        out.append(yaml.ScalarEvent(None, _NULL, (True, False), "null"))
    elif isinstance(value, dict):
        out.append(yaml.MappingStartEvent(None, _MAP, True, flow_style=False))
        for k, v in value.items():
            _events(k, out)
            _events(v, out)
        out.append(yaml.MappingEndEvent())
    elif isinstance(value, list):
        out.append(yaml.SequenceStartEvent(None, _SEQ, True, flow_style=isinstance(value, _FlowList)))
        for v in value:
            _events(v, out)
        out.append(yaml.SequenceEndEvent())
    else:
        raise TypeError(type(value).__name__)


def _plain_tag(value: str) -> str:
    """The tag the plain form of `value` reads as (remembered for short scalars, which repeat)."""
    tag = _PLAIN_TAGS.get(value)
    if tag is None:
        tag = _RESOLVER.resolve(yaml.ScalarNode, value, (True, False))  # type: ignore[no-untyped-call]
        if len(value) <= _PLAIN_TAGS_LONGEST and len(_PLAIN_TAGS) < _PLAIN_TAGS_LIMIT:
            _PLAIN_TAGS[value] = tag
    return tag


def _check_offsets(a: Article) -> None:
    """Offsets out of range or out of order would silently highlight the wrong text."""
    n, previous_end = len(a.text), 0
    for s in a.sentences:
        if not 0 <= s.start <= s.end <= n:
            raise ValueError(f"sentence offsets {s.start}-{s.end} outside the text")
        if s.start < previous_end:
            raise ValueError(f"sentence offsets {s.start}-{s.end} overlap the previous sentence")
        previous_end = s.end


@dataclass
class LoadProblem:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path.name}: {self.message}"


# What `dump_article` writes after the header: these three keys at the start of a line, list items and
# indented lines under them. Any other line at the start of a line (another key, a second document) after
# `paragraphs:` means another layout.
_TEXT_START = b"\nparagraphs:"
_TEXT_KEYS = frozenset(k + v for k in (b"paragraphs:", b"sentences:", b"removed:") for v in (b"", b" []"))
_TEXT_FIELDS = ("paragraphs", "sentences", "removed")
_TOP_LEVEL_LINE = re.compile(rb"\n((?:[^ \n#-]|-[^ \n])[^\n]*)")

_BAD_NAME = "file name is not a valid article id (lower-case a-z, 0-9, '-', '_'); ignored"


class Corpus:
    """A corpus folder. Article files are `<id>.yaml`; ids are validated before any path is built."""

    def __init__(self, root: Path, catalog_path: Path | None = None) -> None:
        self.root = Path(root)
        self.raw_dir = self.root / RAW_DIR
        self.catalog_path = catalog_path if catalog_path is not None else catalog_file(self.root)
        self.misnamed: list[LoadProblem] | None = None  # what the last `scan` found beside the articles

    def path_for(self, article_id: str) -> Path:
        if not is_valid_id(article_id):
            raise CorpusError(f"not a valid article id: {article_id!r} (see `kursk-reader articles`)")
        return self.root / f"{article_id}{SUFFIX}"

    def scan(self) -> tuple[list[os.DirEntry[str]], list[LoadProblem]]:
        """The article files (sorted by id) and the *.yaml files whose names are not ids."""
        try:
            with os.scandir(self.root) as it:
                entries = [e for e in it if e.name.endswith(SUFFIX) and not e.name.startswith(".") and _is_file(e)]
        except (FileNotFoundError, NotADirectoryError):
            return [], []
        except OSError as e:
            raise CorpusError(os_error_message(e, "read the corpus folder")) from e
        good, bad = [], []
        for entry in entries:
            stem = entry.name[: -len(SUFFIX)]
            if is_valid_id(stem):
                good.append(entry)
            else:
                bad.append(LoadProblem(Path(entry.path), _BAD_NAME))
        good.sort(key=lambda e: e.name)
        bad.sort(key=lambda p: p.path.name)
        self.misnamed = list(bad)
        return good, bad

    def ids(self) -> list[str]:
        return [e.name[: -len(SUFFIX)] for e in self.scan()[0]]

    def exists(self, article_id: str) -> bool:
        return self.path_for(article_id).is_file()

    def load(self, article_id: str) -> Article:
        path = self.path_for(article_id)
        if not path.is_file():  # also refuses a FIFO or device, which would block or never end
            hint = difflib.get_close_matches(article_id, self.ids(), n=1)
            suggestion = f"; did you mean {hint[0]!r}?" if hint else " (see `kursk-reader articles`)"
            raise CorpusError(f"no article with id {article_id!r} in {self.root}{suggestion}")
        return self.load_path(path)

    def load_path(self, path: Path) -> Article:
        try:
            data = load_yaml(path.read_bytes())
            article = article_from_dict(data)
            if article.id != path.stem:
                raise ValueError(f"its id {article.id!r} does not match the file name")
            _check_offsets(article)
            return article
        except yaml.YAMLError as e:
            first = str(e).strip().splitlines()[0] if str(e).strip() else type(e).__name__
            raise CorpusError(f"{path.name}: not a safe, well-formed article file ({first})") from e
        except (KeyError, TypeError, ValueError, IndexError) as e:
            raise CorpusError(f"{path.name}: malformed article file ({type(e).__name__}: {e})") from e
        except RecursionError as e:
            raise CorpusError(f"{path.name}: malformed article file (nested too deeply)") from e
        except OSError as e:
            raise CorpusError(f"{path.name}: cannot read ({e.strerror or e})") from e

    def load_header(self, path: Path) -> Article | None:
        """The article's fields above its text (what the article list shows), without parsing the text: an
        Article whose paragraphs, sentences and removed lines are left out. None when the file is not laid out
        as `dump_article` writes it, or its header is damaged: then load it whole (`load_path`), which says
        what is wrong. The header's fields are checked exactly as `load_path` checks them; the text is not
        (a damaged text shows when the article is opened or counted)."""
        try:
            data = path.read_bytes()
        except OSError:
            return None
        end = data.find(_TEXT_START)
        if end < 0 or not all(line.strip() in _TEXT_KEYS for line in _TOP_LEVEL_LINE.findall(data, end + 1)):
            return None  # another layout (a hand-written file, keys in another order): only a full parse knows
        try:
            header = load_yaml(data[: end + 1])
            if not isinstance(header, dict) or header.keys() & _TEXT_FIELDS:
                return None
            article = article_from_dict({**header, **dict.fromkeys(_TEXT_FIELDS)})
        except (yaml.YAMLError, KeyError, TypeError, ValueError, IndexError, RecursionError):
            return None
        return article if article.id == path.stem else None

    def load_all(self) -> tuple[list[Article], list[LoadProblem]]:
        """Every readable article; a malformed file is reported and skipped, the rest still load."""
        entries, problems = self.scan()
        articles = []
        for entry in entries:
            try:
                articles.append(self.load_path(Path(entry.path)))
            except CorpusError as e:
                problems.append(LoadProblem(Path(entry.path), problem_text(e)))
        return articles, problems

    def save(self, article: Article) -> str:
        """Write the article; returns 'added', 'updated' or 'unchanged' (nothing written)."""
        path = self.path_for(article.id)
        data = dump_article(article).encode("utf-8")
        status = "added"
        if path.is_file():
            if path.read_bytes() == data:
                return "unchanged"
            status = "updated"
        write_bytes_atomic(path, data)
        return status

    def commit(self, article: Article, raws: dict[str, bytes]) -> str:
        """Write the article and its raw files (names under raw/) all-or-nothing; returns 'added',
        'updated' or 'unchanged'. See journal.py: a kill at any point leaves either the old files
        or, once the next ingest has finished the journal, the new ones, never a mix."""
        status, writes = self.plan(article, raws)
        if writes:
            commit_files(self.root, writes)
        return status

    def plan(self, article: Article, raws: dict[str, bytes]) -> tuple[str, dict[Path, bytes]]:
        """What `commit` would write (files whose bytes change) and the status it would return;
        several plans can be committed together with `commit_writes` (one journal, fewer fsyncs)."""
        path = self.path_for(article.id)
        data = dump_article(article).encode("utf-8")
        old = _read_or_none(path)
        writes = {path: data} if old != data else {}
        for name, raw in raws.items():
            raw_path = self.raw_dir / _plain_name(name)
            if _read_or_none(raw_path) != raw:
                writes[raw_path] = raw
        if not writes:
            return "unchanged", {}
        return ("added" if old is None else "updated"), writes

    def commit_writes(self, writes: dict[Path, bytes]) -> None:
        if writes:
            commit_files(self.root, writes)

    def recover(self) -> int:
        """Finish what a killed ingest had journalled; returns how many articles it finished."""
        return finish_journals(self.root)

    def save_raw(self, name: str, data: bytes) -> str:
        """Keep the raw report as received under raw/; returns its path relative to the corpus."""
        path = self.raw_dir / name
        if not (path.is_file() and path.read_bytes() == data):
            write_bytes_atomic(path, data)
        return f"{RAW_DIR}/{name}"


class ArticlesOnDisk(MutableMapping[str, Article]):
    """Article id -> Article for ids known to be in the corpus (in their order), each read from its file the
    first time it is asked for: a corpus whose analysis is cached is not parsed whole to be shown."""

    def __init__(self, corpus: Corpus, ids: Iterable[str]) -> None:
        self._corpus = corpus
        self._ids: dict[str, None] = dict.fromkeys(ids)
        self._read: dict[str, Article] = {}

    def __getitem__(self, article_id: str) -> Article:
        if article_id not in self._ids:
            raise KeyError(article_id)
        article = self._read.get(article_id)
        if article is None:
            article = self._read[article_id] = self._corpus.load(article_id)
        return article

    def __setitem__(self, article_id: str, article: Article) -> None:
        self._ids[article_id] = None
        self._read[article_id] = article

    def __delitem__(self, article_id: str) -> None:
        del self._ids[article_id]
        self._read.pop(article_id, None)

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._ids


def _is_file(entry: os.DirEntry[str]) -> bool:
    """Regular files only: reading a FIFO named `x.yaml` would block forever."""
    try:
        return entry.is_file()
    except OSError:
        return False


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes() if path.is_file() else None
    except OSError:
        return None


def _plain_name(name: str) -> str:
    if not name or name != Path(name).name or name.startswith("."):
        raise CorpusError(f"not a plain raw file name: {name!r}")
    return name


def problem_text(e: CorpusError) -> str:
    return str(e).split(": ", 1)[-1]
