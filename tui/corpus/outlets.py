"""Who published a report: the outlet from a url's site, a page title's suffix, and credits in the text.

The site table and the agency names are data (outlets.yaml beside this file), extended by the
user's own file of the same shape ($KURSK_READER_OUTLETS, else outlets.yaml in the user config
folder). Every recogniser returns a display name or None; `provenance.py` decides which wins."""

from __future__ import annotations

import functools
import os
import re
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .clean_meta import looks_like_person

OUTLETS_ENV = "KURSK_READER_OUTLETS"
_BUNDLED = Path(__file__).with_name("outlets.yaml")
_STRIP_HOST = re.compile(r"^(?:www\d?|m|amp|mobile|edition|en|english)\.")


class OutletsError(ValueError):
    pass


@dataclass(frozen=True)
class OutletTable:
    sites: dict[str, str] = field(default_factory=dict)  # domain -> display name
    wires: dict[str, str] = field(default_factory=dict)  # credit as written -> display name

    def site_name(self, host: str) -> str | None:
        """The display name of `host` or of the closest parent domain listed."""
        parts = host.lower().rstrip(".").split(".")
        for i in range(len(parts) - 1):
            if (name := self.sites.get(".".join(parts[i:]))) is not None:
                return name
        return None


def _read_table(path: Path) -> OutletTable:
    try:
        doc = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as e:
        raise OutletsError(f"{path}: cannot read the outlet table ({type(e).__name__})") from e
    if not isinstance(doc, dict):
        raise OutletsError(f"{path}: the outlet table must be a mapping with `sites` and `wires`")
    out: list[dict[str, str]] = []
    for key in ("sites", "wires"):
        part = doc.get(key) or {}
        if not isinstance(part, dict) or not all(isinstance(v, str) for v in part.values()):
            raise OutletsError(f"{path}: `{key}` must map names to display names")
        out.append({str(k).lower() if key == "sites" else str(k): v for k, v in part.items()})
    return OutletTable(out[0], out[1])


def user_table_path() -> Path | None:
    if env := os.environ.get(OUTLETS_ENV):
        return Path(env).expanduser()
    import platformdirs

    path = Path(platformdirs.user_config_dir("kursk-reader")) / "outlets.yaml"
    return path if path.is_file() else None


@functools.cache
def _load(user_path: Path | None) -> OutletTable:
    table = _read_table(_BUNDLED)
    if user_path is None:
        return table
    mine = _read_table(user_path)
    return OutletTable({**table.sites, **mine.sites}, {**table.wires, **mine.wires})


def outlet_table() -> OutletTable:
    return _load(user_table_path())


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urllib.parse.urlsplit(url).hostname
    except ValueError:
        return None
    return _STRIP_HOST.sub("", host) if host else None


def outlet_from_url(url: str | None, table: OutletTable) -> str | None:
    host = host_of(url)
    return table.site_name(host) if host else None


# Hosts where each subdomain is a different site (a blog), and second-level labels under a country.
_PLATFORMS = {"blogspot.com", "wordpress.com", "substack.com", "tumblr.com", "medium.com", "github.io", "typepad.com"}
_PLATFORMS |= {"livejournal.com", "wixsite.com", "weebly.com", "over-blog.com", "blogger.com"}
_SECOND_LEVEL = {"co", "com", "org", "net", "gov", "ac", "edu", "ne", "or", "go", "nic", "info"}


def domain_fallback(url: str | None) -> str | None:
    """The site's domain as the outlet's name when nothing better is known: the domain it registered
    ("worldnews.example.com" -> "example.com", "news.example.co.uk" -> "example.co.uk"), but the
    whole host on blog platforms, where the subdomain is the site ("jane.blogspot.com")."""
    host = host_of(url)
    if host is None or host.replace(".", "").isdigit():
        return host
    labels = host.lower().rstrip(".").split(".")
    if ".".join(labels[-2:]) in _PLATFORMS:
        return ".".join(labels[-3:])
    keep = 3 if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL else 2
    return ".".join(labels[-keep:])


# --- page titles: "Headline - Outlet", "Headline | Outlet" ---------------------------------------

_TITLE_SEPARATORS = re.compile(r"\s+(?:[-–—|•·:]|::)\s+")


