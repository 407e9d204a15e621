"""Hardening of the corpus, store and CLI layers (issue 5): hostile article text is shown literally
and never drives the terminal; hostile files are refused; faults never corrupt the corpus."""

from __future__ import annotations

import errno
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tui import atomic
from tui.cli import main
from tui.corpus.model import Article, Paragraph, Removal, Span
from tui.corpus.store import Corpus

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "articles" / "raw"
SEED = SEEDS / "003_bea1615d3e04fee1.txt"

MARKUP = "[bold red]ALERT[/bold red] [link=https://evil.example]click[/link] [/] [combat engineers]"
ANSI = "\x1b[2J\x1b[31mred\x1b[0m"
OSC = "\x1b]0;pwned title\x07\x1b]52;c;ZXZpbA==\x07"
CONTROLS = "bell\x07 back\x08space nul\x00 del\x7f c1\x9b"
BIDI = "\u202eevil\u202c \u2066iso\u2069 zero\u200bwidth \ufeffbom"
LONG_LINE = "sappers " * 12_500  # a 100,000-character line
# What must never reach stdout raw: ESC, C0 (bar \t \n), DEL, C1, bidi, zero-width, BOM.
RAW_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\u2066-\u206f\ufeff]")
RICH_SGR = re.compile(r"\x1b\[[0-9;]*m")  # Rich's own styling, only present when forced to a terminal


def hostile_article(article_id: str = "hostile") -> Article:
    paragraphs = [MARKUP, ANSI + " " + OSC, CONTROLS, BIDI, LONG_LINE.strip()]
    text = "\n\n".join(paragraphs)
    spans, pos = [], 0
    for p in paragraphs:
        spans.append(Span(pos, pos + len(p)))
        pos += len(p) + 2
    assert text[spans[-1].start : spans[-1].end] == paragraphs[-1]
    return Article(
        id=article_id,
        title=f"{MARKUP} {ANSI}",
        title_derived=False,
        outlet=f"Evil {OSC} Outlet",
        url="https://example.com/\x1b]8;;https://evil\x07",
        author=BIDI,
        published=None,
        raw_file=f"raw/{article_id}.txt",
        raw_sha256="f" * 64,
        paragraphs=[Paragraph(p) for p in paragraphs],
        sentences=spans,
        removed=[Removal(1, ANSI + MARKUP, f"rule {MARKUP}")],
    )


@pytest.fixture
def hostile_corpus(tmp_path) -> Path:
    root = tmp_path / "articles"
    corpus = Corpus(root)
    corpus.save(hostile_article())
    return root


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- text is data ------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["articles"], ["show", "hostile"]])
def test_plain_output_shows_markup_literally_and_neutralises_escapes(hostile_corpus, capsys, command):
    code, out, err = run(capsys, "--articles", str(hostile_corpus), *command)
    assert code == 0, err
    assert not RAW_UNSAFE.search(out)
    assert "[bold red]ALERT[/bold red]" in out  # markup shown, not interpreted or deleted
    assert "\\x1b[31m" in out  # the escape is visible as text


def test_plain_show_keeps_every_markup_like_bracket(hostile_corpus, capsys):
    _, out, _ = run(capsys, "--articles", str(hostile_corpus), "show", "hostile")
    for fragment in ("[link=https://evil.example]click[/link]", "[/]", "[combat engineers]", "\\u202eevil"):
        assert fragment in out
    assert LONG_LINE.strip() in out.splitlines()  # 100,000 characters, one line, intact


@pytest.mark.parametrize("command", [["articles", "--json"], ["show", "hostile", "--json"]])
def test_json_output_parses_and_round_trips_the_exact_text(hostile_corpus, capsys, command):
    code, out, _ = run(capsys, "--articles", str(hostile_corpus), *command)
    assert code == 0
    assert not RAW_UNSAFE.search(out)
    doc = json.loads(out)
    record = doc[0] if isinstance(doc, list) else doc
    expected = hostile_article()
    assert record["title"] == expected.title and record["outlet"] == expected.outlet
    if "text" in record:
        assert record["text"] == expected.text
        assert record["removed"][0]["text"] == ANSI + MARKUP


def test_styled_terminal_output_carries_only_rich_own_escapes(hostile_corpus):
    env = {**os.environ, "FORCE_COLOR": "1", "COLUMNS": "100", "KURSK_READER_ARTICLES": str(hostile_corpus)}
    for command in (["articles"], ["show", "hostile"]):
        proc = subprocess.run(
            [sys.executable, "-m", "tui.cli", *command], capture_output=True, text=True, env=env, timeout=60
        )
        assert proc.returncode == 0, proc.stderr
        assert "\x1b[" in proc.stdout  # styled: really the terminal code path
        assert not RAW_UNSAFE.search(RICH_SGR.sub("", proc.stdout))
        assert "[bold red]ALERT" in RICH_SGR.sub("", proc.stdout)


