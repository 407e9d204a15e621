"""The query language: checked, parsed by Whoosh's parser, then rewritten onto the fast fields.

Every way a query can be malformed becomes a QueryError with a one-line message before Whoosh sees
it; the rewrite also records what each positive clause matches in the text (MatchSpec), which is
how hits get their exact offsets."""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from ..errors import UserError
from .analysis import PREFIX_MIN, fold, is_number
from .vocabulary import Vocabulary
from .whoosh_adapter import DistinctRange, qparser, query

T = TypeVar("T")
MAX_QUERY_CHARS = 500
MAX_EXPANSIONS = 512  # fuzzy expansions scanned at most
# A prefix searches its most frequent words, like Elasticsearch's max_expansions; short prefixes
# (the first keystrokes of search-as-you-type) expand to fewer, or each keystroke would cost seconds.
MAX_PREFIX_TERMS = {2: 8, 3: 16}
MAX_PREFIX_TERMS_LONG = 48
# ...and only as many as fit this many postings (scoring is ~2-5 µs a posting in Whoosh): words
# too common to fit are skipped ("sa*" skips "said"), so one keystroke stays under ~100 ms at 100k.
PREFIX_POSTINGS_BUDGET = 30_000
FIELD_ALIASES = {
    "text": "body",
    "body": "body",
    "title": "title",
    "outlet": "outlet",
    "source": "outlet",
    "author": "author",
    "published": "published",
    "date": "published",
    "counts": "counts",
    "kind": "kind",
    "value": "value",
    "id": "id",
}

_SMART_QUOTES = str.maketrans({"“": '"', "”": '"', "„": '"', "«": '"', "»": '"'})
_SPACED_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?![\w])")
_FIELD = re.compile(r"(?<![\w:])([A-Za-z_]+):")
_RANGE = re.compile(r"\bvalue:([^\s()]+?)\.\.([^\s()]+)")
_MINUS = re.compile(r"(?:(?<=[\s(])|^)-(?=[\w\"(])")
_PLUS = re.compile(r"(?:(?<=[\s(])|^)\+(?=[\w\"(])")
_BARE_WORD = re.compile(r'"[^"]*"|[^\s()"]+')


class QueryError(UserError):
    """A malformed query: the message says what is wrong, in one line."""


@dataclass(frozen=True)
class MatchSpec:
    """What one positive clause of the query matches in an article's text."""

    kind: str  # term | prefix | phrase | figure | title (a title: term: marks in the title only)
    terms: tuple[str, ...] = ()  # term: any of these; phrase: these in a row; figure: skip figures showing it
    prefix: str = ""
    low: float = -math.inf  # figure value range (inclusive bounds after normalising)
    high: float = math.inf
    counts: str = ""  # figure: the counted thing's term


@dataclass
class ParsedQuery:
    text: str
    query: Any  # whoosh Query, rewritten onto the fast fields
    specs: list[MatchSpec] = field(default_factory=list)
    # The same query with its required body phrases relaxed to their words (None when it has none):
    # ranking candidates with it and checking word positions for the few shown is far cheaper than
    # Whoosh's phrase matcher, which decodes positions for every document holding all the words.
    relaxed: Any = None
    required_phrases: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (field, words)


def check(text: str) -> str:
    """The query normalised, or QueryError saying what is wrong with it."""
    if len(text) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(text):,} characters; the limit is {MAX_QUERY_CHARS})")
    for i, ch in enumerate(text):
        if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Co") and ch not in "\t\n":
            raise QueryError(f"the query contains a control character (U+{ord(ch):04X} at position {i + 1})")
    text = " ".join(text.translate(_SMART_QUOTES).split())
    if not text:
        raise QueryError('empty query: type a word, a "phrase", a number or field:value')
    if text.count('"') % 2:
        raise QueryError('unbalanced quote: close the phrase with " (e.g. "military construction")')
    _check_parentheses(text)
    for token in _BARE_WORD.findall(text):
        if not token.startswith('"'):
            _check_word(token)
    return text


def _check_parentheses(text: str) -> None:
    depth = 0
    for token in re.findall(r'"[^"]*"|[()]', text):
        if token == "(":
            depth += 1
        elif token == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("unbalanced parenthesis: a ')' has no matching '('")
    if depth:
        raise QueryError("unbalanced parenthesis: a '(' is never closed")


def _check_word(token: str) -> None:
    m = _FIELD.match(token)
    if m and m.group(1).lower() not in FIELD_ALIASES:
        known = ", ".join(f"{name}:" for name in ("title", "outlet", "author", "published", "counts", "kind", "value"))
        raise QueryError(f"unknown field '{m.group(1)}:' (fields: {known})")
    word = token[m.end() :] if m else token
    word = word.lstrip("+-")
    if "*" not in word:
        return
    stem = word.rstrip("*")
    if not stem.strip("*"):
        raise QueryError("a lone * would match everything: put it after two or more letters, e.g. sap*")
    if "*" in stem or "?" in stem:
        raise QueryError(f"'{token}': * is only allowed at the end of a word (e.g. sap*)")
    if len(fold(stem)) < PREFIX_MIN and not (m and FIELD_ALIASES[m.group(1).lower()] == "published"):
        raise QueryError(f"'{token}': a prefix needs at least {PREFIX_MIN} letters (e.g. sa*)")


