"""Outlet, wire, headline and date of one report, from everything known about it, with how each
was found (or why it is missing) in `notes`. The order of trust is written once, here:

- outlet: the user > the url's site in the outlet table > the page's metadata (site name) > the
  text (post trailer, outlet line, footer plug, unless it is an agency the title line's site
  reprints; a page title's "- Outlet" suffix or "Outlet: " prefix, spelling the domain, or without
  a url named again in the text) > a site name written as a domain ("PanARMENIAN.Net") >
  copyright line > dateline "Kyiv • UNN" > a bare domain as site name > a saved page's title
  suffix > the name the domain spells in the text > the url's domain > a wire credited alone;
- title: the user > the page's own headline (metadata, a feed entry, a title line with the
  outlet's name, the line the url's words spell, a first line about what the body says, the
  cleaner's title line, a headline line just above the body) > the first sentence (derived); a
  photo caption, byline, reading time, standfirst or list item is never a title;
- published: the user > the page's metadata (the publication time, not the update's) > a dateline
  in the text (a "Published" one near the top, else the one beside the headline shown in the page,
  else above the body; an update time alone gives none) > the url > a relative time against the
  fetch time. Two sources that disagree by more than a day give no date, and say so."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from . import outlets as out
from .clean_meta import author_from_byline
from .dates import Dated, TextDate, ambiguous_day, date_from_url, dates_in_text, normalise_iso, relative_date
from .titles import (
    is_byline_or_furniture,
    is_caption,
    is_dated_sentence,
    is_headline,
    is_lead_sentence,
    is_section_name,
)

HEAD_LINES = 40  # credits and datelines are looked for near the top ...
TAIL_LINES = 40  # ... and copyright lines near the bottom


@dataclass
class Known:
    """What the user, a manifest, a feed entry or the fetch states about one input."""

    url: str | None = None
    published: str | None = None
    outlet: str | None = None
    title: str | None = None
    fetched: datetime | None = None
    feed_title: str | None = None  # a feed entry's title and date: trusted after the page's own
    feed_published: str | None = None


@dataclass
class PageMeta:
    """What a page's HTML metadata says (all optional)."""

    title: str | None = None
    sitename: str | None = None
    published: str | None = None
    author: str | None = None
    url: str | None = None
    copyright: str | None = None  # the page's copyright line (its footer, outside the article text)
    dateline: str | None = None  # the date shown beside the page's headline (ISO), when its metadata has none
    title_suffix: str | None = None  # the name after the headline in the page's <title>: "... | Site"


@dataclass
class TextFacts:
    """What the cleaner read from a text report, and the raw lines for the recognisers here."""

    lines: list[str]
    title: str | None = None  # the cleaner's title when it found one (not derived)
    outlet: str | None = None
    published: str | None = None
    body_start: int | None = None  # 0-based raw line of the first body paragraph


@dataclass
class Provenance:
    title: str | None  # None: derive from the first sentence
    outlet: str | None
    wire: str | None
    published: str | None
    url: str | None
    notes: dict[str, str] = field(default_factory=dict)


def decide(known: Known, meta: PageMeta, text: TextFacts, table: out.OutletTable) -> Provenance:
    url = known.url or meta.url or None
    title_line = _title_line(text.lines, url, table)
    outlet, how_outlet = _outlet(known, meta, text, url, title_line, table)
    wire = _wire(text.lines, outlet, table)
    if outlet is None and (spelt := out.site_name_in_text(text.lines, out.host_of(url))):
        outlet, how_outlet = _fuller_in_title(spelt, text.lines), "named in the text (the name the domain spells)"
    if outlet is None and (domain := out.domain_fallback(url)):
        outlet, how_outlet = domain, "the url's domain"  # the site that published it, reprinting the wire
    if outlet is None and wire is not None:  # pasted text: many sites print the agency's report
        how_outlet = f"left out: only an agency is credited ({wire}, kept as the wire), not the site that printed it"
    title, how_title = _title(known, meta, text, title_line)
    if title and how_title != "given":
        title = out.without_site_suffix(title, [outlet, meta.sitename, meta.title_suffix if outlet else None])
    published, how_date = _published(known, meta, text, url, title)
    notes = {"outlet": how_outlet or "not named in the page, url or text", "title": how_title}
    if text.outlet and outlet and not _same(text.outlet, outlet):  # a syndicated report, or a menu line
        notes["outlet"] += f"; the text also names {text.outlet}"
    notes["published"] = how_date
    if wire:
        notes["wire"] = "credited in the text"
    return Provenance(title, outlet, wire, published, url, notes)


