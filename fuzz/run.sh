#!/usr/bin/env bash
# A longer fuzzing run of every hypothesis property of the pipeline, with $KURSK_FUZZ_EXAMPLES examples
# each (default 5000; the suite runs them with 25-300):
#   corpus/store/CLI  tests/test_hardening_props.py, tests/test_hardening_ingest_props.py (any bytes ingested)
#   cleaner           tests/test_clean_properties.py
#   segmenter         tests/test_sentences.py (its hypothesis property; -k keeps the example tests out)
#   figures           tests/test_figures_robust.py (any text, number-heavy text, any spans, grouping)
#   figures JSON      tests/test_hardening_layers.py (`figures --json` / `--groups --json` of any article)
#   query language    tests/test_search_queries_hostile.py (any query through `kursk-reader search`)
#   reader rendering  tests/ui/test_hostile_fields_fuzz.py (any escapes in every field, drawn by the reader)
# Tests that hard-code max_examples are raised too: fuzz/kursk_fuzz_budget.py (a pytest plugin loaded
# with -p) overrides every collected hypothesis test's settings.
# Usage: fuzz/run.sh [examples] [pytest args...]     e.g.  fuzz/run.sh 20000 -x
set -euo pipefail
cd "$(dirname "$0")/.."
export KURSK_FUZZ_EXAMPLES="${1:-${KURSK_FUZZ_EXAMPLES:-5000}}"
export PYTHONPATH="$PWD/fuzz${PYTHONPATH:+:$PYTHONPATH}"
exec python -m pytest -q -p no:cacheprovider -p kursk_fuzz_budget --durations=15 \
    -k "not pathological and not peer_inputs" \
    tests/test_hardening_props.py tests/test_hardening_ingest_props.py \
    tests/test_clean_properties.py \
    "tests/test_sentences.py::test_spans_are_ordered_stripped_and_cover_all_text" \
    tests/test_figures_robust.py \
    "tests/test_hardening_layers.py::test_figures_json_of_any_article_parses_and_slices" \
    tests/test_search_queries_hostile.py \
    tests/ui/test_hostile_fields_fuzz.py \
    "${@:2}"