def normalise(text: str) -> str:
    """Whoosh syntax for our conveniences: 15 000 -> 15000, value:1..2 -> value:[1 TO 2], -w -> NOT w."""
    text = _SPACED_NUMBER.sub(lambda m: re.sub(r"\D", "", m.group()), text)
    text = _RANGE.sub(lambda m: f"value:[{_num(m.group(1))} TO {_num(m.group(2))}]", text)
    text = re.sub(
        r"\bvalue:([<>]=?)([\d,.\u00a0\u202f\u2009]+)", lambda m: f"value:{m.group(1)}{_num(m.group(2))}", text
    )
    text = _FIELD.sub(lambda m: f"{FIELD_ALIASES.get(m.group(1).lower(), m.group(1))}:", text)
    text = _MINUS.sub("NOT ", text)
    return _PLUS.sub("", text)


def _num(raw: str) -> str:
    cleaned = re.sub(r"[,\u00a0\u202f\u2009]", "", raw)
    try:
        float(cleaned)
    except ValueError:
        raise QueryError(f"'{raw}' is not a number (ranges look like value:1000..6000 or value:>10000)") from None
    return cleaned


def make_parser(schema: Any) -> Any:
    parser = qparser.QueryParser("body", schema)
    parser.remove_plugin_class(qparser.WildcardPlugin)  # no ? or inner *: prefix* only
    parser.add_plugin(qparser.PrefixPlugin())
    parser.add_plugin(qparser.FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


@dataclass
class _Context:
    reader: Any  # whoosh IndexReader
    vocabulary: Vocabulary


def parse(text: str, parser: Any, reader: Any, vocabulary: Vocabulary) -> ParsedQuery:
    text = check(text)
    whoosh_syntax = normalise(text)
    try:
        tree = parser.parse(whoosh_syntax)
    except Exception as e:
        raise QueryError(f"cannot read the query {text!r} ({type(e).__name__}); check its operators") from e
    _raise_parse_errors(tree)
    specs: list[MatchSpec] = []
    rewritten = _rewrite(tree, _Context(reader, vocabulary), specs, negated=False)
    relaxed, phrases = _relax_required_phrases(rewritten)
    return ParsedQuery(text, rewritten, specs, relaxed, phrases)


def _is_exact_phrase(q: Any) -> bool:
    return isinstance(q, query.Phrase) and q.slop <= 1 and len(q.words) > 1


def _words_of(phrase: Any) -> list[Any]:
    return [query.Term(phrase.fieldname, w, boost=phrase.boost) for w in phrase.words]


def _relax_required_phrases(q: Any) -> tuple[Any, list[tuple[str, tuple[str, ...]]]]:
    """(query with each required phrase as an AND of its words, [(field, words)]) or (None, [])."""
    if _is_exact_phrase(q):
        return query.And(_words_of(q)), [(q.fieldname, tuple(q.words))]
    if isinstance(q, query.And):
        phrases = [(c.fieldname, tuple(c.words)) for c in q.subqueries if _is_exact_phrase(c)]
        if phrases:
            children = []
            for c in q.subqueries:
                children.extend(_words_of(c) if _is_exact_phrase(c) else [c])
            return query.And(children), phrases
    return None, []


def _raise_parse_errors(q: Any) -> None:
    error = getattr(q, "error", None)
    if error:
        raise QueryError(f"cannot read the query: {error}")
    for child in q.children():
        _raise_parse_errors(child)


def _rewrite(q: Any, ctx: _Context, specs: list[MatchSpec], negated: bool) -> Any:
    if isinstance(q, query.Not):
        return query.Not(_rewrite(q.query, ctx, specs, not negated))
    if isinstance(q, query.AndNot):
        return query.AndNot(_rewrite(q.a, ctx, specs, negated), _rewrite(q.b, ctx, specs, not negated))
    leaf = _rewrite_leaf(q, ctx, specs if not negated else [])
    if leaf is not None:
        return leaf
    return q.apply(lambda child: _rewrite(child, ctx, specs, negated))


def _rewrite_leaf(q: Any, ctx: _Context, specs: list[MatchSpec]) -> Any:
    name = getattr(q, "fieldname", None)
    if isinstance(q, query.FuzzyTerm):
        return _fuzzy(q, ctx, specs) if name == "body" else q
    if isinstance(q, query.Prefix):
        return _prefix(q.text, ctx, specs) if name == "body" else q
    if isinstance(q, query.Phrase):
        return _phrase(q, specs) if name == "body" else q
    if name == "value":
        return _value(q, ctx, specs)
    if isinstance(q, query.Term):
        if name == "body":
            return _term(q, specs)
        if name == "counts":
            specs.append(MatchSpec("figure", counts=q.text))
        elif name == "title":
            specs.append(MatchSpec("title", terms=(q.text,)))
        return q
    return None


def _value(q: Any, ctx: _Context, specs: list[MatchSpec]) -> Any:
    """A figure value or range as a DistinctRange. Bounds beyond the largest float (1e309 reads as
    infinity) are the largest float, so `value:<-1e309` matches nothing, as `value:<-1e300` does."""
    if isinstance(q, query.NumericRange):
        start, end = _finite(q.start), _finite(q.end)
        startexcl, endexcl = q.startexcl, q.endexcl
    elif isinstance(q, query.Term):
        number = ctx.reader.schema["value"].from_bytes(q.text) if isinstance(q.text, bytes) else _finite(q.text)
        start = end = number
        startexcl = endexcl = False
    else:
        raise QueryError("value: takes a number or a range (e.g. value:15000, value:>1000, value:1000..6000)")
    specs.append(MatchSpec("figure", low=_bound(start, startexcl, -1), high=_bound(end, endexcl, 1)))
    return DistinctRange("value", start, end, startexcl, endexcl, boost=q.boost)


def _finite(raw: str | float | None) -> float | None:
    if raw is None:
        return None
    try:
        value = float(raw)
    except (TypeError, ValueError):
        raise QueryError(
            f"value: takes a number or a range, not {str(raw)[:40]!r} (e.g. value:15000, value:>1000)"
        ) from None
    if math.isnan(value):
        raise QueryError(f"{str(raw)[:40]!r} is not a number (ranges look like value:1000..6000 or value:>10000)")
    return max(-sys.float_info.max, min(sys.float_info.max, value))


def _bound(value: float | None, exclusive: bool, direction: int) -> float:
    if value is None:
        return direction * math.inf
    return math.nextafter(value, direction * math.inf) if exclusive else value


def _term(q: Any, specs: list[MatchSpec]) -> Any:
    specs.append(MatchSpec("term", terms=(q.text,)))
    if not is_number(q.text):
        return q
    value = float(q.text)
    specs.append(MatchSpec("figure", terms=(q.text,), low=value, high=value))
    return query.Or([q, DistinctRange("value", value, value, boost=q.boost)])


def _phrase(q: Any, specs: list[MatchSpec]) -> Any:
    words = list(q.words)
    if not words:
        return query.NullQuery
    if len(words) == 1:
        specs.append(MatchSpec("term", terms=tuple(words)))
        return query.Term("body", words[0], boost=q.boost)
    specs.append(MatchSpec("phrase", terms=tuple(words)) if q.slop <= 1 else MatchSpec("term", terms=tuple(words)))
    return q


def _prefix(text: str, ctx: _Context, specs: list[MatchSpec]) -> Any:
    prefix = fold(text)
    frequency = {t: ctx.reader.doc_frequency("body", t) for t in ctx.vocabulary.expand(prefix)}
    terms = tuple(sorted(_within_budget(frequency, MAX_PREFIX_TERMS.get(len(prefix), MAX_PREFIX_TERMS_LONG))))
    specs.append(MatchSpec("prefix", terms=terms, prefix=prefix))
    return query.Or([query.Term("body", t) for t in terms]) if terms else query.NullQuery


def _within_budget(frequency: dict[str, int], most: int) -> list[str]:
    """The most frequent terms whose postings fit the budget (the rarest one if none fits)."""
    chosen, spent = [], 0
    for term, df in sorted(frequency.items(), key=lambda item: (-item[1], item[0])):
        if df and spent + df <= PREFIX_POSTINGS_BUDGET:
            chosen.append(term)
            spent += df
            if len(chosen) == most:
                break
    if not chosen and any(frequency.values()):
        chosen = [min((t for t, df in frequency.items() if df), key=lambda t: (frequency[t], t))]
    return chosen


def _fuzzy(q: Any, ctx: _Context, specs: list[MatchSpec]) -> Any:
    text = q.text  # already analysed (stemmed) by the parser
    if not text:  # nothing left of the word once analysed (a lone combining accent): nothing to match
        return query.NullQuery
    maxdist = min(max(q.maxdist, 1), 2)
    # A misspelt first letter is rare and scanning every term is not cheap; Whoosh's automaton
    # indexes the prefix's letters, so it may not be longer than the word.
    prefixlength = min(max(q.prefixlength, 1), len(text))
    found = set(_limited(ctx.reader.terms_within("body", text, maxdist, prefix=prefixlength)))
    found.add(text)
    terms = tuple(sorted(found))
    specs.append(MatchSpec("term", terms=terms))
    return query.Or([query.Term("body", t, boost=q.boost) for t in terms])


def _limited(iterable: Iterable[T]) -> Iterator[T]:
    for i, item in enumerate(iterable):
        if i >= MAX_EXPANSIONS:
            return
        yield item
