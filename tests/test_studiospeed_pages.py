"""Issue 27 item 4: after a save, a document whose HTML is unchanged keeps its pages (the same
images at the same addresses), and only what changed is laid out again; in a document laid out
again, a page that draws the same pixels keeps its image and address (it is not encoded or
loaded again); the pages pane says which lesson version its pages are for. Real layouts (WeasyPrint, pdfium) in the preview's
own render loop, in a thread instead of a spawned process."""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest
from starlette.testclient import TestClient

from medialit.preview.app import create_app
from medialit.preview.pages import PageChoice, html_digest, lay_out, plan_documents
from medialit.settings.layers import Configuration

from .preview_helpers import FIRST, LESSON, MAYOR
from .test_preview_server import HOST, TOKEN, block_of

pytestmark = pytest.mark.build


def pages_for(client: TestClient, version: str) -> dict[str, dict[str, Any]]:
    """The pages pane once both documents are laid out for ``version`` (bounded wait)."""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        pages = client.get("api/pages").json()
        documents = {d["name"]: d for d in pages["documents"]}
        if (
            not pages["busy"]
            and len(documents) == 2
            and all(d["version"] == version for d in documents.values())
        ):
            return documents
        time.sleep(0.1)
    raise AssertionError(f"the pages never showed version {version}: {pages}")


def image(client: TestClient, document: dict[str, Any], number: int) -> bytes:
    generation, at = document["pages"][number - 1]
    answer = client.get(f"pages/{generation}/{document['name']}/{at}.png")
    assert answer.status_code == 200
    return answer.content


def test_unchanged_pages_are_kept_and_changed_ones_laid_out(tmp_path: Path) -> None:
    lesson = tmp_path / "lesson.yaml"
    lesson.write_text(LESSON, encoding="utf-8")
    app = create_app(
        lesson,
        Configuration(),
        token=TOKEN,
        hosts={HOST},
        executor_factory=lambda: ThreadPoolExecutor(max_workers=1),
    )
    with TestClient(app, base_url=f"http://{HOST}/s/{TOKEN}/") as client:
        view = client.get("api/lesson").json()
        before = pages_for(client, view["version"])
        student = image(client, before["student"], 1)
        old_html = {name: html_digest(html) for name, html, _ in plan_documents(
            lesson, Configuration(), PageChoice())}  # fmt: skip

        # A kind changed: the student sheet prints nothing new, the key does.
        changed = client.post(
            "api/annotations/0",
            json={"version": view["version"], "quote": FIRST, "kind": "inference"},
        )
        assert changed.status_code == 200, changed.text
        version = changed.json()["lesson"]["version"]
        after = pages_for(client, version)
        new_html = {name: html_digest(html) for name, html, _ in plan_documents(
            lesson, Configuration(), PageChoice())}  # fmt: skip
        assert new_html["student"] == old_html["student"] and new_html["key"] != old_html["key"]
        assert after["student"]["generation"] == before["student"]["generation"]
        assert image(client, after["student"], 1) == student  # the same address, the same image
        assert after["key"]["generation"] != before["key"]["generation"]
        # Laid out again, the key's pages that draw the same keep their images and addresses;
        # what the page shows is page for page what a fresh layout of the file draws.
        kept = [at for at in after["key"]["pages"] if at in before["key"]["pages"]]
        assert kept and len(kept) < len(after["key"]["pages"])
        fresh = {name: lay_out(html, tmp_path, folders) for name, html, folders in plan_documents(
            lesson, Configuration(), PageChoice())}  # fmt: skip
        for name in ("student", "key"):
            shown = [image(client, after[name], n) for n in range(1, after[name]["count"] + 1)]
            assert shown == fresh[name].pages

        # A statement added: the student sheet underlines it, so it is laid out again.
        block, start, end = block_of(changed.json()["lesson"], MAYOR)
        added = client.post(
            "api/annotations",
            json={"version": version, "block": block, "start": start, "end": end,
                  "kind": "evidence", "why": "Checked."},
        )  # fmt: skip
        assert added.status_code == 200, added.text
        last = pages_for(client, added.json()["lesson"]["version"])
        assert last["student"]["generation"] > after["student"]["generation"]
        assert image(client, last["student"], 1) != student
        gone = client.get(f"pages/{before['student']['generation']}/student/1.png")
        assert gone.status_code == 404  # replaced: the old images are not kept
