"""No private name of WeasyPrint or pydyf outside ``layout/internals.py`` (issue 25).

WeasyPrint and pydyf may change or remove anything they do not document. The source
is read with :mod:`ast`: a name with a leading underscore imported from them, reached
through them (``pydyf._to_bytes``), or read off any object in a module that imports
them (``page._page_box``; ``self._x`` is the module's own), is a private use.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import medialit

PACKAGE = Path(medialit.__file__).parent
GATED = PACKAGE / "layout" / "internals.py"
BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
LIBRARIES = ("weasyprint", "pydyf")


def _private(name: str) -> bool:
    return any(part.startswith("_") and not part.startswith("__") for part in name.split("."))


def private_uses(source: str) -> list[str]:
    """Each private use of WeasyPrint or pydyf in ``source``, as ``line: name``."""
    tree = ast.parse(source)
    uses: list[str] = []
    bound: set[str] = set()  # names this module gave to the libraries and what it took from them
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.split(".")[0] in LIBRARIES:
                    bound.add((alias.asname or alias.name).split(".")[0])
                    if _private(alias.name):
                        uses.append(f"{node.lineno}: {alias.name}")
        elif isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in LIBRARIES:
            for alias in node.names:
                bound.add(alias.asname or alias.name)
                if _private(f"{node.module}.{alias.name}"):
                    uses.append(f"{node.lineno}: {node.module}.{alias.name}")
    if not bound:
        return uses
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and _private(node.attr):
            owner = node.value
            if not (isinstance(owner, ast.Name) and owner.id in ("self", "cls")):
                uses.append(f"{node.lineno}: {ast.unparse(node)}")
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "setattr", "hasattr")
            and len(node.args) >= 2
            and isinstance(node.args[1], ast.Constant)
            and isinstance(node.args[1].value, str)
            and _private(node.args[1].value)
        ):
            uses.append(f"{node.lineno}: {ast.unparse(node)}")
    return uses


@pytest.mark.parametrize(
    "source",
    [
        "from weasyprint.pdf import _w3c_date_to_pdf",
        "import pydyf\npydyf._to_bytes(b'')",
        "import weasyprint as w\nw.pdf._w3c_date_to_pdf('', '')",
        "import weasyprint\nfor page in document.pages:\n    walk(page._page_box)",
        "import pydyf\ngetattr(page, '_page_box')",
        "from weasyprint._private import thing",
        "import weasyprint._private",
    ],
)
def test_the_check_finds_private_uses(source: str) -> None:
    """Each way medialit used private names before issue 25 (and a few more) is found."""
    assert private_uses(source)


def test_the_check_lets_public_uses_and_own_attributes_pass() -> None:
    source = (
        "import pydyf\nimport weasyprint\n"
        "class Kept(pydyf.Object):\n    def data(self):\n        return self._data\n"
        "weasyprint.HTML(string='').render().write_pdf(finisher=None)\n"
        "pydyf.String('x').data\n"
    )
    assert private_uses(source) == []


def test_only_layout_internals_uses_private_names() -> None:
    """In medialit and in the benchmarks, which lay out with WeasyPrint too."""
    files = [*PACKAGE.rglob("*.py"), *BENCHMARKS.rglob("*.py")]
    assert len(files) > 50
    found = {
        str(file): uses
        for file in sorted(files)
        if file != GATED and (uses := private_uses(file.read_text(encoding="utf-8")))
    }
    assert not found, f"private WeasyPrint or pydyf names; move them to {GATED.name}: {found}"


def test_layout_internals_is_where_they_are() -> None:
    """The exemption is used: the check reads the one module that needs it, and finds only
    the page boxes there (no public API gives a paragraph's lines).
    """
    uses = private_uses(GATED.read_text(encoding="utf-8"))
    assert uses and all(use.endswith(": page._page_box") for use in uses), uses
