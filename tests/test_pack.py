"""Class packs, built for real and read back: names, order, page parity, versions and keys."""

from __future__ import annotations

import datetime
import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import ArrayObject

from medialit.build.planning import plan_lesson
from medialit.build.run import BuildOptions, build_lesson
from medialit.layout.pdf import html_to_pdf
from medialit.layout.stamp import stamp_copies
from medialit.lesson.reading import read_lesson
from medialit.sheets.nametag import NAME_MAX_PT, SLOT, name_tag, name_width_em
from medialit.sheets.pack import plan_pack
from medialit.sheets.roster import read_roster
from medialit.sheets.variants import version_numberings

from .conftest import DATA, pdf_pages

pytestmark = pytest.mark.build

LONG_NAME = "Maximiliana Wilhelmina Featherstonehaugh-Cholmondeley von Sachsen-Coburg-Gotha"
ROSTER = f"""\
name,level,version
Ana Wolanski,,
{LONG_NAME},,
Ana Wolanski,guided,
Chidi Okonkwo,independent,B
Dora Quist,,
"""
# (name, label printed on every page, key file) in roster order: versions in turn A, B, A…
EXPECTED = [
    ("Ana Wolanski", "M3 · Version A", "key-A.pdf"),
    (LONG_NAME, "M3 · Version B", "key-B.pdf"),
    ("Ana Wolanski", "K7 · Version A", "key-guided-A.pdf"),
    ("Chidi Okonkwo", "T5 · Version B", "key-independent-B.pdf"),
    ("Dora Quist", "M3 · Version A", "key-A.pdf"),
]


def fold(text: str) -> str:
    return " ".join(text.replace("’", "'").split())


def page_texts(pdf: Path | bytes) -> list[str]:
    return [fold(text) for text in pdf_pages(pdf)]  # pdf_pages reads a PDF once, many tests


# A fixed creation date, so that two builds can be compared byte for byte.
CREATED = datetime.datetime(2024, 1, 1, tzinfo=datetime.UTC)


def pack_options(out: Path, roster: Path, **extra: object) -> BuildOptions:
    return BuildOptions(
        out=out, roster=roster, versions=2, seed=7, split=True, created=CREATED, **extra
    )  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def roster_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    file = tmp_path_factory.mktemp("roster") / "class.csv"
    file.write_text(ROSTER, encoding="utf-8")
    return file


@pytest.fixture(scope="session")
def pack(tmp_path_factory: pytest.TempPathFactory, roster_file: Path) -> Path:
    """The sample lesson's class pack for the roster above, built once: its folder."""
    out = tmp_path_factory.mktemp("pack")
    build_lesson(DATA / "sample.yaml", pack_options(out, roster_file))
    return out / "sample"


def copies_in(pack_pdf: Path) -> list[list[int]]:
    """Each copy's page indexes (0-based), found by the worksheet's first-page header."""
    copies: list[list[int]] = []
    for index, text in enumerate(page_texts(pack_pdf)):
        if "STUDENT WORKSHEET" in text:
            copies.append([])
        if text:
            copies[-1].append(index)
    return copies


def test_pack_files(pack: Path) -> None:
    names = sorted(str(p.relative_to(pack)) for p in pack.rglob("*.pdf"))
    assert names == [
        "class-pack.pdf",
        "copies/01-ana-wolanski.pdf",
        "copies/02-maximiliana-wilhelmina-featherstonehaugh.pdf",
        "copies/03-ana-wolanski.pdf",
        "copies/04-chidi-okonkwo.pdf",
        "copies/05-dora-quist.pdf",
        "cover.pdf",
        "key-A.pdf",
        "key-B.pdf",
        "key-guided-A.pdf",
        "key-independent-B.pdf",
    ]


def test_each_copy_has_its_name_and_label_on_every_page(pack: Path) -> None:
    texts = page_texts(pack / "class-pack.pdf")
    copies = copies_in(pack / "class-pack.pdf")
    assert len(copies) == len(EXPECTED)
    for pages, (name, label, _) in zip(copies, EXPECTED, strict=True):
        for index in pages:
            assert f"Name: {name}" in texts[index]
            assert label in texts[index]
            others = {n for n, _, _ in EXPECTED} - {name}
            assert not any(other in texts[index] for other in others)


