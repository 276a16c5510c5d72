"""List items, terms and captions a document gives without the element they belong in (a
post's source copied in part: its "<li>" lines, not the "<ul>" over them) are given one:
the web pages failed the Nu HTML checker, and the EPUB ran the items together on one line.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from conftest import article_page
from validators import nu_html_errors

from publisher.readers import read_document
from publisher.sanitize import clean_html

ITEMS = "Our demands\n\n<li>Pay rise of 10%</li>\n<li>Sick pay from day one</li>\n\nAll out.\n"


def body(tmp_path: Path, name: str, text: str) -> lxml.html.HtmlElement:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    html = read_document(path, path.stem, tmp_path, "en").body_html
    return lxml.html.fragment_fromstring(html, create_parent="body")


@pytest.mark.parametrize("name", ["demands.txt", "demands.md"])
def test_list_items_side_by_side_with_no_list_are_one_list(tmp_path: Path, name: str) -> None:
    text = ITEMS if name.endswith(".txt") else f"# {ITEMS}"
    root = body(tmp_path, name, text)
    (listed,) = root.findall("ul")
    items = [li.text_content().strip() for li in listed]  # pandoc's on lines of their own
    assert items == ["Pay rise of 10%", "Sick pay from day one"]
    assert [p.text for p in root.findall("p")] == ["All out."]  # after the list, as written


def test_words_between_items_part_them_into_two_lists() -> None:
    cleaned = clean_html("<li>Pay</li>\nand also\n<li>Sick pay</li>")
    assert cleaned == "<ul><li>Pay</li></ul>\n<p>and also</p>\n<ul><li>Sick pay</li></ul>"


def test_terms_and_definitions_with_no_list_are_one_definition_list() -> None:
    cleaned = clean_html("<p>Glossary</p><dt>Picket</dt><dd>A line at the gate.</dd>")
    assert cleaned == "<p>Glossary</p><dl><dt>Picket</dt><dd>A line at the gate.</dd></dl>"


@pytest.mark.parametrize("tag", ["figcaption", "summary"])
def test_a_caption_or_summary_alone_is_a_paragraph(tag: str) -> None:
    cleaned = clean_html(f"<div><{tag}>Workers at the gate, 3 March.</{tag}></div>")
    assert cleaned == "<div><p>Workers at the gate, 3 March.</p></div>"


@pytest.mark.parametrize(
    "written",
    [
        "<ul><li>Pay</li><li>Sick pay</li></ul>",
        '<ol start="3"><li>Pay</li></ol>',
        "<ul><li>Pay<ul><li>From May</li></ul></li></ul>",
        "<dl><dt>Picket</dt><dd>A line.</dd></dl>",
        "<dl><div><dt>Picket</dt><dd>A line.</dd></div></dl>",
        '<figure><img src="gate.jpg" alt="The gate"><figcaption>The gate</figcaption></figure>',
        "<details><summary>More</summary><p>Text.</p></details>",
    ],
)
def test_items_in_their_own_elements_stay_as_written(written: str) -> None:
    assert clean_html(written) == written


@pytest.mark.parametrize(
    ("written", "read"),
    [
        # before its first item: a paragraph before the list, as a browser shows it
        ("<ul>Our demands<li>Pay</li></ul>", "<p>Our demands</p>\n<ul>\n<li>Pay</li></ul>"),
        ("<ul><p>Our demands</p><li>Pay</li></ul>", "<p>Our demands</p>\n<ul><li>Pay</li></ul>"),
        ("<dl><p>Glossary</p><dt>Picket</dt><dd>A line.</dd></dl>",
         "<p>Glossary</p>\n<dl><dt>Picket</dt><dd>A line.</dd></dl>"),
        ("<ul><br><li>Pay</li></ul>", "<ul><li>Pay</li></ul>"),
        # after an item: part of it
        ("<ul><li>Pay</li> now <li>Sick pay</li></ul>", "<ul><li>Pay now</li>\n<li>Sick pay</li></ul>"),
        ("<ul><li>Pay</li><p>From May.</p><li>Sick pay</li></ul>",
         "<ul><li>Pay<p>From May.</p></li><li>Sick pay</li></ul>"),
    ],
)  # fmt: skip
def test_what_a_list_holds_besides_its_items_is_set_where_it_reads(written: str, read: str) -> None:
    assert clean_html(written) == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("<details><p>The rota.</p><summary>Rota</summary></details>",
         "<details><summary>Rota</summary><p>The rota.</p></details>"),
        ("<details>In full: <summary>Rota</summary>Mon, Tue</details>",
         "<details><summary>Rota</summary>In full: Mon, Tue</details>"),
        ("<details><summary>Rota</summary><p>Mon</p><summary>Shifts</summary></details>",
         "<details><summary>Rota</summary><p>Mon</p><p>Shifts</p></details>"),
        ("<details><summary>Rota</summary><p>Mon</p></details>",
         "<details><summary>Rota</summary><p>Mon</p></details>"),
    ],
)  # fmt: skip
def test_a_summary_written_after_what_it_opens_is_its_details_first_line(
    written: str, read: str
) -> None:
    """Where a browser shows it, and HTML wants it ("Element summary not allowed as child
    of element details in this context"); a second one is a paragraph."""
    assert clean_html(written) == read


IMG = '<img src="gate.jpg" alt="The gate">'


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (f"<figure>{IMG}<figcaption>Picket</figcaption><figcaption>Photo: <b>Ana</b></figcaption></figure>",
         f"<figure>{IMG}<figcaption>Picket<br>Photo: <b>Ana</b></figcaption></figure>"),
        (f"<figure>{IMG}<figcaption>Picket</figcaption>{IMG}</figure>",
         f"<figure>{IMG}{IMG}<figcaption>Picket</figcaption></figure>"),
        (f"<figure>{IMG}<figcaption>Picket</figcaption> at dawn</figure>",
         f"<figure>{IMG} at dawn<figcaption>Picket</figcaption></figure>"),
        (f"<figure><figcaption>Picket</figcaption>{IMG}</figure>",
         f"<figure><figcaption>Picket</figcaption>{IMG}</figure>"),
        (f"<li>Pay</li><figure><figcaption>Picket</figcaption>{IMG}</figure>",  # mended beside
         f"<ul><li>Pay</li></ul><figure><figcaption>Picket</figcaption>{IMG}</figure>"),
        (f"<figure>{IMG}<figcaption>Picket</figcaption></figure>",
         f"<figure>{IMG}<figcaption>Picket</figcaption></figure>"),
    ],
)  # fmt: skip
def test_a_figures_captions_are_one_at_its_end_unless_it_opens_with_it(
    written: str, read: str
) -> None:
    """HTML allows a figure one caption, its first or last element ("Element figcaption not
    allowed as child of element figure in this context")."""
    assert clean_html(written) == read


