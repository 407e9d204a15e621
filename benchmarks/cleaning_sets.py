"""Public extraction sets for benchmarks/cleaning.py: pages with a human reference body each.

Third-party pages never go into the repository: they are read from $KURSK_BENCH_DATA/cleaning or
/work/local-data/cleaning (and the peer pairs from ../shared/peer/cleaning), each set when present.
Every page is split into a tuning or held-out half by a hash of its set and id, so the split never
changes. The text dump the cleaner reads is made from the HTML by html_dump.py, the same way for
every set (the peer pairs come with their own dumps and are read as given).

| set | pages | reference | source | licence |
|---|---|---|---|---|
| aeb-peer | 161 | articleBody | ../shared/peer/cleaning/aeb_pairs_en.jsonl (2) | MIT (benchmark) |
| cleaneval | 739 | gold text | CleanEval 2007 dev + final (1) | research use, no licence stated |
| cleaneval-no-comments | 739 | gold text less readers' comments (3) | the same pages as cleaneval | as cleaneval |
| cleanportaleval | 71 | gold text | ppke-nlpg/CleanPortalEval (1) | none stated |
| readability | 130 | expected.html | github mozilla/readability test/test-pages | Apache-2.0 |

(1) via the mirror github j-szulc/html-cleaning-dataset-merged.
(2) the English pages of scrapinghub/article-extraction-benchmark, dumps given (html_dump.py makes the
same from its HTML); the HTML, for trafilatura, from that repository's html/ folder when present.
(3) CleanEval's gold keeps readers' comments, which the cleaner drops on purpose. The gold marks no
comments, so this variant takes out each gold block (20+ characters) found inside an element of the
page's HTML whose id or class names comments ("comment-body", "commentlist", "responses", "disqus"):
the markup, not the cleaner, decides. Page ids (and so halves) are cleaneval's.

Only pages whose reference is English are read (the cleaner's function-word list is English).
L3S-GN1 (page-signal) and Dragnet pages are held out for the product owner and are never read."""

from __future__ import annotations

import gzip
import hashlib
import html as html_lib
import json
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import lxml.etree
import lxml.html
from html_dump import decode, html_to_dump, html_to_text

from tui.corpus.clean_rules import load_rules
from tui.corpus.clean_shape import STOPWORDS, words

REPO = Path(__file__).resolve().parent.parent
PEER_PAIRS = REPO.parent / "shared" / "peer" / "cleaning" / "aeb_pairs_en.jsonl"
_DATA = Path(os.environ.get("KURSK_BENCH_DATA", "/work/local-data")) / "cleaning"
ENGLISH_SHARE = 0.2


@dataclass(frozen=True)
class Page:
    set: str
    id: str
    url: str
    dump: str  # the text dump the cleaner reads
    reference: str  # the human reference body
    html: bytes | None  # for trafilatura; None when the set has no HTML

    @property
    def half(self) -> str:
        return "tuning" if _hash_bit(self.id) == 0 else "held-out"


def _hash_bit(page_id: str) -> int:
    return hashlib.sha256(page_id.encode()).digest()[0] & 1


def data_dir() -> Path:
    return _DATA


def _aeb_html(page_id: str) -> bytes | None:
    path = _DATA / "aeb" / "html" / f"{page_id}.html.gz"
    return gzip.decompress(path.read_bytes()) if path.is_file() else None


def aeb_peer() -> Iterator[Page]:
    with PEER_PAIRS.open(encoding="utf-8") as f:
        for line in f:
            if line.strip():
                p = json.loads(line)
                yield Page("aeb-peer", p["id"], p["url"], p["raw_text"], p["clean_text"], _aeb_html(p["id"]))


_GOLD_MARK = re.compile(r"^\s*<[phl]>\s*", re.MULTILINE)
# Readers' comments in a page's markup: an element whose id or class names them (WordPress's
# "commentlist", "comment-body", "responses", Disqus's "disqus_thread").
_COMMENT_ATTR = re.compile(r"(?<![a-z])(?:comments?|commentlist|responses|disqus)(?![a-z])", re.IGNORECASE)
_WORDS = re.compile(r"\w+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")  # lxml refuses them
COMMENT_BLOCK_MIN_CHARS = 20  # a shorter gold block ("Reply", a name) may as well be in the article


def _gold_text(raw: str) -> tuple[str, str]:
    """CleanEval gold standard: a "URL: …" line, then text with <p>, <h>, <l> block marks."""
    first, _, rest = raw.partition("\n")
    url = first.removeprefix("URL:").strip() if first.startswith("URL:") else ""
    body = rest if url else raw
    return url, html_lib.unescape(_GOLD_MARK.sub("", body))


def _comment_text(html: bytes) -> str:
    """The text of the page's comment sections, as marked in its HTML (outermost elements only)."""
    try:
        root = lxml.html.fromstring(_CONTROL.sub("", decode(html)))
    except (ValueError, lxml.etree.ParserError):
        return ""
    marked = {el for el in root.iter() if isinstance(el.tag, str) and _COMMENT_ATTR.search(_attrs(el))}
    outermost = [el for el in marked if not any(a in marked for a in el.iterancestors())]
    return _key(" ".join(el.text_content() for el in outermost))


