"""Who published a page's story first: an agency or another outlet, when the page says so.

A news site often carries a story it did not write: an Associated Press story on a
newspaper's site, an article "republished from The Conversation". trafilatura names the
site; the lesson's ``outlet`` is who published the story first and ``republished_by`` the
site the class reads it on. The page says so in a few ways, read here in order of trust:
a credit line ("This article is republished from …"), the article's JSON-LD (an ``author``
that is an organisation, an author's ``affiliation``, a ``sourceOrganization``, against its
``publisher``), the byline (``By Jane Doe, Associated Press``), or an agency's dateline
(``WASHINGTON (AP) —``).
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator
from typing import Any

import lxml.html

from medialit.drafting.draft import SourceDetails

# News agencies, as bylines and datelines name them; the first name is the one written.
AGENCIES: dict[str, str] = {
    "Australian Associated Press": r"Australian Associated Press|AAP",
    "Associated Press": r"(?:The )?Associated Press|AP",
    "Reuters": r"(?:Thomson )?Reuters",
    "Agence France-Presse": r"Agence France[- ]Presse|AFP",
    "United Press International": r"United Press International|UPI",
    "Deutsche Presse-Agentur": r"Deutsche Presse-Agentur|dpa",
    "The Canadian Press": r"(?:The )?Canadian Press",
    "PA Media": r"PA Media|(?:The )?Press Association",
    "Bloomberg": r"Bloomberg(?: News)?",
}
_AGENCY = {
    name: re.compile(rf"(?<![\w-])(?:{pattern})(?![\w-])") for name, pattern in AGENCIES.items()
}
# An outlet's name: capitalised words (and "of", "and"…), up to the end of a sentence.
_NAME = r"((?:[Tt]he )?[A-Z][\w'’&-]*(?: (?:[A-Z][\w'’&-]*|of|and|&|for))*)"
_CREDIT = re.compile(
    rf"\b(?:republished|reprinted|syndicated) (?:here )?(?:from|with permission from|by "
    rf"arrangement with) {_NAME}|\b(?:originally|first) (?:published|appeared) (?:by|in|on|at) "
    rf"{_NAME}"
)
# "Originally published on Monday" names a day, not an outlet.
_NOT_OUTLETS = frozenset(
    {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today"}
    | {"january", "february", "march", "april", "may", "june", "july", "august"}
    | {"september", "october", "november", "december", "yesterday"}
)
_DATELINE = re.compile(r"^[^\n]{0,80}?\(([A-Za-z][\w .-]{0,40})\)\s*[—–-]")
_BYLINE_XPATH = (
    "//*[contains(@class, 'byline') or contains(@class, 'author') or @rel='author' "
    "or @itemprop='author' or contains(@class, 'credit')]"
)


def who_published(html: str, details: SourceDetails, article: str) -> SourceDetails:
    """DETAILS with ``outlet`` and ``republished_by`` set when the page credits another outlet."""
    try:
        page = lxml.html.fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return details
    articles = list(_ld_articles(page))
    site = _meta(page, "og:site_name") or _publisher(articles) or details.outlet
    origin = _credit(page) or _ld_origin(articles, site) or _byline_agency(page, details)
    origin = origin or _dateline_agency(article)
    if origin is None or (site is not None and _same(origin, site)):
        return details
    return dataclasses.replace(
        details,
        outlet=origin,
        republished_by=site,
        author=_without(details.author, origin),
    )


def _meta(page: Any, name: str) -> str | None:
    for value in page.xpath("//meta[@property=$n or @name=$n]/@content", n=name):
        if value.strip():
            return str(value).strip()
    return None


def _ld_articles(page: Any) -> Iterator[dict[str, Any]]:
    """The JSON-LD objects on the page that describe an article."""
    for script in page.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(script)
        except ValueError:
            continue
        for item in _flatten(data):
            kinds = item.get("@type")
            kinds = kinds if isinstance(kinds, list) else [kinds]
            if any(isinstance(k, str) and k.endswith("Article") for k in kinds):
                yield item


def _flatten(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _flatten(item)
    elif isinstance(data, dict):
        yield data
        yield from _flatten(data.get("@graph"))


def _names(value: Any, organisations_only: bool = False) -> list[str]:
    """The ``name`` of each thing in VALUE (one thing, a list, or plain text)."""
    things = value if isinstance(value, list) else [value]
    names = []
    for thing in things:
        if isinstance(thing, str) and not organisations_only:
            names.append(thing)
        elif (
            isinstance(thing, dict)
            and isinstance(thing.get("name"), str)
            and (not organisations_only or "Organization" in str(thing.get("@type")))
        ):
            names.append(thing["name"])
    return [n.strip() for n in names if n.strip()]


def _publisher(articles: list[dict[str, Any]]) -> str | None:
    return next((n for a in articles for n in _names(a.get("publisher"))), None)


def _ld_origin(articles: list[dict[str, Any]], site: str | None) -> str | None:
    """An organisation the article's JSON-LD credits with the story, other than the site."""
    for article in articles:
        authors = article.get("author")
        candidates = [
            *_names(article.get("sourceOrganization")),
            *_names(authors, organisations_only=True),
        ]
        for author in authors if isinstance(authors, list) else [authors]:
            if isinstance(author, dict):
                candidates += _names(author.get("affiliation"))
        for candidate in candidates:
            if site is None or not _same(candidate, site):
                return _agency_name(candidate) or candidate
    return None


def _credit(page: Any) -> str | None:
    text = " ".join(" ".join(page.xpath("//body//text()[not(ancestor::script)]")).split())
    found = _CREDIT.search(text)
    if found is None:
        return None
    name = (found.group(1) or found.group(2)).strip(" .")
    if name.split()[0].casefold() in _NOT_OUTLETS:
        return None
    return _agency_name(name) or name


def _byline_agency(page: Any, details: SourceDetails) -> str | None:
    bylines = [" ".join(e.text_content().split()) for e in page.xpath(_BYLINE_XPATH)]
    bylines += [details.author or "", _meta(page, "author") or ""]
    for byline in bylines:
        agency = _agency_name(byline)
        if agency:
            return agency
    return None


def _dateline_agency(article: str) -> str | None:
    found = _DATELINE.match(article.lstrip("#* \n"))
    return _agency_name(found.group(1)) if found else None


def _agency_name(text: str) -> str | None:
    """The agency TEXT names, if any (the first in :data:`AGENCIES` order)."""
    return next((name for name, pattern in _AGENCY.items() if pattern.search(text)), None)


def _same(one: str, other: str) -> bool:
    """Whether two names are one outlet: ``AP News`` is the Associated Press's own site."""
    agency = _agency_name(one)
    if agency is not None and agency == _agency_name(other):
        return True
    keys = (_key(one), _key(other))
    return all(keys) and (keys[0] in keys[1] or keys[1] in keys[0])


def _key(name: str) -> str:
    return re.sub(r"[^a-z0-9]", "", re.sub(r"^the ", "", name.casefold()))


def _without(author: str | None, origin: str) -> str | None:
    """``Jane Doe, Associated Press`` → ``Jane Doe``; an agency alone stays the author."""
    if author is None:
        return None
    parts = [p.strip() for p in re.split(r"\s*[,;|/]\s*|\s+-\s+", author) if p.strip()]
    kept = [p for p in parts if not _same(p, origin) and _agency_name(p) is None]
    return ", ".join(kept) if kept else author
