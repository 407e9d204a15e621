"""When a report was published: from its url, from a dateline in its text, or from a relative time
against a known fetch time. Each reader returns a `Dated` (ISO 8601, with the time and zone only
when they are stated) or None; a date that does not exist or lies in the future is no date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from .clean_meta import _MONTH, _MONTHS

EARLIEST_YEAR = 1990
_ZONES = {"UTC": "+00:00", "GMT": "+00:00", "Z": "+00:00", "BST": "+01:00", "CET": "+01:00", "CEST": "+02:00"}
_ZONES |= {"EET": "+02:00", "EEST": "+03:00", "MSK": "+03:00", "EST": "-05:00", "EDT": "-04:00"}
_ZONES |= {"CST": "-06:00", "CDT": "-05:00", "PST": "-08:00", "PDT": "-07:00", "JST": "+09:00", "KST": "+09:00"}


@dataclass(frozen=True)
class Dated:
    value: str  # ISO 8601: "2025-06-17" or "2025-06-17T14:32" or "2025-06-17T14:32+03:00"
    how: str  # where it was read, for the article's provenance

    @property
    def day(self) -> str:
        return self.value[:10]


def _valid_day(year: int, month: int, day: int, latest: date) -> date | None:
    try:
        d = date(year, month, day)
    except ValueError:
        return None
    return d if year >= EARLIEST_YEAR and d <= latest else None


def _latest(now: datetime | None) -> date:
    return ((now or datetime.now(UTC)) + timedelta(days=1)).date()


# --- urls --------------------------------------------------------------------------------------

_URL_DATES = [
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]?\d)/(?P<d>[0-3]?\d)(?:/|$)"),  # /2025/06/17/
    re.compile(r"/(?P<y>(?:19|20)\d\d)/" + _MONTH.replace("\\.?", "") + r"/(?P<d>[0-3]?\d)(?:/|$)", re.I),
    re.compile(r"(?<![\d])(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?![\d])"),  # /2018-08-17-
    re.compile(r"[/_-](?P<y>(?:19|20)\d\d)(?P<m>[01]\d)(?P<d>[0-3]\d)(?:[/_.-]|$)"),  # /20180817/, -20180817
    re.compile(r"/(?P<y>(?:19|20)\d\d)/(?P<m>[01]\d)-?(?P<d>[0-3]\d)/"),  # /2019/0109/, /1999/06-17/
    re.compile(r"/(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)/(?P<d>[0-3]\d)/"),  # /2015-04/24/: year-month, then the day
]


def date_from_url(url: str | None, now: datetime | None = None) -> Dated | None:
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url, flags=re.I).split("?")[0]
    for pattern in _URL_DATES:
        m = pattern.search(path)
        if m is None:
            continue
        g = m.groupdict()
        month = int(g["m"]) if g.get("m") else _MONTHS[g["month"].lower()]
        d = _valid_day(int(g["y"]), month, int(g["d"]), _latest(now))
        if d is not None:
            return Dated(d.isoformat(), "url")
    return None


# --- datelines in the text ---------------------------------------------------------------------

_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s*)?"
# "27 January 2011", "27-Jan-2011"
_DAY_FIRST = (
    rf"(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+|-){_MONTH.replace('month', 'mon1')}(?:,?\s+|-)(?P<y1>(?:19|20)\d\d)"
)
_MONTH_FIRST = rf"{_MONTH.replace('month', 'mon2')}\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>(?:19|20)\d\d)"
_NUMERIC = r"(?P<y3>(?:19|20)\d\d)(?P<sep3>[-/])(?P<m3>[01]\d)(?P=sep3)(?P<d3>[0-3]\d)"  # "2025-06-17", "2025/06/17"
# "13.11.2019": dots put the day first wherever they are used; "11/19/2019" and "20-09-2025" are read
# only when one number cannot be a month (the other order is a different day: no guess).
_DOTTED = r"(?P<d4>[0-3]?\d)\.(?P<m4>[01]?\d)\.(?P<y4>(?:19|20)\d\d)(?![\d.])"
_SLASHED = r"(?P<a5>[0-3]?\d)(?P<sep5>[/-])(?P<b5>[0-3]?\d)(?P=sep5)(?P<y5>(?:19|20)\d\d)(?!\d)"
_TIME = (
    r"(?:\s*(?:[,/|•·–—-]|at)?\s*(?P<h>[0-2]?\d)[:.](?P<mi>[0-5]\d)(?::[0-5]\d)?\s*(?P<ap>[ap]\.?m\.?)?"
    r"\s*(?:\(?(?P<z>UTC|GMT|[A-Z]{3,4}T?|[ECMP]T\b|Z)(?P<off>[+-]\d{1,2}(?::?\d\d)?)?\)?)?)?"
)
# "10:48, Tue, Nov 19, 2019", "11:11 PM EST Nov 19, 2019": the time first
_TIME_FIRST = (  # ... or after the weekday: "Fri 6:45 PM, Feb 16, 2018"
    r"(?:(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
    r"(?P<h0>[0-2]?\d)[:.](?P<mi0>[0-5]\d)\s*(?P<ap0>[ap]\.?m\.?)?\s*(?P<z0>UTC|GMT|[A-Z]{2,3}T)?\s*(?:[,|•·-]|on\b)?\s*)?"
)
_DATE = re.compile(
    rf"{_TIME_FIRST}{_WEEKDAY}(?:{_DAY_FIRST}|{_MONTH_FIRST}|{_NUMERIC}|{_DOTTED}|{_SLASHED})(?:T|\b){_TIME}", re.I
)
# A line is a dateline when it opens with the date (after an optional label) or is mostly the date.
_LABEL = re.compile(
    r"^(?:(?:first |originally )?(?:published|posted|updated|last updated|last modified|date|dated|created|modified)\b"
    r"|this (?:story|article|report|post) (?:is|was) (?:from|published|posted)\b)"
    r"\s*(?:on|at)?\s*:?\s*",
    re.I,
)
# "By Jane Roe - June 17, 2025", "Written by Jane Roe on June 17, 2025": the byline's date is the report's
_BYLINE = re.compile(r"^(?:(?:written|posted|published|words|story)\s+)?by\s", re.I)
_LEADING_MARKS = "|•·–—- "  # "| November 18, 2019 12:01 PM": a byline's date on a line of its own
DATELINE_MAX_CHARS = 120


_US_STANDARD = {"E": -5, "C": -6, "M": -7, "P": -8}  # "7:04 pm ET": Eastern, standard or daylight time


def _us_zone(zone: str, day: date) -> str:
    """ET, CT, MT, PT on `day`: daylight time from the second Sunday of March to the first Sunday
    of November (since 2007); nothing on the two days the clocks change."""
    march = date(day.year, 3, 8 + (6 - date(day.year, 3, 8).weekday()) % 7)
    november = date(day.year, 11, 1 + (6 - date(day.year, 11, 1).weekday()) % 7)
    if day.year < 2007 or day in (march, november):
        return ""
    hours = _US_STANDARD[zone[0]] + (1 if march < day < november else 0)
    return f"-{abs(hours):02d}:00"


def _zone(m: re.Match[str], day: date) -> str:
    if m.group("h0") is not None:
        return _ZONES.get((m.group("z0") or "").upper(), "")
    zone, offset = m.group("z"), m.group("off")
    if zone and len(zone) == 2 and zone.upper() in ("ET", "CT", "MT", "PT") and not offset:
        return _us_zone(zone.upper(), day)
    if offset:
        sign, digits = offset[0], offset[1:].replace(":", "")
        hours, minutes = (digits[:-2], digits[-2:]) if len(digits) > 2 else (digits, "00")
        return f"{sign}{int(hours):02d}:{minutes}"
    return _ZONES.get((zone or "").upper(), "")


def _ymd(g: dict[str, str | None]) -> tuple[int, int, int] | None:
    """Year, month and day of a matched date; None when a numeric date's order is ambiguous."""
    if g["y1"]:
        return int(g["y1"]), _MONTHS[str(g["mon1"]).lower()], int(str(g["d1"]))
    if g["y2"]:
        return int(g["y2"]), _MONTHS[str(g["mon2"]).lower()], int(str(g["d2"]))
    if g["y3"]:
        return int(g["y3"]), int(str(g["m3"])), int(str(g["d3"]))
    if g["y4"]:
        return int(g["y4"]), int(str(g["m4"])), int(str(g["d4"]))
    a, b = int(str(g["a5"])), int(str(g["b5"]))
    if a == b or (a <= 12 and b <= 12):
        zone = str(g.get("z") or g.get("z0") or "").upper()
        if a != b and zone in _DAY_FIRST_ZONES:
            return int(str(g["y5"])), b, a
        if a != b and zone in _MONTH_FIRST_ZONES:
            return int(str(g["y5"])), a, b
        return (int(str(g["y5"])), a, b) if a == b else None
    return (int(str(g["y5"])), a, b) if b > 12 else (int(str(g["y5"])), b, a)


