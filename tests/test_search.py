"""Search results against a brute-force scan of the seed articles, offsets, fields, figures, errors."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_search_support import make_article, make_figure

from tui.corpus.store import Corpus
from tui.search.analysis import fold, term_of
from tui.search.engine import QueryError, SearchIndex

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def seeds():
    articles, problems = Corpus(REPO / "articles").load_all()
    assert articles and not problems
    return articles


@pytest.fixture(scope="module")
def seed_index(seeds, tmp_path_factory):
    index = SearchIndex(REPO / "articles", tmp_path_factory.mktemp("seed-index"))
    index.update(seeds)
    yield index
    index.close()


def _words(text: str) -> list[re.Match]:
    return list(re.finditer(r"\w+(?:['’]\w+)*", text))


def brute_force_words(articles, word: str) -> dict[str, list[tuple[int, int]]]:
    """Articles (title or text) containing `word` as a whole word, any case, and where in the text."""
    found = {}
    pattern = re.compile(rf"(?<!\w){re.escape(word)}(?!\w)", re.IGNORECASE)
    for a in articles:
        spans = [m.span() for m in pattern.finditer(a.text)]
        if spans or pattern.search(a.title):
            found[a.id] = spans
    return found


def brute_force_phrase(articles, words: list[str]) -> dict[str, list[tuple[int, int]]]:
    pattern = re.compile(r"(?<!\w)" + r"\W+".join(map(re.escape, words)) + r"(?!\w)", re.IGNORECASE)
    found = {}
    for a in articles:
        spans = [m.span() for m in pattern.finditer(a.text)]
        if spans or pattern.search(a.title):
            found[a.id] = spans
    return found


def _covered(span: tuple[int, int], matches) -> bool:
    return any(m.start <= span[0] and span[1] <= m.end for m in matches)


WORDS = [
    "sappers",
    "Shoigu",
    "Kursk",
    "Pyongyang",
    "engineers",
    "labourers",
    "drones",
    "memorial",
    "sanctions",
    "Putin",
    "infrastructure",
    "Tuesday",
    "workers",
    "the",
]
PHRASES = [
    "military construction",
    "North Korea",
    "construction workers",
    "Kursk region",
    "combat engineers",
    "military construction workers",
    "Kim Jong-un",
]


@pytest.mark.parametrize("word", WORDS)
def test_word_recall_is_complete_and_every_occurrence_is_a_match(seeds, seed_index, word):
    expected = brute_force_words(seeds, word)
    assert expected, f"table word {word!r} is not in the seeds"
    hits = {h.article_id: h for h in seed_index.search(word, limit=100)}
    assert set(expected) <= set(hits)
    for article_id, spans in expected.items():
        assert all(_covered(span, hits[article_id].matches) for span in spans)


@pytest.mark.parametrize("phrase", PHRASES)
def test_phrase_recall_is_complete_and_matches_cover_the_whole_phrase(seeds, seed_index, phrase):
    words = re.findall(r"\w+", phrase)
    expected = brute_force_phrase(seeds, words)
    assert expected
    hits = {h.article_id: h for h in seed_index.search(f'"{phrase}"', limit=100)}
    assert set(expected) <= set(hits)
    texts = {a.id: a.text for a in seeds}
    for article_id, hit in hits.items():
        for m in hit.matches:  # each match is the whole phrase, in the article's own words
            found = [term_of(w.group())[0] for w in _words(texts[article_id][m.start : m.end])]
            assert found == [term_of(w)[0] for w in words]
        assert all(_covered(span, hit.matches) for span in expected.get(article_id, []))


@pytest.mark.parametrize("word", WORDS[:-1])
def test_every_offset_slices_to_a_form_of_the_word(seeds, seed_index, word):
    texts = {a.id: a.text for a in seeds}
    wanted = term_of(word)[0]
    for hit in seed_index.search(word, limit=100):
        assert hit.matches or word.lower() in hit.title.lower()
        for m in hit.matches:
            assert term_of(texts[hit.article_id][m.start : m.end])[0] == wanted


def test_match_sentences_are_the_sentences_holding_the_offsets(seeds, seed_index):
    by_id = {a.id: a for a in seeds}
    for hit in seed_index.search("sappers OR Kursk", limit=100):
        article = by_id[hit.article_id]
        for m in hit.matches:
            s = article.sentences[m.sentence]
            assert s.start <= m.start and m.end <= s.end


def test_snippet_marks_point_at_matched_words(seed_index):
    hits = seed_index.search("sappers", limit=100)
    assert hits
    for hit in hits:
        assert hit.snippet_marks
        for a, b in hit.snippet_marks:
            assert hit.snippet[a:b].lower() == "sappers"


def test_stemmed_forms_match(seeds, seed_index):
    texts = {a.id: a.text for a in seeds}
    surfaces = {texts[h.article_id][m.start : m.end].lower() for h in seed_index.search("engineer") for m in h.matches}
    assert "engineers" in surfaces


def test_fuzzy_finds_a_misspelt_name(seeds, seed_index):
    expected = brute_force_words(seeds, "Shoigu")
    hits = seed_index.search("shoigo~", limit=100)
    assert set(expected) <= {h.article_id for h in hits}
    texts = {a.id: a.text for a in seeds}
    assert any(texts[h.article_id][m.start : m.end] == "Shoigu" for h in hits for m in h.matches)


def test_prefix_matches_words_starting_with_it(seeds, seed_index):
    texts = {a.id: a.text for a in seeds}
    hits = seed_index.search("constr*", limit=100)
    expected = {a.id for a in seeds if re.search(r"(?<!\w)constr", a.text + " " + a.title, re.IGNORECASE)}
    assert {h.article_id for h in hits} == expected
    for h in hits:
        assert all(fold(texts[h.article_id][m.start : m.end]).startswith("constr") for m in h.matches)


@pytest.mark.parametrize("query", ["15000", "15,000", "15 000"])
def test_numbers_match_in_any_written_form(seeds, seed_index, query):
    expected = brute_force_words(seeds, "15,000")
    assert expected
    hits = seed_index.search(query, limit=100)
    assert set(expected) == {h.article_id for h in hits}
    texts = {a.id: a.text for a in seeds}
    assert all(texts[h.article_id][m.start : m.end] == "15,000" for h in hits for m in h.matches)


def test_not_excludes_and_or_unites(seeds, seed_index):
    drones = set(brute_force_words(seeds, "drones"))
    kursk = set(brute_force_words(seeds, "Kursk"))
    sappers = set(brute_force_words(seeds, "sappers"))
    assert {h.article_id for h in seed_index.search("Kursk -drones", 100)} == kursk - drones
    assert {h.article_id for h in seed_index.search("Kursk NOT drones", 100)} == kursk - drones
    assert {h.article_id for h in seed_index.search("drones OR sappers", 100)} == drones | sappers
    assert {h.article_id for h in seed_index.search("drones sappers", 100)} == drones & sappers


@pytest.fixture
def field_index(tmp_path):
    a = make_article(
        "nyt",
        ["About 15,000 North Korean labourers already work in Russia.", "Shoigu said so."],
        title="Pyongyang sends sappers",
        outlet="New York Times",
        author="Choe Sang-Hun",
        published="2025-06-17T14:32+03:00",  # a time and zone, as pages state them
    )
    b = make_article(
        "ap",
        ["North Korea will send 1,000 sappers and 5,000 workers.", "Times are hard."],
        title="Rebuilding Kursk",
        outlet="Associated Press",
        author="Hyung-Jin Kim",
    )
    figures = {
        "nyt": [make_figure(a, "15,000", 15000, "North Korean labourers")],
        "ap": [make_figure(b, "1,000", 1000, "sappers"), make_figure(b, "5,000", 5000, "workers")],
    }
    index = SearchIndex(tmp_path, tmp_path / "index")
    index.update([a, b], figures=figures)
    yield index, {"nyt": a, "ap": b}
    index.close()


def _ids(index, query: str) -> set[str]:
    return {h.article_id for h in index.search(query, limit=100)}


def test_field_queries(field_index):
    index, _ = field_index
    assert _ids(index, 'outlet:"New York Times"') == {"nyt"}
    assert _ids(index, "outlet:times") == {"nyt"}  # the word, not "Times are hard" in the text of ap
    assert _ids(index, "author:kim") == {"ap"}
    assert _ids(index, "title:sappers") == {"nyt"}
    assert _ids(index, "sappers") == {"nyt", "ap"}  # the title counts as text too
    assert _ids(index, "published:2025-06*") == {"nyt"}
    assert _ids(index, "published:2025-06-17") == {"nyt"}  # the day finds a report stated to the minute


def test_title_words_rank_higher(tmp_path):
    in_title = make_article("t", ["Workers arrive on Tuesday."], title="Kursk rebuilding")
    in_text = make_article("b", ["Kursk rebuilding starts."], title="Workers arrive on Tuesday")
    index = SearchIndex(tmp_path, tmp_path / "index")
    index.update([in_text, in_title])
    assert [h.article_id for h in index.search("kursk")] == ["t", "b"]
    index.close()


def test_title_marks(field_index):
    index, _ = field_index
    (hit,) = index.search("title:rebuilding", limit=10)
    assert hit.title[hit.title_marks[0][0] : hit.title_marks[0][1]] == "Rebuilding"


def test_figure_ranges_and_counts(field_index):
    index, articles = field_index
    assert _ids(index, "value:>10000") == {"nyt"}
    assert _ids(index, "value:>=1000") == {"nyt", "ap"}
    assert _ids(index, "value:1000..6000") == {"ap"}
    assert _ids(index, "value:[2000 TO 6000]") == {"ap"}
    assert _ids(index, "value:<1000") == set()
    assert _ids(index, "counts:labourers") == {"nyt"}
    (hit,) = index.search("value:1000..6000")
    text = articles["ap"].text
    assert [text[m.start : m.end] for m in hit.matches] == ["1,000", "5,000"]


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ('"military construction', "quote"),
        ("(sappers OR drones", "parenthesis"),
        ("sappers)", "parenthesis"),
        ("*", "lone *"),
        ("title:*", "lone *"),
        ("a" * 10_000, "too long"),
        ("sap\x1bpers", "control character"),
        ("sappers\x00", "control character"),
        ("s*", "at least"),
        ("sa*pers", "end of a word"),
        ("colour:red", "unknown field"),
        ("value:abc", "not a valid number"),
        ("value:1..x", "not a number"),
        ("   ", "empty"),
    ],
)
def test_malformed_queries_give_a_one_line_message(seed_index, query, fragment):
    from tui.search.query import check, normalise

    with pytest.raises(QueryError) as err:
        if not query.strip():
            check(query)
        else:
            seed_index.search(query)
    message = str(err.value)
    assert fragment in message and "\n" not in message and len(message) < 200
    assert normalise  # imported: the module is public for the docs' examples


def test_search_as_you_type_treats_the_last_word_as_a_prefix(seed_index):
    typed = [seed_index.search("sapp"[:n], limit=100, prefix_last=True) for n in range(1, 5)]
    assert typed[0] == seed_index.search("s", limit=100)  # one letter: still a plain word, not a prefix
    assert {h.article_id for h in typed[1]} == {h.article_id for h in seed_index.search("sa*", limit=100)}
    assert {h.article_id for h in typed[3]} == {h.article_id for h in seed_index.search("sappers", limit=100)}


QUERY_ALPHABET = 'abs "()*~:-+OR NOT value:title:>.<1,05 \t\x00é’'


@pytest.mark.parametrize("limit", [1, 5])
def test_any_typed_query_gives_hits_or_a_query_error(seed_index, limit):
    """Whatever the user types, search returns hits or raises QueryError (never another exception)."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    @settings(max_examples=150, deadline=None)
    @given(st.text(alphabet=QUERY_ALPHABET, max_size=40), st.booleans())
    def run(query, as_you_type):
        try:
            hits = seed_index.search(query, limit=limit, prefix_last=as_you_type)
        except QueryError as e:
            assert "\n" not in str(e)
            return
        assert len(hits) <= limit

    run()


