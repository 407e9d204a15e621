"""Property tests (bounded budget) for the store, ids, terminal-safe text and JSON output.
fuzz/run.sh runs the same properties with a much larger budget."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.commands.output import to_json
from tui.commands.show import article_json
from tui.corpus.catalog import fill_counts, load_catalog, summarize, summarize_header
from tui.corpus.ids import MAX_ID_LENGTH, is_valid_id, safe_id
from tui.corpus.model import Article, Paragraph, Removal, Span
from tui.corpus.store import Corpus, article_to_dict
from tui.textsafe import UNSAFE_CHARS, terminal_safe

BUDGET = int(os.environ.get("KURSK_FUZZ_EXAMPLES", "150"))
FAST = settings(max_examples=BUDGET, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Every code point a decoded file can hold (no lone surrogates: no decoder produces them).
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=60)
# Everything, lone surrogates included: what a hand-written YAML "\ud800" escape could produce.
wild_text = st.text(st.characters(exclude_categories=()), max_size=60)
optional_text = st.none() | any_text


@st.composite
def articles(draw) -> Article:
    texts = draw(st.lists(any_text, min_size=1, max_size=5))
    paragraphs = [Paragraph(t, draw(st.booleans())) for t in texts]
    joined = "\n\n".join(texts)
    cuts = sorted(draw(st.lists(st.integers(0, len(joined)), max_size=8)))
    sentences = [Span(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False)]
    removed = draw(st.lists(st.builds(Removal, st.integers(1, 10**6), any_text, any_text), max_size=3))
    return Article(
        id=draw(st.from_regex(r"\A[a-z0-9][a-z0-9_-]{0,20}\Z")).rstrip("-_") or "a",
        title=draw(any_text),
        title_derived=draw(st.booleans()),
        outlet=draw(optional_text),
        url=draw(optional_text),
        author=draw(optional_text),
        published=draw(optional_text),
        raw_file=draw(any_text),
        raw_sha256=draw(any_text),
        paragraphs=paragraphs,
        sentences=sentences,
        removed=removed,
        pipeline_version=draw(st.integers(0, 99)),
    )


@FAST
@given(articles())
def test_any_article_saves_and_loads_back_equal(article):
    if not is_valid_id(article.id):
        article.id = safe_id(article.id)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp) / "articles", catalog_path=Path(tmp) / "catalog.json")
        assert corpus.save(article) == "added"
        assert corpus.load(article.id) == article
        assert corpus.save(article) == "unchanged"
        assert corpus.load_header(corpus.path_for(article.id)) is not None  # what it writes, it reads fast
        [summary], _ = load_catalog(corpus)  # the header alone, whatever the fields hold
        assert summary == summarize_header(article)
        [summary], _ = fill_counts(corpus)
        assert summary == summarize(article)


@FAST
@given(st.text(st.characters(exclude_categories=()), max_size=300))
def test_an_id_from_any_file_name_is_valid_and_stays_inside_the_corpus(name):
    article_id = safe_id(name)
    assert is_valid_id(article_id) and len(article_id) <= MAX_ID_LENGTH
    root = Path("/srv/corpus")
    path = Corpus(root, catalog_path=root / "c.json").path_for(article_id)
    assert path.parent == root and os.path.normpath(path) == str(path)
    assert safe_id(name) == article_id  # the same name always finds the same article


@FAST
@given(wild_text)
def test_terminal_safe_text_never_holds_an_unsafe_character(text):
    shown = terminal_safe(text)
    assert not UNSAFE_CHARS.search(shown)
    shown.encode("utf-8")  # printable on any UTF-8 terminal, lone surrogates included


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | wild_text,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(wild_text, inner, max_size=4),
    max_leaves=20,
)


@FAST
@given(json_values)
def test_json_output_always_parses_to_the_same_value(value):
    out = to_json(value)
    out.encode("utf-8")
    assert not UNSAFE_CHARS.search(out)
    assert json.loads(out) == value


@FAST
@given(articles())
def test_show_json_of_any_article_parses_and_slices(article):
    doc = json.loads(to_json(article_json(article)))
    text = doc["text"]
    assert text == article.text
    assert all(text[s["start"] : s["end"]] == s["text"] for s in doc["sentences"])
    assert [text[p["start"] : p["end"]] for p in doc["paragraphs"]] == [p.text for p in article.paragraphs]


# Any YAML value, as a hand-edited or damaged article file could hold in any one field.
yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | wild_text | st.dates(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(any_text, inner, max_size=4),
    max_leaves=12,
)
_GOOD = json.loads(  # plain lists and dicts, as a YAML file holds them
    json.dumps(
        article_to_dict(
            Article(
                "good", "t", False, None, None, None, None, "", "", [Paragraph("One. Two.")], [Span(0, 4), Span(5, 9)]
            )
        )
    )
)
# every key a file may hold: the model's fields as written, plus ones added later (found in a dump)
_KEYS = [*_GOOD, "wire", "sources", "provenance"]


@FAST
@given(st.sampled_from(_KEYS), yaml_values)
def test_any_value_in_any_field_of_an_article_file_loads_or_is_one_clear_problem(key, value):
    import yaml

    from tui.corpus.store import CorpusError

    doc = {**_GOOD, key: value}
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Corpus(Path(tmp) / "articles", catalog_path=Path(tmp) / "catalog.json")
        corpus.root.mkdir()
        (corpus.root / "good.yaml").write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
        try:
            article = corpus.load("good")
        except CorpusError as e:
            assert "\n" not in str(e) and str(e).startswith("good.yaml:")  # one line, naming the file
        else:
            assert article.text[article.sentences[0].start : article.sentences[0].end] if article.sentences else True
        summaries, problems = load_catalog(corpus)  # the listing never raises either
        assert len(summaries) + len(problems) == 1
