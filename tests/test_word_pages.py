"""A page Word saved ("Save as Web Page") is read with its lists as lists: Word writes
each item as a paragraph with its bullet or number typed out in front."""

from __future__ import annotations

import re
from pathlib import Path

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


def test_words_list_paragraphs_are_read_as_lists(tmp_path: Path) -> None:
    path = tmp_path / "demands.htm"
    path.write_bytes(PAGE.encode("cp1252"))
    body = read_document(path, "demands", tmp_path, "en").body_html
    flat = re.sub(r"\s+", "", body)
    assert (
        "<ul><li>BackpayforMarch<ul><li>withinterest</li></ul></li>"
        "<li>Sickpayfrom<strong>dayone</strong></li></ul>"
    ) in flat
    assert "<ol><li>Picketatsix</li><li>Rallyatnoon</li></ol><ul><li>Bringaflask</li></ul>" in flat
    assert "·" not in body and "<span" not in body


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
