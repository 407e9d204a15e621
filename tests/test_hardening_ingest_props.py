"""Any bytes as a raw file (hypothesis, bounded budget; fuzz/run.sh runs it with a large one):
read_raw refuses them with a one-line IngestError or returns text with no unsafe character; the
whole ingest of such a file ends added or skipped, with valid offsets and no temp file left."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.corpus.ingest import IngestError, ingest, read_raw
from tui.corpus.store import Corpus
from tui.textsafe import UNSAFE_CHARS

BUDGET = int(os.environ.get("KURSK_FUZZ_EXAMPLES", "60"))
FUZZ = settings(max_examples=BUDGET, deadline=None, suppress_health_check=list(HealthCheck))

SEED = Path(__file__).resolve().parent.parent / "articles" / "raw" / "003_bea1615d3e04fee1.txt"
NASTY = [
    "\x1b[31m",
    "\x1b]0;t\x07",
    "\x00",
    "\x07",
    "\r",
    "\r\n",
    "\u202e",
    "\u200b",
    "\x85",
    "\u2028",
    "\x0c",
    "[bold]",
    "[/]",
    "\ufeff",
    "\udcff",
]


@st.composite
def raw_bytes(draw) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=2000))
    lines = SEED.read_text(encoding="utf-8").splitlines()
    for _ in range(draw(st.integers(0, 20))):
        i = draw(st.integers(0, len(lines) - 1))
        j = draw(st.integers(0, len(lines[i])))
        lines[i] = lines[i][:j] + draw(st.sampled_from(NASTY)) + lines[i][j:]
    encoding = draw(st.sampled_from(["utf-8", "utf-16", "cp1252", "latin-1"]))
    return "\n".join(lines).encode(encoding, "surrogateescape" if encoding == "utf-8" else "replace")


@FUZZ
@given(raw_bytes())
def test_any_bytes_are_refused_cleanly_or_ingested_safely(data):
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "input.txt"
        path.write_bytes(data)
        try:
            raw = read_raw(path)
        except IngestError as e:
            assert "\n" not in str(e)
            return
        assert not any(m.group() not in "\r\n" for m in UNSAFE_CHARS.finditer(raw.text))
        corpus = Corpus(Path(tmp) / "articles", catalog_path=Path(tmp) / "c.json")
        [result] = ingest(corpus, [path])
        assert result.status in ("added", "skipped")
        if result.status == "added":
            article = corpus.load(result.article_id)
            assert all(0 <= s.start <= s.end <= len(article.text) for s in article.sentences)
        assert not list(Path(tmp).rglob("*.tmp"))