def test_phrase_ranking_window_finds_exactly_the_documents_with_the_phrase(tmp_path):
    """Many documents hold both words apart, few hold the phrase: the candidate window must widen."""
    apart = [make_article(f"apart{i}", [f"North winds {i}. Korea " * 3]) for i in range(60)]
    together = [make_article(f"phrase{i}", [f"Filler text {i}.", "News from North Korea today."]) for i in range(7)]
    index = SearchIndex(tmp_path, tmp_path / "index")
    index.update(apart + together)
    expected = {a.id for a in together}
    assert {h.article_id for h in index.search('"north korea"', limit=100)} == expected
    few = index.search('"north korea" today', limit=3)
    assert len(few) == 3 and {h.article_id for h in few} <= expected
    assert {h.article_id for h in index.search('"north korea" OR nothingelse', limit=100)} == expected
    assert {h.article_id for h in index.search('winds -"north korea"', limit=100)} == {a.id for a in apart}
    index.close()


def test_a_prefix_skips_words_too_common_for_its_budget(tmp_path, monkeypatch):
    from tui.search import query as query_module

    common = [make_article(f"said{i}", [f"He said so {i}."]) for i in range(6)]
    rare = [make_article(f"sap{i}", [f"Sappers arrived {i}."]) for i in range(2)]
    index = SearchIndex(tmp_path, tmp_path / "index")
    index.update(common + rare)
    assert _ids(index, "sa*") == {a.id for a in common + rare}
    monkeypatch.setattr(query_module, "PREFIX_POSTINGS_BUDGET", 3)
    assert _ids(index, "sa*") == {"sap0", "sap1"}  # "said" (6 articles) does not fit, "sappers" does
    index.close()


