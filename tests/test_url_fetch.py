"""``medialit new https://…`` (issue 24 item 10): the page fetched once, within limits, from the
public web only, kept byte for byte; refused offline; a login or paywall said as such.

Real ``medialit new`` processes against a real HTTP server the test starts (tests/url_support.py).
Every test server listens on this computer, so the tests that fetch pass ``--allow-local``; the
ones about private addresses lower no check but count 127.0.0.1 as public in the process (its
prelude), so that a redirect on to 127.0.0.2 is what is refused.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from .hardening_support import run_medialit
from .url_support import HUGE_BYTES, STORY, Site, serving

pytestmark = pytest.mark.build

LESSON = Path("lessons/riverton-closes-main-street-to-cars-on-weekends-2024.yaml")
SEED = Path("seeds/riverton-closes-main-street-to-cars-on-weekends-2024.html")
SAVE = (
    "open the page in your browser, save it there (File > Save Page As, as a web page, HTML only) "
    "and run medialit new on the saved file"
)
# 127.0.0.1 is "public" for this process only, so that the test site counts as a site out there.
LOOPBACK_IS_PUBLIC = (
    "import ipaddress\n"
    "import medialit.drafting.webfetch as webfetch\n"
    "_public = webfetch.is_public\n"
    "webfetch.is_public = lambda a: a == ipaddress.ip_address('127.0.0.1') or _public(a)\n"
)


@pytest.fixture()
def site() -> Iterator[Site]:
    with serving("127.0.0.2") as other, serving(other=other.base) as main_site:
        yield main_site


def files_in(folder: Path) -> set[Path]:
    return {p.relative_to(folder) for p in folder.rglob("*")}


def source_of(lesson: Path) -> dict[str, object]:
    return dict(YAML(typ="safe").load(lesson.read_text())["source"])


def test_a_web_address_is_fetched_and_kept_byte_for_byte(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/story.html", "--allow-local"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"fetched {site.base}/story.html ({len(STORY):,} bytes)\n")
    assert f"wrote {LESSON} (" in done.stdout
    assert (tmp_path / SEED).read_bytes() == STORY
    assert source_of(tmp_path / LESSON)["url"] == f"{site.base}/story.html"
    assert site.requests == ["/story.html"]  # once, and nothing the page links to
    checked = run_medialit(["check", str(LESSON)], tmp_path)
    assert checked.returncode == 0, checked.stderr


def test_redirects_are_followed_and_the_final_address_recorded(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/moved-twice", "--allow-local"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(
        f"fetched {site.base}/story.html ({len(STORY):,} bytes, redirected from "
        f"{site.base}/moved-twice)\n"
    )
    assert source_of(tmp_path / LESSON)["url"] == f"{site.base}/story.html"
    assert site.requests == ["/moved-twice", "/moved", "/story.html"]


def test_endless_redirects_stop(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/loop", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/loop: the address redirected more than 5 times (last to "
        f"{site.base}/loop); {SAVE}.\n"
    )
    assert len(site.requests) == 6
    assert files_in(tmp_path) == set()


def test_a_redirect_to_another_scheme_is_refused(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/to-ftp", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/to-ftp: the address redirected to ftp://127.0.0.1/story.html, "
        f"which is not a web address; {SAVE}.\n"
    )


def test_only_http_and_https_addresses_are_fetched(tmp_path: Path) -> None:
    done = run_medialit(["new", "ftp://127.0.0.1/story.html"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: ftp://127.0.0.1/story.html: medialit new fetches only http:// and https:// "
        f"addresses of web pages; check the address, or {SAVE}.\n"
    )


def test_a_slow_page_is_stopped_at_the_time_limit(site: Site, tmp_path: Path) -> None:
    prelude = "import medialit.drafting.webfetch as webfetch\nwebfetch.FETCH_SECONDS = 2"
    done = run_medialit(
        ["new", f"{site.base}/slow", "--allow-local"], tmp_path, prelude=prelude, timeout=30
    )
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/slow: the page did not arrive within 2 seconds, so medialit "
        f"stopped; try again later, or {SAVE}.\n"
    )
    assert files_in(tmp_path) == set()


def test_a_huge_page_is_refused_at_the_size_limit(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/huge", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/huge: the page is larger than 5 MB, too large for one article; "
        f"{SAVE}, or copy the article's text into a .txt file.\n"
    )
    assert HUGE_BYTES > 5_000_000
    assert files_in(tmp_path) == set()


def test_a_refused_page_says_login_or_paywall(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/forbidden", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/forbidden: the site refused to give the page (403 Forbidden): it "
        f"may need a login, or a paywall blocks it; {SAVE} (logged in, if you have an "
        "account).\n"
    )


def test_a_tiny_page_with_a_login_form_says_so(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/login", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/login: no article text was found in this page, and the page shows "
        f"a login form: the article may need a login, or a paywall blocks it; {SAVE} (logged "
        "in, if you have an account).\n"
    )
    assert files_in(tmp_path) == set()


def test_a_page_marked_for_subscribers_is_drafted_with_a_warning(
    site: Site, tmp_path: Path
) -> None:
    done = run_medialit(["new", f"{site.base}/paywall", "--allow-local"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        "Warning: the site marks the article as for subscribers only: the page may hold only "
        "the start of the article; if so, open it in your browser (logged in), save it there "
        "and run medialit new on the saved file.\n"
    )


def test_a_login_form_beside_the_article_is_no_paywall(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/menu-login", "--allow-local"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""


def test_a_pdf_is_not_taken_for_a_page(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/report.pdf", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/report.pdf: the address gives application/pdf, not a web page; "
        "open it, copy the article's text into a .txt file and run medialit new on that file.\n"
    )


def test_the_character_set_the_site_declares_is_used(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/latin1", "--allow-local"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert "“This is about giving the street back" in (tmp_path / LESSON).read_text()


def test_a_missing_page_says_so(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/gone", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/gone: there is no page at this address (404 Not Found); check "
        "the address.\n"
    )


def test_this_computer_is_refused_by_the_address_reached(site: Site, tmp_path: Path) -> None:
    # "localhost" is a name: what is checked is the address the connection reached.
    address = site.base.replace("127.0.0.1", "localhost") + "/story.html"
    done = run_medialit(["new", address], tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith(f"Error: {address}: the address leads to ")
    assert done.stderr.endswith(
        ", on this computer, and medialit new fetches only public web pages; if you trust the "
        "address, run the command again with --allow-local.\n"
    )
    assert site.requests == []  # refused before a byte of the request was sent
    assert files_in(tmp_path) == set()


def test_a_redirect_to_a_private_address_is_refused(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/to-private"], tmp_path, prelude=LOOPBACK_IS_PUBLIC)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/to-private: the address leads to 127.0.0.2, on this computer, and "
        "medialit new fetches only public web pages; if you trust the address, run the "
        "command again with --allow-local.\n"
    )
    assert site.requests == ["/to-private"]
    assert files_in(tmp_path) == set()


def test_allow_local_follows_that_redirect(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/to-private", "--allow-local"], tmp_path)
    assert done.returncode == 0, done.stderr
    assert source_of(tmp_path / LESSON)["url"].startswith("http://127.0.0.2:")  # type: ignore[union-attr]


def test_offline_refuses_any_fetch(site: Site, tmp_path: Path) -> None:
    done = run_medialit(["new", f"{site.base}/story.html", "--offline", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/story.html: medialit new fetches no web page here (--offline); "
        f"{SAVE}.\n"
    )
    (tmp_path / "medialit.toml").write_text("offline = true\n")
    done = run_medialit(["new", f"{site.base}/story.html", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        f"Error: {site.base}/story.html: medialit new fetches no web page here (offline = true "
        f"in medialit.toml); {SAVE}.\n"
    )
    assert site.requests == []
    assert files_in(tmp_path) == {Path("medialit.toml")}


def test_a_web_address_is_not_taken_for_a_file(tmp_path: Path) -> None:
    # It was: "https:/www.example.invalid/story: there is no such file" (the address mangled).
    done = run_medialit(["new", "https://www.example.invalid/story"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: https://www.example.invalid/story: the site www.example.invalid was not found; "
        f"check the address and the computer's connection, or {SAVE}.\n"
    )


def test_a_site_that_does_not_answer_says_so(tmp_path: Path) -> None:
    done = run_medialit(["new", "http://127.0.0.1:1/story", "--allow-local"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: http://127.0.0.1:1/story: the site could not be reached (Connection refused); "
        f"check the address and the computer's connection, or {SAVE}.\n"
    )


def test_an_address_without_https_gets_a_hint(tmp_path: Path) -> None:
    done = run_medialit(["new", "www.example.org/news/story"], tmp_path)
    assert done.returncode == 1
    assert done.stderr == (
        "Error: www.example.org/news/story: there is no such file; name a saved web page or a "
        "text file, or write the address in full: https://www.example.org/news/story.\n"
    )
