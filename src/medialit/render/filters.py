"""What templates can call: the ``css_string`` and ``paragraphs`` filters, and ``asset()``.

``asset()`` finds fonts and images along the same search path as templates:
the teacher's folder, the theme's, then medialit's own files.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import markupsafe

# Quote marks and backslashes would end the string; every control character
# (CSS counts form feed as a line end, which ends a string and its rule); "<"
# and ">" could close the <style> element the CSS sits in ("</style>").
_CSS_UNSAFE = re.compile(r'["\'\\<>&\x00-\x1f\x7f-\x9f]')


def _css_escape(char: str) -> str:
    # CSS Syntax 4.3.7: U+0000 is not allowed even escaped; it reads as U+FFFD.
    return f"\\{ord(char) or 0xFFFD:x} "


def css_string(value: Any) -> markupsafe.Markup:
    """Quote ``value`` as a CSS string, e.g. for ``content:`` in page footers.

    Safe inside an HTML ``<style>`` element: every character that could end the
    string, its rule or the element is written as a CSS escape (``\\c ``). So it is
    marked safe: in an HTML template (the cover's own ``<style>``) autoescape would
    otherwise write its quotes as ``&#34;``, which CSS does not read.
    """
    text = _CSS_UNSAFE.sub(lambda m: _css_escape(m.group()), str(value))
    return markupsafe.Markup(f'"{text}"')


def paragraphs(value: Any) -> markupsafe.Markup:
    """Text with a paragraph per line (YAML's ``>-`` keeps blank lines as line breaks), escaped."""
    parts = [part.strip() for part in str(value).splitlines() if part.strip()]
    return markupsafe.Markup("").join(markupsafe.Markup("<p>{}</p>").format(part) for part in parts)


def asset_finder(folders: Sequence[Path]) -> Callable[[str], str]:
    """``asset("fonts/x.ttf")``: the URL of a file in the first folder that has it.

    Falls back to medialit's own files (``medialit:fonts/...``), which the PDF
    fetcher serves; every folder searched is one the fetcher allows.
    """

    def asset(path: str) -> str:
        parts = Path(path).parts
        if not parts or Path(path).is_absolute() or ".." in parts:
            raise LookupError(f'asset("{path}") must name a file inside a templates folder.')
        for folder in folders:
            candidate = folder / path
            if candidate.is_file():
                return candidate.resolve().as_uri()
        if resources.files("medialit").joinpath(*parts).is_file():
            return f"medialit:{Path(path).as_posix()}"
        raise LookupError(
            f'asset("{path}") found no such file in the templates folder, the theme or '
            "medialit's own files; check the name and where the file is."
        )

    return asset


_INNER = {"“": ("‘", "’"), "«": ("“", "”")}
"""Inside a quotation opened with the key, the marks of a quotation within it."""
_DOUBLE = re.compile(r"(?<!\d)\"|[“”]")  # 6" after a figure is an inch mark
_GUILLEMETS = re.compile(r"«(?=\S)|(?<=\S)»")  # Spanish «no» inside «…», not French « non »


def quoted(value: Any, quote_open: str, quote_close: str) -> str:
    """``value`` between the language's quotation marks, its own double marks turned into
    those of a quotation within a quotation ("““Families…” she said.”" was printed)."""
    text = str(value)
    inner = _INNER.get(quote_open.strip())
    if inner is not None:

        def nested(mark: re.Match[str]) -> str:
            at, found = mark.start(), mark.group(0)
            opening = found in "“«" or (
                found == '"' and (at == 0 or text[at - 1].isspace() or text[at - 1] in "([—–")
            )
            return inner[0] if opening else inner[1]

        text = _DOUBLE.sub(nested, text)
        if quote_open == "«":
            text = _GUILLEMETS.sub(nested, text)
    return f"{quote_open}{text}{quote_close}"