def test_a_terminal_that_cannot_encode_unicode_gets_escapes_not_a_crash(hostile_corpus):
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "KURSK_READER_ARTICLES": str(hostile_corpus)}
    for command in (["articles"], ["show", "hostile"], ["show", "hostile", "--json"]):
        proc = subprocess.run([sys.executable, "-m", "tui.cli", *command], capture_output=True, env=env, timeout=60)
        assert proc.returncode == 0, proc.stderr
        assert b"Traceback" not in proc.stderr
    assert b"[bold red]ALERT" in proc.stdout


def test_ingest_strips_escapes_from_the_text_and_reports_them(tmp_path, capsys):
    raw = SEED.read_text(encoding="utf-8").splitlines()
    raw[4] = raw[4] + " \x1b[31mred\x1b[0m \x1b]0;pwned\x07 \u202eflip\u202c"
    hostile = tmp_path / "hostile.txt"
    hostile.write_text("\n".join(raw) + "\n", encoding="utf-8")
    code, out, _ = run(capsys, "--articles", str(tmp_path / "a"), "ingest", str(hostile), "--json")
    assert code == 0
    [result] = json.loads(out)
    assert any(r["line"] == 5 and r["reason"] == "control-characters" for r in result["removed"])
    _, out, _ = run(capsys, "--articles", str(tmp_path / "a"), "show", "hostile", "--json")
    text = json.loads(out)["text"]
    assert "red" in text and "\x1b" not in text and "[31m" not in text and "\u202e" not in text


def test_error_messages_with_hostile_file_names_stay_one_safe_line(tmp_path, capsys):
    nasty = tmp_path / "evil\x1b[31m\nname.txt"
    nasty.write_bytes(b"")
    code, _, err = run(capsys, "--articles", str(tmp_path / "a"), "ingest", str(nasty))
    assert code != 0
    assert len(err.splitlines()) == 1 and "\x1b" not in err


# --- files are data ----------------------------------------------------------------------------


def test_python_object_article_is_refused_and_the_rest_still_list(hostile_corpus, capsys):
    (hostile_corpus / "evil.yaml").write_text("!!python/object/apply:os.system ['echo pwned > /tmp/kr-pwned']\n")
    code, out, err = run(capsys, "--articles", str(hostile_corpus), "articles", "--json")
    assert code == 0 and [a["id"] for a in json.loads(out)] == ["hostile"]
    assert "evil.yaml" in err and "not a safe, well-formed article file" in err
    code, _, err = run(capsys, "--articles", str(hostile_corpus), "show", "evil")
    assert code != 0 and len(err.splitlines()) == 1 and "Traceback" not in err
    assert not Path("/tmp/kr-pwned").exists()


def test_titles_never_become_paths(tmp_path, capsys):
    raw = SEED.read_text(encoding="utf-8")
    report = tmp_path / "plain-name.txt"
    report.write_text("../../../../tmp/escaped-title\n\n" + raw, encoding="utf-8")
    code, out, _ = run(capsys, "--articles", str(tmp_path / "a"), "ingest", str(report), "--json")
    assert code == 0 and json.loads(out)[0]["article_id"] == "plain-name"
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["plain-name.yaml", "raw"]


# --- state survives faults -----------------------------------------------------------------------


def tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def temp_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob(f"*{atomic.TEMP_SUFFIX}")]


@pytest.fixture
def changed_seed(tmp_path, capsys) -> tuple[Path, Path]:
    """A corpus holding one article, and a changed version of its raw file to ingest."""
    root = tmp_path / "articles"
    raw = tmp_path / "report.txt"
    raw.write_bytes(SEED.read_bytes())
    assert run(capsys, "--articles", str(root), "ingest", str(raw))[0] == 0
    raw.write_bytes(SEED.read_bytes().replace(b"thousands of", b"many thousands of"))
    return root, raw


