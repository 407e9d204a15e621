"""Ingest of saved HTML pages, urls, feeds and standard input, as a user runs it, against a local
server on 127.0.0.1: outlet, headline and date where the page states them; every bad url or page
is one line, a non-zero exit when it was the only input, and an untouched corpus."""

from __future__ import annotations

import gzip
import io
import json
import re
from pathlib import Path

import pytest
from local_server import LocalServer, Response, page

from tui.cli import main
from tui.corpus import fetch
from tui.corpus.ingest import ingest
from tui.corpus.store import Corpus

FLOOD = [
    "Heavy rain flooded the river valley on Tuesday and about 2,000 homes were damaged across three districts, "
    "the regional governor told reporters in the afternoon.",
    "Rescue teams were still searching for four missing people in the worst-hit villages, he said, "
    "and schools in the area will stay closed until the water recedes.",
    "Forecasters expect more rain later in the week, and the national weather office has issued a warning "
    "for the whole of the northern region until Sunday.",
]
DATED_HEAD = '<meta property="article:published_time" content="2025-06-17T14:32:00+03:00">'


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture
def server():
    with LocalServer() as s:
        yield s


@pytest.fixture
def corpus_dir(tmp_path) -> Path:
    return tmp_path / "articles"


def show(capsys, corpus_dir: Path, article_id: str) -> dict:
    code, out, _ = run(capsys, "--articles", str(corpus_dir), "show", article_id, "--json")
    assert code == 0
    return json.loads(out)


def test_saved_html_page_gives_headline_outlet_date_and_keeps_raw_bytes(tmp_path, corpus_dir, capsys):
    saved = tmp_path / "Floods in the valley.html"
    data = page("Floods hit the river valley", FLOOD, head=DATED_HEAD, site="Valley Courier")
    saved.write_bytes(data)
    code, out, err = run(capsys, "--articles", str(corpus_dir), "ingest", str(saved), "--json")
    assert code == 0, err
    [r] = json.loads(out)
    assert (r["status"], r["article_id"]) == ("added", "floods-in-the-valley")
    assert (r["title"], r["title_derived"]) == ("Floods hit the river valley", False)
    assert r["outlet"] == "Valley Courier"
    assert r["published"] == "2025-06-17T14:32+03:00"
    assert (corpus_dir / "raw" / "floods-in-the-valley.html").read_bytes() == data  # byte for byte
    doc = show(capsys, corpus_dir, "floods-in-the-valley")
    assert doc["text"].startswith("Heavy rain flooded")  # menus and footer gone, headline not repeated
    assert "Contact us" not in doc["text"]


def test_folder_of_html_pages_is_ingested(tmp_path, corpus_dir, capsys):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.htm").write_bytes(page("Floods hit the river valley", FLOOD))
    (tmp_path / "in" / "b.txt").write_text("Dam repaired\n\n" + " ".join(FLOOD[1:]) + "\n", encoding="utf-8")
    code, out, err = run(capsys, "--articles", str(corpus_dir), "ingest", str(tmp_path / "in"), "--json")
    assert code == 0, err
    assert sorted(r["article_id"] for r in json.loads(out)) == ["a", "b"]


def test_url_is_fetched_with_an_honest_user_agent_and_redirects_followed(server, corpus_dir, capsys):
    server.routes["/2025/06/17/floods-hit-valley"] = Response(page("Floods hit the river valley", FLOOD))
    server.routes["/short"] = Response(status=302, headers={"Location": "/2025/06/17/floods-hit-valley"})
    code, out, err = run(capsys, "--articles", str(corpus_dir), "ingest", server.url("/short"), "--json")
    assert code == 0, err
    [r] = json.loads(out)
    assert r["article_id"] == "floods-hit-valley"
    assert r["url"] == server.url("/2025/06/17/floods-hit-valley")
    assert r["published"] == "2025-06-17"  # from the url
    assert r["outlet"] == "127.0.0.1"  # nothing better known: the site's address, never "Unknown"
    agent = server.requests[0][1]["User-Agent"]
    assert re.fullmatch(r"kursk-reader/\d+\.\d+\.\d+ \(.+\)", agent)  # says what it is and which version


def test_url_already_ingested_is_unchanged(server, corpus_dir, capsys):
    server.routes["/story"] = Response(page("Floods hit the river valley", FLOOD))
    run(capsys, "--articles", str(corpus_dir), "ingest", server.url("/story"))
    before = files(corpus_dir)
    code, out, _ = run(capsys, "--articles", str(corpus_dir), "ingest", server.url("/story"), "--json")
    assert code == 0 and json.loads(out)[0]["status"] == "unchanged"
    assert files(corpus_dir) == before


def bomb() -> bytes:
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb") as f:
        chunk = b"\0" * 2**20
        for _ in range(64):  # 64 MiB of zeros in ~64 KiB
            f.write(chunk)
    return buf.getvalue()