def _fuller_in_title(name: str, lines: list[str]) -> str:
    """ "CBS Detroit" for "Detroit" (a city's subdomain) when the page title's suffix holds the name."""
    first = next((ln.strip() for ln in lines[:3] if ln.strip()), "")
    suffix = out.title_suffix(first)
    return suffix if suffix and _letters_only(name) in _letters_only(suffix) else name


def _title_line(lines: list[str], url: str | None, table: out.OutletTable) -> tuple[str, str] | None:
    """A text dump's first line is often the page title, "Headline - Outlet"."""
    first = next((ln.strip() for ln in lines[:3] if ln.strip()), "")
    if not first:
        return None
    if out.host_of(url) is None:
        return _suffix_named_again(first, lines) or _suffix_known_outlet(first, table)
    return out.split_title_suffix(first, url, table) or out.split_title_prefix(first, url, table)


def _suffix_known_outlet(first: str, table: out.OutletTable) -> tuple[str, str] | None:
    """Without a url: "On Behalf of “Literally” — Medium", a suffix that is a news site's name in the
    outlet table, names the site even when the text does not name it again."""
    suffix = out.title_suffix(first)
    known = out.known_outlet_name(suffix, table) if suffix else None
    head = first[: first.rfind(suffix)].rstrip(" -–—|•·:") if suffix and known else ""
    return (head, known) if known and len(head.split()) >= 2 else None


def _suffix_named_again(first: str, lines: list[str]) -> tuple[str, str] | None:
    """Without a url: "Headline - The Verge" when the text names "The Verge" again (a footer, a
    menu, a credit); the headline keeps its words, the suffix is the site."""
    suffix = out.title_suffix(first)
    if not suffix or not (suffix[:1].isupper() or suffix[1:2].isupper()) or len(_letters_only(suffix)) < 3:
        return None
    head = first[: first.rfind(suffix)].rstrip(" -–—|•·:")
    name = re.compile(rf"(?<!\w){re.escape(suffix.removeprefix('The ').removeprefix('the '))}(?!\w)", re.I)
    again = any(name.search(line) for line in lines[1:] if line.strip() and line.strip() != first)
    return (head, suffix) if again and len(head.split()) >= 3 else None


def _outlet(
    known: Known,
    meta: PageMeta,
    text: TextFacts,
    url: str | None,
    title_line: tuple[str, str] | None,
    table: out.OutletTable,
) -> tuple[str | None, str]:
    if known.outlet:
        return known.outlet, "given"
    if (site := out.outlet_from_url(url, table)) and not _platform_page(site, meta):
        return site, "the url's site (outlet table)"
    if meta.sitename and not _is_domain(meta.sitename):
        return meta.sitename.strip(), "page metadata (site name)"
    agency = text.outlet is not None and out.wire_credit(text.outlet, table) is not None
    host = out.host_of(url)
    if text.outlet and not (agency and (title_line or (host and not out.name_matches_host(text.outlet, host)))):
        # an agency the text names on its own line is the wire of the site the title or the url names
        # (upday.com's "Associated Press" line); in pasted text it stays the outlet, as an aggregator's
        # "Reuters 2 hours ago" says who published the item
        return text.outlet, "named in the text"
    if title_line:
        return title_line[1], "page title's suffix"
    if meta.sitename and not meta.sitename.islower():  # "PanARMENIAN.Net": a brand written as a domain,
        return meta.sitename.strip(), "page metadata (site name)"  # before a copyright (a parent company)
    tail = text.lines[-TAIL_LINES:]
    first = next((ln.strip() for ln in text.lines[:3] if ln.strip()), "")
    suffix = out.title_suffix(first) or (meta.title_suffix or "")
    if host is None and (named := out.self_reference(text.lines)):  # before a parent company's copyright
        return named, "named in the page's own menus and footer"
    named = out.site_named_once(text.lines) if host is None else None  # its logo, newsletter, reporters' bios
    if named and not _is_agency(named, table):  # "... is a reporter for the Associated Press": the wire, not the site
        return named, "named in the page's logo, newsletter, social links or a reporter's bio"
    if host is None and (named := out.site_in_footer(text.lines[-TAIL_LINES:])):  # beside its owner's copyright
        return named, "named in the footer beside its parent company"
    for line in [*reversed(tail), *text.lines[:HEAD_LINES], *([meta.copyright] if meta.copyright else [])]:
        holder = out.copyright_holder(line.strip())
        # with a url, only a holder that is the site itself (not its parent company, not the agency
        # whose report it reprints) names the outlet: one the domain spells, or the name the page
        # title ends with ("... - Experience", "© Experience")
        if out.wire_credit(holder or "", table) and not (host and out.name_matches_host(holder or "", host)):
            continue  # "Copyright © The Associated Press": the wire, on whichever site printed it
        if holder and host is None and _PARENT_COMPANY.search(holder):
            continue  # "© 2019 CBS Local Media", "Telegraph Media Group": the owner, not the site
        if holder and (host is None or out.name_matches_host(holder, host) or _same_name(holder, suffix)):
            return holder, "copyright line"
    for line in text.lines[:HEAD_LINES]:
        if name := out.dateline_outlet(line.strip()):
            return name, "dateline"
        if (name := out.own_credit(line.strip())) and not out.wire_credit(f"({name})", table):
            return name, "the site's own credit opening the body"
    if host is None and (own := out.own_reporter(text.lines)):
        return own, "the text names its own reporter"
    if meta.sitename:  # "example.org": the page's bare domain
        return meta.sitename.strip(), "page metadata (site name)"
    if host is None and meta.title_suffix:  # a saved page without url: "Headline | Site" names the site
        return meta.title_suffix, "page title's suffix"
    return None, ""


