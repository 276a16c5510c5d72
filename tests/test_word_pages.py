"""A page Word saved ("Save as Web Page") is read with its lists as lists: Word writes
each item as a paragraph with its bullet or number typed out in front."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from publisher.importers import import_files
from publisher.readers import read_document


def item(list_id: str, level: int, mark: str, text: str) -> str:
    """A list item as Word writes it: the mark in a Symbol-font span it tells browsers
    that know lists to ignore, inside a conditional comment for those that do not."""
    return (
        f"<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:{list_id} level{level}"
        " lfo1'><![if !supportLists]><span style='font-family:Symbol'><span"
        f" style='mso-list:Ignore'>{mark}<span style='font:7.0pt \"Times New Roman\"'>"
        "&nbsp;&nbsp;&nbsp;&nbsp;&nbsp; </span></span></span><![endif]>"
        f"{text}<o:p></o:p></p>\n"
    )


PAGE = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><meta"
    " http-equiv=Content-Type content='text/html; charset=windows-1252'><title>Our"
    " demands</title></head><body lang=EN-GB><div class=WordSection1>\n"
    "<p class=MsoNormal>The branch voted for these demands.<o:p></o:p></p>\n"
    + item("l0", 1, "&middot;", "Back pay for March")
    + item("l0", 2, "o", "with interest")
    + item("l0", 1, "&middot;", "Sick pay from <b>day one</b>")
    + "<p class=MsoNormal>And these steps:</p>\n"
    + item("l1", 1, "1.", "Picket at six")
    + item("l1", 1, "2.", "Rally at noon")
    + item("l2", 1, "&middot;", "Bring a flask")  # another list, straight after
    + "</div></body></html>"
)


# Word 2000 and 2003 mark the typed bullet only by the conditional comment for browsers
# without lists: its Symbol-font "·" and the no-break spaces after it were read as "•€€€€€"
# (the Symbol font's € is where a no-break space is) in front of each item.
OLDER_PAGE = PAGE.replace("<span style='mso-list:Ignore'>", "").replace(
    "</span></span></span><![endif]>", "</span></span><![endif]>"
)
assert "mso-list:Ignore" not in OLDER_PAGE  # only the conditional comment marks its bullets


@pytest.mark.parametrize("page", [PAGE, OLDER_PAGE], ids=["Word 2007 on", "Word 2000 and 2003"])
def test_words_list_paragraphs_are_read_as_lists(tmp_path: Path, page: str) -> None:
    path = tmp_path / "demands.htm"
    path.write_bytes(page.encode("cp1252"))
    body = read_document(path, "demands", tmp_path, "en").body_html
    flat = re.sub(r"\s+", "", body)
    assert (
        "<ul><li>BackpayforMarch<ul><li>withinterest</li></ul></li>"
        "<li>Sickpayfrom<strong>dayone</strong></li></ul>"
    ) in flat
    assert "<ol><li>Picketatsix</li><li>Rallyatnoon</li></ol><ul><li>Bringaflask</li></ul>" in flat
    assert not re.search("[·•€]", body) and "<span" not in body


def test_the_title_typed_in_words_title_style_is_the_title_once(tmp_path: Path) -> None:
    """Word saves a paragraph in its Title style as `<p class=MsoTitle>`: the title was
    printed twice, in the article's heading and again as its first paragraph; a page with
    no <title> had its file name for a title."""
    titled = PAGE.replace(
        "<div class=WordSection1>\n",
        "<div class=WordSection1>\n<p class=MsoTitle>Our demands</p>\n",
    )
    path = tmp_path / "demands.htm"
    path.write_bytes(titled.encode("cp1252"))
    doc = read_document(path, "demands", tmp_path, "en")
    assert doc.title == "Our demands" and "Our demands" not in doc.body_html
    untitled = tmp_path / "untitled.htm"
    untitled.write_bytes(titled.replace("<title>Our demands</title>", "").encode("cp1252"))
    doc = read_document(untitled, "untitled", tmp_path, "en")
    assert doc.title == "Our demands" and "Our demands" not in doc.body_html


def test_an_item_keeps_its_language_and_text_between_items_stays_between(
    tmp_path: Path,
) -> None:
    page = (
        "<html><body>"
        + item("l0", 1, "&middot;", "Solidarity")
        .replace("<p class=MsoListParagraph", "<p lang=AR-SA dir=RTL class=MsoListParagraph")
        .replace("Solidarity", "تضامن")
        + "said between\n"
        + item("l0", 1, "&middot;", "Unity")
        + "</body></html>"
    )
    path = tmp_path / "words.htm"
    path.write_text(page)
    body = read_document(path, "words", tmp_path, "en").body_html
    flat = re.sub(r"\s+", " ", body)
    assert re.search(r'<ul> ?<li><div dir="rtl" lang="AR-SA"> ?تضامن ?</div></li> ?</ul>', flat)
    assert re.search(r"</ul> ?<p>said between</p> ?<ul> ?<li>Unity</li> ?</ul>", flat), flat


def footnote_call(kind: str, n: int) -> str:
    """A note's call as Word writes it: a link to the note, named for the link back."""
    return (
        f"<a style='mso-{'footnote' if kind == 'ftn' else 'endnote'}-id:{kind}{n}'"
        f' href="#_{kind}{n}" name="_{kind}ref{n}" title=""><span class=MsoFootnoteReference>'
        "<span style='mso-special-character:footnote'><![if !supportFootnotes]>"
        f"<span class=MsoFootnoteReference>[{n}]</span><![endif]></span></span></a>"
    )


