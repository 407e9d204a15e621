"""An HTML page -> the text dump a scraper gives: the page title, then the visible text, one line per
block (paragraph, heading, list item, table cell, div...), a blank line between larger blocks.

Used by benchmarks/cleaning.py to turn every extraction set's HTML into the same kind of input the
text-dump cleaner gets, so all sets are measured the same way. Not part of the installed package."""

from __future__ import annotations

import re

import lxml.etree
import lxml.html

# Never visible text.
_HIDDEN = frozenset(["script", "style", "noscript", "template", "head", "svg", "iframe", "object", "select"])
# A new line before and after.
_LINE_BLOCKS = frozenset(
    """address article aside blockquote body center dd details div dl dt fieldset figcaption figure footer form
    h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td th thead tfoot tr ul
    caption label legend option button""".split()  # noqa: SIM905
)
# A blank line before and after (paragraph-sized blocks).
_PARAGRAPH_BLOCKS = frozenset("p h1 h2 h3 h4 h5 h6 blockquote pre ul ol table section article header footer".split())  # noqa: SIM905
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")


def _parse(html: bytes | str) -> lxml.html.HtmlElement | None:
    try:
        return lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        if isinstance(html, bytes):  # a wrong or unknown declared encoding: read it as UTF-8
            return _parse(html.decode("utf-8", "replace"))
        return None


def _walk(el: lxml.html.HtmlElement, out: list[str]) -> None:
    tag = el.tag if isinstance(el.tag, str) else ""
    if tag in _HIDDEN or not isinstance(el.tag, str) or el.get("hidden") is not None:
        if el.tail:
            out.append(el.tail)
        return
    brk = "\n\n" if tag in _PARAGRAPH_BLOCKS else "\n" if tag in _LINE_BLOCKS else ""
    if tag == "br":
        out.append("\n")
    out.append(brk)
    if el.text:
        out.append(el.text)
    for child in el:
        _walk(child, out)
    out.append(brk)
    if el.tail:
        out.append(el.tail)


def html_to_dump(html: bytes | str) -> str:
    """Visible text lines of a page, its <title> first (as scraped dumps have it)."""
    doc = _parse(html)
    if doc is None:
        return ""
    title = doc.find(".//title")
    parts: list[str] = []
    body = doc.find("body")
    _walk(body if body is not None else doc, parts)
    lines: list[str] = []
    for line in "".join(parts).split("\n"):
        line = _SPACES.sub(" ", line).strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    head = _SPACES.sub(" ", title.text_content()).strip() if title is not None else ""
    return "\n".join(([head, ""] if head else []) + lines).strip() + "\n"


def html_to_text(html: bytes | str) -> str:
    """All text of an HTML fragment (a reference body given as HTML), blocks on their own lines."""
    doc = _parse(html)
    if doc is None:
        return ""
    parts: list[str] = []
    _walk(doc, parts)
    return "\n".join(_SPACES.sub(" ", line).strip() for line in "".join(parts).split("\n")).strip()