class _HalfWriter:
    """A file whose write stores half the data, then fails as a full disk does."""

    def __init__(self, f):
        self._f = f

    def write(self, data):
        self._f.write(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    def __getattr__(self, name):
        return getattr(self._f, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self._f.close()


def test_disk_full_mid_write_is_one_line_and_leaves_old_files_and_no_temp(changed_seed, capsys, monkeypatch):
    root, raw = changed_seed
    before = tree(root)
    real_fdopen = os.fdopen
    monkeypatch.setattr(atomic.os, "fdopen", lambda fd, mode: _HalfWriter(real_fdopen(fd, mode)))
    code, _out, err = run(capsys, "--articles", str(root), "ingest", str(raw))
    assert code == 1
    assert err.splitlines() == [err.strip()] and "No space left on device" in err and "disk is full" in err
    assert f"cannot write to the corpus folder {root}" in err
    assert tree(root) == before
    assert temp_files(root) == []


def test_disk_full_at_fsync_is_the_same(changed_seed, capsys, monkeypatch):
    root, raw = changed_seed
    before = tree(root)

    def no_space(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(atomic.os, "fsync", no_space)
    code, _, err = run(capsys, "--articles", str(root), "ingest", str(raw))
    assert code != 0 and "No space left on device" in err and len(err.splitlines()) == 1
    assert tree(root) == before and temp_files(root) == []


def test_interrupt_mid_write_leaves_the_old_article(changed_seed, capsys, monkeypatch):
    root, raw = changed_seed
    before = tree(root)

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    code, _, _ = run(capsys, "--articles", str(root), "ingest", str(raw))
    assert code == 130
    assert tree(root) == before and temp_files(root) == []


def test_read_only_corpus_is_a_clear_error(changed_seed, capsys, monkeypatch):
    root, raw = changed_seed
    before = tree(root)

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(root))

    monkeypatch.setattr(atomic.tempfile, "mkstemp", denied)
    code, _, err = run(capsys, "--articles", str(root), "ingest", str(raw))
    assert code != 0 and len(err.splitlines()) == 1
    assert "Permission denied" in err and "permissions" in err
    assert tree(root) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores folder permissions")
def test_really_read_only_corpus_folder(changed_seed, capsys):
    root, raw = changed_seed
    before = tree(root)
    for folder in (root, root / "raw"):
        folder.chmod(0o555)
    try:
        code, _, err = run(capsys, "--articles", str(root), "ingest", str(raw))
        assert code != 0 and "Permission denied" in err and len(err.splitlines()) == 1
        code, out, _ = run(capsys, "--articles", str(root), "articles", "--json")
        assert code == 0 and len(json.loads(out)) == 1  # reading a read-only corpus still works
    finally:
        for folder in (root, root / "raw"):
            folder.chmod(0o755)
    assert tree(root) == before


def _many_reports(folder: Path, n: int) -> Path:
    folder.mkdir()
    body = SEED.read_text(encoding="utf-8")
    for i in range(n):
        (folder / f"copy-{i:04d}.txt").write_text(body.replace("thousands of", f"{i + 2} thousand"), encoding="utf-8")
    return folder


def _cli(*args: str, root: Path) -> list[str]:
    return [sys.executable, "-m", "tui.cli", "--articles", str(root), *args]


def test_sigkill_during_a_large_ingest_leaves_every_article_whole(tmp_path, capsys, monkeypatch):
    root = tmp_path / "articles"
    assert run(capsys, "--articles", str(root), "ingest", str(SEEDS))[0] == 0
    seeds_before = tree(root)
    inbox = _many_reports(tmp_path / "inbox", 200)
    proc = subprocess.Popen(_cli("ingest", str(inbox), root=root), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while len(list(root.glob("copy-*.yaml"))) < 5 and time.monotonic() < deadline:
        time.sleep(0.01)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    written = len(list(root.glob("copy-*.yaml")))
    assert 5 <= written < 200, "the kill should land mid-ingest"
    _articles, problems = Corpus(root).load_all()
    assert problems == []  # every file is either absent or complete
    assert {k: v for k, v in tree(root).items() if k in seeds_before} == seeds_before
    monkeypatch.setattr(atomic, "STALE_AFTER_SECONDS", -1)  # pretend the killed writer's temp file is old
    code, _, err = run(capsys, "--articles", str(root), "ingest", str(inbox))
    assert code == 0, err
    assert len(Corpus(root).ids()) == 205
    assert temp_files(root) == []  # whatever the killed writer left behind was swept


def test_two_ingests_at_once_and_a_reader_listing_meanwhile(tmp_path):
    root = tmp_path / "articles"
    inbox = _many_reports(tmp_path / "inbox", 60)
    writers = [
        subprocess.Popen(_cli("ingest", str(inbox), root=root), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        for _ in range(2)
    ]
    listings = 0
    while any(w.poll() is None for w in writers):
        proc = subprocess.run(_cli("articles", "--json", root=root), capture_output=True, text=True, timeout=60)
        if proc.returncode == 0:  # before the first article the folder may not exist yet
            json.loads(proc.stdout)
            assert proc.stderr == ""  # never a half-written file to warn about
            listings += 1
    assert [w.wait() for w in writers] == [0, 0], [w.stderr.read() for w in writers]
    articles, problems = Corpus(root).load_all()
    assert problems == [] and len(articles) == 60
    assert temp_files(root) == []


@pytest.mark.parametrize("command", [["show", "hostile"], ["show", "hostile", "--json"]])
def test_output_piped_into_head_ends_quietly(hostile_corpus, command):
    env = {**os.environ, "KURSK_READER_ARTICLES": str(hostile_corpus)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui.cli", *command], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    )
    proc.stdout.readline()
    proc.stdout.close()  # like `| head -1`: the output (> 100 kB) cannot fit in the pipe buffer
    assert proc.wait(timeout=60) == 0
    assert proc.stderr.read() == b""
