"""The YAML store: safe loading, strict parsing, atomic and change-only writes."""

from __future__ import annotations

import os
import stat
from dataclasses import replace
from pathlib import Path

import pytest

from tui.corpus.model import Article, Paragraph, Removal, Span
from tui.corpus.store import Corpus, CorpusError, dump_article


def make_article(article_id: str = "report-a", **changes) -> Article:
    text_1 = "North Korea will send 1,000 sappers. Work begins soon."
    article = Article(
        id=article_id,
        title="Sappers for Kursk",
        title_derived=False,
        outlet="Example News",
        url="https://example.com/a",
        author=None,
        published="2025-06-17",
        raw_file=f"raw/{article_id}.txt",
        raw_sha256="0" * 64,
        paragraphs=[Paragraph("Deployment", heading=True), Paragraph(text_1)],
        sentences=[Span(12, 48), Span(49, 66)],
        removed=[Removal(3, "Advertisement", "site chrome")],
    )
    return replace(article, **changes)


@pytest.fixture
def corpus(tmp_path) -> Corpus:
    return Corpus(tmp_path / "articles", catalog_path=tmp_path / "cache" / "catalog.json")


def test_saved_article_loads_back_equal_and_readable(corpus):
    article = make_article()
    assert corpus.save(article) == "added"
    assert corpus.load(article.id) == article
    text = corpus.path_for(article.id).read_text(encoding="utf-8")
    assert "North Korea will send 1,000 sappers." in text  # unicode kept, human-readable
    assert "[12, 48]" in text  # sentence offsets on one line each: diff-friendly


def test_saving_the_same_article_again_does_not_touch_the_file(corpus):
    article = make_article()
    corpus.save(article)
    path = corpus.path_for(article.id)
    before = path.stat().st_mtime_ns, path.stat().st_ino
    assert corpus.save(article) == "unchanged"
    assert (path.stat().st_mtime_ns, path.stat().st_ino) == before


def test_a_changed_article_is_updated(corpus):
    corpus.save(make_article())
    assert corpus.save(make_article(title="A new title")) == "updated"
    assert corpus.load("report-a").title == "A new title"


def test_written_files_get_normal_permissions_not_private_temp_file_ones(corpus):
    corpus.save(make_article())
    mode = stat.S_IMODE(corpus.path_for("report-a").stat().st_mode)
    umask = os.umask(0)
    os.umask(umask)
    assert mode == 0o666 & ~umask


def test_python_object_tag_is_refused_with_a_message(corpus):
    corpus.root.mkdir(parents=True)
    evil = corpus.root / "evil.yaml"
    evil.write_text("!!python/object/apply:os.system ['touch pwned']\n")
    with pytest.raises(CorpusError, match="not a safe, well-formed article file"):
        corpus.load("evil")
    assert not Path("pwned").exists()


def test_one_malformed_file_is_reported_and_the_rest_load(corpus):
    corpus.save(make_article("good"))
    (corpus.root / "broken.yaml").write_text("id: broken\ntitle: [unclosed\n")
    (corpus.root / "wrongtype.yaml").write_text("id: wrongtype\ntitle: t\nparagraphs: 5\n")
    articles, problems = corpus.load_all()
    assert [a.id for a in articles] == ["good"]
    assert sorted(p.path.name for p in problems) == ["broken.yaml", "wrongtype.yaml"]


BILLION_LAUGHS = (
    'a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 10))
    + "id: x\ntitle: t\nparagraphs: *a9\n"
)


@pytest.mark.parametrize(
    "bad_yaml, complaint",
    [
        ("id: x\ntitle: t\ntitle_derived: 'no'\nparagraphs: []\n", "true or false"),
        ("id: x\ntitle: {a: 1}\nparagraphs: []\n", "expected text"),
        ("id: other\ntitle: t\nparagraphs: []\n", "does not match the file name"),
        ("id: x\ntitle: t\nparagraphs: [{text: abc}]\nsentences: [[0, 99]]\n", "outside the text"),
        ("id: x\ntitle: t\nparagraphs: [{text: abcdef}]\nsentences: [[3, 6], [0, 2]]\n", "overlap"),
        ("- just\n- a list\n", "not a mapping"),
        ("[" * 5000 + "]" * 5000 + "\n", "malformed|nested|well-formed"),
        (BILLION_LAUGHS, "malformed"),
    ],
)
def test_malformed_article_files_give_a_one_line_reason(corpus, bad_yaml, complaint):
    corpus.root.mkdir(parents=True)
    (corpus.root / "x.yaml").write_text(bad_yaml)
    with pytest.raises(CorpusError, match=complaint) as info:
        corpus.load("x")
    assert "\n" not in str(info.value)


