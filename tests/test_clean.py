"""The cleaner on the five seed reports, on rules files, and on 161 real pages (peer data)."""

from __future__ import annotations

import json
import statistics
from pathlib import Path

import pytest
from clean_score import char_scores, shingle_scores

from tui.corpus.clean import CleanResult, clean
from tui.corpus.clean_rules import RULES_ENV, RulesError, load_rules
from tui.corpus.sentences import split_sentences
from tui.errors import UserError

RAW_SEEDS = Path(__file__).resolve().parent.parent / "articles" / "raw"

SEED_IDS = [
    "000_11e551bf4783dd65",
    "001_b785a3b4867a5beb",
    "002_c318d53e3bd74e72",
    "003_bea1615d3e04fee1",
    "004_9e90e9fed8845aff",
]


def seed_text(seed_id: str) -> str:
    return (RAW_SEEDS / f"{seed_id}.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def seeds() -> dict[str, CleanResult]:
    return {s[:3]: clean(seed_text(s)) for s in SEED_IDS}


def body(result: CleanResult) -> str:
    return "\n\n".join(p.text for p in result.paragraphs)


def reasons(result: CleanResult) -> dict[int, str]:
    return {r.line: r.reason for r in result.removed}


# --- metadata ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "seed, title, derived, outlet, url_start, author",
    [
        (
            "000",
            "North Korea sends troops to Russia to rebuild Kursk region",
            False,
            "The Times",
            "https://www.theaustralian.com.au/world/the-times/north-korea-sends-troops",
            None,
        ),
        (
            "001",
            "North Korea plans to send military construction workers and deminers to Russia",
            False,
            "Times of India",
            None,
            None,
        ),
        ("002", None, True, None, None, None),
        ("003", None, True, "Moneycontrol", None, None),
        (
            "004",
            "North Korea Will Send 5,000 Workers to Russia, Kremlin Says",
            False,
            "New York Times",
            None,
            "Anton Troianovski",
        ),
    ],
)
def test_seed_metadata(seeds, seed, title, derived, outlet, url_start, author):
    r = seeds[seed]
    if title is not None:
        assert r.title == title
    assert r.title_derived is derived
    assert r.outlet == outlet
    assert (r.url or "").startswith(url_start or "") and (r.url is None) == (url_start is None)
    assert r.author == author
    assert r.published is None  # no seed states a date; "5 hours ago" is not one


@pytest.mark.parametrize("seed", ["002", "003"])
def test_derived_title_is_short_and_taken_from_the_first_sentence(seeds, seed):
    r = seeds[seed]
    stem = r.title.removesuffix("…")
    assert 20 <= len(r.title) <= 111
    assert r.paragraphs[0].text.startswith(stem)
    assert not stem.endswith((" ", ",")) and stem.split()[-1] not in {"the", "to", "of", "has", "and"}


def test_attribution_in_the_body_is_not_the_outlet(seeds):
    assert "the New York Times reported" in seeds["003"].paragraphs[0].text
    assert seeds["003"].outlet == "Moneycontrol"


# --- what is kept and dropped, and why --------------------------------------------------------


def test_000_standfirst_is_the_first_paragraph_and_chrome_is_gone(seeds):
    r = seeds["000"]
    assert r.paragraphs[0].text.startswith("Thousands of soldiers and construction workers")
    why = reasons(r)
    assert why[1] == "site chrome"  # NewsBite
    assert why[3] == "title"
    assert why[7] == why[8] == "caption"  # "Picture: … via AP", twice
    assert why[16].startswith("caption") and why[17].startswith("caption")  # repeated caption
    assert why[27] == "promo link"
    assert why[35] == "outlet line"
    assert {why[37], why[39], why[41]} == {"comment prompt"}
    assert why[43] == "original URL"
    text = body(r)
    for gone in (
        "NewsBite",
        "Picture:",
        "Was it worth it",
        "Add your comment",
        "Original URL",
        "whom President Zelensky",
    ):
        assert gone not in text
    assert "15,000 such labourers" in text and "Korean Central News Agency said." in text
    assert len(r.paragraphs) == 11 and not any(p.heading for p in r.paragraphs)