def _letters(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", text.lower())


def name_matches_host(name: str, host: str) -> bool:
    """Whether a site name spells one of its domain's labels, each word whole or by its initial:
    "The New York Times"/nytimes.com, "Al Jazeera"/aljazeera.com, "WSJ"/wsj.com,
    "ProFootballTalk"/profootballtalk.nbcsports.com, "NBC 5 Dallas-Fort Worth"/nbcdfw.com; not
    "Auto News"/autoindustriya.com."""
    parts = host.lower().split(".")
    skip = {"the", "a", "of", "and", "com", "co", "net", "org", parts[-1]}  # "Express.co.uk", "Sportsnet.ca"
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in skip and not w.isdigit()]  # "NBC 5 ..."
    if not words:
        return False
    labels = [_letters(x) for x in parts[:-1] if len(x) > 1]
    labels += [x.removeprefix("the") for x in labels if x.startswith("the")]  # "The Anti-June Cleaver"
    # one trailing word may name an edition: "Business Insider Deutschland"/businessinsider.com
    tries = [words, words[:-1]] if len(words) > 1 else [words]
    return any(label and _spells(w, label) for label in labels for w in tries)


def _spells(words: list[str], label: str) -> bool:
    if not words:
        return not label
    head, rest = words[0], words[1:]
    return (label.startswith(head) and _spells(rest, label[len(head) :])) or (
        label.startswith(head[0]) and _spells(rest, label[1:])
    )


_PHRASE = re.compile(r"(?<![\w'’])[A-Z][\w'’&.-]*(?:\s+(?:of|the|and|&|[A-Z][\w'’&.-]*)){0,3}")
SPELT_SHARE = 0.6  # of the domain's label a name must spell from its start ("Practical Horseman"/practicalhorsemanmag)
MIN_SPELT = 6
MIN_MENTIONS = 2
NAME_LINE_MAX_CHARS = 300


def site_name_in_text(lines: list[str], host: str | None) -> str | None:
    """The site's own name as its text writes it, when the name spells most of the domain from its
    start and the text uses it at least twice: a readable name instead of the bare domain."""
    if not host:
        return None
    labels = [_letters(x) for x in host.lower().split(".")[:-1] if len(x) >= MIN_SPELT]
    counts: dict[str, int] = {}
    for line in lines:
        if len(line) > NAME_LINE_MAX_CHARS:
            continue
        for m in _PHRASE.finditer(line):
            words = m.group(0).split()
            for n in range(len(words), 0, -1):
                name = " ".join(words[:n]).rstrip(".'’")
                if _spells_domain_start(name, labels):
                    counts[name] = counts.get(name, 0) + 1
                    break
    best = max(counts, key=lambda k: (counts[k], len(k)), default=None)
    return best if best is not None and counts[best] >= MIN_MENTIONS else None


# A site names itself in its own furniture: "About Engadget", "Work at The Telegraph", "Go to MSN
# Home", "Follow Lifehacker Followed", "NBC News Logo". A page pasted without its url keeps these
# lines even where its copyright line names only the parent company ("Telegraph Media Group").
_NAME = r"(?P<name>(?:The )?[A-Z][\w.&'’-]*(?: [A-Z][\w.&'’-]*){0,2})"
# "Follow The Verge on Twitter", "Like Mozilla on Facebook": the site's own social links (a person's is the author's)
_SOCIAL_NETWORKS = r"(?:Twitter|X|Facebook|Instagram|LinkedIn|YouTube|Threads)"
_SOCIAL_FOLLOW = re.compile(rf"^(?:Follow|Like) {_NAME} on {_SOCIAL_NETWORKS}$")
# a blog platform's publication: "More on Nodejs from Voodoo Engineering", "Published in Voodoo Engineering"
_PUBLICATION = re.compile(rf"^(?:More on [\w .#+-]{{1,30}} from|Published in) {_NAME}$")
_SELF_REFERENCE = [
    re.compile(rf"^(?:About|Work at|Careers at|Go to|Back to|Follow|Subscribe to|Contact) {_NAME}$"),
    re.compile(rf"^{_NAME} (?:Logo|Home ?page)$"),
    # "CNNMoney (New York) First published February 1, 2016": the site's own stamp on its report
    re.compile(rf"^{_NAME} \([A-Z][\w .'-]{{1,30}}\) (?:First published|Published|Updated)\b"),
    _SOCIAL_FOLLOW,
    # ... or listed under its name: "Facebook (Mozilla)", "Twitter (@mozilla)" is only a handle
    re.compile(rf"^(?:Twitter|Facebook|Instagram|LinkedIn|YouTube) \({_NAME}\)$"),
    _PUBLICATION,
]
SELF_REFERENCE_MAX_CHARS = 90
_NOT_A_NAME = {"us", "me", "top", "help", "legal", "home", "following", "followed", "all", "more", "the", "this"}


