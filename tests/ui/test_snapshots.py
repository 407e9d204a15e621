"""SVG snapshots of the main screens at 140x42 and 80x24 (pytest-textual-snapshot).

Figures and search come from the fakes in support.py, so only the corpus text and the UI decide the
picture. After the cleaned seed articles change, regenerate with `pytest tests/ui --snapshot-update`
and look at the report before committing."""

from __future__ import annotations

from textual.widgets import Input
from ui_support import settle

WIDE, NARROW = (140, 42), (80, 24)


def steps(*keys: str):
    """run_before for snap_compare: settle, press keys (settling after each), settle."""

    async def run(pilot) -> None:
        app = pilot.app
        for field in app.query(Input):
            field.cursor_blink = False
        await settle(app, pilot)
        for key in keys:
            await pilot.press(key)
            await settle(app, pilot)

    return run


def test_main_screen_wide(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=steps())


def test_main_screen_narrow(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=NARROW, run_before=steps())


def test_figure_jumps_to_its_sentence(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=steps("f", "down", "enter"))


def test_search_results(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=steps("slash", *"sappers", "enter"))


def test_comparison_view(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=steps("f", "down", "c"))


def test_help_narrow(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=NARROW, run_before=steps("question_mark"))


def test_comparison_view_narrow(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=NARROW, run_before=steps("f", "down", "c"))


def test_help_wide(snap_compare, make_app):
    assert snap_compare(make_app(), terminal_size=WIDE, run_before=steps("question_mark"))