# The zone a numeric date is stated in tells the order its writers use: "10/07/2019 08:30 IST" is
# 10 July wherever IST is read (India, Ireland, Israel all write the day first), "10/07/2019 8:30 PM
# EDT" is October 7. Zones shared by a day-first and a month-first place (CST: US Central or China)
# tell nothing.
_DAY_FIRST_ZONES = {"IST", "BST", "CET", "CEST", "EET", "EEST", "MSK", "WAT", "CAT", "EAT", "SAST", "PKT"}
_DAY_FIRST_ZONES |= {"AEST", "AEDT", "ACST", "AWST", "NZST", "NZDT", "WIB", "SGT"}
_MONTH_FIRST_ZONES = {"EST", "EDT", "PST", "PDT", "MST", "MDT", "CDT", "AKST", "AKDT", "HST", "ET", "PT", "MT"}


def ambiguous_day(text: str) -> str | None:
    """ "10/07/2019" when a numeric date in `text` could be either of two days (why none was read)."""
    for m in _DATE.finditer(text):
        if m.group("y5") and _ymd(m.groupdict()) is None:
            return f"{m.group('a5')}{m.group('sep5')}{m.group('b5')}{m.group('sep5')}{m.group('y5')}"
    return None


def _from_match(m: re.Match[str], latest: date) -> str | None:
    ymd = _ymd(m.groupdict())
    if ymd is None:
        return None
    day = _valid_day(*ymd, latest)
    if day is None:
        return None
    g = m.groupdict()
    first = g.get("h0") is not None
    if g["h"] is None and not first:
        return day.isoformat()
    hour, minute = (int(g["h0"]), int(g["mi0"])) if first else (int(g["h"]), int(g["mi"]))
    ampm = g["ap0"] if first else g["ap"]
    if ampm:
        if hour > 12 or hour == 0:
            return day.isoformat()
        hour = hour % 12 + (12 if ampm.lower().startswith("p") else 0)
    if hour > 23:
        return day.isoformat()
    return f"{day.isoformat()}T{hour:02d}:{minute:02d}{_zone(m, day)}"


