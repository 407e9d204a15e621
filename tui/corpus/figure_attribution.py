"""Who claims a figure ("Shoigu said", "according to Tass") and when it holds ("in 2024", "last year")."""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from typing import Protocol, TypeVar

from .figure_vocab import (
    APPOSITION_STARTS,
    CLAUSE_WORDS,
    HONORIFICS,
    MONTHS,
    NOT_SPEAKERS,
    PRONOUNS,
    SOURCE_WORDS,
    SPEECH_AUXILIARIES,
    SPEECH_VERBS,
    TITLE_WORDS,
    WEEKDAYS,
)
from .numbers import Token, glued

_MAX_SUBJECT_TOKENS = 9
_CLAUSE_END = {".", ";", ":", "?", "!", "(", ")", "[", "]", "“", "”", '"'}


CUE_WORDS = frozenset(SPEECH_VERBS) | {"according"}  # words a claim marker starts at (figure_gate reads them)


@dataclass(slots=True)
class Cue:
    start: int  # offset of the verb (or of "according to") in the article text
    speaker: str
    source: bool  # True for "according to X": who relayed it rather than who said it


def speech_cues(text: str, toks: list[Token], last_speaker: str | None) -> tuple[list[Cue], str | None]:
    """Every claim marker in one sentence. Pronoun speakers ("he said") become the last named speaker, or the
    person the previous sentences introduced ("Sergei K. Shoigu, a close aide to ..., met ...")."""
    cues: list[Cue] = []
    introduced = _introduced_person(text, toks)
    for i in [i for i, t in enumerate(toks) if t.lower in CUE_WORDS]:  # few words can start a cue
        t = toks[i]
        if t.kind != "word":
            continue
        if t.lower == "according" and i + 1 < len(toks) and toks[i + 1].lower == "to":
            name = _according_to(text, toks, i + 2)
            if name:
                cues.append(Cue(t.start, name, True))
        elif t.lower in SPEECH_VERBS and t.text[0].islower():
            name = _subject_before(text, toks, i) or _subject_after(text, toks, i)
            if name is None:
                continue
            if name.lower() in PRONOUNS:
                if name.lower() not in ("he", "she") or last_speaker is None:
                    continue
                name = last_speaker
            elif _is_named(name):
                last_speaker = name
            cues.append(Cue(t.start, name, False))
    if introduced and not any(not c.source for c in cues):
        last_speaker = introduced
    return cues, last_speaker


def _introduced_person(text: str, toks: list[Token]) -> str | None:
    """A sentence that opens on a name with an apposition ("X, a close aide to ...", "X, who ...") names a person."""
    k = 0
    while (
        k < len(toks)
        and k < 6
        and (
            (toks[k].kind == "word" and toks[k].text[0].isupper() and toks[k].lower not in NOT_SPEAKERS)
            or (toks[k].text == "." and k > 0 and len(toks[k - 1].text) == 1)
            or (toks[k].text == "-" and k > 0 and glued(toks[k - 1], toks[k]))
        )
    ):
        k += 1
    if k < 2 or k + 1 >= len(toks) or toks[k].text != "," or toks[k + 1].lower not in APPOSITION_STARTS:
        return None
    return _clean_name(text, toks, 0, k - 1)


def attribution_for(cues: list[Cue], start: int, end: int) -> str | None:
    if not cues:
        return None  # most sentences: no claim marker
    speakers = _nearby([c for c in cues if not c.source], start)
    sources = _nearby([c for c in cues if c.source], start)
    speaker = min(speakers, key=lambda c: _distance(c.start, start, end), default=None)
    source = min(sources, key=lambda c: _distance(c.start, start, end), default=None)
    if speaker and source and source.speaker.lower() not in speaker.speaker.lower():
        return f"{speaker.speaker}, according to {source.speaker}"
    chosen = speaker or source
    return chosen.speaker if chosen else None


class _Positioned(Protocol):
    @property
    def start(self) -> int: ...


_P = TypeVar("_P", bound=_Positioned)


def _nearby(items: list[_P], pos: int, width: int = 4) -> list[_P]:
    """The few items (sorted by .start) around pos: keeps a sentence with thousands of cues linear."""
    i = bisect_left([x.start for x in items], pos) if len(items) > 2 * width else 0
    return items[max(0, i - width) : i + width] if len(items) > 2 * width else items


