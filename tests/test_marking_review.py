"""`medialit marks LESSON --review` in Debian's Chromium, driven by Playwright with real keys.

The server runs as the teacher runs it, in a subprocess, over a class's marks made from the
real lesson's real sheet (tests/marking_support.py). Every band and decided tick must be in
marks.json at once; a stale save is refused; the gate lets in only the token's holder.
"""

from __future__ import annotations

import http.client
import json
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect

from medialit.marking.results import ClassMarks

from .browser_support import WarmContexts
from .marking_report_support import LESSON, shared_class
from .process_support import default_signals
from .test_a11y_axe import AXE, serious

pytestmark = [pytest.mark.browser, pytest.mark.build]
SHOTS = Path("/tmp/marking-shots")  # looked at by hand; not kept


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared_class(tmp_path_factory.getbasetemp())


@dataclass
class Served:
    url: str
    marks: Path
    process: subprocess.Popen[str]

    @property
    def origin(self) -> str:
        return self.url.split("/?")[0]

    @property
    def token(self) -> str:
        return self.url.split("token=")[1]

    def read(self) -> ClassMarks:
        return ClassMarks.load(self.marks)


@pytest.fixture(scope="module")
def server(pristine: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """One server for the module (its start-up is most of a test's time); each test gets
    the marks as they were made (:func:`served`)."""
    out = tmp_path_factory.mktemp("served") / "build"
    shutil.copytree(pristine / LESSON.stem, out / LESSON.stem)
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "medialit",
            "marks",
            str(LESSON),
            "--out",
            str(out),
            "--review",
            "--no-open",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=default_signals,
    )
    assert process.stdout is not None
    url = process.stdout.readline().strip()
    assert re.fullmatch(r"http://127\.0\.0\.1:\d+/\?token=[\w-]{20,}", url), (
        url + process.communicate(timeout=10)[1]
    )
    yield Served(url, out / LESSON.stem / "marks" / "marks.json", process)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=20)
    assert "Traceback" not in errors, errors


@pytest.fixture
def served(server: Served, pristine: Path) -> Served:
    """The module's server, its marks.json put back as made: the page reads it afresh."""
    shutil.copyfile(pristine / LESSON.stem / "marks" / "marks.json", server.marks)
    assert server.process.poll() is None, server.process.communicate(timeout=10)[1]
    return server


def open_marking(page: Page, served: Served) -> None:
    page.goto(served.url)
    expect(page.locator("#title")).to_have_text("A later start at Harbury High")
    expect(page.locator("#answers > li")).to_have_count(6)


def band_of(marks: ClassMarks, copy: int, statement: str) -> int | None:
    found = next(c for c in marks.copies if c.copy == copy)
    return next(s.band for s in found.statements if s.statement_id == statement)


def test_bands_given_by_key_press_are_saved_at_once(page: Page, served: Served) -> None:
    open_marking(page, served)
    first = served.read().copies[0].statements[0].statement_id
    expect(page.locator("#quote")).to_contain_text("According to the survey results")
    expect(page.locator("#answers img").first).to_be_visible()
    # Visible is not loaded: on a loaded machine the image had no pixels yet (CI, width 0).
    width = page.locator("#answers img").first.evaluate(
        "img => img.decode().then(() => img.naturalWidth)"
    )
    assert width > 300
    expect(page.locator("#answers li").nth(5)).to_contain_text("It names the survey")  # typed
    page.keyboard.press("1")  # Ana López, then the focus moves on
    page.keyboard.press("2")  # Ben Okafor
    expect(page.locator("#say")).to_contain_text("Ben Okafor")
    marks = served.read()
    assert band_of(marks, 1, first) == 1 and band_of(marks, 2, first) == 2
    page.keyboard.press("ArrowRight")  # skip Chloé
    page.keyboard.press("3")  # Dev Patel
    expect(page.locator("#say")).to_contain_text("Dev Patel")
    assert band_of(served.read(), 4, first) == 3
    assert band_of(served.read(), 3, first) == 2  # unchanged
    page.keyboard.press("k")
    page.keyboard.press("k")
    page.keyboard.press("3")  # back on Chloé
    expect(page.locator("#say")).to_contain_text("Chloé Martin")
    assert band_of(served.read(), 3, first) == 3
    page.keyboard.press("n")
    expect(page.locator("#where")).to_have_text("Statement 2 of 9")
    expect(page.locator("#quote")).to_contain_text("Teenagers")
    expect(page.locator("#key")).to_contain_text("assertion")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "marking-page.png")


