"""Stories and claims measured: figure -> claim against hand-made gold, stories on a mixed corpus, relations,
and time at 1k/10k/100k articles. Prints Markdown tables (pasted into docs/claims.md).

    python benchmarks/claims.py                     # quality + scale 1000,10000
    python benchmarks/claims.py --scale 1000,10000,100000 --workers 2
    python benchmarks/claims.py --scale '' --explain libya,herat   # what a tuning event misses (held-out refused)
    python benchmarks/claims.py --scale "" --heldout  # held-out events scored too: once, with final rules
    python benchmarks/claims.py --scale "" --heldout --events pokhara  # one held-out event alone

Real reports (third-party text) are read from $KURSK_STORIES_DIR or /work/local-data/stories/ (never the
repository): one <event>.jsonl per event ({id, url, outlet, published, title, text} a line) and gold.yaml
(figure -> claim, relation per claim, tune/heldout split). Without them only the scale part runs.

B-cubed over every figure extracted from an event's reports: a figure's gold cluster is its annotated claim
(or itself alone); its predicted cluster is its claim (or itself alone). "merged facts" counts predicted
claims that hold figures of two annotated claims; "sharing a number" those where the two share a value.
"disagree flags right" is the share of predicted "outlets disagree" claims whose annotated fact is a disagreement
(summed per split below the table); "annotated disagreements flagged" the converse.
Stories are judged on a corpus of the events, the bundled reports and the Wikinews articles together."""

from __future__ import annotations

import argparse
import json
import os
import pickle
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO), str(REPO / "benchmarks")]

from tui.corpus.claims import Analysis, analyse_corpus  # noqa: E402
from tui.corpus.figures import Figure, extract_figures  # noqa: E402
from tui.corpus.ingest import segment  # noqa: E402
from tui.corpus.model import Article, Paragraph  # noqa: E402
from tui.corpus.store import Corpus  # noqa: E402

STORIES = Path(os.environ.get("KURSK_STORIES_DIR", "/work/local-data/stories"))
WIKINEWS = REPO.parent / "shared" / "corpora" / "wikinews_en_2019_2020.jsonl"
BUNDLED = "bundled"


def article_of(doc: dict) -> Article:
    texts = [p.strip() for p in str(doc["text"]).split("\n") if p.strip()]
    return Article(
        str(doc["id"]),
        str(doc.get("title") or ""),
        False,
        doc.get("outlet") or doc.get("source"),
        doc.get("url"),
        None,
        doc.get("published") or doc.get("date"),
        "",
        "",
        [Paragraph(t) for t in texts],
        segment(texts),
    )


