"""RSS and Atom feeds -> the entries to ingest (link, title, date), with feedparser, which reads
every RSS and Atom dialect, bad dates and broken XML included, better than any parser we would write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime

MAX_ENTRIES = 500


class FeedError(ValueError):
    pass


@dataclass(frozen=True)
class FeedEntry:
    link: str
    title: str | None
    published: str | None  # ISO 8601 in UTC, when the feed states it


def looks_like_feed(data: bytes) -> bool:
    head = data[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml"):
        head = head[head.find(b"?>") + 2 :].lstrip()
    while head.startswith(b"<!--"):
        head = head[head.find(b"-->") + 3 :].lstrip()
    return head.startswith((b"<rss", b"<feed", b"<rdf:rdf"))


def read_feed(data: bytes, base_url: str | None = None) -> list[FeedEntry]:
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": base_url} if base_url else None)
    if parsed.bozo and not any(entry.get("link") for entry in parsed.entries):
        reason = str(getattr(parsed, "bozo_exception", "")).splitlines()[0:1]
        raise FeedError(f"not a readable RSS or Atom feed ({reason[0][:80] if reason else 'no entries'})")
    if not parsed.get("version") and not parsed.entries:
        raise FeedError("not an RSS or Atom feed")
    entries: list[FeedEntry] = []
    for entry in parsed.entries[:MAX_ENTRIES]:
        link = entry.get("link")
        if not isinstance(link, str) or not link.lower().startswith(("http://", "https://")):
            continue
        title = entry.get("title")
        entries.append(FeedEntry(link, title if isinstance(title, str) and title.strip() else None, _when(entry)))
    return entries


def _when(entry: object) -> str | None:
    get = getattr(entry, "get", None)
    if get is None:
        return None
    stamp = get("published_parsed") or get("updated_parsed")
    if not isinstance(stamp, time.struct_time):
        return None
    moment = datetime(*stamp[:6], tzinfo=UTC)
    return moment.isoformat(timespec="minutes")