BLOG_PLATFORMS = frozenset({"medium", "tumblr", "wordpress", "wordpress.com", "blogger", "substack"})


def publication_name(lines: list[str]) -> str | None:
    """The publication a blog platform's page belongs to ("More on Nodejs from Voodoo Engineering"),
    when the page names it at least twice: the site, rather than the platform ("Medium")."""
    return self_reference(lines, [_PUBLICATION])


def self_reference(lines: list[str], patterns: list[re.Pattern[str]] | None = None) -> str | None:
    """The name a page gives itself in its furniture, when the text uses it at least twice."""
    for line in lines:
        line = " ".join(line.split())
        if len(line) > SELF_REFERENCE_MAX_CHARS:
            continue
        for pattern in _SELF_REFERENCE if patterns is None else patterns:
            m = pattern.match(line)
            name = re.sub(r"(?: (?:Home|Followed|Following))+$", "", m.group("name")) if m else ""
            if not name or set(name.lower().split()) <= _NOT_A_NAME:
                continue
            if pattern is _SOCIAL_FOLLOW and _is_person(name):
                continue  # "Follow Jane Roe on Twitter": the author's account, not the site's
            used = re.compile(rf"(?<!\w){re.escape(name.removeprefix('The '))}(?!\w)")
            if sum(1 for other in lines if used.search(other)) >= MIN_MENTIONS:
                return name
    return None


# A site names itself once, in lines a pasted report keeps though the footer names only its parent
# company: its logo's text opening the page ("Riverton Courier Logo"), its own newsletter ("Sign up for
# the Riverton Courier newsletter", "The Courier's morning newsletter"), its social links ("Follow the
# Courier on Facebook") and its reporters' bios ("Jane Roe is a senior reporter for the Courier.",
# "Jane Roe covers courts for The Courier."). One outlet only: "has written for X and Y" names none.
_NAME_THE = rf"(?P<the>the )?{_NAME}"
_LOGO = re.compile(rf"^{_NAME} Logo$")
_FOLLOW_THE = re.compile(rf"^(?:Follow|Like) {_NAME_THE} on {_SOCIAL_NETWORKS}$")  # _SOCIAL_FOLLOW, "the" allowed
_NAMED_ONCE = [
    _FOLLOW_THE,
    re.compile(rf"^(?:Sign up (?:for|to)|Subscribe to|Get) {_NAME_THE}(?:'s|’s)? (?:[a-z-]+ ){{0,2}}newsletters?\b"),
    re.compile(rf"^{_NAME}(?:'s|’s) (?:[a-z-]+ ){{0,2}}newsletters?\b"),
    re.compile(
        r"^(?:[A-Z][\w'’.-]+ ){1,3}(?:is|was) (?:a|an|the) (?:[\w-]+ ){0,3}"
        r"(?:reporter|correspondent|writer|editor|columnist|journalist|producer|contributor)"
        rf"(?: [a-z][\w-]*){{0,4}} (?:for|at|with) {_NAME_THE}(?:\.|$)"
    ),
    re.compile(
        rf"^(?:[A-Z][\w'’.-]+ ){{1,3}}(?:covers|writes about|reports on) [\w ,&'’-]{{1,60}} for {_NAME_THE}(?:\.|$)"
    ),
]
NAMED_ONCE_MAX_CHARS = 200
LOGO_LINES = 3  # the logo's text opens the page: among its first non-blank lines


