"""Score a figure extractor against hand annotations (tests/seed_figures.yaml): recall, precision and
how often it names what a figure counts. Used by the tests and by benchmarks/figures.py; not part of
the installed package (the annotations are not either)."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tui.corpus.figures import Figure, extract_figures
from tui.corpus.ingest import segment
from tui.corpus.model import Article, Paragraph

_TERMINAL = re.compile(r"[.!?:\"”’)]\s*$")
_SPACES = re.compile(r"\s+")
_CHECKED = ("unit", "per", "qualifier", "vague", "when", "attribution", "aka")


@dataclass
class Annotation:
    article_id: str
    value: float
    kind: str
    counts: list[str] | None  # accepted wordings; None for measures, dates and money
    sentence: str
    checks: dict = field(default_factory=dict)  # optional fields: unit, per, qualifier, ...


@dataclass
class Score:
    annotated: int = 0
    extracted: int = 0
    matched: int = 0
    counts_total: int = 0
    counts_right: int = 0
    checks_total: int = 0
    checks_right: int = 0
    misses: list[Annotation] = field(default_factory=list)
    spurious: list[Figure] = field(default_factory=list)
    wrong_counts: list[tuple[Annotation, Figure]] = field(default_factory=list)
    wrong_checks: list[tuple[Annotation, Figure, str]] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.matched / self.annotated if self.annotated else 1.0

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def counts_accuracy(self) -> float:
        return self.counts_right / self.counts_total if self.counts_total else 1.0

    @property
    def checks_accuracy(self) -> float:
        return self.checks_right / self.checks_total if self.checks_total else 1.0


def load_annotations(path: Path, section: str = "seeds") -> tuple[dict, list[Annotation]]:
    """Annotations of one section: "seeds" (the five reports) or "heldout" (Wikinews, never tuned on)."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    seeds, annotations = data[section], []
    for article_id, seed in seeds.items():
        for item in seed["figures"]:
            counts = item.get("counts")
            annotations.append(
                Annotation(
                    article_id=str(article_id),
                    value=float(item["value"]),
                    kind=item["kind"],
                    counts=None if counts is None else [counts] if isinstance(counts, str) else list(counts),
                    sentence=item["sentence"],
                    checks={k: item[k] for k in _CHECKED if k in item},
                )
            )
    return seeds, annotations


def body_article(raw_path: Path, article_id: str, body: list[int], outlet: str | None = None) -> Article:
    """The article body as a careful reader sees it: the annotated raw lines, captions printed twice kept
    once, a sentence broken over several lines joined. Independent of the cleaner under development."""
    lines = raw_path.read_text(encoding="utf-8").splitlines()[body[0] - 1 : body[1]]
    paragraphs: list[str] = []
    pending = ""
    for line in (ln.strip() for ln in lines):
        if not line or (paragraphs and line == paragraphs[-1]):
            continue
        pending = f"{pending} {line}".strip()
        if _TERMINAL.search(pending) or (len(pending.split()) > 40 and not line[:1].islower()):
            paragraphs.append(pending)
            pending = ""
    if pending:
        paragraphs.append(pending)
    return Article(
        id=article_id,
        title="",
        title_derived=True,
        outlet=outlet,
        url=None,
        author=None,
        published=None,
        raw_file=str(raw_path),
        raw_sha256="",
        paragraphs=[Paragraph(t) for t in paragraphs],
        sentences=segment(paragraphs),
    )


def normalise(text: str) -> str:
    return _SPACES.sub(" ", text.replace("’", "'").replace("“", '"').replace("”", '"')).strip().strip("\"'").lower()


def score(
    annotations: Iterable[Annotation],
    figures_by_article: dict[str, list[Figure]],
) -> Score:
    annotations = list(annotations)
    result = Score(annotated=len(annotations), extracted=sum(len(figs) for figs in figures_by_article.values()))
    used: set[int] = set()
    for ann in annotations:
        fig = _find(ann, figures_by_article.get(ann.article_id, []), used)
        if fig is None:
            result.misses.append(ann)
            continue
        used.add(id(fig))
        result.matched += 1
        _score_fields(result, ann, fig)
    for figs in figures_by_article.values():
        result.spurious.extend(f for f in figs if id(f) not in used)
    return result


def _find(ann: Annotation, figures: list[Figure], used: set[int]) -> Figure | None:
    want = normalise(ann.sentence)
    for f in figures:
        if id(f) in used or f.kind != ann.kind:
            continue
        if abs(f.value - ann.value) > 1e-6 * max(1.0, abs(ann.value)):
            continue
        if want in normalise(f.sentence):
            return f
    return None


def _score_fields(result: Score, ann: Annotation, fig: Figure) -> None:
    if ann.counts is not None:
        result.counts_total += 1
        if fig.counts is not None and normalise(fig.counts) in {normalise(c) for c in ann.counts}:
            result.counts_right += 1
        else:
            result.wrong_counts.append((ann, fig))
    for name, expected in ann.checks.items():
        result.checks_total += 1
        got = getattr(fig, name, None)
        if _check_ok(name, expected, got):
            result.checks_right += 1
        else:
            result.wrong_checks.append((ann, fig, name))


def _check_ok(name: str, expected: object, got: object) -> bool:
    if name in ("attribution", "when"):
        return got is not None and normalise(str(expected)) in normalise(str(got))
    if isinstance(expected, str):
        return got is not None and normalise(expected) == normalise(str(got))
    return expected == got


def seed_articles(raw_dir: Path, seeds: dict) -> list[Article]:
    return [
        body_article(raw_dir / f"{aid}.txt", str(aid), seed["body"], seed.get("outlet")) for aid, seed in seeds.items()
    ]


def score_extractor(
    articles: list[Article],
    annotations: list[Annotation],
    extractor: Callable[[Article], list[Figure]] = extract_figures,
) -> Score:
    return score(annotations, {a.id: extractor(a) for a in articles})


def wikinews_articles(corpus_path: Path, ids: Iterable[str]) -> list[Article]:
    """Articles of the shared Wikinews corpus by id, paragraphs split on blank lines."""
    wanted, out = set(ids), []
    for line in corpus_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        doc = json.loads(line)
        if doc["id"] in wanted:
            texts = [p.strip() for p in doc["text"].split("\n\n") if p.strip()]
            out.append(
                Article(
                    doc["id"],
                    doc["title"],
                    False,
                    "Wikinews",
                    doc.get("url"),
                    None,
                    doc.get("date"),
                    "",
                    "",
                    [Paragraph(t) for t in texts],
                    segment(texts),
                )
            )
    return out
