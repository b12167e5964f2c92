"""The marking outputs' HTML, from medialit's own templates, and its PDF from WeasyPrint.

The templates are package files (``marking/templates``), rendered with autoescape on:
students' names and typed answers are text, never markup. A PDF embeds its stylesheet and
medialit's fonts; the browser's page links its stylesheet instead, as the page's content
security policy allows only the server's own files.
"""

from __future__ import annotations

import datetime
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from medialit.layout.pdf import html_to_pdf

PDF_STYLES = ("fonts.css", "marking.css", "print.css")


@cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("medialit.marking", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def stylesheet(name: str) -> str:
    if name == "fonts.css":
        return (resources.files("medialit") / "templates" / "fonts.css").read_text("utf-8")
    return (resources.files("medialit.marking") / "static" / name).read_text("utf-8")


def render_page(template: str, *, for_browser: bool = False, **context: Any) -> str:
    styles = "" if for_browser else "\n".join(stylesheet(name) for name in PDF_STYLES)
    return (
        _environment()
        .get_template(template)
        .render(for_browser=for_browser, styles=Markup(styles), **context)
    )


def pdf_of(html: str, folder: Path, created: datetime.datetime) -> bytes:
    """Lay out ``html``; its images are read from ``folder`` (the marks folder) only."""
    pdf, _refused = html_to_pdf(html, base_folder=folder, allowed_folders=[folder], created=created)
    return pdf
