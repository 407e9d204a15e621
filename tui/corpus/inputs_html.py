"""A saved or fetched HTML page -> its main text and metadata, with trafilatura (main text, title,
site name, author) and htmldate (publication date with time and zone when the page states them).

Both are imported on first use: they take ~0.3 s to import and most commands never need them."""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from .dates import date_from_url, normalise_iso
from .outlets import (
    BLOG_PLATFORMS,
    clean_site_name,
    host_of,
    name_matches_host,
    publication_name,
    title_prefix_of,
    title_suffix,
)
from .provenance import PageMeta
from .titles import is_caption, is_headline

# Scripts (but not JSON-LD metadata), styles, comments and inline SVG: often most of a page's bytes,
# never article text; removed before parsing, extraction takes half the time.
_NOT_TEXT = re.compile(
    rb"<script(?![^>]*ld\+json)[^>]*>.*?</script\s*>|<style[^>]*>.*?</style\s*>|<!--.*?-->|<svg[^>]*>.*?</svg\s*>",
    re.I | re.S,
)
_BYLINE = re.compile(r"^(?:By|Written by|Words by)\s+(?P<name>[A-Z][\w'’.-]+(?:\s+[A-Z][\w'’.-]+){0,3})\s*$")


@dataclass
class HtmlPage:
    paragraphs: list[str]
    meta: PageMeta
    headings: set[int] = field(default_factory=set)  # indexes of paragraphs that are subheadings


def _blocks(body: Any, text: str | None) -> tuple[list[str], set[int]]:
    """Paragraphs from trafilatura's body tree (headings marked), else from its text lines."""
    out: list[str] = []
    headings: set[int] = set()
    for element in body if body is not None else []:
        tag = element.tag if isinstance(element.tag, str) else ""
        parts = [element] if tag != "list" else list(element)
        for part in parts:
            block = " ".join("".join(part.itertext()).split())
            if block:
                if tag == "head":
                    headings.add(len(out))
                out.append(block)
    if not out and text:
        out = [" ".join(line.split()) for line in text.splitlines() if line.strip()]
    return out, headings


def read_html(data: bytes, url: str | None) -> HtmlPage:
    """The page's article; `paragraphs` is empty when it holds no article text."""
    import htmldate
    import trafilatura

    data = _NOT_TEXT.sub(b"", data)
    # Parsed once: trafilatura extracts from its own copy of the tree, htmldate only reads it (it prunes
    # a copy), and our own marks come last, as they add line breaks to it.
    tree = trafilatura.load_html(data)
    if tree is None:
        return HtmlPage([], PageMeta(url=url))
    # fast: no readability/jusText second opinion; on 80 real pages the same precision and recall, ~2x faster
    doc = trafilatura.bare_extraction(tree, url=url, include_comments=False, include_tables=True, fast=True)
    if doc is None:
        return HtmlPage([], PageMeta(url=url))
    found = {**(doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)), **_metadata(tree, url)}
    title = _text(found.get("title"))
    raw_text = found.get("text")
    paragraphs, headings = _blocks(found.get("body"), raw_text if isinstance(raw_text, str) else None)
    author = _text(found.get("author"))
    drop = set()
    if paragraphs and title and paragraphs[0].casefold() == title.casefold():
        drop.add(0)  # the headline repeated at the top of the body
    for i, p in enumerate(paragraphs[:3]):
        if m := _BYLINE.match(p):
            author = author or m.group("name")
            drop.add(i)
    drop |= {i for i, p in enumerate(paragraphs) if is_caption(p) and len(p.split()) < 30}
    keep = [i for i in range(len(paragraphs)) if i not in drop]
    headings = {n for n, i in enumerate(keep) if i in headings}
    paragraphs = [paragraphs[i] for i in keep]
    published = htmldate.find_date(
        tree,
        url=url,
        original_date=True,
        extensive_search=False,
        outputformat="%Y-%m-%dT%H:%M:%S%z",
    )
    page_url = _text(found.get("url")) or url
    if published and not _corroborated(published[:10], data, page_url):
        published = None  # found only in the body's markup: a comment's or a sidebar's date, perhaps
    published = _with_time(published, _published_instant(data))
    published = _not_the_update(published, data)
    marks = _marks(tree if _is_utf8(data) else _cp1252_tree(data), read_dateline=not published)
    guess = _text(found.get("sitename"))
    sitename = marks.site_name or (guess if guess and _fits(guess, page_url) else None)
    title = _headline(title, marks.h1, sitename, page_url)
    meta = PageMeta(
        title=title,
        sitename=sitename,
        published=published or None,
        author=author,
        url=page_url,
        copyright=marks.copyright,
        title_suffix=marks.title_suffix,
        dateline=marks.dateline,
    )
    return HtmlPage(paragraphs, meta, headings)


