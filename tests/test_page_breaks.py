"""A page break typed in Word or LibreOffice starts a new page in print, as it did in the
program (pandoc reads neither's), and an imported file keeps it as a Markdown writer types
it; a break that would print a blank page (before anything, after everything, after
another) is left out."""

from __future__ import annotations

import re
import subprocess
import zipfile
from functools import partial
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner
from conftest import WORKSPACES, copy_workspace
from PIL import Image
from test_google_docs import STYLE
from test_metadata_docx_language import office_file
from test_office_contents import edited, with_automatic_styles

from publisher.build import build
from publisher.cli import main
from publisher.readers import read_document

BREAK = '<w:r><w:br w:type="page"/></w:r>'
# Section breaks as Word writes them, in the properties of the paragraph they end: a
# section's page size, and its kind where it is not Next Page
NEXT_PAGE = '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
CONTINUOUS = '<w:sectPr><w:type w:val="continuous"/><w:pgSz w:w="11906" w:h="16838"/></w:sectPr>'
BREAK_MARK = "——"  # a page break, in the blocks a body is read as


def restyled(text: str, styles: str, placed: tuple[tuple[str, str], ...]) -> str:
    """An OpenDocument file's content.xml with `styles` among its automatic styles, and
    the first paragraph or heading that starts with each `placed` words in that style."""
    text = with_automatic_styles(text, styles)
    for name, words in placed:
        text = re.sub(
            rf'text:style-name="[^"]+"( text:outline-level="\d+")?>(<[^>]+>)?{words}',
            rf'text:style-name="{name}"\1>\2{words}',
            text,
            count=1,
        )
    return text


def word_text(words: str) -> str:
    """Where Word writes `words`, a paragraph's text as pandoc writes it: a run's `w:t`."""
    return f'<w:t xml:space="preserve">{words}</w:t>'


def end_of_paragraph(text: str, words: str) -> int:
    return text.index("</w:p>", text.index(words))


def blocks(path: Path) -> list[str]:
    """The body's paragraphs and cells in order, a page break as BREAK_MARK."""
    body = read_document(path, path.stem, path.parent, "en").body_html
    found = re.findall(r'<(?:p|th|td)>(.*?)</(?:p|th|td)>|<div class="page-break">', body, re.S)
    return [text.strip() or BREAK_MARK for text in found]


def word_leaflet(path: Path) -> Path:
    """A Word file with its page breaks where people put them: Ctrl+Enter at the end of a
    paragraph and in the midst of one, "Page break before" on another, a section break
    to the next page after another (and a continuous one, which starts no page), one
    before anything, one after everything, two in a row, one in a table's cell."""
    office_file(
        path,
        "Front\n\nThe call and the back.\n\nThird page.\n\nLast page.\n\n"
        "| In a cell |\n|---|\n| x |\n\nThe end.\n",
    )

    def breaks_put(text: str) -> str:
        text = text.replace(word_text("Front"), '<w:br w:type="page"/>' + word_text("Front"), 1)
        text = text.replace(
            word_text("The call and the back."),
            word_text("The call") + '<w:br w:type="page"/>' + word_text(" and the back."),
            1,
        )
        end = end_of_paragraph(text, "and the back.")
        text = text[:end] + BREAK + BREAK + text[end:]
        start = text.rindex("<w:pPr>", 0, text.index("Last page."))
        text = text[: start + 7] + "<w:pageBreakBefore/>" + text[start + 7 :]
        for words, section in (("Last page.", NEXT_PAGE), ("Front", CONTINUOUS)):
            start = text.rindex("</w:pPr>", 0, text.index(words))
            text = text[:start] + section + text[start:]
        cell = end_of_paragraph(text, "In a cell")
        text = text[:cell] + BREAK + text[cell:]
        end = end_of_paragraph(text, "The end.")
        return text[:end] + BREAK + text[end:]

    return edited(path, "word/document.xml", breaks_put)


def test_a_word_files_page_breaks_are_read_where_they_are(tmp_path: Path) -> None:
    assert blocks(word_leaflet(tmp_path / "leaflet.docx")) == [
        "Front",
        "The call",
        BREAK_MARK,
        "and the back.",
        BREAK_MARK,
        "Third page.",
        BREAK_MARK,
        "Last page.",
        BREAK_MARK,
        "In a cell",
        "x",
        "The end.",
    ]


def test_a_word_file_whose_only_break_is_a_section_break_has_it_read(tmp_path: Path) -> None:
    path = office_file(tmp_path / "two-sides.docx", "Front.\n\nBack.\n")

    def section_put(text: str) -> str:
        end = text.rindex("</w:pPr>", 0, text.index("Front."))
        return text[:end] + NEXT_PAGE + text[end:]

    assert blocks(edited(path, "word/document.xml", section_put)) == ["Front.", BREAK_MARK, "Back."]


