"""An "@" and a "[" in Markdown are text as written: no output resolves citations, so
"@unionbranch" is a handle, not a citation's key, and a paragraph of brackets never closed
is read at once (pandoc tried each "[" as a citation, in time doubling with each)."""

from __future__ import annotations

from pathlib import Path

import lxml.html

from publisher.readers import read_document


def paragraphs_of(tmp_path: Path, text: str) -> list[lxml.html.HtmlElement]:
    path = tmp_path / "statement.md"
    path.write_text(text, encoding="utf-8")
    html = read_document(path, "statement", tmp_path, "en").body_html
    return list(lxml.html.fragment_fromstring(html, create_parent="div").iter("p"))


def test_a_paragraph_of_brackets_never_closed_is_read_whole(tmp_path):
    captions = " ".join(f"[Photo: Ana, picket line {day}," for day in range(1, 25))
    (paragraph,) = paragraphs_of(tmp_path, f"# Pictures\n\n{captions}\n")
    assert paragraph.text_content() == captions


def test_handles_are_text_as_written(tmp_path):
    text = "# Thanks\n\nFollow @unionbranch, and -@ana_r for the photos [@rota].\n"
    (paragraph,) = paragraphs_of(tmp_path, text)
    assert paragraph.text_content() == "Follow @unionbranch, and -@ana_r for the photos [@rota]."
    assert [child.tag for child in paragraph] == []  # words, not citations' spans