def test_001_broken_sentence_is_joined_into_one_sentence(seeds):
    r = seeds["001"]
    joined = [p.text for p in r.paragraphs if "Kim Jong Un decided" in p.text]
    assert len(joined) == 1
    assert "said that North Korean leader Kim Jong Un decided to send 1,000 sappers to clear mines" in joined[0]
    sentences = [joined[0][s:e] for s, e in split_sentences(joined[0])]
    assert any("Wrapping up" in s and "1,000 sappers" in s and "5,000 military" in s for s in sentences)
    why = reasons(r)
    assert why[12] == why[13] == "joined broken line"


def test_001_chrome_and_related_tail_are_dropped(seeds):
    r = seeds["001"]
    why = reasons(r)
    assert why[1] == "site chrome" and why[8] == "site chrome"  # logo, AP image
    assert why[2] == "title" and why[4] == "title (repeated)"
    assert why[6] == "outlet and relative time"
    assert why[29] == "ai promo" and why[33] == "comment prompt"
    assert all(why[n] == "related-articles tail" for n in range(37, 84) if n in why)
    assert {37, 50, 63, 76, 78, 83} <= why.keys()
    text = body(r)
    assert "Another Russian state news agency, RIA Novosti, carried a similar report." in text
    for other_story in ("Firstpost", "G7 summit", "division of builders", "DOWNLOAD THE APP", "Orange background"):
        assert other_story not in text
    assert r.paragraphs[-1].text.startswith("In its closed-door briefing")


def test_002_keeps_every_line(seeds):
    r = seeds["002"]
    assert r.removed == []
    assert [p.text for p in r.paragraphs] == [ln for ln in seed_text(SEED_IDS[2]).splitlines() if ln]


def test_003_subheadings_and_footer_plugs(seeds):
    r = seeds["003"]
    headings = [p.text for p in r.paragraphs if p.heading]
    assert headings == [
        "Kursk holds symbolic value for Pyongyang",
        "Defying UN sanctions, North Korean labour surge continues",
        "Flights, memorials and expanding bilateral ties",
    ]
    assert reasons(r) == {14: "app/newsletter plug", 15: "app/newsletter plug", 16: "app/newsletter plug"}
    assert r.paragraphs[-1].text.startswith("While North Korean state media")


def test_004_trailer_bio_and_contributor(seeds):
    r = seeds["004"]
    assert reasons(r) == {15: "contributor line", 16: "author bio", 17: "post trailer (title and outlet)"}
    assert "contributed reporting" not in body(r) and "appeared first on" not in body(r)
    assert r.paragraphs[-1].text.startswith("“The feat that Korean servicemen")


@pytest.mark.parametrize("seed_id", SEED_IDS)
def test_every_raw_line_is_kept_or_explained(seed_id):
    raw = seed_text(seed_id)
    r = clean(raw)
    text = body(r)
    explained = {x.line for x in r.removed}
    for no, line in enumerate(raw.splitlines(), start=1):
        line = " ".join(line.split())
        if line and no not in explained:
            assert line in text, f"line {no} is neither kept nor in the removal report: {line!r}"
    for x in r.removed:
        assert x.reason and x.text


# --- control characters, dates, line numbers --------------------------------------------------


LONG = (
    "Sergei Shoigu said on Tuesday that North Korea would send 1,000 sappers and 5,000 military "
    "construction workers to the Kursk region, according to Tass."
)


def test_control_characters_are_stripped_and_reported():
    raw = f"Headline of the story here\n\n{LONG[:20]}\u202e\x1b[31m{LONG[20:]}\u200b\n{LONG}"
    r = clean(raw)
    assert "\u202e" not in body(r) and "\x1b" not in body(r) and "\u200b" not in body(r)
    assert "[31m" in body(r)  # the escape's printable remainder is raw text, kept as text
    control = [x for x in r.removed if x.reason == "control-characters"]
    assert [x.line for x in control] == [3]
    assert "\\u202e" in control[0].text and "\\x1b" in control[0].text


