"""Reading a built PDF back for the PDF/UA-1 (Matterhorn) tests: its structure tree as
poppler prints it (``pdfinfo -struct-text``) and its objects through pikepdf (qpdf).
"""

from __future__ import annotations

import datetime
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

ROOT = Path(__file__).resolve().parent.parent
LESSON = ROOT / "lessons" / "school-start-time.yaml"
CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


@dataclass
class Node:
    """A structure element as ``pdfinfo -struct-text`` prints it: its type, text and kids."""

    type: str
    text: list[str] = field(default_factory=list)
    kids: list[Node] = field(default_factory=list)

    def all_text(self) -> str:
        return " ".join([*self.text, *(kid.all_text() for kid in self.kids)]).strip()

    def walk(self) -> Iterator[Node]:
        yield self
        for kid in self.kids:
            yield from kid.walk()


def structure(path: Path) -> Node:
    """The structure tree poppler reads from ``path``."""
    printed = subprocess.run(
        ["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True, check=True
    ).stdout
    root = Node("root")
    stack: list[tuple[int, Node]] = [(-1, root)]
    for line in printed.splitlines():
        if not line.strip():
            continue
        depth = (len(line) - len(line.lstrip(" "))) // 2
        body = line.strip()
        while stack[-1][0] >= depth:
            stack.pop()
        if body.startswith('"'):
            stack[-1][1].text.append(body[1:-1])
        else:
            node = Node(body.split()[0])
            stack[-1][1].kids.append(node)
            stack.append((depth, node))
    return root


def elements(pdf: pikepdf.Pdf) -> Iterator[pikepdf.Dictionary]:
    """Every structure element reachable from the structure tree root, parents first."""

    def visit(element: pikepdf.Object) -> Iterator[pikepdf.Dictionary]:
        if isinstance(element, pikepdf.Dictionary) and element.get("/Type") == "/StructElem":
            yield element
            kids = element.get("/K")
            for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
                yield from visit(kid)

    kids = pdf.Root.StructTreeRoot.K
    for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
        yield from visit(kid)


def marked_content(page: pikepdf.Page) -> list[tuple[str, int | None, bool]]:
    """Each marked-content sequence of a page's content: tag, MCID, whether in an artifact."""
    found: list[tuple[str, int | None, bool]] = []
    open_tags: list[str] = []
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name in ("BDC", "BMC"):
            tag = str(operands[0])
            mcid = None
            if name == "BDC" and isinstance(operands[1], pikepdf.Dictionary):
                value = operands[1].get("/MCID")
                mcid = int(value) if value is not None else None
            found.append((tag, mcid, "/Artifact" in open_tags))
            open_tags.append(tag)
        elif name == "EMC":
            open_tags.pop()
    return found


def hanging_content(pdf: pikepdf.Pdf) -> list[str]:
    """Marked content whose structure element is missing or not in the tree (Matterhorn
    01-005: content neither tagged nor an artifact), as ``page N: MCID m``."""
    reachable = {element.objgen for element in elements(pdf)}
    nums = pdf.Root.StructTreeRoot.ParentTree.Nums
    parents = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    problems = []
    for number, page in enumerate(pdf.pages):
        owners = parents.get(int(page.obj.StructParents))
        for _tag, mcid, _in_artifact in marked_content(page):
            if mcid is None:
                continue
            owner = owners[mcid] if owners is not None and mcid < len(owners) else None
            if not isinstance(owner, pikepdf.Dictionary) or owner.objgen not in reachable:
                problems.append(f"page {number + 1}: MCID {mcid}")
    return problems


def skipped_headings(tree: Node) -> list[str]:
    """Each heading more than one level below the one before it (the first must be H1)."""
    levels = [int(node.type[1]) for node in tree.walk() if re.fullmatch(r"H[1-6]", node.type)]
    problems = []
    previous = 0
    for level in levels:
        if level > previous + 1:
            problems.append(f"H{previous} -> H{level}" if previous else f"starts at H{level}")
        previous = level
    return problems


def xmp(pdf: pikepdf.Pdf) -> bytes:
    """The document's XMP packet ("" when it has none)."""
    metadata = pdf.Root.get("/Metadata")
    return bytes(metadata.read_bytes()) if metadata is not None else b""
