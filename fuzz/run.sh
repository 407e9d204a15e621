#!/usr/bin/env bash
# A longer fuzzing run of the corpus/store/CLI properties (tests/test_hardening_props.py) and of
# ingesting arbitrary bytes (tests/test_hardening_ingest_props.py): the same properties the suite
# runs with 150 / 60 examples, here with $KURSK_FUZZ_EXAMPLES each (default 5000).
# Usage: fuzz/run.sh [examples]      e.g.  fuzz/run.sh 20000
set -euo pipefail
cd "$(dirname "$0")/.."
export KURSK_FUZZ_EXAMPLES="${1:-${KURSK_FUZZ_EXAMPLES:-5000}}"
exec python -m pytest -q -p no:cacheprovider --durations=0 \
    tests/test_hardening_props.py tests/test_hardening_ingest_props.py "${@:2}"
