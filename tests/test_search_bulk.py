"""Bulk scoring of whole posting lists as arrays (tui/search/bulk.py) must rank exactly as Whoosh's exhaustive
search does: same documents, same scores, same order, over an index with several segments and
deletions, posting lists many blocks long, and a table of query shapes."""

from __future__ import annotations

import random

import pytest
from test_search_support import make_article

from tui.search import bulk
from tui.search.engine import SearchIndex
from tui.search.query import parse

WORDS = [f"w{i:03d}" for i in range(120)]
QUERIES = [
    "w000",
    "w001",
    "w007",
    "w050",
    "w119",  # very common .. rare (Zipf)
    "w000 w001",
    "w002 w040",
    "w000 w003 w010",
    "w030 w031",  # AND: dense, mixed, three-way, rare
    "w000 -w001",
    "w005 NOT w002",
    "w001 OR w090",
    "(w000 OR w004) w020",  # NOT, OR, OR inside AND
    '"w000 w001"',
    "w00*",
    "w01*",
    "w10*",
    "title:w000",
    "title:w003 w001",
    "w000~",
    "nothere",
    "w000 nothere",
    'outlet:"New York Times"',
    "outlet:times",
    "outlet:times w003",  # ties: the lower number first
    "(w000 w001) OR w030",
    "w002 (w001 OR (w003 w004))",
    "w015 (w000 OR (w001 -w002))",  # nested: scored exactly
]


def _zipf_word(rng: random.Random) -> str:
    return WORDS[min(int(rng.paretovariate(1.0)) - 1, len(WORDS) - 1)]


def _articles(n: int, seed: int) -> list:
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        words = [_zipf_word(rng) for _ in range(rng.randint(20, 300))]  # lengths vary: the bounds must hold
        title = " ".join(_zipf_word(rng) for _ in range(rng.randint(1, 4)))
        if i in (1, 2, 3):  # a few articles about w015, as a story has: they lead its ranking by far
            title, words = "W015 w015", words + ["w015"] * 12
        outlet = rng.choice(["New York Times", "The Times", "Times of India", None])  # many equal scores
        if i in (5, 900, 901):  # `outlet:times`, limit 2: 900 first, then 5 and 901 tie; 5 must win
            outlet = "Times Times" if i == 900 else "Times"
        articles.append(make_article(f"{i:05d}", [" ".join(words) + "."], title=title.capitalize(), outlet=outlet))
    return articles


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("bulk")
    articles = _articles(1500, seed=7)
    ix = SearchIndex(folder, folder / "index")
    ix.update(articles[:1200])
    ix.update(articles[:1100] + articles[1150:])  # a second segment, 50 deleted
    changed = list(articles[:1100] + articles[1150:])
    changed[10] = make_article(changed[10].id, ["w000 w000 w001 changed."], title="W000")
    ix.update(changed)  # a third segment, one more deletion
    yield ix
    ix.close()


def _exhaustive(searcher, q, limit):
    """Every match scored (no limit: Whoosh's top-N collector prunes nested queries even with
    optimize=False, so at limit 1 it can miss the best), best first, ties to the lower number."""
    scored = [(hit.docnum, hit.score) for hit in searcher.search(q, limit=None)]
    return sorted(scored, key=lambda item: (-item[1], item[0]))[:limit]


@pytest.mark.parametrize("text", QUERIES)
@pytest.mark.parametrize("limit", [1, 2, 10, 40])
def test_bulk_ranks_exactly_as_exhaustive_whoosh(index, text, limit):
    searcher = index._reading_searcher()
    assert len(searcher.leaf_searchers()) > 1 and searcher.reader().has_deletions()
    parsed = parse(text, index._parser, searcher.reader(), index._vocabulary)
    q = parsed.relaxed or parsed.query
    found = bulk.top_hits(searcher, q, limit)
    assert found is not None, f"{text!r} should be scored in bulk"
    expected = _exhaustive(searcher, q, limit)
    got, total = found
    assert [d for d, _ in got] == [d for d, _ in expected]
    assert [s for _, s in got] == pytest.approx([s for _, s in expected], rel=1e-12)
    assert total >= len(got)
    if len(expected) < limit:
        assert total == len(expected)


def test_deleted_and_replaced_articles_never_come_back(index):
    hits = index.search("w000", limit=2000)
    ids = {h.article_id for h in hits}
    assert not ids & {f"{i:05d}" for i in range(1100, 1150)}
    assert len(ids) == len(hits)
    assert [h.article_id for h in index.search("changed w000")] == ["00010"]  # its new text, once


def test_unsupported_shapes_fall_back_to_whoosh(index):
    searcher = index._reading_searcher()
    parsed = parse('"w000 w001"', index._parser, searcher.reader(), index._vocabulary)
    assert bulk.top_hits(searcher, parsed.query, 10) is None  # a phrase: positions are Whoosh's job
    assert index.search('"w000 w001"', limit=5)  # and the engine still answers it
