"""Stories of events the grouping was not built on: is each one whole (all its reports in one story) and pure
(no other report in that story), on one corpus mixing them with the collected claim events, the bundled reports
and the Wikinews articles? Prints a Markdown table.

    python benchmarks/story_events.py                 # tuning events of the eval set, and the claim events
    python benchmarks/story_events.py --heldout       # held-out events too (their rows only: counts, no ids)
    python benchmarks/story_events.py --explain noto  # which reports of a tuning event lie where (ids)

Reads $KURSK_STORY_EVENTS_DIR or /work/local-data/stories-eval/ (one folder per event holding reports.jsonl,
{id, url, outlet, published, title, text} a line; split.yaml: tune/heldout lists), the claim events like
benchmarks/claims.py ($KURSK_STORIES_DIR or /work/local-data/stories/; lahaina there is held out for stories too)
and ../shared/corpora's Wikinews articles. Says so and stops when the eval events are absent."""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections import Counter
from pathlib import Path

import yaml

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from claims import BUNDLED, REPO, STORIES, WIKINEWS, load_jsonl  # noqa: E402

from tui.corpus.model import Article  # noqa: E402
from tui.corpus.store import Corpus  # noqa: E402
from tui.corpus.stories import StoryIndex, build_stories  # noqa: E402

EVAL = Path(os.environ.get("KURSK_STORY_EVENTS_DIR", "/work/local-data/stories-eval"))
HELD_OUT_CLAIM_EVENTS = ("lahaina",)  # a claim event held out for stories as well


def load_events() -> tuple[dict[str, list[Article]], dict[str, str]]:
    """Every event -> its reports, and event -> split ("tune", "heldout", or "claims" for the claim events)."""
    split = yaml.safe_load((EVAL / "split.yaml").read_text(encoding="utf-8"))
    events: dict[str, list[Article]] = {}
    splits: dict[str, str] = {}
    for kind in ("tune", "heldout"):
        for name in split.get(kind) or []:
            events[name] = load_jsonl(EVAL / name / "reports.jsonl")
            splits[name] = kind
    for path in sorted(STORIES.glob("*.jsonl")):
        events[path.stem] = load_jsonl(path)
        splits[path.stem] = "heldout" if path.stem in HELD_OUT_CLAIM_EVENTS else "claims"
    events[BUNDLED] = Corpus(REPO / "articles").load_all()[0]
    splits[BUNDLED] = "claims"
    return events, splits


def event_row(name: str, reports: list[Article], index: StoryIndex, event_of: dict[str, str]) -> dict[str, object]:
    stories = Counter(index.story_of(a.id) for a in reports)
    main, count = stories.most_common(1)[0]
    story = index.get(main or "")
    foreign = [a for a in (story.article_ids if story else []) if event_of.get(a) != name]
    return {
        "event": name,
        "reports": len(reports),
        "stories it falls in": len(stories),
        "outside its main story": len(reports) - count,
        "foreign reports in it": len(foreign),
        "sizes": "+".join(str(n) for _, n in stories.most_common()),
    }


def explain(name: str, reports: list[Article], index: StoryIndex, event_of: dict[str, str]) -> str:
    """Where each report of a tuning event lies, and what else is in those stories."""
    lines = []
    for story_id, _ in Counter(index.story_of(a.id) for a in reports).most_common():
        story = index.get(story_id or "")
        members = story.article_ids if story else []
        own = sorted(a for a in members if event_of.get(a) == name)
        other = sorted(f"{a} ({event_of.get(a, 'wikinews')})" for a in members if event_of.get(a) != name)
        lines.append(f"- {story_id}: {', '.join(own)}" + (f"; foreign: {', '.join(other)}" if other else ""))
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--heldout", action="store_true", help="score the held-out events too (once, with final rules)")
    ap.add_argument("--explain", default="", help="comma-separated tuning events whose stories to list")
    args = ap.parse_args()
    if not (EVAL / "split.yaml").is_file() or not WIKINEWS.is_file():
        print(f"story events or Wikinews absent ({EVAL}, {WIKINEWS}): nothing to measure")
        return 0
    events, splits = load_events()
    explained = [e for e in args.explain.split(",") if e]
    refused = [e for e in explained if splits.get(e) not in ("tune", "claims")]
    if refused:
        print(f"--explain: not a tuning event: {', '.join(refused)} (held-out placements are not for reading)")
        return 2
    wikinews = load_jsonl(WIKINEWS)
    articles = [a for arts in events.values() for a in arts] + wikinews
    t0, c0 = time.perf_counter(), time.process_time()
    index = build_stories(articles)
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    event_of = {a.id: name for name, arts in events.items() for a in arts}
    print(
        f"Mixed corpus: {len(articles)} articles ({len(wikinews)} Wikinews), {len(index.stories())} stories, "
        f"built in {wall:.2f} s ({cpu:.2f} s CPU)\n"
    )
    print("| event | split | reports | stories it falls in | outside its main story | foreign reports in it | sizes |")
    print("|---|---|---|---|---|---|---|")
    whole: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for name, reports in events.items():
        if splits[name] == "heldout" and not args.heldout:
            continue
        row = event_row(name, reports, index, event_of)
        total[splits[name]] += 1
        whole[splits[name]] += row["stories it falls in"] == 1 and row["foreign reports in it"] == 0
        print(f"| {name} | {splits[name]} | " + " | ".join(str(v) for k, v in row.items() if k != "event") + " |")
    print("\nWhole and pure: " + ", ".join(f"{s}: {whole[s]}/{total[s]}" for s in total))
    if not args.heldout:
        print(f"(held out, not scored: {', '.join(n for n in events if splits[n] == 'heldout')}; --heldout)")
    for name in explained:
        print(f"\n### {name}\n\n{explain(name, events[name], index, event_of)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
