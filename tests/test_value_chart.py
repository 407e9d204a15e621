"""Chart data of a claim whose value changes: points by date, or by outlet when undated."""

from __future__ import annotations

from claims_fixtures import FLOOD, articles

from tui.corpus.claims import analyse_corpus
from tui.corpus.value_chart import value_chart


def test_a_rising_toll_charts_by_date():
    found = articles(FLOOD)
    analysis = analyse_corpus(found)
    toll = next(c for c in analysis.claims if c.relation == "update")
    chart = value_chart(toll, {a.id: a.published for a in found})
    assert chart.by_date and chart.worth_drawing
    assert [(p.x, p.value) for p in chart.points] == [
        ("2026-07-02", 200),
        ("2026-07-04", 260),
        ("2026-07-06", 330),
        ("2026-07-09", 410),
    ]


def test_undated_reports_chart_by_outlet():
    undated = {k: (t, o, None, x) for k, (t, o, _, x) in FLOOD.items()}
    found = articles(undated)
    toll = next(c for c in analyse_corpus(found).claims if len(c.values) > 1)
    chart = value_chart(toll, {a.id: a.published for a in found})
    assert not chart.by_date
    assert {p.x for p in chart.points} == {"Global Herald", "Daily Courier", "Evening Post", "Morning Ledger"}
