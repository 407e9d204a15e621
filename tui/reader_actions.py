"""The reader's work after the first frame: indexing, live search, match stepping, comparison,
export and the palette's system commands.

Imported on first use (tui.app delegates to these functions), so compiling and loading it is not
part of the reader's first frame. Every function takes the app and runs where its ReaderApp method
would: workers' bodies in their thread (they only post messages), the rest on the main thread."""

from __future__ import annotations

import time
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.worker import get_current_worker

from .app import DETAILED_HITS, EXPORT_FILE, SEARCH_DEBOUNCE, SEARCH_LIMIT
from .messages import IndexProgress, IndexReady, SearchResults
from .widgets.article_list import LazyEntries, ListEntry, entry_for, one_line, plural

if TYPE_CHECKING:
    from .app import ReaderApp
    from .corpus.figures import Figure
    from .corpus.model import Article
    from .messages import FiguresReady


# -- workers' bodies (in their threads) -------------------------------------------------------
def build_index(app: ReaderApp, articles: list[Article], figures: dict[str, list[Figure]] | None) -> None:
    def progress(done: int, total: int) -> None:
        app.post_message(IndexProgress(done, total))

    try:
        from .search.engine import SearchIndex

        index = SearchIndex(app.corpus_dir, app.index_dir)
        try:
            report = index.update(articles, progress=progress, figures=figures or None)
        except TypeError:  # an engine without the figures shortcut
            report = index.update(articles, progress=progress)
    except Exception as e:
        app.post_message(IndexReady(None, error=str(e) or type(e).__name__))
        return
    app.post_message(IndexReady(index, report))


def run_search(app: ReaderApp, query: str) -> None:
    worker = get_current_worker()
    time.sleep(SEARCH_DEBOUNCE)  # a newer keystroke cancels this worker meanwhile
    if worker.is_cancelled or app.index is None:
        return
    from .search.engine import QueryError

    started = time.perf_counter()
    total = None
    try:
        results = app.index.search_results(query, limit=SEARCH_LIMIT, prefix_last=True)
        hits, total = results.hits, results.total
        for hit in hits[:DETAILED_HITS]:  # snippets and offsets of the first screenful, here in the worker
            _ = hit.matches  # a lazy property: computed here, off the UI thread
    except QueryError as e:
        app.post_message(SearchResults(query, [], error=str(e)))
        return
    except Exception as e:
        app.post_message(SearchResults(query, [], error=f"search failed: {e}"))
        return
    if not worker.is_cancelled:
        app.post_message(SearchResults(query, hits, seconds=time.perf_counter() - started, total=total))


# -- corpus, figures and index arrive ---------------------------------------------------------
async def adopt_loaded(app: ReaderApp, shown: Article | None) -> None:
    """Swap the open article for its freshly loaded copy (the one the figures point into)."""
    fresh = app.by_id.get(shown.id) if shown else None
    if fresh is None or shown is fresh:
        return
    if fresh.text == shown.text:
        app.reader.article = fresh
        return
    offset = app.reader.first_visible_offset()  # changed on disk (an ingest): show the new text
    app.reader.article = None
    await app.open_article(fresh.id, top_offset=offset)


def figures_ready(app: ReaderApp, message: FiguresReady) -> None:
    if message.error:
        app.notify(message.error, severity="error", markup=False)
    app.figures_by_article = message.figures_by_article
    app.groups = {g.id: g for g in message.groups}
    app.article_list.set_figure_counts({k: len(v) for k, v in message.figures_by_article.items()})
    app._show_current_figures()
    reader = app.reader
    reader.highlight(figures=app._figure_spans(), sentence=reader.sentence, current_match=reader.current_match)
    app.status.say(f"{len(app.articles)} articles · indexing…")
    app.build_index(app.articles, message.figures_by_article)


def index_progress(app: ReaderApp, message: IndexProgress) -> None:
    app.status.progress(message.done, message.total)
    app.status.say(f"{len(app.articles)} articles · indexing {message.done}/{message.total}")


