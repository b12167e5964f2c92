"""The article and its source details from text as pasted or saved from a site.

The seed ``seeds/000_6720225e856085cf.txt`` is the model: a title, a header of
byline and dates, the article, and a footer of copyright, calls to action and
disclaimers.
"""

from __future__ import annotations

import datetime
import re

from medialit.drafting.cleanup import (
    article_text,
    body,
    is_boilerplate,
    is_footer,
    join_broken,
    marker,
    plain,
    split_raw_blocks,
    take_glossary,
)
from medialit.drafting.draft import ExtractedArticle, SourceDetails

BODY_WORDS = 12
"""A paragraph this long (or longer) starts the article; shorter lines above it are its header."""
TITLE_WORDS = 25
CAPS_TITLE_WORDS = 8
SENTENCE_WORDS = 4
"""A shorter line above the article ("Staff Writer.", "Updated.") is a header's, not a deck."""

_BYLINE = re.compile(r"^by\s+(?P<name>[^,|]+)", re.I)
_MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
_DATE = re.compile(
    rf"(?P<mdy>\b(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}\b)"
    rf"|(?P<dmy>\b\d{{1,2}}\s+(?:{_MONTHS})\.?,?\s+\d{{4}}\b)"
    r"|(?P<iso>\b\d{4}-\d{2}-\d{2}\b)"
    rf"|(?P<my>\b(?:{_MONTHS})\.?\s+\d{{4}}\b)",
    re.I,
)
_ORIGINAL_SOURCE = re.compile(
    r"^the original source of this article is\s+(?P<outlet>.+?)\.?$", re.I
)
_CAPS_DECK = re.compile(r"[^a-z|>»]+$")
"""A deck in capitals under a headline in capitals; not a breadcrumb ("NEWS | LOCAL")."""
_SITE_LINE = re.compile(
    r"(?:listen to|(?:last )?updated|published|posted|reading time|\d+\s*min(?:ute)?s?\s+read|"
    r"this (?:article|story) (?:is|has been|was)|skip to|save this|log in|you have \d+|"
    r"story continues|photo by|image courtesy|editor'?s note|(?:opinion|analysis|written) by|"
    r".{0,60}\bcontributed to this (?:report|story)|for immediate release|"
    r"[\w.' -]{1,40},?\s+(?:staff (?:writer|reporter)|correspondent|contributing (?:writer|editor))"
    r"\.?$)",
    re.I,
)
"""A site's line above an article that reads as a sentence ("Listen to this article.")."""
_COPYRIGHT = re.compile(r"(?:copyright\s*)?©.*|copyright\b.*", re.I)


def extract_text(text: str) -> ExtractedArticle:
    """The article of a pasted or saved text, with what its header and footer say."""
    blocks = split_raw_blocks(text)
    details = SourceDetails()
    if blocks and _is_title(blocks[0]):
        details.title = plain(body(blocks.pop(0)))
    start = next((i for i, b in enumerate(blocks) if _starts_article(b)), 0)
    caps = bool(details.title and details.title.isupper())  # an old paper's: decks in capitals
    if start > 0 and _a_deck(blocks[0], caps) and not any(map(_dated_or_signed, blocks[1:start])):
        start = 0  # "MYTH: Lightning never strikes the same place twice.", then the article
    header, rest = blocks[:start], blocks[start:]
    _read_header(header, details)
    end = next(
        (i for i, b in enumerate(rest) if i > 0 and (is_footer(b) or _is_bio(b, details))),
        len(rest),
    )
    article_blocks, footer = rest[:end], rest[end:]
    _read_footer(footer, details)
    kept = [b for b in article_blocks if not is_boilerplate(b)]
    kept, glossary = take_glossary(join_broken(kept))
    return ExtractedArticle(article_text(kept), details, glossary)


def _is_title(block: str) -> bool:
    text = plain(body(block))
    return (
        marker(block) != "- "
        and len(text.split()) <= TITLE_WORDS
        and (not text.endswith(".") or _caps_title(text))
        and not is_boilerplate(block)
    )


def _caps_title(text: str) -> bool:
    """An old paper's headline in capitals, with its full stop ("CAUSED BY SPANIARDS."): short,
    one sentence, and no site's line ("FOR IMMEDIATE RELEASE.")."""
    words = len(text.split())
    one = not re.search(r"[.!?]\W", text)
    return text.isupper() and words <= CAPS_TITLE_WORDS and one and not _SITE_LINE.match(text)


def _starts_article(block: str) -> bool:
    return (
        not marker(block) and len(plain(block).split()) >= BODY_WORDS and not is_boilerplate(block)
    )


def _a_deck(block: str, caps: bool) -> bool:
    """A short first paragraph that students read, a sentence or an old paper's deck in
    capitals ("SHOWN BY THE OFFICIAL REPORT OF THE NAVAL COURT OF INQUIRY"): the article has
    begun, unless a byline or a date follows it; not a site's line ("Updated 3 hours ago.")."""
    text = plain(body(block))
    return (
        not marker(block)
        and len(text.split()) >= SENTENCE_WORDS
        and bool(re.search(r"[.!?][\"”’']?$", text) or (caps and _CAPS_DECK.match(text)))
        and not _dated_or_signed(block)
        and not _SITE_LINE.match(text)
        and not is_boilerplate(block)
    )


