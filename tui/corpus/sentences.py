"""Sentence boundaries as character spans.

PLACEHOLDER: the real segmenter replaces this module, keeping `split_sentences()`."""

from __future__ import annotations

import re

_END = re.compile(r"[.!?]+[\"”’)]*\s+")


def split_sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _END.finditer(text):
        end = m.end() - (len(m.group()) - len(m.group().rstrip()))
        spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans
