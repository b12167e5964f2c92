"""Write a draft lesson file: the article, its source with gaps marked, draft statements."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from medialit.drafting.draft import ExtractedArticle
from medialit.drafting.draft import GlossaryEntry as DraftGlossaryEntry
from medialit.drafting.naming import NAME_WORDS, name_from
from medialit.drafting.naming import language_problem as language_problem
from medialit.drafting.naming import name_problem as name_problem
from medialit.lesson.anchoring import find_matches, searchable
from medialit.lesson.article import split_blocks
from medialit.lesson.model import UNKNOWN, GlossaryEntry
from medialit.lesson.statement_ids import new_id

if TYPE_CHECKING:  # pysbd, which suggesting loads, is slow to import: not for --name's check
    from medialit.drafting.discussion import SuggestedPlan, SuggestedQuestion
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
CORE_COMMENT = (
    "A suggested short version: the statements of `core`, chosen for teaching value with\n"
    "each kind. Build it with --select core; change the list as you like.\n"
)
QUESTIONS_COMMENT = (
    "Suggested discussion questions, each about one of the drafts, with a note for you:\n"
    "change them as you judge, and delete 'draft: true' to accept one.\n"
)
PLAN_COMMENT = (
    "A suggested plan for a 50-minute class: retime it as you like (the steps must add up\n"
    "to minutes), and delete 'draft: true' to accept it.\n"
)
CANDIDATES_COMMENT = (
    "\n# More candidates found in the article, not in the lesson. To use one, copy it into\n"
    "# annotations above and remove the '# ' in front of its lines.\n"
)


def lesson_name(extracted: ExtractedArticle) -> str:
    """``how-washington-found-itself-in-bed-2017``: the title's first words and the year."""
    title = extracted.details.title or " ".join(extracted.article.split()[:NAME_WORDS])
    return name_from(title, extracted.details.published)


