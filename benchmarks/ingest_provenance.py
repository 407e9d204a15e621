"""Outlet, headline and date of real reports, and ingest speed: the targets of issue 13.

    python benchmarks/ingest_provenance.py [--data DIR] [--pages N] [--no-speed]

Reads DIR (default $KURSK_BENCH_DATA/provenance, else /work/local-data/provenance; third-party
pages are never in the repository):
- labels.jsonl: one report a line, hand-labelled: {set, id, url, split: tuning|held-out,
  outlet: [accepted names], title: [accepted headlines], dates: [accepted days] | [] (no date
  stated) | null (not labelled); optional text_dates: the days a text dump itself shows as the
  report's date, set by reading it where a plain search misleads ([]: the dump's only dates are
  tweets', comments' or links'; a day other than `dates`: the page shows an unlabelled update day)};
- aeb_html/<id>.html: the saved pages (scrapinghub/article-extraction-benchmark, MIT; the pages
  are third-party content) and ../shared/peer/cleaning/aeb_pairs_en.jsonl: the same pages as text
  dumps; excerpts/<id>.txt: report excerpts collected as text, with their url in labels.jsonl.

Prints, per input path and split: outlet right, headline right, captions as titles, dates read
(right), wrong dates, dates missed; then pages/s for 1,000 saved HTML pages and seconds for a
50-entry feed from a local server. Every ingest here runs in a temporary corpus."""

from __future__ import annotations

import argparse
import calendar
import json
import os
import re
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO)]

from tui.corpus.ingest import ingest  # noqa: E402
from tui.corpus.inputs import Input  # noqa: E402
from tui.corpus.model import Article  # noqa: E402
from tui.corpus.provenance import Known  # noqa: E402
from tui.corpus.store import Corpus  # noqa: E402
from tui.corpus.titles import is_caption  # noqa: E402

PEER_PAIRS = REPO.parent / "shared" / "peer" / "cleaning" / "aeb_pairs_en.jsonl"


def data_dir(option: str | None) -> Path:
    if option:
        return Path(option)
    if env := os.environ.get("KURSK_BENCH_DATA"):
        return Path(env) / "provenance"
    return Path("/work/local-data/provenance")


def norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def outlet_norm(text: str | None) -> str:
    if text and "." in text and " " not in text.strip():  # a domain: its main label names the site
        labels = [x for x in text.lower().split(".") if x not in {"www", "com", "co", "org", "net", "gov"}]
        labels = labels[:-1] if len(labels) > 1 and len(labels[-1]) == 2 else labels  # a country code
        if labels and not text.lower().endswith((".blogspot.com", ".wordpress.com")):
            text = labels[-1]
    t = norm(text).removeprefix("the ")
    return re.sub(r"\s+(com|co uk|net|org|in|ca)$", "", t).replace(" ", "")