_PARENT_COMPANY = re.compile(r"\b(?:Media|Holdings|Publishing|Publications|Enterprises|Communications|Newspapers)\b")


def _platform_page(site: str, meta: PageMeta) -> bool:
    """A blog platform's page (medium.com) whose metadata names its publication ("Voodoo Engineering")."""
    return site.casefold() in out.BLOG_PLATFORMS and bool(meta.sitename) and not _same(site, meta.sitename or "")


def _wire(lines: list[str], outlet: str | None, table: out.OutletTable) -> str | None:
    """The agency credited near the top ("KYIV (AP) -"), else the one holding the copyright at the
    bottom ("Copyright © The Associated Press"); none when it is the outlet itself."""
    credits = (out.wire_credit(line.strip(), table) for line in lines[:HEAD_LINES])
    holders = (out.copyright_holder(line.strip()) for line in reversed(lines[-TAIL_LINES:]))
    agencies = (out.wire_credit(holder, table) for holder in holders if holder)
    wire = next((w for w in credits if w is not None), None) or next((w for w in agencies if w is not None), None)
    return None if wire is None or (outlet and _same(wire, outlet)) else wire


def _title(known: Known, meta: PageMeta, text: TextFacts, title_line: tuple[str, str] | None) -> tuple[str | None, str]:
    if known.title:
        return known.title, "given"
    candidates = [
        (meta.title, "page metadata"),
        (known.feed_title, "feed entry"),
        (title_line[0] if title_line else None, "page title line"),
        (_breadcrumb_headline(text.lines), "the headline a breadcrumb trail ends with"),
        (_slug_headline(text.lines, known.url or meta.url, text.body_start), "the line the url's words spell"),
        (_first_line_headline(text), "first line (its words open the body)"),
        (_first_short_line(text), "first line (a headline over the body it names)"),
        (text.title, "title line"),
        (_headline_above_body(text), "headline above the body"),
    ]
    for candidate, how in candidates:
        if (
            candidate
            and (how in _STATED or (_headline_start(candidate) and not _standfirst_repeated(candidate, text.lines)))
            and not is_caption(candidate)
            and (how in _STATED or not (is_dated_sentence(candidate) or is_section_name(candidate)))
            and (how in _STATED or not (is_lead_sentence(candidate) or _doubled_caption(candidate, text.lines)))
            and (how in _STATED or not _under_image_marker(candidate, text.lines))
            and not is_byline_or_furniture(candidate)
            and len(candidate.split()) >= 2
        ):
            return _continued(_shown_alone(out.bare_headline(candidate), text.lines, how), text.lines), how
    return None, "no headline found: derived from the first sentence"


GLUED_MIN_CHARS = 20  # of a headline's start that a trail line must end with