def footnote(kind: str, n: int, *paragraphs: str) -> str:
    """The note, in Word's list of notes at the end of the page, linking back to its call."""
    back = (
        f'<a href="#_{kind}ref{n}" name="_{kind}{n}" title=""><span class=MsoFootnoteReference>'
        f"[{n}]</span></a>"
    )
    text = "".join(
        f"<p class=MsoFootnoteText>{back if i == 0 else ''} {p}</p>"
        for i, p in enumerate(paragraphs)
    )
    return f"<div style='mso-element:{'footnote' if kind == 'ftn' else 'endnote'}' id={kind}{n}>{text}</div>"


COMMENTED = (
    "<html xmlns:o='urn:schemas-microsoft-com:office:office'><head><title>Rent strike</title>"
    "</head><body lang=EN-GB><div class=WordSection1>\n"
    f"<p class=MsoNormal>We withhold rent from 1 March.{footnote_call('ftn', 1)} The committee"
    " meets Thursday<span class=MsoCommentReference><span style='font-size:8.0pt'><a"
    " style='mso-comment-reference:AB_1' class=msocomanchor id=\"_anchor_1\""
    " onmouseover=\"msoCommentShow('_anchor_1','_com_1')\" href=\"#_msocom_1\""
    ' language=JavaScript name="_msoanchor_1">[AB1]</a>&nbsp;</span></span>.'
    f"{footnote_call('edn', 1)}</p>\n</div>\n"
    "<div style='mso-element:footnote-list'><![if !supportFootnotes]><br clear=all>"
    '<hr align=left size=1 width="33%"><![endif]>\n'
    + footnote("ftn", 1, "Survey of 212 households.", "Done in January.")
    + "</div>\n<div style='mso-element:endnote-list'><![if !supportEndnotes]><br clear=all>"
    '<hr align=left size=1 width="33%"><![endif]>\n'
    + footnote("edn", 1, "Minutes of the meeting.")
    + "</div>\n<div style='mso-element:comment-list'><![if !supportAnnotations]><hr"
    ' class=msocomoff align=left size=1 width="33%"><![endif]>\n<div'
    " style='mso-element:comment'><![if !supportAnnotations]><div id=\"_com_1\" class=msocomtxt"
    " language=JavaScript><![endif]><div><![if !supportAnnotations]><a"
    ' name="_msocom_1"></a><![endif]><p class=MsoCommentText><span class=MsoCommentReference>'
    "<span style='font-size:8.0pt'><a href=\"#_msoanchor_1\" class=msocomoff>[AB1]</a></span>"
    "</span>Ana: are we sure about Thursday?</p></div><![if !supportAnnotations]></div>"
    "<![endif]></div>\n</div>\n</body></html>"
)


