"""The same claim in every outlet, side by side: each report's value, wording, sentence and date, how the
values relate (agree, update, disagree, different windows, sum) and the story's reports that do not state
it, by name. Choosing a row opens that article at that sentence.

Without a claim (the corpus analysis has not arrived) the figure's group stands in: rows from related
groups (another number about the same thing) are marked ≠ when the group records a discrepancy, and ~
otherwise (a part of a sum, say)."""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..corpus.claims import Claim, ClaimValue
from ..corpus.figures import Figure
from ..corpus.groups import FigureGroup
from ..corpus.model import Article
from ..formatting import day_text, figure_label, plural, relation_mark, relation_words, value_text
from ..textsafe import SafeParagraph, safe_line
from .boxed import RowsModal

AGREE, DIFFER, RELATED = "=", "≠", "~"
MAX_SILENT_LISTED = 20  # beyond this, reports without the figure are summed up in one line
TITLE_CHARS = 70
QUOTES = "\"'“”‘’«»„"


@dataclass
class CompareRow:
    mark: str  # AGREE, DIFFER or RELATED; with a claim, the claim's relation mark for another value
    figure: Figure
    value: ClaimValue | None = None  # the claim's value this figure gives


def claim_rows(figure: Figure, claim: Claim, figures: dict[str, list[Figure]]) -> list[CompareRow]:
    """One row per figure of the claim, in the claim's order (earliest value first); a value other than
    the highlighted figure's carries the claim's relation mark."""
    at = {(f.article_id, f.start): f for v in claim.values for a in v.article_ids for f in figures.get(a, [])}
    other = relation_mark(claim.relation) if claim.relation not in ("agree", "single") else AGREE
    rows = []
    for value in claim.values:
        same = value.group == figure.group
        for cf in value.figures:
            found = at.get((cf.article_id, cf.start))
            if found is not None:
                rows.append(CompareRow(AGREE if same else other, found, value))
    if not any(r.figure is figure for r in rows):
        rows.insert(0, CompareRow(AGREE, figure))
    return rows


def comparison_rows(figure: Figure, groups: dict[str, FigureGroup]) -> list[CompareRow]:
    """Every figure in the claim's group (agreeing) and in related groups (disagreeing)."""
    group = groups.get(figure.group) if figure.group else None
    if group is None:
        return [CompareRow(AGREE, figure)]
    rows = [CompareRow(AGREE, m) for m in group.members]
    other = DIFFER if group.discrepancy else RELATED
    for related_id in group.related:
        if related := groups.get(related_id):
            rows += [CompareRow(other, m) for m in related.members]
    if not any(r.figure is figure for r in rows):
        rows.insert(0, CompareRow(AGREE, figure))
    return rows


def sentence_content(figure: Figure) -> Content:
    """The figure's sentence, quoted, with the figure itself underlined."""
    para = SafeParagraph.build(figure.sentence_start, figure.sentence.rstrip())
    start, end = para.to_display(figure.start), para.to_display(figure.end)
    quoted = Content(para.display).stylize("underline bold $text-accent", start, end)
    text = para.display.strip()
    opening = "" if text[:1] in QUOTES else "“"  # a sentence that is itself a quote keeps its own marks
    closing = "" if text[-1:] in QUOTES else "”"
    return Content.assemble((opening, "$text-muted"), quoted, (closing, "$text-muted"))


def row_prompt(row: CompareRow, article: Article | None) -> Content:
    outlet = safe_line(article.outlet_label if article else row.figure.article_id)
    title = safe_line(article.title) if article else ""
    if len(title) > TITLE_CHARS:
        title = title[: TITLE_CHARS - 1] + "…"
    mark_style = {AGREE: "bold $text-success", DIFFER: "bold $text-warning"}.get(row.mark, "bold $text-secondary")
    details = [figure_label(row.figure)]
    if row.value is not None:  # with a claim: the value as the claim reads it, and the report's date
        details = [
            value_text(row.value, row.figure.kind),
            f"“{safe_line(row.figure.surface)}”",
            day_text(article.published if article else None),
        ]
    if row.figure.qualifier:
        details.append(safe_line(row.figure.qualifier))
    if row.figure.attribution:
        details.append(f"per {safe_line(row.figure.attribution)}")
    return Content.assemble(
        (row.mark, mark_style),
        " ",
        (outlet, "bold"),
        (f" — {title}" if title else "", "$text-muted"),
        "\n  ",
        (" · ".join(details), mark_style.replace("bold ", "")),
        "\n  ",
        sentence_content(row.figure),
    )