@dataclass(frozen=True)
class TextDate:
    value: str
    line: int  # 0-based index of the line it came from
    label: str  # "published", "updated" or "" (a bare dateline)


def dates_in_text(lines: list[str], now: datetime | None = None, max_lines: int = 2000) -> list[TextDate]:
    """Datelines among the first `max_lines` lines: short lines that open with a date, possibly
    after a label ("Published:", "Updated") or a place ("KYIV, June 17, 2025 (Reuters) -")."""
    latest = _latest(now)
    found = []
    for i, raw in enumerate(lines[:max_lines]):
        line = " ".join(raw.split()).lstrip(_LEADING_MARKS)
        if not line or not re.search(r"(?:19|20)\d\d", line):
            continue
        if _BYLINE.match(line) and len(line) <= 160:  # "By Jane Roe - Staff Writer 2019-11-18T23:30Z"
            if (m := _DATE.search(line)) is not None and (value := _from_match(m, latest)) is not None:
                updated = _UPDATED.search(line, 0, m.start()) is not None  # "By Jane Roe Updated Jul 24, ..."
                found.append(TextDate(value, i, "updated" if updated else "published"))
            continue
        original = _ORIGINAL.search(line) if len(line) <= ORIGINAL_LINE_MAX_CHARS else None
        if original and (value := _original(line[original.end() :], latest)):
            found.append(TextDate(value, i, "published"))  # "Updated Nov. 19 ... / Original Nov. 18 ..."
            continue
        label_m = _LABEL.match(line)
        label = label_m.group(0).strip().lower() if label_m else ""
        rest = line[label_m.end() :] if label_m else line
        m = _DATE.match(rest) or _DATE.match(re.sub(r"^[A-Z][A-Za-z .'-]{1,30},\s+", "", rest)) or _after_name(rest)
        m = m or _in_credit(rest)
        too_long = m is not None and len(line) > DATELINE_MAX_CHARS and not label_m and m.end() < len(rest) - 2
        if m is None or (too_long and not _opens_body(rest, m)):
            continue
        value = _from_match(m, latest)
        if value is not None:
            kind = "updated" if "updat" in label or "modif" in label else ("published" if label else "")
            found.append(TextDate(value, i, kind))
    return found


