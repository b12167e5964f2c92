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
import json
import re
import unicodedata
from html.parser import HTMLParser
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


def kept_page_lesson(data: bytes, text: str, suffix: str, working_folder: Path) -> str | None:
    """The name of the lesson this page was drafted into before, when sure; else ``None``."""
    name = _kept_as(data, suffix, working_folder)
    if name is None:
        return None
    reader = _PageReader()
    try:
        reader.feed(text)
        reader.close()
    except Exception:  # html.parser gives up on little, but a page is anyone's markup
        return None
    return name if reader.name() == name else None


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


class _PageReader(HTMLParser):
    """Every title and every date a page gives, in its head, JSON-LD and headings."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta_titles: list[str] = []
        self.other_titles: list[str] = []
        self.dates: list[str] = []
        self.header_dates = 0
        self.addresses: list[str] = []
        self.page_titles: list[str] = []
        self.unsure = False
        self.in_head = True
        self.capture: str | None = None  # "title", "h1" or "json"
        self.captured: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag not in _HEAD_TAGS:
            self.in_head = False
        if tag == "meta":
            self._meta(values)
        elif tag == "link" and values.get("rel", "").lower() == "canonical":
            self.addresses.append(values.get("href", ""))
        elif tag == "time" and values.get("datetime"):
            self.dates.append(values["datetime"])
        elif tag in ("title", "h1") or (
            tag == "script" and values.get("type", "").lower() == "application/ld+json"
        ):
            self.capture = "json" if tag == "script" else tag
            self.captured = []

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

    def handle_data(self, data: str) -> None:
        if self.capture is not None:
            self.captured.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self.capture is None or tag != ("script" if self.capture == "json" else self.capture):
            return
        text = "".join(self.captured)
        if self.capture == "json":
            self._json(text)
        elif self.capture == "title":
            self.page_titles.append(text)
        else:
            self.other_titles.append(text)
        self.capture = None

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
