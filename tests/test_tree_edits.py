"""A body read into a tree for a pass to edit, and written back, is the body it was."""

from __future__ import annotations

import pytest

from publisher.sanitize import clean_html
from publisher.tree_edits import body_html, body_tree


@pytest.mark.parametrize(
    "body",
    [
        "<p>Text and <b>bold</b></p>\n<p>Next</p>",
        "<p>https://example.org/a<wbr>very<wbr>long/address and <b>bold</b></p><p>Next</p>",
        '<p>a<wbr dir="rtl">b</p>',
    ],
)
def test_a_body_comes_back_from_its_tree_as_it_was(body: str) -> None:
    """libxml2's parser knows no <wbr>: it held the rest of its paragraph and came back with
    an end tag, which no HTML has (the Nu HTML checker: "Stray end tag wbr")."""
    assert body_html(body_tree(body)) == body


def test_a_break_hint_holds_nothing_in_the_tree() -> None:
    """The words and the bold after it are the paragraph's, as a pass finds them."""
    (paragraph,) = body_tree("<p>a<wbr>long<wbr>address and <b>bold</b></p>")
    assert [child.tag for child in paragraph] == ["wbr", "wbr", "b"]


def test_a_break_hint_stays_one_when_a_pass_edits_its_body() -> None:
    cleaned = clean_html("<li>https://example.org/a<wbr>long/address</li><p>Next</p>")
    assert cleaned == "<ul><li>https://example.org/a<wbr>long/address</li></ul><p>Next</p>"
