"""What a Word or LibreOffice file shows is what is published, and only that: the text of
its text boxes, frames and shapes is read where each is anchored (pandoc leaves it out:
jgm/pandoc#3086), text Word hides is not, and charts and SmartArt no output can draw are
named. The files are pandoc's own, with what is tested written into them as Word 2010+
and LibreOffice write it."""

from __future__ import annotations

import html
import logging
import quopri
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from test_metadata_docx_language import office_file

from publisher.errors import PublisherError
from publisher.readers import read_document

TEXT = "# Rally\n\nBefore the box.\n\nAfter the box.\n"
MC = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
WPS = 'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
VML = 'xmlns:v="urn:schemas-microsoft-com:vml"'
WP = 'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"'
A = 'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"'


def word_paragraph(words: str) -> str:
    return f"<w:p><w:r><w:t>{words}</w:t></w:r></w:p>"


def word_run(words: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{words}</w:t></w:r>'


def word_box(words: str) -> str:
    """A text box as Word 2010+ saves it: its DrawingML, and a VML copy for older Words."""
    return (
        f'<w:r><mc:AlternateContent {MC}><mc:Choice Requires="wps"><w:drawing>'
        f'<wp:anchor {WP} distT="0" distB="0" distL="0" distR="0" simplePos="0"'
        ' relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>'
        '0</wp:posOffset></wp:positionV><wp:extent cx="2000000" cy="800000"/>'
        '<wp:wrapSquare wrapText="bothSides"/><wp:docPr id="5" name="Text Box 5"/>'
        f'<a:graphic {A}><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/'
        f'wordprocessingShape"><wps:wsp {WPS}><wps:cNvSpPr txBox="1"/><wps:spPr/><wps:txbx>'
        f"<w:txbxContent>{word_paragraph(words)}</w:txbxContent></wps:txbx><wps:bodyPr/>"
        "</wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        f'<mc:Fallback><w:pict><v:shape {VML} id="b1" style="width:200pt;height:80pt">'
        f"<v:textbox><w:txbxContent>{word_paragraph(words)}</w:txbxContent></v:textbox>"
        "</v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )


def old_word_box(inner: str) -> str:
    """A VML text box alone, as Word 2007 and converters write it."""
    return (
        f'<w:r><w:pict><v:shape {VML} id="b2" style="width:200pt;height:80pt"><v:textbox>'
        f"<w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
    )


def with_part_changed(path: Path, part: str, change: str, after: str) -> Path:
    """`path` with `change` written into its `part` at the end of the element that holds
    the text `after` (a paragraph's runs, or its text)."""
    closing = "</w:p>" if part.startswith("word") else "</text:p>"

    def written(text: str) -> str:
        end = text.index(closing, text.index(after))
        return text[:end] + change + text[end:]

    return with_part_edited(path, part, written)


def with_part_edited(path: Path, part: str, edit: Callable[[str], str]) -> Path:
    """A copy of `path` (named boxed-…) whose `part` is `edit` of what it was."""
    changed = path.with_name("boxed-" + path.name)
    shutil.copyfile(path, changed)
    return edited(changed, part, edit)


def edited(path: Path, part: str, edit: Callable[[str], str]) -> Path:
    """`path` with its `part` (word/document.xml, content.xml) changed by `edit`, in place."""
    with zipfile.ZipFile(path) as office:
        members = [(m, office.read(m)) for m in office.infolist()]
    with zipfile.ZipFile(path, "w") as out:
        for member, data in members:
            out.writestr(member, edit(data.decode()).encode() if member.filename == part else data)
    return path


def with_automatic_styles(text: str, styles: str) -> str:
    """An OpenDocument file's content.xml with `styles` among its automatic styles."""
    if "<office:automatic-styles/>" in text:  # pandoc writes none of its own
        return text.replace(
            "<office:automatic-styles/>",
            f"<office:automatic-styles>{styles}</office:automatic-styles>",
        )
    return text.replace("<office:automatic-styles>", f"<office:automatic-styles>{styles}", 1)


def body_text(path: Path) -> str:
    body = read_document(path, path.stem, path.parent, "en").body_html
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_word_text_boxes_are_read_once_each_after_the_paragraph_they_are_anchored_to(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    plain = office_file(tmp_path / "leaflet.docx", TEXT)
    boxes = word_box("March at noon from the Memorial.") + old_word_box(
        word_paragraph("Bring banners.") + word_paragraph("Bring friends.")
    )
    leaflet = with_part_changed(plain, "word/document.xml", boxes, "Before the box.")
    caplog.set_level(logging.INFO, logger="publisher")
    text = body_text(leaflet)
    assert text == (
        "Before the box. March at noon from the Memorial. Bring banners. Bring friends."
        " After the box."
    )
    said = [r.getMessage() for r in caplog.records if "text box" in r.getMessage()]
    assert said == [
        f"{leaflet}: the text of 2 text box(es) is read where each is anchored: check that"
        " it stands where it should"
    ]


def test_a_word_text_box_inside_a_text_box_is_read_after_its_outer_box(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    plain = office_file(tmp_path / "nested.docx", TEXT)
    inner = "<w:p>" + old_word_box(word_paragraph("The inner box.")) + "</w:p>"
    outer = word_box("The outer box.").replace(
        word_paragraph("The outer box."), word_paragraph("The outer box.") + inner, 1
    )  # (in its DrawingML copy: the VML one is not read)
    nested = with_part_changed(plain, "word/document.xml", outer, "Before the box.")
    caplog.set_level(logging.INFO, logger="publisher")
    assert body_text(nested) == "Before the box. The outer box. The inner box. After the box."
    assert "the text of 2 text box(es)" in caplog.text


def test_a_word_built_in_text_box_whose_text_is_in_a_content_control_is_read(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Word's ready-made text boxes (Insert > Text Box: a quote, a sidebar; a cover page's
    boxes) hold their text in a content control: it was lost without a word, while the
    note said the box was read."""
    plain = office_file(tmp_path / "sidebar.docx", TEXT)
    quote = word_paragraph("An injury to one is an injury to all.")
    control = (
        '<w:sdt><w:sdtPr><w:id w:val="-1429889536"/><w:docPartObj>'
        '<w:docPartGallery w:val="Text Boxes"/><w:docPartUnique/></w:docPartObj></w:sdtPr>'
        f"<w:sdtContent>{quote}</w:sdtContent></w:sdt>"
    )
    box = word_box("An injury to one is an injury to all.").replace(quote, control)
    sidebar = with_part_changed(plain, "word/document.xml", box, "Before the box.")
    caplog.set_level(logging.INFO, logger="publisher")
    assert body_text(sidebar) == (
        "Before the box. An injury to one is an injury to all. After the box."
    )
    assert "the text of 1 text box(es) is read where each is anchored" in caplog.text


def test_libreoffice_frames_and_shapes_with_text_are_read_after_their_paragraph(
    tmp_path: Path,
) -> None:
    plain = office_file(tmp_path / "tract.odt", TEXT)
    frame = (
        '<draw:frame draw:name="Frame1" text:anchor-type="paragraph" svg:width="6cm">'
        "<draw:text-box><text:p>Rassemblement à midi.</text:p></draw:text-box></draw:frame>"
        '<draw:custom-shape draw:name="Shape1"><text:p>Venez nombreux.</text:p>'
        "</draw:custom-shape> Words after the shape."
    )
    tract = with_part_changed(plain, "content.xml", frame, "Before the box.")
    with zipfile.ZipFile(tract) as odt:
        assert odt.infolist()[0].filename == "mimetype"  # still an ODT for every reader
        assert odt.infolist()[0].compress_type == zipfile.ZIP_STORED
    assert body_text(tract) == (
        "Before the box. Words after the shape. Rassemblement à midi. Venez nombreux."
        " After the box."
    )


def test_a_picture_in_a_libreoffice_frame_stays_a_picture(tmp_path: Path) -> None:
    plain = office_file(tmp_path / "photo.odt", TEXT)
    frame = (
        '<draw:frame draw:name="Image1"><draw:image xlink:href="Pictures/none.png"/>'
        "</draw:frame> and words after the picture"
    )
    photo = with_part_changed(plain, "content.xml", frame, "Before the box.")
    assert body_text(photo) == "Before the box. and words after the picture After the box."


def test_a_word_chart_or_smartart_diagram_left_out_is_named_with_what_to_do(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Word draws them from data in the file: no output has a picture of them to show."""
    plain = office_file(tmp_path / "report.docx", TEXT)
    uri = "http://schemas.openxmlformats.org/drawingml/2006/"
    drawings = "".join(
        f'<w:r><w:drawing><wp:inline {WP}><wp:extent cx="5486400" cy="3200400"/>'
        f'<wp:docPr id="{n}" name="Drawing {n}"/><a:graphic {A}>'
        f'<a:graphicData uri="{uri}{kind}">{inner}</a:graphicData></a:graphic></wp:inline>'
        "</w:drawing></w:r>"
        for n, (kind, inner) in enumerate(
            [
                ("chart", f'<c:chart xmlns:c="{uri}chart" r:id="rId90"/>'),
                ("chart", f'<c:chart xmlns:c="{uri}chart" r:id="rId91"/>'),
                ("diagram", f'<dgm:relIds xmlns:dgm="{uri}diagram" r:dm="rId92"/>'),
            ]
        )
    )
    report = with_part_changed(plain, "word/document.xml", drawings, "Before the box.")
    caplog.set_level(logging.WARNING, logger="publisher")
    assert body_text(report) == "Before the box. After the box."
    assert f"{report}: 2 chart(s) and 1 SmartArt diagram(s) left out" in caplog.text
    assert "Save as Picture" in caplog.text


RELATIONSHIPS = "word/_rels/document.xml.rels"
CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
RENT_PAGE = (
    '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Rent strike</title></head><body>'
    "<h1>Rent strike at Mill House</h1><p>The tenants voted on Sunday to withhold their rent"
    " until the landlord repairs the roof.</p><ul><li>Repairs within a month</li>"
    "<li>No evictions</li></ul></body></html>"
)


def with_alt_chunks(path: Path, after: str | None, parts: dict[str, bytes | None]) -> Path:
    """`path` with `parts` (name in word/ → bytes) kept inside it as Word keeps text in
    another format (`w:altChunk`): after the paragraph holding `after`, or as the whole
    text (None), as html-docx-js writes a web page's "Export to Word"."""
    chunks = "".join(f'<w:altChunk r:id="chunk{n}"/>' for n in range(len(parts)))

    def text(xml: str) -> str:
        if after is None:
            start, end = xml.index("<w:body>") + len("<w:body>"), xml.index("<w:sectPr")
            return xml[:start] + chunks + xml[end:]
        end = xml.index("</w:p>", xml.index(after)) + len("</w:p>")
        return xml[:end] + chunks + xml[end:]

    def relationships(xml: str) -> str:
        added = "".join(
            f'<Relationship Id="chunk{n}" Type="{CHUNK}" Target="/word/{name}"/>'
            for n, name in enumerate(parts)
        )
        return xml.replace("</Relationships>", added + "</Relationships>")

    edited(edited(path, "word/document.xml", text), RELATIONSHIPS, relationships)
    with zipfile.ZipFile(path, "a") as office:
        for name, data in parts.items():
            if data is not None:  # (None: named, not in the file)
                office.writestr(f"word/{name}", data)
    return path


def mht(page: str) -> bytes:
    """A saved page (MHTML), as html-docx-js writes the page it puts in a Word file."""
    quoted = quopri.encodestring(page.encode()).decode()
    return (
        'MIME-Version: 1.0\nContent-Type: multipart/related; type="text/html";'
        ' boundary="----=mhtDocumentPart"\n\n------=mhtDocumentPart\n'
        'Content-Type: text/html; charset="utf-8"\nContent-Transfer-Encoding: quoted-printable\n'
        f"Content-Location: file:///C:/fake/document.html\n\n{quoted}\n\n"
        "------=mhtDocumentPart--\n"
    ).encode()


@pytest.mark.parametrize("name", ["afchunk.mht", "afchunk.htm"])
def test_a_word_file_whose_text_is_a_web_page_inside_it_is_read_as_that_page(
    tmp_path: Path, name: str
) -> None:
    """A web editor's "Export to Word" (html-docx-js) keeps the text as a page inside the
    file, which Word shows: it was read as empty, titled by the file's name."""
    exported = office_file(tmp_path / "rent.docx", "Nothing of its own.\n")
    page = mht(RENT_PAGE) if name.endswith(".mht") else RENT_PAGE.encode()
    doc = read_document(with_alt_chunks(exported, None, {name: page}), "rent", tmp_path, "en")
    assert doc.title == "Rent strike at Mill House"
    assert body_text(exported) == (
        "The tenants voted on Sunday to withhold their rent until the landlord repairs the"
        " roof. Repairs within a month No evictions"
    )
    assert "<li>No evictions</li>" in doc.body_html


def test_a_web_page_inside_a_word_files_headings_are_named_as_the_documents_are(
    tmp_path: Path,
) -> None:
    """Their ids start with the document's name, as those of its own headings do: two such
    files in one issue gave two headings the same id on its web page and in its EPUB."""
    exported = office_file(tmp_path / "rent.docx", "Nothing of its own.\n")
    page = b"<h1>Rent</h1><h2>Demands</h2><p>Repairs.</p>"
    doc = read_document(with_alt_chunks(exported, None, {"a.htm": page}), "rent", tmp_path, "en")
    assert '<h2 id="rent-demands">' in doc.body_html, doc.body_html


def test_a_web_page_kept_inside_a_word_files_text_is_read_where_it_stands(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """And a part in a format publisher does not read (RTF), or not in the file, is named
    as left out."""
    plain = office_file(tmp_path / "report.docx", TEXT)
    parts = {"a.htm": b"<p>The page itself.</p>", "b.rtf": b"{\\rtf1 Lost}", "c.htm": None}
    caplog.set_level(logging.WARNING, logger="publisher")
    report = with_alt_chunks(plain, "Before the box.", parts)
    assert body_text(report) == "Before the box. The page itself. After the box."
    assert f"{report}: a part of its text kept as 'b.rtf'" in caplog.text
    assert f"{report}: a part of its text (word/c.htm) is not in the file" in caplog.text


def test_an_emoji_picked_from_words_panel_is_kept(tmp_path: Path) -> None:
    """Word writes it as a symbol for newer Words and the character as the fallback: pandoc
    read neither (jgm/pandoc#11113), and "Solidarity ✊ forever" lost its fist."""
    symbol = (
        f'<w:r><mc:AlternateContent {MC}><mc:Choice Requires="w16se"'
        ' xmlns:w16se="http://schemas.microsoft.com/office/word/2015/wordml/symex">'
        '<w16se:symEx w16se:font="Segoe UI Emoji" w16se:char="270A"/></mc:Choice>'
        "<mc:Fallback><w:t>\u270a</w:t></mc:Fallback></mc:AlternateContent></w:r>"
    )
    plain = office_file(tmp_path / "strike.docx", "Solidarity\n")
    words = f"{word_run(' ')}{symbol}{word_run(' forever.')}"
    plain = with_part_changed(plain, "word/document.xml", words, "Solidarity")
    assert body_text(plain) == "Solidarity \u270a forever."


@pytest.mark.parametrize("mark", ["<w:cr/>", '<w:ptab w:alignment="right"/>'])
def test_a_line_break_or_tab_word_keeps_as_an_element_pandoc_skips_parts_the_words(
    tmp_path: Path, mark: str
) -> None:
    """A carriage return in a run (converters write one for a line break) and a tab set
    against the margin were read as nothing: "Line oneLine two"."""
    plain = office_file(tmp_path / "note.docx", "Line one\n")
    run = f"<w:r>{mark}<w:t>Line two</w:t></w:r>"
    note = with_part_changed(plain, "word/document.xml", run, "Line one")
    assert body_text(note) == "Line one Line two"


FARSI = "کارگران پتروشیمی در اعتصاب هستند"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ('<w:dir w:val="rtl">', "</w:dir>"),  # direction marks pasted with the words
        ('<w:bdo w:val="rtl">', "</w:bdo>"),
        ('<w:customXml w:element="quote"><w:customXmlPr/>', "</w:customXml>"),  # a template's
    ],
)
def test_words_inside_direction_marks_or_custom_xml_are_kept(
    tmp_path: Path, before: str, after: str
) -> None:
    """Farsi pasted into Word with its direction marks (U+202B…U+202C) is kept inside an
    element pandoc does not read through: the sentence was lost between its neighbours."""
    plain = office_file(tmp_path / "report.docx", TEXT)
    runs = f'{before}<w:r><w:t xml:space="preserve"> {FARSI}</w:t></w:r>{after}'
    report = with_part_changed(plain, "word/document.xml", runs, "Before the box.")
    assert body_text(report) == f"Before the box. {FARSI} After the box."


def test_paragraphs_inside_a_templates_custom_xml_are_kept(tmp_path: Path) -> None:
    plain = office_file(tmp_path / "report.docx", TEXT)

    def wrapped(xml: str) -> str:
        end = xml.index("</w:p>", xml.index("Before the box.")) + len("</w:p>")
        inner = f'<w:customXml w:element="section">{word_paragraph(FARSI)}</w:customXml>'
        return xml[:end] + inner + xml[end:]

    assert body_text(edited(plain, "word/document.xml", wrapped)) == (
        f"Before the box. {FARSI} After the box."
    )


@pytest.mark.parametrize(
    "field",
    [
        '<text:date style:data-style-name="N37" text:date-value="2026-03-03">3 March 2026</text:date>',
        "<text:author-name>Ana Ruiz</text:author-name>",
        '<text:user-field-get text:name="Branch">Mill House branch</text:user-field-get>',
        '<text:meta xml:id="id1">our own words</text:meta>',
    ],
)
def test_a_libreoffice_files_fields_show_the_words_they_show_in_libreoffice(
    tmp_path: Path, field: str
) -> None:
    """Insert > Field: pandoc left the field out with its words ("Cádiz, " for "Cádiz,
    3 March 2026")."""
    plain = office_file(tmp_path / "letter.odt", TEXT)
    letter = with_part_changed(plain, "content.xml", f" {field}", "Before the box.")
    shown = re.sub(r"<[^>]+>", "", field)
    assert body_text(letter) == f"Before the box. {shown} After the box."


def odt_table(*rows: str, grouped: bool = False) -> str:
    cells = "".join(f"<table:table-row>{row}</table:table-row>" for row in rows)
    if grouped:
        cells = f"<table:table-row-group>{cells}</table:table-row-group>"
    return f"<table:table><table:table-column/>{cells}</table:table>"


def odt_cell(*blocks: str) -> str:
    return f"<table:table-cell>{''.join(blocks)}</table:table-cell>"


def test_a_table_in_a_libreoffice_tables_cell_keeps_its_words_in_their_place(
    tmp_path: Path,
) -> None:
    """pandoc left out a table in a cell with all its words (a leaflet's contact details
    in a small table)."""
    plain = office_file(tmp_path / "leaflet.odt", TEXT)
    deepest = odt_table(odt_cell("<text:p>(office)</text:p>"))
    inner = odt_table(
        odt_cell("<text:p>Phone 0161 496 0000</text:p>", deepest, "<text:p>or</text:p>")
    )
    outer = odt_table(odt_cell("<text:p>Contact us:</text:p>", inner, "<text:p>Any time.</text:p>"))

    def after_before(xml: str) -> str:
        end = xml.index("</text:p>", xml.index("Before the box.")) + len("</text:p>")
        return xml[:end] + outer + xml[end:]

    leaflet = edited(plain, "content.xml", after_before)
    assert body_text(leaflet) == (
        "Before the box. Contact us: Phone 0161 496 0000 (office) or Any time. After the box."
    )


def test_a_libreoffice_table_whose_rows_are_grouped_is_read(tmp_path: Path) -> None:
    """pandoc stopped on it ("Prelude.maximum: empty list"): the file could not be read."""
    plain = office_file(tmp_path / "rota.odt", TEXT)
    table = odt_table(odt_cell("<text:p>Monday: gate four</text:p>"), grouped=True)

    def after_before(xml: str) -> str:
        end = xml.index("</text:p>", xml.index("Before the box.")) + len("</text:p>")
        return xml[:end] + table + xml[end:]

    assert body_text(edited(plain, "content.xml", after_before)) == (
        "Before the box. Monday: gate four After the box."
    )


def test_text_word_hides_is_not_published_and_text_shown_again_is(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    plain = office_file(tmp_path / "statement.docx", TEXT)
    runs = (
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Check the figure with Ana.</w:t></w:r>"
        '<w:r><w:rPr><w:vanish w:val="0"/></w:rPr><w:t xml:space="preserve"> Shown.</w:t></w:r>'
    )
    note = word_paragraph("A hidden paragraph.").replace(
        "<w:r>", "<w:r><w:rPr><w:vanish/></w:rPr>", 1
    )
    statement = with_part_changed(
        plain, "word/document.xml", runs + "</w:p>" + note[:-6], "Before the box."
    )
    caplog.set_level(logging.INFO, logger="publisher")
    assert body_text(statement) == "Before the box. Shown. After the box."
    assert f"{statement}: the text it hides (formatted Hidden) is left out" in caplog.text


# Word's multilevel list for headings (Home > Multilevel List, "I. Heading 1, 1.1 Heading
# 2"): the list's levels, and the heading styles that take them up
HEADING_LIST = (
    '<w:abstractNum w:abstractNumId="70"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="upperRoman"/><w:pStyle'
    ' w:val="Heading1"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:isLgl/><w:numFmt w:val="decimal"/><w:pStyle'
    ' w:val="Heading2"/><w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl>'
    "</w:abstractNum>"
)
HEADING_STYLES = {
    "Heading1": '<w:numPr><w:numId w:val="7"/></w:numPr>',
    "Heading2": '<w:numPr><w:ilvl w:val="1"/><w:numId w:val="7"/></w:numPr>',
}


def with_numbered_headings(path: Path) -> Path:
    """`path` with its first two levels of headings numbered by HEADING_LIST."""

    def numbering(text: str) -> str:
        start = text.index(">", text.index("<w:numbering")) + 1
        text = text[:start] + HEADING_LIST + text[start:]
        num = '<w:num w:numId="7"><w:abstractNumId w:val="70"/></w:num>'
        return text.replace("</w:numbering>", num + "</w:numbering>")

    def styles(text: str) -> str:
        for style, numbers in HEADING_STYLES.items():
            start = text.index("<w:pPr>", text.index(f'w:styleId="{style}"')) + len("<w:pPr>")
            text = text[:start] + numbers + text[start:]
        return text

    return with_part_edited(
        with_part_edited(path, "word/numbering.xml", numbering), "word/styles.xml", styles
    )


@pytest.mark.parametrize("with_list", [True, False], ids=["and-a-list", "alone"])
def test_the_numbers_word_gives_headings_are_kept_as_their_first_words(
    tmp_path: Path, with_list: bool
) -> None:
    """pandoc dropped them: "as section 1.2 says" referred to nothing. A level starts
    again after a higher one; a legal level (isLgl) counts in decimal under a roman one;
    an unnumbered heading and a numbered list of the text (another list) keep theirs."""
    points = "1. First point\n2. Second point\n\n" if with_list else ""
    report = with_numbered_headings(
        office_file(
            tmp_path / "report.docx",
            "# Our demands\n\n## Pay\n\nAs section 1.2 says.\n\n## Hours\n\n"
            f"{points}# How we win\n\n### Notes\n\n## Organise\n",
        )
    )
    body = read_document(report, "report", tmp_path, "en").body_html
    headings = [html.unescape(h) for h in re.findall(r"<h\d[^>]*>(.*?)</h\d>", body)]
    assert headings == [
        "I. Our demands",
        "1.1 Pay",
        "1.2 Hours",
        "II. How we win",
        "Notes",
        "2.1 Organise",
    ]
    items = ["First point", "Second point"] if with_list else []
    assert re.findall(r"<li>(.*?)</li>", body) == items and "start=" not in body


def test_a_heading_style_based_on_a_numbered_one_takes_its_numbers(tmp_path: Path) -> None:
    """A template's own heading style ("Chapter", based on Heading 1, as house styles are
    made) numbers as the style it is based on: the numbers run on through both."""
    report = with_numbered_headings(
        office_file(
            tmp_path / "report.docx",
            '# Our demands\n\nText.\n\n::: {custom-style="Chapter"}\nHow we win\n:::\n\n'
            "More.\n\n# What next\n",
        )
    )
    based = with_part_edited(
        report,
        "word/styles.xml",
        lambda text: text.replace(
            '<w:name w:val="Chapter" /><w:basedOn w:val="BodyText" />',
            '<w:name w:val="Chapter" /><w:basedOn w:val="Heading1" />',
        ),
    )
    body = read_document(based, "report", tmp_path, "en").body_html
    words = [
        " ".join(html.unescape(t).split()) for t in re.findall(r"<(?:h1|p)\b[^>]*>(.*?)</", body)
    ]
    assert words == ["I. Our demands", "Text.", "II. How we win", "More.", "III. What next"]


RULES_LIST = (
    '<w:abstractNum w:abstractNumId="80"><w:multiLevelType w:val="multilevel"/>'
    '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="Rule %1."/><w:lvlJc w:val="left"/></w:lvl>'
    '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/>'
    '<w:lvlText w:val="%1.%2"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
)


def test_a_rulebooks_numbers_no_html_list_can_show_are_kept_as_its_paragraphs_first_words(
    tmp_path: Path,
) -> None:
    """ "Rule 1.", "1.1": pandoc made the rules an ordered list counting 1, 2 at each level,
    and "under rule 2.1" referred to nothing. A list numbered as HTML numbers ("1.", "a)")
    stays a list."""
    rulebook = office_file(
        tmp_path / "rulebook.docx",
        "1. The union's name is Unite.\n\n    1. Its office is in Leeds.\n"
        "    2. Its colours are red.\n\n2. Members pay dues.\n\n    1. Monthly.\n\n"
        "Our demands:\n\na) Pay\nb) Hours\n",
    )

    def rules_numbered(text: str) -> str:  # pandoc's lists before the demands: the rules
        rules, demands = text.split("Our demands:")
        rules = rules.replace('"Compact"', '"ListParagraph"')  # Word's style for them
        rules = re.sub(r'<w:numId w:val="\d+"', '<w:numId w:val="8"', rules)
        return rules + "Our demands:" + demands

    def numbering(text: str) -> str:
        start = text.index(">", text.index("<w:numbering")) + 1
        num = '<w:num w:numId="8"><w:abstractNumId w:val="80"/></w:num>'
        text = text[:start] + RULES_LIST + text[start:]
        return text.replace("</w:numbering>", num + "</w:numbering>")

    rulebook = with_part_edited(
        with_part_edited(rulebook, "word/document.xml", rules_numbered),
        "word/numbering.xml",
        numbering,
    )
    body = read_document(rulebook, "rulebook", tmp_path, "en").body_html
    assert re.findall(r"<p>(.*?)</p>", body)[:5] == [
        "Rule 1. The union’s name is Unite.",
        "1.1 Its office is in Leeds.",
        "1.2 Its colours are red.",
        "Rule 2. Members pay dues.",
        "2.1 Monthly.",
    ]
    assert re.findall(r"<li>(.*?)</li>", body) == ["Pay", "Hours"]


def test_the_numbers_libreoffice_shows_before_headings_are_kept_as_their_first_words(
    tmp_path: Path,
) -> None:
    """Tools > Heading Numbering: LibreOffice writes each heading's number as shown in a
    <text:number> of its own (after the heading's bookmark), which pandoc read past. A
    heading the numbering leaves without a number keeps its words; a list's item, which it
    numbers so too, is left to pandoc's list."""
    report = office_file(
        tmp_path / "report.odt",
        "---\ntitle: Report\n---\n\n# Our demands\n\n## Pay\n\nAs in 1.1.\n\n"
        "1. First point\n\n## Notes\n",
    )

    def numbered(text: str) -> str:
        numbers = (("Our demands", "1."), ("Pay", "1.1"), ("First point", "1."), ("Notes", ""))
        for words, number in numbers:
            text = re.sub(
                rf"(<text:[hp] [^>]*>(?:<text:bookmark-start [^>]*/>)?){words}",
                rf"\1<text:number>{number}</text:number>{words}",
                text,
                count=1,
            )
        return text

    body = read_document(
        with_part_edited(report, "content.xml", numbered), "report", tmp_path, "en"
    ).body_html
    headings = [re.sub(r"<[^>]+>", "", h) for h in re.findall(r"<h\d[^>]*>(.*?)</h\d>", body)]
    assert headings == ["1. Our demands", "1.1 Pay", "Notes"]
    assert re.findall(r"<li>(.*?)</li>", body) == ["First point"]  # pandoc numbers a list


def test_text_libreoffice_hides_is_not_published_and_the_words_after_it_are(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Format > Character > Hidden: an automatic style with text:display="none"."""
    plain = office_file(tmp_path / "tract.odt", TEXT)
    styles = (
        '<style:style style:name="T99" style:family="text"><style:text-properties'
        ' text:display="none"/></style:style><style:style style:name="P99"'
        ' style:family="paragraph"><style:text-properties text:display="none"/></style:style>'
    )
    hidden = (
        ' <text:span text:style-name="T99">Check the figure with Ana.</text:span> Shown.'
        '</text:p><text:p text:style-name="P99">A hidden paragraph.'
    )
    tract = with_part_edited(
        with_part_changed(plain, "content.xml", hidden, "Before the box."),
        "content.xml",
        lambda text: with_automatic_styles(text, styles),
    )
    caplog.set_level(logging.INFO, logger="publisher")
    assert body_text(tract) == "Before the box. Shown. After the box."
    assert f"{tract}: the text it hides (formatted Hidden) is left out" in caplog.text


def test_characters_in_a_symbol_font_in_a_libreoffice_file_read_as_the_symbols_shown(
    tmp_path: Path,
) -> None:
    """LibreOffice keeps a Word file's Wingdings smiley as Word's code for it (U+F04A) in a
    span whose style names the font; typed in the font, it is the letter "J". pandoc
    published the code (an empty box) or "J". The symbols expected are the Unicode
    encoding of the fonts' glyphs (Unicode proposal L2/11-052R; Adobe's Symbol table)."""
    plain = office_file(tmp_path / "thanks.odt", TEXT)
    faces = (
        '<style:font-face style:name="Wingdings1" svg:font-family="Wingdings"'
        ' style:font-charset="x-symbol"/><style:font-face style:name="Symbol"'
        ' svg:font-family="Symbol" style:font-charset="x-symbol"/>'
    )
    styles = (
        '<style:style style:name="T1" style:family="text"><style:text-properties'
        ' style:font-name="Wingdings1"/></style:style>'
        '<style:style style:name="T2" style:family="text"><style:text-properties'
        ' fo:font-family="&apos;Wingdings 2&apos;"/></style:style>'
        '<style:style style:name="T3" style:family="text"><style:text-properties'
        ' style:font-name="Liberation Serif"/></style:style>'
        '<style:style style:name="P1" style:family="paragraph"><style:text-properties'
        ' style:font-name="Symbol"/></style:style>'
    )
    symbols = (
        ' Thanks for the collection <text:span text:style-name="T1">\uf04a</text:span> Jane'
        ' and Julio <text:span text:style-name="T1">L</text:span>, agreed'
        ' <text:span text:style-name="T2">P</text:span>.</text:p>'
        '<text:p text:style-name="P1">a<text:span text:style-name="T3">b</text:span>g'
    )

    def edited(text: str) -> str:
        text = text.replace("<office:font-face-decls>", "<office:font-face-decls>" + faces, 1)
        return with_automatic_styles(text, styles)

    thanks = with_part_edited(
        with_part_changed(plain, "content.xml", symbols, "Before the box."), "content.xml", edited
    )
    assert body_text(thanks) == (
        "Before the box. Thanks for the collection \u263a Jane and Julio \u2639, agreed"
        " \U0001f5f8. \u03b1b\u03b3 After the box."
    )


def test_a_templates_fields_left_empty_publish_no_prompt_and_are_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Word shows a content control's prompt until someone types in it (w:showingPlcHdr)."""
    plain = office_file(tmp_path / "statement.docx", TEXT)
    prompt = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>"
    fields = (
        f"<w:sdt>{prompt}<w:sdtContent>{word_paragraph('Click or tap here to enter text.')}"
        "</w:sdtContent></w:sdt>"
        '<w:sdt><w:sdtPr><w:showingPlcHdr w:val="0"/></w:sdtPr><w:sdtContent>'
        f"{word_paragraph('Typed by the editor.')}</w:sdtContent></w:sdt>"
        f"<w:sdt><w:sdtPr/><w:sdtContent>{word_paragraph('Filled in.')}</w:sdtContent></w:sdt>"
    )
    statement = with_part_changed(
        plain, "word/document.xml", "</w:p>" + fields + "<w:p>", "Before the box."
    )
    caplog.set_level(logging.WARNING, logger="publisher")
    assert body_text(statement) == "Before the box. Typed by the editor. Filled in. After the box."
    assert f"{statement}: 1 field(s) of its template left empty" in caplog.text


def test_a_libreoffice_templates_placeholders_publish_no_prompt_and_are_named(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """LibreOffice keeps a placeholder not typed over as an element of its own: pandoc left
    its prompt out without a word, where Word's are counted."""
    plain = office_file(tmp_path / "letter.odt", TEXT)
    placeholder = ' <text:placeholder text:placeholder-type="text">&lt;Name&gt;</text:placeholder>'
    letter = with_part_changed(plain, "content.xml", placeholder, "Before the box.")
    caplog.set_level(logging.WARNING, logger="publisher")
    assert body_text(letter) == "Before the box. After the box."
    assert f"{letter}: 1 field(s) of its template left empty" in caplog.text


def simple_field(instruction: str, shown: str) -> str:
    """A field as Word, mail merge and converters save it whole (w:fldSimple): its
    instruction in an attribute, the text Word shows in its runs."""
    return (
        f'<w:fldSimple w:instr="{html.escape(instruction)}"><w:r><w:rPr><w:noProof/></w:rPr>'
        f"<w:t>{shown}</w:t></w:r></w:fldSimple>"
    )


def test_the_text_word_shows_for_a_simple_field_is_kept_and_a_hyperlink_field_is_a_link(
    tmp_path: Path,
) -> None:
    """pandoc left out a w:fldSimple and all it shows: a caption's number (Insert
    Caption), a merged branch name, a link."""
    plain = office_file(tmp_path / "report.docx", TEXT)
    number = simple_field(" SEQ Table \\* ARABIC ", "1")
    branch = simple_field(" MERGEFIELD BranchName ", "Leeds branch")
    link = simple_field(' HYPERLINK "https://example.org/a" ', "the ballot")
    fields = (
        '<w:p><w:pPr><w:pStyle w:val="Caption"/></w:pPr><w:r><w:t xml:space="preserve">Table'
        f" </w:t></w:r>{number}<w:r><w:t>: Strike days by depot</w:t></w:r></w:p>"
        f'<w:p><w:r><w:t xml:space="preserve">Dear </w:t></w:r>{branch}<w:r>'
        f'<w:t xml:space="preserve">, read </w:t></w:r>{link}<w:r>'
        '<w:t xml:space="preserve"> today.</w:t></w:r></w:p>'
    )
    report = with_part_changed(
        plain, "word/document.xml", "</w:p>" + fields + "<w:p>", "Before the box."
    )
    assert body_text(report) == (
        "Before the box. Table 1: Strike days by depot Dear Leeds branch, read the ballot"
        " today. After the box."
    )
    body = read_document(report, "report", tmp_path, "en").body_html
    assert re.search(r'<a href="https://example.org/a"[^>]*>the ballot</a> today', body)


def word_contents_entry(words: str, bookmark: str, page: str) -> str:
    """A line of the table of contents Word inserts (References > Table of Contents): a
    link to the heading's bookmark, its words, a tab, and the page number as a field
    Word hides on the web (w:webHidden)."""
    hidden = "<w:rPr><w:noProof/><w:webHidden/></w:rPr>"
    return (
        f'<w:hyperlink w:anchor="{bookmark}" w:history="1"><w:r><w:rPr><w:rStyle'
        f' w:val="Hyperlink"/><w:noProof/></w:rPr><w:t>{words}</w:t></w:r><w:r>{hidden}'
        f'<w:tab/></w:r><w:r>{hidden}<w:fldChar w:fldCharType="begin"/></w:r><w:r>{hidden}'
        f'<w:instrText xml:space="preserve"> PAGEREF {bookmark} \\h </w:instrText></w:r>'
        f'<w:r>{hidden}</w:r><w:r>{hidden}<w:fldChar w:fldCharType="separate"/></w:r>'
        f"<w:r>{hidden}<w:t>{page}</w:t></w:r><w:r>{hidden}<w:fldChar"
        ' w:fldCharType="end"/></w:r></w:hyperlink>'
    )


def word_heading(words: str, bookmark: str, number: int) -> str:
    return (
        f'<w:p><w:pPr><w:pStyle w:val="Heading1"/></w:pPr><w:bookmarkStart w:id="{number}"'
        f' w:name="{bookmark}"/><w:r><w:t>{words}</w:t></w:r><w:bookmarkEnd w:id="{number}"/>'
        "</w:p>"
    )


def test_a_word_table_of_contents_is_left_out_with_its_page_numbers(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """As Word 2013+ inserts it (References > Table of Contents), in a content control, its
    bookmarks around the headings' words: pandoc linked its lines to the headings, and
    every output showed Word's page numbers ("Our demands 2", printed on page 4). The
    web page, the EPUB and the PDF make contents of their own."""
    toc = '<w:pPr><w:pStyle w:val="TOC1"/><w:tabs><w:tab w:val="right" w:leader="dot"'
    toc += ' w:pos="9016"/></w:tabs></w:pPr>'
    contents = (
        '<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/>'
        "<w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>"
        '<w:p><w:pPr><w:pStyle w:val="TOCHeading"/></w:pPr><w:r><w:t>Contents</w:t></w:r>'
        f'</w:p><w:p>{toc}<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText'
        ' xml:space="preserve"> TOC \\o "1-3" \\h \\z \\u </w:instrText></w:r><w:r>'
        '<w:fldChar w:fldCharType="separate"/></w:r>'
        f"{word_contents_entry('Our demands', '_Toc190001', '2')}</w:p>"
        f"<w:p>{toc}{word_contents_entry('Next steps', '_Toc190002', '3')}</w:p>"
        '<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p></w:sdtContent></w:sdt>'
    )
    body = (
        '<w:p><w:pPr><w:pStyle w:val="Title"/></w:pPr><w:r><w:t>Strike report</w:t></w:r></w:p>'
        f"{contents}{word_heading('Our demands', '_Toc190001', 1)}"
        f"{word_paragraph('A living wage.')}{word_heading('Next steps', '_Toc190002', 2)}"
        f"{word_paragraph('Ballot in April.')}"
    )

    def written(text: str) -> str:
        start = text.index(">", text.index("<w:body")) + 1
        return text[:start] + body + text[text.index("<w:sectPr") :]

    report = edited(office_file(tmp_path / "report.docx", TEXT), "word/document.xml", written)
    caplog.set_level(logging.INFO, logger="publisher")
    assert body_text(report) == "Our demands A living wage. Next steps Ballot in April."
    assert f"{report}: left out Word's table of contents (2 lines" in caplog.text


def test_a_libreoffice_captioned_picture_keeps_its_caption_as_its_alt_text(
    tmp_path: Path,
) -> None:
    """LibreOffice captions a picture by framing it in a text box with the caption: pandoc
    reads that as a figure (the caption its alt text), which moving the box's text broke."""
    import io

    from PIL import Image

    plain = office_file(tmp_path / "photo.odt", TEXT)
    frame = (
        '<draw:frame draw:name="Frame1" text:anchor-type="paragraph"><draw:text-box>'
        '<text:p text:style-name="Caption"><draw:frame draw:name="Image1"'
        ' text:anchor-type="as-char"><draw:image xlink:href="Pictures/picket.png"/>'
        "</draw:frame>Illustration 1: The picket at dawn</text:p></draw:text-box></draw:frame>"
    )
    captioned = with_part_changed(plain, "content.xml", frame, "Before the box.")
    picture = io.BytesIO()
    Image.new("RGB", (40, 30)).save(picture, format="PNG")
    with zipfile.ZipFile(captioned, "a") as odt:
        odt.writestr("Pictures/picket.png", picture.getvalue())
    body = read_document(captioned, "photo", tmp_path, "en").body_html
    assert 'alt="Illustration 1: The picket at dawn"' in body


@pytest.mark.parametrize(
    ("described", "alt"),
    [
        (  # Properties, Options: Text Alternative, and Description
            "<svg:title>Tenants &amp; neighbours at the door</svg:title>"
            "<svg:desc>About thirty people in the doorway of block 7</svg:desc>",
            "Tenants &amp; neighbours at the door",
        ),
        (
            "<svg:desc>About thirty people in the doorway of block 7</svg:desc>",
            "About thirty people in the doorway of block 7",
        ),
    ],
)
def test_a_libreoffice_pictures_text_alternative_is_its_alt_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, described: str, alt: str
) -> None:
    """LibreOffice keeps what Properties, Options calls the Text Alternative (its title)
    and the Description in the picture's frame; pandoc made the first a slug of a title
    and left the picture undescribed, so the build asked for what had been given."""
    import io

    from PIL import Image

    plain = office_file(tmp_path / "block.odt", TEXT)
    frame = (
        '<draw:frame draw:name="Image1" text:anchor-type="char" svg:width="4cm"'
        ' svg:height="3cm"><draw:image xlink:href="Pictures/1000000100000028.png"'
        f' xlink:type="simple" draw:mime-type="image/png"/>{described}</draw:frame>'
    )
    with_picture = with_part_changed(plain, "content.xml", frame, "Before the box.")
    picture = io.BytesIO()
    Image.new("RGB", (40, 30)).save(picture, format="PNG")
    with zipfile.ZipFile(with_picture, "a") as odt:
        odt.writestr("Pictures/1000000100000028.png", picture.getvalue())
    caplog.set_level(logging.WARNING, logger="publisher")
    body = read_document(with_picture, "block", tmp_path, "en").body_html
    [image] = re.findall(r"<img\b[^>]*>", body)
    assert f'alt="{alt}"' in image and "title=" not in image
    assert "has no description" not in caplog.text


def test_a_word_file_damaged_inside_is_named_with_what_to_do(tmp_path: Path) -> None:
    """A file whose lists part (word/numbering.xml) does not inflate, as a broken download
    or a failing disk leaves it: the error names the file and says to re-save it, with
    pandoc's own words and not its call stack (it ended publisher on "an unexpected
    problem")."""
    report = office_file(tmp_path / "report.docx", "# Demands\n\n1. Pay\n2. Hours\n")
    data = bytearray(report.read_bytes())
    with zipfile.ZipFile(report) as docx:
        entry = docx.getinfo("word/numbering.xml")
    header = entry.header_offset
    name, extra = (int.from_bytes(data[header + n : header + n + 2], "little") for n in (26, 28))
    start = header + 30 + name + extra  # the deflated bytes, scrambled
    data[start + 5 : start + 40] = bytes(b ^ 0x5A for b in data[start + 5 : start + 40])
    report.write_bytes(data)
    with pytest.raises(PublisherError) as raised:
        read_document(report, "report", tmp_path, "en")
    said = str(raised.value)
    assert said.startswith(f"{report}: pandoc could not convert this docx input"), said
    assert "re-save it if it is damaged" in said and "HasCallStack" not in said, said


@pytest.mark.parametrize(
    ("name", "part", "program"),
    [("report.docx", "word/document.xml", "Word"), ("report.odt", "content.xml", "LibreOffice")],
)
def test_an_office_file_whose_text_is_cut_short_names_the_damaged_part(
    tmp_path: Path, name: str, part: str, program: str
) -> None:
    """Its text's XML ends mid-element, as a copy interrupted by a sync or a full disk
    leaves it inside an intact zip: pandoc said only "couldn't parse docx file: DocxError"."""
    report = office_file(tmp_path / name, TEXT)
    edited(report, part, lambda text: text[: text.index("After the box.")])
    with pytest.raises(PublisherError) as raised:
        read_document(report, "report", tmp_path, "en")
    [problem] = raised.value.problems
    assert problem.file == report
    assert problem.hint is not None and problem.hint.startswith(
        f"{part}, inside it, is damaged (not well-formed XML at line"
    ), problem.hint
    assert f"open it in {program}, which offers to repair it, and save it again" in problem.hint


IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
PIC = 'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"'


def word_picture(number: int, description: str, blip: str) -> str:
    """A picture as Word writes it in the text: `blip` names it (r:embed="rId…" for a
    picture inside the file, r:link="rId…" for one inserted with "Link to File")."""
    return (
        f'<w:r><w:drawing><wp:inline {WP}><wp:extent cx="952500" cy="952500"/>'
        f'<wp:docPr id="{number}" name="Picture {number}" descr="{description}"/>'
        f'<a:graphic {A}><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
        f'picture"><pic:pic {PIC}><pic:nvPicPr><pic:cNvPr id="{number}" name="photo.png"/>'
        f"<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip {blip}/><a:stretch><a:fillRect/>"
        '</a:stretch></pic:blipFill><pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="952500"'
        ' cy="952500"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData>'
        "</a:graphic></wp:inline></w:drawing></w:r>"
    )


def with_picture(path: Path, blip: str, relationships: str, picture: bytes = b"") -> Path:
    """The Word file `path` with a picture named "Marchers at the gate" after its first
    paragraph, `relationships` written into word/_rels/document.xml.rels, and `picture`
    (when given) inside it as word/media/image1.png."""
    changed = with_part_changed(
        path, "word/document.xml", word_picture(7, "Marchers at the gate", blip), "Before"
    )
    edited(
        changed,
        "word/_rels/document.xml.rels",
        lambda text: text.replace("</Relationships>", relationships + "</Relationships>"),
    )
    if picture:
        with zipfile.ZipFile(changed, "a") as docx:
            docx.writestr("word/media/image1.png", picture)
    return changed


def relationship(target: str, external: bool = True) -> str:
    mode = ' TargetMode="External"' if external else ""
    return f'<Relationship Id="rId90" Type="{IMAGE}" Target="{target}"{mode}/>'


LINKED_PICTURES = {
    "linked to a web address": (
        'r:link="rId90"',
        relationship("http://example.org/march.png"),
        "it is linked to http://example.org/march.png, and pictures are not fetched from the"
        " web: download it and insert it into the document (in Word: Insert > Pictures >"
        " This Device)",
    ),
    "linked to a file on a shared drive": (
        'r:link="rId90"',
        relationship("file:///\\\\office\\Shared\\Photos\\march.jpg"),
        "a picture linked to \\\\office\\Shared\\Photos\\march.jpg is not in the file:"
        ' insert it into the document (in Word: Insert > Pictures, without "Link to File")',
    ),
    "linked to a file on the computer": (
        'r:link="rId90"',
        relationship("file:///C:\\Users\\ana\\Pictures\\march%20gate.jpg"),
        "a picture linked to C:\\Users\\ana\\Pictures\\march gate.jpg is not in the file:"
        ' insert it into the document (in Word: Insert > Pictures, without "Link to File")',
    ),
    "named outside the file": (
        'r:embed="rId90"',
        relationship("../../../../etc/passwd", external=False),
        "the picture it names (../../../../etc/passwd) is not inside the file: insert the"
        " picture into the document again in Word",
    ),
}


@pytest.mark.parametrize("blip,relationships,said", LINKED_PICTURES.values(), ids=LINKED_PICTURES)
def test_a_word_picture_not_inside_the_file_is_named_with_what_to_do_in_build_and_import(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, blip: str, relationships: str, said: str
) -> None:
    """pandoc reads only the pictures inside the file, and left these out without a word."""
    from test_import import import_one

    plain = office_file(tmp_path / "rally.docx", TEXT)
    rally = with_picture(plain, blip, relationships)
    caplog.set_level(logging.WARNING, logger="publisher")
    assert body_text(rally) == "Before the box. After the box."
    warning = f"{rally}: the picture 'Marchers at the gate' left out: {said}"
    assert warning in caplog.messages
    caplog.clear()
    import_one(tmp_path / "import", rally.read_bytes(), "rally.docx")
    imported = tmp_path / "import" / "in" / "rally.docx"
    assert warning.replace(str(rally), str(imported)) in caplog.messages


def test_a_word_picture_linked_and_kept_in_the_file_is_shown_without_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Word's Insert > Pictures > "Insert and Link" keeps a copy in the file, which is used."""
    from PIL import Image

    png = tmp_path / "march.png"
    Image.new("RGB", (40, 40), (0, 128, 0)).save(png)
    plain = office_file(tmp_path / "rally.docx", TEXT)
    both = relationship("http://example.org/march.png") + relationship(
        "media/image1.png", external=False
    ).replace("rId90", "rId91")
    rally = with_picture(plain, 'r:embed="rId91" r:link="rId90"', both, png.read_bytes())
    caplog.set_level(logging.WARNING, logger="publisher")
    body = read_document(rally, "rally", tmp_path, "en").body_html
    assert 'alt="Marchers at the gate"' in body
    assert not caplog.messages
