"""A synthetic corpus at scale for the search benchmark: real sentences recombined with a fixed seed.

Sentences come from the five seed articles and from ../shared/corpora/wikinews_en_2019_2020.jsonl
(Wikinews, CC BY 2.5). Each article is ~600 words in 4-8 paragraphs, with an outlet, an author and a
date, and figures found by a cheap regex (numbers followed by a noun) so value ranges have data.

Two kinds: `make_articles` recombines sentences at random, so almost every article is its own story (the
hardest case for blocking); `make_event_articles` writes events of 5-50 reports each, as a newsroom
archive has them: every report of an event opens with most of one source document (its names, places and
numbers), its own selection of its sentences, has a title made of that document's title words,
comes out within a few days of the others, and ends with unrelated background sentences.

    python benchmarks/scale_corpus.py 10000 --write /tmp/corpus10k   # YAML corpus folder, optional
    python benchmarks/scale_corpus.py 10000 --events                 # events of 5-50 reports
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tui.corpus.figures import Figure  # noqa: E402
from tui.corpus.model import Article, Paragraph, Span  # noqa: E402
from tui.corpus.sentences import split_sentences  # noqa: E402
from tui.corpus.store import Corpus  # noqa: E402

WIKINEWS = REPO.parent / "shared" / "corpora" / "wikinews_en_2019_2020.jsonl"
OUTLETS = [
    "New York Times",
    "Associated Press",
    "Reuters",
    "The Times",
    "BBC News",
    "Al Jazeera",
    "Yonhap",
    "The Guardian",
    "Wikinews",
    "Kyiv Independent",
]
AUTHORS = [
    "Choe Sang-Hun",
    "Hyung-Jin Kim",
    "Anna Petrova",
    "James Okafor",
    "Maria Lopez",
    "Kim Tong-Hyung",
    "Olena Harmash",
    "David Brown",
    None,
]
WORDS_PER_ARTICLE = 600
_FIGURE = re.compile(r"(?<![\w.])(\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?\s+([A-Za-z]+)")


def load_documents() -> list[tuple[str, list[str]]]:
    """(title, sentences) of every source document: the seed articles, then the Wikinews articles."""
    docs = [(a.title, a.sentence_texts()) for a in Corpus(REPO / "articles").load_all()[0]]
    if WIKINEWS.is_file():
        for line in WIKINEWS.read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            texts = []
            for paragraph in doc["text"].split("\n\n"):
                texts.extend(paragraph[s:e] for s, e in split_sentences(paragraph))
            docs.append((doc.get("title") or "", texts))
    return [(title, [" ".join(t.split()) for t in texts if 20 <= len(t) <= 400]) for title, texts in docs]


def load_sentences() -> list[str]:
    return [t for _, texts in load_documents() for t in texts]


def _paragraphs(
    rng: random.Random, sentences: list[str], lead: list[str] | None = None
) -> tuple[list[str], list[Span]]:
    """~600 words of `sentences` picked at random, after the `lead` sentences when given."""
    paragraphs, spans, words, pos = [], [], 0, 0
    n_paragraphs = rng.randint(4, 8)
    per_paragraph = WORDS_PER_ARTICLE // n_paragraphs
    lead = list(lead or [])
    while words < WORDS_PER_ARTICLE:
        chosen, length = [], 0
        while length < per_paragraph:
            s = lead.pop(0) if lead else rng.choice(sentences)
            chosen.append(s)
            length += s.count(" ") + 1
        for s in chosen:
            spans.append(Span(pos, pos + len(s)))
            pos += len(s) + 1
        pos += 1  # the paragraph separator is two characters, the sentence joiner one
        paragraphs.append(" ".join(chosen))
        words += length
    return paragraphs, spans


def make_articles(n: int, seed: int = 20261123) -> list[Article]:
    rng = random.Random(seed)
    sentences = load_sentences()
    articles = []
    for i in range(n):
        paragraphs, spans = _paragraphs(rng, sentences)
        title = " ".join(rng.choice(sentences).split()[:10]).rstrip(".,;:")
        articles.append(
            Article(
                id=f"s{i:06d}",
                title=title,
                title_derived=False,
                outlet=rng.choice(OUTLETS),
                url=None,
                author=rng.choice(AUTHORS),
                published=f"20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                raw_file=f"raw/s{i:06d}.txt",
                raw_sha256="0" * 64,
                paragraphs=[Paragraph(p) for p in paragraphs],
                sentences=spans,
            )
        )
    return articles


EVENT_SIZE = (5, 50)  # reports per event
LEAD_SHARE = (0.5, 0.9)  # share of the event's source document a report opens with (its own selection)
LEAD_SENTENCES = (4, 16)  # ... at least and at most this many sentences


def make_event_articles(n: int, seed: int = 20261207) -> list[Article]:
    """`n` reports of events of 5-50 reports each (the last event may be smaller), in a shuffled order."""
    rng = random.Random(seed)
    docs = [(title, texts) for title, texts in load_documents() if len(texts) >= LEAD_SENTENCES[0] + 2 and title]
    background = [t for _, texts in docs for t in texts]
    articles: list[Article] = []
    event = 0
    while len(articles) < n:
        title, texts = docs[event % len(docs)]
        start = date(2000, 1, 1) + timedelta(days=rng.randint(0, 9000))
        size = min(rng.randint(*EVENT_SIZE), n - len(articles))
        head = [w for w in title.split() if len(w) > 2]
        for _ in range(size):
            share = rng.uniform(*LEAD_SHARE)
            k = min(len(texts), LEAD_SENTENCES[1], max(LEAD_SENTENCES[0], round(share * len(texts))))
            lead = [texts[i] for i in sorted(rng.sample(range(len(texts)), k))]
            paragraphs, spans = _paragraphs(rng, background, lead)
            words = rng.sample(head, max(1, min(len(head), rng.randint(3, 8))))
            i = len(articles)
            articles.append(
                Article(
                    id=f"ev{event:05d}-{i:06d}",  # the event in the id: a benchmark can score stories
                    title=" ".join(words),
                    title_derived=False,
                    outlet=rng.choice(OUTLETS),
                    url=None,
                    author=rng.choice(AUTHORS),
                    published=(start + timedelta(days=rng.randint(0, 6))).isoformat(),
                    raw_file=f"raw/ev{event:05d}-{i:06d}.txt",
                    raw_sha256="0" * 64,
                    paragraphs=[Paragraph(p) for p in paragraphs],
                    sentences=spans,
                )
            )
        event += 1
    rng.shuffle(articles)
    return articles


def cheap_figures(article: Article) -> list[Figure]:
    """Numbers followed by a word, as figures: enough to give value ranges something to find."""
    text, figures = article.text, []
    for m in _FIGURE.finditer(text):
        start, end = m.start(), m.end()
        index = article.sentence_at(start) or 0
        s = article.sentences[index] if article.sentences else Span(start, end)
        figures.append(
            Figure(
                article.id,
                float(m.group(1).replace(",", "")),
                "count",
                m.group(2),
                None,
                None,
                None,
                False,
                text[start:end],
                start,
                end,
                text[s.start : s.end],
                s.start,
                s.end,
                index,
                None,
            )
        )
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("--write", type=Path, help="also save them as a corpus folder (slow at 100k)")
    parser.add_argument("--events", action="store_true", help="events of 5-50 reports, not random recombinations")
    args = parser.parse_args()
    articles = make_event_articles(args.n) if args.events else make_articles(args.n)
    words = sum(a.n_words if hasattr(a, "n_words") else len(a.text.split()) for a in articles)
    print(f"{len(articles)} articles, {words / len(articles):.0f} words each on average")
    if args.write:
        corpus = Corpus(args.write)
        for a in articles:
            corpus.save(a)
        print(f"written to {args.write}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
