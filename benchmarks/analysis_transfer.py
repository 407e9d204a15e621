"""How long the reader holds its interpreter taking in the corpus analysis (issue 17): the analysis child sends
its summary, and unpickling it is one C call that holds the GIL, so no key is handled meanwhile.

    XDG_CACHE_HOME=/tmp/some-cache python benchmarks/analysis_transfer.py FOLDER [FOLDER ...] [--code CHECKOUT]

For each corpus folder (benchmarks/scale_corpus.py N --write FOLDER makes one): the reader's analysis child
runs once to fill the analysis cache (not timed), then again; its summary's pickle is unpickled here
--repeats times with the collector paused, as the reader's worker does (median and max: the stall), and the
summary is applied to a session (use_analysis). With a summary that reads claims on demand, the claims of
the story with the most claims are read as the claims view does (in the reader: on a worker thread).
--code: the checkout whose tui/ is imported (measure main before a change). Not run by the test suite."""

from __future__ import annotations

import argparse
import pickle
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def pickled_summary(folder: Path) -> bytes:
    """In the child: what the reader's analysis child sends, as the bytes the pipe carries."""
    from tui.corpus.analysis_summary import summarise_corpus

    return pickle.dumps(summarise_corpus(folder), protocol=pickle.HIGHEST_PROTOCOL)


def timed(fn, repeats: int) -> tuple[float, float, float]:
    """Median and max wall ms, median CPU ms."""
    walls, cpus = [], []
    for _ in range(repeats):
        w, c = time.perf_counter(), time.process_time()
        fn()
        walls.append((time.perf_counter() - w) * 1000)
        cpus.append((time.process_time() - c) * 1000)
    return statistics.median(walls), max(walls), statistics.median(cpus)


def measure(folder: Path, repeats: int) -> list[str]:
    from tui.child_process import call_in_child, collector_paused
    from tui.reader_session import ReaderSession

    call_in_child(pickled_summary, folder)  # fills the analysis and catalog caches
    start = time.perf_counter()
    data = call_in_child(pickled_summary, folder)
    child_s = time.perf_counter() - start

    import tui.corpus.analysis_summary  # noqa: F401  (what the first unpickle would import: not the stall)

    def unpickle() -> None:
        with collector_paused():
            pickle.loads(data)

    med, top, cpu = timed(unpickle, repeats)
    summary = pickle.loads(data)
    session = ReaderSession(folder, None)
    apply_ms = timed(lambda: session.use_analysis(summary), repeats)[0]
    n = len(list(folder.glob("*.yaml")))
    row = f"| {n:,} | {len(data) / 1e6:.1f} | {med:.0f} | {top:.0f} | {cpu:.0f} | {apply_ms:.1f} | {child_s:.1f} |"
    counts = getattr(summary, "claim_counts", None)
    if not counts:
        return [row + " – | – |"]
    story = max(counts, key=counts.__getitem__)
    source = summary.claim_source
    claims_ms = timed(lambda: source.load(story), repeats)[0]
    return [row + f" {counts[story]} | {claims_ms:.1f} |"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", type=Path, nargs="+")
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--code", type=Path, default=REPO, help="the checkout whose tui/ is measured")
    args = parser.parse_args()
    sys.path.insert(0, str(args.code.resolve()))
    import tui

    print(f"code: {Path(tui.__file__).parent}")
    print(
        "| articles | summary MB | unpickle ms median | max | CPU ms | use_analysis ms | child s | claims "
        "(biggest story) | read ms |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    for folder in args.folders:
        for line in measure(folder, args.repeats):
            print(line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