def site_named_once(lines: list[str]) -> str | None:
    """The name a pasted page gives itself once, in its masthead logo, newsletter, social links or a
    reporter's bio (see _NAMED_ONCE)."""
    tops = [" ".join(ln.split()) for ln in lines if ln.strip()][:LOGO_LINES]
    logos = [m.group("name") for line in tops if (m := _LOGO.match(line))]
    for name in logos:
        if not set(name.lower().split()) <= _NOT_A_NAME:
            return name
    for line in lines:
        line = " ".join(line.split())
        if len(line) > NAMED_ONCE_MAX_CHARS:
            continue
        for pattern in _NAMED_ONCE:
            if (m := pattern.match(line)) is None:
                continue
            name = re.sub(r"(?:'s|’s)$", "", m.group("name")).rstrip(".")  # "the Courier's", "Courier."
            person = pattern is _FOLLOW_THE and not m.group("the") and _is_person(name)  # "Follow Jane Roe on X"
            if name and not set(name.lower().split()) <= _NOT_A_NAME and not person:
                return name
    return None


# A footer that names the site beside its parent company's copyright: "Riverton Courier is part of
# Northgate Media", "The Courier, a division of ...", "The Courier © 2025 Northgate Media Group",
# "© Northgate Publishing Ltd 2025 | Riverton Courier", "... All rights reserved. The Courier", and a
# share widget's "Email this Riverton Courier story".
_COMPANY = r"(?:the )?[A-Z][\w&'’.-]*(?: (?:[A-Z&][\w&'’.-]*|of|and)){0,5}"
_PART_OF = r",? (?:is )?(?:part of|a division of|a member of|owned by|a publication of) "
_COPYRIGHT_MARK = re.compile(r"©|\((?i:c)\)|(?i:copyright)\b")
# beside a copyright mark, anywhere in the line ("© 2025 Y Newspapers. X is part of Y Newspapers.")
_PART_OF_BESIDE_COPYRIGHT = re.compile(rf"(?:^|[.|•·]\s+){_NAME}{_PART_OF}")
_FOOTER_SITE = [  # else each a whole footer line: in a paragraph, "X, owned by the Y family, ..." is news
    re.compile(rf"^{_NAME}{_PART_OF}{_COMPANY}\.?$"),
    re.compile(rf"^{_NAME},? (?:is )?an? [A-Z][\w&' -]{{1,40}} (?:company|publication|brand|title|newspaper)\.?$"),
    re.compile(
        rf"^{_NAME}\s*(?:©|\(c\)|Copyright\b)[^|]{{0,60}}"
        r"\b(?:Media|Holdings|Publishing|Publications|Group|Newspapers|Communications|Enterprises)\b"
    ),
    re.compile(rf"(?:{_COPYRIGHT_MARK.pattern}).{{1,80}}[|•·]\s*{_NAME}\.?$"),
    re.compile(rf"(?:{_COPYRIGHT_MARK.pattern}).{{1,80}}\b(?i:all rights reserved)\.?\s+{_NAME}\.?$"),
    re.compile(rf"^(?:Email|Share|Print) this {_NAME} (?:story|article|report)$"),
]
_NOT_A_SITE = _NOT_A_NAME | {"photo", "photos", "image", "images", "text", "copyright", "content", "site", "website"}
# a footer's links ("© 2024 Northgate Media | Privacy Policy"): never the site's name
_FOOTER_LINK_WORDS = frozenset(
    {"privacy", "policy", "terms", "conditions", "cookies", "cookie", "contact", "advertise", "sitemap", "careers",
     "accessibility", "rights", "reserved", "subscribe", "feedback", "settings", "preferences", "imprint", "help"}
)  # fmt: skip


def site_in_footer(lines: list[str]) -> str | None:
    """The site a pasted page's footer names beside its parent company (see _FOOTER_SITE)."""
    for line in reversed(lines):
        line = " ".join(line.split())
        if len(line) > NAMED_ONCE_MAX_CHARS:
            continue
        patterns = [_PART_OF_BESIDE_COPYRIGHT, *_FOOTER_SITE] if _COPYRIGHT_MARK.search(line) else _FOOTER_SITE
        for pattern in patterns:
            m = pattern.search(line)
            name = m.group("name").rstrip(".") if m else ""
            words = set(name.lower().split())
            if name and not words <= _NOT_A_SITE and not words & _FOOTER_LINK_WORDS:
                return name
    return None