def index_ready(app: ReaderApp, message: IndexReady) -> None:
    app.status.hide_progress()
    if message.index is None:
        app.index_error = message.error
        app.status.say(f"{len(app.articles)} articles · search unavailable: {message.error}")
        app.search_bar.set_status(f"search unavailable: {message.error}", error=True)
        return
    app.index, app.index_error = message.index, None
    note = message.report.message if message.report and message.report.message else "index ready"
    app.status.say(f"{len(app.articles)} articles · {note}")
    if app.query_text:
        app.run_search(app.query_text)


async def show_figure(app: ReaderApp, figure: Figure) -> None:
    """Open the figure's article with its sentence highlighted and centred."""
    await app.open_article(figure.article_id, sentence=(figure.sentence_start, figure.sentence_end))
    panel = app.figures_panel
    if figure in panel.figures:
        panel.highlighted = panel.figures.index(figure)


# -- search -----------------------------------------------------------------------------------
def query_changed(app: ReaderApp, value: str) -> None:
    app.query_text = value.strip()
    if not app.query_text:
        app.workers.cancel_group(app, "search")
        clear_search(app)
        return
    if app.index is None:
        if app.index_error:  # not "Indexing…" forever: say why there are no results
            app.search_bar.set_status(f"search unavailable: {app.index_error}", error=True)
        else:
            app.search_bar.set_status("Indexing… results appear when the index is ready")
        return
    app.search_bar.set_status("Searching…")
    app.run_search(app.query_text)


async def query_submitted(app: ReaderApp) -> None:
    if not app.query_text:
        return
    if app.hits and app.hits_query == app.query_text:
        await open_best_hit(app)
    else:  # results for this query are still on their way
        app._open_best_when_ready = True


async def show_results(app: ReaderApp, message: SearchResults) -> None:
    if message.query != app.query_text:
        return  # typed on since this search started
    if message.error:
        app.search_bar.set_status(message.error, error=True)
        return
    app.hits = [h for h in message.hits if h.article_id in app.by_id]
    app.hits_query = message.query
    entries = LazyEntries(app.hits, lambda hit: hit_entry(app, hit), key=lambda h: h.article_id)
    app.article_list.set_entries(entries, searching=True, empty_message=f"No article matches {message.query!r}")
    count = len(app.hits)
    more = message.total is not None and message.total > count
    articles = f"{count} of {message.total} articles" if more else plural(count, "article")
    if count <= DETAILED_HITS:  # counting every match of a long list would re-read every article
        articles += f" · {plural(sum(len(h.matches) for h in app.hits), 'match', 'matches')}"
    app.search_bar.set_status(articles)
    app.article_list.border_title = f"Articles ({count} of {len(app._listed)})"
    app.match_position = None
    reader = app.reader
    reader.highlight(matches=app._match_spans(), sentence=reader.sentence)
    if app._open_best_when_ready:
        app._open_best_when_ready = False
        await open_best_hit(app)


def hit_entry(app: ReaderApp, hit) -> ListEntry:
    entry = entry_for(app.by_id[hit.article_id])
    entry.hits = len(hit.matches)
    entry.snippet = one_line(hit.snippet or "")
    if entry.snippet == (hit.snippet or "").replace("\n", " "):  # offsets still valid
        entry.snippet_marks = list(getattr(hit, "snippet_marks", []))
    return entry


def clear_search(app: ReaderApp) -> None:
    app.hits = []
    app.hits_query = ""
    app.match_position = None
    app._open_best_when_ready = False
    app.search_bar.set_status("")
    app.article_list.set_entries(app._listed_entries or [], empty_message=app._empty_corpus_message())
    app.article_list.border_title = f"Articles ({len(app._listed)})"
    reader = app.reader
    reader.highlight(matches=[], sentence=reader.sentence)


async def open_best_hit(app: ReaderApp) -> None:
    if not app.hits:
        return
    best = app.hits[0]
    if best.matches:
        await goto_match(app, best.article_id, 0)
    else:
        await app.open_article(best.article_id)
    app.reader.focus()


