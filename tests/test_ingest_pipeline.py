"""`ingest` updates the search index as it goes: the index it leaves answers every query as the
one `ingest --no-index` then `index` leaves, another writer only defers it, a bad file is skipped
while the good ones are indexed, and `--no-index` leaves the index alone."""

from __future__ import annotations

import contextlib
import json
import random
from collections.abc import Iterator
from pathlib import Path

import pytest

from tui.cli import main
from tui.search.engine import IndexMissing, SearchIndex
from tui.search.lock import WriterLock

PLACES = ["Varnholm", "Lessing Bay", "Orrick", "the Tamsin valley", "North Quay"]
THINGS = ["bridges", "schools", "ferries", "wells", "clinics", "sappers", "volunteers"]
OPENERS = [
    "Officials in {place} said {n} {thing} had been repaired since the spring floods.",
    "A council report counted {n} {thing} near {place}, up from last year.",
    "Residents of {place} waited for {n} {thing} promised by the regional office.",
    "The mayor of {place} told reporters that {n} {thing} would open before winter.",
]
FILLER = [
    "Work crews arrived on Tuesday morning and stayed until the roads were passable again.",
    "Several families moved back into their homes once the water had receded from the lower streets.",
    "Engineers inspected the embankment twice and found no new cracks along its length.",
    "A spokesperson for the regional office declined to give a date for the next inspection.",
    "Local shops reopened gradually, although the market square stayed closed for cleaning.",
    "The budget for repairs was set at ${money} million in a vote held late in the evening.",
]
QUERIES = [
    "bridges",
    '"regional office"',
    "varnholm",
    "counts:sappers",
    "value:>500",
    "value:10..60",
    "kind:money",
    "embankment cracks",
    "reopen*",
]


def report(rng: random.Random, n: int) -> str:
    """A short report in our own words: a headline, a date line and a few paragraphs with figures."""
    place = rng.choice(PLACES)
    lines = [f"Repairs continue in {place} (report {n})", "", f"{rng.randint(1, 28)} March 2025", ""]
    for _ in range(rng.randint(3, 5)):
        opener = rng.choice(OPENERS).format(place=place, n=rng.randint(2, 900), thing=rng.choice(THINGS))
        filler = [f.format(money=rng.randint(2, 90)) for f in rng.sample(FILLER, 3)]
        lines += [" ".join([opener, *filler]), ""]
    return "\n".join(lines)


def write_reports(folder: Path, count: int, seed: int = 7, start: int = 0) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for i in range(start, start + count):
        (folder / f"report-{i:03d}.txt").write_text(report(rng, i), encoding="utf-8")
    return folder


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def answers(corpus: Path, index_dir: Path) -> dict[str, list[tuple[str, float]]]:
    index = SearchIndex(corpus, index_dir)
    try:
        return {q: [(h.article_id, round(h.score, 6)) for h in index.search(q, limit=100)] for q in QUERIES}
    finally:
        index.close()


@pytest.fixture(params=["in process", "own process"])
def indexing(request, monkeypatch) -> str:
    """Each test twice: the index written by the storing process (a small batch) and by a process of
    its own fed by a queue (a large batch: from commands.ingest.INDEX_PROCESS_MIN text reports)."""
    from tui.commands import ingest as ingest_command

    monkeypatch.setattr(ingest_command, "INDEX_PROCESS_MIN", 10**9 if request.param == "in process" else 1)
    return str(request.param)


def use_index(monkeypatch, folder: Path) -> Path:
    monkeypatch.setenv("KURSK_READER_INDEX", str(folder))
    return folder


def test_ingest_indexes_what_ingest_then_index_would(tmp_path, capsys, monkeypatch, indexing):
    reports = write_reports(tmp_path / "reports", 24)  # more than prepare.MIN_FILES: the workers run
    one, two = tmp_path / "one" / "articles", tmp_path / "two" / "articles"

    use_index(monkeypatch, tmp_path / "index-one")
    code, out, _ = run(capsys, "--articles", str(one), "ingest", str(reports))
    assert code == 0
    assert "search index built: 24 articles (added 24, updated 0)" in out

    use_index(monkeypatch, tmp_path / "index-two")
    assert run(capsys, "--articles", str(two), "ingest", "--no-index", str(reports))[0] == 0
    with pytest.raises(IndexMissing):  # --no-index wrote no index
        SearchIndex(two, tmp_path / "index-two").search("bridges")
    assert run(capsys, "--articles", str(two), "index")[0] == 0

    got, want = answers(one, tmp_path / "index-one"), answers(two, tmp_path / "index-two")
    assert all(want[q] for q in QUERIES), want  # every query finds something: the comparison means something
    assert got == want


