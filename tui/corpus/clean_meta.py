"""Metadata lines of a scraped report: original URL, "The post … appeared first on …" trailer,
outlet glued to a relative time, author bio, contributor and byline lines, stated dates.

Each recogniser takes one whitespace-collapsed line and returns what it found, or None."""

from __future__ import annotations

import re
from collections.abc import Collection
from datetime import date

URL_LINE = re.compile(r"^(?:original url|source url|source|url|link)\s*:\s*(?P<url>https?://\S+)$", re.I)
POST_TRAILER = re.compile(r"^The post (?P<title>.+?) appeared first on (?P<outlet>.+?)\.?$")
# "Time of India5 hours ago", "Reuters · 2 days ago": an outlet glued to a relative time.
OUTLET_AGO = re.compile(
    r"^(?P<outlet>[A-Z][\w&'.-]*(?: [\w&'.-]+){0,5}?)\s*[·|•-]?\s*"
    r"(?:\d+|an?|one)\s*(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|year)s? ago$"
)
RELATIVE_TIME = re.compile(
    r"^(?:time|updated|posted|published)?\s*(?:\d+|an?|one)\s*"
    r"(?:sec(?:ond)?|min(?:ute)?|hour|hr|day|week|month|year)s? ago$",
    re.I,
)
_NAME = (
    r"(?!(?:On|At|In|For|The|Updated|Published|Posted)\b)[A-Z][\w'’.-]+"
    r"(?: (?:(?!(?:On|At|In|For|The|Updated|Published|Posted)\b)[A-Z][\w'’.-]+|de|van|von|bin|al|da|le)){1,4}"
)
AUTHOR_BIO = re.compile(
    rf"^(?P<name>{_NAME}) (?:is|has been|covers|writes|reports)\b.{{0,200}}?\b(?:"
    r"correspondent|reporter|bureau chief|editor|writer|journalist|columnist|contributor|"
    r"staff writer|producer|covers)\b"
)
CONTRIBUTOR = re.compile(
    r"(?:\bcontributed (?:reporting|research|to this (?:report|article|story))\b"
    r"|^\(?(?:additional )?reporting by\b|^(?:editing|edited|compiled|written) by\b.{0,80}$)",
    re.I,
)
CONTRIBUTOR_MAX_CHARS = 300  # Reuters' "(Reporting by …; editing by …)" names many people
BYLINE = re.compile(rf"^By (?P<name>{_NAME}(?:,? (?:and|&) {_NAME})*)(?:,? .{{0,60}})?$")

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_PREFIX = (
    r"^(?:(?:first )?published|updated|posted|last updated|date)?\s*(?:on)?\s*:?\s*"
    r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?"
)
_TIME_TAIL = r"(?:,?\s*(?:at\s*)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4}|IST|GMT|UTC|ET|EST|EDT)?)?\s*$"
DATE_LINES = [
    re.compile(_PREFIX + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME_TAIL, re.I),
    re.compile(_PREFIX + r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME_TAIL, re.I),
    re.compile(_PREFIX + r"(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?\S*)?\s*$", re.I),
]


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# "Published Wed, Nov 20 2019 4:29 AM EST Updated an hour ago": a date line with more after the date.
_DATELINE_START = re.compile(r"^(?:first |last )?(?:published|updated|posted)\b", re.I)
_DATE_ANYWHERE = [
    re.compile(r"\b" + _MONTH + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(?P<year>\d{4})\b", re.I),
    re.compile(r"\b(?P<year>\d{4})-(?P<mnum>\d{2})-(?P<day>\d{2})\b"),
]
DATELINE_MAX_CHARS = 100


def original_url(line: str) -> str | None:
    m = URL_LINE.match(line) if "http" in line else None
    return m.group("url") if m else None


def post_trailer(line: str) -> tuple[str, str] | None:
    m = POST_TRAILER.match(line) if line.startswith("The post ") else None
    return (m.group("title").strip(), m.group("outlet").strip()) if m else None


def name_beside_time(line: str) -> str | None:
    m = OUTLET_AGO.match(line) if line.endswith(" ago") else None
    if not m or RELATIVE_TIME.match(line):
        return None
    return m.group("outlet").strip(" ·|•-")


def outlet_with_time(line: str, known_outlets: Collection[str] = ()) -> str | None:
    """The outlet of "Reuters 2 hours ago"; not a person's name ("Alex Perry 1 day ago") unless it is a
    known outlet (`known_outlets`, casefolded)."""
    name = name_beside_time(line)
    if name is None or (looks_like_person(name) and name.casefold() not in known_outlets):
        return None
    return name


def byline_with_time(line: str) -> str | None:
    """The reporter of "Alex Perry 1 day ago": a first name and surname glued to a relative time."""
    name = name_beside_time(line)
    return name if name is not None and looks_like_person(name) else None


# Two or three capitalised words, each a lower-case run after its capital ("Alex Perry", "Mary-Jane
# O'Neill", "Ann B. McKay"): a person. Acronyms ("BBC News") and outlet words ("Kyiv Post") are not.
_PERSON = re.compile(
    r"^[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?: [A-Z]\.)?(?: (?:Mc|Mac|O['’])?[A-Z][a-z]+(?:-[A-Z][a-z]+)?){1,2}$"
)
_OUTLET_WORDS = frozenset(
    [
        "news",
        "times",
        "post",
        "press",
        "daily",
        "journal",
        "herald",
        "tribune",
        "guardian",
        "telegraph",
        "express",
        "mail",
        "star",
        "today",
        "tv",
        "radio",
        "media",
        "online",
        "network",
        "magazine",
        "gazette",
        "observer",
        "independent",
        "standard",
        "insider",
        "wire",
        "agency",
        "chronicle",
        "monitor",
        "review",
        "report",
        "global",
        "international",
        "world",
        "channel",
        "broadcasting",
        "sun",
        "mirror",
        "bulletin",
        "record",
        "courier",
        "inquirer",
        "economist",
        "weekly",
        "digest",
        "dispatch",
        "live",
        "finance",
        "business",
        "sports",
        "tech",
        "politics",
        "reader",
        "source",
        "voice",
    ]
)


def looks_like_person(name: str) -> bool:
    return _PERSON.match(name) is not None and not any(w.casefold() in _OUTLET_WORDS for w in name.split())


def is_relative_time(line: str) -> bool:
    return line.endswith(" ago") and bool(RELATIVE_TIME.match(line))


def author_from_bio(line: str) -> str | None:
    m = AUTHOR_BIO.match(line) if len(line) <= 400 else None
    return m.group("name") if m else None


def author_from_byline(line: str) -> str | None:
    m = BYLINE.match(line) if line.startswith("By ") else None
    return m.group("name") if m else None


_CONTRIBUTOR_HINTS = ("contributed", "reporting by", "edited by", "editing by", "compiled by", "written by")


def is_contributor_line(line: str) -> bool:
    if len(line) > CONTRIBUTOR_MAX_CHARS:
        return False
    folded = line.casefold()
    if "by" not in folded and "contributed" not in folded:  # cheap test first: most lines have neither
        return False
    return any(h in folded for h in _CONTRIBUTOR_HINTS) and CONTRIBUTOR.search(line) is not None


def _iso(m: re.Match[str]) -> str | None:
    groups = m.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else _MONTHS[groups["month"].casefold()]
    try:
        return date(int(groups["year"]), month, int(groups["day"])).isoformat()
    except ValueError:
        return None


def dateline(line: str) -> tuple[bool, str | None]:
    """(is this line a dateline, the ISO date it states). A dateline is a line that is a full date
    (with year), or a short line opening with "Published"/"Updated"/"Posted"; relative times
    ("5 hours ago") state no date."""
    if len(line) > DATELINE_MAX_CHARS:
        return False, None
    if _DATELINE_START.match(line):
        found = (m for p in _DATE_ANYWHERE if (m := p.search(line)) is not None)
        first = min(found, key=lambda m: m.start(), default=None)
        return True, _iso(first) if first else None
    if _YEAR.search(line) is None:
        return False, None
    for pattern in DATE_LINES:
        if (m := pattern.match(line)) is not None:
            return True, _iso(m)
    return False, None