def test_every_copy_starts_on_a_front_page(pack: Path) -> None:
    reader = PdfReader(pack / "class-pack.pdf")
    copies = copies_in(pack / "class-pack.pdf")
    assert len(reader.pages) % 2 == 0
    for pages in copies:
        assert pages[0] % 2 == 0  # 0-based: page 1, 3, 5… is a front page
        assert pages == list(range(pages[0], pages[0] + len(pages)))


def test_a_copy_is_its_layout_with_only_the_name_added(pack: Path, roster_file: Path) -> None:
    """Lay each variant out again, as the build does, and compare page by page."""
    options = pack_options(pack.parent / "unused", roster_file)
    plan = plan_lesson(DATA / "sample.yaml", options, read_roster(roster_file))
    assert plan.pack is not None
    assert plan.class_pack is not None
    layouts = []
    for html in [layout.html for layout in plan.class_pack.layouts]:
        pdf, _ = html_to_pdf(html, base_folder=DATA, allowed_folders=[])
        layouts.append((PdfReader(io.BytesIO(pdf)), page_texts(pdf)))
    pack_reader = PdfReader(pack / "class-pack.pdf")
    pack_texts = page_texts(pack / "class-pack.pdf")
    copies = copies_in(pack / "class-pack.pdf")
    for copy, pages in zip(plan.pack.copies, copies, strict=True):
        layout, layout_texts = layouts[plan.pack.layout_index(copy)]
        assert len(pages) == len(layout.pages)
        for index, layout_page, layout_text in zip(pages, layout.pages, layout_texts, strict=True):
            page = pack_reader.pages[index]
            text = pack_texts[index]
            assert " ".join(text.replace(fold(f"Name: {copy.name}"), "", 1).split()) == layout_text
            contents = page.raw_get("/Contents")
            assert isinstance(contents, ArrayObject) and len(contents) == 3
            assert contents[1].get_object().get_data() == layout_page.get_contents().get_data()
            assert page.mediabox == layout_page.mediabox


def test_versions_match_their_keys(pack: Path) -> None:
    checked = read_lesson(DATA / "sample.yaml")
    texts = page_texts(pack / "class-pack.pdf")
    numbers_by_key: dict[str, list[int]] = {}
    for pages, (_, _, key) in zip(copies_in(pack / "class-pack.pdf"), EXPECTED, strict=True):
        copy_text = " ".join(texts[i] for i in pages)
        key_text = fold(" ".join(page_texts(pack / key)))
        numbers = []
        for statement in checked.statements:
            opening = re.escape(" ".join(fold(statement.annotation.quote).split()[:4]))
            in_key = re.findall(rf"(\d+) “{opening}", key_text)
            assert len(in_key) == 1, (key, opening)
            numbers.append(int(in_key[0]))
            if "independent" not in key:
                in_copy = set(re.findall(rf"(\d+) {opening}", copy_text))
                assert in_copy == set(in_key), (key, opening)  # article and table agree
        numbers_by_key[key] = numbers
    assert sorted(numbers_by_key["key-A.pdf"]) == [1, 2, 3]
    assert numbers_by_key["key-A.pdf"] != numbers_by_key["key-B.pdf"]
    assert numbers_by_key["key-A.pdf"] == numbers_by_key["key-guided-A.pdf"]
    assert "Model answers" in " ".join(page_texts(pack / "key-independent-B.pdf"))


def test_no_answers_in_the_pack_copies_or_cover(pack: Path, roster_file: Path) -> None:
    checked = read_lesson(DATA / "sample.yaml")
    files = [pack / "class-pack.pdf", pack / "cover.pdf", *sorted((pack / "copies").iterdir())]
    plan = plan_lesson(
        DATA / "sample.yaml", pack_options(pack, roster_file), read_roster(roster_file)
    )
    assert plan.class_pack is not None
    htmls = [d.html for d in (*plan.class_pack.layouts, plan.class_pack.name_tags)]
    texts = [" ".join(page_texts(file)) for file in files]
    for statement in checked.statements:
        for secret in (statement.annotation.why, *statement.annotation.techniques):
            assert all(fold(secret) not in text for text in texts)
            assert all(secret not in html for html in htmls)
    for text in texts[:1] + texts[2:]:  # the cover is the teacher's: it names the key files
        for marker in ("Answer key", "Why:", "Also accept", "Model answers"):
            assert marker not in text
    for html in htmls:
        assert "kind-" not in html
    metadata = PdfReader(pack / "class-pack.pdf").metadata
    assert metadata is not None and metadata.title == "The school lunch debate: class pack"


