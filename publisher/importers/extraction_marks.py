"""A saved page marked where trafilatura would leave its article's words out, before it reads it.

trafilatura's precise extraction looks for the article in a frame (an <article>, a <main>, a
<div class="post-content">: its BODY_XPATH). In a page with none (a branch's hand-written
site, a page saved from a mail) it kept only the paragraphs: the article's headings and lists
were left out unseen. Such a page's body is framed as the article. And it keeps <p>s, not a
<div> of text among them (a paragraph typed into a site's editor, or pasted from Gmail as
`<div dir="ltr">`) nor an old page's `<center>` line: each becomes the paragraph a browser
shows it as, and so do words loose between two blocks (after a <section>, an old page's
<font> line). It leaves a <time> out with its words, "The strike began on <time>1
March</time>" becoming "The strike began on": a <time> in a sentence is made its words.
"""

from __future__ import annotations

from typing import Any

from lxml.html import defs

# What a paragraph may hold: lxml's inline tags, and the few HTML5 added (<mark>, <time>…)
_INLINE = frozenset(
    {*defs.special_inline_tags, *defs.phrase_tags, *defs.font_style_tags}
    | {"mark", "time", "data", "wbr", "bdi", "label", "nobr"}
) - {"script", "iframe", "object", "embed", "applet"}  # no words of the article's
# The attributes of a paragraph typed or pasted as a <div> (Gmail's `dir="ltr"`, Blogger's
# `style="text-align: justify"`); a site's furniture (its share buttons, adverts, bylines)
# is named by a class or an id, and trafilatura leaves it out by that name
_TYPED = frozenset({"dir", "style", "lang", "align"})
# Where an article's words flow; not a page's <nav>, <header>, <aside> or <footer>
_FLOWS = ("body", "article", "main", "section", "div", "td", "blockquote", "center")


def marked_for_extraction(tree: Any) -> int:
    """`tree` (a whole page) with its body framed as the article when nothing frames one,
    each <time> in a sentence made its words, each <div>, <center> or <section> of text
    (nothing but words and inline elements, no class or id) made a <p>, and each run of
    words loose beside a block wrapped in one; how many changes were made."""
    made = _framed(tree)
    for time in list(tree.iter("time")):
        if _in_a_sentence(time):
            time.drop_tag()  # its words stay
            made += 1
    for holder in list(tree.iter("div", "center", "section")):
        inline_only = not any(map(_is_block, holder))
        if set(holder.keys()) <= _TYPED and inline_only and holder.text_content().strip():
            holder.tag = "p"
            made += 1
    for flow in list(tree.iter(*_FLOWS)):
        made += _runs_wrapped(flow)
    return made


def _framed(tree: Any) -> int:
    """1 when the page's body was put in an <article>, no frame trafilatura looks for an
    article in being found; else 0."""
    from trafilatura.xpaths import BODY_XPATH

    body = tree.find("body")
    if body is None or any(expression(tree) for expression in BODY_XPATH):
        return 0
    article = body.makeelement("article", {})
    article.text, body.text = body.text, None
    article.extend(list(body))
    body.append(article)
    return 1


def _runs_wrapped(flow: Any) -> int:
    """Each run of words and inline elements in `flow` beside a block (after a <section>,
    a <font> line between two <div>s) wrapped in a <p>; how many were."""
    children = list(flow)
    if not any(_is_block(child) for child in children):
        return 0  # words alone in their block: read as one paragraph
    runs: list[tuple[Any, list[Any]]] = [(None, [])]  # (the block a run follows, its elements)
    for child in children:
        if _is_block(child):
            runs.append((child, []))
        else:
            runs[-1][1].append(child)
    made = 0
    for block, inline in runs:
        text = flow.text if block is None else block.tail
        if not ((text or "").strip() or any(e.text_content().strip() for e in inline)):
            continue  # spaces and line breaks between blocks
        paragraph = flow.makeelement("p", {})
        paragraph.text = text
        if block is None:
            flow.text = None
            flow.insert(0, paragraph)
        else:
            block.tail = None
            block.addnext(paragraph)
        paragraph.extend(inline)  # each with its tail: the words after it
        made += 1
    return made


def _is_block(element: Any) -> bool:
    return not isinstance(element.tag, str) or element.tag not in _INLINE


def _in_a_sentence(element: Any) -> bool:
    """Whether `element`'s parent holds words besides it: "The strike began on <time>1
    March</time>", not a date line of its own (which trafilatura leaves out, as it should)."""
    parent = element.getparent()
    around = (
        parent.text_content().replace(element.text_content(), "", 1) if parent is not None else ""
    )
    return bool(around.strip())
