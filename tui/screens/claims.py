"""The claims of one story: one row per claim with its relation and its values by outlet, and for the
highlighted claim whose value changes, a chart of value against publication date (or outlet when the
reports are undated). Enter shows the claim's first report at its sentence."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from ..corpus.claims import Claim, ClaimFigure
from ..corpus.stories import Story
from ..corpus.value_chart import value_chart
from ..formatting import day_text, plural, relation_mark, relation_words, value_text
from ..textsafe import safe_line
from .boxed import RowsModal
from .value_chart_view import ValueChartView

OUTLETS_SHOWN = 6  # per value; more are counted


def claim_prompt(claim: Claim) -> Content:
    """ "↗ death toll · an update…" then one line per value: "200 (2024-06-01): Reuters, AP"."""
    style = "bold $text-warning" if claim.relation == "disagree" else "bold $text-secondary"
    parts: list = [
        (relation_mark(claim.relation), style),
        " ",
        (safe_line(claim.label), "bold"),
        (f"  {relation_words(claim.relation).split(':')[0]}", "$text-muted"),
    ]
    for value in claim.values:
        outlets = [safe_line(o) for o in dict.fromkeys(value.outlets)]
        shown = ", ".join(outlets[:OUTLETS_SHOWN])
        if len(outlets) > OUTLETS_SHOWN:
            shown += f" and {len(outlets) - OUTLETS_SHOWN} more"
        dated = f" ({day_text(value.published)})" if value.published else ""
        parts += ["\n  ", (value_text(value, claim.kind), "bold"), (dated, "$text-muted"), f": {shown}"]
    return Content.assemble(*parts)


class ClaimsScreen(RowsModal[ClaimFigure | None]):
    """Dismissed with the claim's figure whose sentence should open, or None."""

    ROWS = "#claims-rows"

    DEFAULT_CSS = """
    #claims-box { max-width: 140; }
    #claims-summary { margin-bottom: 1; color: $text-muted; }
    #claims-rows { height: 1fr; border: none; background: $surface; }
    #claims-chart { margin-top: 1; max-height: 10; }
    """

    def __init__(
        self,
        story: Story,
        claims: list[Claim],
        published: dict[str, str | None],
    ) -> None:
        super().__init__()
        self.story = story
        self.claims = sorted(claims, key=lambda c: (-len(c.article_ids), c.id))  # the most reported first
        self.published = published

    def compose(self) -> ComposeResult:
        with Vertical(id="claims-box", classes="modal-box") as box:
            box.border_title = Content(f"Claims: {safe_line(self.story.title)}")
            yield Static(self._summary(), id="claims-summary")
            yield OptionList(*self._options(), id="claims-rows")
            yield ValueChartView(id="claims-chart")
        yield Footer()

    def _summary(self) -> Content:
        story = self.story
        dates = (
            f" · {day_text(story.first_published)} to {day_text(story.last_published)}" if story.first_published else ""
        )
        counts = f"{plural(len(story.article_ids), 'report')} · {plural(len(story.outlets), 'outlet')}{dates}"
        changing = sum(1 for c in self.claims if len({v.value for v in c.values}) > 1)
        return Content(
            f"{counts} · {plural(len(self.claims), 'claim')}, {changing} with more than one value\n"
            "Enter opens the first report of the claim · Esc closes"
        )

    def _options(self) -> list[Option | None]:
        if not self.claims:
            return [Option(Content("No figure of this story is stated as a claim"), disabled=True)]
        options: list[Option | None] = []
        for i, claim in enumerate(self.claims):
            options += [Option(claim_prompt(claim), id=f"claim-{i}"), None]
        return options

    @property
    def highlighted_claim(self) -> Claim | None:
        rows = self.query_one("#claims-rows", OptionList)
        if rows.highlighted is None:
            return None
        option_id = rows.get_option_at_index(rows.highlighted).id or ""
        return self.claims[int(option_id[6:])] if option_id.startswith("claim-") else None

    def on_mount(self) -> None:
        rows = self.query_one("#claims-rows", OptionList)
        if self.claims:
            rows.highlighted = 0
        rows.focus()

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        claim = self.highlighted_claim
        chart = value_chart(claim, self.published) if claim else None
        self.query_one(ValueChartView).show(chart)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        claim = self.highlighted_claim
        self.dismiss(self._first_figure(claim) if claim else None)

    def _first_figure(self, claim: Claim) -> ClaimFigure | None:
        return claim.values[0].figures[0] if claim.values and claim.values[0].figures else None