def _is_person(name: str) -> bool:
    """ "Jane Roe", "Ann B. McKay"; not "The Telegraph" nor "Kyiv Post"."""
    return not name.startswith("The ") and looks_like_person(name)


def known_outlet_name(name: str, table: OutletTable) -> str | None:
    """The table's display name that `name` spells ("BBC News", "the verge" -> "The Verge")."""
    letters = _letters(name).removeprefix("the")
    if len(letters) < 3:
        return None
    return next((v for v in table.sites.values() if _letters(v).removeprefix("the") == letters), None)


def _spells_domain_start(name: str, labels: list[str]) -> bool:
    letters = _letters(name)
    for bare in {letters, letters.removeprefix("the")}:
        if any(label.startswith(bare) and len(bare) >= max(MIN_SPELT, SPELT_SHARE * len(label)) for label in labels):
            return True
    return False


def title_suffix(line: str) -> str | None:
    """ "Headline - Site": the part after the last separator, when it is short enough to be a name."""
    parts = _TITLE_SEPARATORS.split(line.strip())
    last = parts[-1].strip() if len(parts) > 1 else ""
    return last if 0 < len(last.split()) <= 4 else None


def without_site_suffix(title: str, names: list[str | None]) -> str:
    """ "Headline - Site" -> "Headline" when "Site" is one of `names` (the outlet, the site's name)."""
    parts = _TITLE_SEPARATORS.split(title.strip())
    if len(parts) < 2:
        return title
    last = _letters(parts[-1]).removeprefix("the")
    if any(name and _letters(name).removeprefix("the") == last for name in names):
        return title[: title.rfind(parts[-1])].rstrip(" -–—|•·:")
    return title


_LEGAL_FORM = re.compile(r"[,\s]+(?:Inc|LLC|Ltd|Limited|Corp|Corporation|plc|GmbH)\.?$", re.I)


def clean_site_name(name: str) -> str:
    """ "Autoracing | F1 | Indy" -> "Autoracing": the first part of a site name with a tagline,
    without a company's legal form ("Spiceworks Inc" -> "Spiceworks")."""
    first = re.split(r"\s+[|•·]\s+|\s+[-–—]\s+", name.strip(), maxsplit=1)[0].strip()
    return _LEGAL_FORM.sub("", first) or first


def _without_sections(head: str) -> str:
    """ "Headline | World | News" -> "Headline": short section names after a pipe."""
    parts = head.split(" | ")
    while len(parts) > 1 and len(parts[-1].split()) <= 3:
        parts.pop()
    return " | ".join(parts)


_BREADCRUMB = re.compile(r"^.{1,60}?\s(?:>>|»|›)\s+")


def bare_headline(title: str) -> str:
    """A headline without breadcrumbs before it ("Local News >> ") or section names after a pipe."""
    return _without_sections(_BREADCRUMB.sub("", title.strip()))


OPENING_SHARE = 0.5  # of the domain's label that a site name's main word spells from its start


def _opens_domain(name: str, host: str) -> bool:
    """ "The Beachbody Blog"/beachbodyondemand.com: the name's main word opens the domain's label."""
    words = [w for w in re.findall(r"[a-z0-9]+", name.lower()) if w not in {"the", "a", "of"}]
    main = words[0] if words else ""
    labels = [_letters(x) for x in host.lower().split(".")[:-1]]
    return len(main) >= MIN_SPELT and any(x.startswith(main) and len(main) >= OPENING_SHARE * len(x) for x in labels)


def split_title_suffix(line: str, url: str | None, table: OutletTable) -> tuple[str, str] | None:
    """("Headline", "Outlet") when a page title ends with the site's name; None otherwise."""
    parts = _TITLE_SEPARATORS.split(line.strip())
    if len(parts) < 2:
        return None
    host = host_of(url)
    known = outlet_from_url(url, table)
    for cut in range(len(parts) - 1, 0, -1):  # the site name is the last part or the last few
        suffix = " - ".join(parts[cut:])
        head = line[: line.rfind(parts[cut])].rstrip(" -–—|•·:")
        if not head or len(suffix) > 60:
            continue
        fits = (known is not None and _letters(suffix).startswith(_letters(known))) or (  # "CNNPolitics"
            host is not None and (name_matches_host(suffix, host) or _opens_domain(suffix, host))
        )
        if fits:
            # "Headline | Valley Herald | World": the part that names the site, without the section after it
            alone = parts[cut].strip()
            name = alone if host is not None and known is None and name_matches_host(alone, host) else suffix.strip()
            return _without_sections(head.strip()), known or name
    return None


