"""Invisible control characters pasted into documents, manifests, config or subscriber lists
are removed with a warning naming the file and line; every format still builds."""

from __future__ import annotations

import csv
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from publisher.cli import main
from publisher.controls import strip_controls

# What pasted text really carries: Word's Shift+Enter, InDesign's and Pages' line and
# paragraph separators, the byte order mark of a file joined to another, a terminal's
# colours, a bell, C1 controls from a mis-decoded page, non-characters, DEL, NUL.
KINDS = {
    "vertical tab": "\x0b",
    "form feed": "\x0c",
    "line separator": "\u2028",
    "paragraph separator": "\u2029",
    "byte order mark": "\ufeff",
    "ANSI colour": "\x1b[31m",
    "BEL": "\x07",
    "NUL": "\x00",
    "DEL": "\x7f",
    "C1 NEL": "\x85",
    "U+FFFE": "\ufffe",
    "U+FDD0": "\ufdd0",
    "U+10FFFF": "\U0010ffff",
    "object replacement (a picture's place in copied text)": "\ufffc",
}
# Forbidden in XML 1.0, shown as junk, or set differently by browsers and WeasyPrint; tab,
# LF and CR are fine.
LEFTOVER = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufdd0-\ufdef\ufffc\ufffe\uffff"
    "\U0010fffe\U0010ffff]|\\[31m"
)


@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_is_removed_and_counted(kind: str) -> None:
    cleaned, removed = strip_controls(f"one{KINDS[kind]}two\nthree")
    assert not LEFTOVER.search(cleaned)
    assert cleaned.replace(" ", "") == "onetwo\nthree"
    assert removed.lines == (1,) and sum(removed.counts.values()) == 1


def test_typed_line_breaks_are_spaces_or_line_breaks_where_lines_matter() -> None:
    assert strip_controls("Unit 4\x0bQuay Street")[0] == "Unit 4 Quay Street"
    assert strip_controls("Unit 4\x0bQuay Street", line_breaks=True)[0] == "Unit 4\nQuay Street"
    assert strip_controls("Unit 4\u2028Quay Street")[0] == "Unit 4 Quay Street"
    assert strip_controls("Unit 4\u2028Quay St.", line_breaks=True)[0] == "Unit 4\nQuay St."
    assert strip_controls("We walk out.\u2029We win.")[0] == "We walk out. We win."
    assert strip_controls("Walk out.\u2029Win.", line_breaks=True)[0] == "Walk out.\n\nWin."


