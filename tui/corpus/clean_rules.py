"""The cleaner's data rules: the bundled cleaning_rules.yaml, plus the user's file named by
$KURSK_READER_RULES (its lists are appended, its mappings override). Loaded with yaml.safe_load."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import UserError

BUNDLED_RULES = Path(__file__).with_name("cleaning_rules.yaml")
RULES_ENV = "KURSK_READER_RULES"
DEFAULT_MAX_WORDS = 40


class RulesError(UserError):
    pass


@dataclass(frozen=True)
class LineRule:
    """Drops a line that equals, contains or matches one of its patterns; `name` is the reason."""

    name: str
    exact: frozenset[str]
    contains: tuple[str, ...]  # casefolded
    pattern: re.Pattern[str] | None  # the `regex` patterns as one alternation
    max_words: int

    def matches(self, line: str, folded: str) -> bool:
        """Whether `contains` or `regex` matches (exact lines and max_words are the caller's)."""
        for phrase in self.contains:
            if phrase in folded:
                return True
        return self.pattern is not None and self.pattern.search(line) is not None


@dataclass(frozen=True)
class Rules:
    line_rules: tuple[LineRule, ...] = ()
    tail_markers: frozenset[str] = frozenset()
    tail_marker: re.Pattern[str] | None = None  # all tail_marker_patterns as one whole-line regex
    comment_marker: re.Pattern[str] | None = None  # all comment_markers as one whole-line regex
    comment_count: re.Pattern[str] | None = None  # all comment_counts as one whole-line regex
    outlet_aliases: dict[str, str] = field(default_factory=dict[str, Any])  # casefolded name -> shown name
    known_outlets: frozenset[str] = frozenset()  # casefolded
    footer_patterns: tuple[re.Pattern[str], ...] = ()
    boilerplate_words: frozenset[str] = frozenset()
    exact_reasons: dict[str, str] = field(default_factory=dict[str, Any])  # casefolded line -> rule name

    def reason_for(self, line: str, folded: str, n_words: int) -> str | None:
        """The name of the first line rule that drops this line (exact matches first), or None."""
        reason = self.exact_reasons.get(folded)
        if reason is not None:
            return reason
        for rule in self.line_rules:
            if n_words <= rule.max_words and rule.matches(line, folded):
                return rule.name
        return None

    def is_tail_marker(self, line: str) -> bool:
        """ "Related Articles", "More from UK": a line that heads other stories (no colon, any case)."""
        bare = line.rstrip(" :")
        if bare.casefold() in self.tail_markers:
            return True
        return self.tail_marker is not None and self.tail_marker.fullmatch(bare) is not None

    def outlet_name(self, name: str) -> str:
        return self.outlet_aliases.get(name.casefold(), name)


def _merge(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Lists are appended, mappings merged key by key, anything else replaced."""
    out = dict(base)
    for key, value in extra.items():
        old = out.get(key)
        if isinstance(old, list) and isinstance(value, list):
            out[key] = old + value
        elif isinstance(old, dict) and isinstance(value, dict):
            out[key] = _merge(old, value)
        else:
            out[key] = value
    return out


def _read_yaml(path: Path) -> dict[str, Any]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise RulesError(f"{path}: cannot read cleaning rules ({e.strerror or e})") from e
    except (yaml.YAMLError, UnicodeDecodeError) as e:
        first = (str(e).strip().splitlines() or [type(e).__name__])[0]
        raise RulesError(f"{path}: not valid YAML cleaning rules ({first})") from e
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise RulesError(f"{path}: cleaning rules must be a mapping at the top level")
    return data


def _strings(value: object, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        raise RulesError(f"cleaning rules: {where} must be a list of strings")
    return [str(v) for v in value]


def _compile(pattern: str, where: str, flags: int = 0) -> re.Pattern[str]:
    try:
        return re.compile(pattern, flags)
    except re.error as e:
        raise RulesError(f"cleaning rules: bad regular expression in {where}: {pattern!r} ({e})") from e


def _line_rule(raw: object) -> LineRule:
    if not isinstance(raw, dict) or not isinstance(raw.get("name"), str):
        raise RulesError("cleaning rules: every entry of line_rules needs a `name`")
    name = raw["name"]
    max_words = raw.get("max_words", DEFAULT_MAX_WORDS)
    if not isinstance(max_words, int) or max_words < 1:
        raise RulesError(f"cleaning rules: max_words of {name!r} must be a positive whole number")
    regexes = _strings(raw.get("regex"), f"{name}.regex")
    for r in regexes:  # each one alone first, so an error names the bad pattern
        _compile(r, name, re.IGNORECASE)
    return LineRule(
        name=name,
        exact=frozenset(s.casefold() for s in _strings(raw.get("exact"), f"{name}.exact")),
        contains=tuple(s.casefold() for s in _strings(raw.get("contains"), f"{name}.contains")),
        pattern=_compile("|".join(f"(?:{r})" for r in regexes), name, re.IGNORECASE) if regexes else None,
        max_words=max_words,
    )


def _merge_line_rules(entries: list[Any]) -> list[Any]:
    """User entries with the name of a bundled rule extend it rather than shadowing it."""
    by_name: dict[str, dict[str, Any]] = {}
    for entry in entries:
        if isinstance(entry, dict) and isinstance(entry.get("name"), str):
            name = entry["name"]
            by_name[name] = _merge(by_name[name], entry) if name in by_name else dict(entry)
        else:
            by_name[f"\0{len(by_name)}"] = entry  # reported as an error by _line_rule
    return list(by_name.values())


def _alternation(data: dict[str, Any], key: str) -> re.Pattern[str] | None:
    """The whole-line regexes listed under `key` as one case-insensitive alternation (None if none)."""
    patterns = _strings(data.get(key), key)
    for pattern in patterns:
        _compile(pattern, key, re.IGNORECASE)  # names the bad pattern itself in the error
    return _compile("|".join(f"(?:{p})" for p in patterns), key, re.IGNORECASE) if patterns else None


def rules_from_dict(data: dict[str, Any]) -> Rules:
    outlets = data.get("outlets") or {}
    if not isinstance(outlets, dict):
        raise RulesError("cleaning rules: `outlets` must be a mapping")
    aliases = outlets.get("aliases") or {}
    if not isinstance(aliases, dict):
        raise RulesError("cleaning rules: outlets.aliases must be a mapping of name: shown name")
    line_rules = data.get("line_rules") or []
    if not isinstance(line_rules, list):
        raise RulesError("cleaning rules: `line_rules` must be a list")
    compiled = tuple(_line_rule(r) for r in _merge_line_rules(line_rules))
    exact_reasons: dict[str, str] = {}
    for rule in compiled:
        for line in rule.exact:
            exact_reasons.setdefault(line, rule.name)
    return Rules(
        exact_reasons=exact_reasons,
        comment_marker=_alternation(data, "comment_markers"),
        comment_count=_alternation(data, "comment_counts"),
        line_rules=compiled,
        tail_markers=frozenset(s.casefold() for s in _strings(data.get("tail_markers"), "tail_markers")),
        tail_marker=_alternation(data, "tail_marker_patterns"),
        outlet_aliases={str(k).casefold(): str(v) for k, v in aliases.items()},
        known_outlets=frozenset(s.casefold() for s in _strings(outlets.get("known"), "outlets.known")),
        footer_patterns=tuple(
            _compile(p, "outlets.footer_patterns")
            for p in _strings(outlets.get("footer_patterns"), "outlets.footer_patterns")
        ),
        boilerplate_words=frozenset(s.casefold() for s in _strings(data.get("boilerplate_words"), "boilerplate_words")),
    )


@lru_cache(maxsize=8)
def _load(paths: tuple[Path, ...], stamps: tuple[float, ...]) -> Rules:
    data: dict[str, Any] = {}
    for path in paths:
        data = _merge(data, _read_yaml(path))
    return rules_from_dict(data)


def load_rules(user_file: Path | str | None = None) -> Rules:
    """The bundled rules merged with `user_file`, or with $KURSK_READER_RULES when not given."""
    from_env = user_file is None and bool(os.environ.get(RULES_ENV))
    extra = user_file if user_file is not None else os.environ.get(RULES_ENV) or None
    paths = [BUNDLED_RULES] + ([Path(extra)] if extra else [])
    for path in paths:
        if not path.is_file():
            where = f" (named by ${RULES_ENV})" if from_env and path != BUNDLED_RULES else ""
            raise RulesError(f"{path}: cleaning rules file not found{where}")
    stamps = tuple(p.stat().st_mtime for p in paths)
    return _load(tuple(paths), stamps)