def _distance(pos: int, start: int, end: int) -> int:
    return start - pos if pos < start else max(0, pos - end)


def _is_named(name: str) -> bool:
    return any(w[:1].isupper() for w in name.split())


def _subject_before(text: str, toks: list[Token], v: int) -> str | None:
    i = v - 1
    while i >= 0 and toks[i].lower in SPEECH_AUXILIARIES:
        i -= 1
    if i < 0:
        return None
    if toks[i].lower in PRONOUNS:
        return toks[i].lower
    last, first = i, None
    while i >= 0 and last - i < _MAX_SUBJECT_TOKENS and _subject_token(toks, i):
        first = i
        i -= 1
    if first is None:
        return None
    return _clean_name(text, toks, first, last)


def _subject_token(toks: list[Token], i: int) -> bool:
    t = toks[i]
    if t.kind == "word":
        if t.text[0].isupper():
            # "In April" / "But": a capitalised function word starts the sentence, not the name
            return t.lower not in NOT_SPEAKERS and t.lower not in WEEKDAYS
        return t.lower in SOURCE_WORDS
    if (
        t.text == "."
        and i >= 1
        and glued(toks[i - 1], t)
        and (toks[i - 1].lower in HONORIFICS or len(toks[i - 1].text) == 1)
    ):
        return True
    if t.text in ("-", "’", "'") and i >= 1 and i + 1 < len(toks) and glued(toks[i - 1], t) and glued(t, toks[i + 1]):
        return True
    if (
        t.text == ","
        and i >= 1
        and i + 1 < len(toks)
        and toks[i + 1].text[:1].isupper()
        and toks[i - 1].text[:1].isupper()
        and i + 3 < len(toks)
        and toks[i + 2].lower == "and"
    ):
        return True  # "South Korea, US and Ukraine assessments"
    return False


def _subject_after(text: str, toks: list[Token], v: int) -> str | None:
    """Inverted attribution: "..., said Shoigu, whose delegation ..."."""
    if v == 0 or (toks[v - 1].text not in (",", "”", '"', "’") and toks[v - 1].kind != "punct"):
        return None
    first = v + 1
    k = first
    while (
        k < len(toks)
        and k - first < 5
        and (
            (
                toks[k].kind == "word"
                and toks[k].text[0].isupper()
                and toks[k].lower not in WEEKDAYS
                and toks[k].lower not in MONTHS
            )
            or (
                toks[k].text in (".", "-")
                and glued(toks[k - 1], toks[k])
                and k + 1 < len(toks)
                and toks[k + 1].text[:1].isupper()
            )
        )
    ):
        k += 1
    if k == first:
        return None
    return _clean_name(text, toks, first, k - 1)


def _according_to(text: str, toks: list[Token], j: int) -> str | None:
    k, commas = j, []
    while k < len(toks) and k - j < 12:
        t = toks[k]
        if t.text in _CLAUSE_END or t.lower in CLAUSE_WORDS:
            break
        if t.text == ",":
            nxt = toks[k + 1] if k + 1 < len(toks) else None
            if nxt is None or not nxt.text[:1].isupper():
                break
            commas.append(k)
        k += 1
    if k == j:
        return None
    if commas:  # "Russia's state news agency, Tass": the name after the comma
        tail = commas[-1] + 1
        if all(t.text[:1].isupper() or t.kind == "punct" for t in toks[tail:k]):
            return _clean_name(text, toks, tail, k - 1)
        if not any(t.lower == "and" for t in toks[tail:k]):
            k = commas[0]
    return _trailing_name(text, toks, j, k - 1)


def _trailing_name(text: str, toks: list[Token], first: int, last: int) -> str | None:
    """ "the state news agency Tass" -> "Tass"; "South Korea, US and Ukraine assessments" stays whole."""
    i = last
    while i >= first and toks[i].kind == "word" and toks[i].text[0].isupper():
        i -= 1
    if (
        first <= i < last
        and toks[i].kind == "word"
        and not toks[i].text[0].isupper()
        and toks[i].lower in SOURCE_WORDS - {"and", "of"}
    ):
        return _clean_name(text, toks, i + 1, last)
    return _clean_name(text, toks, first, last)