@pytest.mark.parametrize("turned_off", [False, True], ids=["styles alone", "a paragraph says no"])
def test_a_page_break_a_word_style_sets_is_read_before_each_paragraph_of_it(
    tmp_path: Path, turned_off: bool
) -> None:
    """A report template's Heading 1 with "Page break before" starts each chapter on a
    page, and so does a style based on it; a style or a paragraph that turns it off does
    not break; the first chapter, before anything, prints no blank page."""
    path = office_file(
        tmp_path / "report.docx",
        "# Chapter one\n\nText one.\n\n# Chapter two\n\nText two.\n\n## Part\n\nMore.\n\n"
        '::: {custom-style="Chapter Title"}\nChapter three\n:::\n\nText three.\n\n'
        '::: {custom-style="Quiet Title"}\nNo break here\n:::\n\n'
        "# Chapter four\n\nText four.\n",
    )
    edited(
        path,
        "word/styles.xml",
        lambda styles: (
            re.sub(  # Heading 1's properties
                r'(w:styleId="Heading1".*?<w:pPr>)',
                r"\1<w:pageBreakBefore />",
                styles,
                count=1,
                flags=re.S,
            )
            .replace(
                '<w:name w:val="Chapter Title" /><w:basedOn w:val="BodyText" />',
                '<w:name w:val="Chapter Title" /><w:basedOn w:val="Heading1" />',
            )
            .replace(
                '<w:name w:val="Quiet Title" /><w:basedOn w:val="BodyText" />',
                '<w:name w:val="Quiet Title" /><w:basedOn w:val="Heading1" />'
                '<w:pPr><w:pageBreakBefore w:val="false" /></w:pPr>',
            )
        ),
    )
    edited(
        path,
        "word/document.xml",
        lambda text: (
            text
            if not turned_off
            else text.replace(
                '<w:pPr><w:pStyle w:val="Heading1" /></w:pPr><w:r><w:t xml:space="preserve">Chapter four',
                '<w:pPr><w:pStyle w:val="Heading1" /><w:pageBreakBefore w:val="0" /></w:pPr>'
                '<w:r><w:t xml:space="preserve">Chapter four',
            )
        ),
    )
    if not turned_off:  # as a file with no list has none: nothing else to put right
        with zipfile.ZipFile(path) as word:
            parts = [
                (m, word.read(m)) for m in word.infolist() if m.filename != "word/numbering.xml"
            ]
        with zipfile.ZipFile(path, "w") as word:
            for member, data in parts:
                word.writestr(member, data)
    body = read_document(path, "report", path.parent, "en").body_html
    found = re.findall(r"<h[12][^>]*>(.*?)</h[12]>|<p>(.*?)</p>|(page-break)", body)
    assert [next(part for part in parts if part) for parts in found] == [
        "Chapter one",
        "Text one.",
        "page-break",
        "Chapter two",
        "Text two.",
        "Part",
        "More.",
        "page-break",
        "Chapter three",
        "Text three.",
        "No break here",
        *([] if turned_off else ["page-break"]),
        "Chapter four",
        "Text four.",
    ]


def test_a_libreoffice_files_page_breaks_are_read_where_they_are(tmp_path: Path) -> None:
    """LibreOffice marks the paragraph after a manual break by an automatic style whose
    paragraph properties break the page before it (or after it, where one ends a page)."""
    path = office_file(
        tmp_path / "leaflet.odt",
        "Front page.\n\nThe back.\n\nEnd of the back.\n\nLast page.\n\n| a |\n|---|\n| b |\n",
    )
    styles = "".join(
        f'<style:style style:name="{name}" style:family="paragraph"'
        f' style:parent-style-name="Text_20_body"><style:paragraph-properties {breaks}/>'
        "</style:style>"
        for name, breaks in (
            ("P1", 'fo:break-before="page"'),
            ("P2", 'fo:break-after="page" fo:margin-top="0in"'),
            ("P3", 'fo:break-before="auto"'),
            ("P4", 'fo:break-before="page"'),
        )
    )

    placed = (("P1", "The back."), ("P2", "End of"), ("P3", "Last"), ("P4", "b<"))
    breaks_put = partial(restyled, styles=styles, placed=placed)
    assert blocks(edited(path, "content.xml", breaks_put)) == [
        "Front page.",
        BREAK_MARK,
        "The back.",
        "End of the back.",
        BREAK_MARK,
        "Last page.",
        "a",
        "b",
    ]


