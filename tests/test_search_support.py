"""Builders shared by the search tests (articles and figures made by hand, no extractor); no tests here."""

from __future__ import annotations

from tui.corpus.figures import Figure
from tui.corpus.ingest import segment
from tui.corpus.model import Article, Paragraph


def make_article(
    article_id: str,
    paragraphs: list[str],
    title: str = "",
    outlet: str | None = None,
    author: str | None = None,
    published: str | None = None,
) -> Article:
    return Article(
        id=article_id,
        title=title or paragraphs[0][:60],
        title_derived=not title,
        outlet=outlet,
        url=None,
        author=author,
        published=published,
        raw_file=f"raw/{article_id}.txt",
        raw_sha256="0" * 64,
        paragraphs=[Paragraph(p) for p in paragraphs],
        sentences=segment(paragraphs),
    )


def make_figure(article: Article, surface: str, value: float, counts: str | None, kind: str = "count") -> Figure:
    text = article.text
    start = text.index(surface)
    index = article.sentence_at(start)
    sentence = article.sentences[index] if index is not None else None
    return Figure(
        article_id=article.id,
        value=value,
        kind=kind,
        counts=counts,
        unit=None,
        per=None,
        qualifier=None,
        vague=False,
        surface=surface,
        start=start,
        end=start + len(surface),
        sentence=text[sentence.start : sentence.end] if sentence else surface,
        sentence_start=sentence.start if sentence else start,
        sentence_end=sentence.end if sentence else start + len(surface),
        sentence_index=index or 0,
        attribution=None,
    )