def test_a_text_files_typed_line_breaks_break_its_lines_as_the_editor_saw_them(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """An address typed in Word with Shift+Enter (a vertical tab), or pasted from Pages (a
    LINE SEPARATOR), and saved as a .txt: the build read it as one run-on line, "Calle
    Mayor 12 28013 Madrid", where `publisher import` of the same file kept its lines. Kept,
    they were not removed: no warning says they were."""
    from publisher.readers import read_document

    path = tmp_path / "convocatoria.txt"
    path.write_text(
        "Convocatoria\n\nAsamblea de delegados\x0bCalle Mayor 12\u202828013 Madrid\n\n"
        "Primera parte.\u2029Segunda parte.\n",
        encoding="utf-8",
    )
    doc = read_document(path, "convocatoria", tmp_path, "es")
    assert doc.body_html == (
        "<p>Asamblea de delegados<br>Calle Mayor 12<br>28013 Madrid</p>\n"
        "<p>Primera parte.</p>\n<p>Segunda parte.</p>"
    )
    assert "control characters" not in caplog.text


def test_a_byte_order_mark_inside_a_joined_file_hides_no_heading_or_list(
    workspace: Callable[[str], Path],
) -> None:
    """`cat` or PowerShell joining two files saved with a BOM leaves the second one's in the
    middle, where it stood before "# " and "- ": pandoc saw a paragraph."""
    root = workspace("minimal")
    (root / "documents" / "second-article.md").write_text(
        "---\ntitle: Joined\n---\n\nThe first file.\n\n"
        "\ufeff## From the second file\n\n\ufeff- one demand\n- another demand\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "web"])
    assert result.exit_code == 0, result.output
    said = "second-article.md:7: removed invisible control characters (BYTE ORDER MARK ×2)"
    assert said in result.output
    page = (root / "dist" / "001-first" / "second-article" / "index.html").read_text()
    assert re.search(r"<h\d[^>]*>From the second file</h\d>", page), page
    assert re.search(r"<li>one demand</li>\s*<li>another demand</li>", page), page


def test_lone_surrogates_are_removed() -> None:
    assert strip_controls("a\ud800b\udfffc")[0] == "abc"


def test_ordinary_text_is_untouched() -> None:
    text = "Tab\there, CRLF\r\n, NBSP\u00a0, RTL mark \u200f, العربية, emoji 🙂"
    assert strip_controls(text) == (text, strip_controls("")[1])


def dirty(text: str) -> str:
    """`text` with every kind of control character in it."""
    return text.replace(" ", " " + "".join(KINDS.values()), 1)


@pytest.fixture
def dirty_workspace(workspace: Callable[[str], Path]) -> Path:
    root = workspace("minimal")
    (root / "documents" / "second-article.md").write_text(
        "---\n"
        f"title: {dirty('The second article')}\n"
        "date: 2026-01-06\n"
        "---\n"
        "\n"
        f"{dirty('Second body, pasted from Word.')}\n"
        "\n"
        "An entity &#11; and &#7; and &#xFFFE; too.\n",
        encoding="utf-8",
    )
    (root / "documents" / "third.txt").write_text(
        "A text file\n\n" + dirty("Pasted off a terminal.") + "\n", encoding="utf-8"
    )
    (root / "documents" / "fourth.html").write_text(
        f"<html><head><title>{dirty('An HTML page')}</title></head>"
        f"<body><p>{dirty('Saved from a browser.')}</p></body></html>",
        encoding="utf-8",
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text()
        .replace('"First issue"', f'"{dirty("First issue")}"'.replace("\x00", ""))
        .replace("second-article]", "second-article, third, fourth]")
    )
    config = root / "publisher.toml"
    config.write_text(config.read_text().replace("Minimal Test", dirty("Minimal Test")))
    return root


def outputs_text(dist: Path) -> dict[str, str]:
    """Every text a reader gets: files in dist/, the EPUB's members, the PDF's text."""
    texts = {}
    for path in dist.rglob("*"):
        if path.suffix in (".html", ".txt", ".eml", ".atom", ".rss", ".xml", ".css"):
            texts[str(path)] = path.read_text(encoding="utf-8")
        elif path.suffix == ".epub":
            with zipfile.ZipFile(path) as book:
                for name in book.namelist():
                    if name.endswith((".xhtml", ".opf", ".ncx")):
                        texts[f"{path}!{name}"] = book.read(name).decode("utf-8")
        elif path.suffix == ".pdf":
            texts[str(path)] = subprocess.run(
                ["pdftotext", "-nopgbrk", "-enc", "UTF-8", str(path), "-"],
                capture_output=True,
                text=True,
                check=True,
            ).stdout
    return texts


def test_every_format_builds_without_them_and_says_where_they_were(
    dirty_workspace: Path,
) -> None:
    result = CliRunner().invoke(main, ["-C", str(dirty_workspace), "build"])
    assert result.exit_code == 0, result.output

    warnings = [line for line in result.output.splitlines() if line.startswith("warning:")]
    for where in (
        "second-article.md:2:",  # the title line
        "third.txt:3:",
        "fourth.html:1:",
        "001-first.yaml:2:",
        "publisher.toml:1:",
    ):
        assert any(where in w and "control characters" in w for w in warnings), result.output

    texts = outputs_text(dirty_workspace / "dist")
    assert any(p.endswith(".pdf") for p in texts) and any("!" in p for p in texts)
    for path, text in texts.items():
        assert not LEFTOVER.search(text), f"{path}: {LEFTOVER.search(text)!r}"
    for feed in ("feed.atom", "feed.rss"):  # strict XML parsers accept them
        etree.fromstring((dirty_workspace / "dist" / feed).read_bytes())
    email = (dirty_workspace / "dist" / "001-first" / "email.txt").read_text()
    assert "Second body, pasted from Word." in email.replace("\n", " ")


def test_check_runs_to_its_summary(dirty_workspace: Path) -> None:
    """`publisher check` used to crash without a summary on such a workspace."""
    result = CliRunner().invoke(
        main, ["-C", str(dirty_workspace), "check", "--format", "feed", "--format", "email"]
    )
    assert re.search(r"^\d+ passed, 0 failed", result.output, re.M), result.output


def test_subscriber_import_drops_them_and_names_the_line(
    delivery_workspace: Path, tmp_path: Path
) -> None:
    source = tmp_path / "members.csv"
    with source.open("w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(
            [["email", "name", "tags"], ["ana@example.org", "Ana\x1b[1m Ruiz\x07", "dock\x0bs"]]
        )
    result = CliRunner().invoke(
        main, ["-C", str(delivery_workspace), "subscribers", "import", str(source)]
    )
    assert result.exit_code == 0, result.output
    assert "members.csv:2:" in result.output and "control characters" in result.output
    listing = CliRunner().invoke(main, ["-C", str(delivery_workspace), "subscribers", "list"])
    assert "Ana Ruiz" in listing.output


@pytest.fixture
def dirty_docx(tmp_path: Path) -> Path:
    """A Word file whose text holds C1 controls and DEL, which XML 1.0 lets through."""
    import pypandoc

    path = tmp_path / "pasted-into-word.docx"
    pypandoc.convert_text(
        "# Pasted into Word\n\nA line\x85with NEL and a\x7fDEL.\n",
        "docx",
        format="markdown",
        outputfile=str(path),
    )
    return path


def test_office_files_are_cleaned_when_built(
    workspace: Callable[[str], Path], dirty_docx: Path
) -> None:
    root = workspace("minimal")
    (root / "documents" / dirty_docx.name).write_bytes(dirty_docx.read_bytes())
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("second-article]", "pasted-into-word]"))
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "feed"])
    assert result.exit_code == 0, result.output
    assert f"documents/{dirty_docx.name}: removed invisible control characters" in result.output
    assert not LEFTOVER.search((root / "dist" / "feed.atom").read_text())


