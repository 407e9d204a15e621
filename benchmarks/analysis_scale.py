"""Stories + claims at scale: cold on 2 processes, warm from the cache, one added article; time, CPU, memory.

Corpora from benchmarks/scale_corpus.py, both kinds: `random` (sentences recombined: almost every article
is its own story) and `events` (events of 5-50 reports). Every step runs in a fresh process, so its peak
memory is its own (articles included: the caller holds them anyway); "analysis kept" is what the process
holds after the step beyond the articles (what a reader keeps of a warm analysis).

    python benchmarks/analysis_scale.py --sizes 1000,10000 --kinds random,events
    flock /work/local-data/heavy.lock python benchmarks/analysis_scale.py --sizes 100000
    python benchmarks/analysis_scale.py --sizes 10000 --steps onepass --code ../main   # another checkout's code

Steps: `cold` (analyse_cached with an empty cache, 2 worker processes: figures, stories, groups, claims;
"of which stories": from the start until every article is placed in its story),
`warm` (the same call again, then every story with its claim count and the biggest story's claims: what
`kursk-reader stories` and the claims view need), `add` (one article more: its story redone; every article's
content hashed to find it), `add told` (another one, the caller saying which: `changed=[its id]`; `add told 2`,
`add told 3`, ...: one more each time, for a median), `onepass`
(claims.analyse_corpus in one process, no cache: the code before the cache, with --code).

`--folder DIR`: the reader's analysis child and the CLI on a corpus folder (a copy of it, hard links: the
folder itself is never changed), each step in a fresh process with its own cache: `cli cold` (`kursk-reader
stories --json`, 2 cores), `summary` (analysis_summary.summarise_corpus, what the reader's child runs;
the first one after the CLI packs the summary), `summary warm` (again: nothing changed), `cli warm`
(`stories --json` again), `claims warm` (`kursk-reader claims --story --json` of the biggest story),
`cli add` (one article file added, then `stories --json`: only that file is read, its story redone),
`summary add` (another one, then the reader's summary: that story summarised again). Every step is run
with --code too when given, for ratios. Several folders, comma-separated: one table (cold / warm / add
rows of each size, wall, CPU of every process, peak RSS).

    flock /work/local-data/heavy.lock python benchmarks/analysis_scale.py \
        --folder /tmp/kursk-scale/10000/articles,/tmp/kursk-scale/100000/articles
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ("cold", "warm", "add", "add told")


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def cpu_s() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def peak_mb() -> tuple[float, float]:
    """Peak RSS of this process, and of its largest worker process."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_maxrss / 1024, kids.ru_maxrss / 1024


EXTRAS = 12  # articles generated beyond the corpus, added one at a time by the add steps


def corpus(kind: str, n: int) -> list:
    code = sys.path[0]  # the measured checkout (main puts it first)
    from scale_corpus import make_articles, make_event_articles

    # scale_corpus puts this checkout first; worker processes start from this path: the measured code again
    sys.path.insert(0, sys.path.pop(sys.path.index(code)))

    return make_event_articles(n + EXTRAS) if kind == "events" else make_articles(n + EXTRAS)


