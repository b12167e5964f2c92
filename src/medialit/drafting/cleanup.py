"""Turn text as pasted or saved from a site into lesson markup, one block at a time.

Shared by both extractors: Markdown links and emphasis become plain text, site
boilerplate lines go, paragraphs broken in mid-sentence are joined again, and a
glossary that the source carries is taken out of the article.
"""

from __future__ import annotations

import html
import re

from medialit.drafting.draft import GlossaryEntry

_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_BOLD = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_ITALIC = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")
_HEADING = re.compile(r"^#{1,6}\s+")
_ITEM = re.compile(r"^(?:[-*•·–]|\d{1,3}[.)])\s+")
_SPACES = re.compile(r"[ \t\u00a0\u2009\u202f]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_ONLY_LINKS = re.compile(r"^(?:\s*!?\[[^\]]*\]\([^)]*\)\s*[,;|·•/]*)+\s*$")
_URL_ONLY = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.I)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+\.[\w.-]+\b")
_SENTENCE_END = re.compile(r"[.!?:;…\"”’)\]]$")

# Lines that sites put around an article. They are matched at the start of a block, so
# that an article sentence that merely contains the words is kept.
_BOILERPLATE = re.compile(
    r"^(?:"
    r"(?:region|regions|theme|themes|tags?|topics?|categor(?:y|ies)|section|filed under|"
    r"in-depth report|photo|image|credit|source|read more|related|see also|more on this)\s*:"
    r"|featured image|comment on|comments?\s*(?:\(\d+\)|:|$)|become a (?:member|subscriber|patron)|"
    r"support (?:us|our)|donate\b|subscribe\b|sign up\b|follow us|share (?:this|on)|"
    r"click here|read more\b|related (?:articles|stories|posts)|advertisement\b|"
    r"this article (?:first appeared|was first published|was originally published)|"
    r"originally published|for media inquiries|contact us\b|all rights reserved"
    r")",
    re.I,
)
# Lines after which a site's footer begins: the article ends at the first of them.
_FOOTER = re.compile(
    r"^(?:copyright\s*(?:©|\(c\)|\d{4})|©|\(c\)\s|the original source of this article|"
    r"disclaimer\s*:|articles by\s*:|about the author\s*:?$)",
    re.I,
)
_GLOSSARY = re.compile(
    r"^(?:words in this story|glossary|vocabulary|key words|word list)\s*:?$", re.I
)
_GLOSSARY_ENTRY = re.compile(r"^(?P<term>[^\s:–—-][^:–—]{0,60}?)\s*(?:[–—:]|\s-)\s+(?P<rest>.+)$")
_PART_OF_SPEECH = re.compile(r"^(?:n|v|adj|adv|prep|conj|pron|phrase|idiom|noun|verb)\.?\s+", re.I)


def plain(text: str) -> str:
    """One block's text without Markdown links, emphasis, entities or runs of spaces."""
    text = _LINK.sub(r"\1", text)
    text = _BOLD.sub(r"\2", text)
    text = _ITALIC.sub(r"\2", text)
    text = html.unescape(text)
    text = _INVISIBLE.sub("", text)
    return _SPACES.sub(" ", text).strip()


def split_raw_blocks(text: str) -> list[str]:
    """Blocks in lesson markup (``## `` heading, ``- `` item, or a paragraph), still with links.

    A blank line ends a paragraph; a hard-wrapped paragraph is joined into one line.
    """
    blocks: list[str] = []
    lines: list[str] = []

    def flush() -> None:
        if lines:
            blocks.append(" ".join(lines))
            lines.clear()

    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            flush()
        elif _HEADING.match(line):
            flush()
            blocks.append("## " + _HEADING.sub("", line))
        elif _ITEM.match(line) and not _ITALIC.match(line) and not _BOLD.match(line):
            flush()
            blocks.append("- " + _ITEM.sub("", line))
        else:
            lines.append(line)
    flush()
    return blocks


def marker(block: str) -> str:
    """``## ``, ``- `` or an empty string for a paragraph."""
    return block[:3] if block.startswith("## ") else block[:2] if block.startswith("- ") else ""


def body(block: str) -> str:
    """A block's words without its marker."""
    return block[len(marker(block)) :]


def is_boilerplate(raw: str) -> bool:
    """A site line (tags, "comment on…", links only, a contact address), not article text."""
    text = plain(body(raw))
    if not text or _ONLY_LINKS.match(body(raw)) or _URL_ONLY.match(text):
        return True
    if _EMAIL.search(text) and len(text.split()) <= 12:
        return True
    return bool(_BOILERPLATE.match(text) or _FOOTER.match(text))


def is_footer(raw: str) -> bool:
    """A line that starts a site's footer (copyright, disclaimer, "articles by")."""
    return bool(_FOOTER.match(plain(body(raw))))


def join_broken(blocks: list[str]) -> list[str]:
    """Join a paragraph that stops in mid-sentence with the next one if it goes on in lower case.

    Copying from a page often breaks a paragraph at a link or a line end ("The
    Islamic State" / "had already released…").
    """
    joined: list[str] = []
    for block in blocks:
        if (
            joined
            and not marker(block)
            and not marker(joined[-1])
            and block[:1].islower()
            and not _SENTENCE_END.search(joined[-1])
        ):
            joined[-1] = f"{joined[-1]} {block}"
        else:
            joined.append(block)
    return joined


def take_glossary(blocks: list[str]) -> tuple[list[str], list[GlossaryEntry]]:
    """Take a glossary ("Words in This Story", "Glossary") and its entries out of the blocks."""
    for index, block in enumerate(blocks):
        if not _GLOSSARY.match(plain(body(block))):
            continue
        entries: list[GlossaryEntry] = []
        end = index + 1
        while end < len(blocks):
            entry = _glossary_entry(blocks[end])
            if entry is None:
                break
            entries.append(entry)
            end += 1
        if entries:
            return blocks[:index] + blocks[end:], entries
    return blocks, []


def _glossary_entry(block: str) -> GlossaryEntry | None:
    found = _GLOSSARY_ENTRY.match(plain(body(block)))
    if not found or len(found["term"].split()) > 6:
        return None
    definition = _PART_OF_SPEECH.sub("", found["rest"]).strip()
    return GlossaryEntry(found["term"].strip(), definition) if definition else None


def article_text(blocks: list[str]) -> str:
    """The blocks as a lesson's article: plain text, one blank line between blocks."""
    out = ""
    for block in blocks:
        text = plain(body(block))
        if not text:
            continue
        if out:
            # List items stand on consecutive lines, as a teacher would type them.
            out += "\n" if marker(block) == "- " and out.split("\n")[-1][:2] == "- " else "\n\n"
        out += marker(block) + text
    return out
