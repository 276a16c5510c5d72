"""Blocks and words where HTML puts them, however a pasted text or a post's source wrote
them: bold or italics written around paragraphs go into each paragraph, a <pre> left open
over a paragraph holds its lines, and words typed beside a quotation or a list mid-line
make paragraphs of their own. Left as written, the web page failed the Nu HTML checker, or
the words printed with no paragraph's spacing round them."""

from __future__ import annotations

import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import article_page, minimal_with
from test_tags_left_open import read_or_imported, tree
from validators import nu_html_errors

from publisher.build import build
from publisher.readers import read_document
from publisher.sanitize import clean_html

LINK = 'href="https://x.org/" rel="noopener noreferrer"'
XHTML = "{http://www.w3.org/1999/xhtml}"


@pytest.mark.parametrize(
    ("written", "read"),
    [
        (
            "<p>Notice:</p><b><p>Strike on Monday.</p>\n<p>All out.</p></b>",
            "<p>Notice:</p><p><b>Strike on Monday.</b></p>\n<p><b>All out.</b></p>",
        ),
        (  # the start of the bold's words, then a quotation in it, then more
            "<div>now <b>bold <blockquote>q</blockquote> more</b> end.</div>",
            "<div><p>now <b>bold </b></p><blockquote><b>q</b></blockquote><p><b> more</b> end.</p>"
            "</div>",
        ),
        (
            "<div><i><ul><li>Pay</li><li>Hours</li></ul></i></div>",
            "<div><ul><li><i>Pay</i></li><li><i>Hours</i></li></ul></div>",
        ),
        (  # a term with no definition is no list (tests/test_lone_items.py)
            "<div><em><dl><dt>Rota</dt></dl></em></div>",
            "<div>\n<p><em>Rota</em></p></div>",
        ),
        (  # an item alone is a list's
            "<div><b><li>Pay</li></b></div>",
            "<div><ul><li><b>Pay</b></li></ul></div>",
        ),
        (  # a caption alone is a paragraph
            "<div><q><figcaption>the gate</figcaption></q></div>",
            "<div><p><q>the gate</q></p></div>",
        ),
        (  # into the cells of a table
            "<div><strong><table><tr><td>Pay</td><td>5%</td></tr></table></strong></div>",
            "<div><table><tbody><tr><td><strong>Pay</strong></td><td><strong>5%</strong></td>"
            "</tr></tbody></table></div>",
        ),
        (  # one inside the other
            "<div><b><i><p>Both</p></i></b></div>",
            "<div><p><b><i>Both</i></b></p></div>",
        ),
        (  # a card's link round its title and teaser
            '<div><a href="https://x.org/"><h2>Card</h2><p>Teaser</p></a></div>',
            f"<div><h2><a {LINK}>Card</a></h2><p><a {LINK}>Teaser</a></p></div>",
        ),
        (
            '<div><b><a href="https://x.org/"><p>Card</p></a></b></div>',
            f"<div><p><b><a {LINK}>Card</a></b></p></div>",
        ),
        (  # an id names one element: the first
            '<div><span id="pay" class="x"><p>One</p><p>Two</p></span></div>',
            '<div><p><span id="pay" class="x">One</span></p><p><span class="x">Two</span></p></div>',
        ),
    ],
)
def test_formatting_written_around_blocks_goes_into_each_of_them(written: str, read: str) -> None:
    assert clean_html(written) == read


def test_a_card_linked_round_its_title_and_teaser_is_linked_in_the_epub(tmp_path: Path) -> None:
    """pandoc's reader makes an empty link of one round blocks, before them: Ace failed the
    EPUB ("link-name"), and the card's words led nowhere."""
    text = (
        "# Rents\n\nMore from the branch:\n\n"
        '<a href="https://x.org/card"><h2>Rent strike</h2><p>What we won</p></a>\n'
    )
    root = minimal_with(tmp_path / "site", {"rents.md": text})
    report = build(root, formats=("epub",))
    with zipfile.ZipFile(report.out_dir / "001-first" / "001-first.epub") as book:
        pages = [book.read(n) for n in book.namelist() if n.endswith(".xhtml")]
    links = [a for page in pages for a in lxml.etree.fromstring(page).iter(f"{XHTML}a")]
    card = [a.xpath("string()") for a in links if a.get("href") == "https://x.org/card"]
    assert card == ["Rent strike", "What we won"]
    assert all(a.xpath("string()").strip() or len(a) for a in links if a.get("href"))


