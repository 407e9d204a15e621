"""The index's posting format (tui/search/whoosh_adapter.py) must hold exactly what Whoosh's own format holds:
every term's documents, weights and word positions, through several segments, merges and deletions.
A phrase found or missed, or a hit scored differently, would follow from any difference."""

from __future__ import annotations

import random

from test_search_support import make_article

from tui.search import engine
from tui.search import whoosh_adapter as writer
from tui.search.engine import SearchIndex
from tui.search.schema import build_schema, document
from tui.search.whoosh_adapter import BlockMatcher
from tui.search.whoosh_adapter import index as whoosh_index

WORDS = [f"w{i:03d}" for i in range(60)]


def _articles(n: int, seed: int) -> list:
    rng = random.Random(seed)
    articles = []
    for i in range(n):
        words = [WORDS[min(int(rng.paretovariate(0.8)) - 1, len(WORDS) - 1)] for _ in range(rng.randint(5, 120))]
        if i in (0, 700):  # gaps of hundreds of documents between postings
            words.append("rareword")
        title = " ".join(rng.sample(WORDS, 2))
        articles.append(
            make_article(f"a{i:04d}", [" ".join(words) + "."], title=title, outlet=rng.choice(["Times", "Post"]))
        )
    return articles


def _postings(reader) -> dict:
    """{(field, term): sorted [(article id, weight, value)]} over every term of every field."""
    ids = {docnum: fields["id"] for docnum, fields in reader.iter_docs()}
    found = {}
    for fieldname, term in reader.all_terms():
        m = reader.postings(fieldname, term)
        items = []
        while m.is_active():
            items.append((ids[m.id()], m.weight(), m.value()))
            m.next()
        if items:  # a term whose documents were all deleted is still listed
            found[fieldname, term] = sorted(items)
    return found


def _reference(folder, articles):
    folder.mkdir()
    reference = whoosh_index.create_in(str(folder), build_schema())  # Whoosh's own codec and pool
    with reference.writer() as w:
        for article in articles:
            w.add_document(**document(article, "hash", []))
    return reference


def test_postings_match_whoosh_format_through_segments_and_deletions(tmp_path):
    articles = _articles(900, seed=3)
    ours = SearchIndex(tmp_path, tmp_path / "ours")
    ours.update(articles[:500])
    ours.update(articles[:450] + articles[480:])  # a second segment; 30 deleted
    final = articles[:450] + articles[480:]
    final[7] = make_article(final[7].id, ["w001 w002 changed rareword."], title="Changed")
    ours.update(final)

    reference = _reference(tmp_path / "reference", final)
    reader = ours._reading_searcher().reader()
    assert reader.has_deletions() and len(reader.leaf_readers()) > 1
    with reference.searcher() as expected:
        assert _postings(reader) == _postings(expected.reader())
    ours.close()


def test_blocks_read_ids_and_weights_without_positions(tmp_path):
    ours = SearchIndex(tmp_path, tmp_path / "ours")
    ours.update(_articles(400, seed=5))
    reader = ours._reading_searcher().reader()
    m = reader.postings("body", "w000")
    assert isinstance(m, BlockMatcher)
    m._read_ids()
    m._read_weights()
    assert m._values is None and len(m._ids) == len(m._weights) == 128
    assert list(m.value_as("positions"))  # and positions still come when asked for
    ours.close()


def test_postings_spilled_to_disk_in_sorted_runs_come_back_whole(tmp_path, monkeypatch):
    """Past `limitmb` the writer's pool sorts postings into runs on disk and merges them (whoosh_adapter.py
    writes them in chunks): a big corpus takes that path, so take it here with a 1 MB pool."""
    monkeypatch.setitem(engine.WRITER_OPTIONS, "limitmb", 1)
    runs = []
    save = writer.GroupedPool.save
    monkeypatch.setattr(writer.GroupedPool, "save", lambda pool: runs.append(1) or save(pool))
    monkeypatch.setattr(writer, "RUN_CHUNK", 1000)
    articles = _articles(600, seed=11)
    ours = SearchIndex(tmp_path, tmp_path / "ours")
    ours.update(articles)
    assert len(runs) >= 3  # several runs of several chunks each
    with _reference(tmp_path / "reference", articles).searcher() as expected:
        assert _postings(ours._reading_searcher().reader()) == _postings(expected.reader())
    ours.close()


def test_positions_are_encoded_as_whoosh_encodes_them():
    fmt = build_schema()["body"].format
    rng = random.Random(4)
    lists = [[0], [1], [9000], [70000]] + [sorted(rng.sample(range(20000), rng.randint(1, 40))) for _ in range(3000)]
    for positions in lists:
        assert writer.encode_positions(positions) == fmt.encode(positions)