def _metadata(tree: Any, url: str | None) -> dict[str, str | None]:
    """Title, author, url and site name as trafilatura.extract_metadata finds them. Its inner steps are
    not public API: a trafilatura release without one of them gets the public call (slower, same fields)."""
    try:
        return _metadata_steps(tree, url)
    except AttributeError:
        import trafilatura

        doc = trafilatura.extract_metadata(tree, default_url=url)
        return {"title": doc.title, "author": doc.author, "url": doc.url, "sitename": doc.sitename}


def _metadata_steps(tree: Any, url: str | None) -> dict[str, str | None]:
    """trafilatura.extract_metadata without the parts whose results are never used here (its date
    search, categories, tags and licence: a fifth of a page's CPU; htmldate runs below with our own
    settings). Reads the tree, changes nothing in it."""
    from trafilatura import metadata as tm

    meta = tm.examine_meta(tree)
    if meta.author and " " not in meta.author:
        meta.author = None
    with contextlib.suppress(Exception):  # as trafilatura: its JSON-LD reader has bugs of its own
        meta = tm.extract_meta_json(tree, meta)
    meta.title = meta.title or tm.extract_title(tree)
    meta.author = meta.author or tm.extract_author(tree)
    meta.url = meta.url or tm.extract_url(tree, url)
    meta.sitename = meta.sitename or tm.extract_sitename(tree)
    if meta.sitename:
        meta.sitename = meta.sitename.lstrip("@")
        if meta.sitename and "." not in meta.sitename and not meta.sitename[0].isupper():
            meta.sitename = meta.sitename.title()
    elif meta.url and (from_url := tm.META_URL.match(meta.url)):
        meta.sitename = from_url[1]
    meta.clean_and_trim()
    return {"title": meta.title, "author": meta.author, "url": meta.url, "sitename": meta.sitename}


@dataclass
class _Marks:
    h1: str | None
    site_name: str | None  # og:site_name or application-name, as the site states it
    copyright: str | None = None  # the last copyright line on the page (its footer)
    title_suffix: str | None = None  # "Headline | Site", "Site: Headline": the name beside the <title>'s headline
    dateline: str | None = None  # the date the page shows beside its headline (ISO)


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _cp1252_tree(data: bytes) -> Any:
    """An 8-bit page read as Windows-1252, what browsers assume for undeclared 8-bit pages (trafilatura
    guesses a charset, which for its footer's "©" can be wrong)."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        return lxml_html.fromstring(data, parser=lxml_html.HTMLParser(encoding="cp1252"))
    except (etree.ParserError, ValueError):
        return None


def _marks(tree: Any, read_dateline: bool = False) -> _Marks:
    """Headline, site name, footer and dateline as the page's markup shows them (the tree gains line breaks)."""
    if tree is None:
        return _Marks(None, None)
    titles = tree.xpath("//title")
    title = (_text(titles[0].text_content()) or "") if titles else ""
    h1s = tree.xpath("//h1")
    h1 = _text(h1s[0].text_content()) if h1s else None
    suffix = title_suffix(title) or (title_prefix_of(title, h1) if h1 else None)
    names = tree.xpath('//meta[@property="og:site_name"]/@content|//meta[@name="application-name"]/@content')
    site = next((clean_site_name(n) for n in names if isinstance(n, str) and n.strip()), None)
    if site and (site.lower().startswith("http") or not site.strip()):
        site = None
    if site and site.casefold() in BLOG_PLATFORMS and (own := publication_name(_visible_lines(tree))):
        site = own  # "Medium" for a page of its publication "Voodoo Engineering": the publication
    copyright_line = _copyright_line(tree)
    dateline = _dateline_by_h1(tree, h1) if read_dateline and h1 else None
    return _Marks(h1, site, copyright_line, suffix, dateline)