def load_jsonl(path: Path) -> list[Article]:
    return [article_of(json.loads(line)) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def figure_keys(figures: list[Figure]) -> dict[str, Figure]:
    """ "doc:surface" and "doc:surface#n" for the n-th occurrence, as gold.yaml names figures."""
    out, seen = {}, Counter[tuple[str, str]]()
    for f in figures:
        seen[(f.article_id, f.surface)] += 1
        n = seen[(f.article_id, f.surface)]
        out[f"{f.article_id}:{f.surface}" + (f"#{n}" if n > 1 else "")] = f
    return out


# -- quality ----------------------------------------------------------------------------------------


def bcubed(gold: dict[str, str], predicted: dict[str, str]) -> tuple[float, float, float]:
    """Figure key -> cluster id maps over the same keys."""
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for k, g in gold.items():
        by_gold[g].add(k)
    for k, p in predicted.items():
        by_pred[p].add(k)
    precision = statistics.mean(
        len(by_pred[predicted[k]] & by_gold[gold[k]]) / len(by_pred[predicted[k]]) for k in gold
    )
    recall = statistics.mean(len(by_pred[predicted[k]] & by_gold[gold[k]]) / len(by_gold[gold[k]]) for k in gold)
    return precision, recall, 2 * precision * recall / (precision + recall)


def event_scores(name: str, spec: dict, analysis: Analysis, articles: list[Article]) -> dict[str, object]:
    figures = [f for a in articles for f in analysis.figures[a.id]]
    keys = figure_keys(figures)
    claim_of_figure = {(f.article_id, f.start): c.id for c in analysis.claims for v in c.values for f in v.figures}
    gold, annotated, missing = {}, {}, 0
    for claim, body in spec["claims"].items():
        for key in body["figures"]:
            if key in keys:
                annotated[key] = claim
            else:
                missing += 1
    for key in keys:
        gold[key] = annotated.get(key, f"alone:{key}")
    predicted = {k: claim_of_figure.get((f.article_id, f.start), f"alone:{k}") for k, f in keys.items()}
    p, r, f1 = bcubed(gold, predicted)
    members = defaultdict(set)
    for k, c in predicted.items():
        if k in annotated:
            members[c].add(annotated[k])
    merged = [c for c, g in members.items() if len(g) > 1]
    values = {claim: {keys[k].value for k in body["figures"] if k in keys} for claim, body in spec["claims"].items()}
    sharing = [c for c in merged if any(values[a] & values[b] for a in members[c] for b in members[c] if a < b)]
    return {
        "event": name,
        "split": spec.get("split", "tune"),
        "reports": len(articles),
        "figures": len(keys),
        "annotated": len(annotated),
        "gold missing": missing,
        "P": p,
        "R": r,
        "F1": f1,
        "merged facts": len(merged),
        "sharing a number": len(sharing),
        **relation_scores(spec, analysis, keys, annotated, claim_of_figure),
    }


def relation_scores(spec, analysis: Analysis, keys, annotated, claim_of_figure) -> dict[str, object]:
    """Each gold claim with two or more values against the predicted claim holding most of its figures;
    each predicted "disagree" against the gold claim most of its annotated figures belong to."""
    by_id = {c.id: c for c in analysis.claims}
    right = total = disputes = disputes_flagged = 0
    for body in spec["claims"].values():
        figs = [keys[k] for k in body["figures"] if k in keys]
        if len({f.value for f in figs}) < 2:
            continue
        votes = Counter(claim_of_figure.get((f.article_id, f.start)) for f in figs)
        best = votes.most_common(1)[0][0]
        total += 1
        right += bool(best and by_id[best].relation == body["relation"])
        if body["relation"] == "disagree":
            disputes += 1
            disputes_flagged += bool(best and by_id[best].relation == "disagree")
    flagged = flagged_right = 0
    event_articles = {f.article_id for f in keys.values()}
    key_of = {(f.article_id, f.start): k for k, f in keys.items()}
    for c in analysis.claims:
        if c.relation != "disagree" or not set(c.article_ids) & event_articles:
            continue
        flagged += 1
        gold = Counter(annotated.get(key_of.get((f.article_id, f.start), ""), "") for v in c.values for f in v.figures)
        gold.pop("", None)
        if gold and spec["claims"][gold.most_common(1)[0][0]]["relation"] == "disagree":
            flagged_right += 1
    return {
        "relations right": f"{right}/{total}",
        "disagree flags right": f"{flagged_right}/{flagged}",
        "annotated disagreements flagged": f"{disputes_flagged}/{disputes}",
    }


def flag_totals(rows: list[dict[str, object]]) -> str:
    """ "disagree flags right" summed over events, per split and over all."""
    sums: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in rows:
        right, flagged = (int(x) for x in str(r["disagree flags right"]).split("/"))
        for split in (str(r["split"]), "all"):
            sums[split][0] += right
            sums[split][1] += flagged
    return "; ".join(
        f"{split}: {right}/{flagged}" + (f" ({100 * right / flagged:.0f}%)" if flagged else "")
        for split, (right, flagged) in sums.items()
    )


def target_totals(rows: list[dict[str, object]]) -> str:
    """Per split: events at F1 >= 0.90, and merged facts (those sharing a number) summed."""
    by_split: dict[str, list[dict[str, object]]] = defaultdict(list)
    for r in rows:
        by_split[str(r["split"])].append(r)
        by_split["all"].append(r)
    return "; ".join(
        f"{split}: F1 >= 0.90 in {sum(float(str(r['F1'])) >= 0.90 for r in rs)}/{len(rs)} events, "
        f"{sum(int(str(r['merged facts'])) for r in rs)} merged facts "
        f"({sum(int(str(r['sharing a number'])) for r in rs)} sharing a number)"
        for split, rs in by_split.items()
    )


def story_scores(analysis: Analysis, events: dict[str, list[Article]]) -> list[dict[str, object]]:
    event_of = {a.id: name for name, arts in events.items() for a in arts}
    rows = []
    for name, arts in events.items():
        ids = {a.id for a in arts}
        stories = Counter(analysis.stories.story_of(a) for a in ids)
        main, count = stories.most_common(1)[0]
        story = analysis.stories.get(main or "")
        members = story.article_ids if story else []
        foreign = [a for a in members if event_of.get(a) != name]
        rows.append(
            {
                "event": name,
                "reports": len(ids),
                "stories it falls in": len(stories),
                "completeness": count / len(ids),
                "purity": (len(members) - len(foreign)) / len(members) if members else 0.0,
                "foreign reports": len(foreign),
            }
        )
    return rows


def cross_story_links(analysis: Analysis, events: dict[str, list[Article]]) -> int:
    """Claims holding a report of one of the events and a report from outside it."""
    event_of = {a.id: name for name, arts in events.items() for a in arts}
    return sum(
        1
        for c in analysis.claims
        if any(a in event_of for a in c.article_ids) and len({event_of.get(a, "other") for a in c.article_ids}) > 1
    )


# -- scale ------------------------------------------------------------------------------------------


def scale_rows(sizes: list[int], workers: int) -> list[dict[str, object]]:
    from scale_corpus import make_articles

    from tui.commands.common import paused_gc
    from tui.corpus.claims import build_claims
    from tui.corpus.groups import group_figures
    from tui.corpus.stories import build_stories

    rows = []
    for n in sizes:
        articles = make_articles(n)
        t0 = time.perf_counter()
        figures = cached_figures(articles, workers)
        t1, c1 = time.perf_counter(), time.process_time()
        with paused_gc():  # as analyse_corpus does
            stories = build_stories(articles)
            t2 = time.perf_counter()
            groups = group_figures(articles, figures, stories)
            claims = build_claims(articles, groups)
        t3, c3 = time.perf_counter(), time.process_time()
        analysis = Analysis(figures, groups, stories, claims, {a.id: a for a in articles})
        more = make_articles(n + 6)[-6:]  # new articles, one at a time: the first also indexes groups by story
        adds = []
        for k, extra in enumerate(more):
            extra.id = f"added-article-{k}"
            t4 = time.perf_counter()
            analysis.add_article(extra)
            adds.append(time.perf_counter() - t4)
        rows.append(
            {
                "articles": n,
                "figures (s)": t1 - t0,
                "stories (s)": t2 - t1,
                "groups + claims (s)": t3 - t2,
                "stories + claims (s)": t3 - t1,
                "same, CPU (s)": c3 - c1,
                "first added article (s)": adds[0],
                "one more article, median (s)": statistics.median(adds[1:]),
                "stories": len(stories.stories()),
                "claims": len(claims),
            }
        )
        print(f"  scale {n}: done", file=sys.stderr)
    return rows


def cached_figures(articles: list[Article], workers: int) -> dict[str, list[Figure]]:
    """Figures of the synthetic corpus, kept between runs under $KURSK_CLAIMS_FIGURES_CACHE when set (their
    extraction is timed only when not cached: it is the figures benchmark's business)."""
    folder = os.environ.get("KURSK_CLAIMS_FIGURES_CACHE")
    if not folder:
        return extract_all(articles, workers)
    path = Path(folder) / f"figures-{len(articles)}.pickle"
    if path.is_file():
        with path.open("rb") as fh:
            return pickle.load(fh)  # written by this benchmark, in a folder the user names
    figures = extract_all(articles, workers)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as fh:
        pickle.dump(figures, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return figures


def extract_all(articles: list[Article], workers: int) -> dict[str, list[Figure]]:
    if workers <= 1:
        return {a.id: extract_figures(a) for a in articles}
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers) as pool:
        results = pool.map(extract_figures, articles, chunksize=256)
        return {a.id: figs for a, figs in zip(articles, results, strict=True)}


# -- output -----------------------------------------------------------------------------------------


def table(rows: list[dict[str, object]]) -> str:
    if not rows:
        return "(none)"
    cols = list(rows[0])
    lines = ["| " + " | ".join(cols) + " |", "|" + "|".join("---" for _ in cols) + "|"]
    for r in rows:
        lines.append("| " + " | ".join(_cell(r[c]) for c in cols) + " |")
    return "\n".join(lines)


def _cell(v: object) -> str:
    return f"{v:.3f}" if isinstance(v, float) else str(v)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", default="1000,10000", help="comma-separated corpus sizes to time ('' for none)")
    ap.add_argument("--workers", type=int, default=2, help="processes for figure extraction at scale")
    ap.add_argument(
        "--heldout",
        action="store_true",
        help="also score the held-out events (do it once, with final rules: a number seen while tuning is tuning)",
    )
    ap.add_argument(
        "--events", default="", help="comma-separated events to score (default: all; held-out ones need --heldout)"
    )
    ap.add_argument(
        "--explain", default="", help="comma-separated tuning events whose misses to list (held-out ones refused)"
    )
    args = ap.parse_args()
    gold_path = STORIES / "gold.yaml"
    explain = [e for e in args.explain.split(",") if e]
    if gold_path.is_file():
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        refused = [e for e in explain if e not in gold or gold[e].get("split") == "heldout"]
        if refused:
            print(f"--explain: not a tuning event: {', '.join(refused)} (held-out misses are not for reading)")
            return 2
        quality(explain, args.heldout, [e for e in args.events.split(",") if e])
    else:
        print(f"No collected stories at {STORIES} (set KURSK_STORIES_DIR): quality part skipped.\n")
    sizes = [int(s) for s in args.scale.split(",") if s.strip()]
    if sizes:
        print("### Time (synthetic corpus of benchmarks/scale_corpus.py)\n")
        print(table(scale_rows(sizes, args.workers)))
    return 0


def explanation(spec: dict, analysis: Analysis, articles: list[Article]) -> str:
    """Each annotated claim whose figures are split or whose relation is wrong, and each predicted claim holding
    two annotated facts, with the figures (doc:surface) and their annotated claim."""
    keys = figure_keys([f for a in articles for f in analysis.figures[a.id]])
    key_of = {(f.article_id, f.start): k for k, f in keys.items()}
    annotated = {k: claim for claim, body in spec["claims"].items() for k in body["figures"]}
    by_id = {c.id: c for c in analysis.claims}
    claim_of = {(f.article_id, f.start): c.id for c in analysis.claims for v in c.values for f in v.figures}

    def members(claim_id: str) -> str:
        figs = [key_of.get((f.article_id, f.start), "?") for v in by_id[claim_id].values for f in v.figures]
        return ", ".join(f"{k} [{annotated.get(k, '-')}]" for k in figs)

    lines = []
    for claim, body in spec["claims"].items():
        predicted = Counter(
            claim_of.get((keys[k].article_id, keys[k].start), f"alone:{k}") for k in body["figures"] if k in keys
        )
        best = predicted.most_common(1)[0][0] if predicted else ""
        relation = by_id[best].relation if best in by_id else "-"
        if len(predicted) > 1 or relation != body["relation"]:
            lines.append(f"- {claim}: annotated {body['relation']}, predicted {relation}")
            lines.extend(f"  - {p}: {members(p) if p in by_id else p}" for p in predicted)
    for c in analysis.claims:
        facts = {
            annotated[k] for v in c.values for f in v.figures if (k := key_of.get((f.article_id, f.start))) in annotated
        }
        if len(facts) > 1:
            lines.append(f"- merged ({c.relation}): {members(c.id)}")
    return "\n".join(lines) or "(nothing)"


def quality(explain: list[str], heldout: bool, only: list[str]) -> None:
    gold = yaml.safe_load((STORIES / "gold.yaml").read_text(encoding="utf-8"))
    bundled, _ = Corpus(REPO / "articles").load_all()
    collected = [name for name in gold if gold[name].get("source") != BUNDLED]
    events = {name: load_jsonl(STORIES / f"{name}.jsonl") for name in collected}
    wikinews = load_jsonl(WIKINEWS) if WIKINEWS.is_file() else []
    everything = [a for arts in events.values() for a in arts] + bundled + wikinews
    t0 = time.perf_counter()
    mixed = analyse_corpus(everything)
    elapsed = time.perf_counter() - t0
    print(
        f"Mixed corpus: {len(everything)} articles ({len(wikinews)} Wikinews, {len(bundled)} bundled), "
        f"{elapsed:.1f} s\n"
    )
    print("### Figure -> claim (B-cubed), relations, per event (mixed corpus)\n")
    scored = {**events, BUNDLED: bundled}
    shown = [name for name in gold if (heldout or gold[name].get("split") != "heldout") and (not only or name in only)]
    if len(shown) < len(gold) and not only:
        print(f"(held-out events not scored: {', '.join(n for n in gold if n not in shown)}; --heldout scores them)\n")
    rows = [event_scores(name, gold[name], mixed, scored[name]) for name in shown]
    print(table(rows))
    print(f'\n"outlets disagree" flags right: {flag_totals(rows)}')
    print(f"\nTargets: {target_totals(rows)}")
    for name in explain:
        print(f"\n### Why: {name}\n")
        print(explanation(gold[name], mixed, scored[name]))
    print("\n### Stories on the mixed corpus\n")
    print(table(story_scores(mixed, {**events, BUNDLED: bundled})))
    print(
        f"\nClaims linking reports of two events (or an event and unrelated news): "
        f"{cross_story_links(mixed, {**events, BUNDLED: bundled})}\n"
    )


if __name__ == "__main__":
    sys.exit(main())