@dataclass
class Tally:
    outlet_n: int = 0
    outlet_ok: int = 0
    outlet_wrong: int = 0  # another outlet named (worse than none)
    title_n: int = 0
    title_ok: int = 0
    title_missing: int = 0  # derived from the first sentence though the page shows a headline
    captions: int = 0
    dated: int = 0
    date_ok: int = 0
    date_wrong: int = 0
    date_missing: int = 0  # a stated date not read
    date_wrong_day: int = 0  # judged by the day as written, whatever its zone
    undated_n: int = 0
    skipped: int = 0
    wire_n: int = 0
    wire_ok: int = 0
    shown_day: int = 0  # dumps read as the day they show, not the metadata's (text_dates)
    outlet_unnamed: int = 0  # text without url that names none of the accepted outlet names
    outlet_unnamed_ok: int = 0  # ... and still got it right (from another cue: a credit, a dateline)
    misses: list[str] = field(default_factory=list)
    ident: str = ""

    def miss(self, line: str) -> None:
        self.misses.append(f"{line}  [{self.ident}]")

    def add(
        self, label: dict, a: Article | None, show: bool, text: str | None = None, check_stated: bool = True
    ) -> None:
        self.ident = label["id"][:16]
        if a is None:
            self.skipped += 1
            return
        if label["outlet"] is not None and text is not None and not label["url"] and not names_outlet(label, text):
            self.outlet_unnamed += 1  # pasted text that names its site nowhere: outside the outlet target
            self.outlet_unnamed_ok += outlet_norm(a.outlet) in {outlet_norm(o) for o in label["outlet"]}
        elif label["outlet"] is not None:  # None: not labelled (a set whose labels name no site)
            self.outlet_n += 1
            ok = outlet_norm(a.outlet) in {outlet_norm(o) for o in label["outlet"]}
            self.outlet_ok += ok
            self.outlet_wrong += not ok and a.outlet is not None
            if not ok and show:
                self.miss(f"outlet {a.outlet!r} want {label['outlet'][0]!r}  ({label['url'][:70]})")
        self.title_n += 1
        if not label["title"]:  # the page states no headline: deriving one is right, picking a line is not
            self.title_ok += a.title_derived
            if show and not a.title_derived:
                self.miss(f"title {a.title[:70]!r} want none (derived)")
        elif not a.title_derived and norm(a.title) in {norm(t) for t in label["title"]}:
            self.title_ok += 1
        elif a.title_derived:
            self.title_missing += 1
        if label["title"] and (a.title_derived or norm(a.title) not in {norm(t) for t in label["title"]}) and show:
            self.miss(f"title {a.title[:70]!r} want {label['title'][0][:60]!r}")
        self.captions += is_caption(a.title) and not a.title_derived
        if "wire" in label:
            self.wire_n += 1
            wires = label["wire"] if isinstance(label["wire"], list) else [label["wire"]]
            if outlet_norm(a.wire) in {outlet_norm(w) for w in wires}:
                self.wire_ok += 1
            elif show:
                self.miss(f"wire {a.wire!r} want {label['wire']!r}")
        dates = label["dates"]
        if dates is None:
            return
        got = a.published[:10] if a.published else None
        if text is not None and check_stated and "text_dates" in label:  # read by hand: what the dump itself shows
            shown = label["text_dates"]
            if shown and not set(shown) & set(dates):
                self.shown_day += on_day(a.published, shown)
                dates = shown  # an update day shown unlabelled: the best a reader of the dump can do
            elif not shown:
                self.wrong_unstated(a, dates, show)
                return
        elif dates and text is not None and check_stated and not any(stated(text, label["url"], d) for d in dates):
            # a text dump that does not show its date: reading none is right, any other is wrong
            self.wrong_unstated(a, dates, show)
            return
        if dates:
            self.dated += 1
            self.date_ok += on_day(a.published, dates)
            self.date_missing += a.published is None
        else:
            self.undated_n += 1
        if self.count_wrong(a.published, dates) and show:
            self.miss(f"date {a.published} want {dates or 'none'} ({a.provenance.get('published')})")
        elif got is None and dates and show:
            self.miss(f"date missed, want {dates[0]} ({a.provenance.get('published')})")

    def wrong_unstated(self, a: Article, days: list[str], show: bool) -> None:
        if self.count_wrong(a.published, days) and show:
            self.miss(
                f"date {a.published} want {days} or none: not shown in the dump ({a.provenance.get('published')})"
            )

    def count_wrong(self, published: str | None, days: list[str]) -> bool:
        if published is None:
            return False
        self.date_wrong_day += published[:10] not in days
        wrong = not on_day(published, days)
        self.date_wrong += wrong
        return wrong


EARLIEST_OFFSET, LATEST_OFFSET = timedelta(hours=-12), timedelta(hours=14)  # the zones in use on Earth


def on_day(published: str | None, days: list[str]) -> bool:
    """Whether a published value is on one of the labelled days. A value with a time and a zone is a
    moment, on the labelled day if it is that day somewhere (11:26 pm EST on the 19th is the 20th in
    UTC: pages and labels each write one of the two); a value without a zone is its day as written."""
    if published is None:
        return False
    if published[:10] in days:
        return True
    try:
        moment = datetime.fromisoformat(published)
    except ValueError:
        return False
    if moment.tzinfo is None:
        return False
    utc = moment.astimezone(UTC).replace(tzinfo=None)
    local_days = {(utc + EARLIEST_OFFSET).date().isoformat(), (utc + LATEST_OFFSET).date().isoformat()}
    return bool(local_days & set(days))


MONTHS = list(calendar.month_name)[1:]  # English: Python leaves the C locale alone unless told


def named(text: str, outlets: list[str]) -> bool:
    """Whether a text without url writes one of the outlet's names (letters and digits compared)."""
    haystack = re.sub(r"[^a-z0-9]", "", text.casefold())
    return any(len(k) >= 3 and k in haystack for k in (re.sub(r"[^a-z0-9]", "", o.casefold()) for o in outlets))