def test_the_web_page_of_a_text_with_items_alone_passes_the_nu_html_checker(
    tmp_path: Path,
) -> None:
    text = ITEMS + "\n<dt>Picket</dt>\n<dd>A line at the gate.</dd>\n\n<figcaption>At the gate\n"
    text += "\n<ul>Also<li>Holidays</li> in full</ul>\n\n<dl><p>Terms</p><dt>Rota</dt></dl>\n"
    text += "\n<details><p>The rota in full.</p><summary>Rota</summary></details>\n"
    text += "\n<figure><blockquote>No cuts</blockquote><figcaption>Banner</figcaption>"
    text += "<figcaption>Photo: Ana</figcaption></figure>\n"
    page = article_page(tmp_path / "site", "demands.txt", text)
    assert "<li>Sick pay from day one</li>" in page.read_text(encoding="utf-8")
    assert nu_html_errors([page]) == []


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("<dl><dt>Rota</dt></dl>", "<p>Rota</p>"),
        ("<p>Glossary</p><dt>Rota</dt>", "<p>Glossary</p>\n<p>Rota</p>"),
        (
            "<dl><dd>Agreed in May.</dd><dt>Rota</dt><dd>Who works when.</dd></dl>",
            "<p>Agreed in May.</p>\n<dl><dt>Rota</dt><dd>Who works when.</dd></dl>",
        ),
        (
            "<dl><dd>Agreed in May.</dd><dt>Rota</dt><dd>Who works when.</dd><dt>Picket</dt></dl>",
            "<p>Agreed in May.</p>\n<dl><dt>Rota</dt><dd>Who works when.</dd></dl>\n<p>Picket</p>",
        ),
    ],
)
def test_a_term_with_no_definition_or_a_definition_of_no_term_is_a_paragraph(
    written: str, read: str
) -> None:
    """A <dl> needs a definition after each term, and a term before each definition."""
    assert clean_html(written).strip() == read


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (
            "<div><dl><dt><li>Pay</li></dt><dd>x</dd></dl></div>",
            "<div><dl><dt>Pay</dt><dd>x</dd></dl></div>",
        ),
        (
            "<div><dl><dt><figcaption>the gate</figcaption></dt><dd>x</dd></dl></div>",
            "<div><dl><dt>the gate</dt><dd>x</dd></dl></div>",
        ),
    ],
)
def test_in_a_term_an_item_or_caption_alone_keeps_only_its_words(written: str, read: str) -> None:
    """No paragraph or list can stand there. (In bold, a quotation or a link, the bold, the
    quotation or the link goes into the item instead: tests/test_nesting.py.)"""
    assert clean_html(written) == read
