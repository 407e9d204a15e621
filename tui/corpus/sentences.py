"""Sentence boundaries as character spans.

`split_sentences(text)` returns `(start, end)` spans into `text`: in order, non-overlapping, each stripped of
surrounding whitespace, together covering every non-whitespace character. It is a rule-based segmenter in
the spirit of the Pragmatic Segmenter / pySBD "Golden Rules", written for news text, in one linear pass:

1. hard breaks: a line break, a bullet ("•", "⁃", ...) and the next item of a numbered or lettered list
   that opens the text ("1.) ... 2.) ...", "a. ... b. ...");
2. every run of terminators (". ! ? …", spaced ". . .") followed by optional closing quotes or brackets
   and then whitespace or the end is a candidate, decided by the word before it and the word after it
   (see `_Scanner.decide`). A terminator glued to the next character ("U.S.A", "3.14", "example.com") never is.

Word lists (abbreviations, sentence openers) are data: abbreviations.txt beside this module.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import NamedTuple

# A terminator run: ".", "!!", "?!", "...", "…", or dots separated by single spaces (". . . ."), then closing
# quotes or brackets, then whitespace or the end. The lookbehinds (after the first character, so that the regex
# engine can skip ahead to a terminator quickly) make a run start only at its first terminator: retrying inside
# a long run of dots would be quadratic.
_CANDIDATE = re.compile(
    r"([.!?‽…](?<![.!?‽…].)(?<![.!?‽…][ \u00a0].)[.!?‽…]*(?:[ \u00a0][.!?‽…]+)*)([\"'”’»)\]]*)"
    r"(?:\[\d{1,3}\])*(?:(?<=[a-z)]\.)\d{1,2})?(?=\s|$)"  # a citation: "martyr.[1] The", "(1987).1 According"
)
# Full-width and ideographic stops end a sentence with no space after them.
_WIDE_STOP = re.compile(r"[。．！？][。．！？]*[\"'”’」』)）]*")
_LINE_BREAK = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")
_BULLETS = "•⁃◦▪‣●∙"
# Regexes here start with the character they look for (the lookbehind after it, not before), so that the
# engine skips ahead to it rather than trying the whole pattern at every position of the text.
_BULLET = re.compile(rf"[{_BULLETS}](?<=\s.)")  # a bullet after white space
_OPENERS = "\"'“‘«([{¿¡"
_DASHES = "-–—‒―"
_SKIP_TO_WORD = re.compile(rf"[\s{re.escape(_OPENERS + _DASHES)}]{{0,12}}")
_LIST_START = re.compile(rf"\s*(?:[{_BULLETS}]\s*)?(\d{{1,3}}|[a-z])(\.\)|\)|\.)\s")
_LIST_MARKER = re.compile(r"\(?(?:\d{1,3}|[A-Za-z]|[ivxlcIVXLC]{1,6})\)?")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
_NON_SPACE = re.compile(r"\S")
_WORD = re.compile(r"[^\W\d_][\w'’]*")
_MAX_TOKEN = 64  # a longer "word" is no abbreviation; bounds the work per candidate

TITLE, NUMBER, AMBIGUOUS, EXCLAIM = "title", "number", "ambiguous", "exclaim"


@dataclass(frozen=True)
class WordLists:
    exact: dict[str, str]  # entry as written (has a capital) -> section
    folded: dict[str, str]  # lower-case entry -> section
    openers: frozenset[str]
    intro: frozenset[str]

    def kind(self, word: str) -> str | None:
        return self.exact.get(word) or self.folded.get(word.lower())


@lru_cache(maxsize=1)
def word_lists() -> WordLists:
    text = resources.files(__package__).joinpath("abbreviations.txt").read_text(encoding="utf-8")
    return parse_word_lists(text)


def parse_word_lists(text: str) -> WordLists:
    sections: dict[str, list[str]] = {}
    current = None
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("[") and line.endswith("]"):
            current = sections.setdefault(line[1:-1], [])
        elif line and current is not None:
            current.extend(entry.rstrip(".") for entry in line.split())
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for section in (TITLE, NUMBER, AMBIGUOUS, EXCLAIM):
        for entry in sections.get(section, []):
            target = folded if entry == entry.lower() else exact
            target.setdefault(entry, section)
    return WordLists(exact, folded, frozenset(sections.get("opener", [])), frozenset(sections.get("intro", [])))


class Next(NamedTuple):  # one per candidate boundary: a tuple is quicker to make than a frozen dataclass
    """What follows a candidate boundary: the kind of its first character and its first word."""

    kind: str  # end | upper | lower | digit | other
    word: str = ""
    initial: bool = False  # "A." in "J. A. Smith": a single letter with a period is an initial, not a word


def _next_after(text: str, pos: int) -> Next:
    n = len(text)
    skipped = _SKIP_TO_WORD.match(text, pos)
    pos = skipped.end() if skipped else pos
    if pos >= n:
        return Next("end")
    ch = text[pos]
    if ch.isdigit() or (ch in "$£€¥₽₩" and pos + 1 < n and text[pos + 1].isdigit()):
        return Next("digit")
    if ch.islower():
        return Next("lower")
    if not ch.isupper():
        return Next("other")
    m = _WORD.match(text, pos, min(n, pos + 40))
    word = m.group().replace("’", "'") if m else ch
    initial = len(word) == 1 and m is not None and m.end() < n and text[m.end()] == "."
    return Next("upper", word, initial)


class _Scanner:
    """Walks the candidates of one text in order; knows where the current sentence started."""

    def __init__(self, text: str, hard_cuts: list[int]):
        self.text = text
        self.lists = word_lists()
        self.hard_cuts = hard_cuts
        self.hard_index = 0
        self.last_cut = 0
        self.quote_pos = 0
        self.curly_open = 0
        self.straight = 0
        self.start_cache = (-1, 0)  # (last cut, first non-space after it): whitespace is skipped once

    def sentence_start(self, pos: int) -> int:
        while self.hard_index < len(self.hard_cuts) and self.hard_cuts[self.hard_index] <= pos:
            self.last_cut = max(self.last_cut, self.hard_cuts[self.hard_index])
            self.hard_index += 1
        if self.start_cache[0] != self.last_cut:
            found = _NON_SPACE.search(self.text, self.last_cut)
            self.start_cache = (self.last_cut, found.start() if found else len(self.text))
        return min(self.start_cache[1], pos)

    def inside_quote(self, pos: int) -> bool:
        text = self.text
        opened = self.curly_open + text.count("“", self.quote_pos, pos) - text.count("”", self.quote_pos, pos)
        self.curly_open = max(0, opened)  # a stray closing quote must not hide the next opening one
        self.straight += text.count('"', self.quote_pos, pos)
        self.quote_pos = pos
        return self.curly_open > 0 or self.straight % 2 == 1

    def cuts(self) -> list[int]:
        cuts = []
        for m in _CANDIDATE.finditer(self.text):
            cut = self.decide(m)
            if cut is not None:
                self.sentence_start(cut)  # moves past the hard cuts before this one
                self.last_cut = max(self.last_cut, cut)
                cuts.append(cut)
        return cuts

    def decide(self, m: re.Match[str]) -> int | None:
        """Where the sentence ends at candidate `m` (usually m.end()), or None when it goes on."""
        nxt = _next_after(self.text, m.end())
        if nxt.kind == "end":
            return m.end()
        if nxt.kind == "lower":
            return None  # "Co. at noon", "'This is great.' she said", "Yahoo! in", "… to de-mine"
        word, long_word = self.word_before(m.start(1))
        dots = m.group(1).replace(" ", "").replace("\u00a0", "")
        if "!" in dots or "?" in dots or "‽" in dots:
            return self.exclamation(word, dots, nxt, m.end())
        if dots != ".":
            return self.ellipsis(m, word, dots, nxt)
        return self.period(word, long_word, m.start(1), nxt, m.end())

    def word_before(self, run_start: int) -> tuple[str, bool]:
        """The token glued to the terminator ("Mr", "U.S", "$100.00"), and whether it is too long to look at."""
        text = self.text
        if run_start == 0 or text[run_start - 1].isspace():
            return "", False
        floor = max(0, run_start - _MAX_TOKEN - 1)
        token = text[floor:run_start].rsplit(None, 1)[-1]
        if run_start - len(token) == floor and floor > 0 and not text[floor - 1].isspace():
            return "", True
        return token.lstrip(_OPENERS + _BULLETS), False

    def exclamation(self, word: str, dots: str, nxt: Next, end: int) -> int | None:
        if dots == "!" and self.lists.kind(word) == EXCLAIM and nxt.word not in self.lists.openers:
            return None
        return end

    def ellipsis(self, m: re.Match[str], word: str, dots: str, nxt: Next) -> int | None:
        text, run_start = self.text, m.start(1)
        if nxt.kind != "upper":
            return None
        if run_start > 0 and text[run_start - 1] in "[(" and m.group(2)[:1] in "])":
            return None  # "[...]" marks an omission inside a sentence
        if self.inside_quote(run_start) and nxt.word not in self.lists.openers:
            return None  # an omission inside a quotation: "“We will … Russia and Korea”"
        spaced = " " in m.group(1) or "\u00a0" in m.group(1)
        if not spaced:
            return m.end()  # "I never meant that.... She left."
        if dots.count(".") != 4:
            return None  # ". . ." between words is an omission: "the thing is . . . I didn't"
        if word and not m.group(2):
            return run_start + 1  # "compounds. . . . The": the first period ends it, ". . ." opens the next
        return m.end()

    def period(self, word: str, long_word: bool, run_start: int, nxt: Next, end: int) -> int | None:
        if long_word or not word:
            return end
        sentence_start = self.sentence_start(run_start)
        if self.list_marker(sentence_start, run_start):
            return None
        kind = self.abbreviation_kind(word)
        if kind == TITLE:
            return None
        if kind == NUMBER:
            return None if nxt.kind == "digit" else end
        if kind == AMBIGUOUS:
            if nxt.kind != "upper" or nxt.initial or nxt.word not in self.lists.openers:
                return None
            if self.intro_phrase(sentence_start, run_start):
                return None
        return end

    def abbreviation_kind(self, word: str) -> str | None:
        if len(word) == 1 and word.isupper():
            return AMBIGUOUS  # an initial ("Sergei K. Shoigu"), or "I" ending a sentence
        kind = self.lists.kind(word)
        if kind is None and (_INITIALISM.fullmatch(word) or (len(word) == 1 and word.isalpha())):
            return AMBIGUOUS
        return kind

    def list_marker(self, sentence_start: int, run_start: int) -> bool:
        if run_start - sentence_start > 12:
            return False
        return _LIST_MARKER.fullmatch(self.text[sentence_start:run_start].strip(" " + _BULLETS)) is not None

    def intro_phrase(self, sentence_start: int, run_start: int) -> bool:
        """'At 5 a.m.' before 'Mr. Smith went': a short prepositional phrase is not a sentence yet."""
        if run_start - sentence_start > 40:
            return False
        words = self.text[sentence_start:run_start].split()
        return 0 < len(words) <= 4 and words[0] in self.lists.intro


def _list_cuts(text: str) -> list[int]:
    """Where the items of a numbered or lettered list that opens the text start: '1. a 2. b' -> [5]."""
    m = _LIST_START.match(text)
    if not m:
        return []
    label, style = m.group(1), m.group(2)
    cuts: list[int] = []
    pos = m.end()
    while True:
        label = str(int(label) + 1) if label.isdigit() else chr(ord(label) + 1)
        if not label.isalnum():
            return cuts
        marker = label + style
        pos = text.find(marker, pos)
        while pos != -1 and not (text[pos - 1].isspace() and text[pos + len(marker) : pos + len(marker) + 1].isspace()):
            pos = text.find(marker, pos + 1)
        if pos == -1:
            return cuts
        cuts.append(_before_bullet(text, pos))
        pos += len(marker)


def _before_bullet(text: str, pos: int) -> int:
    """'• 10.' keeps its bullet: cut before the bullet, not between it and the number."""
    back = pos
    while back > 0 and text[back - 1].isspace():
        back -= 1
    return back - 1 if back > 0 and text[back - 1] in _BULLETS else pos


def _hard_cuts(text: str) -> list[int]:
    cuts = [m.start() for m in _LINE_BREAK.finditer(text)]
    cuts += [m.start() for m in _BULLET.finditer(text)]
    cuts += [m.end() for m in _WIDE_STOP.finditer(text)]
    cuts += _list_cuts(text)
    return sorted(set(cuts))


def _spans(text: str, cuts: list[int]) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for cut in [*cuts, len(text)]:
        first = _NON_SPACE.search(text, start, cut)
        if first:
            left = first.start()
            spans.append((left, left + len(text[left:cut].rstrip())))
        start = cut
    return spans


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph; linear in len(text), never raises on any str."""
    hard = _hard_cuts(text)
    soft = _Scanner(text, hard).cuts()
    return _spans(text, sorted(set(hard).union(soft)))
