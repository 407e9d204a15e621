"""The open article's figures: value, what it counts, qualifier, how many other reports carry the
same figure, and a mark where outlets disagree. Enter shows the sentence; `c` compares outlets."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from ..formatting import DISAGREE_MARK, figure_label, relation_mark
from ..messages import FigureChosen
from ..textsafe import safe_line

if TYPE_CHECKING:
    from ..corpus.analysis_summary import GroupFacts
    from ..corpus.figures import Figure


def figure_prompt(figure: Figure, group: GroupFacts | None) -> Content:
    """`group`: the facts of the figure's group when other reports share it (its claim's relation: only
    "disagree" is shown as disputed)."""
    parts: list = [(figure_label(figure), "bold")]
    details = []
    if figure.qualifier:
        details.append((safe_line(figure.qualifier), "italic"))
    if figure.vague:
        details.append(("vague", "italic"))
    others = len(group.article_ids - {figure.article_id}) if group is not None else 0
    relation = group.relation if group is not None else None
    details.append((f"{others} other report{'s' if others != 1 else ''}" if others else "only here", "$text-secondary"))
    if relation == "disagree" or (relation is None and group is not None and group.discrepancy is not None):
        details.append((f"{DISAGREE_MARK} disputed", "bold $text-warning"))
    elif relation in ("update", "different windows", "sum", "differ"):
        details.append((f"{relation_mark(relation)} {relation}", "$text-secondary"))
    parts.append("\n  ")
    for index, detail in enumerate(details):
        if index:
            parts.append((" · ", "$text-muted"))
        parts.append(detail)
    if figure.attribution:  # a line of its own: "per Shoigu, according to Tass" is not cut at the comma
        parts.append((f"\n  per {safe_line(figure.attribution)}", "$text-muted"))
    return Content.assemble(*parts)


class FiguresPanel(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.figures: list[Figure] = []
        self.article_id: str | None = None  # whose figures are shown
        self.border_title = "Figures"

    def show_figures(
        self,
        figures: list[Figure] | None,
        groups: dict[str, GroupFacts],
        empty_message: str = "",
        article_id: str | None = None,
        prompts: list[Content] | None = None,
    ) -> None:
        """None means "not extracted yet"; an empty list means the article has none. `groups`: the facts of
        groups other reports share, once the corpus analysis is in. `prompts`: the rows as drawn for these
        figures at the last launch (tui.screens.first_screen), until the analysis is in again."""
        self.figures = list(figures or [])
        self.article_id = article_id
        self.clear_options()
        if not self.figures:
            message = empty_message or ("Extracting figures…" if figures is None else "No figures in this article")
            self.add_option(Option(Content(safe_line(message)), disabled=True))
            self.border_subtitle = ""
            return
        self.add_options(
            Option(
                prompts[i] if prompts is not None else figure_prompt(f, groups.get(f.group) if f.group else None),
                id=str(i),
            )
            for i, f in enumerate(self.figures)
        )
        self.border_subtitle = f"{len(self.figures)}"
        self.highlighted = 0

    def show_remembered(self, prompts: list[Content], article_id: str) -> None:
        """The rows the panel showed for this article at the last launch (tui.screens.first_screen), until
        its figures are extracted again: they look the same, but no figure can be chosen yet."""
        self.figures = []
        self.article_id = article_id
        self.clear_options()
        self.add_options(Option(prompt) for prompt in prompts)
        self.border_subtitle = str(len(prompts)) if prompts else ""
        if prompts:
            self.highlighted = 0
        else:
            self.add_option(Option(Content("No figures in this article"), disabled=True))

    def drawn(self) -> list[tuple[int, int, Content]]:
        """Each figure shown: its offsets in the article and its row as drawn."""
        rows = (self.get_option_at_index(i).prompt for i in range(len(self.figures)))
        return [(f.start, f.end, row) for f, row in zip(self.figures, rows, strict=True) if isinstance(row, Content)]

    @property
    def highlighted_figure(self) -> Figure | None:
        if self.highlighted is None or not self.figures:
            return None
        return self.figures[self.highlighted] if self.highlighted < len(self.figures) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if figure := self.highlighted_figure:
            self.post_message(FigureChosen(figure))