def _after_glued_trail(title: str, lines: list[str]) -> str | None:
    """ "Home News Featured News Sacking managers: Be damned, if you just want to..." (a breadcrumb
    glued to a headline cut short) over "Sacking managers: Be damned, if you just want to throw the
    boot!": the headline the page shows whole."""
    stem = title.rstrip(".… ")
    trail_or_cut = title.endswith(("...", "…")) or bool(_MENU_START.match(title))
    for line in lines[:HEAD_LINES]:
        line = line.strip()
        if not trail_or_cut or line == title or len(line) < GLUED_MIN_CHARS or not is_headline(line):
            continue
        at = stem.find(line[:GLUED_MIN_CHARS])
        if at > 0 and line.startswith(stem[at:]):
            return line
    return None


SECTION_WORDS = 3  # "... for corruption News", "World ...": a section name glued to a headline


def _shown_alone(title: str, lines: list[str], how: str) -> str:
    """ "Former president sentenced for corruption News" (a <title> with its section glued on) when
    the page shows "Former president sentenced for corruption" alone on a line: the headline as
    shown. Only a few capitalised words may be cut ("in Kerala" is part of a headline)."""
    if how in _STATED:
        return title
    if below := _after_glued_trail(title, lines):
        return below
    for line in lines[:HEAD_LINES]:
        line = line.strip()
        if line == title or len(line) < 0.6 * len(title) or not is_headline(line):
            continue
        rest = title[len(line) :] if title.startswith(line) else title[: -len(line)] if title.endswith(line) else None
        words = rest.strip(" -–—|•·:").split() if rest is not None else []
        if rest is not None and 0 < len(words) <= SECTION_WORDS and all(w[:1].isupper() for w in words):
            return line
    return title


_STATED = {"page metadata", "feed entry"}  # a title the page or feed states as such, whatever its case


STANDFIRST_WORDS = 15  # a line this long, not ending with a full stop, can still be a standfirst
_DATELINE_END = re.compile(r"[)\w]\s*[:—–-]\s*$")  # "KYIV (Reuters) -", "Cotonou, (APP ... ) :"


def _standfirst_repeated(candidate: str, lines: list[str]) -> bool:
    """A sentence above the body that the body repeats inside a paragraph is a standfirst or a
    pull quote ("The Lower House was adjourned for the day immediately thereafter."), not the
    headline: a headline is not a sentence of the report's own paragraphs."""
    line = candidate.strip()
    unstopped = not line.endswith(".") and len(line.split()) >= STANDFIRST_WORDS
    if not line.endswith(".") and not unstopped:
        return False
    for other in lines[:TITLE_SEARCH_LINES]:
        at = other.find(line)
        rest = other[at + len(line) :] if at >= 0 else ""
        # "Cotonou, (APP - ... 11th Jan, 2023 ) :Benin's opposition has returned ...": the first
        # paragraph, after its dateline, repeats a long line above it (a standfirst without its stop)
        if unstopped and at > 0 and _DATELINE_END.search(other[:at]):
            return True
        # the paragraph goes on with another sentence: not the page title's "... N.Y.C. - Site" nor a
        # section line ending with the headline
        if len(rest) > 20 and re.match(r"\s+[A-Z\"“‘'(]", rest):
            return True
    return False


def _headline_start(text: str) -> bool:
    """A line of the text is a headline when it opens with a capital, a digit, a quote or a
    bracket, or a brand like "iPhone": not "+ Added ..." nor "on Feb 24 4 min"."""
    first, second = text.lstrip()[:1], text.lstrip()[1:2]
    return first.isupper() or first.isdigit() or first in "\"'‘“«¿¡#$£€[(" or second.isupper()


BREADCRUMB_GAP = 3  # lines (blank ones included) between a breadcrumb trail and the headline under it


def _breadcrumb_headline(lines: list[str]) -> str | None:
    """ "Home » World » Floods close the valley road" (or glued, "HomeWorldFloods close ...") with
    the headline alone just below it: the line the trail ends with."""
    for i, raw in enumerate(lines[:HEAD_LINES]):
        trail = raw.strip()
        below = next((ln.strip() for ln in lines[i + 1 : i + 1 + BREADCRUMB_GAP] if ln.strip()), "")
        if below and is_headline(below) and len(trail) > len(below) + 2 and trail.endswith(below):
            return below
    return None


