"""What the extractors hand to the lesson writer: the article and what the source says about it."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class GlossaryEntry:
    """A word the source explains (for example in a "Words in This Story" list)."""

    term: str
    definition: str


@dataclass
class SourceDetails:
    """Where the article comes from, as far as the source says; ``None`` is a gap to fill."""

    title: str | None = None
    author: str | None = None
    outlet: str | None = None
    published: str | None = None
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``."""
    url: str | None = None
    republished_by: str | None = None
    republished: str | None = None
    """``YYYY-MM-DD`` only: the lesson's ``republished`` field takes a full date."""
    licence: str | None = None


@dataclass
class ExtractedArticle:
    """An article in lesson markup (blank lines, ``- ``, ``## ``) with its source details."""

    article: str
    details: SourceDetails
    glossary: list[GlossaryEntry] = field(default_factory=list)