def test_a_second_ingest_adds_to_the_index_as_index_would(tmp_path, capsys, monkeypatch, indexing):
    reports = write_reports(tmp_path / "reports", 20)
    more = write_reports(tmp_path / "more", 18, seed=8, start=100)
    one, two = tmp_path / "one" / "articles", tmp_path / "two" / "articles"

    use_index(monkeypatch, tmp_path / "index-one")
    run(capsys, "--articles", str(one), "ingest", str(reports))
    code, out, _ = run(capsys, "--articles", str(one), "ingest", "--json", str(more))
    assert code == 0
    results = json.loads(out)
    assert len(results) == 18
    assert results[0]["index"] == {"status": "updated", "added": 18, "updated": 0, "documents": 38, "message": None}

    use_index(monkeypatch, tmp_path / "index-two")
    run(capsys, "--articles", str(two), "ingest", "--no-index", str(reports), str(more))
    run(capsys, "--articles", str(two), "index")
    assert answers(one, tmp_path / "index-one") == answers(two, tmp_path / "index-two")


@contextlib.contextmanager
def another_writer(index_dir: Path) -> Iterator[None]:
    """Another process's writer lock held on the index folder meanwhile."""
    index_dir.mkdir()
    holder = WriterLock(index_dir)
    assert holder.acquire()
    try:
        yield
    finally:
        holder.release()


def test_another_writer_defers_the_index_and_ingest_still_succeeds(tmp_path, capsys, monkeypatch, indexing):
    reports = write_reports(tmp_path / "reports", 17)
    corpus = tmp_path / "articles"
    index_dir = use_index(monkeypatch, tmp_path / "index")
    with another_writer(index_dir):
        code, out, err = run(capsys, "--articles", str(corpus), "ingest", str(reports))
    assert code == 0
    assert "17 input(s): 17 added" in out
    assert "search index not updated" in err and "kursk-reader index" in err
    assert "Traceback" not in err
    with pytest.raises(IndexMissing):
        SearchIndex(corpus, index_dir).search("bridges")

    # the corpus is ahead of the index, and `index` catches up
    code, out, _ = run(capsys, "--articles", str(corpus), "index", "--json")
    assert (code, json.loads(out)["documents"]) == (0, 17)


def test_deferred_index_shows_in_ingest_json(tmp_path, capsys, monkeypatch, indexing):
    reports = write_reports(tmp_path / "reports", 3)
    corpus = tmp_path / "articles"
    index_dir = use_index(monkeypatch, tmp_path / "index")
    with another_writer(index_dir):
        code, out, _ = run(capsys, "--articles", str(corpus), "ingest", "--json", str(reports))
    assert code == 0
    results = json.loads(out)
    assert [r["status"] for r in results] == ["added"] * 3
    assert {r["index"]["status"] for r in results} == {"deferred"}


def test_a_bad_file_among_good_ones_is_skipped_and_the_good_ones_indexed(tmp_path, capsys, monkeypatch, indexing):
    reports = write_reports(tmp_path / "reports", 17)
    (reports / "broken.txt").write_bytes(b"\x00\x01\x02binary\x00" * 50)
    (reports / "empty.txt").write_bytes(b"  \n")
    corpus = tmp_path / "articles"
    index_dir = use_index(monkeypatch, tmp_path / "index")
    code, out, err = run(capsys, "--articles", str(corpus), "ingest", str(reports))
    assert code == 0
    assert "19 input(s): 17 added, 2 skipped" in out
    assert "binary file" in err and "empty file" in err
    index = SearchIndex(corpus, index_dir)
    try:
        assert index.document_count() == 17
        assert len(index.search("embankment", limit=100)) > 0
    finally:
        index.close()


