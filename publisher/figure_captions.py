"""A picture whose caption is its description, said once to a screen reader.

Markdown's `![Workers on the picket line](x.jpg)` alone in a paragraph is a figure whose
picture's alt text and caption are the same words: a screen reader read them twice, on the
web and in the email. The caption, which sighted readers see, is hidden from it, as
pandoc's EPUB has it (`<figcaption aria-hidden="true">`). The sanitiser keeps no
aria-hidden of a document's own: an author's could hide a caption that says more.
"""

from __future__ import annotations

from .tree_edits import body_html, body_tree


def captions_said_once(html: str) -> str:
    """`html` with each figure's caption that says what its one picture's alt text says
    hidden from screen readers."""
    if "<figcaption" not in html:
        return html
    root = body_tree(html)
    for figure in root.iter("figure"):
        pictures = list(figure.iter("img"))
        caption = next(figure.iter("figcaption"), None)
        if caption is None or len(pictures) != 1:
            continue
        said = " ".join((pictures[0].get("alt") or "").split())
        if said and said == " ".join(caption.text_content().split()):
            caption.set("aria-hidden", "true")
    return body_html(root)