SLUG_SHARE = 0.6  # of the url slug's words that a line must hold to be the headline it was made from
_SLUG_STOP = {"the", "and", "for", "with", "from", "that", "this", "are", "was", "has", "have", "html", "htm", "php"}


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z]{3,}", text.lower()) if w not in _SLUG_STOP}


def _slug_headline(lines: list[str], url: str | None, body_start: int | None = None) -> str | None:
    """A news url's slug is usually made from the headline ("/beauty-stock-coty-could-surge-..."):
    the headline-shaped line holding most of its words, above the body (below it, a tag list
    "Books Fantasy Science Fiction" or another story's link spells the same words)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", url.lower()).split("?")[0]
    slug = max(path.split("/"), key=lambda part: len(_words(part)), default="")
    site = _letters_only(out.host_of(url) or "")
    wanted = {w for w in _words(slug) if w not in site}  # "/fe-moran-fire-protection/": the site's own name
    if len(wanted) < 3:
        return None
    best, best_share = None, SLUG_SHARE
    last = 400 if body_start is None else min(400, body_start + NEAR_BELOW + 1)
    for line in lines[:last]:
        line = line.strip()
        if not line or len(line) > 250 or not is_headline(line):
            continue
        share = len(wanted & _words(line)) / len(wanted)
        if share > best_share:
            best, best_share = line, share
    while best and (cut := re.match(r"^(.+?)\s+[-–—|]\s+[^-–—|]{1,40}$", best)):  # "Headline - Site Section"
        if len(wanted & _words(cut.group(1))) < len(wanted & _words(best)):
            break
        best = cut.group(1)
    return best


BODY_SHARE = 0.34  # of a first line's words that the body's opening must use for it to be the headline
BODY_OPENING_LINES = 12


def _first_line_headline(text: TextFacts) -> str | None:
    """A dump opens with the page's title: the first line, when headline-shaped, without a site
    suffix, and about what the body's opening is about (not a menu item or the site's motto)."""
    first = next((ln.strip() for ln in text.lines[:3] if ln.strip()), "")
    if (suffix := out.title_suffix(first)) and dates_in_text([suffix]):  # "Headline - Feb. 1, 2016"
        first, suffix = first[: first.rfind(suffix)].rstrip(" -–—|•·:"), None
    if not is_headline(first) or suffix or text.body_start is None:
        return None
    want = _words(first)
    opening = _words(" ".join(text.lines[text.body_start : text.body_start + BODY_OPENING_LINES]))
    return first if len(want) >= 3 and len(want & opening) >= BODY_SHARE * len(want) else None


def _first_short_line(text: TextFacts) -> str | None:
    """A pasted report opens with its headline: the first line (after a "Skip to main content"), alone
    above a blank line, headline-shaped and naming something the standfirst or the body's opening
    names ("Floods close the valley road" over a report on floods), though with fewer of its words than
    a page title's."""
    if text.body_start is None:
        return None
    shown = [i for i, ln in enumerate(text.lines[: min(FIRST_LINES, text.body_start)]) if ln.strip()]
    tops = [i for k, i in enumerate(shown) if k == 0 or text.lines[i].strip() != text.lines[shown[k - 1]].strip()]
    # a line shown twice (an image's text, then its caption) is tried once; an image's widget and caption not at all
    tops = [i for i in tops if not _IMAGE_MARKER.match(text.lines[i].strip())]
    tops = [i for i in tops if not _under_image_marker(text.lines[i].strip(), text.lines)]
    for at in tops[:FIRST_TRIED]:
        first = text.lines[at].strip()
        below = text.lines[at + 1] if at + 1 < len(text.lines) else ""
        if below.strip() or not is_headline(first) or len(first.split()) < 4 or dates_in_text([first]):
            continue
        if first.endswith(".") or re.search(r"\s[-–—|•·]\s", first):  # a standfirst or caption; a page title
            continue
        opening = _words(" ".join(text.lines[at + 1 : text.body_start + BODY_OPENING_LINES]))
        if _words(first) & opening:
            return None if first == text.title else first  # the cleaner's title line: said so below
    return None


FIRST_LINES = 8  # a pasted headline sits in the first lines ...
FIRST_TRIED = 2  # ... the first or the second of them that is not blank ("Skip to main content" above it)


