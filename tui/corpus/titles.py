"""Is a line a report's headline? Photo captions, credits, standfirsts and bylines are not."""

from __future__ import annotations

import re

# "About 50,000 homes have been destroyed PHOTO: AFP", "Sergei Shoigu in 2020 (Malivoja/Dreamstime)",
# "FILE PHOTO: ...", "(Photo by Jane Roe/Getty Images)", "Image: Reuters", "Credit: AP".
_CAPTION = re.compile(
    r"\b(?:photos?|pictures?|images?|credit|illustration|file photo|video|graphic)\s*(?:[:|]|by\b|courtesy\b)"
    r"|^(?:FILE|FILE PHOTO|PHOTO|IMAGE)\b\s*[:-]"
    r"|\([^()]{1,50}/[^()]{1,50}\)\s*$"  # (Photographer/Agency)
    r"|\b(?:Getty Images|Shutterstock|Dreamstime|iStock|Alamy|EPA-EFE|AFP via Getty|via Reuters|via AP)\b"
    r"|/(?:AFP|AP|Reuters|EPA|TASS|Getty)\b"
    r"|:\s*(?:AFP|AP|Reuters|EPA|AAP|Getty Images)\s*$"  # "Tony Webster via You Witness News: Reuters"
    r"|\b(?:pictured|seen here|in this (?:handout |file )?(?:photo|picture|image))\b"
    r"|\.\s+\|\s*$",  # "... protest in the assembly on Tuesday. |": a caption whose credit was an image
    re.I,
)
_CREDIT = re.compile(
    r"^(?:(?:analysis|opinion|commentary|review|column|story|text|words|photos?|video|reporting|written|edited"
    r"|compiled) )?by\b|^additional reporting\b"
    r"|^[\w .'’-]{1,40}\b(?:news service|news agency|bureau|staff reporter|correspondent)$",  # "Tribune News Service"
    re.I,
)
# "Money + Investments", "Arts & Culture": a section's name ("Cats and Dogs" can be a headline)
_SECTION = re.compile(r"^[A-Z][\w-]*(?: [A-Z][\w-]*)? (?:&|\+|/) [A-Z][\w-]*(?: [A-Z][\w-]*)?$")
# "Cox Media Group National Content Desk", "Web Desk": the desk that filed it, not a headline
_DESK = re.compile(r"^[A-Z][\w .&'’-]{0,50}\b(?:Desk|News Team|Web Team)$")
# page furniture shaped like a headline: "Estimated read time: Less than a minute", "5 min read",
# "Your video will play in 00:25", "Interested in fire protection? Click here."
_FURNITURE = re.compile(
    r"\b(?:read(?:ing)? time|min(?:ute)?s? read|video will (?:play|start|begin)|click here|tap here)\b"
    r"|\b(?:appears|published|posted|updated|written|filed)\s+(?:on|at|by|in)\s*:?$",  # "The story appears on"
    re.I,
)
# "New Delhi, March 27", "LEGAZPI CITY, June 14": a yearless dateline, never a headline
_DATELINE = re.compile(
    r"^[A-Z][\w .'/-]{1,40},\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2}$", re.I
)
# "A man wades through floodwater in Riverton on Tuesday.": a sentence ending with the day it happened is
# a photo's caption (or a standfirst), never a headline; kept out of is_caption, which also drops body
# paragraphs ("The vote is expected on Tuesday.")
_WHEN_SENTENCE = re.compile(
    r"\b(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
    r"(?:,? (?:[A-Z][a-z]+ \d{1,2}|\d{1,2} [A-Z][a-z]+)(?:,? \d{4})?)?\.\s*$"
)
MAX_HEADLINE_WORDS = 30


# "VIDEO + PHOTOS: Police arrest mall shooting suspect", "WATCH: Crowds greet the team": a headline
# labelled with what the page shows (upper case, a headline after it); "PHOTO: AFP" and "FILE PHOTO: A
# man walks past ..." stay captions
_MEDIA_LABEL = re.compile(
    r"^(?:VIDEOS?|PHOTOS|WATCH|LISTEN|GALLERY|IN PICTURES)(?:\s*[+&]\s*(?:VIDEOS?|PHOTOS))?\s*:\s+(?P<rest>.+)$"
)
MEDIA_LABELLED_WORDS = 4


def is_caption(text: str) -> bool:
    if (m := _MEDIA_LABEL.match(text.strip())) and len(m.group("rest").split()) >= MEDIA_LABELLED_WORDS:
        rest = m.group("rest").rstrip()
        return rest.endswith(".") or bool(_CAPTION.search(rest))  # "PHOTOS: Crowds gather in the square."
    return bool(_CAPTION.search(text))


def is_byline_or_furniture(text: str) -> bool:
    """ "Analysis by Jane Roe, Editor-at-large", "Estimated read time: 2 minutes": never a title."""
    text = text.strip()
    return bool(_CREDIT.match(text) or _DESK.match(text) or _FURNITURE.search(text) or _DATELINE.match(text))


def is_headline(text: str) -> bool:
    """Shaped like a headline: a few words, no caption or credit, not a full sentence paragraph."""
    words = text.split()
    if not 3 <= len(words) <= MAX_HEADLINE_WORDS or len(text) > 250:
        return False
    if is_caption(text) or is_byline_or_furniture(text) or text.startswith(("http", "www.")):
        return False
    if not text[0].isupper() and not text[0].isdigit() and text[0] not in "\"'‘“«":
        return False
    # a standfirst or body sentence: long, ending with a full stop, or written with the articles and
    # auxiliaries a headline leaves out
    return not (text.endswith(".") and (len(words) > 16 or is_lead_sentence(text)))


# "A wanted man was arrested by police on the coast.": a sentence as the body writes it, with an article
# and a lower-case auxiliary; headlines drop both ("Police arrest wanted man on coast."), and one in
# title case capitalises the verb ("Stock Is Falling After Its Earnings Release.")
_ARTICLE = re.compile(r"(?:^|\s)(?:[Aa]n?|[Tt]he)\s")
_AUXILIARY = re.compile(r"\s(?:is|are|was|were|has|have|had|will|would|been)\s")


def is_lead_sentence(text: str) -> bool:
    """A sentence ending with a full stop, worded as a report's first paragraph rather than a headline."""
    text = text.strip()
    return text.endswith(".") and bool(_ARTICLE.search(text)) and bool(_AUXILIARY.search(text))


def is_section_name(text: str) -> bool:
    """ "Money + Investments", "Arts & Culture": a line of the page naming a section, not a headline."""
    return bool(_SECTION.match(text.strip()))


def is_dated_sentence(text: str) -> bool:
    """A sentence ending with the weekday it tells of: a caption or a standfirst, not a headline."""
    return bool(_WHEN_SENTENCE.search(text))
