"""`dir` and `lang` on any element of a document body survive the sanitiser, with values
that mean something: a paragraph of Arabic inside a French page (`<p dir="rtl" lang="ar">`)
must stay right to left and be read by an Arabic voice in every output. Any other value of
either attribute is dropped: `dir` is ltr, rtl or auto, `lang` a well-formed BCP 47 tag.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import lxml.html
import pytest

from publisher.build import build
from publisher.sanitize import clean_html


def marks(fragment: str) -> list[tuple[str, str | None, str | None]]:
    """(tag, dir, lang) of each element of the cleaned fragment that has either."""
    tree = lxml.html.fragment_fromstring(clean_html(fragment), create_parent="div")
    return [
        (e.tag, e.get("dir"), e.get("lang"))
        for e in tree.iterdescendants()
        if e.get("dir") is not None or e.get("lang") is not None
    ]


@pytest.mark.parametrize(
    "tag", ["p", "h2", "blockquote", "ul", "li", "td", "span", "em", "q", "bdi", "section"]
)
def test_dir_and_lang_are_kept_on_any_element(tag: str) -> None:
    markup = f'<{tag} dir="rtl" lang="ar">نص</{tag}>'
    if tag == "td":
        markup = f"<table><tr>{markup}</tr></table>"
    if tag == "li":
        markup = f"<ul>{markup}</ul>"
    assert marks(markup) == [(tag, "rtl", "ar")]


@pytest.mark.parametrize("direction", ["ltr", "rtl", "auto", " RTL "])
def test_each_direction_html_knows_is_kept(direction: str) -> None:
    assert marks(f'<p dir="{direction}">x</p>') == [("p", direction.strip().lower(), None)]


@pytest.mark.parametrize("tag", ["ar", "ar-EG", "zh-Hant-TW", "sr-Latn", "es-419", "x-union"])
def test_a_well_formed_language_tag_is_kept(tag: str) -> None:
    assert marks(f'<p lang="{tag}">x</p>') == [("p", None, tag)]


@pytest.mark.parametrize("direction", ["sideways", "rtl;color:red", "", "right-to-left"])
def test_any_other_direction_is_dropped_and_the_element_stays(direction: str) -> None:
    assert clean_html(f'<p dir="{direction}">x</p>') == "<p>x</p>"


@pytest.mark.parametrize(
    "language", ["Arabic", "", "en_GB", "ar-", "en--GB", 'ar" onclick="x', "a" * 9, "<b>"]
)
def test_a_language_that_is_not_a_bcp47_tag_is_dropped_and_the_element_stays(
    language: str,
) -> None:
    assert marks(f"<p lang='{language}'>x</p>") == []
    assert "x</p>" in clean_html(f"<p lang='{language}'>x</p>")


def test_an_html_documents_right_to_left_paragraph_stays_so_on_the_web(
    workspace: Callable[[str], Path],
) -> None:
    root = workspace("minimal")
    (root / "documents" / "page.html").write_text(
        '<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page</title></head>'
        '<body><p>Texte.</p><p dir="rtl" lang="ar">نص عربي داخل صفحة فرنسية.</p>'
        '<ul><li>Un.</li><li dir="rtl" lang="fa">متن <em>فارسی</em></li></ul></body></html>',
        encoding="utf-8",
    )
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text(encoding="utf-8").replace("second-article]", "second-article, page]"),
        encoding="utf-8",
    )
    page = build(root, formats=["web"]).out_dir / "001-first" / "page" / "index.html"
    tree = lxml.html.fromstring(page.read_bytes())
    [paragraph] = tree.xpath("//*[contains(text(), 'نص عربي')]")
    assert paragraph.xpath("ancestor-or-self::*[@dir][1]/@dir") == ["rtl"]
    assert paragraph.xpath("ancestor-or-self::*[@lang][1]/@lang") == ["ar"]
    [item] = tree.xpath("//li[contains(., 'متن')]")
    assert item.xpath(".//*[@dir='rtl' and @lang='fa']//em/text()") == ["فارسی"]
    assert len(item.getparent().xpath("li")) == 2  # still one list, the item in its place