def test_cover_lists_who_got_what(pack: Path) -> None:
    text = " ".join(page_texts(pack / "cover.pdf"))
    assert len(PdfReader(pack / "cover.pdf").pages) == 1
    assert "5 copies" in text
    assert "1 Ana Wolanski Standard (M3) A" in text
    assert "3 Ana Wolanski Guided (K7) A" in text
    assert "4 Chidi Okonkwo Independent (T5) B" in text
    assert "key-guided-A.pdf" in text


def test_split_copies_are_the_pack_copies(pack: Path) -> None:
    pack_texts = page_texts(pack / "class-pack.pdf")
    copies = copies_in(pack / "class-pack.pdf")
    files = sorted((pack / "copies").iterdir())
    for file, pages, (name, _, _) in zip(files, copies, EXPECTED, strict=True):
        assert page_texts(file) == [pack_texts[i] for i in pages]
        metadata = PdfReader(file).metadata
        assert metadata is not None
        assert metadata.title == f"The school lunch debate: worksheet for {name}"


def test_jobs_2_and_the_same_seed_give_the_same_pdfs(
    pack: Path, roster_file: Path, tmp_path: Path
) -> None:
    build_lesson(DATA / "sample.yaml", pack_options(tmp_path, roster_file, jobs=2))
    again = tmp_path / "sample"
    files = sorted(p.relative_to(pack) for p in pack.rglob("*.pdf"))
    assert files == sorted(p.relative_to(again) for p in again.rglob("*.pdf"))
    for file in files:
        assert (pack / file).read_bytes() == (again / file).read_bytes(), file


def test_long_names_shrink_to_fit_and_short_ones_do_not() -> None:
    available_pt = (SLOT.width - SLOT.label) * 72 / 25.4
    assert name_tag("Ana Wolanski").font_size == NAME_MAX_PT
    for name in (LONG_NAME, "W" * 80, "陈" * 80):
        tag = name_tag(name)
        assert tag.font_size < NAME_MAX_PT
        assert name_width_em(name) * tag.font_size <= available_pt


def test_long_name_printed_whole(pack: Path) -> None:
    texts = page_texts(pack / "class-pack.pdf")
    assert sum(LONG_NAME in text for text in texts) == 2


def test_versions_are_reproducible_and_distinct() -> None:
    first = version_numberings(5, 3, seed=1)
    assert first == version_numberings(5, 3, seed=1)
    assert len(set(first.values())) == 3
    assert first != version_numberings(5, 3, seed=2)
    assert all(sorted(numbers) == [1, 2, 3, 4, 5] for numbers in first.values())
    assert version_numberings(5, 1, seed=1) == {}


def test_roster_versions_in_turn_and_beyond_the_count(tmp_path: Path) -> None:
    file = tmp_path / "class.csv"
    file.write_text("name,version\nA1,\nA2,\nA3,C\nA4,\n")
    plan = plan_pack(read_roster(file), "standard", 2, seed=0, statements=3)
    assert [c.variant.version for c in plan.copies] == ["A", "B", "C", "A"]
    assert all(c.options.named for c in plan.copies)


def test_blank_pages_keep_copies_on_front_pages(tmp_path: Path) -> None:
    """A one-page and a three-page layout: each copy still starts on an odd page."""

    def layout(pages: int) -> bytes:
        body = "".join(f'<p style="break-after: page">Layout page {n}</p>' for n in range(pages))
        pdf, _ = html_to_pdf(
            f"<html><body>{body}</body></html>", base_folder=tmp_path, allowed_folders=[]
        )
        return pdf

    names = "".join(
        f'<p style="break-before: page">Tag {n}</p>' if n else f"<p>Tag {n}</p>" for n in range(3)
    )
    tags, _ = html_to_pdf(
        f"<html><body>{names}</body></html>", base_folder=tmp_path, allowed_folders=[]
    )
    layouts = [layout(1), layout(3)]
    combined, placed = stamp_copies(layouts, [0, 1, 0], tags, title="t", language="en")
    assert [(c.first_page, c.last_page) for c in placed] == [(1, 1), (3, 5), (7, 7)]
    texts = page_texts(combined)
    assert len(texts) == 8
    assert texts[1] == "" and texts[5] == "" and texts[7] == ""
    assert "Tag 1" in texts[2] and "Tag 1" in texts[4] and "Tag 0" in texts[0]