def _key(text: str) -> str:
    """Words only, lower case: gold and markup differ in entities, quotes and spacing."""
    return " ".join(_WORDS.findall(text.casefold()))


def _attrs(el: lxml.html.HtmlElement) -> str:
    """Its id and class; CleanEval's files give some wrapper the page's url as id, which names nothing."""
    return " ".join(v for v in (el.get("id"), el.get("class")) if v and "/" not in v)


def _without_comments(gold_body: str, html: bytes) -> str:
    """The gold minus its blocks that lie inside the page's marked comment sections."""
    comments = _comment_text(html)
    if not comments:
        return gold_body
    blocks = re.split(r"^\s*(?=<[phl]>)", gold_body, flags=re.MULTILINE)
    kept = []
    for block in blocks:
        text = _key(html_lib.unescape(_GOLD_MARK.sub("", block)))
        if len(text) < COMMENT_BLOCK_MIN_CHARS or text not in comments:
            kept.append(block)
    return "".join(kept)


def _cleaneval_style(name: str, folder: Path, strip_comments: bool = False) -> Iterator[Page]:
    for gold in sorted((folder / "GoldStandard").glob("*.txt")):
        source = folder / "input" / f"{gold.stem}.html"
        if not source.is_file():
            continue
        html = source.read_bytes()
        raw = gold.read_text(encoding="utf-8", errors="replace")
        if strip_comments:
            head, _, body = raw.partition("\n") if raw.startswith("URL:") else ("", "", raw)
            raw = f"{head}\n{_without_comments(body, html)}" if head else _without_comments(body, html)
        url, reference = _gold_text(raw)
        page_id = (
            f"cleaneval/{folder.name}/{gold.stem}"
            if name == "cleaneval-no-comments"
            else f"{name}/{folder.name}/{gold.stem}"
        )
        yield Page(name, page_id, url, html_to_dump(html), reference, html)


def cleaneval() -> Iterator[Page]:
    for part in ("cleaneval-dev", "cleaneval-final"):
        yield from _cleaneval_style("cleaneval", _DATA / part)


def cleaneval_no_comments() -> Iterator[Page]:
    """CleanEval with the readers' comments taken out of the gold (see _without_comments)."""
    for part in ("cleaneval-dev", "cleaneval-final"):
        yield from _cleaneval_style("cleaneval-no-comments", _DATA / part, strip_comments=True)


def cleanportaleval() -> Iterator[Page]:
    yield from _cleaneval_style("cleanportaleval", _DATA / "CleanPortalEval-master")


def readability() -> Iterator[Page]:
    for case in sorted((_DATA / "readability-tests").iterdir()):
        source, expected = case / "source.html", case / "expected.html"
        if source.is_file() and expected.is_file():
            html = source.read_bytes()
            page_id = f"readability/{case.name}"
            reference = html_to_text(expected.read_bytes())
            yield Page("readability", page_id, "", html_to_dump(html), reference, html)


SETS = {
    "aeb-peer": (aeb_peer, PEER_PAIRS),
    "cleaneval": (cleaneval, _DATA / "cleaneval-final"),
    "cleaneval-no-comments": (cleaneval_no_comments, _DATA / "cleaneval-final"),
    "cleanportaleval": (cleanportaleval, _DATA / "CleanPortalEval-master"),
    "readability": (readability, _DATA / "readability-tests"),
}


def is_english(text: str) -> bool:
    """The cleaner is built for English: a reference of English prose is at least a fifth function words."""
    tokens = words(text.casefold())
    return len(tokens) > 0 and sum(t in STOPWORDS for t in tokens) >= ENGLISH_SHARE * len(tokens)


def load(name: str) -> list[Page] | None:
    """The English pages of one set, or None when its files are not on this machine."""
    make, marker = SETS[name]
    if not marker.exists():
        return None
    return [p for p in make() if name == "aeb-peer" or is_english(p.reference)]


def cleaneval_comment_pages() -> tuple[int, int, int]:
    """(pages, pages whose gold lost comment blocks, characters of gold removed) for the docs."""
    full = {p.id: p for p in load("cleaneval") or []}
    stripped = load("cleaneval-no-comments") or []
    changed = [p for p in stripped if p.id in full and len(p.reference) < len(full[p.id].reference)]
    removed = sum(len(full[p.id].reference) - len(p.reference) for p in changed)
    return len(stripped), len(changed), removed


THREAD_MIN_CHROME = 3  # as tui/corpus/clean.py: fewer "Reply" / "Ann says:" lines are no thread


def shows_comment_thread(dump: str) -> bool:
    """Whether a page's text dump prints a readers' comment or forum thread: 3 or more lines of the
    bundled `comment chrome` rule ("Reply", "Ann says:", "May 31st, 2004 at 11:37 pm"). The product
    drops such threads on purpose, while CleanEval's gold keeps them; the benchmark reports CleanEval
    with and without these pages. Decided by the dump's lines alone, not by what the cleaner kept."""
    rules = load_rules()
    chrome = 0
    for line in dump.splitlines():
        text = " ".join(line.split())
        if text and rules.reason_for(text, text.casefold(), text.count(" ") + 1) == "comment chrome":
            chrome += 1
            if chrome >= THREAD_MIN_CHROME:
                return True
    return False