def test_no_index_leaves_an_existing_index_as_it_was(tmp_path, capsys, monkeypatch):
    corpus = tmp_path / "articles"
    index_dir = use_index(monkeypatch, tmp_path / "index")
    run(capsys, "--articles", str(corpus), "ingest", str(write_reports(tmp_path / "a", 4)))
    code, out, _ = run(capsys, "--articles", str(corpus), "ingest", "--no-index", "--json", str(tmp_path / "a"))
    assert code == 0
    assert json.loads(out)[0]["index"]["status"] == "off"
    run(capsys, "--articles", str(corpus), "ingest", "--no-index", str(write_reports(tmp_path / "b", 2, start=50)))
    index = SearchIndex(corpus, index_dir)
    try:
        assert index.document_count() == 4  # the two new articles wait for `index`
    finally:
        index.close()


def test_titles_a_manifest_gives_are_what_the_index_finds(tmp_path, capsys, monkeypatch):
    """The workers index each report under the headline they read; a manifest's own titles (decided
    later, in the main process) must be what `title:` finds, never the workers' guess."""
    reports = write_reports(tmp_path / "reports", 20)
    rows = ["path,title"] + [f"{p.name},Harbour ledger number {i}" for i, p in enumerate(sorted(reports.iterdir()))]
    (reports / "manifest.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    corpus = tmp_path / "articles"
    index_dir = use_index(monkeypatch, tmp_path / "index")
    code, _, _ = run(capsys, "--articles", str(corpus), "ingest", "--manifest", str(reports / "manifest.csv"))
    assert code == 0
    index = SearchIndex(corpus, index_dir)
    try:
        assert len(index.search('title:"harbour ledger"', limit=100)) == 20
        assert index.search("title:repairs", limit=100) == []  # the reports' own headlines were replaced
        assert len(index.search("harbour", limit=100)) == 20  # the body field holds the given title too
    finally:
        index.close()


def test_an_ingest_stopped_by_a_write_failure_leaves_the_index_as_it_was(tmp_path, capsys, monkeypatch, indexing):
    """Articles are indexed as they are stored; when a later write fails, the index the failed
    ingest was adding to is left as it was (the corpus is ahead of it and `index` catches up)."""
    corpus = tmp_path / "articles"
    index_dir = use_index(monkeypatch, tmp_path / "index")
    run(capsys, "--articles", str(corpus), "ingest", str(write_reports(tmp_path / "a", 4)))
    from tui.corpus import ingest as ingest_module

    monkeypatch.setattr(ingest_module, "GROUP_COMMIT", 5)
    more = write_reports(tmp_path / "b", 20, seed=9, start=200)
    original = ingest_module.Corpus.commit_writes
    calls = []

    def fail_the_second(self, writes):
        calls.append(len(writes))
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        original(self, writes)

    monkeypatch.setattr(ingest_module.Corpus, "commit_writes", fail_the_second)
    code, _, err = run(capsys, "--articles", str(corpus), "ingest", str(more))
    assert code == 1 and "No space left" in err and "Traceback" not in err
    index = SearchIndex(corpus, index_dir)
    try:
        assert index.document_count() == 4
    finally:
        index.close()
    assert len([p for p in index_dir.iterdir() if p.is_dir()]) == 1  # no half-built generation left
    monkeypatch.setattr(ingest_module.Corpus, "commit_writes", original)
    code, out, _ = run(capsys, "--articles", str(corpus), "index", "--json")
    assert (code, json.loads(out)["documents"]) == (0, 9)  # the 5 written before the failure join


def _children(pid: int) -> set[int]:
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(stat.parent.name))
    return found


def _alive(pid: int) -> bool:
    with contextlib.suppress(OSError):
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return False