_TITLE_PREFIX = re.compile(r"^(?P<name>[^:|–—-]{2,40}?)(?::|\s+[|–—-])\s+(?P<head>.{12,})$")


def split_title_prefix(line: str, url: str | None, table: OutletTable) -> tuple[str, str] | None:
    """("Headline", "Outlet") when a page title opens with the site's name: "Site: Headline"."""
    m = _TITLE_PREFIX.match(line.strip())
    host = host_of(url)
    if m is None or host is None:
        return None
    name, known = m.group("name").strip(), outlet_from_url(url, table)
    if (known is not None and _letters(known) == _letters(name)) or name_matches_host(name, host):
        return m.group("head").strip(), known or name
    return None


def title_prefix_of(title: str, headline: str) -> str | None:
    """ "Site: Headline" when the page's headline is `headline`: the name before it."""
    m = _TITLE_PREFIX.match(title.strip())
    same = m is not None and _letters(m.group("head")) == _letters(headline)
    return m.group("name").strip() if m is not None and same and len(m.group("name").split()) <= 4 else None


# --- credits in the text -------------------------------------------------------------------------

_YEAR = r"(?:(?:19|20)\d\d(?:\s*[-–]\s*(?:19|20)\d\d)?)"
_NAME_WORD = r"[A-Z][\w&.'’-]*"
_DOMAIN = r"(?i:[a-z0-9][a-z0-9-]*\.[a-z]{2,}(?:\.[a-z]{2})?)(?![\w.-])"  # "© 2019 vse-diety.com"
# Case matters in the name (capitalised words: "© 2019 BBC. The BBC is not responsible" holds "BBC"),
# not in the marks before it.
COPYRIGHT = re.compile(
    rf"(?i:©|\(c\)|copyright\b)\s*(?:©\s*)?(?i:copyright\b\s*)?(?:{_YEAR}\s*,?\s*)?(?i:by\s+)?"
    rf"(?P<name>{_DOMAIN}|{_NAME_WORD}(?:\s+(?:{_NAME_WORD}|of|and|&|for)){{0,5}})"
)
_SENTENCE_END = re.compile(r"(?<=[a-z)])\.\s.*$|(?<=[A-Z]{2})\.\s.*$")  # "Network. A Time Warner Company"
_LEGAL = re.compile(r"\s*,?\s*\b(?:Inc|LLC|Ltd|Limited|Corp|Corporation|plc|GmbH|S\.A|All rights reserved)\b.*$", re.I)
# "Kyiv • UNN", "KYIV, June 17 /UNN/": a place, then the outlet that filed the report.
DATELINE_OUTLET = re.compile(  # not "Sign in / Sign up": a slash dateline closes its name, "/UNN/"
    r"^[A-Z][\w'’-]+(?: [A-Z][\w'’-]+)?,?(?: [^•·/]{0,20})? "
    r"(?:[•·] ?(?P<name>[A-Z][\w-]{1,20})\b|/ ?(?P<slashed>[A-Z]{2,10}) ?/)"
)


def copyright_holder(line: str) -> str | None:
    if len(line) > 160 or not ("©" in line or "opyright" in line.lower() or "(c)" in line.lower()):
        return None
    m = COPYRIGHT.search(line)
    if m is None:
        return None
    name = _LEGAL.sub("", _SENTENCE_END.sub("", m.group("name"))).strip(" .,")
    if len(name) < 2 or name.lower() in {"all", "the", "by", "and", "photo", "image", "getty", "getty images"}:
        return None
    return name


