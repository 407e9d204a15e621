"""Stories when the corpus changes: does every collected event stay one whole, pure story when another event,
or a part of the unrelated news, is left out? A grouping that moves a report of one event because unrelated
articles came or went is weak, whatever its score on one corpus. Prints a Markdown table.

    python benchmarks/story_stability.py                  # leave each event out; Wikinews subsets, seeds 0-13
    python benchmarks/story_stability.py --events         # the tuning events of story_events.py in the mix too

Reads the collected events like benchmarks/claims.py ($KURSK_STORIES_DIR or /work/local-data/stories/, the
Wikinews articles of ../shared/corpora/); says so and stops when they are absent. Seeds 0-3 of the Wikinews
subsets (two thirds of the articles each) and the leave-one-event-out corpora were looked at while tuning
stories.py's attach_strays; seeds 4-13 were not."""

from __future__ import annotations

import argparse
import random
import sys
from collections import Counter
from pathlib import Path

import yaml

sys.path[:0] = [str(Path(__file__).resolve().parent.parent), str(Path(__file__).resolve().parent)]

from claims import BUNDLED, REPO, STORIES, WIKINEWS, load_jsonl  # noqa: E402

from tui.corpus.model import Article  # noqa: E402
from tui.corpus.store import Corpus  # noqa: E402
from tui.corpus.stories import build_stories  # noqa: E402

Events = dict[str, list[Article]]


def faults(events: Events, unrelated: list[Article]) -> list[str]:
    """Each event not whole and pure in its main story: "morocco: 1 out, 0 in"."""
    index = build_stories([a for arts in events.values() for a in arts] + unrelated)
    event_of = {a.id: name for name, arts in events.items() for a in arts}
    out = []
    for name, arts in events.items():
        main, count = Counter(index.story_of(a.id) for a in arts).most_common(1)[0]
        story = index.get(main or "")
        foreign = [a for a in (story.article_ids if story else []) if event_of.get(a) != name]
        if count < len(arts) or foreign:
            out.append(f"{name}: {len(arts) - count} out, {len(foreign)} in")
    return out


def variants(events: Events, wikinews: list[Article], seeds: range) -> list[tuple[str, str, Events, list[Article]]]:
    rows = [("all", "tuned", events, wikinews)]
    rows += [(f"without {n}", "tuned", {k: v for k, v in events.items() if k != n}, wikinews) for n in events]
    for seed in seeds:
        pick = random.Random(seed)
        part = [a for a in wikinews if pick.random() < 2 / 3]
        rows.append((f"2/3 of Wikinews, seed {seed}", "tuned" if seed < 4 else "not tuned", events, part))
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seeds", type=int, default=14, help="Wikinews subsets (seeds 0..N-1)")
    ap.add_argument("--events", action="store_true", help="add the tuning events of benchmarks/story_events.py")
    args = ap.parse_args()
    if not (STORIES / "gold.yaml").is_file() or not WIKINEWS.is_file():
        print(f"collected events or Wikinews absent ({STORIES}, {WIKINEWS}): nothing to measure")
        return 0
    gold = yaml.safe_load((STORIES / "gold.yaml").read_text(encoding="utf-8"))
    events = {n: load_jsonl(STORIES / f"{n}.jsonl") for n in gold if gold[n].get("source") != BUNDLED}
    events[BUNDLED] = Corpus(REPO / "articles").load_all()[0]
    if args.events:
        from story_events import EVAL, load_events

        if not (EVAL / "split.yaml").is_file():
            print(f"story events absent ({EVAL}): measuring without them")
        else:
            more, splits = load_events()
            events.update({n: arts for n, arts in more.items() if splits[n] == "tune"})
    totals: Counter[str] = Counter()
    whole: Counter[str] = Counter()
    print("| corpus | looked at while tuning | events not whole or not pure |\n|---|---|---|")
    for name, split, evs, unrelated in variants(events, load_jsonl(WIKINEWS), range(args.seeds)):
        found = faults(evs, unrelated)
        totals[split] += 1
        whole[split] += not found
        print(f"| {name} | {split} | {'; '.join(found) or 'none'} |")
    print("\nCorpora with every event whole and pure: " + ", ".join(f"{s}: {whole[s]}/{totals[s]}" for s in totals))
    return 0


if __name__ == "__main__":
    sys.exit(main())
