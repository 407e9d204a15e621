"""Ingest as a library: reading raw files safely, ids from file names, change-only writes."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from tui.atomic import remove_stale_temp_files
from tui.corpus.ids import is_valid_id, safe_id
from tui.corpus.ingest import (
    MAX_RAW_BYTES,
    IngestError,
    assign_ids,
    decode,
    ingest,
    read_raw,
    strip_controls,
)
from tui.corpus.store import Corpus

REPO = Path(__file__).resolve().parent.parent
SEED = REPO / "articles" / "raw" / "003_bea1615d3e04fee1.txt"


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return Corpus(tmp_path / "articles", catalog_path=tmp_path / "catalog.json")


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_seed_is_added_then_unchanged_without_rewriting(corpus, tmp_path):
    [first] = ingest(corpus, [SEED])
    assert (first.status, first.article_id) == ("added", SEED.stem)
    assert (corpus.raw_dir / SEED.name).read_bytes() == SEED.read_bytes()  # raw kept byte for byte
    before = snapshot(corpus.root)
    [again] = ingest(corpus, [SEED])
    assert again.status == "unchanged"
    assert snapshot(corpus.root) == before  # same bytes and same mtimes: nothing rewritten


def test_changed_raw_file_updates_its_article(corpus, tmp_path):
    raw = tmp_path / "report.txt"
    raw.write_bytes(SEED.read_bytes())
    ingest(corpus, [raw])
    old = corpus.load("report")
    raw.write_bytes(SEED.read_bytes().replace(b"thousands of", b"many thousands of"))
    [result] = ingest(corpus, [raw])
    assert result.status == "updated"
    new = corpus.load("report")
    assert new.raw_sha256 != old.raw_sha256
    assert "many thousands of" in new.text
    assert (corpus.raw_dir / "report.txt").read_bytes() == raw.read_bytes()


def test_ingesting_the_corpus_own_raw_folder_changes_nothing(corpus):
    ingest(corpus, [SEED])
    before = snapshot(corpus.root)
    assert [r.status for r in ingest(corpus, [corpus.raw_dir])] == ["unchanged"]
    assert snapshot(corpus.root) == before


@pytest.mark.parametrize(
    "data, expected_text, warns",
    [
        ("Café".encode(), "Café", False),
        (b"\xef\xbb\xbfCaf\xc3\xa9", "Café", False),
        (b"Caf\xe9 \x93quoted\x94", "Café “quoted”", True),  # Windows-1252
        (b"\x81\x8d odd", "\x81\x8d odd", True),  # bytes cp1252 lacks: latin-1
        ("Café".encode("utf-16"), "Café", True),
    ],
)
def test_decoding_falls_back_and_says_so(data, expected_text, warns):
    text, warnings = decode(data)
    assert text == expected_text
    assert bool(warnings) == warns
    if warns:
        assert "decoded as" in warnings[0]


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
        (b"\x7fELF\x02\x01\x01\x00" + bytes(range(256)) * 4, "binary file"),
        (b"\x00\x01\x02\x03" * 100, "binary file"),
        (b"\x1b[31m" + b"\xe2\x80\x8b" * 40 + b"\x1b[0m\n", "no text left"),
    ],
)
def test_unusable_files_are_refused_with_a_reason(tmp_path, data, reason):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    with pytest.raises(IngestError, match=reason):
        read_raw(path)


def test_oversized_file_is_refused_without_reading_it(tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as f:
        f.truncate(50 * 1024 * 1024)  # sparse: instant, no disk used
    with pytest.raises(IngestError, match=r"too large .*50 MiB.*limit is 20 MiB"):
        read_raw(path)
    assert MAX_RAW_BYTES == 20 * 1024 * 1024


def test_control_characters_and_escape_sequences_go_and_are_reported():
    raw = "Plain line\r\nBad \x1b[31mred\x1b[0m and \x1b]0;title\x07 osc\nRTL \u202eevil\u202c zero\u200bwidth\npage\x0cbreak\n"
    text, removed = strip_controls(raw)
    assert text == "Plain line\r\nBad red and  osc\nRTL evil zerowidth\npage break\n"
    assert [r.line for r in removed] == [2, 3, 4]
    assert {r.reason for r in removed} == {"control-characters"}
    assert "\\x1b[31m" in removed[0].text  # the report shows what was there, escaped


def test_an_unterminated_escape_string_never_swallows_the_text_after_it():
    text, removed = strip_controls("Officials said \x1b]0;the work would begin soon.\n")
    assert "the work would begin soon." in text and "\x1b" not in text
    assert [r.line for r in removed] == [1]


def test_files_differing_only_by_case_in_one_batch_get_distinct_ids(tmp_path):
    a, b = tmp_path / "Report.txt", tmp_path / "report.txt"
    ids = [article_id for _, article_id in assign_ids([a, b])]
    assert ids[0] == "report" and ids[1] != "report" and all(is_valid_id(i) for i in ids)
    assert assign_ids([a, b]) == assign_ids([a, b])  # stable: re-ingest finds the same articles


def test_long_and_non_latin_names_do_not_collide():
    assert safe_id("отчёт") != safe_id("доклад")
    long_a, long_b = "x" * 100 + "a", "x" * 100 + "b"
    assert safe_id(long_a) != safe_id(long_b)
    assert all(len(safe_id(n)) <= 80 for n in (long_a, long_b))


def test_a_bad_file_among_good_ones_is_skipped_and_stores_nothing(corpus, tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_bytes(SEED.read_bytes())
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    results = {Path(r.path).name: r for r in ingest(corpus, [tmp_path / "in", tmp_path / "missing"])}
    assert results["good.txt"].status == "added"
    assert results["empty.txt"].status == "skipped" and "empty file" in results["empty.txt"].message
    assert results["missing"].status == "skipped" and "no such file" in results["missing"].message
    assert corpus.ids() == ["good"]
    assert sorted(p.name for p in corpus.raw_dir.iterdir()) == ["good.txt"]


def test_stale_temp_files_from_a_killed_writer_are_swept_but_fresh_ones_kept(tmp_path):
    stale, fresh = tmp_path / ".a.yaml.k2j4_x9q.tmp", tmp_path / ".b.yaml.p0o9i8u7.tmp"
    users_own = tmp_path / ".notes.tmp"
    for path in (stale, fresh, users_own):
        path.write_text("data")
    old = time.time() - 3600
    for path in (stale, users_own):
        os.utime(path, (old, old))
    assert remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and fresh.exists() and users_own.exists()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this OS")
def test_a_fifo_is_refused_not_read(corpus, tmp_path):
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # reading it would block forever
    [result] = ingest(corpus, [fifo])
    assert result.status == "skipped" and "not a regular file" in result.message
    assert [r.status for r in ingest(corpus, [tmp_path])] == ["skipped"]  # a folder holding only the FIFO
