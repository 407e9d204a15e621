"""Raw scraped report -> clean paragraphs + metadata + a removal report.

PLACEHOLDER: the real cleaner replaces this module, keeping `clean()` and `CleanResult`."""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Paragraph, Removal


@dataclass
class CleanResult:
    title: str
    title_derived: bool
    outlet: str | None
    url: str | None
    author: str | None
    published: str | None
    paragraphs: list[Paragraph]
    removed: list[Removal] = field(default_factory=list)


def clean(raw_text: str) -> CleanResult:
    lines = raw_text.splitlines()
    paras = [Paragraph(line.strip()) for line in lines if line.strip()]
    title = paras[0].text if paras else ""
    return CleanResult(title, False, None, None, None, None, paras[1:])
