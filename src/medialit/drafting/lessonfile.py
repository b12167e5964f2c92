"""Write a draft lesson file: the article, its source with gaps marked, draft statements."""

from __future__ import annotations

import datetime
import io
import re
from typing import TYPE_CHECKING

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from medialit.drafting.draft import ExtractedArticle
from medialit.drafting.draft import GlossaryEntry as DraftGlossaryEntry
from medialit.drafting.naming import NAME_WORDS, name_from
from medialit.drafting.naming import language_problem as language_problem
from medialit.drafting.naming import name_problem as name_problem
from medialit.lesson.model import UNKNOWN, GlossaryEntry

if TYPE_CHECKING:  # pysbd, which suggesting loads, is slow to import: not for --name's check
    from medialit.drafting.suggest import Suggestion

GAP_COMMENT = "not found in the source: fill it in"
GLOSSARY_COMMENT = (
    "The glossary the source carries, kept out of the article. Check each definition: the\n"
    "key prints them, and so do students' sheets at the levels glossary_levels names.\n"
)
NO_STATEMENTS_COMMENT = (
    "No statements yet: add at least one, for example\n"
    "  - quote: Words copied from the article.\n"
    "    kind: evidence\n"
    "    why: It names where the information comes from.\n"
)


def lesson_name(extracted: ExtractedArticle) -> str:
    """``how-washington-found-itself-in-bed-2017``: the title's first words and the year."""
    title = extracted.details.title or " ".join(extracted.article.split()[:NAME_WORDS])
    return name_from(title, extracted.details.published)


def lesson_yaml(
    extracted: ExtractedArticle, suggestions: list[Suggestion], seed: str, language: str
) -> str:
    """The lesson file's text: plain YAML that ``medialit check`` reads, with comments to guide."""
    details = extracted.details
    lesson = CommentedMap()
    lesson["title"] = _title(extracted)
    lesson["language"] = language
    source = CommentedMap()
    for field in ("author", "outlet", "published"):
        value = getattr(details, field)
        source[field] = _date_or_text(value) if value else UNKNOWN
        if not value:
            # two spaces after the value, as a teacher would type it
            column = len(f"  {field}: {UNKNOWN}  ")
            source.yaml_add_eol_comment(f"# {GAP_COMMENT}", field, column=column)
    for field in ("url", "republished_by", "republished", "licence"):
        if getattr(details, field):
            source[field] = _date_or_text(getattr(details, field))
    lesson["source"] = source
    lesson["article"] = LiteralScalarString(extracted.article.rstrip() + "\n")
    lesson["annotations"] = CommentedSeq(_annotation(s) for s in suggestions)
    if extracted.glossary:
        lesson["glossary"] = CommentedSeq(_glossary_entry(e) for e in extracted.glossary)
        lesson.yaml_set_comment_before_after_key("glossary", before=GLOSSARY_COMMENT)
    lesson.yaml_set_start_comment(_header(seed, len(suggestions)))
    if not suggestions:
        lesson.yaml_set_comment_before_after_key("annotations", before=NO_STATEMENTS_COMMENT)
    yaml = YAML()
    yaml.width = 4096  # one line per value: a quote is easier to find and edit unbroken
    yaml.indent(mapping=2, sequence=4, offset=2)
    out = io.StringIO()
    yaml.dump(lesson, out)
    return out.getvalue()


def _date_or_text(value: str) -> str | datetime.date:
    """A full date as a YAML date (written unquoted, as a teacher would type it)."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return datetime.date.fromisoformat(value)
    return value


def _title(extracted: ExtractedArticle) -> str:
    details = extracted.details
    title = details.title or " ".join(extracted.article.split()[:NAME_WORDS]) + " …"
    about = [part for part in (details.outlet, (details.published or "")[:4]) if part]
    return f"“{title}” ({', '.join(about)})" if about else f"“{title}”"


def _annotation(suggestion: Suggestion) -> CommentedMap:
    annotation = CommentedMap()
    annotation["quote"] = suggestion.quote
    if suggestion.occurrence is not None:
        annotation["occurrence"] = suggestion.occurrence
    annotation["kind"] = suggestion.kind.value
    if suggestion.also_accept:
        annotation["also_accept"] = _flow([k.value for k in suggestion.also_accept])
    annotation["why"] = suggestion.why
    if suggestion.techniques:
        annotation["techniques"] = _flow(list(suggestion.techniques))
    annotation["draft"] = True
    return annotation


def _flow(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def _header(seed: str, count: int) -> str:
    return (
        f"Draft lesson made by `medialit new` from {seed} (kept as received).\n"
        f"The {count} statements below are suggestions found by cue words: each has\n"
        "'draft: true'. Read each one, change its kind, why and check as you judge, remove\n"
        "the ones that do not help, add your own, and delete 'draft: true' to confirm it.\n"
        "`medialit check` lists what is still a draft or a gap; the answer key says how\n"
        "many statements were not reviewed."
    )


def _glossary_entry(entry: DraftGlossaryEntry) -> CommentedMap:
    """One entry, checked as the lesson's ``glossary:`` field checks it."""
    checked = GlossaryEntry(term=entry.term, definition=entry.definition)
    return CommentedMap(term=checked.term, definition=checked.definition)
