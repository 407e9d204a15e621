"""Any text in, a list of well-formed figures out: no exception, offsets that slice, values that are numbers."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.figures import KINDS, Figure, extract_figures, figures_in_text
from tui.corpus.groups import analyse
from tui.corpus.model import Article, Paragraph, Span

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_PIECES = st.sampled_from(
    [
        *list("0123456789 ,.-–—/$£€%½[]()“”\"'…\n"),
        "one ",
        "two ",
        "third ",
        "half ",
        "of ",
        "a ",
        "dozen ",
        "million ",
        "thousands ",
        "June ",
        "in ",
        "2024",
        "per ",
        "month",
        "workers",
        "said ",
        "Shoigu ",
        "about ",
        "to ",
        "and ",
        "between ",
        "miles ",
        "years ",
        "bn",
        "k ",
        "square ",
        "the ",
        "¼",
    ]
)
NUMBERISH = st.lists(_PIECES, max_size=40).map("".join)


def check(figures: list[Figure], text: str) -> None:
    for f in figures:
        assert text[f.start : f.end] == f.surface and f.surface
        assert text[f.sentence_start : f.sentence_end] == f.sentence
        assert f.sentence_start <= f.start <= f.end <= f.sentence_end
        assert f.kind in KINDS and isinstance(f.value, float) and math.isfinite(f.value)
        json.dumps(f.to_dict())


def text_of(paragraphs: list[str]) -> str:
    return "\n\n".join(p.strip() for p in paragraphs if p.strip())


@FAST
@given(st.text(max_size=300))
def test_any_text_gives_well_formed_figures(text):
    check(figures_in_text(text), text_of(text.split("\n\n")))


@FAST
@given(st.lists(NUMBERISH, min_size=1, max_size=4))
def test_number_heavy_text_gives_well_formed_figures(paragraphs):
    text = "\n\n".join(paragraphs)
    check(figures_in_text(text), text_of(text.split("\n\n")))


@FAST
@given(
    st.lists(NUMBERISH, min_size=1, max_size=4),
    st.lists(st.tuples(st.integers(-5, 400), st.integers(-5, 400)), max_size=5),
)
def test_articles_with_any_sentence_spans(paragraphs, spans):
    """Stored sentence offsets that do not fit the text are replaced, never trusted."""
    article = Article(
        "x",
        "t",
        False,
        None,
        None,
        None,
        None,
        "",
        "",
        [Paragraph(p) for p in paragraphs],
        [Span(a, b) for a, b in spans],
    )
    check(extract_figures(article), article.text)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.lists(NUMBERISH, min_size=1, max_size=3), min_size=1, max_size=4))
def test_grouping_any_articles(articles_text):
    articles = [
        Article(f"a{n}", "t", False, f"Outlet {n % 2}", None, None, None, "", "", [Paragraph(p) for p in paras])
        for n, paras in enumerate(articles_text)
    ]
    figures, groups = analyse(articles)
    placed = [m for g in groups for m in g.members]
    assert len(placed) == sum(len(f) for f in figures.values())
    assert all(f.group for figs in figures.values() for f in figs)
    json.dumps([g.to_dict() for g in groups])


def test_peer_inputs_that_must_not_crash(shared_dir):
    data = json.loads((shared_dir / "peer" / "quantulum3_misc_en.json").read_text(encoding="utf-8"))
    texts = data["errors_no_crash"] + [case["req"] for case in data["expand"]]
    for text in texts:
        check(figures_in_text(text), text)


@pytest.mark.parametrize(
    "text",
    [
        "1" * 20000,
        "dozen " * 2000,
        "hundred " * 3000 + "men",
        "9" * 24 + "e300 trillion",
        "4e999",
        "$" * 1000 + "5",
        "1/0",
        "2/" * 500,
        "-" * 1000 + "5",
        "(" * 5000 + "3 sappers" + ")" * 5000,
        "thousand " * 400,
        "\x00\u202e5\u200b%",
    ],
)
def test_pathological_inputs(text):
    check(figures_in_text(text), text_of(text.split("\n\n")))
