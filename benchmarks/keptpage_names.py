"""The quick name of a kept page (drafting/keptpage.py) beside the full one, on saved pages.

    python benchmarks/keptpage_names.py PAGE.html... (or folders of them)

For each page, the lesson name that trafilatura and htmldate give (``page_title``, as
``medialit new`` names a lesson) and the one read without them, which may say "unsure".
A page whose quick name differs from the full one is listed, and the script exits 1: a
refusal must never name another lesson than the full path would. trafilatura's own test
pages (tests/cache and tests/eval of github.com/adbar/trafilatura) are a large sample.
"""

from __future__ import annotations

import sys
from pathlib import Path

from medialit.drafting.keptpage import page_name
from medialit.drafting.naming import name_from
from medialit.drafting.reading import SourceError, read_source
from medialit.drafting.webpage import page_title


def main() -> None:
    pages = [
        page
        for given in map(Path, sys.argv[1:])
        for page in (sorted(given.rglob("*.htm*")) if given.is_dir() else [given])
    ]
    same = unsure = 0
    different = []
    for page in pages:
        try:
            received = read_source(str(page), sys.stdin.buffer)
        except SourceError:
            continue
        if received.kind != "page":
            continue
        title, published = page_title(received.text)
        full = name_from(title, published) if title else None
        quick = page_name(received.text)
        if quick is None:
            unsure += 1
        elif quick == full:
            same += 1
        else:
            different.append(f"  {page}: quick {quick}, full {full}")
    print(f"{same + unsure + len(different)} pages: the same name {same}, unsure (the full")
    print(f"path names them) {unsure}, a different name {len(different)}")
    print("\n".join(different))
    sys.exit(1 if different else 0)


if __name__ == "__main__":
    main()
