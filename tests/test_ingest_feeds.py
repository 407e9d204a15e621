"""RSS and Atom feeds, manifests and duplicates, as a user runs them (local server on 127.0.0.1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from local_server import LocalServer, Response, page

from tui.cli import main

TOPICS = ["floods", "dam", "bridge", "school", "harvest", "storm", "power", "rail"]


def story(n: int) -> list[str]:
    topic = TOPICS[n % len(TOPICS)]
    return [
        f"Officials in district {n} said on Tuesday that the {topic} had affected about {n * 37 + 11} households, "
        f"and that crews had been working through the night on report {n}.",
        f"Residents of district {n} were told the {topic} repairs would take at least {n + 2} more weeks to finish, "
        "the regional office said in a statement.",
    ]


def rss(base: str, numbers: list[int]) -> bytes:
    items = "".join(
        f"<item><title>Story {n} headline</title><link>{base}/news/story-{n}</link>"
        f"<pubDate>Tue, 17 Jun 2025 0{n % 10}:30:00 GMT</pubDate></item>"
        for n in numbers
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley</title>{items}</channel></rss>'.encode()


def atom(base: str, numbers: list[int]) -> bytes:
    entries = "".join(
        f'<entry><title>Story {n} headline</title><link href="{base}/news/story-{n}"/>'
        f"<id>urn:{n}</id><updated>2025-06-17T10:00:00Z</updated></entry>"
        for n in numbers
    )
    return f'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>V</title>{entries}</feed>'.encode()


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def server():
    with LocalServer() as s:
        for n in range(60):
            s.routes[f"/news/story-{n}"] = Response(page(f"Story {n} headline", story(n)))
        yield s


def test_feed_url_ingests_each_entry_then_skips_those_already_in(server, tmp_path, capsys):
    corpus = str(tmp_path / "articles")
    server.routes["/feed.xml"] = Response(rss(server.base, [1, 2, 3]), headers={"Content-Type": "application/rss+xml"})
    code, out, err = run(capsys, "--articles", corpus, "ingest", server.url("/feed.xml"), "--json")
    assert code == 0, err
    results = json.loads(out)
    assert [r["status"] for r in results] == ["added"] * 3
    assert [r["title"] for r in results] == ["Story 1 headline", "Story 2 headline", "Story 3 headline"]
    assert all(r["published"] and r["published"].startswith("2025-06-17") for r in results)
    server.routes["/feed.xml"] = Response(rss(server.base, [1, 2, 3, 4]), headers={"Content-Type": "text/xml"})
    fetched_before = len(server.requests)
    code, out, _ = run(capsys, "--articles", corpus, "ingest", server.url("/feed.xml"), "--json")
    results = json.loads(out)
    assert [r["status"] for r in results] == ["unchanged"] * 3 + ["added"]
    assert len(server.requests) - fetched_before == 2  # the feed and the one new page


def test_atom_feed_file(server, tmp_path, capsys):
    feed = tmp_path / "saved-feed.atom"
    feed.write_bytes(atom(server.base, [5, 6]))
    code, out, err = run(capsys, "--articles", str(tmp_path / "articles"), "ingest", str(feed), "--json")
    assert code == 0, err
    assert [r["status"] for r in json.loads(out)] == ["added", "added"]


def test_entry_that_fails_is_one_line_and_the_rest_go_in(server, tmp_path, capsys):
    server.routes["/feed.xml"] = Response(rss(server.base, [1, 99]), headers={"Content-Type": "application/rss+xml"})
    code, _out, err = run(capsys, "--articles", str(tmp_path / "articles"), "ingest", server.url("/feed.xml"))
    assert code == 0
    assert err.count("\n") == 1 and "HTTP 404" in err


def test_manifest_csv_and_jsonl(server, tmp_path, capsys):
    (tmp_path / "saved.html").write_bytes(page("Story 7 headline", story(7)))
    (tmp_path / "list.csv").write_text(
        "path,url,published,outlet\nsaved.html,https://courier.test/a,2025-06-01,Valley Courier\n", encoding="utf-8"
    )
    (tmp_path / "list.jsonl").write_text(
        json.dumps({"url": server.url("/news/story-8"), "outlet": "Hill Gazette", "title": "Given headline"}) + "\n",
        encoding="utf-8",
    )
    corpus = str(tmp_path / "articles")
    code, out, err = run(capsys, "--articles", corpus, "ingest", "--manifest", str(tmp_path / "list.csv"), "--json")
    assert code == 0, err
    [r] = json.loads(out)
    assert (r["outlet"], r["published"], r["url"]) == ("Valley Courier", "2025-06-01", "https://courier.test/a")
    code, out, err = run(capsys, "--articles", corpus, "ingest", "--manifest", str(tmp_path / "list.jsonl"), "--json")
    [r] = json.loads(out)
    assert (r["outlet"], r["title"]) == ("Hill Gazette", "Given headline")


def test_bad_manifest_is_one_line(tmp_path, capsys):
    bad = tmp_path / "list.csv"
    bad.write_text("path,colour\nx.txt,red\n", encoding="utf-8")
    code, _, err = run(capsys, "--articles", str(tmp_path / "articles"), "ingest", "--manifest", str(bad))
    assert code != 0 and len(err.splitlines()) == 1 and "unknown column" in err


def test_same_report_twice_is_one_article_with_two_sources(server, tmp_path, capsys):
    corpus = str(tmp_path / "articles")
    first = tmp_path / "saved.html"
    first.write_bytes(page("Story 9 headline", story(9)))
    resaved = tmp_path / "saved again.html"  # a re-save: same story, a different page around it
    resaved.write_bytes(page("Story 9 headline", story(9), extra="<p>Updated</p>"))
    run(capsys, "--articles", corpus, "ingest", str(first))
    code, out, err = run(capsys, "--articles", corpus, "ingest", str(resaved), server.url("/news/story-9"))
    assert code == 0, err
    assert out.count("duplicate") >= 2 and "same report as saved" in out
    code, out, _ = run(capsys, "--articles", corpus, "articles", "--json")
    [only] = json.loads(out)
    assert only["n_sources"] == 3
    code, out, _ = run(capsys, "--articles", corpus, "show", "saved", "--json")
    doc = json.loads(out)
    assert [Path(s["raw_file"]).suffix for s in doc["sources"]] == [".html"] * 3
    assert doc["url"] == server.url("/news/story-9")  # learnt from the second source


def test_a_different_report_is_not_a_duplicate(tmp_path, capsys):
    corpus = str(tmp_path / "articles")
    for n in (10, 11):
        (tmp_path / f"s{n}.html").write_bytes(page(f"Story {n} headline", story(n)))
    _code, out, _ = run(capsys, "--articles", corpus, "ingest", str(tmp_path / "s10.html"), str(tmp_path / "s11.html"))
    assert "2 added" in out and "duplicate" not in out


def test_a_report_that_differs_in_a_figure_is_not_folded(tmp_path, capsys):
    """Near-identical words but another number: the reader exists to compare exactly that."""
    corpus = str(tmp_path / "articles")
    long_story = story(12) + story(13) + story(14) + story(15)  # one number is well under 10% of its words
    (tmp_path / "a.html").write_bytes(page("Story 12 headline", long_story))
    changed = [long_story[0].replace(str(12 * 37 + 11), str(12 * 37 + 12)), *long_story[1:]]
    (tmp_path / "b.html").write_bytes(page("Story 12 headline", changed))
    code, out, _ = run(capsys, "--articles", corpus, "ingest", str(tmp_path / "a.html"), str(tmp_path / "b.html"))
    assert code == 0 and "2 added" in out and "duplicate" not in out
