"""The article's tiny markup: paragraphs, list items, subheadings."""

from __future__ import annotations

from medialit.lesson.article import split_blocks


def test_blocks_paragraphs_items_and_headings() -> None:
    article = (
        "First paragraph,\nwrapped.\n\n## A heading\n- item one\n  wrapped item\n- item two\n\n"
        "A paragraph after the list.\n\nLast one.\r\n"
    )
    blocks = split_blocks(article)
    assert [(b.kind, b.number, b.text) for b in blocks] == [
        ("paragraph", 1, "First paragraph, wrapped."),
        ("heading", None, "A heading"),
        ("item", 2, "item one wrapped item"),
        ("item", 3, "item two"),
        ("paragraph", 4, "A paragraph after the list."),
        ("paragraph", 5, "Last one."),
    ]