def _doubled_caption(line: str, lines: list[str]) -> bool:
    """ "Firefighters douse the roof on Mill Road." on two lines in a row (an image's alternative text,
    then its caption): a photo's caption, never the title. A headline shown twice (the page's title,
    then its heading) has a blank line between or no full stop."""
    if not line.endswith("."):
        return False
    top = [ln.strip() for ln in lines[:HEAD_LINES]]
    return any(top[k] == line and top[k + 1] == line for k in range(len(top) - 1))


# what an image widget leaves in a dump: its icon's or button's text ("Camera", "Enlarge this image",
# "photo"), or a credit alone ("AP/Xinhua/Jane Roe")
_IMAGE_MARKER = re.compile(  # lower-case "photo" is an icon's text; "Photos" or "Gallery" can be a menu's item
    r"^(?:photo|image|picture|[Cc]amera|(?i:enlarge(?: this)?(?: image| photo)?|expand image|view (?:image|photo)"
    r"|open (?:image|photo) in gallery|image \d+ of \d+|\d+ photos))$"
    r"|^(?=.*\b(?:AP|AFP|Reuters|REUTERS|EPA|Getty|Xinhua|AAP|PA|ANI|PTI|IANS|TASS|dpa|Bloomberg|Shutterstock)\b)"
    r"[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*(?:/[A-Z][\w.'-]*(?: [A-Z][\w.'-]*)*)+$"
)


def _under_image_marker(line: str, lines: list[str]) -> bool:
    """ "Camera" / "Police stand guard outside the court": the line right under an image widget's text
    (or its credit) is the photo's caption, never the title."""
    shown = [ln.strip() for ln in lines[:HEAD_LINES] if ln.strip()]
    at = next((k for k, ln in enumerate(shown) if ln == line), None)
    return at is not None and at > 0 and _IMAGE_MARKER.match(shown[at - 1]) is not None  # "photo" / caption


CONTINUATION_WORDS = 12  # a headline's second line, when the page breaks it in two


def _continued(title: str, lines: list[str]) -> str:
    """ "Floods close the valley road as" / "rivers rise across three districts": a headline the
    page broke over two lines, the second opening in lower case right under the first."""
    at = next((i for i, ln in enumerate(lines[:HEAD_LINES]) if ln.strip() == title), None)
    if at is None or at + 1 >= len(lines) or title[-1:] in ".!?:":
        return title
    nxt = lines[at + 1].strip()
    joined = f"{title} {nxt}"
    if _NOT_CONTINUED.match(nxt) or is_caption(nxt) or is_byline_or_furniture(nxt) or nxt.endswith("."):
        return title  # "by Jane Roe", "updated 5 hours ago" under a headline: its byline, not its end
    if nxt[:1].islower() and len(nxt.split()) <= CONTINUATION_WORDS and is_headline(joined):
        return joined
    return title


_NOT_CONTINUED = re.compile(
    r"^(?:by|via|from|posted|updated|published|filed|source|photo|image|credit|read|share|watch|listen)\b", re.I
)


LINK_LIST_RUN = 3  # headline-shaped lines in a row: a list of other stories' links, not one headline


def _headline_above_body(text: TextFacts) -> str | None:
    if text.body_start is None:
        return None
    start = max(0, text.body_start - 6)
    above = [ln.strip() for ln in text.lines[start : text.body_start]]
    for k in range(len(above) - 1, -1, -1):
        line = above[k]
        if line and is_headline(line) and not dates_in_text([line]) and _about_body(line, text):
            return None if _in_link_list(text.lines, start + k) else line
    return None


def _in_link_list(lines: list[str], at: int) -> bool:
    """ "More stories" / "Mayor opens new bridge" / "School board votes ..." / "Local team wins ...":
    a line among others like it, with no blank line between, is one link of a list."""
    lo = at
    while lo > 0 and lines[lo - 1].strip() and is_headline(lines[lo - 1].strip()):
        lo -= 1
    hi = at
    while hi + 1 < len(lines) and lines[hi + 1].strip() and is_headline(lines[hi + 1].strip()):
        hi += 1
    return hi - lo + 1 >= LINK_LIST_RUN


TEASER_WORDS = 8  # a line this long that shares almost nothing with the body's opening ...
TEASER_SHARE = 0.2  # ... is a teaser for another story ("Through his efforts, this 22-year-old man ...")


def _about_body(line: str, text: TextFacts) -> bool:
    want = _words(line)
    if len(want) < TEASER_WORDS or text.body_start is None:
        return True
    opening = _words(" ".join(text.lines[text.body_start : text.body_start + BODY_OPENING_LINES]))
    return len(want & opening) >= TEASER_SHARE * len(want)


