"""Article files read with the fast loader give exactly what PyYAML's safe loader gives, hostile ones too."""

from __future__ import annotations

import pytest
import yaml
from claims_fixtures import FLOOD, KURSK, articles

from tui.corpus.store import Corpus, dump_article
from tui.corpus.yaml_reading import SafeLoader, load_yaml


def both(data: str) -> tuple[object, object]:
    """What each loader gives (or the type of what it raises)."""
    out = []
    for load in (lambda d: yaml.load(d, Loader=SafeLoader), load_yaml):
        try:
            out.append(load(data))
        except Exception as e:
            out.append(type(e))
    return out[0], out[1]


def test_every_fixture_article_reads_as_with_the_safe_loader():
    for a in articles(KURSK) + articles(FLOOD):
        text = dump_article(a)
        expected, got = both(text)
        assert got == expected and isinstance(got, dict)


def test_a_saved_article_loads_back_whole(tmp_path):
    corpus = Corpus(tmp_path)
    for a in articles(KURSK):
        corpus.save(a)
        assert corpus.load(a.id) == a


@pytest.mark.parametrize(
    "document",
    [
        "a: 012\nb: 0x1F\nc: 1_000\nd: +5\ne: -0\nf: 1:30\ng: 0b101\n",  # whole numbers written other ways
        "a: yes\nb: On\nc: NO\nd: ~\ne: Null\nf: ''\n",  # YAML 1.1 booleans and nulls
        "a: 2025-06-17\nb: 1.5\nc: .inf\nd: !!binary aGk=\n",  # dates, floats, other tags
        "a: &x [1, 2]\nb: *x\n",  # an alias: one object shared
        "base: &b {x: 1}\nmerged:\n  <<: *b\n  y: 2\n",  # a merge key
        "? [1, 2]\n: unhashable key\n",
        "a: !!python/object:os.system {}\n",  # what a safe loader refuses
        "a: !!int '12'\nb: !!str 12\nc: !!bool 'maybe'\nd: !!int ''\n",
        "a: [[[[[[[[[[[[1]]]]]]]]]]]]\n",
        "- &a [x, x, x]\n- &b [*a, *a, *a]\n- &c [*b, *b, *b]\n",  # laughs, briefly
        "a: 1\na: 2\n",  # a repeated key: the last one
        "",
        "--- a\n--- b\n",  # two documents: an error either way
    ],
)
def test_odd_and_hostile_documents_load_or_fail_as_with_the_safe_loader(document):
    expected, got = both(document)
    assert got == expected
