"""List items, terms and captions a document gives without the element they belong in (a
post's source copied in part: its "<li>" lines, not the "<ul>" over them) are given one:
the web pages failed the Nu HTML checker, and the EPUB ran the items together on one line.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from conftest import minimal_with
from validators import nu_html_errors

from publisher.build import build
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
    assert cleaned == "<ul><li>Pay</li></ul>\nand also\n<ul><li>Sick pay</li></ul>"


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


def test_the_web_page_of_a_text_with_items_alone_passes_the_nu_html_checker(
    tmp_path: Path,
) -> None:
    text = ITEMS + "\n<dt>Picket</dt>\n<dd>A line at the gate.</dd>\n\n<figcaption>At the gate\n"
    root = minimal_with(tmp_path / "site", {"demands.txt": text})
    report = build(root, formats=("web",))
    page = report.out_dir / "001-first" / "demands" / "index.html"
    assert "<li>Sick pay from day one</li>" in page.read_text(encoding="utf-8")
    assert nu_html_errors([page]) == []
