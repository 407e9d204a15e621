"""Article files read fast with PyYAML's safe loader: what `yaml.load(data, Loader=SafeLoader)` gives, in
about half the time.

libyaml parses in C, but PyYAML then asks Python, for every scalar, which tag its plain form reads as (a
few regular expressions), and builds every value through a generic constructor (~170 scalars an article:
most of a load's time). Here the tags of short plain scalars (offsets, flags, dates) are remembered, and
the plain tree an article file is (mappings, lists, text, whole numbers, true/false, null, each node once)
is built directly. Anything else (an alias, a merge key, another tag, a number written another way, a key
that cannot be a dict key) is built by PyYAML's SafeConstructor from the same nodes, exactly as before: the
fast path only ever gives what it would give."""

from __future__ import annotations

import re
from typing import Any

import yaml

try:  # libyaml is 5-10x faster; both loaders are safe loaders
    from yaml import CSafeLoader as SafeLoader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader  # type: ignore[assignment]

_STR, _INT, _BOOL, _NULL = (f"tag:yaml.org,2002:{t}" for t in ("str", "int", "bool", "null"))
_SEQ, _MAP = "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]*)\Z")  # "012" is octal, "1_000" and "1:30" other forms: PyYAML's
_PLAIN_TAGS: dict[str, str] = {}  # short scalar -> the tag its plain form reads as ("12" int, "no" bool)
_PLAIN_TAGS_LIMIT = 100_000
_PLAIN_TAGS_LONGEST = 32  # offsets, flags, dates, ids: what repeats; a paragraph's text does not


class _Irregular(Exception):
    """Something the direct build does not make: PyYAML's constructor builds the document instead."""


class ArticleLoader(SafeLoader):
    def resolve(self, kind: Any, value: Any, implicit: Any) -> Any:
        """The tag of a short plain scalar, remembered (a safe loader has no path resolvers, so it
        depends on the value alone)."""
        if kind is not yaml.ScalarNode or not implicit[0] or self.yaml_path_resolvers:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        if len(value) > _PLAIN_TAGS_LONGEST:
            return super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
        tag = _PLAIN_TAGS.get(value)
        if tag is None:
            tag = super().resolve(kind, value, implicit)  # type: ignore[no-untyped-call]
            if len(_PLAIN_TAGS) < _PLAIN_TAGS_LIMIT:
                _PLAIN_TAGS[value] = tag
        return tag

    def construct_document(self, node: Any) -> Any:
        try:
            return _build(node, set())
        except (_Irregular, RecursionError):
            return super().construct_document(node)


_BOOLS = {"yes": True, "no": False, "true": True, "false": False, "on": True, "off": False}


def _build(node: Any, seen: set[int]) -> Any:
    if id(node) in seen:
        raise _Irregular  # an alias: PyYAML shares one object (and never copies a "billion laughs")
    seen.add(id(node))
    tag = node.tag
    if type(node) is yaml.ScalarNode:
        value = node.value
        if tag == _STR:
            return value
        if tag == _INT and _DECIMAL.match(value):
            return int(value)
        if tag == _BOOL and value.lower() in _BOOLS:
            return _BOOLS[value.lower()]
        if tag == _NULL:
            return None
        raise _Irregular
    if type(node) is yaml.SequenceNode and tag == _SEQ:
        return [_build(item, seen) for item in node.value]
    if type(node) is yaml.MappingNode and tag == _MAP:
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Irregular
            key = _build(key_node, seen)
            try:
                out[key] = _build(value_node, seen)
            except TypeError:  # an unhashable key: PyYAML says so
                raise _Irregular from None
        return out
    raise _Irregular


def load_yaml(data: bytes | str) -> Any:
    """What yaml.load(data, Loader=SafeLoader) gives for one document (and raises for a bad one)."""
    return yaml.load(data, Loader=ArticleLoader)
