"""The lesson a saved page was drafted into before, found without trafilatura or htmldate.

``medialit new PAGE`` names a lesson from the page's title and the year of its date, as
trafilatura and htmldate find them: loading the two takes most of the time of refusing a
lesson that exists already. A page kept byte for byte as ``seeds/<name>.html`` beside
``lessons/<name>.yaml`` was drafted before; it is refused at once when every title the page
gives (its meta titles, JSON-LD headlines, ``<title>`` and ``<h1>``) names that lesson, and
every date in its meta tags, JSON-LD and address has the year the name ends with. Where
anything is unsure (one title or date disagreeing, a title trafilatura would clean
differently, no date a header gives) the answer is ``None``, and ``new`` finds the name as
it always has; so a quick refusal never names another lesson than the slow one would
(``tests/test_check28_keptpage.py`` compares the two on saved pages).
"""

from __future__ import annotations

import datetime
import html
import json
import re
import unicodedata
from pathlib import Path
from typing import Any

from medialit.drafting.naming import name_from

# Elements that may stand in a page's <head>: a meta tag after any other is in the body
# for lxml, where trafilatura does not look for titles.
_HEAD_TAGS = {"html", "head", "meta", "title", "link", "script", "style", "base", "noscript"}
# meta names (lower case) trafilatura reads a title from; og:title and itemprop="headline" too.
_TITLE_NAMES = {
    "citation_title",
    "dc.title",
    "dcterms.title",
    "fb_title",
    "headline",
    "parsely-title",
    "sailthru.title",
    "shareaholic:title",
    "rbtitle",
    "title",
    "twitter:title",
}
_DATE_WORDS = ("date", "time", "published", "modified", "created", "issued")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")
_URL_YEAR = re.compile(r"(?<!\d)(19\d\d|20\d\d)(?!\d)")
_ADDRESS_KEYS = ("og:url", "twitter:url", "canonical")
# trafilatura and medialit clean a title of these (entities, tags, Markdown links,
# JSON escapes): a title holding one may come out with other words.
_UNSURE_CHARACTERS = re.compile(r"[&<>\[\]\\]")
_TITLE_PARTS = re.compile(r"\s+[–•·—|⁄*⋆~‹«<›»>:-]\s+")  # as trafilatura splits <title>
_OLDEST = datetime.date(1995, 1, 1)  # htmldate takes no earlier date
_TAG_START = re.compile(r"<(/?[A-Za-z][A-Za-z0-9:_-]*)")
# A whole tag with at most _MAX_TAG characters of attributes: each try stops at the next
# < or >, so the page is read in a time that grows with its length alone. A tag that a > in
# a quoted value cuts short fails _WHOLE_TAG, and makes the reader unsure.
_MAX_TAG = 8_000
_TAG = re.compile(rf"<(/?)([A-Za-z][A-Za-z0-9:_-]*)([^<>]{{0,{_MAX_TAG}}})>")
_ATTRIBUTE_TEXT = r"""([^\s"'<>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?"""
_ATTRIBUTE = re.compile(_ATTRIBUTE_TEXT)
_WHOLE_TAG = re.compile(rf"(?:\s*+{_ATTRIBUTE_TEXT})*+\s*/?\s*")
_READ_TAGS = {"meta", "title", "h1", "script", "link", "time"}
_WHOLE_ELEMENTS = ("script", "style", "title", "h1")
_MAX_ELEMENT = 20_000  # a <title> or <h1> longer than this is not read: unsure
_INNER_TAG = re.compile(r"<[^<>]*>")


def kept_page_lesson(data: bytes, text: str, suffix: str, working_folder: Path) -> str | None:
    """The name of the lesson this page was drafted into before, when sure; else ``None``."""
    name = _kept_as(data, suffix, working_folder)
    if name is None:
        return None
    return name if page_name(text) == name else None


def page_name(text: str) -> str | None:
    """The lesson's name that the page's titles and dates give, or ``None`` if unsure."""
    return _PageReader(text).name()


def _kept_as(data: bytes, suffix: str, working_folder: Path) -> str | None:
    """The lesson whose seed is this very page (the same bytes), if one exists."""
    seeds = working_folder / "seeds"
    if not suffix or not seeds.is_dir():
        return None
    for seed in seeds.iterdir():
        if (
            seed.suffix == suffix
            and (working_folder / "lessons" / f"{seed.stem}.yaml").is_file()
            and seed.is_file()
            and seed.stat().st_size == len(data)
            and seed.read_bytes() == data
        ):
            return seed.stem
    return None


