"""An HTML page -> the text dump a scraper gives: visible text lines, block boundaries kept.

html-text (Scrapinghub's converter, the one Scrapy users dump pages with) with guess_layout=True is
what made the peer pairs' dumps (it reproduces 160 of the 161 exactly), so every set's HTML is
converted the same way. Used by benchmarks/cleaning.py; not part of the installed package."""

from __future__ import annotations

import codecs
import re

import html_text

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_CHARSET = re.compile(rb"""<meta[^>]+charset=["']?([\w-]+)""", re.IGNORECASE)


def decode(html: bytes) -> str:
    """UTF-8 when the bytes are UTF-8, else the charset the page declares, else Windows-1252."""
    try:
        return html.decode("utf-8")
    except UnicodeDecodeError:
        pass
    declared = _CHARSET.search(html[:4096])
    name = declared.group(1).decode("ascii") if declared else "cp1252"
    try:
        codecs.lookup(name)
    except LookupError:
        name = "cp1252"
    return html.decode(name, "replace")


def html_to_dump(html: bytes) -> str:
    """Visible text of a page, one block per line (the <title> first, as html-text gives it)."""
    # lxml refuses control characters other than tab and line ends; they are never visible text
    text = _CONTROL.sub("", decode(html))
    return str(html_text.extract_text(text, guess_layout=True))


html_to_text = html_to_dump  # a reference body given as HTML (readability's expected.html)
