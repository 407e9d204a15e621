"""Fuzzing the reader's rendering (issue 12): any mix of escapes, C1 and bidi controls in every field of an
article, its figures and groups, drawn through the list, the reader and the figures panel; the terminal bytes
hold no control the app did not emit itself. The suite runs a few examples; fuzz/run.sh runs many more."""

from __future__ import annotations

import asyncio
import os
import tempfile
from pathlib import Path

import test_hostile_fields as hostile_fields
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ui_support import FakeIndex, settle

import tui.child_process
import tui.corpus.analysis_summary
import tui.screens.main
import tui.search.engine
from tui.app import ReaderApp
from tui.paths import bundled_articles_dir

BUDGET = int(os.environ.get("KURSK_FUZZ_EXAMPLES", "4"))
DANGEROUS = "\x1b\x07\x08\x90\x9b\x9c\x9d\x85\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069[]();:0123 ab"
attacks = st.text(st.sampled_from(DANGEROUS), min_size=1, max_size=40)


async def render(attack: str, tmp: Path) -> list[str]:
    hostile_fields.ATTACK = attack  # every hostile field carries this attack
    article = hostile_fields.hostile_article()
    app = ReaderApp(bundled_articles_dir(), tmp / "index", tmp / "state.json", articles=[article])
    async with app.run_test(size=(140, 42)) as pilot:
        frames = hostile_fields.capture_terminal(app)
        await settle(app, pilot)
        await pilot.press("f", "down")
        await settle(app, pilot)
    return frames


@settings(max_examples=BUDGET, deadline=None, suppress_health_check=list(HealthCheck))
@given(attacks)
def test_any_escapes_in_any_field_reach_the_terminal_only_as_visible_text(attack):
    original = hostile_fields.ATTACK
    patches = [
        (tui.corpus.analysis_summary, "corpus_analysis", hostile_fields.hostile_analyse),
        (tui.search.engine, "SearchIndex", FakeIndex),
        (tui.child_process, "START", "thread"),
    ]
    saved = [(module, name, getattr(module, name)) for module, name, _ in patches]
    try:
        for module, name, value in patches:
            setattr(module, name, value)
        with tempfile.TemporaryDirectory() as tmp:
            frames = asyncio.run(render(attack, Path(tmp)))
    finally:
        hostile_fields.ATTACK = original
        for module, name, value in saved:
            setattr(module, name, value)
    hostile_fields.assert_clean(frames)
