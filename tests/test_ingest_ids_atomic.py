"""Issue 12 items 2 and 3: ids unique and stable per source, readable for any name, never
overwriting another source's article; one article's raw copy and YAML committed all-or-nothing,
checked by killing ingest at random points."""

from __future__ import annotations

import hashlib
import os
import random
from pathlib import Path

import pytest

from tui.corpus import journal
from tui.corpus.ids import safe_id
from tui.corpus.ingest import ingest
from tui.corpus.store import Corpus

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="the kill test forks")


def report(n: int, version: int = 1) -> str:
    return (
        f"Report number {n} on the river floods\n\n"
        f"Officials said on Tuesday that about {n * 100 + version} homes had been damaged in district {n}.\n\n"
        f"Rescue teams were still searching for {version + n} missing people in the villages, the governor said.\n"
    )


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return Corpus(tmp_path / "articles", catalog_path=tmp_path / "catalog.json")


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_cyrillic_names_across_batches_give_two_articles(corpus, tmp_path):
    [first] = ingest(corpus, [write(tmp_path / "a" / "Доклад 1.txt", report(1))])
    [second] = ingest(corpus, [write(tmp_path / "b" / "Отчёт 1.txt", report(2))])
    assert (first.status, second.status) == ("added", "added")
    assert (first.article_id, second.article_id) == ("doklad-1", "otchet-1")
    assert sorted(corpus.ids()) == ["doklad-1", "otchet-1"]


def test_same_name_from_another_folder_never_overwrites(corpus, tmp_path):
    a = write(tmp_path / "a" / "report.txt", report(1))
    b = write(tmp_path / "b" / "report.txt", report(2))
    [ra] = ingest(corpus, [a])
    [rb] = ingest(corpus, [b])
    assert rb.status == "added" and rb.article_id != ra.article_id and rb.article_id.startswith("report-")
    first_raw = (corpus.root / corpus.load(ra.article_id).raw_file).read_bytes()
    assert first_raw == a.read_bytes()  # the first source's article and raw copy are intact
    write(a, report(1, version=2))
    [again] = ingest(corpus, [a])
    assert (again.status, again.article_id) == ("updated", ra.article_id)  # stable per source
    [again_b] = ingest(corpus, [b])
    assert (again_b.status, again_b.article_id) == ("unchanged", rb.article_id)


def test_same_name_twice_in_one_batch(corpus, tmp_path):
    results = ingest(corpus, [write(tmp_path / "a" / "x.txt", report(1)), write(tmp_path / "b" / "x.txt", report(2))])
    assert [r.status for r in results] == ["added", "added"]
    assert len({r.article_id for r in results}) == 2


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Ünïcödé", "unicode"), ("Доклад 1", "doklad-1"), ("Αθήνα", "athina"), ("Straße", "strasse")],
)
def test_non_latin_names_stay_readable(name, expected):
    assert safe_id(name) == expected


@pytest.mark.parametrize("name", ["../../etc/passwd", "..", "/abs/path", "con", "a\x00b", "北京"])
def test_ids_never_pick_a_path(name):
    article_id = safe_id(name)
    assert "/" not in article_id and ".." not in article_id and article_id not in ("", "con")


def killer(kill_at: int):
    seen = [0]

    def hook(_name: str) -> None:
        seen[0] += 1
        if seen[0] == kill_at:
            os._exit(9)  # like SIGKILL: no finally, no atexit, no cleanup

    return hook


def check_consistent(corpus: Corpus, versions: dict[str, set[str]]) -> None:
    articles, problems = corpus.load_all()
    assert problems == []
    for a in articles:
        raw = corpus.root / a.raw_file
        assert hashlib.sha256(raw.read_bytes()).hexdigest() == a.raw_sha256, a.id
        for s in a.sources:
            assert hashlib.sha256((corpus.root / s.raw_file).read_bytes()).hexdigest() == s.raw_sha256
        assert a.paragraphs[0].text in versions[a.id]  # the article is one whole version, old or new


@pytest.mark.parametrize("group", [None, 2])
def test_killed_ingest_leaves_every_raw_sha256_true(corpus, tmp_path, monkeypatch, group):
    """50 runs, each killed (os._exit in a forked child, no cleanup runs) at a random crash point
    of an ingest that updates three articles and adds one; the next ingest finishes the journal.
    With groups of 2 the first group is committed in the background while the second is planned."""
    if group is not None:
        monkeypatch.setattr("tui.corpus.ingest.GROUP_COMMIT", group)
    rng = random.Random(12)
    names = [f"r{n}" for n in range(4)]
    for n in range(3):
        write(tmp_path / "in" / f"{names[n]}.txt", report(n, 0))
    ingest(corpus, [tmp_path / "in"])
    versions = {names[n]: {report(n, v).split("\n\n")[1] for v in range(51)} for n in range(4)}
    for version in range(1, 51):
        for n in range(4):
            write(tmp_path / "in" / f"{names[n]}.txt", report(n, version))
        kill_at = rng.randint(1, 12)
        pid = os.fork()
        if pid == 0:  # the child: ingest, dying at the chosen crash point
            journal.crash_hook = killer(kill_at)
            try:
                ingest(corpus, [tmp_path / "in"])
            finally:
                os._exit(0)
        os.waitpid(pid, 0)
        corpus.recover()  # what the next ingest does first
        check_consistent(corpus, versions)
    ingest(corpus, [tmp_path / "in"])
    check_consistent(corpus, versions)
    assert [corpus.load(n).paragraphs[0].text for n in names] == [report(n, 50).split("\n\n")[1] for n in range(4)]


def test_two_concurrent_ingests_of_the_same_names_keep_both(tmp_path):
    """Issue 12: two ingests at once of files with the same names (from two folders) overwrote each
    other and left YAML and raw out of step; now one waits for the other (a lock on the corpus
    folder), sees the first's articles and gives its own sources their own ids."""
    names = [f"r{n}" for n in range(4)]
    versions = {names[n]: {report(n, v).split("\n\n")[1] for v in (1, 2)} for n in range(4)}
    for side in (1, 2):
        for n in range(4):
            write(tmp_path / f"side{side}" / f"{names[n]}.txt", report(n, side))
    for trial in range(5):
        corpus = Corpus(tmp_path / f"articles{trial}", catalog_path=tmp_path / f"catalog{trial}.json")
        pids = []
        for side in (1, 2):
            pid = os.fork()
            if pid == 0:
                try:
                    ingest(corpus, [tmp_path / f"side{side}"])
                finally:
                    os._exit(0)
            pids.append(pid)
        for pid in pids:
            os.waitpid(pid, 0)
        articles, problems = corpus.load_all()
        assert problems == [] and len(articles) == 8, [a.id for a in articles]
        for a in articles:
            assert hashlib.sha256((corpus.root / a.raw_file).read_bytes()).hexdigest() == a.raw_sha256
            assert a.paragraphs[0].text in versions[a.id.split("-")[0]]
