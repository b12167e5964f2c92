"""The comment lines a teacher or ``medialit new`` wrote above a top-level key, and at the end
of the lesson file, kept where they were through every edit from the page.

ruamel.yaml keeps the comment lines above a key (``# A suggested plan…`` above ``plan:``)
with the last value written before them: accepting the last question (its ``draft: true``
deleted) deleted them, and moving or adding a question or a glossary entry moved them into
the list (the commented candidates at the end of a drafted lesson ended up above the new
last entry). The page never edits a comment, so each such block is put back above its key,
and the end of the file's block at the end, as the file had them before the edit.
"""

from __future__ import annotations

import re

_TOP_KEY = re.compile(r"[^\s#\-][^:]*:(\s|$)")


def _is_comment(line: str) -> bool:
    return line.startswith("#")


def _blank(line: str) -> bool:
    return not line.strip()


def _key_of(line: str) -> str | None:
    """The top-level key ``line`` starts, if it starts one."""
    return line.split(":", 1)[0] if _TOP_KEY.match(line) else None


def _block_above(lines: list[str], end: int) -> list[str]:
    """The comment lines (and blank lines between them) right above line ``end``, from the
    first comment line on."""
    start = end
    while start > 0 and (_is_comment(lines[start - 1]) or _blank(lines[start - 1])):
        start -= 1
    while start < end and _blank(lines[start]):
        start += 1
    return lines[start:end]


def _with_blanks(lines: list[str], end: int) -> list[str]:
    """The block above line ``end`` with the blank lines that set it apart (``medialit new``
    leaves one before its candidates: accepting the plan above them took it away)."""
    block = _block_above(lines, end)
    start = end - len(block)
    while start > 0 and _blank(lines[start - 1]):
        start -= 1
    return lines[start:end] if any(_is_comment(x) for x in block) else []


def _blocks(lines: list[str]) -> tuple[dict[str, list[str]], list[str]]:
    """Each top-level key's comment block above it, and the block at the end of the file,
    each with the blank lines before it."""
    above: dict[str, list[str]] = {}
    for number, line in enumerate(lines):
        key = _key_of(line)
        if key is not None and (block := _with_blanks(lines, number)):
            above[key] = block
    return above, _with_blanks(lines, len(lines))


def _placed(lines: list[str], at: int, block: list[str]) -> list[str]:
    """``lines`` with ``block`` above line ``at``: its comment lines, and as many blank lines
    before them as it had (those there already count: they may be a ``|+`` value's own)."""
    body = _comments_of(block)
    lead = block[: len(block) - len(body)]
    there = 0
    while there < at and _blank(lines[at - 1 - there]):
        there += 1
    return lines[:at] + lead[: max(0, len(lead) - there)] + body + lines[at:]


def _comments_of(block: list[str]) -> list[str]:
    """The block from its first comment line on (what the edit may have moved)."""
    return block[next(n for n, line in enumerate(block) if not _blank(line)) :]


def _remove_run(lines: list[str], run: list[str]) -> list[str]:
    """``lines`` without the first exact occurrence of ``run`` (where the edit took it)."""
    size = len(run)
    for start in range(len(lines) - size + 1):
        if lines[start : start + size] == run:
            return lines[:start] + lines[start + size :]
    return lines


def _key_line(lines: list[str], key: str) -> int | None:
    """The line of top-level ``key``."""
    return next((n for n, line in enumerate(lines) if _key_of(line) == key), None)


def comments_kept(before: str, after: str) -> str:
    """``after`` (the edited lesson's text), with the comment blocks ``before`` had above its
    top-level keys and at its end, and the blank lines before them, put back where they were;
    ``after`` itself when none moved (every other byte stays as the edit wrote it)."""
    old = before.splitlines(keepends=True)
    above, ending = _blocks(old)
    lines = after.splitlines(keepends=True)
    for key, block in above.items():
        at = _key_line(lines, key)
        if at is None or lines[max(0, at - len(block)) : at] == block:
            continue
        lines = _remove_run(lines, _comments_of(block))  # the key's line stays
        at = _key_line(lines, key)
        assert at is not None
        lines = _placed(lines, at, block)
    if ending and lines[-len(ending) :] != ending:
        lines = _remove_run(lines, _comments_of(ending))
        if lines and not lines[-1].endswith("\n"):
            lines[-1] += "\n"
        lines = _placed(lines, len(lines), ending)
    return "".join(lines)