_UPDATED = re.compile(r"\b(?:last )?updated?\b", re.I)
# "Updated Nov. 19 ... / Original Nov. 18 ...": a short dateline opening with the label or giving it
# after a separator, not a reference list's "Archived from the original on 28 February 2015"
ORIGINAL_LINE_MAX_CHARS = DATELINE_MAX_CHARS
_ORIGINAL = re.compile(
    r"(?:^|[/|•·,]\s*)(?:Original(?:ly)?(?: published| posted)?|(?:First )?Published|Posted)(?: on)?\s*:?\s+", re.I
)
NAME_WORDS = 3
BYLINE_DATE_MAX_CHARS = 60


def _original(rest: str, latest: date) -> str | None:
    m = _DATE.match(rest)
    return _from_match(m, latest) if m is not None else None


_COUNT_AFTER = re.compile(r"\s+\d{1,4}\s*")  # "Jane Roe March 9, 2017 13": a comment count ends the byline


def _after_name(line: str) -> re.Match[str] | None:
    """ "Jane Roe November 20, 2019 13:42": a short line of a name or tag, then the date to its end."""
    if len(line) > BYLINE_DATE_MAX_CHARS:
        return None
    words = line.split(" ")
    for k in range(1, min(NAME_WORDS, len(words) - 1) + 1):
        if not words[k - 1][:1].isupper():
            return None
        start = len(" ".join(words[:k])) + 1
        if (mark := re.match(r"[/|•·–—-]\s+", line[start:])) is not None:  # "Jane Roe / June 17, 2025"
            start += mark.end()
        m = _DATE.match(line, start)
        if m is not None and (m.end() >= len(line.rstrip()) - 1 or _COUNT_AFTER.fullmatch(line, m.end())):
            return m
    return None


# "Cotonou, (APP - UrduPoint / Pakistan Point News - 11th Jan, 2023 ) :Benin's ...": a place, then the
# credit in brackets ending with the date, then the body
_CREDIT_DATELINE = re.compile(r"^[A-Z][A-Za-z .'-]{1,30},?\s*\((?P<credit>[^()]{1,80})\)\s*[:—–-]")


def _in_credit(line: str) -> re.Match[str] | None:
    credit = _CREDIT_DATELINE.match(line)
    if credit is None:
        return None
    start, end = credit.span("credit")
    end = start + len(credit.group("credit").rstrip())
    last = None
    for m in _DATE.finditer(line, start, end):
        last = m
    return last if last is not None and last.end() >= end else None


def _opens_body(rest: str, m: re.Match[str]) -> bool:
    """A report that opens "KYIV, June 17, 2025 (Reuters) - ..." states its date in the first line."""
    return bool(re.match(r"\s*\)?\s*(?:\([^)]{1,30}\))?\s*[-–—:]", rest[m.end() :]))


# --- relative times ----------------------------------------------------------------------------

_AGO = re.compile(
    r"\b(?P<n>\d+|an?|one)\s*(?P<unit>min(?:ute)?s?|hours?|hrs?|days?)\s+ago\b|\b(?P<y>yesterday)\b", re.I
)
_UNIT_HOURS = {"m": 1 / 60, "h": 1, "d": 24}


def relative_date(line: str, fetched: datetime | None) -> str | None:
    """'5 hours ago' and 'yesterday' as a date, only against a known fetch time (weeks and months
    are too vague to give a day)."""
    if fetched is None or len(line) > 80:
        return None
    m = _AGO.search(line)
    if m is None:
        return None
    if m.group("y"):
        return (fetched - timedelta(days=1)).date().isoformat()
    n = 1 if m.group("n").lower() in ("a", "an", "one") else int(m.group("n"))
    hours = n * _UNIT_HOURS[m.group("unit")[0].lower()]
    return (fetched - timedelta(hours=hours)).date().isoformat()


def normalise_iso(value: str, latest: datetime | None = None) -> str | None:
    """A date or date-time written by a page's metadata or the user, as ISO 8601; None if invalid."""
    text = value.strip()
    m = re.match(
        r"^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?$", text
    )
    if m is None:
        found = _DATE.search(text)
        return _from_match(found, _latest(latest)) if found else None
    day = _valid_day(int(m[1]), int(m[2]), int(m[3]), _latest(latest))
    if day is None:
        return None
    if m[4] is None:
        return day.isoformat()
    if int(m[4]) > 23:
        return None
    zone = "" if m[7] is None else ("+00:00" if m[7] == "Z" else f"{m[7][:3]}:{m[7][-2:]}")
    if m[4] == "00" and m[5] == "00" and not zone:
        return day.isoformat()  # a midnight without a zone is how tools write "no time stated"
    return f"{day.isoformat()}T{m[4]}:{m[5]}{zone}"
