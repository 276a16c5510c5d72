"""A file an article links to (the report's PDF, the figures, a recording) is published
with the web archive and linked there from every output; a link to a file it may not
publish keeps its words, without the link, and says why."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import lxml.html
import pikepdf
import pypandoc
import pytest
from click.testing import CliRunner
from conftest import WORKSPACES, build_with_warnings, copy_workspace, minimal_with
from parsed_outputs import pdf_link_uris
from validators import parse_eml

from publisher.attachments import with_kinds_and_sizes
from publisher.checks import Target, run_checks
from publisher.cli import main
from publisher.config import load_config

ISSUE = "001-first"
SITE = "https://minimal.example.org/"
REPORT = SITE + "media/reports/annual%20report%202026.pdf"
FIGURES = SITE + "media/reports/figures.csv"
RECORDING = SITE + "media/speech.mp3"

ARTICLE = """\
---
title: The annual report
---

Read [the full report](reports/annual report 2026.pdf), with [its figures](reports/figures.csv),
or listen to [the speech](speech.mp3 "The speech, 12 minutes").

Not for publishing: [the installer](tools/setup.exe), [the missing file](reports/draft.pdf),
[the treasurer's notes](notes.pdf),
[our draft response](drafts/response.docx).
"""


# Word links files by their place on the writer's disk
WORD = """\
The summary of [the annual report](file:///C:/Users/ana/Documents/Union/annual%20report%202026.pdf),
and [the budget](<\\\\\\\\office\\\\shared\\\\budget 2027.xlsx>).
"""


def pdf_file(title: str) -> bytes:
    """A one-page PDF titled `title` (so that two of them differ)."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    pdf.docinfo["/Title"] = title
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[str], Path]:
    base = tmp_path_factory.mktemp("attached")
    files = {
        "reports/annual report 2026.pdf": pdf_file("Annual report"),
        "reports/figures.csv": "branch,members\nport,412\n",
        "speech.mp3": b"ID3\x04\x00\x00\x00\x00\x00\x00" + bytes(64),
        "tools/setup.exe": b"MZ" + bytes(64),
        "report.md": ARTICLE,
        "reports/summary.docx": WORD,
        "minutes/agm.pdf": pdf_file("AGM minutes"),  # linked by the editorial alone
    }
    root = minimal_with(base / "ws", files)
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "Hello from the editors.",
            "Hello. The [AGM minutes](documents/minutes/agm.pdf) are out.",
        )
    )
    documents = root / "documents"
    (base / "private").mkdir()
    (base / "private" / "notes.pdf").write_bytes(pdf_file("Treasurer's private notes"))
    (documents / "notes.pdf").symlink_to(base / "private" / "notes.pdf")  # out of documents/
    (documents / "drafts").mkdir()  # a draft in Word, in no issue: never published as a file
    pypandoc.convert_text(
        "Draft, with comments.",
        "docx",
        format="markdown",
        outputfile=str(documents / "drafts" / "response.docx"),
    )
    out, warnings = build_with_warnings(root)
    return out, warnings, root


def links(markup: str | bytes) -> dict[str, str]:
    tree = lxml.html.fromstring(markup)
    return {" ".join(a.text_content().split()): a.get("href") for a in tree.iter("a")}


def unlinked(markup: str | bytes, words: str) -> bool:
    """`words` are on the page, and in no link: its words alone, nothing to click."""
    text = " ".join(lxml.html.fromstring(markup).text_content().split())
    return words in text and words not in links(markup)


def test_the_files_are_published_beside_the_pictures_as_they_are(
    built: tuple[Path, list[str], Path],
) -> None:
    out, _, root = built
    for name in ("reports/annual report 2026.pdf", "reports/figures.csv", "speech.mp3"):
        assert (out / "media" / name).read_bytes() == (root / "documents" / name).read_bytes()


