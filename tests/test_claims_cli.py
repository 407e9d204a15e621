"""`kursk-reader stories` and `kursk-reader claims` as a user runs them, and the story/claim of each figure."""

from __future__ import annotations

import csv
import io
import json

from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_stories_json_lists_the_bundled_story(capsys, seed_corpus):
    code, out, _ = run(capsys, "stories", "--articles", str(seed_corpus), "--json")
    assert code == 0
    [story] = json.loads(out)
    assert set(story) >= {"id", "title", "article_ids", "outlets", "first_published", "last_published", "n_claims"}
    assert len(story["article_ids"]) == 5 and story["n_claims"] > 5


def test_claims_of_a_story_and_the_figures_that_point_to_them(capsys, seed_corpus):
    _, out, _ = run(capsys, "stories", "--articles", str(seed_corpus), "--json")
    story = json.loads(out)[0]["id"]
    code, out, _ = run(capsys, "claims", "--articles", str(seed_corpus), "--story", story, "--json")
    assert code == 0
    claims = json.loads(out)
    sappers = next(c for c in claims if c["counts"] == "sappers")
    assert sappers["relation"] == "agree" and sappers["story"] == story
    assert {"value", "value_max", "outlets", "article_ids", "published", "figures"} <= set(sappers["values"][0])
    assert sappers["sources"]["reports"] == 5
    _, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--json")
    figures = json.loads(out)
    pointing = [f for f in figures if f["claim"] == sappers["id"]]
    assert len(pointing) == 5 and all(f["story"] == story for f in pointing)


def test_claims_export_csv_cites_every_figure(capsys, seed_corpus):
    code, out, _ = run(capsys, "claims", "--articles", str(seed_corpus), "--export", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert any(r["relation"] == "different windows" and r["window"] == "this month" for r in rows)


def test_unknown_story_and_bad_format_are_one_line_errors(capsys, seed_corpus):
    code, _, err = run(capsys, "claims", "--articles", str(seed_corpus), "--story", "story-nope")
    assert code != 0 and err.count("\n") == 1 and "no story" in err
    code, _, err = run(capsys, "claims", "--articles", str(seed_corpus), "--export", "xls")
    assert code != 0 and "md or csv" in err


def test_a_vague_value_is_given_in_words_never_as_a_number(capsys, seed_corpus):
    code, out, _ = run(capsys, "--articles", str(seed_corpus), "claims", "--json")
    values = [v for c in json.loads(out) for v in c["values"]]
    vague = [v for v in values if v["words"]]
    assert code == 0 and any(v["words"] == "thousands" for v in vague)
    assert all(v["words"] is None for v in values if v not in vague)
    code, table, _ = run(capsys, "--articles", str(seed_corpus), "claims")
    assert "thousands:" in table.replace("\n", " ")


def test_a_year_is_shown_as_a_year_never_with_a_thousands_comma(capsys, seed_corpus):
    _, out, _ = run(capsys, "claims", "--articles", str(seed_corpus), "--json")
    years = [c for c in json.loads(out) if c["kind"] == "date" and any(v["value"] >= 1900 for v in c["values"])]
    assert years, "the bundled reports date things by year (2024)"
    code, table, _ = run(capsys, "claims", "--articles", str(seed_corpus), "--export", "csv")
    assert code == 0
    cells = {cell for row in csv.reader(io.StringIO(table)) for cell in row}
    assert "2024" in cells and "2,024" not in cells


def test_a_date_claim_shows_its_date_as_written_not_the_day_number():
    """ "June 4" is stored with the value 4 (its day): the claims table and views show "June 4"."""
    from tui.corpus.claims import ClaimFigure, ClaimValue
    from tui.formatting import value_text

    figure = ClaimFigure("a1", 10, 16, 0, "June 4", None)
    day = ClaimValue(4.0, None, "g1", ["Daily Star"], ["a1"], None, None, [figure])
    assert day.as_written("date") == "June 4" and value_text(day, "date") == "June 4"
    count = ClaimValue(1000.0, 1200.0, "g2", ["Daily Star"], ["a1"], None, None, [figure])
    assert value_text(count, "count") == "1,000–1,200"