def test_a_page_break_a_libreoffice_style_sets_is_read_before_each_paragraph_of_it(
    tmp_path: Path,
) -> None:
    """Heading 1 with "Insert break: page, before" (Format > Paragraph > Text Flow) in
    LibreOffice: each heading in it starts a page, in the style itself or in an automatic
    style based on it (LibreOffice's, for a heading formatted by hand too) unless a style
    on the way says otherwise; a style based on one that breaks after its paragraphs
    breaks after them."""
    path = office_file(
        tmp_path / "report.odt",
        "# Chapter one\n\nText one.\n\n# Chapter two\n\nText two.\n\n"
        "# Chapter three\n\nText three.\n\n# Chapter four\n\nText four.\n\n"
        '::: {custom-style="Closing"}\nThe end.\n:::\n\nAfter the end.\n',
    )
    edited(
        path,
        "styles.xml",
        lambda styles: styles.replace(
            'style:name="Heading_20_1" style:next-style-name="Text_20_body"'
            ' style:parent-style-name="Heading">',
            'style:name="Heading_20_1" style:next-style-name="Text_20_body"'
            ' style:parent-style-name="Heading">'
            '<style:paragraph-properties fo:break-before="page" />',
        ).replace(
            "</office:styles>",
            '<style:style style:name="Ends" style:family="paragraph">'
            '<style:paragraph-properties fo:break-after="page" /></style:style>'
            '<style:style style:name="Closing" style:family="paragraph"'
            ' style:parent-style-name="Ends" />'
            '<style:style style:name="Quiet" style:family="paragraph"'
            ' style:parent-style-name="Heading_20_1">'
            '<style:paragraph-properties fo:break-before="auto" /></style:style>'
            "</office:styles>",
        ),
    )
    automatic = "".join(
        f'<style:style style:name="{name}" style:family="paragraph"'
        f' style:parent-style-name="{parent}">{properties}</style:style>'
        for name, parent, properties in (
            ("P1", "Heading_20_1", '<style:text-properties fo:color="#c00000" />'),
            ("P2", "Quiet", ""),
        )
    )

    placed = (("P1", "Chapter three"), ("P2", "Chapter four"))
    styled = partial(restyled, styles=automatic, placed=placed)
    assert blocks(edited(path, "content.xml", styled)) == [
        "Text one.",
        BREAK_MARK,
        "Text two.",
        BREAK_MARK,
        "Text three.",
        "Text four.",
        "The end.",
        BREAK_MARK,
        "After the end.",
    ]


GOOGLE_DOCS_PAGE = (
    '<html><head><meta content="text/html; charset=UTF-8" http-equiv="content-type">'
    f'<style type="text/css">{STYLE}</style></head><body class="c3 doc-content">'
    '<p class="c2 title"><span class="c6">Leaflet</span></p>'
    '<p class="c2"><span class="c1">Front page.</span></p>'
    '<hr style="page-break-before:always;display:none;">'
    '<p class="c2"><span class="c1">Back page.</span></p><hr>'
    '<p class="c2"><span class="c1">After a rule.</span></p></body></html>'
)
# Word's "Save as Web Page": a break between paragraphs is a line break in a span of its
# own; "Page break before" a paragraph's style, as LibreOffice writes it too
WORD_PAGE = (
    '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><meta name=Generator'
    ' content="Microsoft Word 15"><title>Leaflet</title></head><body lang=EN-GB>'
    "<div class=WordSection1><p class=MsoNormal>Front page.</p><span style='font-size:12.0pt;"
    "line-height:107%'><br clear=all style='mso-special-character:line-break;"
    "page-break-before:always'></span><p class=MsoNormal>Back page.</p>"
    "<p class=MsoNormal style='page-break-before:always'><b>Third</b> page.</p>"
    "<p class=MsoNormal>Its end,<br style='page-break-before:always'>the words after a break"
    " in a paragraph.</p>"
    "<table><tr><td><p style='page-break-before:always'>A cell.</p></td></tr></table>"
    "<p style='break-after: page'><img src='logo.png' alt='Our logo'></p><p>The end.</p>"
    "</div></body></html>"
)


def test_a_page_break_in_a_page_google_docs_or_word_saved_is_read_where_it_is(
    tmp_path: Path,
) -> None:
    """Google Docs hides its break on screens (a rule pandoc drew in every output); a
    break whose element holds words or a picture leaves them where they were."""
    google = tmp_path / "leaflet.html"
    google.write_text(GOOGLE_DOCS_PAGE)
    assert blocks(google) == ["Front page.", BREAK_MARK, "Back page.", "After a rule."]
    assert read_document(google, "leaflet", tmp_path, "en").body_html.count("<hr") == 1
    word = tmp_path / "leaflet.htm"
    word.write_text(WORD_PAGE)
    Image.new("RGB", (40, 20), "red").save(tmp_path / "logo.png")
    assert blocks(word) == [
        "Front page.",
        BREAK_MARK,
        "Back page.",
        BREAK_MARK,
        "<strong>Third</strong> page.",
        BREAK_MARK,
        "Its end,<br>\nthe words after a break in a paragraph.",
        "A cell.",
        '<img src="logo.png" alt="Our logo">',
        BREAK_MARK,
        "The end.",
    ]