def test_every_output_links_the_published_files(built: tuple[Path, list[str], Path]) -> None:
    out, _, _ = built
    issue = out / ISSUE
    wanted = {"the full report": REPORT, "its figures": FIGURES, "the speech": RECORDING}
    with zipfile.ZipFile(issue / f"{ISSUE}.epub") as epub:
        book: dict[str, str] = {}
        for name in epub.namelist():
            if name.endswith(".xhtml"):
                book |= links(epub.read(name))
    outputs = {
        "web": links((issue / "report" / "index.html").read_bytes()),
        "email": links(parse_eml(issue / "email.eml").get_body(("html",)).get_content()),
        "epub": book,
    }
    for name, found in outputs.items():
        assert {words: found.get(words) for words in wanted} == wanted, name
    assert set(wanted.values()) <= set(pdf_link_uris(issue / f"{ISSUE}.pdf"))
    text = parse_eml(issue / "email.eml").get_body(("plain",)).get_content()
    assert REPORT in text


def test_a_file_the_editorial_links_is_published_and_linked_with_its_kind_and_size(
    built: tuple[Path, list[str], Path],
) -> None:
    out, warnings, root = built
    name = "minutes/agm.pdf"
    assert (out / "media" / name).read_bytes() == (root / "documents" / name).read_bytes()
    issue = out / ISSUE
    with zipfile.ZipFile(issue / f"{ISSUE}.epub") as epub:
        [book] = [
            epub.read(n) for n in epub.namelist() if n.endswith(".xhtml") and b"AGM" in epub.read(n)
        ]
    email = parse_eml(issue / "email.eml").get_body(("html",)).get_content()
    size = (root / "documents" / name).stat().st_size
    for markup in ((issue / "index.html").read_bytes(), email, book):
        assert links(markup).get("AGM minutes") == SITE + "media/minutes/agm.pdf"
        words = " ".join(lxml.html.fromstring(markup).text_content().split())
        assert f"AGM minutes (PDF, {size} bytes) are out" in words
    assert SITE + "media/minutes/agm.pdf" in pdf_link_uris(issue / f"{ISSUE}.pdf")
    assert not [w for w in warnings if "agm.pdf" in w]


def test_each_link_to_a_file_says_its_kind_and_size_in_every_output(
    built: tuple[Path, list[str], Path],
) -> None:
    out, _, root = built
    csv = (root / "documents" / "reports" / "figures.csv").stat().st_size
    mp3 = (root / "documents" / "speech.mp3").stat().st_size
    notes = [f"its figures (CSV, {csv} bytes)", f"the speech (MP3, {mp3} bytes)"]
    web = " ".join(
        lxml.html.fromstring((out / ISSUE / "report" / "index.html").read_bytes())
        .text_content()
        .split()
    )
    text = " ".join(parse_eml(out / ISSUE / "email.eml").get_body(("plain",)).get_content().split())
    for note in notes:
        assert note in web
    assert re.search(rf"its figures \[\d+\] \(CSV, {csv} bytes\)", text), text


@pytest.mark.parametrize(
    ("size", "language", "said"),
    [
        (8, "en", "(CSV, 8 bytes)"),
        (1, "en", "(CSV, 1 byte)"),
        (8, "es", "(CSV, 8 bytes)"),
        (8, "fr", "(CSV, 8\u00a0octets)"),
    ],
)
def test_a_file_under_a_kilobyte_is_said_in_bytes_as_the_articles_language_writes_them(
    size: int, language: str, said: str
) -> None:
    """English said "(CSV, 8 byte)": CLDR's short unit, which has no plural."""
    noted = with_kinds_and_sizes(
        '<p><a href="F">the figures</a>.</p>', {"F": ("CSV", size)}, language
    )
    assert said in noted


@pytest.mark.parametrize(
    ("written", "language", "noted"),
    [
        (
            '<p><a href="F">the report</a>.</p>',
            "en",
            '<p><a href="F">the report</a> (PDF, 186.2 kB).</p>',
        ),
        (
            '<p><a href="F">el informe</a>.</p>',
            "es",
            '<p><a href="F">el informe</a> (PDF, 186,2 kB).</p>',
        ),
        # the words name the kind already: the size alone
        (
            '<p><a href="F">the report as a <em>PDF</em></a></p>',
            "en",
            '<p><a href="F">the report as a <em>PDF</em></a> (186.2 kB)</p>',
        ),
        # the writer said it after the link: nothing more
        (
            '<p><a href="F">the report</a> (PDF, 190 KB)</p>',
            "en",
            '<p><a href="F">the report</a> (PDF, 190 KB)</p>',
        ),
        (
            '<p><a href="F">the report</a> (2 MB)</p>',
            "en",
            '<p><a href="F">the report</a> (2 MB)</p>',
        ),
        # a link to anything else: as it was
        ('<p><a href="G">elsewhere</a></p>', "en", '<p><a href="G">elsewhere</a></p>'),
    ],
)
def test_the_kind_and_size_are_said_once_in_the_articles_language(
    written: str, language: str, noted: str
) -> None:
    assert with_kinds_and_sizes(written, {"F": ("PDF", 186_201)}, language) == noted


