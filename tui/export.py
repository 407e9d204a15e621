"""The reader's figure export: one row per figure with its citation (outlet, headline, date, url,
sentence), written as md, csv or json. Cell text is data: markdown and HTML in it are escaped (an
`<img onerror>` or `![](http://tracker)` in an article never becomes markup), csv cells that a
spreadsheet would run as a formula are quoted (both by tui.tables, as the CLI's exports), and JSON keeps no
raw control characters."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .tables import render_table
from .textsafe import json_text, safe_line

if TYPE_CHECKING:
    from .corpus.figures import Figure
    from .corpus.groups import FigureGroup
    from .corpus.model import Article

EXPORT_NAME = "kursk-figures.md"
FORMATS = ("md", "csv", "json")
COLUMNS = ("outlet", "headline", "date", "url", "figure", "counts", "value", "sentence")


def figure_rows(figures: list[Figure], articles: dict[str, Article]) -> list[dict[str, str]]:
    rows = []
    for f in figures:
        article = articles.get(f.article_id)
        rows.append(
            {
                "outlet": safe_line(article.outlet_label if article else f.article_id),
                "headline": safe_line(article.title if article else ""),
                "date": safe_line(article.published if article else ""),
                "url": safe_line(article.url if article else ""),
                "figure": safe_line(f.surface),
                "counts": safe_line(f.counts),
                "value": f"{f.value:g}",
                "sentence": safe_line(f.sentence),
            }
        )
    return rows


def render(
    fmt: str, figures: list[Figure], groups: list[FigureGroup], articles: dict[str, Article], corpus: str = ""
) -> str:
    rows = figure_rows(figures, articles)
    if fmt == "json":  # the shapes `figures --json` and `figures --groups --json` use (to_dict)
        data = {"corpus": corpus, "figures": [f.to_dict() for f in figures], "groups": [g.to_dict() for g in groups]}
        return json_text(data)
    return render_table(fmt, COLUMNS, [[row[c] for c in COLUMNS] for row in rows])


def format_of(path: str) -> str | None:
    suffix = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    return suffix if suffix in FORMATS else None


def default_export_path() -> Path:
    """In the user's documents folder when there is one, else the working folder."""
    import platformdirs  # only when exporting

    documents = Path(platformdirs.user_documents_dir())
    return (documents if documents.is_dir() else Path.cwd()) / EXPORT_NAME