def test_a_stated_date_is_published_and_relative_times_are_not():
    r = clean(f"A headline about the region\nPublished: June 17, 2025\n5 hours ago\n{LONG}\n{LONG[:-1]} again.")
    assert r.published == "2025-06-17"
    assert reasons(r) == {1: "title", 2: "dateline", 3: "relative time"}


def test_a_dateline_with_more_after_the_date_still_states_it():
    r = clean(f"A headline about the region\nPublished Wed, Nov 20 2019 4:29 AM EST Updated an hour ago\n{LONG}")
    assert r.published == "2019-11-20" and reasons(r)[2] == "dateline"


def test_readers_comments_after_the_article_are_a_tail():
    article = "\n".join(f"{LONG[:-1]}, paragraph {n}." for n in range(4))
    comment = "I think the article is wrong about the number of workers, which was lower than that."
    raw = f"{article}\n34 responses to “A headline”\nreader1 says:\n{comment}\nreader2 says:\n{comment} Really."
    r = clean(raw)
    assert "I think the article" not in body(r)
    assert reasons(r)[5] == "comments tail" and reasons(r)[9] == "comments tail"
    # a comment count above the article's third paragraph does not cut it
    early = clean(f"{LONG}\n12 comments\n{article}")
    assert len(early.paragraphs) == 5


def test_line_numbers_count_crlf_and_cr_line_ends():
    r = clean(f"NewsBite\r\n\r\n{LONG}\rlogo\n{LONG[:-1]} too.")
    assert reasons(r) == {1: "site chrome", 4: "site chrome"}


def test_byline_gives_the_author():
    r = clean(f"By Jane Q. Public and John Roe\n{LONG}\n{LONG[:-1]} again.")
    assert r.author == "Jane Q. Public and John Roe"


def test_a_bio_shaped_sentence_inside_the_body_stays():
    inside = "Sergei Shoigu is a former defense minister who became the editor of nothing at all."
    r = clean(f"{LONG}\n{inside}\n{LONG[:-1]} again.\n{LONG[:-1]} and more.\n{LONG[:-1]} and so on.\n{LONG[:-1]}, fin.")
    assert inside in body(r) and r.author is None


def test_text_without_any_prose_keeps_nothing():
    assert clean("Home\nWorld\nSport\nSubscribe\n").paragraphs == []
    assert clean("").paragraphs == [] and clean("").title == ""


# --- rules as data ----------------------------------------------------------------------------


def test_bundled_rules_load_and_name_their_reasons():
    rules = load_rules()
    names = {r.name for r in rules.line_rules}
    assert {"site chrome", "comment prompt", "app/newsletter plug", "promo link"} <= names
    assert rules.outlet_name("time of india") == "Times of India"
    assert "related articles" in rules.tail_markers