def test_unsure_ticks_are_decided_on_the_page(page: Page, served: Served) -> None:
    open_marking(page, served)
    expect(page.locator("#waiting")).to_contain_text("2 unsure ticks to decide")
    page.keyboard.press("u")  # the first unsure tick: Chloé's statement 5
    expect(page.locator("#where")).to_have_text("Statement 5 of 9")
    focused = page.locator("#answers li:focus")
    expect(focused).to_contain_text("Chloé Martin")
    expect(focused).to_contain_text("assertion ? unsure")
    page.keyboard.press("a")
    expect(page.locator("#waiting")).to_contain_text("1 unsure tick to decide")
    chloe = next(c for c in served.read().copies if c.copy == 3)
    decided = next(s for s in chloe.statements if s.unsure)
    assert decided.resolved and decided.answer == "assertion" and decided.score == 1.0
    page.keyboard.press("u")  # Dev Patel's two ticks, statement 9
    expect(page.locator("#where")).to_have_text("Statement 9 of 9")
    page.locator("#answers li:focus").get_by_role("button", name="none").click()
    expect(page.locator("#waiting")).to_have_text("Every unsure tick is decided.")
    assert served.read().waiting == 0
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "marking-unsure.png")


def test_a_stale_save_is_refused_and_the_file_shown(page: Page, served: Served) -> None:
    open_marking(page, served)
    marks = served.read()
    marks.copies[0].statements[0].band = 1  # another tab, or medialit mark, saves meanwhile
    marks.save(served.marks)
    page.keyboard.press("3")
    expect(page.locator("#say")).to_contain_text("changed on disk since this page loaded it")
    assert band_of(served.read(), 1, marks.copies[0].statements[0].statement_id) == 1
    expect(
        page.locator("#answers li").first.get_by_role("button", name="1 Beginning")
    ).to_have_attribute("aria-pressed", "true")
    page.keyboard.press("3")  # given again, on the file as it is
    expect(page.locator("#say")).to_contain_text("Saved: band 3")
    assert band_of(served.read(), 1, marks.copies[0].statements[0].statement_id) == 3


def test_the_class_report_page(page: Page, served: Served) -> None:
    open_marking(page, served)
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Class report").click()
    report = popup.value
    expect(report.locator("h1")).to_have_text("A later start at Harbury High")
    expect(report.locator(".provisional")).to_contain_text("2 unsure ticks")
    expect(report.locator("svg")).to_have_count(3)
    SHOTS.mkdir(exist_ok=True)
    report.screenshot(path=SHOTS / "marking-report.png", full_page=True)


def test_axe_finds_no_serious_or_critical_violation(
    warm_pages: WarmContexts, served: Served
) -> None:
    assert AXE.is_file(), f"{AXE} is missing: run  npm ci --prefix tests/axe  (make test does)"
    page = warm_pages.page(bypass_csp=True)
    open_marking(page, served)
    found = serious(page)
    assert not found, json.dumps(found, indent=1)
    page.goto(served.origin + f"/s/{served.token}/report")
    found = serious(page)
    assert not found, json.dumps(found, indent=1)


def _request(served: Served, method: str, path: str, **headers: Any) -> http.client.HTTPResponse:
    host = served.origin.removeprefix("http://")
    connection = http.client.HTTPConnection(host, timeout=10)
    body = headers.pop("body", None)
    connection.request(method, path, body=body, headers={"Host": host, **headers})
    return connection.getresponse()


def test_the_gate(served: Served) -> None:
    home = f"/s/{served.token}"
    assert _request(served, "GET", "/api/marks").status == 403  # no token
    assert _request(served, "GET", "/s/wrong-token/api/marks").status == 403
    assert _request(served, "GET", f"{home}/api/marks", Host="evil.example:80").status == 400
    body = json.dumps({"version": "x", "copy": 1, "statement": "s1", "band": 3})
    foreign = _request(
        served,
        "POST",
        f"{home}/api/decide",
        body=body,
        Origin="http://evil.example",
        **{"Content-Type": "application/json"},
    )
    assert foreign.status == 403
    as_form = _request(served, "POST", f"{home}/api/decide", body=body)
    assert as_form.status == 415
    before = served.marks.read_bytes()
    bad_band = json.loads(_request(served, "GET", f"{home}/api/marks").read())
    wrong = _request(
        served,
        "POST",
        f"{home}/api/decide",
        body=json.dumps(
            {
                "version": bad_band["version"],
                "copy": 1,
                "statement": bad_band["statements"][0]["id"],
                "band": 7,
            }
        ),
        **{"Content-Type": "application/json"},
    )
    assert wrong.status == 400 and "1, 2 or 3" in json.loads(wrong.read())["message"]
    assert served.marks.read_bytes() == before
    assert _request(served, "GET", f"{home}/images/../marks.json").status == 404
    assert _request(served, "GET", f"{home}/images/marks.json").status == 404
    assert _request(served, "GET", f"{home}/images/reasons/001-1.png").status == 200
