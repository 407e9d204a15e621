"""Properties of the cleaner on any text: it never crashes, never invents text, and its removal
report points at real raw lines."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from tui.corpus.clean import clean
from tui.textsafe import UNSAFE_CHARS

_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_SPACES = re.compile(r"\s+")

# Fragments that steer text into every pass: prose, chrome, markers, metadata, captions, controls.
FRAGMENTS = [
    "Sergei Shoigu said on Tuesday that North Korea would send 1,000 sappers to the Kursk region.",
    "and 5,000 military construction workers to restore infrastructure there, according to Tass.",
    "Kim Jong Un",
    "decided to send them",
    "North Korean leader",
    "Related Articles",
    "Comments",
    "NewsBite",
    "logo",
    "The Times",
    "Time of India5 hours ago",
    "5 hours ago",
    "Original URL: https://x.example/a",
    "The post A Headline Here appeared first on Some Outlet.",
    "Choe Sang-Hun contributed reporting.",
    "Anton Troianovski is the Moscow bureau chief for The Times.",
    "Picture: Someone via AP",
    "Published: June 17, 2025",
    "By Jane Roe",
    "Download the Moneycontrol App",
    "Kursk holds symbolic value",
    "As Russia retakes Kursk, Ukrainians ask: 'Was it worth it?'",
    "\u202e",
    "\u200b",
    "\x1b[2J",
    "\x00",
    "\ufeff",
    "\u2028",
    "\xa0",
    "\t",
    " ",
    "…",
    "“",
    "”",
]

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), max_size=40).flatmap(
        lambda parts: st.lists(
            st.sampled_from(["\n", "\r\n", "\n\n", " ", "\r"]), min_size=len(parts), max_size=len(parts)
        ).map(lambda seps: "".join(p + s for p, s in zip(parts, seps, strict=False)))
    ),
)


def normalised(text: str) -> str:
    """Line breaks (\n, \r\n, a lone \r) as spaces, invisible characters gone, whitespace collapsed."""
    return _SPACES.sub(" ", UNSAFE_CHARS.sub("", "\n".join(_LINE_BREAK.split(text)))).strip()


@settings(max_examples=300, deadline=None)
@given(texts)
def test_never_crashes_and_invents_nothing(raw):
    result = clean(raw)
    haystack = normalised(raw)
    for p in result.paragraphs:
        assert p.text and p.text == p.text.strip()
        assert not UNSAFE_CHARS.search(p.text)
        # every paragraph, whitespace collapsed, is a stretch of the raw text (joins use one space)
        assert normalised(p.text) in haystack
    allowed = set(raw) | {" ", "…"}
    assert set(result.title) <= allowed
    if not result.title_derived:
        assert normalised(result.title) in haystack


@settings(max_examples=300, deadline=None)
@given(texts)
def test_removal_report_points_at_real_lines(raw):
    result = clean(raw)
    raw_lines = _LINE_BREAK.split(raw)
    for r in result.removed:
        assert 1 <= r.line <= len(raw_lines)
        assert r.reason
        if r.reason != "control-characters":
            assert r.text == normalised(raw_lines[r.line - 1])
    dropped = [r.line for r in result.removed if r.reason != "control-characters"]
    assert len(dropped) == len(set(dropped)), "a line is reported dropped twice"
    assert [r.line for r in result.removed] == sorted(r.line for r in result.removed)


@settings(max_examples=100, deadline=None)
@given(texts)
def test_every_non_blank_line_is_kept_or_reported(raw):
    result = clean(raw)
    kept = " ".join(normalised(p.text) for p in result.paragraphs)
    reported = {r.line for r in result.removed if r.reason != "control-characters"}
    for no, line in enumerate(_LINE_BREAK.split(raw), start=1):
        text = normalised(line)
        if text and no not in reported:
            assert text in kept