def test_user_rules_file_teaches_new_chrome_and_outlets(tmp_path, monkeypatch):
    raw = f"Daily Kursk Gazette Edition\nFollow the Gazette\n{LONG}\nGazette Wire\n{LONG[:-1]} again."
    before = clean(raw)
    assert before.outlet is None and "Follow the Gazette" not in reasons(before).values()
    user = tmp_path / "my_rules.yaml"
    user.write_text(
        "line_rules:\n  - name: site chrome\n    exact: [Follow the Gazette]\n"
        "  - name: gazette promo\n    regex: ['^gazette wire$']\n"
        "outlets:\n  known: [Gazette Wire]\n  aliases: {Gazette Wire: The Kursk Gazette}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv(RULES_ENV, str(user))
    after = clean(raw)
    assert reasons(after)[2] == "site chrome"
    assert after.outlet == "The Kursk Gazette" and reasons(after)[4] == "outlet line"
    # bundled rules still apply
    assert clean(f"NewsBite\n{LONG}").removed[0].reason == "site chrome"


@pytest.mark.parametrize(
    "content, message",
    [
        ("line_rules: [ {name: x, regex: ['(unclosed']} ]", "bad regular expression"),
        ("tail_marker_patterns: ['more (from']", "bad regular expression"),
        ("line_rules: {not: a list}", "must be a list"),
        ("- just\n- a list\n", "mapping at the top level"),
        ("line_rules: [{exact: [a]}]", "needs a `name`"),
        ("key: [unclosed", "not valid YAML"),
        ("!!python/object:os.system {}", "not valid YAML"),
    ],
)
def test_bad_user_rules_are_one_line_user_errors(tmp_path, content, message):
    user = tmp_path / "rules.yaml"
    user.write_text(content, encoding="utf-8")
    with pytest.raises(UserError) as info:
        load_rules(user)
    assert message in str(info.value) and "\n" not in str(info.value)
    assert isinstance(info.value, RulesError)


def test_missing_user_rules_file_is_a_user_error(tmp_path, monkeypatch):
    monkeypatch.setenv(RULES_ENV, str(tmp_path / "nope.yaml"))
    with pytest.raises(UserError, match="not found"):
        clean(LONG)


# --- generality: real pages (peer data, not shipped) ------------------------------------------


@pytest.mark.peer
def test_precision_and_recall_on_real_pages_beat_the_floor(shared_dir):
    path = shared_dir / "peer" / "cleaning" / "aeb_pairs_en.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} missing")
    pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    kept = [body(clean(p["raw_text"])) for p in pairs]
    chars = [char_scores(k, p["clean_text"]) for k, p in zip(kept, pairs, strict=False)]
    shingles = [shingle_scores(k, p["clean_text"]) for k, p in zip(kept, pairs, strict=False)]
    baseline = statistics.mean(char_scores(p["raw_text"], p["clean_text"]).precision for p in pairs)
    precision = statistics.mean(s.precision for s in chars)
    recall = statistics.mean(s.recall for s in chars)
    # measured 0.927 / 0.948 (chars) and 0.922 / 0.943 (shingles); the floor leaves a little room
    assert precision >= 0.90 and recall >= 0.92, (precision, recall)
    assert statistics.mean(s.precision for s in shingles) >= 0.89
    assert statistics.mean(s.recall for s in shingles) >= 0.91
    assert precision > baseline + 0.3


@pytest.mark.peer
def test_clean_news_articles_pass_through_nearly_intact(shared_dir):
    """A report that is already clean (Wikinews: title line, blank line, text) loses almost nothing."""
    path = shared_dir / "corpora" / "wikinews_en_2019_2020.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} missing")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    results = [clean(f"{r['title']}\n\n{r['text']}") for r in rows]
    recall = [char_scores(body(c), r["text"]).recall for c, r in zip(results, rows, strict=False)]
    # measured: mean 0.99, median 1.0; photo captions are dropped on purpose
    assert statistics.mean(recall) >= 0.97 and statistics.median(recall) == 1.0
    assert sum(c.title == r["title"] for c, r in zip(results, rows, strict=False)) >= 0.95 * len(rows)


def test_scores_of_a_perfect_and_an_empty_extraction():
    ref = "One two three four five six."
    assert char_scores(ref, ref).precision == 1.0 == char_scores(ref, ref).recall
    empty = char_scores("", ref)
    assert empty.recall == 0.0
    half = char_scores("One two three four five six. Menu Home", ref)
    assert half.recall == 1.0 and 0.5 < half.precision < 1.0
    assert shingle_scores(ref, ref).f1 == 1.0
    assert shingle_scores("Home Menu Search Login Share", ref).precision == 0.0


def test_user_tail_marker_pattern_ends_the_article(tmp_path, monkeypatch):
    teaser = "The mayor of Lesnoye opened a new park on Saturday, with a fountain and two playgrounds for children."
    raw = "\n\n".join(
        [
            LONG,
            LONG[:-1] + " twice.",
            LONG[:-1] + " thrice.",
            "Gazette Extra: Weekend",
            "New park",
            "2 hours ago",
            teaser,
        ]
    )
    assert teaser in [p.text for p in clean(raw).paragraphs]
    user = tmp_path / "my_rules.yaml"
    user.write_text("tail_marker_patterns: ['gazette extra: \\w+']\n", encoding="utf-8")
    monkeypatch.setenv(RULES_ENV, str(user))
    after = clean(raw)
    assert teaser not in [p.text for p in after.paragraphs]
    assert reasons(after)[7] == "gazette-extra-weekend tail"
