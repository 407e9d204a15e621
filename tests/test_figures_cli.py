"""`kursk-reader figures` as a user runs it: table, --json, --groups, --export md|csv, and bad options."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tui.cli import main
from tui.corpus.figures import KINDS
from tui.corpus.ingest import segment
from tui.corpus.model import Article, Paragraph
from tui.corpus.store import Corpus

S3 = "003_bea1615d3e04fee1"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_records_slice_back_to_the_article(capsys, seed_corpus):
    code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--json", "--article", S3)
    assert code == 0
    records = json.loads(out)
    assert records and all(r["article_id"] == S3 for r in records)
    money = [r for r in records if r["kind"] == "money"]
    assert [(r["value"], r["unit"], r["per"], r["qualifier"]) for r in money] == [(800, "USD", "month", "about")]
    assert {"outlet", "article_title", "sentence", "sentence_index", "group"} <= set(records[0])
    code, out, _ = run(capsys, "show", "--articles", str(seed_corpus), S3, "--json")
    text = json.loads(out)["text"]
    for r in records:
        assert text[r["start"] : r["end"]] == r["surface"]
        assert text[r["sentence_start"] : r["sentence_end"]] == r["sentence"]


def test_kind_filter(capsys, seed_corpus):
    code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--json", "--kind", "ordinal")
    records = json.loads(out)
    assert code == 0 and records and {r["kind"] for r in records} == {"ordinal"}


def test_table_shows_figures_without_interpreting_markup(capsys, seed_corpus):
    code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--article", "000_11e551bf4783dd65")
    assert code == 0
    assert "[combat engineers]" in out.replace("\n", " ") or "[combat" in out  # markup would have eaten it
    assert "6000" in out and "ordinal" in out


def test_groups_table_and_json(capsys, seed_corpus, monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--groups")
    assert code == 0 and "1,000 sappers · 5 outlets" in out
    code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--groups", "--json")
    groups = json.loads(out)
    sappers = next(g for g in groups if g["label"] == "1,000 sappers")
    assert len(sappers["outlets"]) == 5 and all(m["group"] == sappers["id"] for m in sappers["members"])
    assert any(g["discrepancy"] for g in groups)


def test_export_csv_cites_article_outlet_and_sentence(capsys, seed_corpus):
    code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--export", "csv", "--kind", "money")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 2
    assert all(r["article"] and r["outlet"] and "$800" in r["sentence"] for r in rows)


def test_export_md_groups_is_a_pipe_table(capsys, seed_corpus):
    code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--groups", "--export", "md")
    lines = out.splitlines()
    assert code == 0 and lines[0].startswith("| group | claim |") and lines[1].startswith("|---")
    ncols = lines[0].count(" | ") + 1
    for line in lines[2:]:
        assert line.replace("\\|", "").count(" | ") + 1 == ncols


@pytest.mark.parametrize(
    "argv, message",
    [
        (["--kind", "apples"], "unknown kind 'apples'"),
        (["--article", "no_such_article"], "no article with id 'no_such_article'"),
        (["--export", "xlsx"], "unknown export format"),
        (["--export", "md", "--json"], "choose one of --json and --export"),
    ],
)
def test_bad_options_are_one_line_errors(capsys, seed_corpus, argv, message):
    code, out, err = run(capsys, "figures", "--articles", str(seed_corpus), *argv)
    assert code != 0 and out == ""
    assert err.count("\n") == 1 and err.startswith("kursk-reader: error: ") and message in err


def test_every_kind_is_accepted(capsys, seed_corpus):
    for kind in KINDS:
        code, out, _ = run(capsys, "figures", "--articles", str(seed_corpus), "--json", "--kind", kind)
        assert code == 0 and all(r["kind"] == kind for r in json.loads(out))


def test_csv_never_starts_a_formula(capsys, tmp_path):
    corpus = tmp_path / "articles"
    corpus.mkdir()
    paragraphs = [Paragraph('=HYPERLINK("x") said 5,000 workers came.')]
    Corpus(corpus).save(
        Article(
            "evil",
            "Headline",
            False,
            "@outlet",
            None,
            None,
            None,
            "raw/evil.txt",
            "",
            paragraphs,
            segment([p.text for p in paragraphs]),
        )
    )
    code, out, _ = run(capsys, "figures", "--articles", str(corpus), "--export", "csv")
    assert code == 0
    for row in csv.reader(io.StringIO(out)):
        assert not any(cell.startswith("=") for cell in row)


@pytest.mark.parametrize("columns", ["80", "140"])
def test_the_table_never_cuts_a_number(capsys, seed_corpus, monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    _, records, _ = run(capsys, "--articles", str(seed_corpus), "figures", "--json")
    numbers = {w for r in json.loads(records) if r["kind"] != "date" for w in r["surface"].split() if w[:1].isdigit()}
    code, out, _ = run(capsys, "--articles", str(seed_corpus), "figures")
    assert code == 0 and max(len(line) for line in out.splitlines()) <= int(columns)
    header = next(line for line in out.splitlines() if "value" in line).split("┃")
    column = next(i for i, name in enumerate(header) if name.strip() == "value")
    cells = [line.split("│")[column] for line in out.splitlines() if line.startswith("│")]
    values = {w for cell in cells for w in cell.split() if w[:1].isdigit()}
    assert values and all(not v.endswith("…") for v in values)  # no value is cut
    assert {n.replace(",", "") for n in numbers if n.isdigit()} <= {v.replace(",", "") for v in values}


def test_exports_cite_url_and_date_and_give_vague_amounts_in_words(capsys, seed_corpus):
    code, out, _ = run(capsys, "--articles", str(seed_corpus), "figures", "--export", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and {"url", "published"} <= rows[0].keys()
    assert any(r["url"].startswith("https://") for r in rows)
    vague = [r for r in rows if r["vague"] == "yes"]
    assert vague and all(not r["value"][:1].isdigit() for r in vague)  # "thousands", never "1,000"
    _, groups_md, _ = run(capsys, "--articles", str(seed_corpus), "figures", "--groups", "--export", "md")
    assert "| thousands |" in groups_md
