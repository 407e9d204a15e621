"""The corpus commands as a user runs them: ingest / articles / show, plain and --json, and every
bad input ending in one line on stderr, a non-zero exit and an untouched corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "articles" / "raw"
ARTICLE_KEYS = [
    "id",
    "title",
    "title_derived",
    "outlet",
    "url",
    "author",
    "published",
    "raw_file",
    "raw_sha256",
    "n_sentences",
]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def assert_one_line_error(code: int, err: str, *expected: str) -> None:
    assert code != 0
    assert "Traceback" not in err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("kursk-reader: error: ")
    for text in expected:
        assert text in lines[0]


@pytest.fixture
def corpus(tmp_path, capsys) -> Path:
    """A corpus freshly ingested from the five seeds by the current pipeline."""
    root = tmp_path / "articles"
    code, _, err = run(capsys, "--articles", str(root), "ingest", str(SEEDS))
    assert code == 0, err
    return root


def test_ingest_json_reports_each_file_and_what_was_removed(tmp_path, capsys):
    root = tmp_path / "articles"
    code, out, _ = run(capsys, "ingest", "--articles", str(root), str(SEEDS), "--json")
    assert code == 0
    results = json.loads(out)
    assert [Path(r["path"]).name for r in results] == sorted(p.name for p in SEEDS.glob("*.txt"))
    assert {r["status"] for r in results} == {"added"}
    for r in results:
        # the original keys stay; ingest adds what it learnt (title, outlet, published, provenance...)
        assert set(r) >= {"path", "status", "article_id", "n_removed", "removed", "message", "warnings"}
        assert r["n_removed"] == len(r["removed"])
        assert all(set(x) == {"line", "text", "reason"} for x in r["removed"])
    assert sum(r["n_removed"] for r in results) > 10  # the seeds are full of scraped chrome


def test_reingesting_unchanged_files_rewrites_nothing(corpus, capsys):
    before = snapshot(corpus)
    code, out, _ = run(capsys, "--articles", str(corpus), "ingest", str(SEEDS), "--json")
    assert code == 0
    assert {r["status"] for r in json.loads(out)} == {"unchanged"}
    assert snapshot(corpus) == before


def test_plain_ingest_says_per_file_status_and_removal_reasons(tmp_path, capsys):
    code, out, _ = run(capsys, "--articles", str(tmp_path / "a"), "ingest", str(SEEDS / "003_bea1615d3e04fee1.txt"))
    assert code == 0
    first = out.splitlines()[0]
    assert first.startswith("added") and "003_bea1615d3e04fee1" in first and "raw lines removed:" in first


def test_articles_json_has_the_stable_keys(corpus, capsys):
    code, out, _ = run(capsys, "--articles", str(corpus), "articles", "--json")
    assert code == 0
    listing = json.loads(out)
    assert [a["id"] for a in listing] == sorted(p.stem for p in SEEDS.glob("*.txt"))
    # The documented keys, in order; fields may be added after them, never renamed.
    assert all(list(a)[: len(ARTICLE_KEYS)] == ARTICLE_KEYS for a in listing)
    assert all(a["n_sentences"] > 0 and a["n_figures"] > 0 for a in listing)


def test_show_json_offsets_slice_the_text(corpus, capsys):
    code, out, _ = run(capsys, "--articles", str(corpus), "show", "004_9e90e9fed8845aff", "--json")
    assert code == 0
    doc = json.loads(out)
    assert list(doc)[: len(ARTICLE_KEYS)] == ARTICLE_KEYS
    assert {"text", "paragraphs", "sentences", "removed"} <= set(doc)
    text = doc["text"]
    assert [text[p["start"] : p["end"]] for p in doc["paragraphs"]] == text.split("\n\n")
    assert all(text[s["start"] : s["end"]] == s["text"] for s in doc["sentences"])
    assert all(set(r) == {"line", "text", "reason"} for r in doc["removed"])


def test_plain_show_keeps_each_paragraph_on_one_line(corpus, capsys):
    _, out, _ = run(capsys, "--articles", str(corpus), "show", "004_9e90e9fed8845aff", "--json")
    doc = json.loads(out)
    longest = max(doc["text"].split("\n\n"), key=len)
    assert len(longest) > 100
    code, out, _ = run(capsys, "--articles", str(corpus), "show", "004_9e90e9fed8845aff")
    assert code == 0
    assert longest in out.splitlines()  # no hard wrap at column 80 mid-sentence


def test_plain_articles_never_cuts_ids(corpus, capsys):
    code, out, _ = run(capsys, "--articles", str(corpus), "articles")
    assert code == 0
    ids = [line.split()[0] for line in out.splitlines()[1:]]
    assert ids == sorted(p.stem for p in SEEDS.glob("*.txt"))


def test_environment_variable_chooses_the_corpus(corpus, capsys, monkeypatch):
    monkeypatch.setenv("KURSK_READER_ARTICLES", str(corpus))
    code, out, _ = run(capsys, "articles", "--json")
    assert code == 0 and len(json.loads(out)) == 5


# --- bad input: one line, non-zero, corpus untouched ---------------------------------------


def _big(path: Path) -> Path:
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)
    return path


BAD_INPUTS = {
    "missing path": (lambda d: d / "no-such.txt", "no such file or folder"),
    "folder without .txt": (lambda d: (d / "empty-folder").mkdir() or d / "empty-folder", "no .txt files"),
    "empty file": (lambda d: ((d / "empty.txt").write_bytes(b"") and d / "empty.txt") or d / "empty.txt", "empty file"),
    "binary file": (
        lambda d: (d / "photo.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" * 100) and d / "photo.txt",
        "binary file",
    ),
    "50 MB file": (lambda d: _big(d / "huge.txt"), "too large"),
    "all boilerplate": (
        lambda d: (
            (d / "chrome.txt").write_text("Menu\nHome\nLogin\nSubscribe\nDOWNLOAD THE APP\nAdvertisement\n")
            and d / "chrome.txt"
        ),
        "nothing left after cleaning",
    ),
}


@pytest.mark.parametrize("case", list(BAD_INPUTS))
def test_bad_input_alone_is_one_line_nonzero_and_changes_nothing(corpus, tmp_path, capsys, case):
    make, message = BAD_INPUTS[case]
    bad = make(tmp_path)
    before = snapshot(corpus)
    code, out, err = run(capsys, "--articles", str(corpus), "ingest", str(bad))
    assert_one_line_error(code, err, message)
    assert snapshot(corpus) == before
    code, out, err = run(capsys, "--articles", str(corpus), "ingest", str(bad), "--json")
    assert code != 0 and json.loads(out)[0]["status"] == "skipped"


def test_bad_files_among_good_ones_are_warned_and_skipped(corpus, tmp_path, capsys):
    for case in BAD_INPUTS:
        BAD_INPUTS[case][0](tmp_path)
    good = tmp_path / "fresh-report.txt"  # a report of its own: a copy of a seed would be folded as a duplicate
    good.write_text(
        "Dam repairs finished ahead of the spring floods\n\n"
        "Engineers finished repairing the river dam on Friday, two weeks before the spring floods were due, "
        "the regional water authority said.\n\n"
        "The repairs cost 4 million euros and closed the road over the dam for three months.\n",
        encoding="utf-8",
    )
    before = snapshot(corpus)
    args = [
        str(tmp_path / n) for n in ("no-such.txt", "empty-folder", "empty.txt", "photo.txt", "huge.txt", "chrome.txt")
    ]
    code, out, err = run(capsys, "--articles", str(corpus), "ingest", *args, str(good))
    assert code == 0
    assert "added" in out and "fresh-report" in out
    warnings = err.splitlines()
    assert len(warnings) == 6 and all(w.startswith("kursk-reader: warning: skipped ") for w in warnings)
    after = snapshot(corpus)
    assert {k: v for k, v in after.items() if k in before} == before
    assert set(after) - set(before) == {"fresh-report.yaml", "raw/fresh-report.txt"}


def test_non_utf8_file_is_decoded_with_a_fallback_and_says_so(tmp_path, capsys):
    raw = (SEEDS / "003_bea1615d3e04fee1.txt").read_text(encoding="utf-8")
    latin = tmp_path / "latin.txt"
    latin.write_bytes(
        raw.replace("’", "'").replace("“", '"').replace("”", '"').replace("—", "-").encode("cp1252", "replace")
        + "Café.\n".encode("cp1252")
    )
    code, out, err = run(capsys, "--articles", str(tmp_path / "a"), "ingest", str(latin))
    assert code == 0
    assert "not valid UTF-8" in err and "decoded as cp1252" in err
    code, out, _ = run(capsys, "--articles", str(tmp_path / "a"), "ingest", str(latin), "--json")
    assert "decoded as cp1252" in json.loads(out)[0]["warnings"][0]


@pytest.mark.parametrize("bad_id", ["../../etc/passwd", "/etc/passwd", "CON", "x" * 300])
def test_show_with_a_path_like_id_is_a_one_line_error(corpus, capsys, bad_id):
    code, out, err = run(capsys, "--articles", str(corpus), "show", bad_id)
    assert_one_line_error(code, err, "not a valid article id")
    assert out == ""


def test_show_unknown_id_suggests_the_nearest(corpus, capsys):
    code, _, err = run(capsys, "--articles", str(corpus), "show", "004_9e90e9fed8845afe")
    assert_one_line_error(code, err, "did you mean '004_9e90e9fed8845aff'")


def test_missing_corpus_folder_is_a_one_line_error(tmp_path, capsys):
    code, _, err = run(capsys, "--articles", str(tmp_path / "nowhere"), "articles")
    assert_one_line_error(code, err, "no such corpus folder")


def test_corpus_path_that_is_a_file_is_a_one_line_error(tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    code, _, err = run(capsys, "--articles", str(tmp_path / "file"), "ingest", str(SEEDS))
    assert_one_line_error(code, err, "cannot write")


def test_a_malformed_article_file_is_warned_and_the_rest_list(corpus, capsys):
    (corpus / "broken.yaml").write_text("id: broken\ntitle: [\n")
    code, out, err = run(capsys, "--articles", str(corpus), "articles", "--json")
    assert code == 0
    assert len(json.loads(out)) == 5
    assert err.startswith("kursk-reader: warning: skipped broken.yaml:") and len(err.splitlines()) == 1


def test_unknown_option_is_a_usage_error_not_a_traceback(capsys):
    with pytest.raises(SystemExit) as info:
        main(["show", "--bogus\x1b[31m"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "\x1b" not in err and "Traceback" not in err


def test_bundled_corpus_is_what_the_current_pipeline_makes(seed_corpus, capsys):
    """Re-ingesting the bundled raw reports changes nothing; if this fails, the cleaner or segmenter
    changed and articles/*.yaml is stale: regenerate with `kursk-reader ingest articles/raw`."""
    before = snapshot(seed_corpus)
    code, out, _ = run(capsys, "--articles", str(seed_corpus), "ingest", str(seed_corpus / "raw"), "--json")
    assert code == 0
    stale = [r["article_id"] for r in json.loads(out) if r["status"] != "unchanged"]
    assert stale == [], f"stale bundled articles {stale}: run `kursk-reader ingest articles/raw`"
    assert snapshot(seed_corpus) == before


@pytest.mark.parametrize("argv", [["--help"], ["-h", "articles"], ["--articles", "x", "--help", "stories"]])
def test_top_level_help_describes_every_command(capsys, argv):
    """Help asked before a command word is the program's help: every command with what it does."""
    with pytest.raises(SystemExit) as stop:
        main(argv)
    out = capsys.readouterr().out
    assert stop.value.code == 0
    for described in ("list the articles", "add reports to the corpus", "build or update the search index"):
        assert described in out


def test_command_help_and_refusals_still_know_every_command(capsys):
    """Parsing only the command that runs still names the others when a word is refused."""
    with pytest.raises(SystemExit):
        main(["articles", "-h"])
    assert "list the articles in the corpus" in capsys.readouterr().out
    with pytest.raises(SystemExit) as stop:
        main(["storys"])
    err = capsys.readouterr().err
    assert stop.value.code == 2 and "invalid choice" in err and "'stories'" in err and "'index'" in err
