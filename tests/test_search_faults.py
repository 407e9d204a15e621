"""Faults around the index seen from the command line: an unusable index folder, a full disk."""

from __future__ import annotations

import errno
import json

import pytest

from tui.cli import main


@pytest.fixture
def cli_env(seed_corpus, tmp_path, monkeypatch):
    monkeypatch.setenv("KURSK_READER_ARTICLES", str(seed_corpus))
    monkeypatch.setenv("KURSK_READER_INDEX", str(tmp_path / "index"))
    return tmp_path / "index"


def _hit_ids(capsys, query: str) -> list[str]:
    assert main(["search", query, "--json"]) == 0
    return [h["article_id"] for h in json.loads(capsys.readouterr().out)]


def test_an_index_path_that_is_a_file_is_a_one_line_error(cli_env, capsys):
    cli_env.write_text("not an index")
    assert main(["search", "sappers"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("kursk-reader: error:") and str(cli_env) in err
    assert "Traceback" not in err
    assert cli_env.read_text() == "not an index"  # never overwritten


def test_a_full_disk_during_a_rebuild_keeps_the_old_index(cli_env, capsys, monkeypatch):
    before = _hit_ids(capsys, "sappers")
    assert len(before) == 5

    from whoosh.filedb import structfile

    def disk_full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as m:
        m.setattr(structfile.StructFile, "write", disk_full)
        code = main(["index", "--rebuild"])
    err = capsys.readouterr().err
    assert code == 1
    assert "No space left on device" in err and "Traceback" not in err
    assert err.strip().count("\n") == 0
    assert _hit_ids(capsys, "sappers") == before  # the previous index still answers, unchanged