def names_outlet(label: dict, text: str) -> bool:
    """Whether a pasted text names its outlet: decided by reading where the labels say so
    (`names_outlet`), else by the plain search of `named`."""
    return label["names_outlet"] if "names_outlet" in label else named(text, label["outlet"])


def stated(text: str, url: str, day: str) -> bool:
    """Whether the day is written in the text or url in a common form (checked by plain string
    search, independent of the parser under test)."""
    y, m, d = day.split("-")
    month = MONTHS[int(m) - 1]
    forms = [day, f"{y}/{m}/{d}", f"{y}{m}{d}", f"{m}/{d}/{y}", f"{d}.{m}.{y}", f"/{y}/{month[:3].lower()}/{d}/"]
    for name in (month, month[:3], month[:3] + ".", month[:4] + "."):
        forms += [f"{name} {int(d)}, {y}", f"{int(d)} {name} {y}", f"{name} {int(d)} {y}", f"{name} {int(d)}th, {y}"]
    haystack = (text + " " + url).casefold()
    return any(f.casefold() in haystack for f in forms)


def pct(k: int, n: int) -> str:
    return f"{100 * k / n:5.1f}% ({k}/{n})" if n else "   -"


def run_path(labels: list[dict], make_input, show: bool, check_stated: bool = True) -> dict[str, Tally]:
    tallies: dict[str, Tally] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for label in labels:
            item = make_input(label, Path(tmp))
            if item is None:
                continue
            corpus = Corpus(Path(tmp) / label["id"][:16], catalog_path=Path(tmp) / f"{label['id'][:16]}.json")
            [result] = ingest(corpus, [item])
            dump = item.where.endswith(".txt")
            text = Path(item.where).read_text(encoding="utf-8") if dump else None
            tallies.setdefault(label["split"], Tally()).add(label, result.article, show, text, check_stated)
    return tallies


def html_input(data: Path):
    def make(label: dict, tmp: Path) -> Input | None:
        page = data / "aeb_html" / f"{label['id']}.html"
        return Input(str(page)) if page.is_file() else None  # a saved page: only what it holds

    return make


def text_input(dumps: dict[str, str], data: Path, folder: str = "excerpts"):
    def make(label: dict, tmp: Path) -> Input | None:
        text = dumps.get(label["id"])
        if text is None:
            excerpt = data / folder / f"{label['id']}.txt"
            text = excerpt.read_text(encoding="utf-8") if excerpt.is_file() else None
        if text is None:
            return None
        path = tmp / f"{label['id'][:16]}.txt"
        path.write_text(text, encoding="utf-8")
        return Input(str(path), Known(url=label["url"]))  # scraped text with the url it came from

    return make


def print_table(rows: list[tuple[str, str, Tally]]) -> None:
    head = f"{'input':<26}{'split':<17}{'outlet right':>18}{'headline right':>18}{'captions':>10}"
    print(head + f"{'date read':>18}{'wrong dates':>13}{'(by day)':>10}{'wire right':>16}{'skipped':>9}")
    for name, split, t in rows:
        print(
            f"{name:<26}{split:<17}{pct(t.outlet_ok, t.outlet_n):>18}{pct(t.title_ok, t.title_n):>18}"
            f"{t.captions:>10}{pct(t.date_ok, t.dated):>18}{t.date_wrong:>13}{t.date_wrong_day:>10}"
            f"{pct(t.wire_ok, t.wire_n):>16}{t.skipped:>9}"
        )
    for name, split, t in rows:
        if t.outlet_unnamed:
            print(f"({name}, {split}: {t.outlet_unnamed} text(s) without url name their outlet nowhere: not counted;")
            everyone = pct(t.outlet_ok + t.outlet_unnamed_ok, t.outlet_n + t.outlet_unnamed)
            print(f"  outlet right over all reports, named or not: {everyone})")
    shown = [(name, split, t.shown_day) for name, split, t in rows if t.shown_day]
    for name, split, k in shown:
        print(f"({name}, {split}: {k} dump(s) read as the day the page shows, not its metadata's: see text_dates)")