_BLOCKS = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "time", "header", "section", "article", "br", "td"}
_BLOCKS |= {"span", "a", "figure", "figcaption", "ul", "ol", "dd", "dt", "address"}


def _visible_lines(tree: Any) -> list[str]:
    """The page's body as the lines a reader sees: each block on its own line."""
    body = tree.find("body")
    if body is None:
        return []
    for element in body.iter():
        if isinstance(element.tag, str) and element.tag.lower() in _BLOCKS and not element.get("data-line"):
            element.set("data-line", "1")  # marked: a second call adds no more breaks
            element.tail = "\n" + (element.tail or "")
            element.text = "\n" + (element.text or "")
    lines = [" ".join(line.split()) for line in body.text_content().split("\n")]
    return [line for line in lines if line]


def _dateline_by_h1(tree: Any, h1: str) -> str | None:
    """The date the page shows beside its headline, when its metadata has none (a page with
    "19 NOV 2019" under the <h1>): the same rule as for a text dump's dateline."""
    from .dates import dates_in_text

    lines = _visible_lines(tree)
    at = next((i for i, line in enumerate(lines) if line == h1), None)
    if at is None:
        return None
    near = [d for d in dates_in_text(lines[max(0, at - 3) : at + 9]) if d.label != "updated"]
    return near[0].value if near and len({d.value[:10] for d in near}) == 1 else None


COPYRIGHT_LINE_MAX_CHARS = 160


def _copyright_line(tree: Any) -> str | None:
    nodes = tree.xpath('//body//text()[contains(., "©") or contains(., "opyright")]')
    for node in reversed(nodes):
        line = _text(str(node))
        parent = node.getparent()
        whole = _text(parent.text_content()) if parent is not None else None
        if whole and len(whole) <= COPYRIGHT_LINE_MAX_CHARS:
            return whole  # "<p>© 2019 <a>Site</a></p>": the holder may sit in a child element
        if line and len(line) <= COPYRIGHT_LINE_MAX_CHARS:
            return line
    return None


_META_CONTENT = re.compile(rb"""<meta[^>]+content\s*=\s*["']([^"']{6,60})["']""", re.I)
_DATETIME_ATTR = re.compile(rb"""datetime\s*=\s*["']([^"']{8,40})["']""", re.I)
_LD_JSON = re.compile(rb"<script[^>]+ld\+json[^>]*>(.{0,20000}?)</script>", re.I | re.S)


def _corroborated(day: str, data: bytes, url: str | None) -> bool:
    """The date is in the page's head metadata, a <time datetime>, its JSON-LD or its url."""
    from_url = date_from_url(url)
    if from_url is not None and from_url.day == day:
        return True
    end = data.find(b"</head>")
    head = data[: end if end > 0 else 200_000]
    stated = [m.group(1) for m in _META_CONTENT.finditer(head)] + [m.group(1) for m in _DATETIME_ATTR.finditer(data)]
    for value in stated:
        iso = normalise_iso(value.decode("utf-8", "replace"))
        if iso is not None and iso[:10] == day:
            return True
    slashed = day.replace("-", "/").encode()
    return any(day.encode() in m.group(1) or slashed in m.group(1) for m in _LD_JSON.finditer(data))


