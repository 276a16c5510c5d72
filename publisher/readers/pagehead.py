"""A title or subtitle a page writes as a paragraph of its body (Google Docs' Title style,
a pad's bold first line), moved into its <head>, where pandoc's HTML reader finds the
document's metadata."""

from __future__ import annotations

from typing import Any


def paragraph_to_head(tree: Any, paragraph: Any, name: str) -> None:
    """`paragraph` taken out of the body, its text the page's `title` or the <meta> named
    `name` (a `subtitle`), in place of any the page had; a blank one only goes."""
    import lxml.html

    text = " ".join(paragraph.text_content().split())
    paragraph.drop_tree()
    if not text:
        return
    head = tree.find("head")
    if head is None:
        head = lxml.html.Element("head")
        tree.insert(0, head)
    if name == "title":
        old, new = head.findall("title"), lxml.html.Element("title")
        new.text = text
    else:
        old = [meta for meta in head.findall("meta") if meta.get("name") == name]
        new = lxml.html.Element("meta", {"name": name, "content": text})
    for element in old:
        head.remove(element)
    head.append(new)