def _published(
    known: Known, meta: PageMeta, text: TextFacts, url: str | None, title: str | None
) -> tuple[str | None, str]:
    if known.published:
        given = normalise_iso(known.published)
        return (given, "given") if given else (None, f"the given date {known.published!r} is not a date")
    found: list[Dated] = []
    if meta.published and (value := normalise_iso(meta.published)):
        found.append(Dated(value, "page metadata"))
    elif known.feed_published and (value := normalise_iso(known.feed_published)):
        found.append(Dated(value, "feed entry"))
    title_at = _headline_at(text.lines, title, text.body_start)
    if (dateline := _dateline(text, known, title_at)) is not None:
        found.append(Dated(dateline.value, "dateline in the text"))
    elif meta.dateline and (value := normalise_iso(meta.dateline)):
        found.append(Dated(value, "dateline beside the page's headline"))
    if (from_url := date_from_url(url)) is not None:
        found.append(from_url)
    if not found:
        for line in text.lines[:HEAD_LINES]:
            if value := relative_date(line, known.fetched):
                return value, "relative time against the fetch time"
        for line in _near_top(text, title_at):
            if stated := ambiguous_day(line):
                return None, f"left out: {stated!r} could be day/month or month/day"
        near = set(_near_top_at(text, title_at))
        found_near = [d for d in dates_in_text(text.lines, known.fetched) if d.line in near]
        updated = [d for d in found_near if d.label == "updated"]
        if updated:
            return None, f"left out: only an update time is stated ({updated[0].value}), not when it was published"
        if masthead := [d for d in found_near if d.label == "" and _above_the_menu(text.lines, d.line, title_at)]:
            return None, f"left out: {masthead[0].value} sits above the site's menu (the day the page was shown)"
        return None, "no date stated in the page, url or text"
    first = found[0]
    for other in found[1:]:
        if abs((date.fromisoformat(first.day) - date.fromisoformat(other.day)).days) > 1:
            return None, f"left out: {first.how} says {first.value}, {other.how} says {other.value}"
    return first.value, first.how


NEAR_ABOVE = 15  # a dateline sits a few lines above the body (headline, byline, date) ...
NEAR_BELOW = 3  # ... or opens it; dates farther away belong to menus, sidebars and related links


NEAR_TITLE_ABOVE = 3  # a dateline sits just above the headline ...
NEAR_TITLE_BELOW = 8  # ... or below it, after a standfirst and a byline


def _dateline(text: TextFacts, known: Known, title_at: int | None) -> TextDate | None:
    """The report's own dateline: the one day labelled "Published" (near the top when the text
    labels several days so), else the bare one beside the headline, else the one nearest the start
    of the body (above it first). Two different days in the same place is a list of dated links
    (related stories): no one date is the report's."""
    found = dates_in_text(text.lines, known.fetched)
    published = [d for d in found if d.label == "published"]
    if len({d.value[:10] for d in published}) > 1:  # "Published ..." under a list of other stories too
        top = set(_near_top_at(text, title_at))
        published = [d for d in published if d.line in top]
    if published and len({d.value[:10] for d in published}) == 1:
        return published[0]
    bare = [d for d in found if d.label == "" and not _above_the_menu(text.lines, d.line, title_at)]
    if title_at is not None:
        near_title = [d for d in bare if -NEAR_TITLE_ABOVE <= d.line - title_at <= NEAR_TITLE_BELOW]
        if near_title:
            return near_title[0] if len({d.value[:10] for d in near_title}) == 1 else None
    if (under_byline := _under_byline(text.lines, bare)) is not None:
        return under_byline
    start = text.body_start if text.body_start is not None else 0
    near = [d for d in bare if -NEAR_ABOVE <= d.line - start <= NEAR_BELOW]
    if len({d.value[:10] for d in near}) > 1:
        return None
    return near[0] if near else None


BYLINE_DATE_GAP = 3  # lines (blank ones included) from a byline to the date under it


def _under_byline(lines: list[str], bare: list[TextDate]) -> TextDate | None:
    """ "By Isaac Butler" over "Nov 15, 2019 5:45 AM": the date just under the report's byline, near
    the top, wherever the cleaner's body starts (a long standfirst or share bar can sit between)."""
    bylines = [i for i, line in enumerate(lines[: HEAD_LINES * 3]) if author_from_byline(" ".join(line.split()))]
    under = [d for d in bare if any(0 < d.line - i <= BYLINE_DATE_GAP for i in bylines[:1])]
    return under[0] if len({d.value[:10] for d in under}) == 1 else None