async def goto_match(app: ReaderApp, article_id: str, position: int) -> None:
    hit = next((h for h in app.hits if h.article_id == article_id), None)
    matches = app._sorted_matches(hit)
    if not matches:
        return
    position %= len(matches)
    match = matches[position]
    article = app.by_id[article_id]
    sentence = None
    if match.sentence is not None and 0 <= match.sentence < len(article.sentences):
        span = article.sentences[match.sentence]
        sentence = (span.start, span.end)
    await app.open_article(article_id, sentence=sentence, current_match=(match.start, match.end))
    app.match_position = position
    app.article_list.cursor = app.article_list.index_of(article_id) or 0


async def step_match(app: ReaderApp, direction: int) -> None:
    """n / N: the next (previous) match here, else the first (last) match of the next article."""
    hit = app._current_hit()
    matches = app._sorted_matches(hit)
    if matches:
        position = app.match_position
        nxt = (0 if direction > 0 else len(matches) - 1) if position is None else position + direction
        if 0 <= nxt < len(matches):
            await goto_match(app, hit.article_id, nxt)
            return
    current = app.reader.article.id if app.reader.article else None
    target = next_hit_with_matches(app.hits, current, direction)
    if target is None:
        app.notify("No search matches: press / to search", timeout=3)
        return
    await goto_match(app, target.article_id, 0 if direction > 0 else -1)


def next_hit_with_matches(hits: list, current: str | None, direction: int):
    """The hit after (before) `current` with matches in its text, wrapping round. A hit's matches
    are worked out when first asked for, so stepping reads the next few articles, not the list."""
    ids = [h.article_id for h in hits]
    here = ids.index(current) if current in ids else (-1 if direction > 0 else len(hits))
    for step in range(1, len(hits) + 1):
        hit = hits[(here + direction * step) % len(hits)]
        if hit.matches:
            return hit
    return None


# -- comparison, export, palette --------------------------------------------------------------
def compare(app: ReaderApp) -> None:
    from .screens.compare import CompareScreen

    figure = app.figures_panel.highlighted_figure
    if figure is None:
        app.notify("Highlight a figure first (press f)", timeout=3)
        return

    async def opened(chosen: Figure | None) -> None:
        if chosen is not None:
            await app.show_figure(chosen)

    app.push_screen(CompareScreen(figure, app.groups, app.by_id), opened)


def export_figures(app: ReaderApp) -> None:
    import json

    from .atomic import write_text_atomic

    if app.figures_by_article is None:
        app.notify("Figures are still being extracted", timeout=3)
        return
    path = Path.cwd() / EXPORT_FILE
    data = {
        "corpus": str(app.corpus_dir),
        "figures": [f.to_dict() for figures in app.figures_by_article.values() for f in figures],
        "groups": [
            {
                "id": g.id,
                "label": g.label,
                "kind": g.kind,
                "value": g.value,
                "counts": g.counts,
                "outlets": g.outlets,
                "discrepancy": g.discrepancy,
                "related": g.related,
                "members": [[m.article_id, m.start, m.end] for m in g.members],
            }
            for g in app.groups.values()
        ],
    }
    try:
        write_text_atomic(path, json.dumps(data, ensure_ascii=False, indent=1))
    except OSError as e:
        app.notify(f"Could not export figures: {e.strerror or e}", severity="error", markup=False)
        return
    app.notify(f"Exported {len(data['figures'])} figures to {path}", markup=False)


def system_commands(app: ReaderApp):
    yield SystemCommand(
        "Toggle article list", "Hide or show the article list (F2)", lambda: app.action_toggle_panel("articles")
    )
    yield SystemCommand(
        "Toggle figures panel", "Hide or show the figures panel (F3)", lambda: app.action_toggle_panel("figures")
    )
    yield SystemCommand("Export figures", f"Write every figure and group to ./{EXPORT_FILE}", app.action_export_figures)
    yield SystemCommand(
        "Reload corpus", "Read the articles again (after an ingest) and update the index", app.action_reload
    )
    yield SystemCommand("Help", "Keys and the query language", app.action_help)
