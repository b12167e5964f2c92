"""Whether a layout is the same from any folder, so that the layout cache may share it.

The cache keys a layout by its HTML and the folders it may read files from. A layout that
read only medialit's own files and ``data:`` images, refused nothing, and whose HTML names
no address its folder would complete, is the same wherever the lesson is: it is kept under a
key without the folders (:func:`medialit.layout.cache.layout_key` with no folder), so that
the same lesson built in another folder (a copy of the working folder, a test's) is not
laid out again.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

ANY_FOLDER = "any folder"
"""Said in a layout's key instead of its folders, when it read nothing from them."""

# An attribute whose address the HTML's folder would complete: a relative link or image. A
# link is written into the PDF without being fetched, so only the HTML shows it. A bare "#"
# is no place in the page: WeasyPrint links it to the folder itself.
_FOLDER_ADDRESS = re.compile(
    r"\b(?:href|src|data|poster|background)\s*+=\s*+[\"']?+"
    r"(?!#[^\s\"'>]|medialit:|data:|https?://|mailto:)",
    re.IGNORECASE,
)
_FOLDER_FREE_SCHEMES = ("medialit:", "data:")


def reads_no_folder(html: str, refused: Sequence[str], fetched: Sequence[tuple[str, str]]) -> bool:
    """Whether ``html``'s layout is the same from any folder: it read only medialit's own files
    and ``data:`` images, refused nothing, and names no address its folder would complete.

    Such a layout is kept under its folder-free key, so that the same lesson built in
    another folder (a copy of the working folder, a test's) is not laid out again.
    """
    return (
        not refused
        and all(url.lower().startswith(_FOLDER_FREE_SCHEMES) for url, _ in fetched)
        and _FOLDER_ADDRESS.search(html) is None
    )