def print_right_wrong_missing(rows: list[tuple[str, str, Tally]]) -> None:
    """Right / wrong / missing for each of outlet, headline and date: a wrong value is worse than none."""
    print(f"\n{'input':<26}{'split':<17}{'outlet r/w/m':>14}{'headline r/w/m':>16}{'date r/w/m':>12}")
    for name, split, t in rows:
        title_wrong = t.title_n - t.title_ok - t.title_missing
        outlet = f"{t.outlet_ok}/{t.outlet_wrong}/{t.outlet_n - t.outlet_ok - t.outlet_wrong}"
        title = f"{t.title_ok}/{title_wrong}/{t.title_missing}"
        print(f"{name:<26}{split:<17}{outlet:>14}{title:>16}{f'{t.date_ok}/{t.date_wrong}/{t.date_missing}':>12}")


def distinct_pages(data: Path, n: int) -> list[bytes]:
    """n different real pages: page i % 181 with a marker word added to every long text node
    (" copy-<i>-<j>"), which changes about one word 4-shingle in ten: no two are near-duplicates,
    and each keeps its real weight (menus, scripts, metadata)."""
    pages = [p.read_bytes() for p in sorted((data / "aeb_html").glob("*.html"))]
    return [_marked(pages[i % len(pages)], i) for i in range(n)]


def _marked(page: bytes, i: int) -> bytes:
    parts = re.split(rb"(>[^<]{80,}<)", page)
    return b"".join(p[:-1] + f" copy{i}x{k}<".encode() if k % 2 else p for k, p in enumerate(parts))


