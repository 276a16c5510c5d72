"""A `<strong>` (or `<b>`, `<em>`, `<i>`, `<u>`, a link) that a pasted paragraph never closes, as
text copied off a blog's source carries them: bold to the paragraph's end, as the writer
meant, not the rest of the text. An HTML parser opens such a tag again after the block
that closed it, around every block after it: the whole statement was bold, in every
output, and a <p> inside a <strong> is no valid HTML. A heading never closed held the rest of
the text. (Read as written, not through lxml, whose parser would close the tag again
where a browser's does not.)"""

from __future__ import annotations

from pathlib import Path

import pytest

from publisher.readers import read_document
from publisher.sanitize import clean_html


def body(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text)
    return read_document(path, path.stem, tmp_path, "en").body_html


LEFT_OPEN = [
    (f"<{tag}>Strike on Monday", f"<p><{tag}>Strike on Monday</{tag}></p>", f"<{tag}>")
    for tag in ("strong", "b", "em", "i", "u")
]
LEFT_OPEN += [
    # the rest of the statement was one link to the petition
    (
        'Sign <a href="https://act.example.org/pay">the petition',
        '<p>Sign <a href="https://act.example.org/pay" rel="noopener noreferrer">the petition'
        "</a></p>",
        "<a ",
    ),
    # the rest was one heading, in heading type in every output
    ("<h2>What we want", "<h2>What we want</h2>", "<h2"),
]


@pytest.mark.parametrize(("line", "read", "tag"), LEFT_OPEN)
@pytest.mark.parametrize("name", ["statement.txt", "statement.md"])
def test_a_tag_a_paragraph_never_closes_ends_with_its_paragraph(
    tmp_path: Path, name: str, line: str, read: str, tag: str
) -> None:
    text = f"Cleaners strike\n\n{line}\n\nAll members out from six.\n\nIn solidarity.\n"
    html = body(tmp_path, name, text)
    assert f"{read}\n<p>All members out from six.</p>\n<p>In solidarity.</p>" in html, html
    assert html.count(tag) == 1 and "<p></p>" not in html, html  # not again around the rest


def test_tags_left_open_inside_each_other_all_end_with_their_paragraph(tmp_path: Path) -> None:
    html = body(tmp_path, "notes.txt", "Notes\n\n<b>Pay <i>now <u>for all\n\nNext.\n")
    assert html == "<p><b>Pay <i>now <u>for all</u></i></b></p>\n<p>Next.</p>"


def test_a_link_written_around_a_cards_paragraphs_stays_around_them() -> None:
    written = (
        '<p>Read <a href="https://example.org/report">the report</a></p>'
        '<a href="https://example.org/card"><p>Rent strike</p>\n<p>What we won</p></a>'
    )
    cleaned = clean_html(written)
    assert cleaned.count("<a ") == 2 and '<a href="https://example.org/card"' in cleaned
    assert cleaned.endswith("<p>What we won</p></a>")


def test_bold_written_around_paragraphs_stays_around_them() -> None:
    """Not valid HTML either, but meant: no paragraph before it left a <b> open."""
    written = "<p>Notice:</p><b><p>Strike on Monday.</p>\n<p>All out.</p></b>"
    assert clean_html(written) == written


def test_a_heading_that_is_closed_keeps_what_it_holds() -> None:
    written = '<h2 id="pay">Pay <em>now</em></h2>\n<p>Text.</p>'
    assert clean_html(written) == written