BAD_URLS = {
    "404": (lambda s: s.url("/missing"), "HTTP 404"),
    "refused": (lambda s: "http://127.0.0.1:9/story", "cannot connect"),
    "wrong type": (lambda s: s.url("/photo"), "not a web page or feed (content type image/png)"),
    "gzip bomb": (lambda s: s.url("/bomb"), "too large once decompressed"),
    "huge": (lambda s: s.url("/huge"), "too large"),
    "slow": (lambda s: s.url("/slow"), "timed out"),
    "no article": (lambda s: s.url("/empty"), "no article text"),
    "redirect loop": (lambda s: s.url("/loop"), "HTTP 30"),
    "redirect to file": (lambda s: s.url("/to-file"), "non-web address"),
    "broken feed": (lambda s: s.url("/broken.xml"), "not a readable RSS or Atom feed"),
    "not a url": (lambda s: "ftp://127.0.0.1/x", "no such file"),
}


@pytest.mark.parametrize("case", list(BAD_URLS))
def test_bad_url_is_one_line_nonzero_and_changes_nothing(server, corpus_dir, capsys, monkeypatch, case):
    monkeypatch.setattr(fetch, "TIMEOUT_SECONDS", 0.5)
    monkeypatch.setattr(fetch, "MAX_BYTES", 1024 * 1024)
    server.routes["/photo"] = Response(b"\x89PNG....", headers={"Content-Type": "image/png"})
    server.routes["/bomb"] = Response(bomb(), headers={"Content-Type": "text/html", "Content-Encoding": "gzip"})
    server.routes["/huge"] = Response(b"<html>" + b"x" * (2 * 1024 * 1024))
    server.routes["/slow"] = Response(page("Late", FLOOD), slow=2.0)
    server.routes["/empty"] = Response(b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
    server.routes["/loop"] = Response(status=302, headers={"Location": "/loop"})
    server.routes["/to-file"] = Response(status=302, headers={"Location": "file:///etc/passwd"})
    server.routes["/broken.xml"] = Response(
        b"<rss><channel><item><title>x</ti", headers={"Content-Type": "application/rss+xml"}
    )
    make, message = BAD_URLS[case]
    corpus_dir.mkdir()
    code, out, err = run(capsys, "--articles", str(corpus_dir), "ingest", make(server))
    assert code != 0 and "Traceback" not in err, (out, err)
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("kursk-reader: error: ") and message in lines[0], err
    assert files(corpus_dir) == {}


def test_stdin_is_a_pasted_report(corpus_dir, capsys, monkeypatch):
    text = "Dam repairs finished early\n\n" + "\n\n".join(FLOOD) + "\n"
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
    code, out, err = run(
        capsys,
        "--articles",
        str(corpus_dir),
        "ingest",
        "-",
        "--outlet",
        "My Paper",
        "--published",
        "2025-06-01",
        "--json",
    )
    assert code == 0, err
    [r] = json.loads(out)
    assert r["article_id"].startswith("pasted-")
    assert (r["outlet"], r["published"], r["title"]) == ("My Paper", "2025-06-01", "Dam repairs finished early")


def test_known_fields_need_exactly_one_input(tmp_path, corpus_dir, capsys):
    code, _, err = run(capsys, "--articles", str(corpus_dir), "ingest", "a.txt", "b.txt", "--outlet", "X")
    assert code != 0 and "exactly one" in err


def test_given_date_that_is_no_date_is_left_out_and_explained(tmp_path, corpus):
    saved = tmp_path / "r.html"
    saved.write_bytes(page("Floods hit the river valley", FLOOD))
    from tui.corpus.inputs import Input
    from tui.corpus.provenance import Known

    [r] = ingest(corpus, [Input(str(saved), Known(published="31 Febtember"))])
    assert r.article is not None and r.article.published is None
    assert "not a date" in r.article.provenance["published"]


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return Corpus(tmp_path / "articles", catalog_path=tmp_path / "catalog.json")


def test_a_folder_of_many_pages_is_extracted_ahead_with_the_same_result(tmp_path, corpus, monkeypatch):
    """16+ saved pages go through worker processes (prefetch.py): the main process never extracts
    one itself, and each article is what the page gives when read alone."""
    from tui.corpus import ingest as ingest_module
    from tui.corpus import prefetch

    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(prefetch.MIN_PAGES):
        body = [
            f"District {n} reported {n * 17 + 3} damaged homes on Tuesday, the regional office said in a statement."
        ]
        body.append(f"Repairs in district {n} will take {n + 2} weeks, officials told reporters in the afternoon.")
        (folder / f"p{n:02d}.html").write_bytes(page(f"Floods damage district {n}", body))
    with monkeypatch.context() as m:
        m.setattr(ingest_module, "read_html", lambda *a: pytest.fail("extracted in the main process"))
        results = ingest(corpus, [folder])
    assert [r.status for r in results] == ["added"] * prefetch.MIN_PAGES
    alone = Corpus(tmp_path / "alone", catalog_path=tmp_path / "alone.json")
    [single] = ingest(alone, [folder / "p07.html"])
    assert single.article is not None and results[7].article is not None
    assert (results[7].article.title, results[7].article.text) == (single.article.title, single.article.text)
