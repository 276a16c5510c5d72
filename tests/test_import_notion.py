"""`publisher import` of a Notion export ("Export → Markdown & CSV"), as downloaded: the zip
holding a zip, or the folder unzipped. tests/exports/notion/ is laid out as Notion writes
it: `Title <32 hex digits>.md` pages, their pictures and subpages in `Title <id>/`, a
database as a CSV beside the folder of its row pages, whose properties open each page."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_import_platforms import EXPORTS, new_workspace

from publisher.cli import main
from publisher.readers import read_document

NOTION = EXPORTS / "notion"


def downloaded(into: Path) -> Path:
    """As Notion's download is now: a zip holding one zip, which holds the export."""
    inner = into / "Export-0f1e2d3c-Part-1.zip"
    with zipfile.ZipFile(inner, "w") as archive:
        for path in sorted(NOTION.rglob("*")):
            if path.is_file():
                archive.write(path, path.relative_to(NOTION).as_posix())
    outer = into / "Export-0f1e2d3c.zip"
    with zipfile.ZipFile(outer, "w") as archive:
        archive.write(inner, inner.name)
    return outer


@pytest.fixture(params=["zip as downloaded", "folder"])
def imported(request: pytest.FixtureRequest, tmp_path: Path) -> tuple[Path, dict]:
    root = new_workspace(tmp_path / "ws")
    source = downloaded(tmp_path) if request.param == "zip as downloaded" else NOTION
    result = CliRunner().invoke(main, ["-C", str(root), "import", "--json", str(source)])
    assert result.exit_code == 0, result.output
    (report,) = json.loads(result.stdout)["exports"]
    return root, report


def text(root: Path, slug: str) -> str:
    return (root / "documents" / f"{slug}.md").read_text(encoding="utf-8")


def test_each_page_is_a_document_titled_by_its_heading_and_no_issue(
    imported: tuple[Path, dict],
) -> None:
    root, report = imported
    assert report["platform"] == "Notion"
    written = sorted(Path(post["document"]).name for post in report["posts"])
    assert written == ["cleaners-win-back-pay.md", "meeting-notes.md", "rent-strike-statement.md"]
    assert sorted(p.name for p in (root / "issues").iterdir()) == ["001-first-issue.yaml"]
    statement = read_document(
        root / "documents" / "rent-strike-statement.md", "s", root / "documents", "en"
    )
    assert statement.title == "Rent strike statement"
    assert ">Rent strike statement<" not in statement.body_html  # not repeated under it
    assert "3f2a9c1e" not in text(root, "rent-strike-statement").split("imported:")[0]


def test_a_database_rows_properties_are_its_front_matter_and_drafts_are_left_out(
    imported: tuple[Path, dict],
) -> None:
    root, report = imported
    row = read_document(
        root / "documents" / "cleaners-win-back-pay.md", "c", root / "documents", "en"
    )
    assert (row.authors, str(row.date), row.tags) == (
        ("Ana Ruiz",),
        "2026-03-01",
        ("health", "strike"),
    )
    assert row.summary == "Six months of organising at the hospital."
    assert "Status" not in row.body_html and "Author:" not in row.body_html
    assert "Note: the agreement is signed." in row.body_html  # a line like one, below them
    notes = text(root, "meeting-notes")  # a page's first lines, not all properties
    assert "Date: Tuesday evening, in the hall Forty tenants came" in notes
    assert "date:" not in notes
    left_out = [(item["name"], item["why"]) for item in report["left_out"]]
    assert ("Next steps", "Status is Draft") in left_out
    assert not (root / "documents" / "next-steps.md").exists()


def test_pictures_come_from_the_export_and_links_lead_to_the_pages_documents(
    imported: tuple[Path, dict],
) -> None:
    root, _ = imported
    statement = text(root, "rent-strike-statement")
    assert "![](media/rent-strike-statement/Untitled.png)" in statement  # no "Untitled" alt
    picture = root / "documents" / "media" / "rent-strike-statement" / "Untitled.png"
    expected = NOTION / "Rent strike statement 3f2a9c1e07b84d2c9a1b2c3d4e5f6a7b" / "Untitled.png"
    assert picture.read_bytes() == expected.read_bytes()
    assert "The [meeting notes](meeting-notes.md) say who voted." in statement


def test_a_page_copied_into_documents_as_exported_reads_its_properties_as_front_matter(
    tmp_path: Path,
) -> None:
    """A database row's page copied into documents/ rather than imported printed its
    properties ("Author: Ana Ruiz Date: March 1, 2026 3:04 PM Status: Published") as its first
    paragraph. They are read as `publisher import` reads them: its author, date, tags,
    and a draft's Status making it a draft."""
    rows = NOTION / "Statements 8a7b6c5d4e3f2a1b0c9d8e7f6a5b4c3d"
    pool = tmp_path / "documents"
    shutil.copytree(rows, pool)
    read = {
        doc.title: doc
        for doc in (read_document(path, "x", pool, "en") for path in sorted(pool.glob("*.md")))
    }
    pay, steps = read["Cleaners win back pay"], read["Next steps"]
    assert (pay.authors, pay.date, pay.draft) == (("Ana Ruiz",), dt.date(2026, 3, 1), False)
    assert (pay.tags, pay.summary) == (
        ("health", "strike"),
        "Six months of organising at the hospital.",
    )
    assert pay.body_html.startswith("<p>The hospital’s cleaners")
    assert (steps.authors, steps.draft) == (("Ben Ode",), True)
    assert "Status" not in pay.body_html + steps.body_html
