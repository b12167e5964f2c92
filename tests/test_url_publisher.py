"""Who published it (issue 24 item 11): a story from an agency or another outlet, on a site that
republishes it, is credited to both: ``outlet`` the first publisher, ``republished_by`` the site.

It was: an Associated Press story on a newspaper's site was credited to the newspaper only.
The pages in tests/data are the news story of tests/data/news-story.html as sites that carry
others' stories mark it up: an agency's byline, dateline and copyright line
(republished-agency.html), a JSON-LD author affiliated to a partner outlet
(republished-partner.html), the credit line of an openly licensed republication
(republished-credit.html), and the agency's own site (agency-own-site.html).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from ruamel.yaml import YAML

from medialit.drafting.webpage import extract_page

from .conftest import DATA
from .hardening_support import run_medialit

COURIER = "The Valley Courier"


def details(page: str, html: str | None = None) -> tuple[str | None, str | None, str | None]:
    extracted = extract_page(html if html is not None else (DATA / page).read_text())
    assert extracted is not None
    found = extracted.details
    return found.author, found.outlet, found.republished_by


@pytest.mark.parametrize(
    ("page", "author", "outlet", "republished_by"),
    [
        ("republished-agency.html", "Dana Whitfield", "Associated Press", COURIER),
        ("republished-partner.html", "Dana Whitfield", "Oregon Public Broadcasting", COURIER),
        (
            "republished-credit.html",
            "Dana Whitfield, Riverton State University",
            "The Conversation",
            COURIER,
        ),
        # Not republications: the site's own reporter, and the agency on its own site.
        ("news-story.html", "Dana Whitfield", COURIER, None),
        ("agency-own-site.html", "Dana Whitfield", "The Associated Press", None),
    ],
)
def test_the_first_publisher_and_the_site(
    page: str, author: str, outlet: str, republished_by: str | None
) -> None:
    assert details(page) == (author, outlet, republished_by)


def test_an_agency_dateline_alone_is_enough() -> None:
    html = (DATA / "news-story.html").read_text()
    html = html.replace("<p>Four blocks", "<p>RIVERTON, Ore. (Reuters) &ndash; Four blocks", 1)
    assert details("", html) == ("Dana Whitfield", "Reuters", COURIER)


def test_a_byline_naming_an_agency_after_the_reporter() -> None:
    html = (DATA / "news-story.html").read_text()
    html = html.replace(", City Hall reporter</p>", ", Agence France-Presse</p>", 1)
    assert details("", html) == ("Dana Whitfield", "Agence France-Presse", COURIER)


def test_originally_published_on_a_day_names_no_outlet() -> None:
    html = (DATA / "news-story.html").read_text()
    html = html.replace(
        "</article>", "<p>This story was originally published on Monday.</p></article>"
    )
    assert details("", html) == ("Dana Whitfield", COURIER, None)


@pytest.mark.build
def test_new_writes_both_into_the_draft(tmp_path: Path) -> None:
    (tmp_path / "story.html").write_bytes((DATA / "republished-agency.html").read_bytes())
    done = run_medialit(["new", "story.html", "--name", "story"], tmp_path)
    assert done.returncode == 0, done.stderr
    lesson = tmp_path / "lessons" / "story.yaml"
    data = YAML(typ="safe").load(lesson.read_text())
    assert (
        data["title"]
        == "“Riverton Closes Main Street to Cars on Weekends” (Associated Press, 2024)"
    )
    assert data["source"]["author"] == "Dana Whitfield"
    assert data["source"]["outlet"] == "Associated Press"
    assert data["source"]["republished_by"] == COURIER
    checked = run_medialit(["check", "lessons/story.yaml"], tmp_path)
    assert checked.returncode == 0, checked.stderr
