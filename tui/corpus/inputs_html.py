"""A saved or fetched HTML page -> its main text and metadata, with trafilatura (main text, title,
site name, author) and htmldate (publication date with time and zone when the page states them).

Both are imported on first use: they take ~0.3 s to import and most commands never need them."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .provenance import PageMeta
from .titles import is_caption

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

    doc = trafilatura.bare_extraction(data, url=url, with_metadata=True, include_comments=False, include_tables=True)
    if doc is None:
        return HtmlPage([], PageMeta(url=url))
    found = doc.as_dict() if hasattr(doc, "as_dict") else dict(doc)
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
        data.decode("utf-8", "replace"),
        url=url,
        original_date=True,
        extensive_search=False,
        outputformat="%Y-%m-%dT%H:%M:%S%z",
    )
    meta = PageMeta(
        title=title,
        sitename=_text(found.get("sitename")),
        published=published or None,
        author=author,
        url=_text(found.get("url")) or url,
    )
    return HtmlPage(paragraphs, meta, headings)


def _text(value: object) -> str | None:
    return " ".join(value.split()) if isinstance(value, str) and value.strip() else None


def looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<html" in head or b"<body" in head
