"""Hostile sizes (issue 12 item 5): figures refer to their sentence by offsets, an article past the limits is
read in part with a warning the caller can show, and odd `published` values never crash year arithmetic."""

from __future__ import annotations

import sys

from tui.corpus.figure_attribution import year_of
from tui.corpus.figures import MAX_FIGURES, MAX_SENTENCE_CHARS, Figure, figures_in_text, scan_figures
from tui.corpus.groups import analyse
from tui.corpus.model import Article, Paragraph, Span


def article(text: str, published: str | None = None) -> Article:
    return Article("hostile", "", True, None, None, None, published, "", "", [Paragraph(text)])


def test_figures_share_the_article_text_instead_of_copying_their_sentence():
    text = "Officials counted " + ", ".join(f"{n} tents" for n in range(1, 400)) + " in the camp."
    figures = figures_in_text(text)
    assert len(figures) == 399 and all(f.sentence == text for f in figures)
    # each figure holds the shared text, not a sentence string of its own
    held = {id(f.__dict__["_sentence_source"]) for f in figures}
    assert len(held) == 1 and sys.getsizeof(figures[0].__dict__["_sentence_source"]) < 100


def test_json_record_still_quotes_the_sentence():
    (fig,) = figures_in_text("The ferry carried 120 passengers.")
    assert fig.to_dict()["sentence"] == "The ferry carried 120 passengers."
    assert list(fig.to_dict())[11] == "sentence"  # the field keeps its place in the JSON record


def test_a_figure_built_by_hand_keeps_the_sentence_it_was_given():
    fig = Figure("a", 3.0, "count", "boats", None, None, None, False, "3 boats", 0, 7, "3 boats sank.", 0, 13, 0, None)
    assert fig.sentence == "3 boats sank." and fig.to_dict()["sentence"] == "3 boats sank."


def test_a_sentence_past_the_limit_is_read_in_pieces_with_a_warning():
    text = "Readings " + " ".join(f"{n} mm" for n in range(3_000)) + "."
    result = scan_figures(article(text))
    assert len(text) > MAX_SENTENCE_CHARS
    assert result.figures and all(len(f.sentence) <= MAX_SENTENCE_CHARS for f in result.figures)
    assert all(f.sentence_index == 0 for f in result.figures)
    assert any("read in pieces" in w for w in result.warnings)


def test_too_many_figures_are_cut_with_a_warning():
    text = " ".join(f"Crew {n} saw 7 boats." for n in range(MAX_FIGURES))
    result = scan_figures(article(text))
    assert len(result.figures) == MAX_FIGURES
    assert any(f"more than {MAX_FIGURES:,} figures" in w for w in result.warnings)


def test_an_ordinary_report_has_no_warnings():
    assert scan_figures(article("Rescuers pulled 12 people from the river on Monday.")).warnings == []


def test_superscript_published_date_with_last_year_does_not_crash():
    assert year_of("last year", "²⁰²⁴-06-01") is None
    assert year_of("last year", "2024-06-01") == 2023
    a = article("Last year 300 homes flooded, and last year 300 homes flooded again.", published="²⁰²⁴-06-01")
    b = Article("other", "", True, None, None, None, "2024-06-01", "", "", [Paragraph("Last year 300 homes flooded.")])
    figures, _ = analyse([a, b])
    assert figures["hostile"] and figures["other"]


def test_the_figures_command_says_when_an_article_was_read_in_part(tmp_path, capsys):
    from tui.cli import main as cli_main
    from tui.corpus.sentences import split_sentences
    from tui.corpus.store import Corpus

    text = " ".join(f"Crew {n} saw 7 boats." for n in range(MAX_FIGURES))
    corpus = Corpus(tmp_path / "articles", catalog_path=tmp_path / "catalog.json")
    big = article(text)
    big.sentences = [Span(s, e) for s, e in split_sentences(text)]
    corpus.save(big)
    assert cli_main(["--articles", str(corpus.root), "figures", "--json"]) == 0
    err = capsys.readouterr().err
    assert f"more than {MAX_FIGURES:,} figures" in err and err.startswith("kursk-reader: warning:")