_PUBLISHED_KEYS = {b"article:published_time", b"og:article:published_time", b"datepublished", b"publishdate"}
_META_TAG = re.compile(rb"<meta\s[^>]*>", re.I)
_META_KEY = re.compile(rb"""(?:property|name|itemprop)\s*=\s*["']([^"']+)["']""", re.I)
_LD_PUBLISHED = re.compile(rb'"datePublished"\s*:\s*"([^"]{10,40})"')


def _published_instant(data: bytes) -> str | None:
    """The publication time the page's head metadata or JSON-LD states with its time and zone."""
    values = _head_meta(data, _PUBLISHED_KEYS) + _LD_PUBLISHED.findall(data)
    for value in values:
        iso = normalise_iso(value.decode("utf-8", "replace"))
        if iso is not None and len(iso) > 16:  # a time and a zone
            return iso
    return None


_MODIFIED_KEYS = {b"article:modified_time", b"og:updated_time", b"datemodified", b"lastmod"}
_LD_MODIFIED = re.compile(rb'"dateModified"\s*:\s*"([^"]{10,40})"')


def _not_the_update(published: str | None, data: bytes) -> str | None:
    """htmldate sometimes gives the day the page was updated ("Last Updated: January 7, 2025"):
    when that day is the one the metadata calls modified, and the metadata states an earlier
    publication time, that one is the report's date."""
    instant = _published_instant(data)
    if published is None or instant is None or instant[:10] >= published[:10]:
        return published
    modified = _head_meta(data, _MODIFIED_KEYS) + _LD_MODIFIED.findall(data)
    days = {iso[:10] for v in modified if (iso := normalise_iso(v.decode("utf-8", "replace")))}
    return instant if published[:10] in days else published


def _head_meta(data: bytes, keys: set[bytes]) -> list[bytes]:
    """The values of the head's <meta> tags named one of `keys` (property, name or itemprop)."""
    end = data.find(b"</head>")
    values = []
    for tag in _META_TAG.findall(data[: end if end > 0 else 200_000]):
        key, content = _META_KEY.search(tag), _META_CONTENT_ATTR.search(tag)
        if key and content and key.group(1).lower() in keys:
            values.append(content.group(1))
    return values


_META_CONTENT_ATTR = re.compile(rb"""content\s*=\s*["']([^"']{8,40})["']""", re.I)


def _with_time(published: str | None, instant: str | None) -> str | None:
    """htmldate's day, or the metadata's instant when htmldate gave a day alone within a day of it
    (a visible "November 18, 8:19 PM" beside a "2019-11-19T01:19Z" instant: the same moment)."""
    if instant is None or published is None:
        return published
    day = normalise_iso(published)
    if day is None or len(day) > 10:
        return published
    gap = abs((date.fromisoformat(day) - date.fromisoformat(instant[:10])).days)
    return instant if gap <= 1 else published


_SECTION_PREFIX = re.compile(r"^[\w ]{2,20}\s+\|\s+")  # "Opinion | Headline"


def _headline(title: str | None, h1: str | None, sitename: str | None, url: str | None) -> str | None:
    """The page's visible <h1> when it is a headline (not the site's name or logo) about the same
    thing as the metadata title; else the metadata title without a section prefix."""
    if h1 and is_headline(h1) and not _fits(h1, url) and not (sitename and _norm(sitename) in _norm(h1)):
        shared = set(_norm(h1).split()) & set(_norm(title or "").split()) - _SMALL_WORDS
        if title is None or len(shared) >= 2:
            return h1
    if title and _SECTION_PREFIX.match(title) and len(_SECTION_PREFIX.sub("", title).split()) >= 3:
        return _SECTION_PREFIX.sub("", title)
    return title


_SMALL_WORDS = {"the", "a", "an", "of", "to", "in", "on", "for", "and", "is", "at", "by", "with"}


def _fits(name: str, url: str | None) -> bool:
    host = host_of(url)
    return host is not None and name_matches_host(name, host)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head