def _clean_name(text: str, toks: list[Token], first: int, last: int) -> str | None:
    while first <= last and (toks[first].lower in ("the", "a", "an", "of", "and", ",") or toks[first].kind == "punct"):
        first += 1
    while last >= first and (
        toks[last].lower in ("of", "and", "the", ",") or (toks[last].kind == "punct" and toks[last].text != ".")
    ):
        last -= 1
    if first > last:
        return None
    first = _after_title(toks, first, last)
    while first <= last and (toks[first].lower in HONORIFICS or toks[first].text == "."):
        if first + 1 <= last and toks[first].lower in HONORIFICS and toks[first + 1].text == ".":
            first += 2
        elif toks[first].lower in HONORIFICS and first < last:
            first += 1
        else:
            break
    if first > last:
        return None
    name = text[toks[first].start : toks[last].end]
    if name.lower() in NOT_SPEAKERS:
        return None
    return name


def _after_title(toks: list[Token], first: int, last: int) -> int:
    """ "Russian Security Council Secretary Sergei Shoigu" -> the name after the last title word."""
    title_at = None
    for i in range(first, last):
        if toks[i].lower in TITLE_WORDS and toks[i].text[0].isupper():
            title_at = i
    if title_at is None:
        return first
    rest = toks[title_at + 1 : last + 1]
    if rest and all(t.text[:1].isupper() or t.text in (".", "-") for t in rest):
        return title_at + 1
    return first


# -- when a figure holds ----------------------------------------------------------------------------

_MONTH_NAMES = "|".join(sorted((m.capitalize() for m in MONTHS if len(m) > 3), key=len, reverse=True))
# The first character of every match: a preposition, early/late/mid, a month, a year, this/last/next/past, "a
# year ago". Looked ahead for at each word start, it spares trying the whole pattern there (a third faster).
_WHEN_FIRST = "".join(sorted(set("isdubft" + "elm" + "12" + "tlnp" + "a") | {m[0] for m in _MONTH_NAMES.split("|")}))
_WHEN = re.compile(
    r"\b(?=[" + _WHEN_FIRST + r"])(?:(?:in|since|during|until|by|from|throughout|for)\s+)?"
    r"((?:(?:early|late|mid|earlier|later)[\s-]+)?(?:(?:" + _MONTH_NAMES + r")\s+)?(?:1[89]\d\d|20\d\d)"
    r"|(?:earlier|later)\s+this\s+(?:year|month)"
    r"|(?:last|this|next|past)\s+(?:year|month|summer|winter|spring|autumn|fall|week)"
    r"|a\s+year\s+ago"
    r"|(?<=in\s)(?:" + _MONTH_NAMES + r")(?!\s+\d))\b"
)


@dataclass(slots=True)
class When:
    start: int
    end: int
    text: str


def when_expressions(text: str, start: int, end: int) -> list[When]:
    return [When(m.start(1), m.end(1), m.group(1)) for m in _WHEN.finditer(text, start, end)]


def when_for(whens: list[When], start: int, end: int, max_gap: int = 80) -> str | None:
    best, best_gap = None, max_gap + 1
    for w in _nearby(whens, start):
        if w.start < end and start < w.end:
            continue  # the figure itself ("in 2024" is not when 2024 holds)
        gap = start - w.end if w.end <= start else w.start - end
        if gap < best_gap:
            best, best_gap = w, gap
    return best.text if best else None


_ASCII_YEAR = re.compile(r"[0-9]{4}(?![0-9])")


def year_of(when: str | None, published: str | None) -> int | None:
    """The calendar year a `when` names: "2023" -> 2023, "last year" -> published year - 1."""
    if not when:
        return None
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", when)
    if m:
        return int(m.group(1))
    rel = re.search(r"\b(last|this|next|past)\s+year\b|\ba year ago\b", when.lower())
    year = _ASCII_YEAR.match(published or "")
    if rel is None or year is None:
        return None  # "²⁰²⁴-06-01" passes str.isdigit() but is no year int() can read
    offset = {"last": -1, "past": -1, "this": 0, "next": 1}.get(rel.group(1) or "last", -1)
    return int(year.group()) + offset


def year_phrase(when: str | None) -> str | None:
    """The year-level part of a `when` ("2023", "last year", "this year"); None for month-only ones."""
    if not when:
        return None
    low = when.lower()
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", low)
    if m:
        return m.group(1)
    m = re.search(r"\b(last|this|next|past) year\b|\ba year ago\b", low)
    if m:
        return "last year" if m.group(0) in ("past year", "a year ago") else m.group(0)
    return None