def test_figure_range_after_a_deletion(field_index):
    index, articles = field_index
    assert _ids(index, "value:>=1000") == {"nyt", "ap"}
    index.update([articles["ap"]])
    assert _ids(index, "value:>=1000") == {"ap"}
    (hit,) = index.search("value:>=1000", limit=1)
    assert hit.matches


def test_a_small_page_of_a_figure_range_holds_only_figures_in_range(tmp_path):
    """Range hits are read lazily, coarse trie terms first: each hit shown must still lie in the range,
    the total must count every match, and a page as large as the corpus must find them all."""
    values = [-250.5, -3, 0, 0.5, 7, 49, 50, 51, 999, 1000, 1000.25, 2019, 5000, 6000, 6001, 15000, 250_000, 3e9]
    articles, figures = [], {}
    for i, value in enumerate(values * 3):
        article = make_article(f"a{i}", [f"Report {i} counts {value:g} people."])
        articles.append(article)
        figures[article.id] = [make_figure(article, f"{value:g}", value, "people")]
    index = SearchIndex(tmp_path, tmp_path / "index")
    index.update(articles, figures=figures)
    for query, low, high in [
        ("value:>10000", 10000.0001, 1e12),
        ("value:1000..6000", 1000, 6000),
        ("value:<50", -1e12, 49.9999),
        ("value:>=-3", -3, 1e12),
    ]:
        expected = {a.id for a in articles if low <= figures[a.id][0].value <= high}
        assert _ids(index, query) == expected
        page = index.search_results(query, limit=4)
        assert len(page.hits) == 4 and {h.article_id for h in page.hits} <= expected
        assert page.total == len(expected)
    index.close()