class CompareScreen(RowsModal[Figure | None]):
    """Dismissed with the figure whose sentence should open, or None."""

    ROWS = "#compare-rows"

    DEFAULT_CSS = """
    #compare-box { max-width: 130; }
    #compare-summary { margin-bottom: 1; }
    #compare-rows { height: 1fr; border: none; background: $surface; }
    """

    def __init__(
        self,
        figure: Figure,
        groups: dict[str, FigureGroup],
        articles: dict[str, Article],
        claim: Claim | None = None,
        figures: dict[str, list[Figure]] | None = None,
        story_ids: list[str] | None = None,
    ) -> None:
        """`claim` (with every article's `figures`): the claim's rows; `story_ids`: the reports whose
        silence is named (default: every article)."""
        super().__init__()
        self.figure = figure
        self.group = groups.get(figure.group) if figure.group else None
        self.claim = claim
        self.rows = claim_rows(figure, claim, figures or {}) if claim else comparison_rows(figure, groups)
        self.articles = articles
        self.story_ids = story_ids if story_ids is not None else list(articles)

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-box", classes="modal-box") as box:
            # A str border title is parsed as markup; the label quotes the article, so it goes in as Content.
            box.border_title = Content(f"Across outlets: {figure_label(self.figure)}")
            yield Static(self._summary(), id="compare-summary")
            yield OptionList(*self._options(), id="compare-rows")
        yield Footer()

    def _summary(self) -> Content:
        if self.claim is not None:
            return self._claim_summary(self.claim)
        reporting = {r.figure.article_id for r in self.rows if r.mark == AGREE}
        differing = {r.figure.article_id for r in self.rows if r.mark == DIFFER}
        related = {r.figure.article_id for r in self.rows if r.mark == RELATED}
        parts: list = [
            (
                f"{AGREE} {plural(len(reporting), 'report')} {_verb(len(reporting), 'states', 'state')} it",
                "bold $text-success",
            )
        ]
        if differing:
            parts.append(
                (
                    f"   {DIFFER} {len(differing)} {_verb(len(differing), 'gives', 'give')} another value",
                    "bold $text-warning",
                )
            )
        if related:
            parts.append(
                (
                    f"   {RELATED} {len(related)} {_verb(len(related), 'gives', 'give')} a related figure",
                    "bold $text-secondary",
                )
            )
        if self.group and self.group.discrepancy:
            parts.append((f"\n{DIFFER} {safe_line(self.group.discrepancy)}", "$text-warning"))
        silent = len(self.articles) - len(reporting | differing | related)
        if silent > 0:
            parts.append((f"   {plural(silent, 'report')} {_verb(silent, 'does', 'do')} not state it", "$text-muted"))
        parts.append(("\nEnter opens the report at that sentence · Esc closes", "$text-muted"))
        return Content.assemble(*parts)

    def _claim_summary(self, claim: Claim) -> Content:
        disagree = claim.relation == "disagree"  # the only relation that says "outlets disagree"
        style = "bold $text-warning" if disagree else "bold $text-success"
        reports, independent = claim.sources.get("reports"), claim.sources.get("independent")
        parts: list = [
            (f"Claim: {safe_line(claim.label)}\n", "bold"),
            (f"{relation_mark(claim.relation)} {relation_words(claim.relation)}", style),
        ]
        stating = len(claim.article_ids)
        parts.append((f"\n{plural(stating, 'report')} {_verb(stating, 'states', 'state')} it", "bold"))
        if isinstance(reports, int) and isinstance(independent, int) and independent < reports:
            parts.append((f" · {plural(independent, 'independent source')}", "$text-muted"))
        if len(claim.values) > 1:
            values = " → ".join(f"{value_text(v, claim.kind)} ({day_text(v.published)})" for v in claim.values)
            parts.append((f" · {values}", "$text-muted"))
        for note in claim.notes[:2]:
            parts.append((f"\n{safe_line(note)}", "$text-muted"))
        silent = self._silent()
        if silent:
            named = "; ".join(f"{safe_line(a.outlet_label)} — {_cut(safe_line(a.title), 40)}" for a in silent[:3])
            more = f" and {len(silent) - 3} more (listed below)" if len(silent) > 3 else ""
            parts.append((f"\nNot stated by {named}{more}", "$text-muted"))
        parts.append(("\nEnter opens the report at that sentence · Esc closes", "$text-muted"))
        return Content.assemble(*parts)

    def _silent(self) -> list[Article]:
        stated = {r.figure.article_id for r in self.rows}
        return [a for i in self.story_ids if i not in stated and (a := self.articles.get(i)) is not None]

    def _options(self) -> list[Option | None]:
        options: list[Option | None] = []
        for i, row in enumerate(self.rows):
            options += [Option(row_prompt(row, self.articles.get(row.figure.article_id)), id=f"row-{i}"), None]
        return options + self._silent_options()

    def _silent_options(self) -> list[Option]:
        silent = self._silent()
        if not silent or (len(silent) > MAX_SILENT_LISTED and self.claim is None):
            return []
        return [
            Option(
                Content.assemble(
                    ("–", "$text-muted"),
                    " ",
                    (safe_line(a.outlet_label), "bold"),
                    (f" — {safe_line(a.title)[:TITLE_CHARS]}: does not state this figure", "$text-muted"),
                ),
                disabled=True,
            )
            for a in silent
        ]

    def on_mount(self) -> None:
        rows = self.query_one("#compare-rows", OptionList)
        chosen = next((i for i, r in enumerate(self.rows) if r.figure is self.figure), 0)
        rows.highlighted = rows.get_option_index(f"row-{chosen}")
        rows.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("row-"):
            self.dismiss(self.rows[int(option_id[4:])].figure)


def _cut(text: str, chars: int) -> str:
    return text if len(text) <= chars else text[: chars - 1] + "…"


def _verb(count: int, one: str, many: str) -> str:
    return one if count == 1 else many