def lesson_yaml(
    extracted: ExtractedArticle,
    suggestions: list[Suggestion],
    seed: str,
    language: str,
    candidates: list[Suggestion] | None = None,
    questions: list[SuggestedQuestion] | None = None,
    plan: SuggestedPlan | None = None,
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
    if details.title:  # the headline as published, for the key's full citation
        source["title"] = details.title
    for field in ("url", "republished_by", "republished", "licence"):
        if getattr(details, field):
            source[field] = _date_or_text(getattr(details, field))
    lesson["source"] = source
    lesson["article"] = LiteralScalarString(extracted.article.rstrip() + "\n")
    taken: set[str] = {s.id for s in suggestions if s.id}
    lesson["annotations"] = CommentedSeq(_annotation(s, taken) for s in suggestions)
    for index, suggestion in enumerate(suggestions):
        lesson["annotations"].yaml_set_comment_before_after_key(
            index, before=_how_sure(suggestion), indent=2
        )
    # In reading order, as the studio keeps a selection (the statements are least sure first).
    core = [s.id for s in _in_reading_order(suggestions, extracted.article) if s.core and s.id]
    if core:
        lesson["selections"] = CommentedMap(core=_flow(core))
        lesson.yaml_set_comment_before_after_key("selections", before=CORE_COMMENT)
    if questions:  # after the statements' own parts: the questions are about them
        lesson["questions"] = CommentedSeq(_question(q) for q in questions)
        lesson.yaml_set_comment_before_after_key("questions", before=QUESTIONS_COMMENT)
    if plan is not None:
        lesson["plan"] = _plan(plan)
        lesson.yaml_set_comment_before_after_key("plan", before=PLAN_COMMENT)
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
    return out.getvalue() + _candidates(candidates or [], taken)


def _in_reading_order(suggestions: list[Suggestion], article: str) -> list[Suggestion]:
    index = searchable(split_blocks(article))
    places = {}
    for suggestion in suggestions:
        found = find_matches(suggestion.quote, index, limit=suggestion.occurrence or 1)
        places[id(suggestion)] = found[-1][:2] if found else (len(article), 0)
    return sorted(suggestions, key=lambda s: places[id(s)])


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


def _annotation(suggestion: Suggestion, taken: set[str]) -> CommentedMap:
    """A draft statement, with an id of its own (added to ``taken``) for ``selections``."""
    annotation = CommentedMap()
    # The analysis names each draft (its core selection uses the names); any other gets one here.
    annotation["id"] = suggestion.id or new_id(suggestion.quote, taken)
    taken.add(annotation["id"])
    annotation["quote"] = suggestion.quote
    if suggestion.occurrence is not None:
        annotation["occurrence"] = suggestion.occurrence
    annotation["kind"] = suggestion.kind.value
    if suggestion.also_accept:
        annotation["also_accept"] = _flow([k.value for k in suggestion.also_accept])
    annotation["why"] = suggestion.why
    if suggestion.check:
        annotation["check"] = suggestion.check
    if suggestion.techniques:
        annotation["techniques"] = _flow(list(suggestion.techniques))
    annotation["draft"] = True
    return annotation


def _question(question: SuggestedQuestion) -> CommentedMap:
    item = CommentedMap(text=question.text, notes=question.notes)
    if question.paragraphs:
        item["paragraphs"] = _flow(list(question.paragraphs))
    item["draft"] = True  # last, as for a draft statement: deleted to accept it
    return item


def _plan(plan: SuggestedPlan) -> CommentedMap:
    steps = CommentedSeq(
        CommentedMap(minutes=s.minutes, activity=s.activity, details=s.details) for s in plan.steps
    )
    made = CommentedMap(minutes=plan.minutes, steps=steps)
    if plan.preparation:
        made["preparation"] = CommentedSeq(plan.preparation)
    made["draft"] = True
    return made


def _how_sure(suggestion: Suggestion) -> str:
    """The comment above a draft: how sure the reading is (least sure come first)."""
    from medialit.drafting.suggest import sureness  # loaded with the suggestions themselves

    return f"how sure: {sureness(suggestion.sure)} ({suggestion.sure:.2f})"


def _candidates(candidates: list[Suggestion], taken: set[str]) -> str:
    """Further candidates as commented entries, which check ignores and a teacher promotes."""
    if not candidates:
        return ""
    # The safe dumper writes plain data (in C where ruamel.yaml.clib is installed): a tenth
    # of the round-trip dumper's time, and comments need no round trip.
    yaml = YAML(typ="safe")
    yaml.default_flow_style = None
    yaml.width = 4096
    yaml.sort_base_mapping_type_on_output = False  # type: ignore[assignment]
    entries = [
        {key: list(value) if isinstance(value, list) else value for key, value in entry.items()}
        for entry in (_annotation(s, taken) for s in candidates)
    ]
    out = io.StringIO()
    yaml.dump(entries, out)
    # "#   - id: …": without its "# " an entry lines up with those of annotations.
    return CANDIDATES_COMMENT + "".join(f"#   {line}\n" for line in out.getvalue().splitlines())


def _flow(items: Sequence[object]) -> CommentedSeq:
    seq = CommentedSeq(list(items))
    seq.fa.set_flow_style()
    return seq


def _header(seed: str, count: int) -> str:
    return (
        f"Draft lesson made by `medialit new` from {seed} (kept as received).\n"
        f"The {count} statements below are suggestions, least sure first, each with a comment\n"
        "saying how sure medialit is, and 'draft: true'. Read each one, change its kind, why\n"
        "and check as you judge, remove the ones that do not help, add your own, and delete\n"
        "'draft: true' to confirm it.\n"
        "`medialit check` lists what is still a draft or a gap; the answer key says how\n"
        "many statements were not reviewed. The discussion questions and the plan are\n"
        "suggestions too, marked 'draft: true' the same way."
    )


def _glossary_entry(entry: DraftGlossaryEntry) -> CommentedMap:
    """One entry, checked as the lesson's ``glossary:`` field checks it."""
    checked = GlossaryEntry(term=entry.term, definition=entry.definition)
    return CommentedMap(term=checked.term, definition=checked.definition)