def _kill_and_count_survivors(ingest, spawned: set[int]) -> int:
    """SIGKILL the ingest; how many of its spawned processes are still alive 10 s later (then killed)."""
    import os
    import signal
    import time

    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    deadline = time.monotonic() + 10
    while any(_alive(p) for p in spawned) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [p for p in spawned if _alive(p)]
    for p in left:
        os.kill(p, signal.SIGKILL)
    return len(left)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_an_ingest_killed_mid_run_leaves_no_worker_processes_behind(tmp_path):
    """A killed ingest (SIGKILL, out of memory) must not leave its preparing workers waiting forever."""
    import subprocess
    import sys
    import time

    reports = write_reports(tmp_path / "in", 400)
    command = [sys.executable, "-m", "tui.cli", "ingest", "--no-index", "--articles", str(tmp_path / "c"), str(reports)]
    ingest = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    workers: set[int] = set()
    while not workers and ingest.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
        workers = {c for c in _children(ingest.pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()}
    if not workers:
        ingest.kill()
        pytest.skip("the ingest finished before its workers could be seen (one core, or too fast)")
    left = _kill_and_count_survivors(ingest, workers)
    assert not left, f"{left} worker(s) outlived the killed ingest"


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc (Linux)")
def test_an_ingest_killed_while_its_index_process_writes_leaves_neither_it_nor_an_index_behind(tmp_path):
    """The index process of a large batch ends with the ingest that started it, its writer lock with it;
    the new index it was building is never named, and `index` then builds the corpus's."""
    import os
    import subprocess
    import sys
    import time

    reports = write_reports(tmp_path / "in", 400)
    corpus, index_dir = tmp_path / "c", tmp_path / "index"
    script = (
        "import sys; from tui.commands import ingest; ingest.INDEX_PROCESS_MIN = 1\n"
        "from tui.cli import main\nif __name__ == '__main__': sys.exit(main(sys.argv[1:]))"
    )
    command = [sys.executable, "-c", script, "ingest", "--articles", str(corpus), str(reports)]
    env = {**os.environ, "KURSK_READER_INDEX": str(index_dir)}
    ingest = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    deadline = time.monotonic() + 120
    spawned: set[int] = set()
    while len(spawned) < 3 and ingest.poll() is None and time.monotonic() < deadline:  # 2 workers + the index process
        time.sleep(0.05)
        spawned = {c for c in _children(ingest.pid) if "spawn_main" in Path(f"/proc/{c}/cmdline").read_text()}
    if len(spawned) < 3:
        ingest.kill()
        pytest.skip("the ingest finished before its index process could be seen (one core, or too fast)")
    left = _kill_and_count_survivors(ingest, spawned)
    assert not left, f"{left} process(es) outlived the killed ingest"
    with pytest.raises(IndexMissing):  # the half-built index is not named
        SearchIndex(corpus, index_dir).search("bridges")
    done = subprocess.run(
        [sys.executable, "-m", "tui.cli", "index", "--json", "--articles", str(corpus)],
        env=env, capture_output=True, text=True, check=False,
    )  # fmt: skip
    stored = len(list(corpus.glob("*.yaml")))
    assert done.returncode == 0 and json.loads(done.stdout)["documents"] == stored > 0


def test_an_ingest_with_no_index_yet_builds_it_from_the_whole_corpus(tmp_path, capsys, monkeypatch, indexing):
    """The corpus holds articles an earlier `--no-index` ingest stored: the new index holds them too."""
    corpus = tmp_path / "articles"
    index_dir = use_index(monkeypatch, tmp_path / "index")
    run(capsys, "--articles", str(corpus), "ingest", "--no-index", str(write_reports(tmp_path / "a", 17)))
    code, out, _ = run(
        capsys, "--articles", str(corpus), "ingest", "--json", str(write_reports(tmp_path / "b", 16, 9, 50))
    )
    assert code == 0 and json.loads(out)[0]["index"]["status"] == "built"
    assert json.loads(out)[0]["index"]["documents"] == 33
    index = SearchIndex(corpus, index_dir)
    try:
        assert index.document_count() == 33
    finally:
        index.close()


def test_plain_output_keeps_each_warning_between_the_results_around_it(tmp_path):
    """Result lines are printed together, but a skipped input's warning still comes where it was met."""
    import io

    from tui.commands.ingest import print_plain
    from tui.corpus.ingest import IngestResult

    results = [
        IngestResult("one.txt", "unchanged", "one", message="already stored"),
        IngestResult("bad.txt", "skipped", message="bad.txt: binary file, not text"),
        IngestResult("two.txt", "unchanged", "two", message="already stored"),
    ]
    both = io.StringIO()
    with contextlib.redirect_stdout(both), contextlib.redirect_stderr(both):
        print_plain(results)
    lines = both.getvalue().splitlines()
    assert [line.split()[0] for line in lines[:3]] == ["unchanged", "kursk-reader:", "unchanged"]
    assert "skipped bad.txt: binary file" in lines[1]
    assert lines[3] == "3 input(s): 2 unchanged, 1 skipped"