def test_hand_edited_unquoted_date_and_number_title_are_read_as_text(corpus):
    corpus.root.mkdir(parents=True)
    (corpus.root / "x.yaml").write_text("id: x\ntitle: 1984\npublished: 2025-06-17\nparagraphs: [{text: Body.}]\n")
    article = corpus.load("x")
    assert (article.title, article.published) == ("1984", "2025-06-17")


@pytest.mark.parametrize(
    "article_id", ["../../etc/passwd", "/etc/passwd", "..", "CON", "nul", "a/b", "x" * 81, "Report-A", ""]
)
def test_ids_that_could_name_a_path_outside_the_corpus_are_refused(corpus, article_id):
    with pytest.raises(CorpusError, match="not a valid article id"):
        corpus.path_for(article_id)


def test_files_whose_names_are_not_ids_are_reported_not_loaded(corpus):
    corpus.save(make_article("report-a"))
    (corpus.root / "Report-A.yaml").write_bytes(dump_article(make_article("report-a")).encode())
    articles, problems = corpus.load_all()
    assert [a.id for a in articles] == ["report-a"]
    assert [p.path.name for p in problems] == ["Report-A.yaml"]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this OS")
def test_a_fifo_or_folder_named_like_an_article_is_ignored_not_read(corpus):
    corpus.save(make_article("good"))
    os.mkfifo(corpus.root / "pipe.yaml")  # reading it would block forever
    (corpus.root / "folder.yaml").mkdir()
    assert [a.id for a in corpus.load_all()[0]] == ["good"]
    assert [e.name for e in corpus.scan()[0]] == ["good.yaml"]
    with pytest.raises(CorpusError, match="no article with id 'pipe'"):
        corpus.load("pipe")


def test_missing_id_suggests_the_closest(corpus):
    corpus.save(make_article("report-a"))
    with pytest.raises(CorpusError, match="did you mean 'report-a'"):
        corpus.load("report-b")


AWKWARD = [
    "", " ", "123", "-7", "0x1F", "0o17", "1e3", "1_000", ".inf", "-.Inf", ".nan", "3.14", "true", "No", "yes",
    "off", "null", "~", "Null", "2025-06-17", "2025-06-17T14:32+03:00", "12:30:45", "=", "<<", "- item", "a: b",
    "key:", "#hash", "x #y", "'single'", '"double"', "@at", "`tick", "%pct", "!tag", "&anchor", "*alias", "|", ">",
    "?", "[list]", "{map}", "line\nbreak", "two\n\nparagraphs", "tab\there", " leading", "trailing ", "ü ß 日本 😀",
    "\x85next line", "line\u2028separator", "bell\x07", "x" * 250, "word " * 60, "ends with colon:", "a,b", "---",
    "...", "\ufeffbom",
]  # fmt: skip


def test_articles_dump_as_pyyaml_dumps_their_dicts_byte_for_byte():
    """dump_article makes the YAML nodes itself and remembers how short scalars resolve: the files must
    be exactly PyYAML's (a stock safe dumper, nothing remembered), or every stored article would change."""
    import random

    import yaml

    from tui.corpus.model import Source
    from tui.corpus.store import _FlowList, article_to_dict

    class Reference(yaml.CSafeDumper):
        pass

    Reference.add_representer(_FlowList, lambda d, v: d.represent_sequence("tag:yaml.org,2002:seq", v, flow_style=True))
    rng = random.Random(3)
    pick = lambda: rng.choice(AWKWARD)  # noqa: E731
    for i in range(300):
        article = make_article(
            f"a{i}",
            title=pick(),
            outlet=rng.choice([None, pick()]),
            author=rng.choice([None, pick()]),
            published=rng.choice([None, pick()]),
            url=rng.choice([None, pick()]),
            wire=rng.choice([None, pick()]),
            title_derived=rng.random() < 0.5,
            paragraphs=[Paragraph(pick() or "x", heading=rng.random() < 0.2) for _ in range(rng.randint(1, 5))],
            sentences=[Span(rng.randint(0, 99), rng.randint(100, 9999)) for _ in range(rng.randint(0, 6))],
            removed=[Removal(rng.randint(1, 500), pick(), pick()) for _ in range(rng.randint(0, 3))],
            sources=[Source(pick(), pick(), pick(), rng.choice([None, pick()])) for _ in range(rng.randint(0, 2))],
            provenance={pick(): pick() for _ in range(rng.randint(0, 3))},
        )
        expected = yaml.dump(article_to_dict(article), Dumper=Reference, allow_unicode=True, sort_keys=False, width=100)
        assert dump_article(article) == expected
        assert dump_article(article) == expected  # again, with its short scalars remembered