def test_an_index_added_to_from_worker_parts_holds_what_update_builds(tmp_path, monkeypatch):
    """ingest's workers make each article's figures, body postings and words (documents.py); the
    index the main process then writes, in segments as they come, holds the very postings and
    ranks exactly as the one update() makes from the articles."""
    from tui.search.documents import index_parts

    monkeypatch.setattr(engine, "SEGMENT_FIRST", 40)  # segments of 40, 40, 80 and the rest
    articles = _articles(300, seed=9)
    ours = SearchIndex(tmp_path / "corpus", tmp_path / "ours")
    session = ours.adding()
    for article in articles:
        session.add(article, index_parts(article))
    assert session.finish(lambda: articles).added == 300
    expected = SearchIndex(tmp_path / "corpus", tmp_path / "expected")
    expected.update(articles)
    try:
        assert len(ours._reading_searcher().reader().leaf_readers()) == 4
        assert _postings(ours._reading_searcher().reader()) == _postings(expected._reading_searcher().reader())
        assert ours._vocabulary.expand("w0") == expected._vocabulary.expand("w0")
        for query in ["w001", "w002 w007", '"w001 w002"', "rareword", "w00*", "title:w003", "outlet:times"]:
            got = [(h.article_id, round(h.score, 9)) for h in ours.search(query, limit=50)]
            assert got == [(h.article_id, round(h.score, 9)) for h in expected.search(query, limit=50)], query
    finally:
        ours.close()
        expected.close()


def test_an_article_given_twice_with_other_content_is_indexed_as_the_last(tmp_path):
    first, second = make_article("a1", ["Ferries crossed at dawn."]), make_article("a1", ["Clinics opened at noon."])
    index = SearchIndex(tmp_path / "corpus", tmp_path / "ix")
    session = index.adding()
    session.add(first)
    session.add(second, index_parts_of(first))  # parts made from other text are never used
    session.finish(lambda: [second])
    try:
        assert [h.article_id for h in index.search("clinics")] == ["a1"]
        assert index.search("ferries") == []
        assert index.document_count() == 1
    finally:
        index.close()


def index_parts_of(article):
    from tui.search.documents import index_parts

    return index_parts(article)


def _segment(folder, articles, grouped: bool, limitmb: int):
    """One segment of `articles` written by our writer (each term's postings a block at a time) or by
    Whoosh's own per-posting pool and add_postings (with our codec): its postings and term files, and
    its reader."""
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    w = writer.Writer(ix, limitmb=limitmb, compound=False, codec=writer.PositionsApartCodec())
    if not grouped:
        w.pool = writer.PostingPool(w._tempstorage, w.newsegment, limitmb=limitmb)
        w._flush_segment = lambda: writer.SegmentWriter._flush_segment(w)
    for article in articles:
        w.add_document(**document(article, "hash", []))
    w.commit()
    files = {p.suffix: p.read_bytes() for p in folder.iterdir() if p.suffix in (".pst", ".trm")}
    assert len(files) == 2
    return files, whoosh_index.open_dir(str(folder)).reader()


def _blocks(reader) -> dict:
    """Every term's blocks: header statistics (count, last id, max weight, length bytes) and contents."""
    found = {}
    for fieldname, term in reader.all_terms():
        blocks = writer.term_blocks(reader, fieldname, term)
        headers = [(*h[1:6], h.last) for h in blocks.headers]
        data = [
            writer.unpack_block(blocks.data[h.data_offset - blocks.base : h.data_end - blocks.base])
            for h in blocks.headers
        ]
        contents = [
            (bytes(d.ids), bytes(d.weights or b""), writer.unpack_values(d.values) if d.values else None) for d in data
        ]
        found[fieldname, term] = (headers, contents)
    return found


def test_terms_written_a_block_at_a_time_are_what_whoosh_writes_one_posting_at_a_time(tmp_path):
    """Blocks, their statistics (max weight, shortest and longest document) and term infos are read
    by the matcher and bulk scoring: the grouped writer writes exactly the per-posting bytes; when the
    pool spills runs to disk, the same blocks (pickle shares a repeated value object only when it is
    the same object, which runs read back from disk are not: same values, other bytes)."""
    articles = _articles(700, seed=13)
    ours, _ = _segment(tmp_path / "grouped", articles, grouped=True, limitmb=128)
    whoosh_way, _ = _segment(tmp_path / "per-posting", articles, grouped=False, limitmb=128)
    assert ours == whoosh_way
    _, spilled = _segment(tmp_path / "grouped-spilled", articles, grouped=True, limitmb=1)
    _, expected = _segment(tmp_path / "per-posting-spilled", articles, grouped=False, limitmb=1)
    assert _blocks(spilled) == _blocks(expected)
