"""Exported tables (CLI `--export`, the reader's export): cell text is data in markdown and csv."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tui.tables import csv_cell, md_cell, render_table

HOSTILE = [
    '<img src=x onerror="alert(1)">',
    "![](http://tracker.example/pixel.gif)",
    "[click](javascript:alert(1))",
    "**bold** _em_ `code` | pipe ~~strike~~",
    "line one\nline two\x1b]0;title\x07",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_markdown_cells_never_become_markup(text):
    cell = md_cell(text)
    assert "<img" not in cell and "\n" not in cell and "\x1b" not in cell
    unescaped = re.sub(r"\\.", "", cell)  # what a renderer reads as markup: anything not backslashed
    assert not set("[]!*_`|~<>") & set(unescaped)
    row = render_table("md", ["a", "b"], [[text, "x"]]).splitlines()[2]
    assert row.count(" | ") == 1  # one cell boundary: a pipe in the text never splits the cell


def test_csv_cells_never_run_as_formulas_but_negative_numbers_stay_numbers():
    assert csv_cell('=HYPERLINK("http://x")').startswith("'")
    assert csv_cell("-2+3").startswith("'") and csv_cell("@SUM(A1)").startswith("'")
    assert csv_cell("-12.5") == "-12.5" and csv_cell("-1,000") == "-1,000"
    rows = list(csv.reader(io.StringIO(render_table("csv", ["v"], [[1000.0], [None], ["a,b"]]))))
    assert rows == [["v"], ["1000"], [""], ["a,b"]]


def test_the_cli_markdown_export_escapes_a_hostile_report(seed_corpus, capsys):
    from tui.cli import main as cli_main
    from tui.corpus.store import Corpus

    corpus = Corpus(seed_corpus, catalog_path=seed_corpus.parent / "catalog.json")
    article = corpus.load(corpus.ids()[0])
    first = article.paragraphs[0]
    hostile = "![](http://tracker.example/p.gif) <img src=x onerror=alert(1)> "
    article.paragraphs[0] = type(first)(hostile + first.text, first.heading)
    shift = len(hostile)
    article.sentences = [type(s)(s.start + (shift if s.start > 0 else 0), s.end + shift) for s in article.sentences]
    corpus.save(article)
    assert cli_main(["--articles", str(seed_corpus), "figures", "--export", "md"]) == 0
    out = capsys.readouterr().out
    assert "tracker.example" in out  # the text is there ...
    assert "![" not in out and "<img" not in out  # ... as text, not as an image or HTML