def test_a_web_page_keeps_what_it_writes_around_blocks_and_in_a_definition_list(
    tmp_path: Path,
) -> None:
    """pandoc's HTML reader made each an empty element before the blocks, their words in
    no language, no link and no italics, and left out a definition list's other words."""
    page = tmp_path / "statement.html"
    page.write_text(
        "<html><head><title>Statement</title></head><body><p>Intro.</p>"
        '<span lang="fr"><p>Un paragraphe.</p><p>Deux.</p></span>'
        '<a href="https://x.org/report"><div><h3>Report</h3><p>Read it</p></div></a>'
        "<em><ul><li>Pay</li></ul></em>"
        "<dl><dt>Rota</dt><dd>Who works when.</dd><p>Agreed in May.</p></dl></body></html>"
    )
    root = tree(read_document(page, "statement", tmp_path, "en").body_html)
    french = [" ".join(e.itertext()) for e in root.iter() if e.get("lang") == "fr"]
    assert french == ["Un paragraphe.", "Deux."]
    linked = [a.text_content() for a in root.iter("a") if a.get("href") == "https://x.org/report"]
    assert linked == ["Report", "Read it"]
    assert [em.text_content() for em in root.iter("em")] == ["Pay"]
    assert "Agreed in May." in root.text_content()


@pytest.mark.parametrize(
    "body",
    [
        "<ul><li>Pay<ul><li>Now</li></ul></li></ul>",  # a tight list's item: words and a list
        "<table><tbody><tr><td>Pay<p>Now</p></td></tr></tbody></table>",
        "<blockquote>Words only, as pandoc writes a short quotation.</blockquote>",
        '<p>One</p><img src="a.png" alt="A"><p>Two</p>',
        "<p>One</p><br><p>Two</p>",
        "<div>Words<br>and more words</div>",
        "<p>Notice: <b>strike</b> <i>now</i></p><blockquote><p><em>All</em> out.</p></blockquote>",
    ],
)
def test_a_body_html_allows_is_left_as_it_is(body: str) -> None:
    assert clean_html(body) == body


def test_a_pre_left_open_over_paragraphs_holds_their_lines(tmp_path: Path) -> None:
    text = "Rota\n\n<pre>Mon early\n\nTue late</pre>\n\nAll out.\n"
    root = tree(read_or_imported(tmp_path, text, "read"))
    (pre,) = root.iter("pre")
    assert len(pre) == 0 and pre.text == "Mon early\n\nTue late"
    assert [p.text_content() for p in root.findall("p")] == ["All out."]


@pytest.mark.parametrize("how", ["read", "imported", "markdown"])
def test_words_typed_beside_a_quotation_mid_line_are_paragraphs(tmp_path: Path, how: str) -> None:
    text = (
        "Rally\n\nThe speaker said <blockquote>We will not go back.</blockquote> and the hall"
        " rose.\n\nOur demands: <ul><li>Pay</li><li>Hours</li></ul> That is all.\n"
    )
    root = tree(read_or_imported(tmp_path, text, how))
    shape = [(e.tag, " ".join(" ".join(e.itertext()).split())) for e in root]
    assert shape == [
        ("p", "The speaker said"),
        ("blockquote", "We will not go back."),
        ("p", "and the hall rose."),
        ("p", "Our demands:"),
        ("ul", "Pay Hours"),
        ("p", "That is all."),
    ]
    assert not (root.text or "").strip() and not any((e.tail or "").strip() for e in root)


def test_the_web_page_of_blocks_pasted_in_lines_and_bold_passes_the_nu_html_checker(
    tmp_path: Path,
) -> None:
    text = (
        "Rally\n\nRun <div>this</div> now <b>bold <blockquote>q</blockquote> more</b> end.\n\n"
        "<pre>The strike began at dawn.\n\n<strong><p>Bold notice.</p>\n\n<p>All out.</p>"
        "</strong>\n"
    )
    page = article_page(tmp_path / "site", "rally.txt", text)
    assert nu_html_errors([page]) == []
    words = " ".join(lxml.html.parse(page).getroot().text_content().split())
    assert "now bold q more end. The strike began at dawn. Bold notice. All out." in words
