"""pytest plugin for fuzz/run.sh: every hypothesis test collected runs with $KURSK_FUZZ_EXAMPLES
examples, whatever budget its @settings hard-codes for the normal suite (an explicit @settings wins
over a hypothesis profile, so a profile alone would not raise it).

Loaded only by fuzz/run.sh (`-p kursk_fuzz_budget` with fuzz/ on PYTHONPATH); the suite never sees it."""

from __future__ import annotations

import os

from hypothesis import settings

BUDGET_ENV = "KURSK_FUZZ_EXAMPLES"


def pytest_report_header(config) -> str:
    return f"kursk fuzz budget: {os.environ.get(BUDGET_ENV, '?')} examples per property"


def pytest_collection_modifyitems(session, config, items) -> None:
    budget = int(os.environ[BUDGET_ENV])
    seen: set[int] = set()
    for item in items:
        test = getattr(item, "obj", None)
        if test is None or not hasattr(test, "hypothesis") or id(test) in seen:
            continue
        seen.add(id(test))
        current = getattr(test, "_hypothesis_internal_use_settings", None) or settings.default
        # hypothesis reads this attribute when the test runs
        test._hypothesis_internal_use_settings = settings(current, max_examples=budget)
