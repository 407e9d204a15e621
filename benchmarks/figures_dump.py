"""Every figure the extractor finds in a fixed set of texts, one JSON line each: a change meant only to make
extraction faster must leave this dump byte-identical.

    python benchmarks/figures_dump.py --out /tmp/before.jsonl
    python benchmarks/figures_dump.py --out /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl

Texts: the bundled articles, the shared Wikinews corpus and peer test sentences (Recognizers-Text,
quantulum3, sentence-splitting rules) when present, and `--generated N` articles of scale_corpus (both kinds)."""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path[:0] = [str(REPO), str(REPO / "tests"), str(HERE)]

from tui.corpus.figures import scan_figures  # noqa: E402
from tui.corpus.model import Article, Paragraph  # noqa: E402
from tui.corpus.store import Corpus  # noqa: E402

PEER = REPO.parent / "shared" / "peer"
WIKINEWS = REPO.parent / "shared" / "corpora" / "wikinews_en_2019_2020.jsonl"


def peer_texts() -> Iterator[str]:
    """Short test sentences of other projects: many odd ways of writing numbers."""
    if (PEER / "recognizers_en.json").is_file():
        for items in json.loads((PEER / "recognizers_en.json").read_text(encoding="utf-8"))["files"].values():
            yield from (item["Input"] for item in items)
    for name in ("quantulum3_quantities_en.json", "golden_rules_en.json", "pysbd_en_extra.json"):
        if (PEER / name).is_file():
            yield from (item["text"] for item in json.loads((PEER / name).read_text(encoding="utf-8")))


def text_article(article_id: str, text: str) -> Article:
    paragraphs = [Paragraph(p.strip()) for p in text.split("\n\n") if p.strip()]
    return Article(article_id, "", False, None, None, None, None, "", "", paragraphs)


def articles(generated: int) -> Iterator[Article]:
    yield from Corpus(REPO / "articles").load_all()[0]
    if WIKINEWS.is_file():
        for line in WIKINEWS.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            yield text_article(doc["id"], doc["text"])  # sentences found by the extractor itself
    texts = list(peer_texts())
    for n, text in enumerate(texts):
        yield text_article(f"peer-{n}", text)
    # one "sentence" far past the extractor's limits (a dumped table), links and odd characters
    yield text_article("long", ", ".join(t.replace(".", ";") for t in texts)[:60_000])
    yield text_article(
        "links", " ".join(f"See https://x.org/?q={n}%25 or www.y.com/{n} for {n} items." for n in range(50))
    )
    if generated:
        from scale_corpus import make_articles, make_event_articles

        yield from make_articles(generated // 2)
        yield from make_event_articles(generated - generated // 2)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--generated", type=int, default=10_000)
    args = ap.parse_args()
    digest = hashlib.sha256()
    n_articles = n_figures = 0
    with args.out.open("w", encoding="utf-8") as out:
        for article in articles(args.generated):
            scan = scan_figures(article)
            rows = [json.dumps(f.to_dict(), ensure_ascii=False, sort_keys=True) for f in scan.figures]
            rows += [json.dumps({"warning": w}, ensure_ascii=False) for w in scan.warnings]
            for row in rows:
                out.write(row + "\n")
                digest.update(row.encode("utf-8"))
            n_articles += 1
            n_figures += len(scan.figures)
    print(f"{n_articles} articles, {n_figures} figures, sha256 {digest.hexdigest()[:16]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
