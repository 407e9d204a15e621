"""CPU time of the per-article work of the analysis: figures, sentence splitting and story terms, for one or
more checkouts side by side (a change meant to make them faster; `figures_dump.py` checks it changed nothing).

    python benchmarks/extraction_speed.py --code ../main --code . --articles 2000 --runs 5

Texts: `--articles` generated articles (scale_corpus, half each kind; they carry their sentences, as stored
articles do) and the Wikinews corpus when present (its sentences found by the extractor). Each checkout runs
in its own process, all of them in turn for each run, so that load from other work falls on them alike;
the table shows the median CPU seconds of the runs and the ratio to the first checkout."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
WIKINEWS = HERE.parent.parent / "shared" / "corpora" / "wikinews_en_2019_2020.jsonl"
STEPS = ("figures (generated)", "figures (Wikinews)", "sentences (Wikinews)", "story terms (generated)")


def measure(n: int) -> dict[str, float | str]:
    """One run of every step in this process (its tui/ is the checkout's: PYTHONPATH)."""
    import gc
    import importlib
    import time

    import tui
    from tui.corpus.figures import scan_figures
    from tui.corpus.model import Article, Paragraph
    from tui.corpus.sentences import split_sentences
    from tui.corpus.story_terms import LEAD_CHARS, article_terms

    # only now: scale_corpus puts this file's checkout first on sys.path, and the measured tui/ is loaded by then
    scale_corpus = importlib.import_module("scale_corpus")
    generated = scale_corpus.make_articles(n // 2) + scale_corpus.make_event_articles(n - n // 2)
    texts = [json.loads(line)["text"] for line in WIKINEWS.read_text(encoding="utf-8").splitlines()]
    paragraphs = [[p.strip() for p in t.split("\n\n") if p.strip()] for t in texts]
    wikinews = [
        Article(f"w{k}", "", False, None, None, None, None, "", "", [Paragraph(p) for p in ps])
        for k, ps in enumerate(paragraphs)
    ]
    leads = [(a.title, a.text[:LEAD_CHARS]) for a in generated]
    scan_figures(generated[0])  # word lists loaded before the clock starts
    gc.disable()  # as the analysis workers run (worker_pool.paused_gc)
    out: dict[str, float | str] = {"tui": str(Path(tui.__file__).resolve().parent.parent)}
    steps = (
        lambda: [scan_figures(a) for a in generated],
        lambda: [scan_figures(a) for a in wikinews],
        lambda: [split_sentences(p) for ps in paragraphs for p in ps],
        lambda: [article_terms(title, lead) for title, lead in leads],
    )
    for name, step in zip(STEPS, steps, strict=True):
        start = time.process_time()
        step()
        out[name] = time.process_time() - start
    return out


def run_once(code: Path, n: int) -> dict[str, float]:
    env_path = f"{code.resolve()}:{HERE}"
    cmd = [sys.executable, str(Path(__file__).resolve()), "--one", str(n)]
    done = subprocess.run(cmd, env={"PYTHONPATH": env_path, "PATH": ""}, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{code}: the run failed:\n{done.stderr[-2000:]}")
    out = json.loads(done.stdout.strip().splitlines()[-1])
    if out.pop("tui") != str(code.resolve()):
        raise SystemExit(f"{code}: another checkout's tui/ was measured")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--code", type=Path, action="append", help="a checkout to measure (repeat; default: this one)")
    ap.add_argument("--articles", type=int, default=2000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one is not None:
        print(json.dumps(measure(args.one)))
        return 0
    if not WIKINEWS.is_file():
        raise SystemExit(f"{WIKINEWS} is absent: this benchmark needs the Wikinews corpus beside the checkout")
    codes = args.code or [HERE.parent]
    runs: dict[Path, list[dict[str, float]]] = {code: [] for code in codes}
    for _ in range(args.runs):
        for code in codes:
            runs[code].append(run_once(code, args.articles))
    print(f"{args.articles} generated articles, {args.runs} runs each; median CPU seconds (ratio to the first)\n")
    print("| step | " + " | ".join(str(c) for c in codes) + " |")
    print("|---|" + "---|" * len(codes))
    base = {step: statistics.median(r[step] for r in runs[codes[0]]) for step in STEPS}
    for step in (*STEPS, "total"):
        cells = []
        for code in codes:
            med = (
                sum(statistics.median(r[s] for r in runs[code]) for s in STEPS)
                if step == "total"
                else statistics.median(r[step] for r in runs[code])
            )
            ref = sum(base.values()) if step == "total" else base[step]
            cells.append(f"{med:.3f}" + ("" if code == codes[0] else f" ({ref / med:.2f}x)"))
        print(f"| {step} | " + " | ".join(cells) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