def test_a_file_of_another_kind_missing_or_outside_documents_is_not_published(
    built: tuple[Path, list[str], Path],
) -> None:
    out, warnings, root = built
    published = [p for p in out.rglob("*") if p.is_file()]
    unpublished = ("notes.pdf", "draft.pdf", "response.docx")
    assert not [p for p in published if p.suffix == ".exe" or p.name in unpublished]
    private = (root.parent / "private" / "notes.pdf").read_bytes()
    assert not [p for p in published if p.read_bytes() == private]
    markup = (out / ISSUE / "report" / "index.html").read_bytes()
    for words in ("the installer", "the missing file", "the treasurer\u2019s notes"):
        assert unlinked(markup, words), words
    assert unlinked(markup, "our draft response")
    for value, line in (
        ("tools/setup.exe", 8),
        ("reports/draft.pdf", 8),
        ("notes.pdf", 9),
        ("drafts/response.docx", 10),
    ):
        said = [w for w in warnings if repr(value) in w]
        assert len(said) == 1 and f"report.md:{line}:" in said[0], warnings


def test_a_link_to_a_file_on_the_writers_disk_leads_to_the_file_of_that_name_beside_it(
    built: tuple[Path, list[str], Path],
) -> None:
    out, warnings, _ = built
    markup = (out / ISSUE / "summary" / "index.html").read_bytes()
    assert links(markup)["the annual report"] == REPORT
    assert unlinked(markup, "the budget")  # not in documents/: said, by its name
    said = [w for w in warnings if "'budget%202027.xlsx'" in w]
    assert len(said) == 1 and "summary.docx" in said[0], warnings


def published_again_once_changed(root: Path) -> Path:
    """`root` built (the web archive), its documents/minutes.pdf changed, and built again:
    the published copy, checked to be the new file. The new file is as large as the old,
    so the link's "(PDF, … bytes)" stays the same: only the file itself tells the build."""
    build = ["-C", str(root), "build", "-f", "web"]
    assert CliRunner().invoke(main, build).exit_code == 0
    (root / "documents" / "minutes.pdf").write_bytes(pdf_file("Minutes, draft 2"))
    assert CliRunner().invoke(main, build).exit_code == 0
    published = root / "dist" / "media" / "minutes.pdf"
    assert published.read_bytes() == (root / "documents" / "minutes.pdf").read_bytes()
    return published


def test_a_file_changed_since_is_published_again(tmp_path: Path) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "minutes.pdf").write_bytes(pdf_file("Minutes, draft 1"))
    article = root / "documents" / "second-article.md"
    article.write_text(article.read_text() + "\n[The minutes](minutes.pdf)\n")
    published = published_again_once_changed(root)
    # publisher check follows links to the site's own address too: one gone is named
    target = Target(load_config(root), root / "dist", ("001-first",))
    assert not [
        f for f in run_checks(target, ["web"], only=["internal links"]) if f.status == "fail"
    ]
    published.unlink()
    failed = [f for f in run_checks(target, ["web"], only=["internal links"]) if f.status == "fail"]
    assert {f.detail for f in failed} == {f"{SITE}media/minutes.pdf → no such file"}
    pages = {root / "dist" / "001-first" / name / "index.html" for name in ("", "second-article")}
    assert {f.file for f in failed} == pages  # the issue's page and the article's


def test_a_file_the_editorial_links_is_published_again_once_changed(tmp_path: Path) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "ws")
    (root / "documents" / "minutes.pdf").write_bytes(pdf_file("Minutes, draft 1"))
    manifest = root / "issues" / f"{ISSUE}.yaml"
    manifest.write_text(
        manifest.read_text().replace(
            "from the editors.", "from the [minutes](documents/minutes.pdf)."
        )
    )
    published_again_once_changed(root)