def speed_html(data: Path, n: int) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        for i, page in enumerate(distinct_pages(data, n)):
            (folder / f"p{i:04d}.html").write_bytes(page)
        corpus = Corpus(Path(tmp) / "articles", catalog_path=Path(tmp) / "catalog.json")
        cpu0, start = cpu_seconds(), time.perf_counter()
        results = ingest(corpus, [folder])
        wall, cpu = time.perf_counter() - start, cpu_seconds() - cpu0
        added = sum(r.status == "added" for r in results)
        return n / wall, n / cpu * min(os.cpu_count() or 1, 2), added


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (the extraction workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def speed_feed(n: int = 50) -> float:
    sys.path.insert(0, str(REPO))
    from tests.local_server import LocalServer, Response, page

    with LocalServer() as server, tempfile.TemporaryDirectory() as tmp:
        items = ""
        for i in range(n):
            body = [f"Report {i}: officials in district {i} said {i * 13 + 7} homes were damaged by floods on Monday."]
            body.append(f"Crews in district {i} expect repairs to take {i % 9 + 2} weeks, the regional office said.")
            server.routes[f"/news/{i}"] = Response(page(f"Floods damage district {i}", body))
            items += f"<item><title>Floods damage district {i}</title><link>{server.url(f'/news/{i}')}</link></item>"
        feed = f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>'
        server.routes["/feed"] = Response(feed.encode(), headers={"Content-Type": "application/rss+xml"})
        corpus = Corpus(Path(tmp) / "articles", catalog_path=Path(tmp) / "catalog.json")
        start = time.perf_counter()
        results = ingest(corpus, [server.url("/feed")])
        elapsed = time.perf_counter() - start
        assert sum(r.status == "added" for r in results) == n, [r.message for r in results if r.message][:3]
        return elapsed


def page_set_rows(
    folder: Path, name: str, show: bool, show_held: bool = False, from_metadata: bool = False
) -> list[tuple[str, str, Tally]]:
    """A set of pages from outlets in none of the other labels (folder/labels.jsonl,
    folder/pages/<id>.txt: text dumps, each with its url; `form` says which input path a page
    takes): `fresh`, labelled before the code ever ran on them, split in two (fresh-tuning, whose
    misses may be read and tuned on, and fresh-untouched, only measured), and `tuning2`, a few
    more pages to find failure classes on; `tuning3`, 87 more AEB pages labelled from their own
    metadata (`from_metadata`: whether a dump states its date is then checked by plain search, as
    for the first 80); `readability`, mozilla/readability's test pages with their maintainers'
    expected title, site name and publication time, in the cleaning benchmark's halves; `fresh2`,
    51 more pages from 51 other sites, labelled before the code ran on them (fresh2-tuning 25,
    fresh2-untouched 26, collected because fresh-untouched had been scored several times), and
    `fresh3`, 7 more tuning pages; `fresh4`, 55 more pages from 55 other sites, labelled before the code ran
    on them (fresh4-tuning 27, fresh4-untouched 28); `fresh5`, 47 more pages from 47 other sites, labelled before
    the code ran on them (fresh5-tuning 24, fresh5-untouched 23), and `fresh5_pasted`, the same texts without
    their url (pasted text; its labels say which texts name their outlet: the outlet target counts those). `show`
    lists the tuning splits' misses, `show_held` the others' (to report, not to tune)."""
    path = folder / "labels.jsonl"
    if not path.is_file():
        print(f"(no {name} set at {path}: its rows are left out)")
        return []
    labels = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = []
    for form, how in (("text", "text + url"), ("html", "saved HTML")):
        subset = [x for x in labels if x.get("form", "text") == form]
        if not subset:
            continue
        make = text_input({}, folder, "pages") if form == "text" else fresh_html_input(folder)
        how = "text, no url" if form == "text" and not any(x["url"] for x in subset) else how
        # labelled by hand from what the text and url state: no second check of whether it is stated
        for split, t in sorted(run_path(subset, make, show or show_held, check_stated=from_metadata).items()):
            rows.append((f"{name} {how}", split, t))
            if show if "tuning" in split else show_held:
                print(f"-- misses, {name} {how}, {split}:", *t.misses, sep="\n   ")
    return rows


def fresh_html_input(fresh: Path):
    def make(label: dict, tmp: Path) -> Input | None:
        page = fresh / "pages" / f"{label['id']}.html"  # with its url, as when fetched
        return Input(str(page), Known(url=label["url"])) if page.is_file() else None

    return make


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data")
    ap.add_argument("--pages", type=int, default=1000)
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--misses", action="store_true", help="list every miss (tuning split only)")
    ap.add_argument(
        "--fresh-misses", action="store_true", help="list fresh-untouched's misses (to report, never to tune on)"
    )
    args = ap.parse_args()
    data = data_dir(args.data)
    labels_path = data / "labels.jsonl"
    if not labels_path.is_file():
        print(f"no labels at {labels_path}: collect pages and labels there first (see the docstring)")
        return 0
    labels = [json.loads(line) for line in labels_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dumps = {}
    if PEER_PAIRS.is_file():
        dumps = {r["id"]: r["raw_text"] for r in map(json.loads, PEER_PAIRS.read_text(encoding="utf-8").splitlines())}
    rows = []
    aeb = [x for x in labels if x["set"] == "aeb"]
    excerpts = [x for x in labels if x["set"] == "pages"]
    paths = [
        ("AEB saved HTML", aeb, html_input(data)),
        ("AEB text + url", aeb, text_input(dumps, data)),
        ("excerpts text + url", excerpts, text_input({}, data)),
    ]
    for name, subset, make in paths:
        if not subset:
            continue
        tallies = run_path(subset, make, args.misses)
        for split, t in tallies.items():
            rows.append((name, split, t))
            if args.misses and split == "tuning":
                print(f"-- misses, {name}, tuning:", *t.misses, sep="\n   ")
    rows += page_set_rows(data / "tuning2", "pages2", args.misses)
    rows += page_set_rows(data / "tuning3", "AEB more", args.misses, from_metadata=True)
    rows += page_set_rows(data / "readability", "readability", args.misses, from_metadata=True)
    rows += page_set_rows(data / "fresh", "fresh", args.misses, args.fresh_misses)
    rows += page_set_rows(data / "fresh2", "fresh2", args.misses, args.fresh_misses)
    rows += page_set_rows(data / "fresh3", "fresh3", args.misses)
    rows += page_set_rows(data / "fresh4", "fresh4", args.misses, args.fresh_misses)
    rows += page_set_rows(data / "fresh5", "fresh5", args.misses, args.fresh_misses)
    rows += page_set_rows(data / "fresh5_pasted", "fresh5", args.misses, args.fresh_misses)
    print_table(rows)
    print_right_wrong_missing(rows)
    if not args.no_speed:
        runs = [speed_html(data, args.pages) for _ in range(3)]
        wall, cpu = statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)
        print(f"\n(added as distinct articles: {min(r[2] for r in runs)} of {args.pages}; the rest folded or skipped)")
        load = os.getloadavg()[0]
        print(f"\ningest of {args.pages} distinct saved HTML pages: {wall:.1f} pages/s wall clock (median of 3,")
        print(
            f"  load average {load:.1f} on {os.cpu_count()} cores); "
            f"CPU time per page allows {cpu:.1f} pages/s on 2 free cores"
        )
        feeds = [speed_feed() for _ in range(3)]
        print(f"50-entry feed from a local server: {statistics.median(feeds):.2f} s (median of 3)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