def test_office_files_are_cleaned_on_import_and_named_as_given(
    workspace: Callable[[str], Path], dirty_docx: Path
) -> None:
    root = workspace("minimal")
    result = CliRunner().invoke(main, ["-C", str(root), "import", str(dirty_docx)])
    assert result.exit_code == 0, result.output
    assert f"{dirty_docx}: removed invisible control characters" in result.output
    written = (root / "documents" / "pasted-into-word.md").read_text()
    assert not LEFTOVER.search(written) and "with NEL" in written


def test_imported_text_builds_every_format_clean(
    workspace: Callable[[str], Path], tmp_path: Path
) -> None:
    root = workspace("minimal")
    pasted = tmp_path / "pasted.txt"
    pasted.write_text(
        # NUL aside: like git, import takes a file with NUL bytes for a binary one
        "Dockers walk out\n\n"
        + dirty("The night shift stopped work at ten.").replace("\x00", "")
        + "\n\n"
        "Unit 4\x0bQuay Street\n",
        encoding="utf-8",
    )
    imported = CliRunner().invoke(main, ["-C", str(root), "import", str(pasted)])
    assert imported.exit_code == 0, imported.output
    assert "pasted.txt:3:" in imported.output and "control characters" in imported.output
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("second-article]", "dockers-walk-out]"))

    result = CliRunner().invoke(main, ["-C", str(root), "build"])
    assert result.exit_code == 0, result.output
    assert "control characters" not in result.output  # import left none behind
    for path, text in outputs_text(root / "dist").items():
        assert not LEFTOVER.search(text), path


def test_bidi_overrides_in_titles_and_names_are_warned_about(
    workspace: Callable[[str], Path], delivery_workspace: Path, tmp_path: Path
) -> None:
    """'evil\u202etxt.exe' displays as 'evilexe.txt': kept (it may be meant), but said."""
    root = workspace("minimal")
    (root / "documents" / "second-article.md").write_text(
        "---\ntitle: Invoice\u202etxt.exe\nauthors: [Ann]\n---\nBody\n"
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text().replace("First issue", "First\u202eissue"))
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "feed"])
    assert result.exit_code == 0, result.output
    assert "second-article.md:2: the title contains a bidi override" in result.output
    assert "001-first.yaml:2: the title contains a bidi override" in result.output

    members = tmp_path / "members.csv"
    members.write_text("email,name\nana@example.org,Ana\u202eztiuR\n", encoding="utf-8")
    imported = CliRunner().invoke(
        main, ["-C", str(delivery_workspace), "subscribers", "import", str(members)]
    )
    assert "members.csv:2: the name contains a bidi override" in imported.output


def test_embeddings_and_isolates_of_right_to_left_text_are_not_warned_about(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    (root / "documents" / "second-article.md").write_text(
        "---\ntitle: \u202bبيان\u202c and \u2067نص\u2069\n---\nBody\n"
    )
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "feed"])
    assert result.exit_code == 0 and "bidi override" not in result.output
