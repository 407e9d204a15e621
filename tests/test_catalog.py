"""The catalog: the article list from a cache keyed by each file's stat and by the extractor's code."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_store import make_article

from tui.corpus import catalog as catalog_module
from tui.corpus.catalog import cached_listing, check_listing, fill_counts, load_catalog, summarize, summarize_header
from tui.corpus.store import Corpus

REPO = Path(__file__).resolve().parent.parent


def listed(corpus: Corpus):
    return load_catalog(corpus)[0]


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return Corpus(tmp_path / "articles", catalog_path=tmp_path / "cache" / "catalog.json")


# --- the catalog: summaries without parsing every file --------------------------------------


def count_parses(monkeypatch, method: str = "") -> list[str]:
    """Names of the files read (header or whole; only `method`'s reads when given)."""
    parsed: list[str] = []
    for name in [method] if method else ["load_path", "load_header"]:
        original = getattr(Corpus, name)

        def counting(self, path, original=original):
            parsed.append(path.name)
            return original(self, path)

        monkeypatch.setattr(Corpus, name, counting)
    return parsed


def test_summaries_match_the_articles_and_counts_are_filled_on_request(corpus):
    for i in range(3):
        corpus.save(make_article(f"r{i}", title=f"Title {i}"))
    summaries = listed(corpus)
    assert [s.id for s in summaries] == ["r0", "r1", "r2"]
    assert summaries[1] == summarize_header(corpus.load("r1"))
    assert summaries[1].title == "Title 1" and summaries[1].n_words is None
    counted = fill_counts(corpus)[0]
    assert counted[1] == summarize(corpus.load("r1"))
    assert counted[1].n_words == 10 and counted[1].n_sentences == 2
    assert listed(corpus) == counted  # cached: the next listing knows them


def test_second_listing_parses_no_file_and_a_change_reparses_only_that_file(corpus, monkeypatch):
    for i in range(4):
        corpus.save(make_article(f"r{i}"))
    parsed = count_parses(monkeypatch)
    listed(corpus)
    assert len(parsed) == 4
    parsed.clear()
    assert len(listed(corpus)) == 4
    assert parsed == []
    corpus.save(make_article("r2", title="Changed"))
    (corpus.root / "r3.yaml").unlink()
    summaries = listed(corpus)
    assert parsed == ["r2.yaml"]
    assert [s.title for s in summaries if s.id == "r2"] == ["Changed"]
    assert "r3" not in [s.id for s in summaries]


@pytest.mark.parametrize(
    "garbage",
    [
        b"{not json",
        b"[]",
        b'{"version": VERSION, "root": "elsewhere", "files": {}}',
        b'{"version": VERSION, "root": "ROOT", "files": {"r0.yaml": {"a": 1}, "x.yaml": [1, 2]}}',
        b'{"version": VERSION, "root": "ROOT", "files": {"r0.yaml": [1, 2, 3, [1]]}}',
        b"\xff\xfe\x00",
        b"",
    ],
)
def test_corrupt_catalog_is_ignored_and_rebuilt(corpus, garbage):
    corpus.save(make_article("r0"))
    corpus.catalog_path.parent.mkdir(parents=True, exist_ok=True)
    root = json.dumps(str(corpus.root.resolve()))[1:-1].encode()
    version = str(catalog_module.CATALOG_VERSION).encode()
    corpus.catalog_path.write_bytes(garbage.replace(b"ROOT", root).replace(b"VERSION", version))
    assert [s.id for s in listed(corpus)] == ["r0"]
    assert "r0.yaml" in json.loads(corpus.catalog_path.read_bytes())["files"]


def test_catalog_entry_with_wrong_fields_is_reparsed_not_trusted(corpus):
    corpus.save(make_article("r0"))
    listed(corpus)
    doc = json.loads(corpus.catalog_path.read_bytes())
    record = doc["files"]["r0.yaml"]
    for wrong in (True, 5, None, [1], {"a": 1}):
        record[3][1] = wrong  # the title
        corpus.catalog_path.write_text(json.dumps(doc))
        assert listed(corpus)[0].title == "Sappers for Kursk"
    record[3][1] = "Sappers for Kursk"
    record[3][-5] = "many"  # n_sentences
    corpus.catalog_path.write_text(json.dumps(doc))
    assert listed(corpus)[0].n_sentences is None  # re-read, not trusted
    record[3] = record[3][:-1]  # a field missing
    corpus.catalog_path.write_text(json.dumps(doc))
    assert listed(corpus)[0].title == "Sappers for Kursk"


def test_malformed_file_is_a_catalog_problem_and_others_still_list(corpus):
    corpus.save(make_article("good"))
    (corpus.root / "bad.yaml").write_text("id: bad\n: : :\n")
    summaries, problems = load_catalog(corpus)
    assert [s.id for s in summaries] == ["good"]
    assert [p.path.name for p in problems] == ["bad.yaml"]


def test_unwritable_catalog_only_costs_speed(tmp_path):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("")
    corpus = Corpus(tmp_path / "articles", catalog_path=blocker / "catalog.json")
    corpus.save(make_article("r0"))
    assert [s.id for s in listed(corpus)] == ["r0"]


def test_default_catalog_lives_in_the_user_cache_not_the_corpus(tmp_path, monkeypatch):
    corpus = Corpus(tmp_path / "articles")
    corpus.save(make_article("r0"))
    listed(corpus)
    assert sorted(p.name for p in corpus.root.iterdir()) == ["r0.yaml"]
    assert corpus.catalog_path.is_file()
    assert str(corpus.catalog_path).startswith(os.environ["XDG_CACHE_HOME"])


def test_catalog_format_version_change_rebuilds(corpus, monkeypatch):
    corpus.save(make_article("r0"))
    listed(corpus)
    monkeypatch.setattr(catalog_module, "CATALOG_VERSION", catalog_module.CATALOG_VERSION + 1)
    parsed = count_parses(monkeypatch)
    listed(corpus)
    assert parsed == ["r0.yaml"]


def _articles_json(package_parent: Path, corpus_dir: Path) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    proc = subprocess.run(
        [sys.executable, "-m", "tui.cli", "--articles", str(corpus_dir), "articles", "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=package_parent,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def test_a_changed_extractor_never_serves_stale_figure_counts(tmp_path, seed_corpus):
    """The catalog once kept counts from an old extractor: its key now includes the extractor's code."""
    copy = tmp_path / "install"
    shutil.copytree(REPO / "tui", copy / "tui", ignore=shutil.ignore_patterns("__pycache__", "_bundled"))
    before = _articles_json(copy, seed_corpus)
    assert all(a["n_figures"] > 0 for a in before)  # the seeds all report figures

    figures_py = copy / "tui" / "corpus" / "figures.py"
    figures_py.write_text(figures_py.read_text() + "\n\ndef extract_figures(article):\n    return []\n")
    after = _articles_json(copy, seed_corpus)
    assert [a["id"] for a in after] == [a["id"] for a in before]
    assert [a["n_figures"] for a in after] == [0] * len(after)


def test_a_cold_listing_parses_on_every_core_and_resumes_after_an_interruption(corpus, monkeypatch):
    for i in range(9):
        corpus.save(make_article(f"r{i}", title=f"Title {i}"))
    expected = [summarize_header(corpus.load(f"r{i}")) for i in range(9)]
    monkeypatch.setattr(catalog_module, "PARALLEL_FROM", 2)
    monkeypatch.setattr(catalog_module, "CHUNK", 1)
    monkeypatch.setattr(catalog_module, "WRITE_EVERY", 0)

    seen: list[int] = []

    def interrupt(done: int, total: int) -> None:
        seen.append(done)
        if done >= 6:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        load_catalog(corpus, progress=interrupt, workers=2)
    assert seen == sorted(seen) and seen[-1] < 9
    kept = json.loads(corpus.catalog_path.read_bytes())["files"]
    assert 4 <= len(kept) < 9  # what was parsed before the interruption is kept

    monkeypatch.setattr(catalog_module, "PARALLEL_FROM", 1000)  # the rest in this process, where parses are counted
    parsed = count_parses(monkeypatch)
    summaries, problems = load_catalog(corpus, workers=2)
    assert summaries == expected and problems == []
    assert len(parsed) == 9 - len(kept)


def test_a_changed_extractor_reindexes_the_figures_the_search_index_holds(tmp_path, seed_corpus, monkeypatch):
    """The index stores each article's figures (value:, counts:): its per-article hash includes the extractor."""
    import tui.search.engine as engine

    articles = Corpus(seed_corpus).load_all()[0]
    index = engine.SearchIndex(seed_corpus, tmp_path / "index")
    assert index.update(articles).added == len(articles)
    assert not index.update(articles).changed
    monkeypatch.setattr(engine, "figures_version", lambda: "a-newer-extractor")  # as after an upgrade:
    fresh = Corpus(seed_corpus).load_all()[0]  # a new process reads the same articles again
    assert index.update(fresh).updated == len(fresh)
    index.close()


# --- a cold listing reads headers; counts come later ------------------------------------------


def test_a_cold_listing_reads_only_headers_and_extracts_no_figures(corpus, monkeypatch):
    import tui.corpus.figures

    for i in range(3):
        corpus.save(make_article(f"r{i}", title=f"Title {i}", outlet=f"Outlet {i}"))

    def no_figures(article):
        raise AssertionError("a listing extracted figures")

    monkeypatch.setattr(tui.corpus.figures, "extract_figures", no_figures)
    full_reads = count_parses(monkeypatch, "load_path")
    summaries = listed(corpus)
    assert [(s.title, s.outlet, s.published) for s in summaries] == [
        (f"Title {i}", f"Outlet {i}", "2025-06-17") for i in range(3)
    ]
    assert all(s.n_figures is None and s.n_sentences is None and s.n_words is None for s in summaries)
    assert full_reads == []


def test_counts_from_the_analysis_are_cached_for_the_files_it_read(tmp_path):
    from tui.corpus.analysis_summary import summarise_corpus

    corpus = Corpus(tmp_path / "articles")  # the default catalog: the one the analysis child writes
    for i in range(3):
        corpus.save(make_article(f"r{i}"))
    assert all(s.n_figures is None for s in listed(corpus))
    summary = summarise_corpus(corpus.root)
    expected = [summarize(corpus.load(f"r{i}")) for i in range(3)]
    assert summary.figure_counts == {s.id: s.n_figures for s in expected}
    assert listed(corpus) == expected  # sentences, words and figures: known at the next launch


def test_counts_for_a_file_changed_since_it_was_read_are_not_cached(corpus):
    corpus.save(make_article("r0"))
    listed(corpus)
    seen = catalog_module.file_stats(corpus)
    corpus.save(make_article("r0", title="Changed meanwhile"))
    catalog_module.record_counts(corpus, seen, {"r0.yaml": catalog_module.Counts(2, 10, 99)})
    [summary] = listed(corpus)
    assert summary.title == "Changed meanwhile" and summary.n_figures is None


def test_a_changed_extractor_forgets_figure_counts_but_keeps_the_headers(corpus, monkeypatch):
    corpus.save(make_article("r0"))
    assert fill_counts(corpus)[0][0].n_figures is not None
    monkeypatch.setattr(catalog_module, "figures_version", lambda: "a-newer-extractor")
    parsed = count_parses(monkeypatch)
    [summary] = listed(corpus)
    assert summary.n_figures is None and summary.n_sentences == 2  # the other counts do not depend on it
    assert parsed == []


def _layout(corpus: Corpus, name: str, text: str) -> None:
    (corpus.root / f"{name}.yaml").write_text(text, encoding="utf-8")


def test_a_damaged_header_is_read_whole_and_reported(corpus):
    corpus.save(make_article("good"))
    text = (corpus.root / "good.yaml").read_text(encoding="utf-8")
    _layout(
        corpus,
        "bad-title",
        text.replace("id: good", "id: bad-title").replace("title: Sappers for Kursk", "title: [1, 2]"),
    )
    _layout(corpus, "bad-id", text)  # its id says "good"
    _layout(corpus, "bad-tag", text.replace("id: good", "id: !!python/name:os.system bad-tag"))
    summaries, problems = load_catalog(corpus)
    assert [s.id for s in summaries] == ["good"]
    messages = {p.path.name: p.message for p in problems}
    assert sorted(messages) == ["bad-id.yaml", "bad-tag.yaml", "bad-title.yaml"]
    assert "expected text" in messages["bad-title.yaml"] and "does not match" in messages["bad-id.yaml"]


def test_another_layout_is_read_whole_and_listed_as_a_full_read_sees_it(corpus):
    corpus.save(make_article("plain"))
    text = (corpus.root / "plain.yaml").read_text(encoding="utf-8")
    head, body = text.split("paragraphs:", 1)
    _layout(corpus, "text-first", ("paragraphs:" + body + head).replace("id: plain", "id: text-first"))
    _layout(corpus, "twice", text.replace("id: plain", "id: twice") + "title: The later title wins\n")
    summaries = {s.id: s for s in listed(corpus)}
    assert summaries["text-first"] == summarize(corpus.load("text-first"))  # counts too: it was read whole
    assert summaries["twice"].title == corpus.load("twice").title == "The later title wins"
    assert summaries["plain"].n_figures is None  # the usual layout: its header only


def test_a_damaged_text_lists_from_its_header_and_is_reported_once_counted(corpus):
    corpus.save(make_article("r0"))
    text = (corpus.root / "r0.yaml").read_text(encoding="utf-8")
    _layout(corpus, "r0", text.replace("- [49, 66]", "- [49, 6600]"))
    assert [s.id for s in listed(corpus)] == ["r0"]  # the list needs only the header
    summaries, problems = fill_counts(corpus)
    assert summaries == [] and [p.message for p in problems] == [
        "malformed article file (ValueError: sentence offsets 49-6600 outside the text)"
    ]
    assert [p.path.name for p in load_catalog(corpus)[1]] == ["r0.yaml"]  # remembered


# --- the cached listing: shown before the files are checked -----------------------------------


def test_the_cached_listing_is_the_last_one_until_the_files_are_checked(corpus):
    assert cached_listing(corpus) is None  # no cache yet: nothing to show early
    for i in range(3):
        corpus.save(make_article(f"r{i}", title=f"Title {i}"))
    (corpus.root / "r9.yaml").write_text("id: [unclosed\n")
    summaries, problems = load_catalog(corpus)
    corpus.save(make_article("r3", title="Added since"))
    corpus.path_for("r0").unlink()

    cached = cached_listing(corpus)
    assert cached is not None
    assert cached.summaries == summaries and cached.problems == problems  # as the last listing, files unread
    checked = check_listing(corpus, cached)
    assert checked is not None
    assert [s.id for s in checked[0]] == ["r1", "r2", "r3"]
    assert checked == load_catalog(corpus)  # exactly what the CLI lists
    assert [p.path.name for p in checked[1]] == ["r9.yaml"]


def test_checking_an_unchanged_folder_gives_nothing_new_and_a_changed_file_is_listed_again(corpus):
    for i in range(2):
        corpus.save(make_article(f"r{i}", title=f"Title {i}"))
    load_catalog(corpus)
    cached = cached_listing(corpus)
    assert cached is not None and check_listing(corpus, cached) is None
    corpus.save(make_article("r1", title="Retitled"))
    checked = check_listing(corpus, cached)
    assert checked is not None and [s.title for s in checked[0]] == ["Title 0", "Retitled"]
    (corpus.root / "Not An Id.yaml").write_text("id: x\n")  # a misnamed file is a problem the cache never holds
    cached = cached_listing(corpus)
    assert cached is not None
    checked = check_listing(corpus, cached)
    assert checked is not None and [p.path.name for p in checked[1]] == ["Not An Id.yaml"]