def test_a_page_break_typed_as_typora_and_obsidian_tell_their_writers_to_is_one(
    tmp_path: Path,
) -> None:
    """They print an element styled to break the page; the sanitiser, which drops styles,
    left an empty <div>."""
    notes = tmp_path / "notes.md"
    notes.write_text(
        '---\ntitle: Notes\n---\n\nFront.\n\n<div style="page-break-after: always;"></div>'
        '\n\nBack.\n\n<p style="page-break-before: always">Third.</p>\n\nFourth.\n'
    )
    assert blocks(notes) == ["Front.", BREAK_MARK, "Back.", BREAK_MARK, "Third.", "Fourth."]


def test_an_imported_word_file_keeps_its_page_breaks_as_a_markdown_writer_types_them(
    tmp_path: Path,
) -> None:
    word_leaflet(tmp_path / "leaflet.docx")
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "site")
    result = CliRunner().invoke(
        main, ["import", str(tmp_path / "leaflet.docx"), "--into", str(root / "documents")]
    )
    assert result.exit_code == 0, result.output
    markdown = (root / "documents" / "leaflet.md").read_text()
    body = markdown.split("---\n", 2)[2]
    assert body.split("\n\n") == [
        "\nFront",
        "The call",
        "\\newpage",
        "and the back.",
        "\\newpage",
        "Third page.",
        "\\newpage",
        "Last page.",
        "\\newpage",
        "  In a cell\n  -----------\n  x",
        "The end.\n",
    ]


def test_a_word_leaflets_back_page_is_printed_on_a_page_of_its_own(tmp_path: Path) -> None:
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "site")
    (root / "documents" / "first-article.md").unlink()
    word_leaflet(root / "documents" / "first-article.docx")
    report = build(root, formats=["pdf"])
    pdf = report.out_dir / "001-first" / "001-first.pdf"
    pages = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    where = {
        words: [n for n, page in enumerate(pages) if words in page]
        for words in ("The call", "and the back.", "Third page.", "Last page.", "The end.")
    }
    first = where["The call"][0]
    assert where == {
        "The call": [first],
        "and the back.": [first + 1],
        "Third page.": [first + 2],
        "Last page.": [first + 3],
        "The end.": [first + 4],
    }, pages


@pytest.mark.parametrize(
    ("sides", "text", "pages", "warning"),
    [
        ("", "Front.\n\n\\newpage\n\nBack.", [["Front."], ["Back."]], None),
        ("  columns: 2\n", "Front.\n\n\\newpage\n\nBack.", [["Front."], ["Back."]], None),
        (
            "  sides: 1\n",
            "Front.\n\n\\newpage\n\nBack.",
            [["Front.", "Back."]],
            "001-first.yaml:11: a leaflet on one side: the page break in"
            " first-article.md is left out; set sides: 2",
        ),
        (
            "",
            "Front.\n\n\\newpage\n\nBack.\n\n\\newpage\n\nMore back.",
            [["Front."], ["Back.", "More back."]],
            "a leaflet has two sides: its page breaks after the first are left out",
        ),
    ],
    ids=["two-sides-when-not-said", "in-two-columns", "one-side-as-said", "a-break-too-many"],
)
def test_a_leaflet_with_a_page_break_is_two_sided_unless_the_manifest_says(
    tmp_path: Path, sides: str, text: str, pages: list[list[str]], warning: str | None
) -> None:
    """The writer who breaks the page means the back; a manifest's `sides: 1` is kept, the
    break left out with a warning at its line, as are breaks a leaflet has no side for:
    never a "runs over" error asking to cut words the text does not have too many of."""
    root = copy_workspace(WORKSPACES / "minimal", tmp_path / "site")
    (root / "documents" / "first-article.md").write_text(f"---\ntitle: March\n---\n\n{text}\n")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + f"leaflet:\n  document: first-article\n{sides}")
    result = CliRunner().invoke(main, ["-C", str(root), "build", "-f", "leaflet"])
    assert result.exit_code == 0, result.output
    leaflet = root / "dist" / "001-first" / "001-first-leaflet.pdf"
    with pymupdf.open(leaflet) as pdf:
        shown = [
            [
                line
                for line in page.get_text().split("\n")
                if line.rstrip(".").endswith(("Front", "back", "Back"))
            ]
            for page in pdf
        ]
    assert shown == pages
    said = " ".join(result.output.split())
    assert (warning in said) if warning else "page break" not in said, result.output