class _PageReader:
    """Every title and every date a page gives, in its head, JSON-LD and headings.

    Read with regular expressions that look a bounded way ahead, so that the time grows
    with the page's length alone: Python 3.11's html.parser takes 30 s over 120 KB of
    unclosed attributes. Whatever is not read whole (a tag too long, a title with no end)
    makes the reader unsure.
    """

    def __init__(self, text: str) -> None:
        self.meta_titles: list[str] = []
        self.other_titles: list[str] = []
        self.dates: list[str] = []
        self.header_dates = 0
        self.addresses: list[str] = []
        self.page_titles: list[str] = []
        self.unsure = False
        self.in_head = True
        self._read(text)

    def _read(self, text: str) -> None:
        at = 0
        while (found := _TAG_START.search(text, at)) is not None:
            tag = _TAG.match(text, found.start())
            name = found[1].lower().lstrip("/")
            if tag is None or (name in _READ_TAGS and not _WHOLE_TAG.fullmatch(tag[3])):
                # A tag too long to read, or cut off: a title or date may hide in it.
                self.unsure = self.unsure or name in _READ_TAGS
                at = found.end()
                continue
            at = tag.end()
            if tag[1]:  # an end tag
                continue
            if name not in _HEAD_TAGS:
                self.in_head = False
            values = _attributes(tag[3])
            if name in _WHOLE_ELEMENTS:
                # Scripts and styles to their end, as a browser reads them: a "<" in them
                # starts no tag.
                end = at + _MAX_ELEMENT if name in ("title", "h1") else len(text)
                close = _end_tag(text, name, at, end)
                if close < 0:
                    self.unsure = True
                    return
                self._element(name, values, text[at:close])
                at = close
            elif name == "meta":
                self._meta(values)
            elif name == "link" and values.get("rel", "").lower() == "canonical":
                self.addresses.append(values.get("href", ""))
            elif name == "time" and values.get("datetime"):
                self.dates.append(values["datetime"])

    def _element(self, name: str, values: dict[str, str], inner: str) -> None:
        if name == "title":
            self.page_titles.append(_text_of(inner))
        elif name == "h1":
            self.other_titles.append(_text_of(inner))
        elif name == "script" and values.get("type", "").lower() == "application/ld+json":
            self._json(inner)

    def _meta(self, values: dict[str, str]) -> None:
        content = values.get("content", "").strip()
        kinds = [values.get(key, "").lower() for key in ("property", "name", "itemprop")]
        if not content:
            return
        if self.in_head and ("og:title" in kinds or "headline" in kinds or _TITLE_NAMES & {*kinds}):
            self.meta_titles.append(content)
        elif not self.in_head and any("title" in kind or kind == "headline" for kind in kinds):
            self.other_titles.append(content)  # not trafilatura's, but it must agree too
        if any(kind in _ADDRESS_KEYS for kind in kinds):
            self.addresses.append(content)
        if any(word in kind for kind in kinds for word in _DATE_WORDS):
            self.dates.append(content)
            self.header_dates += 1

    def _json(self, text: str) -> None:
        try:
            found = json.loads(text)
        except ValueError:
            self.unsure = True  # trafilatura reads it with its own patterns
            return
        for key, value in _items(found):
            lowered = key.lower()
            if lowered == "headline" and isinstance(value, str):
                self.other_titles.append(value)
            elif lowered.startswith("date") and isinstance(value, str):
                self.dates.append(value)
                self.header_dates += 1
            elif lowered in ("url", "@id") and isinstance(value, str):
                self.addresses.append(value)

    def name(self) -> str | None:
        """The lesson's name as the page's titles and dates give it, or ``None`` if unsure."""
        title = self._title()
        year = self._year()
        if title is None or year is None or self.unsure:
            return None
        return name_from(title, f"{year}-01-01")

    def _title(self) -> str | None:
        if not self.meta_titles:
            return None  # trafilatura would look elsewhere (headings, classes): unsure
        titles = self.meta_titles + self.other_titles + self.page_titles
        if any(_unclean(title) for title in titles):
            return None
        words = _words(self.meta_titles[0])
        if any(_words(title) != words for title in self.meta_titles + self.other_titles):
            return None
        # <title> often adds the site's name: the whole, its first part or its last agrees.
        for title in self.page_titles:
            parts = _TITLE_PARTS.split(title.strip())
            if words not in {_words(title), _words(parts[0]), _words(parts[-1])}:
                return None
        return self.meta_titles[0]

    def _year(self) -> int | None:
        if not self.header_dates:
            return None  # htmldate would search the text: unsure
        years = set()
        today = datetime.date.today()
        for value in self.dates:
            match = _ISO_DATE.match(value)
            if match is None:
                return None
            try:
                date = datetime.date(*(int(part) for part in match.groups()))
            except ValueError:
                return None
            if not _OLDEST <= date <= today:
                return None
            years.add(date.year)
        for address in self.addresses:
            years.update(int(year) for year in _URL_YEAR.findall(address))
        return years.pop() if len(years) == 1 else None


def _end_tag(text: str, name: str, start: int, end: int) -> int:
    """Where ``</name`` (in any case) is first written in ``text[start:end]``, or -1."""
    found = re.compile(rf"</{name}\b", re.IGNORECASE).search(text, start, end)
    return found.start() if found else -1


def _attributes(text: str) -> dict[str, str]:
    """A tag's attributes, names in lower case and values with their entities read (as
    html.parser gives them); the first of a repeated name wins, as in lxml."""
    values: dict[str, str] = {}
    for found in _ATTRIBUTE.finditer(text):
        value = found[2] if found[2] is not None else found[3] if found[3] is not None else found[4]
        values.setdefault(found[1].lower(), html.unescape(value or ""))
    return values


def _text_of(inner: str) -> str:
    """An element's text: its inner tags left out, its entities read."""
    return html.unescape(_INNER_TAG.sub(" ", inner))


def _words(title: str) -> str:
    return name_from(title, None)


def _unclean(title: str) -> bool:
    """A title that trafilatura or medialit would clean into other words, maybe."""
    return bool(_UNSURE_CHARACTERS.search(title)) or any(
        unicodedata.category(c) in ("Cc", "Cf") and not c.isspace() for c in title
    )


def _items(found: Any) -> list[tuple[str, Any]]:
    """Every key and value in a JSON document, however nested."""
    items: list[tuple[str, Any]] = []
    stack = [found]
    while stack:
        value = stack.pop()
        if isinstance(value, dict):
            items.extend(value.items())
            stack.extend(value.values())
        elif isinstance(value, list):
            stack.extend(value)
    return items