def one_step(kind: str, n: int, step: str, cache: Path) -> dict[str, object]:
    import gc

    gc.disable()  # as the CLI does around the analysis (commands/common.paused_gc)
    import tui.corpus.claims  # noqa: F401  first, from --code: scale_corpus would import this checkout's

    articles = corpus(kind, n)
    extras, articles = articles[-EXTRAS:], articles[:-EXTRAS]
    for k, extra in enumerate(extras):
        extra.id = f"added-article-{k}"
    base = rss_mb()
    t0, c0 = time.perf_counter(), cpu_s()
    out: dict[str, object] = {}
    if step == "onepass":
        from tui.corpus.claims import analyse_corpus

        analysis = analyse_corpus(articles)
        out["stories"] = len(analysis.stories.stories())
        out["claims"] = len(analysis.claims)
    else:
        import tui.corpus.analysis_cache as analysis_cache
        import tui.corpus.story_analysis as story_analysis
        from tui.corpus.analysis_cache import analyse_cached

        def timed(build_stories):  # until the stories are placed (workers may still find figures meanwhile)
            def timed_stories(*args, **kwargs):
                index = build_stories(*args, **kwargs)
                out["of which stories (s)"] = time.perf_counter() - t0
                return index

            return timed_stories

        for module in (analysis_cache, story_analysis):  # where the analysis calls it, in this code or older
            if hasattr(module, "build_stories"):
                module.build_stories = timed(module.build_stories)
        added = (
            0 if step == "add" else int(step.removeprefix("add told").strip() or 1) if step.startswith("add") else -1
        )
        given = [*articles, *extras[: added + 1]]
        told = [extras[added].id] if step.startswith("add told") else None
        analysis = analyse_cached(cache / "corpus", given, workers=2, cache_dir=cache / "analysis", changed=told)
        stories = analysis.stories.stories()
        out["stories"] = len(stories)
        out["claims"] = sum(analysis.n_claims(s) for s in stories)
        if step == "warm":
            biggest = max(stories, key=lambda s: len(s.article_ids))
            t1 = time.perf_counter()
            analysis.story_claims(biggest.id)
            out["biggest story's claims (s)"] = time.perf_counter() - t1
            out["biggest story"] = len(biggest.article_ids)
    out["wall (s)"] = time.perf_counter() - t0
    out["CPU (s)"] = cpu_s() - c0
    out["peak RSS (MB)"], out["worker peak RSS (MB)"] = peak_mb()
    out["analysis kept (MB)"] = rss_mb() - base
    return out


FOLDER_STEPS = ("cli cold", "summary", "summary warm", "cli warm", "claims warm", "cli add", "summary add")


FOLDER_COLUMNS = (
    "code",
    "articles",
    "step",
    "wall (s)",
    "CPU (s)",
    "of which imports (s)",
    "biggest story's claims (s)",
    "biggest story",
    "peak RSS (MB)",
    "worker peak RSS (MB)",
)


def folder_step(folder: Path, step: str) -> dict[str, object]:
    """One step on a corpus folder, in this (fresh) process."""
    import gc

    out: dict[str, object] = {}
    if step.endswith(" add"):  # one article file more (a copy of the first under a new id): not timed
        from tui.corpus.store import Corpus

        corpus = Corpus(folder)
        first = corpus.load(corpus.ids()[0])
        first.id = f"added-by-{step.split()[0]}"
        corpus.save(first)
    t0, c0 = time.perf_counter(), cpu_s()
    if step.startswith("summary"):
        from tui.corpus.analysis_summary import summarise_corpus

        gc.disable()  # as the reader's child holds the collector (child_process.collector_paused)
        summary = summarise_corpus(folder)
        out["stories"] = len(summary.stories)
        out["claims"] = sum(summary.claim_counts.values())
        biggest = max(summary.stories.stories(), key=lambda s: len(s.article_ids))
        t1 = time.perf_counter()
        summary.claim_source.load(biggest.id)
        out["biggest story's claims (s)"] = time.perf_counter() - t1  # the reader's claims view: its data
        out["biggest story"] = len(biggest.article_ids)
    else:
        from tui.cli import main as cli

        out["of which imports (s)"] = time.perf_counter() - t0

        sys.stdout.flush()
        kept = os.dup(1)
        os.dup2(os.open(os.devnull, os.O_WRONLY), 1)  # the JSON printed goes nowhere; this step's row after it
        if step.startswith("claims"):  # the biggest story's claims: its id found first, not timed
            from tui.corpus.analysis_summary import summarise_corpus

            stories = summarise_corpus(folder).stories.stories()
            biggest = max(stories, key=lambda s: len(s.article_ids)).id
            out["biggest story"] = max(len(s.article_ids) for s in stories)
            out["of which imports (s)"] = 0.0  # imported above, not timed
            t0, c0 = time.perf_counter(), cpu_s()
            out["exit"] = cli(["claims", "--story", biggest, "--json", "--articles", str(folder)])
        else:
            out["exit"] = cli(["stories", "--json", "--articles", str(folder)])
        sys.stdout.flush()
        os.dup2(kept, 1)
    out["wall (s)"] = time.perf_counter() - t0
    out["CPU (s)"] = cpu_s() - c0
    out["peak RSS (MB)"], out["worker peak RSS (MB)"] = peak_mb()
    return out