def _dated_or_signed(block: str) -> bool:
    text = plain(body(block))
    return bool(_BYLINE.match(text)) or parse_date(text) is not None


def _is_bio(block: str, details: SourceDetails) -> bool:
    """ "Alexander Orlov is a political scientist…": the author's note that ends an article."""
    author = details.author
    return bool(author) and plain(block).startswith(f"{author} is ")


def parse_date(text: str) -> str | None:
    """The first date in ``text`` as ``YYYY-MM-DD`` (or ``YYYY-MM`` for "October 2017")."""
    found = _DATE.search(text)
    if not found:
        return None
    words = found.group(0).replace(",", " ").replace(".", " ")
    words = re.sub(r"\bsept\b", "sep", words, flags=re.I)
    for pattern, shape in (
        ("%B %d %Y", "%Y-%m-%d"),
        ("%b %d %Y", "%Y-%m-%d"),
        ("%d %B %Y", "%Y-%m-%d"),
        ("%d %b %Y", "%Y-%m-%d"),
        ("%Y-%m-%d", "%Y-%m-%d"),
        ("%B %Y", "%Y-%m"),
        ("%b %Y", "%Y-%m"),
    ):
        try:
            return datetime.datetime.strptime(" ".join(words.split()), pattern).strftime(shape)
        except ValueError:
            continue
    return None


_ROLE = re.compile(
    r"\b(?:staff|writer|reporter|correspondent|editor|columnist|contributor|intern|"
    r"photographer|desk)\b",
    re.I,
)
"""A role after a byline's name ("By Jane Doe, Staff Writer, May 3, 2024"), not an outlet."""

# A name's own last full stop: an initial ("Jane Q.") or one of these ("John Smith Jr.").
_NAME_ABBREVIATIONS = frozenset({"Jr", "Sr", "Esq", "Dr", "St", "Ph.D", "M.D", "Inc", "Co", "Ltd"})


_OUTLET = re.compile(r"(?:The\s+)?[A-Z][\w'’&.-]*[a-z][\w'’&.-]*(?:\s+[A-Z][\w'’&.-]*){0,5}")
"""A publication's name: capitalised words, one with small letters (not a dateline in capitals)."""
_NOT_OUTLETS = _NAME_ABBREVIATIONS | frozenset(
    {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
    | {"Updated", "Published", "Posted"}
)


def _without_line_stop(name: str) -> str:
    """ "By Jane Doe." and "By Jane Li." end with the line's full stop, "By John Smith Jr."
    and "By Jane Q." with the name's own."""
    if not name.endswith("."):
        return name
    last = name.rsplit(None, 1)[-1].rstrip(".")
    if len(last) == 1 or last in _NAME_ABBREVIATIONS or "." in last:  # "Jane Q.", "J.D."
        return name
    return name[:-1]


def _read_header(header: list[str], details: SourceDetails) -> None:
    """Byline and "Outlet, date" lines; the earliest date is the first publication."""
    dated: list[tuple[str, str | None]] = []
    for block in header:
        text = plain(body(block))
        byline = _BYLINE.match(text)
        if byline and details.author is None:
            details.author = _without_line_stop(byline["name"].strip())
            text = text[byline.end() :]  # "By Jane Doe, The Echo, 14 May 2025": outlet, date
            dated_by = _DATE.search(text)
            if dated_by is None:
                continue
            # "By Jane Doe, The Echo, 14 May 2025": the outlet only when one part beside the
            # date reads as one (not "Jr.", "WASHINGTON", "Tuesday", "Staff Writer", a time)
            parts = [p.strip() for p in re.split(r"[,|·]", _DATE.sub("", text)) if p.strip()]
            outlet = parts[0] if len(parts) == 1 and _OUTLET.fullmatch(parts[0]) else None
            if outlet is None or _ROLE.search(outlet) or outlet.rstrip(".") in _NOT_OUTLETS:
                text = dated_by.group(0)
            else:
                text = f"{outlet}, {dated_by.group(0)}"
        if is_boilerplate(block):
            continue
        found = _DATE.search(text)
        date = parse_date(text)
        if found and date:
            name = (text[: found.start()] + text[found.end() :]).strip(" ,|–—-·:")
            dated.append((date, name or None))
    dated.sort(key=lambda item: item[0])
    if dated:
        details.published, details.outlet = dated[0]
    later = [item for item in dated[1:] if item[1] and item[1] != details.outlet]
    if later and len(later[-1][0]) == 10:
        details.republished, details.republished_by = later[-1]


def _read_footer(footer: list[str], details: SourceDetails) -> None:
    for block in footer:
        text = plain(body(block))
        copyright = _COPYRIGHT.search(text)
        if copyright and details.licence is None:
            details.licence = copyright.group(0).strip()
            text = text[: copyright.start()].strip()
        original = _ORIGINAL_SOURCE.match(text)
        if original and details.outlet is None:
            details.outlet = original["name"].strip()
