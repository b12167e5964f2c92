"""The article and its source details from a saved web page, with trafilatura.

trafilatura finds the main text and the page's metadata (title, author, date,
site name, address). It works on the markup it is given and fetches nothing:
no image, script, style sheet or frame is loaded.
"""

from __future__ import annotations

import re

import trafilatura

from medialit.drafting.cleanup import (
    article_text,
    body,
    is_boilerplate,
    join_broken,
    plain,
    split_raw_blocks,
    take_glossary,
)
from medialit.drafting.draft import ExtractedArticle, SourceDetails
from medialit.drafting.publisher import who_published

_FULL_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_START_TAG = re.compile(r"<[A-Za-z]")

MAX_PAGE_ELEMENTS = 50_000
"""Ten times the elements of the longest of 110 real news pages (trafilatura's own test
pages: at most 4,636), twice those of a whole book on one page (the Rust book's print.html:
24,534, 13 s). trafilatura's time grows with the square of the elements: 40,000 tiny
paragraphs take 30 s, 550,000 took 13 minutes."""


def element_count(html: str) -> int:
    """About how many elements the page has: its start tags, counted without parsing."""
    return len(_START_TAG.findall(html))


def extract_page(html: str) -> ExtractedArticle | None:
    """The page's article in lesson markup, or ``None`` when it holds no article text."""
    document = trafilatura.bare_extraction(
        html,
        output_format="python",
        with_metadata=True,
        include_formatting=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_tables=True,
        deduplicate=False,
    )
    if document is None:
        return None
    metadata = document if isinstance(document, dict) else document.as_dict()
    markdown = trafilatura.extract(
        html,
        output_format="markdown",
        with_metadata=False,
        include_formatting=True,
        include_comments=False,
        include_images=False,
        include_links=False,
        include_tables=True,
    )
    date = metadata.get("date") or ""
    details = SourceDetails(
        title=_clean(metadata.get("title")),
        author=_clean(metadata.get("author")),
        outlet=_clean(metadata.get("sitename")),
        published=date if _FULL_DATE.match(date) else None,
        url=_clean(metadata.get("url")),
        licence=_clean(metadata.get("license")),
    )
    blocks = split_raw_blocks(markdown or "")
    if blocks and details.title and plain(body(blocks[0])) == details.title:
        blocks.pop(0)  # trafilatura repeats the page's title as the first heading
    kept = [b for b in blocks if not is_boilerplate(b)]
    kept, glossary = take_glossary(join_broken(kept))
    article = article_text(kept)
    if not article.strip():
        return None
    return ExtractedArticle(article, who_published(html, details, article), glossary)


def page_title(html: str) -> tuple[str | None, str | None]:
    """The page's title and publication date (``2016-05-03``) as :func:`extract_page` finds
    them, without looking for the article: to name the lesson before that longer work."""
    from trafilatura.metadata import extract_metadata
    from trafilatura.settings import Extractor
    from trafilatura.utils import load_html

    options = Extractor(with_metadata=True)
    # No size argument: trafilatura 2.0 takes none (the floor CI tests), and the page's size
    # and elements were capped before this (reading.MAX_PAGE_BYTES, MAX_PAGE_ELEMENTS).
    tree = load_html(html)
    if tree is None:
        return None, None
    # As bare_extraction asks for it (its fifth argument is options.fast), so the same title.
    found = extract_metadata(
        tree, options.url, options.date_params, options.fast, options.author_blacklist
    )
    date = found.date or ""
    return _clean(found.title), date if _FULL_DATE.match(date) else None


def _clean(value: str | None) -> str | None:
    text = plain(value or "")
    return text or None