_MENU_START = re.compile(r"^Home(?:$|\s*[»›>|/•·-]|[A-Z]|[^\x00-\x7f])")  # "Home", "Home » World", "HomeWorld"


def _above_the_menu(lines: list[str], at: int, title_at: int | None) -> bool:
    """ "Tuesday, June 24, 2025" over the site's menu ("Home » ...") is the masthead's date, the day
    the page was shown, not the report's."""
    end = title_at + 1 if title_at is not None and title_at > at else min(len(lines), at + NEAR_TITLE_BELOW)
    return any(_MENU_START.match(line.strip()) for line in lines[at + 1 : end])


def _near_top(text: TextFacts, title_at: int | None) -> list[str]:
    return [text.lines[i] for i in _near_top_at(text, title_at)]


def _near_top_at(text: TextFacts, title_at: int | None) -> list[int]:
    """The lines where a report's own date would be: beside the headline and above the body."""
    spans = [(0, HEAD_LINES)]
    if title_at is not None:
        spans.append((title_at - NEAR_TITLE_ABOVE, title_at + NEAR_TITLE_BELOW + 1))
    if text.body_start is not None:
        spans.append((text.body_start - NEAR_ABOVE, text.body_start + NEAR_BELOW + 1))
    return sorted({i for a, b in spans for i in range(max(0, a), min(len(text.lines), b))})


TITLE_SEARCH_LINES = 600


def _line_of(lines: list[str], title: str | None) -> int | None:
    """The line that holds the headline: alone on it, else before a " - Site" suffix."""
    if not title:
        return None
    want = _letters_only(title)
    if not want:
        return None
    first_start = None
    for i, line in enumerate(lines[:TITLE_SEARCH_LINES]):  # stops at the headline, mostly near the top
        have = _letters_only(line)
        if have == want:
            return i
        if first_start is None and len(want) >= 12 and have.startswith(want):
            first_start = i
    return first_start


HEADLINE_SHARE = 0.7  # of the title's words that an in-page headline written differently holds


def _headline_at(lines: list[str], title: str | None, body_start: int | None = None) -> int | None:
    """The line of the page's own headline, where its dateline sits. A dump opens with the page's
    <title>; the headline shown in the page comes lower, alone on its line, in the same words or
    reworded ("The Wild Story of How ..." for "... Wrote the Best Movie Song"). A date just below
    the <title> line is the masthead's (the day the page was saved), not the report's. A reworded
    one counts only above the body (below, it is another story's link)."""
    at = _line_of(lines, title)
    if not title or at is None:
        return at
    want = _words(title)
    if len(want) < 3:
        return at
    last = TITLE_SEARCH_LINES if body_start is None else body_start + NEAR_BELOW + 1
    for i, line in enumerate(lines[1:TITLE_SEARCH_LINES], start=1):
        line = line.strip()
        if i == at or i >= last or not line or len(line) > 250 or not is_headline(line):
            if i == at and i > 0:
                return at
            continue
        have = _words(line)
        if len(want & have) >= HEADLINE_SHARE * max(len(want), len(have)):
            return i
    return at


_NOT_ALNUM = re.compile(r"[\W_]+")  # \w is str.isalnum() plus "_"


def _is_agency(name: str, table: out.OutletTable) -> bool:
    return any(_same_name(name, written) or _same_name(name, shown) for written, shown in table.wires.items())


def _letters_only(text: str) -> str:
    return _NOT_ALNUM.sub("", text.casefold())  # a regex, not a loop per character: ~600 lines per report


def _same_name(a: str, b: str) -> bool:
    return bool(a and b) and _letters_only(a).removeprefix("the") == _letters_only(b).removeprefix("the")


def _is_domain(name: str) -> bool:
    return "." in name and " " not in name.strip()


def _same(a: str, b: str) -> bool:
    def letters(s: str) -> str:
        return "".join(c for c in s.lower() if c.isalnum()).removeprefix("the")

    x, y = letters(a), letters(b)
    shorter, longer = sorted((x, y), key=len)
    return x == y or (len(shorter) >= 4 and longer.startswith(shorter))