def test_footnotes_and_endnotes_are_notes_and_comments_are_left_out_with_a_note(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    path = tmp_path / "rent.htm"
    path.write_bytes(COMMENTED.encode("cp1252"))
    with caplog.at_level(logging.INFO, logger="publisher"):
        body = read_document(path, "rent", tmp_path, "en").body_html
    flat = re.sub(r"\s+", " ", body)
    calls = re.findall(r'<a href="#rent-fn(\d)" class="footnote-ref"[^>]*><sup>\d</sup></a>', flat)
    assert calls == ["1", "2"]
    assert re.search(
        r'<li id="rent-fn1"><p>Survey of 212 households\.</p> ?<p>Done in January\.', flat
    )
    assert re.search(r'<li id="rent-fn2"><p>Minutes of the meeting\.<a', flat)
    assert "The committee meets Thursday." in flat  # the comment's mark is gone, not the text
    assert "Ana" not in body and "AB1" not in body and "[1]" not in body
    assert len(re.findall(r"<hr", body)) == 1  # pandoc's above the notes; Word's rules gone
    assert f"{path}: 1 comment(s) left out: they are for the editors" in caplog.text


def test_a_page_word_saved_is_imported_whole_with_its_notes(tmp_path: Path) -> None:
    """Not as a web page's article (trafilatura), which kept the typed-out bullets."""
    source = tmp_path / "Demands.htm"
    source.write_bytes(
        PAGE.replace("</div></body>", "</div>" + COMMENTED.split("<body lang=EN-GB>")[1])
        .replace("</body></html></body></html>", "</body></html>")
        .encode("cp1252")
    )
    report = import_files([source], tmp_path / "documents")
    assert not report.problems
    markdown = report.documents[0].path.read_text(encoding="utf-8")
    assert "- Back pay for March\n  - with interest\n- Sick pay from **day one**" in markdown
    assert "We withhold rent from 1 March.[^1]" in markdown
    assert "[^1]: Survey of 212 households.\n\n    Done in January." in markdown
    assert "·" not in markdown and ":::" not in markdown and "Ana" not in markdown


def symbol(font: str, code: str) -> str:
    """A symbol as Outlook and Word write one: a letter (or its Private Use code) in a
    symbol font, marked so twice."""
    return (
        f"<span style='font-family:{font};mso-ascii-font-family:Calibri;mso-char-type:symbol;"
        f"mso-symbol-font-family:{font}'><span style='mso-char-type:symbol;"
        f"mso-symbol-font-family:{font}'>{code}</span></span>"
    )


def test_symbol_font_characters_are_read_as_the_symbols_they_show(tmp_path: Path) -> None:
    """Outlook types a smiley as "J" in Wingdings: shown without the font, on a phone or in
    the PDF, it read "Thanks for the collection J". The symbols expected are the Unicode
    encoding of the fonts' glyphs (Unicode proposal L2/11-052R; Adobe's Symbol table)."""
    page = (
        "<html><body lang=EN-GB><div class=WordSection1>"
        f"<p class=MsoNormal>Thanks for the collection {symbol('Wingdings', 'J')}"
        f" Jane and Julio {symbol('Wingdings', 'L')}</p>"
        f"<p class=MsoNormal>Ballot {symbol('Wingdings', '&#61664;')} strike"  # U+F0E0
        " <font face=Wingdings>&#252;</font> agreed"
        f" {symbol('Wingdings 2', 'P')} <span style=\"font-family:'Symbol'\">a<span"
        " style='font-family:Calibri'>b</span>g</span></p>"
        "</div></body></html>"
    )
    path = tmp_path / "thanks.htm"
    path.write_text(page, encoding="utf-8")
    body = read_document(path, "thanks", tmp_path, "en").body_html
    text = re.sub(r"<[^>]+>", "", body)
    assert "Thanks for the collection \u263a Jane and Julio \u2639" in text
    assert "Ballot \U0001f86a strike \u2713 agreed \U0001f5f8 \u03b1b\u03b3" in text
