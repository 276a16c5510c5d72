"""`publisher import` of a platform export, for a newsletter that is not in English: each
issue made from a post is in the post's language (its manifest says so, its section title
is in it, and the built issue speaks it), the report says when a new workspace was made in
another language than every post, and an image left out leaves no empty link behind.

The exports under tests/exports/*-es and *-fr are written in each platform's export format,
with the image markup each platform writes (Substack's captioned-image-container, a linked
image inside a paragraph of a Ghost HTML card, WordPress's classic editor and a Mailchimp
text block), the images only online.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import lxml.html
import pytest
import yaml
from click.testing import CliRunner

from publisher.cli import main
from publisher.importers.platform_report import as_json, rows
from publisher.importers.platforms import import_export
from publisher.readers import read_document
from publisher.scaffold import Identity, create_workspace

EXPORTS = Path(__file__).parent / "exports"

# (export, the issue its post became, the post's language, an image of the post only online)
SPANISH_AND_FRENCH = [
    (
        "substack-es",
        "encuesta-de-alquileres",
        "es",
        "https://substackcdn.com/image/fetch/w_1456,c_limit,f_auto,q_auto:good,"
        "fl_progressive:steep/https%3A%2F%2Fsubstack-post-media.s3.amazonaws.com%2Fpublic"
        "%2Fimages%2Fencuesta-grafico.png",
    ),
    (
        "ghost-fr",
        "assemblee-des-locataires",
        "fr",
        "https://images.unsplash.com/photo-cour-immeuble.jpg",
    ),
    (
        "wordpress-es",  # Polylang's language term
        "votan-el-convenio",
        "es",
        "https://i0.wp.com/elpuerto.example.org/wp-content/uploads/2026/04/votacion-300x200.jpg",
    ),
    (
        "mailchimp-es",
        "boletin-del-puerto-la-caja-de-resistencia",
        "es",
        "https://mcusercontent.com/0a1b2c/images/colecta.jpg",
    ),
]


EXPORT_NAMES = [export for export, *_ in SPANISH_AND_FRENCH]


def new_workspace(root: Path) -> Path:
    """A workspace as `publisher init` makes it: in English, with its one sample issue."""
    create_workspace(root, Identity("Inquilinas del Puerto"))
    return root


def manifest(root: Path, issue: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((root / "issues" / f"{issue}.yaml").read_text())
    return data


def empty_links(html: str) -> list[str]:
    """The links with nothing to read or see in them: what a screen reader calls 'link'."""
    root = lxml.html.fragment_fromstring(html or "<p></p>", create_parent="div")
    return [
        lxml.html.tostring(a, encoding="unicode")
        for a in root.iter("a")
        if not a.text_content().strip() and a.find(".//img") is None
    ]


@pytest.mark.parametrize(
    ("export", "issue", "language", "image"), SPANISH_AND_FRENCH, ids=EXPORT_NAMES
)
def test_an_issue_made_from_a_post_is_in_the_posts_language(
    tmp_path: Path, export: str, issue: str, language: str, image: str
) -> None:
    root = new_workspace(tmp_path / "ws")

    import_export(EXPORTS / export, root)

    assert manifest(root, issue)["language"] == language


def test_an_issue_in_the_workspaces_language_does_not_repeat_it(tmp_path: Path) -> None:
    """The Dockside export mixes English, Spanish and French posts."""
    root = new_workspace(tmp_path / "ws")

    import_export(EXPORTS / "substack", root)

    assert "language" not in manifest(root, "cleaners-win-back-pay")
    assert manifest(root, "huelga-del-puerto")["language"] == "es"
    assert manifest(root, "assemblee-generale")["language"] == "fr"


def test_a_spanish_issues_section_title_is_spanish(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")

    import_export(EXPORTS / "substack-es", root)

    (section,) = manifest(root, "encuesta-de-alquileres")["sections"]
    assert section["title"] == "Artículos"


def test_a_spanish_issue_is_built_with_a_spanish_interface(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    import_export(EXPORTS / "substack-es", root)

    result = CliRunner().invoke(
        main, ["-C", str(root), "build", "encuesta-de-alquileres", "--format", "web"]
    )

    assert result.exit_code == 0, result.output
    page = lxml.html.parse(str(root / "dist/encuesta-de-alquileres/index.html")).getroot()
    assert page.get("lang") == "es"
    assert page.xpath("string(//h2[@id='contents-title'])") == "Índice"  # es: "Contents"


def test_the_report_says_when_every_post_is_in_another_language_than_a_new_workspace(
    tmp_path: Path,
) -> None:
    root = new_workspace(tmp_path / "ws")
    settings = (root / "publisher.toml").read_bytes()

    report = import_export(EXPORTS / "substack-es", root)

    notes = [row for row in rows(report, root) if row[0] == "language"]
    assert len(notes) == 1
    assert 'language = "es"' in notes[0][2] and "publisher.toml" in notes[0][2]
    assert as_json(report, root)["language_note"] == notes[0][2]
    assert (root / "publisher.toml").read_bytes() == settings  # said, never done


def test_no_language_note_when_the_posts_are_in_several_languages(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")

    report = import_export(EXPORTS / "substack", root)

    assert [row for row in rows(report, root) if row[0] == "language"] == []
    assert as_json(report, root)["language_note"] is None


def test_no_language_note_for_a_workspace_that_already_has_its_issues(tmp_path: Path) -> None:
    root = new_workspace(tmp_path / "ws")
    import_export(EXPORTS / "substack", root)  # English, Spanish and French issues

    report = import_export(EXPORTS / "substack-es", root)

    assert [row for row in rows(report, root) if row[0] == "language"] == []
    assert as_json(report, root)["language_note"] is None


@pytest.mark.parametrize(
    ("export", "issue", "language", "image"), SPANISH_AND_FRENCH, ids=EXPORT_NAMES
)
def test_a_link_that_held_only_a_left_out_image_goes_with_it(
    tmp_path: Path, export: str, issue: str, language: str, image: str
) -> None:
    root = new_workspace(tmp_path / "ws")

    report = import_export(EXPORTS / export, root)

    path = root / "documents" / f"{issue}.md"
    assert "[](" not in path.read_text()
    document = read_document(path, issue, root / "documents", "en")
    assert empty_links(document.body_html) == []
    assert image in {url for _title, url in report.online_images}  # still listed
