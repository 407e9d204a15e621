"""Hardening (issue 5) of the cleaner, the segmenter, the figure extractor and the `figures` output:
hostile text is data (kept literally, never interpreted), escapes never reach a terminal, every JSON
output parses back to the stored text. The property at the end runs with $KURSK_FUZZ_EXAMPLES examples
(fuzz/run.sh raises it)."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import re
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.cli import main
from tui.corpus.clean import clean
from tui.corpus.figures import figures_in_text
from tui.corpus.ingest import segment
from tui.corpus.model import Article, Paragraph
from tui.corpus.sentences import split_sentences
from tui.corpus.store import Corpus
from tui.textsafe import UNSAFE_CHARS

BUDGET = int(os.environ.get("KURSK_FUZZ_EXAMPLES", "25"))
MARKUP = ["[bold red]x[/]", "[link=file:///etc/passwd]click[/link]", "[/]", "[combat engineers]"]
ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b]52;c;Zm9v\x07\x9b31m\u202e\u2066\u200b\ufeff\x00\x7f"
LONG = (
    "Sergei Shoigu said on Tuesday that North Korea would send 1,000 sappers and 5,000 military "
    "construction workers to the Kursk region, according to Tass."
)
MARKED = (
    "Officials said the [combat engineers] would clear mines, and the [bold red]x[/] team and "
    "[link=file:///etc/passwd]click[/link] group [/] would follow them later in the year."
)
ESCAPED = f"The workers will {ESCAPES}rebuild roads and bridges in the region, the ministry said on Tuesday."
RAW_OUTPUT_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- cleaner ----------------------------------------------------------------------------------------


def test_cleaner_keeps_markup_as_text_and_removes_unsafe_characters_saying_so():
    raw = f"Headline of the story here\n{LONG}\n{MARKED}\n{ESCAPED}\n{LONG[:-1]} again."
    result = clean(raw)
    body = "\n".join(p.text for p in result.paragraphs)
    assert MARKED in body  # brackets are article text: kept exactly
    assert not UNSAFE_CHARS.search(body) and "rebuild roads" in body
    (control,) = [r for r in result.removed if r.reason == "control-characters"]
    assert control.line == 4 and "\\x1b" in control.text and "\\u202e" in control.text  # the report shows them


def test_cleaner_keeps_or_reports_a_100000_character_word_quickly():
    word = "x" * 100_000
    started = time.perf_counter()
    result = clean(f"Headline of the story here\n{LONG}\n{word}\n{LONG[:-1]} again.")
    assert time.perf_counter() - started < 5
    kept = any(word in p.text for p in result.paragraphs)
    reported = [r for r in result.removed if r.line == 3]
    assert kept != bool(reported)  # kept whole, or dropped with a reason: never cut, never lost silently
    assert all(r.reason for r in reported)


# --- segmenter --------------------------------------------------------------------------------------


def test_segmenter_keeps_markup_inside_its_sentence_and_survives_a_100000_character_word():
    text = f"{MARKED} {'y' * 100_000}. Then {ESCAPES} a last one."
    spans = split_sentences(text)
    assert spans and all(0 <= s < e <= len(text) for s, e in spans)
    assert [(s, e) for s, e in spans if text[s:e] == text[s:e].strip()] == spans
    first = text[spans[0][0] : spans[0][1]]
    assert first.startswith(MARKED)  # "[/]" or "[combat engineers]" never end a sentence


# --- figures ----------------------------------------------------------------------------------------


def test_figures_in_hostile_text_slice_back_and_ignore_the_markup():
    text = f"{MARKED} Shoigu said 1,000 [combat engineers] and {ESCAPES}5,000 workers would go."
    figures = figures_in_text(text)
    for f in figures:
        assert text[f.start : f.end] == f.surface and text[f.sentence_start : f.sentence_end] == f.sentence
    assert {1000.0, 5000.0} <= {f.value for f in figures}
    assert not any(re.search(r"[\[\]]", f.surface) for f in figures)


@pytest.fixture
def hostile_corpus(tmp_path) -> Path:
    """An article file as a hand edit could leave it: markup and raw escapes in every field."""
    corpus = tmp_path / "articles"
    corpus.mkdir()
    paragraphs = [
        Paragraph(f"{MARKED} Shoigu said 1,000 sappers would go."),
        Paragraph(f"Later {ESCAPES}5,000 workers followed, the [bold red]ministry[/] said."),
    ]
    Corpus(corpus).save(
        Article(
            "hostile",
            "[bold red]T[/] \x1b]0;pwned\x07",
            False,
            "[i]Outlet[/i]\u202e",
            "https://x.example/[/]",
            "[b]A[/b]",
            None,
            "raw/hostile.txt",
            "",
            paragraphs,
            segment([p.text for p in paragraphs]),
        )
    )
    return corpus


@pytest.mark.parametrize(
    "extra",
    [[], ["--groups"], ["--export", "md"], ["--groups", "--export", "md"]],
    ids=["table", "groups", "md", "groups-md"],
)
def test_figures_plain_output_shows_markup_literally_and_no_raw_escape(capsys, hostile_corpus, monkeypatch, extra):
    monkeypatch.setenv("COLUMNS", "400")
    code, out, err = run(capsys, "figures", "--articles", str(hostile_corpus), *extra)
    assert code == 0 and "Traceback" not in err
    assert not RAW_OUTPUT_UNSAFE.search(out.replace("\n", "")), "a raw control/bidi character was printed"
    if extra == []:
        assert "[i]Outlet[/i]\\u202e" in out  # the outlet, escapes made visible
    if "md" in extra:  # the sentence column as a markdown renderer shows it (backslash escapes undone)
        shown = re.sub(r"\\(.)", r"\1", out)
        assert "[bold red]ministry[/]" in shown and "[i]Outlet[/i]" in shown and "x1b]0;pwned" in shown


@pytest.mark.parametrize("extra", [[], ["--groups"]], ids=["figures", "groups"])
def test_figures_json_parses_and_keeps_the_exact_text(capsys, hostile_corpus, extra):
    code, out, _ = run(capsys, "figures", "--articles", str(hostile_corpus), "--json", *extra)
    assert code == 0 and not RAW_OUTPUT_UNSAFE.search(out.replace("\n", ""))
    records = json.loads(out)
    text = Corpus(hostile_corpus).load("hostile").text
    members = [m for g in records for m in g["members"]] if extra else records
    assert {1000, 5000} <= {m["value"] for m in members}
    for m in members:
        assert text[m["start"] : m["end"]] == m["surface"]
        if "sentence_start" in m:
            assert text[m["sentence_start"] : m["sentence_end"]] == m["sentence"]


def test_csv_export_neutralises_every_formula_prefix(capsys, tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for n, prefix in enumerate(["=", "+", "@", "\t=", "\r=", "-"]):
        paragraphs = [Paragraph(f'{prefix}HYPERLINK("http://evil") said 5,000 workers came.')]
        Corpus(corpus).save(
            Article(
                f"evil{n}",
                "Headline",
                False,
                f"{prefix}outlet",
                None,
                None,
                None,
                f"raw/evil{n}.txt",
                "",
                paragraphs,
                segment([p.text for p in paragraphs]),
            )
        )
    code, out, _ = run(capsys, "figures", "--articles", str(corpus), "--export", "csv")
    rows = list(csv.reader(io.StringIO(out)))
    assert code == 0 and len(rows) >= 7
    cells = [cell for row in rows for cell in row]
    assert not any(cell.startswith(("=", "+", "@", "\t", "\r")) for cell in cells)
    assert not any(cell.startswith("-") and "HYPERLINK" in cell for cell in cells)
    assert sum("HYPERLINK" in cell for cell in cells) >= 6  # neutralised, not dropped


# --- the JSON output, fuzzed ----------------------------------------------------------------------------

_PIECES = st.sampled_from(
    [
        *MARKUP,
        "\x1b[31m",
        "\x1b]8;;http://e\x1b\\",
        "\u202e",
        "\u200b",
        "\x9b",
        "1,000 ",
        "5,000 ",
        "sappers ",
        "workers ",
        "said ",
        "about ",
        "$800 ",
        "a month",
        "half ",
        "dozen ",
        ". ",
        "“",
        "”",
        "\n",
    ]
)
_PARAGRAPH = st.lists(st.one_of(_PIECES, st.text(max_size=12)), min_size=1, max_size=25).map("".join)


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_PARAGRAPH, min_size=1, max_size=3), st.text(max_size=20))
def test_figures_json_of_any_article_parses_and_slices(paragraphs, title):
    paragraphs = [p.strip() for p in paragraphs if p.strip()]
    if not paragraphs:
        return
    article = Article(
        "fuzzed",
        title,
        False,
        title or None,
        None,
        None,
        None,
        "raw/fuzzed.txt",
        "",
        [Paragraph(p) for p in paragraphs],
        segment(paragraphs),
    )
    with tempfile.TemporaryDirectory() as folder:
        Corpus(Path(folder)).save(article)
        text = Corpus(Path(folder)).load("fuzzed").text
        for extra in ([], ["--groups"]):
            out = io.StringIO()
            with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
                assert main(["figures", "--articles", folder, "--json", *extra]) == 0
            assert not UNSAFE_CHARS.search(out.getvalue())
            records = json.loads(out.getvalue())
            members = [m for g in records for m in g["members"]] if extra else records
            for m in members:
                assert text[m["start"] : m["end"]] == m["surface"]