# "DETROIT (FOX 2) - Police said", "[JURIST] Ousted president ...": the outlet's own credit opening the body
# (an agency's, "(AP)", is the wire: the caller tells them apart)
_OWN_CREDIT = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3},?(?: [A-Z][a-z]+)? \((?P<paren>[A-Z][\w.&' -]{1,20})\)\s*[-–—]\s"
    r"|\[(?P<bracket>[A-Z][\w.&' -]{1,20})\]\s+[A-Z\"“])"
)
_NOT_CREDITS = {"update", "updated", "video", "photos", "photo", "watch", "live", "exclusive", "breaking", "audio"}


def own_credit(line: str) -> str | None:
    """The name in "DETROIT (FOX 2) -" or "[JURIST]" opening the body."""
    m = _OWN_CREDIT.match(line)
    name = (m.group("paren") or m.group("bracket")).strip() if m else ""
    return name if name and name.lower() not in _NOT_CREDITS else None


def dateline_outlet(line: str) -> str | None:
    m = DATELINE_OUTLET.match(line) if len(line) < 400 and ("•" in line or "·" in line or "/" in line) else None
    return (m.group("name") or m.group("slashed")) if m else None


# "... towards the Police Headquarters, Ada Derana reporter said.": the site's own reporter, without "a"
# ("a BBC reporter said" in another site's report is someone else's)
_OWN_REPORTER = re.compile(
    r"(?<![Aa] )(?<![Aa]n )(?<![Tt]he )(?<![\w’'])(?P<name>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,2}) "
    r"(?:reporter|correspondent)s? (?:said|says|reported|reports|added)\b"
)


def own_reporter(lines: list[str]) -> str | None:
    """The name of the site whose reporter the text cites, when it does so at least twice."""
    counts: dict[str, int] = {}
    for line in lines:
        for m in _OWN_REPORTER.finditer(line):
            counts[m.group("name")] = counts.get(m.group("name"), 0) + 1
    best = max(counts, key=lambda k: counts[k], default=None)
    return (
        best if best is not None and counts[best] >= MIN_MENTIONS else None
    )  # "Jane Roe reporter said": no one writes


@functools.cache
def _wire_regex(written: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True))
    return re.compile(
        rf"\((?P<a>{names})\)"  # "(Reuters)", "KYIV (AP) —"
        rf"|^(?P<b>{names})\s*$"  # the agency alone on its line
        rf"|[-–—]\s*(?P<c>{names})\s*$"  # "... - AFP" ending a paragraph
        rf"|^[A-Z][A-Za-z ,.'-]{{1,40}}\s*[-–—,]\s*(?P<d>{names})\s*[-–—:]"  # "MOSCOW, June 17 - Reuters -"
        rf"|^(?P<e>{names})\s*[-–—]\s"  # "AFP - Officials said"
        rf"|^[A-Z][A-Za-z .'-]{{1,30}},?\s*\((?P<h>{names})\s*[-–—,/]"  # "Cotonou, (APP - UrduPoint / ..."
        # "AFP , Wednesday 31 Oct 2012", "Mar 14, 2018, 21:31 IST | IANS": the agency beside the dateline
        rf"|^(?P<f>{names})\s*[,|•·]\s*[^|•·]{{0,40}}\b(?:19|20)\d\d\b[^|•·]{{0,25}}$"
        rf"|^[^|•·]{{0,40}}\b(?:19|20)\d\d\b[^|•·]{{0,25}}[|•·]\s*(?P<g>{names})\s*$"
    )


@functools.cache
def _closing_credit(written: tuple[str, ...]) -> re.Pattern[str]:
    """ "... the official told reporters. Agence France Presse": the agency named after a paragraph's
    last sentence, with no dash (the credit line run into the paragraph)."""
    names = "|".join(re.escape(n) for n in sorted(written, key=len, reverse=True) if " " in n)  # written out
    if not names:  # a table of short credits only ("AP", "AFP"): an empty group would match every sentence
        return re.compile(r"(?!)")
    return re.compile(rf"[\w)][.!?][”\"]?\s+(?P<i>{names})\s*$")


_PHOTO_CREDIT = re.compile(r"\b(?:photo|picture|image|file|credit|illustration|video)s?\b\s*(?:[:/(]|by)", re.I)


def wire_credit(line: str, table: OutletTable) -> str | None:
    """The agency credited for the report in this line; photo credits ("PHOTO: AFP") do not count."""
    if len(line) > 2000 or _PHOTO_CREDIT.search(line[:300]):
        return None
    m = _wire_regex(tuple(table.wires)).search(line[:300]) or _closing_credit(tuple(table.wires)).search(line[-120:])
    if m is None:
        return None
    written = next(g for g in m.groups() if g)
    return table.wires.get(written)