def run_folder(folder: Path, code: Path | None, steps: list[str]) -> list[dict[str, object]]:
    rows = []
    with tempfile.TemporaryDirectory(prefix="analysis-folder-") as tmp:
        copy = Path(tmp) / "articles"
        subprocess.run(["cp", "-al", str(folder), str(copy)], check=True)  # hard links: the same stats
        env = dict(os.environ, XDG_CACHE_HOME=str(Path(tmp) / "cache"))
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: bytecode kept, not compiled at every start
        if code is not None:
            env["PYTHONPATH"] = str(code.resolve())
        for step in steps:
            cmd = [sys.executable, str(Path(__file__).resolve()), "--one-folder", str(copy), step]
            if code is not None:
                cmd += ["--code", str(code)]
            done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                raise SystemExit(f"{folder} {step} failed:\n{done.stderr[-3000:]}")
            n = sum(1 for name in os.listdir(folder) if name.endswith(".yaml"))
            row: dict[str, object] = {"code": str(code or "this"), "articles": n, "step": step}
            row |= json.loads(done.stdout.strip().splitlines()[-1])
            print(f"  {code or 'this'} {step}: {row['wall (s)']:.1f} s", file=sys.stderr)
            rows.append(row)
    return rows


def run_step(kind: str, n: int, step: str, cache: Path, code: Path | None) -> dict[str, object]:
    env = dict(os.environ)
    if code is not None:
        env["PYTHONPATH"] = str(code.resolve())
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", kind, str(n), step, str(cache)]
    if code is not None:
        cmd += ["--code", str(code)]
    done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{kind} {n} {step} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def table(rows: list[dict[str, object]]) -> str:
    cols = list(dict.fromkeys(c for r in rows for c in r))
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for r in rows:
        cells = [f"{v:.2f}" if isinstance(v, float) else str(v) for v in (r.get(c, "") for c in cols)]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--kinds", default="random,events")
    ap.add_argument("--steps", default=",".join(STEPS))
    ap.add_argument("--code", type=Path, help="a checkout whose tui/ is measured (default: this one)")
    ap.add_argument("--folder", type=Path, help="measure the reader's summary and the CLI on this corpus folder")
    ap.add_argument("--one", nargs=4, metavar=("KIND", "N", "STEP", "CACHE"), help=argparse.SUPPRESS)
    ap.add_argument("--one-folder", nargs=2, metavar=("FOLDER", "STEP"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    sys.path.insert(0, str(HERE))
    sys.path.insert(0, str((args.code or HERE.parent).resolve()))
    if args.one_folder:
        folder, step = args.one_folder
        print(json.dumps(folder_step(Path(folder), step)))
        return 0
    if args.folder:
        steps = FOLDER_STEPS if args.steps == ",".join(STEPS) else tuple(args.steps.split(","))
        rows = []
        for folder in [Path(f) for f in str(args.folder).split(",")]:
            rows += run_folder(folder, None, list(steps))
            if args.code is not None:
                rows += run_folder(folder, args.code, list(steps))
        print(table([{k: r[k] for k in FOLDER_COLUMNS if k in r} for r in rows]))
        return 0
    if args.one:
        kind, n, step, cache = args.one
        print(json.dumps(one_step(kind, int(n), step, Path(cache))))
        return 0
    rows = []
    for n in [int(s) for s in args.sizes.split(",") if s.strip()]:
        for kind in args.kinds.split(","):
            with tempfile.TemporaryDirectory(prefix="analysis-scale-") as cache:
                for step in args.steps.split(","):
                    row: dict[str, object] = {"articles": n, "corpus": kind, "step": step}
                    row |= run_step(kind, n, step, Path(cache), args.code)
                    print(f"  {n} {kind} {step}: {row['wall (s)']:.1f} s", file=sys.stderr)
                    rows.append(row)
    print(table(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
