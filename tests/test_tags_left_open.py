"""A `<strong>` (or `<b>`, `<em>`, `<i>`, `<u>`, a link) that a pasted paragraph never closes, as
text copied off a blog's source carries them: bold to the paragraph's end, as the writer
meant, not the rest of the text. An HTML parser opens such a tag again after the block
that closed it, around every block after it: the whole statement was bold, in every
output, and a <p> inside a <strong> is no valid HTML. A heading never closed held the rest of
the text. (Read as written, not through lxml, whose parser would close the tag again
where a browser's does not.)"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest

from publisher.importers import import_files
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


def test_a_link_written_around_a_cards_paragraphs_stays_on_their_words() -> None:
    """Meant: no paragraph before it left the link open. The link goes into each paragraph,
    where every output can hold it (tests/test_nesting.py)."""
    written = (
        '<p>Read <a href="https://example.org/report">the report</a></p>'
        '<a href="https://example.org/card"><p>Rent strike</p>\n<p>What we won</p></a>'
    )
    card = '<a href="https://example.org/card" rel="noopener noreferrer">'
    assert clean_html(written).endswith(
        f"<p>{card}Rent strike</a></p>\n<p>{card}What we won</a></p>"
    )


def test_bold_written_around_paragraphs_stays_on_their_words() -> None:
    """Meant: no paragraph before it left a <b> open. Bold holds no paragraph in valid
    HTML, so it goes into each (tests/test_nesting.py)."""
    written = "<p>Notice:</p><b><p>Strike on Monday.</p>\n<p>All out.</p></b>"
    read = "<p>Notice:</p><p><b>Strike on Monday.</b></p>\n<p><b>All out.</b></p>"
    assert clean_html(written) == read


def test_a_heading_that_is_closed_keeps_what_it_holds() -> None:
    written = '<h2 id="pay">Pay <em>now</em></h2>\n<p>Text.</p>'
    assert clean_html(written) == written


# A block's start tag a pasted text never closes, as a post's source copied in part carries
# them: the block ends with its paragraph. It held the rest of the text (one quotation, one
# list item, one block of code), with an empty paragraph on each side of its own.
BLOCKS_LEFT_OPEN = [
    ("<blockquote>The strike began at dawn.", "blockquote"),
    ('<blockquote class="wp-block-quote">The strike began at dawn.', "blockquote"),
    ("<div>The strike began at dawn.", "div"),
    ("<ul><li>The strike began at dawn.", "li"),
    ("<ol>\n<li>The strike began at dawn.", "li"),
    ("<pre>The strike began at dawn.", "pre"),
    ("<section><blockquote>The strike began at dawn.", "blockquote"),
]


def read_or_imported(tmp_path: Path, text: str, how: str) -> str:
    """The body `text` makes: as the build reads a .txt ("read") or a Markdown document
    ("markdown"), or as `publisher import` writes a .txt into the pool ("imported")."""
    if how == "markdown":  # its title a heading
        return body(tmp_path, "statement.md", "# " + text)
    if how == "read":
        return body(tmp_path, "statement.txt", text)
    source, pool = tmp_path / "statement.txt", tmp_path / "documents"
    source.write_text(text)
    (row,) = import_files([source], pool).documents
    assert row.path is not None
    return read_document(row.path, row.path.stem, pool, "en").body_html


def tree(html: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(html, create_parent="body")


@pytest.mark.parametrize(("line", "holder"), BLOCKS_LEFT_OPEN)
@pytest.mark.parametrize("how", ["read", "imported", "markdown"])
def test_a_block_a_pasted_text_never_closes_ends_with_its_paragraph(
    tmp_path: Path, how: str, line: str, holder: str
) -> None:
    text = f"Cleaners strike\n\n{line}\n\nAll members out from six.\n\nIn solidarity.\n"
    root = tree(read_or_imported(tmp_path, text, how))
    (opened,) = root.iter(holder)
    assert " ".join(opened.text_content().split()) == "The strike began at dawn."
    after = [p for p in root.iter("p") if p.text_content() != "The strike began at dawn."]
    assert [p.text_content() for p in after] == ["All members out from six.", "In solidarity."]
    for paragraph in after:  # out of the block, as written
        assert paragraph.getparent() is root, lxml.html.tostring(root)


@pytest.mark.parametrize("how", ["read", "imported", "markdown"])
def test_a_quotation_closed_paragraphs_later_holds_them_all(tmp_path: Path, how: str) -> None:
    text = (
        "Cleaners strike\n\n<blockquote>The strike began at dawn.\n\n"
        "By noon the depot was shut.</blockquote>\n\nAll members out from six.\n"
    )
    root = tree(read_or_imported(tmp_path, text, how))
    (quotation,) = root.iter("blockquote")
    quoted = " ".join(quotation.text_content().split())  # pandoc's last one in no <p>
    assert quoted == "The strike began at dawn. By noon the depot was shut."
    assert [p.text_content() for p in root.findall("p")] == ["All members out from six."]


@pytest.mark.parametrize(
    ("line", "read"),
    [
        ("<p>The strike began at dawn.", "<p>The strike began at dawn.</p>"),
        ("The strike began at dawn.</p>", "<p>The strike began at dawn.</p>"),
        ("<p>The strike began at dawn.</p></p>", "<p>The strike began at dawn.</p>"),
        ('<p lang="es">La huelga empezó al alba.', '<p lang="es">La huelga empezó al alba.</p>'),
        (
            '<blockquote><p dir="rtl">بدأ الإضراب فجراً.',
            '<blockquote><p dir="rtl">بدأ الإضراب فجراً.</p></blockquote>',
        ),
    ],
)
def test_a_paragraphs_own_tags_typed_in_it_make_no_empty_paragraph(
    tmp_path: Path, line: str, read: str
) -> None:
    """Its language or direction, when its tag gives them, kept."""
    html = body(tmp_path, "statement.txt", f"Cleaners strike\n\n{line}\n\nAll out.\n")
    assert html == f"{read}\n<p>All out.</p>"


def test_a_quotation_never_closed_inside_a_block_closed_ends_with_its_paragraph(
    tmp_path: Path,
) -> None:
    """The <div> a blog's post source wraps the post in is closed at its end; a <blockquote>
    in it never is: the <div>'s end tag does not close it for the writer."""
    text = (
        'Cleaners strike\n\n<div class="entry-content">\n\n<blockquote>The strike began.\n\n'
        "All members out from six.\n\n</div>\n\nIn solidarity.\n"
    )
    root = tree(body(tmp_path, "statement.txt", text))
    (post,) = root.findall("div")
    (quotation,) = post.findall("blockquote")
    assert [p.text_content() for p in quotation] == ["The strike began."]
    assert [p.text_content() for p in post.findall("p")] == ["All members out from six."]
    assert [p.text_content() for p in root.findall("p")] == ["In solidarity."]


def test_block_tags_in_markdown_code_or_comments_close_nothing(tmp_path: Path) -> None:
    """Written about, not written: an end tag after them took pandoc's paragraph out of
    its <p>."""
    text = (
        "# Cleaners strike\n\nWrap it in `<div>` or `<blockquote>`.\n\n"
        "Not <!-- <div> --> shown.\n\nAll out.\n"
    )
    html = body(tmp_path, "statement.md", text)
    assert html.startswith("<p>Wrap it in <code>&lt;div&gt;</code>"), html
    assert [p.text_content() for p in tree(html).findall("p")][1:] == ["Not  shown.", "All out."]
