"""Short reports written for these tests, in our own words, of two events: North Korean engineers and builders
sent to Kursk (June 2025) and a monsoon flood whose toll rose day by day. Worded the way outlets vary."""

from __future__ import annotations

from pathlib import Path

from tui.corpus.model import Article, Paragraph, Span
from tui.corpus.sentences import split_sentences
from tui.corpus.store import Corpus

KURSK = {
    "k1": (
        "Pyongyang to send deminers to Kursk",
        "Global Herald",
        "2025-06-17",
        "Russia's security chief Sergei Shoigu said in Pyongyang that North Korea will send 1,000 deminers to "
        "the Kursk region. Kim Jong Un also agreed to dispatch 5,000 military builders to repair roads there.",
    ),
    "k2": (
        "Kim pledges combat engineers for Kursk",
        "Daily Courier",
        "2025-06-17",
        "Kim Jong Un will dispatch one thousand sappers to clear mines in Kursk, Sergei Shoigu told reporters "
        "in Pyongyang. A further 5,000 construction workers will rebuild bridges and power lines in the region.",
    ),
    "k3": (
        "North Korean mine clearers head for Kursk",
        "Evening Post",
        "2025-06-18",
        "About 1K mine clearance specialists from North Korea are going to the Kursk region, Shoigu announced "
        "after talks with Kim Jong Un in Pyongyang, along with 5,000 labourers for reconstruction.",
    ),
    "k4": (
        "Shoigu back in Pyongyang, Kursk help agreed",
        "Morning Ledger",
        "2025-06-17",
        "Shoigu, on his second visit to Pyongyang this month, said Kim Jong Un would send 1,000 demining "
        "personnel and 5,000 military construction workers to Kursk, 6,000 people in all.",
    ),
    "k5": (
        "Kim sends sappers and builders to Russia",
        "Pacific Wire",
        "2025-06-17",
        "Sergei Shoigu made his third trip to Pyongyang in three months and said Kim Jong Un will send 1,000 "
        "combat engineers to Kursk to clear mines and 5,000 builders to restore the region's infrastructure.",
    ),
}

FLOOD = {
    "f1": (
        "Monsoon floods kill 200 in Assam",
        "Global Herald",
        "2026-07-02",
        "Monsoon floods in Assam have killed 200 people since the rains began, officials in Guwahati said, as "
        "the Brahmaputra burst its banks and swept through villages.",
    ),
    "f2": (
        "Assam flood death toll rises to 260",
        "Daily Courier",
        "2026-07-04",
        "The death toll from the monsoon floods in Assam has risen to 260, the disaster agency in Guwahati "
        "said, with the Brahmaputra still above the danger mark in many villages.",
    ),
    "f3": (
        "Brahmaputra floods: 330 dead in Assam",
        "Evening Post",
        "2026-07-06",
        "At least 330 people have died in the Assam floods since the monsoon began, officials in Guwahati said, "
        "as rescuers searched villages cut off by the Brahmaputra.",
    ),
    "f4": (
        "Assam flood toll reaches 410",
        "Morning Ledger",
        "2026-07-09",
        "The toll from the Assam floods reached 410 on Thursday, the disaster agency in Guwahati said, as the "
        "Brahmaputra receded from villages across the state.",
    ),
}


def article(article_id: str, title: str, outlet: str, published: str | None, text: str) -> Article:
    paragraphs = [Paragraph(p) for p in text.split("\n\n")]
    spans: list[Span] = []
    pos = 0
    for p in paragraphs:
        spans.extend(Span(pos + a, pos + b) for a, b in split_sentences(p.text))
        pos += len(p.text) + 2
    return Article(article_id, title, False, outlet, None, None, published, "", "", paragraphs, spans)


def articles(reports: dict[str, tuple[str, str, str, str]]) -> list[Article]:
    return [article(k, *v) for k, v in reports.items()]


def claim_of(analysis, article_id: str, surface: str, then: str = ""):
    """The claim holding the figure of that report with that surface (the one followed by `then`)."""
    text = analysis.articles[article_id].text
    for c in analysis.claims:
        for v in c.values:
            for f in v.figures:
                if f.article_id == article_id and f.surface == surface and then in text[f.end : f.end + 60]:
                    return c
    raise AssertionError(f"no claim holds {article_id}:{surface} {then}")


def saved(root: Path, *reports: dict[str, tuple[str, str, str, str]]) -> Corpus:
    """A corpus folder holding these reports as stored articles."""
    corpus = Corpus(root)
    for report_set in reports:
        for a in articles(report_set):
            corpus.save(a)
    return corpus
