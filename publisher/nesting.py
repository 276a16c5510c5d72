"""Words and blocks where HTML's content models put them, in a sanitised body. A pasted
text or a post's source can put them elsewhere, and an HTML parser keeps them there:

- bold, italics, a span or a link written around paragraphs, a quotation or a list
  ("<b><p>Strike on Monday.</p><p>All out.</p></b>", "now <b>bold <blockquote>…", a
  card's link round its title and teaser) holds blocks, which none of them may (a link may
  in HTML, but not in the EPUB): it is taken into each block instead, the same words bold;
- a <pre> left open over a paragraph holds it ("<pre><p>…</p>"): the paragraph's words are
  its lines;
- words left beside blocks ("The speaker said <blockquote>We will not go back.</blockquote>
  and the hall rose.") stood in no paragraph, and printed without a paragraph's spacing:
  they are one now, and the empty paragraphs the parser left beside them go.

The first two failed the Nu HTML checker on the web pages, and a link around blocks failed
Ace in the EPUB."""

from __future__ import annotations

import re
from typing import Any

from .html_tags import TAG, VOID

# What holds words only (phrasing content), in a line of them; and a link or an edit,
# which HTML lets hold blocks, but pandoc's reader does not: the EPUB had an empty link
# before the blocks a link was written around (Ace failed it), and their words no link
_IN_A_LINE = frozenset({"b", "i", "em", "strong", "u", "s", "small", "mark", "sub", "sup"})
_IN_A_LINE |= {"code", "kbd", "samp", "var", "abbr", "cite", "dfn", "q", "span", "time"}
_IN_A_LINE |= {"bdi", "bdo", "a", "ins", "del"}
_BLOCKS = frozenset({"p", "div", "blockquote", "ul", "ol", "dl", "li", "dt", "dd", "table"})
_BLOCKS |= {"pre", "figure", "figcaption", "hr", "section", "aside", "article", "details"}
_BLOCKS |= {"summary", "address", "header", "footer", "nav", "main"}
_BLOCKS |= {"h1", "h2", "h3", "h4", "h5", "h6"}
_TABLE_PARTS = frozenset({"caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr"})
_TABLE_PARTS |= {"td", "th"}
# The blocks whose words beside their blocks stand in no paragraph (a list item, a
# definition or a table cell may hold both: a tight list's item is words and a list)
_HOLDS_PARAGRAPHS = frozenset({"div", "blockquote", "section", "aside", "article", "header"})
_HOLDS_PARAGRAPHS |= {"footer", "nav", "main"}


def nesting_mended(cleaned: str) -> str:
    """`cleaned` with blocks out of the elements that hold words only, and words beside
    blocks in paragraphs (this module's docstring); `cleaned` itself when none are."""
    if not _any_amiss(cleaned):  # almost every body
        return cleaned
    from .tree_edits import body_html, cut_short

    root = _tree(cleaned)
    if cut_short(root):  # a body thousands deep: as it is, rather than without its words
        return cleaned
    changed = blocks_out_of_lines(root)
    changed |= loose_words_made_paragraphs(root)
    return body_html(root) if changed else cleaned


def loose_words_made_paragraphs(root: Any) -> bool:
    """Make each run of words beside blocks in `root` (a body's tree: its own <div> too)
    and the elements in it that hold paragraphs a paragraph; whether any was."""
    changed = False
    for holder in list(root.iter(*_HOLDS_PARAGRAPHS)):
        changed |= _words_made_paragraphs(holder)
    return changed


def blocks_out_of_lines(root: Any) -> bool:
    """Take each element of `root` (a body, or a whole page before pandoc reads it) that
    holds words only and holds blocks into its blocks, and make the blocks in a <pre> its
    lines; whether any was. pandoc's HTML reader leaves bold, a language's <span> or a link
    written around blocks as an empty element before them, their words without it."""
    changed = False
    for element in reversed(list(root.iter())):  # the innermost first
        if element.tag == "pre" and _holds_blocks(element):
            _blocks_made_lines(element)
            changed = True
        elif element.tag in _IN_A_LINE and _holds_blocks(element):
            _replaced(element, _regrouped(_contents_taken(element), element, [True]))
            changed = True
    return changed


# libxml2's parser ends these where a <p> begins (a rule of its own, not HTML's): bold
# written around paragraphs would be left out of them. They are read under other names.
_ENDED_BY_A_PARAGRAPH = frozenset({"b", "i", "u", "s", "small"})
_RENAMED = "publisher-"


def _tree(cleaned: str) -> Any:
    """`cleaned` as `tree_edits.body_tree` reads it, with each element where it was written."""
    from .tree_edits import body_tree

    def renamed(tag: re.Match[str]) -> str:
        if tag[2].lower() not in _ENDED_BY_A_PARAGRAPH:
            return tag[0]
        return f"<{tag[1]}{_RENAMED}{tag[0][len(tag[1]) + 1 :]}"

    root = body_tree(TAG.sub(renamed, cleaned))
    for element in root.iter(*(_RENAMED + name for name in _ENDED_BY_A_PARAGRAPH)):
        element.tag = element.tag.removeprefix(_RENAMED)
    return root


def _any_amiss(cleaned: str) -> bool:
    """Whether a block opens inside an element that holds words only, or words stand
    beside blocks in no paragraph, by the sanitiser's tags (no parser: linear)."""
    body = _Holder()
    open_elements: list[tuple[str, _Holder | None]] = [("", body)]  # name, whose words
    in_a_line = 0  # elements open that hold words only
    last_end = 0
    for tag in [*TAG.finditer(cleaned), None]:
        parent, words_of = open_elements[-1]
        if words_of is not None and cleaned[last_end : tag.start() if tag else None].strip():
            words_of.words = True
        if tag is None:
            break
        last_end = tag.end()
        name = tag[2].lower()
        if tag[1]:
            if name not in VOID and len(open_elements) > 1:
                closed, holder = open_elements.pop()
                in_a_line -= closed in _IN_A_LINE or closed == "pre"
                if closed in _HOLDS_PARAGRAPHS and holder and holder.words and holder.blocks:
                    return True
            continue
        if name in _BLOCKS and in_a_line:
            return True
        is_block = name in _BLOCKS or name in _TABLE_PARTS
        if is_block and words_of is not None and (parent == "" or parent in _HOLDS_PARAGRAPHS):
            words_of.blocks = True
        if name in VOID:
            continue
        if name in _HOLDS_PARAGRAPHS:
            open_elements.append((name, _Holder()))
        else:  # a block's words are its own; a link's or bold's, its parent's
            open_elements.append((name, None if is_block else words_of))
        in_a_line += name in _IN_A_LINE or name == "pre"
    return body.words and body.blocks


class _Holder:
    """What an element that holds paragraphs (or the body) was found to hold itself."""

    def __init__(self) -> None:
        self.blocks = False
        self.words = False


def _block_like(item: Any) -> bool:
    """Whether `item` (a string of words or an element) is a block."""
    return not isinstance(item, str) and (item.tag in _BLOCKS or item.tag in _TABLE_PARTS)


def _holds_blocks(element: Any) -> bool:
    return any(_block_like(child) for child in element)


def _regrouped(items: list[Any], like: Any, id_left: list[bool]) -> list[Any]:
    """`items` (words and elements, in order) with each run of words in a copy of `like`
    (its id on the first copy only, while `id_left` holds True) and `like` taken into each
    block the same way."""
    grouped: list[Any] = []
    run: list[Any] = []

    def end_run() -> None:
        if any(not isinstance(item, str) or item.strip() for item in run):
            attributes = {k: v for k, v in like.attrib.items() if k != "id" or id_left}
            id_left.clear()
            copy = like.makeelement(like.tag, attributes)
            _contents_given(copy, run)
            grouped.append(copy)
        else:
            grouped.extend(run)
        run.clear()

    for item in items:
        if _block_like(item):
            end_run()
            _contents_given(item, _regrouped(_contents_taken(item), like, id_left))
            grouped.append(item)
        else:
            run.append(item)
    end_run()
    return grouped


def _blocks_made_lines(pre: Any) -> None:
    """`pre` without the blocks in it, their words its lines: a paragraph's after a blank
    line, as a <pre> shows paragraphs."""
    from .tree_edits import unwrapped

    for block in reversed([e for e in pre.iter() if e is not pre and _block_like(e)]):
        before = block.getprevious()
        said = block.getparent().text if before is None else before.tail
        if before is not None or (said or "").strip():
            breaks = "\n\n" if block.tag == "p" else "\n"
            owed = len(breaks) - (len(said or "") - len((said or "").rstrip("\n")))
            block.text = "\n" * max(0, owed) + (block.text or "")
        unwrapped(block)


def _words_made_paragraphs(holder: Any) -> bool:
    """Make each run of words beside `holder`'s blocks a paragraph (and leave out the empty
    paragraphs among them), when it holds both; whether it did."""
    items = _contents(holder)
    words = [item for item in items if not _block_like(item)]
    if len(words) == len(items) or not any(_words(item) for item in words):
        return False
    items = _contents_taken(holder)
    placed: list[Any] = []
    run: list[Any] = []

    def end_run() -> None:
        if any(_words(item) for item in run):
            if isinstance(run[0], str):
                placed.append(run[0][: len(run[0]) - len(run[0].lstrip())])
                run[0] = run[0].lstrip()
            trailing = ""
            if isinstance(run[-1], str):
                trailing = run[-1][len(run[-1].rstrip()) :]
                run[-1] = run[-1].rstrip()
            paragraph = holder.makeelement("p", {})
            _contents_given(paragraph, run)
            placed.extend([paragraph, trailing])
        else:
            placed.extend(run)
        run.clear()

    for item in items:
        if not _block_like(item):
            run.append(item)
        elif not (item.tag == "p" and not item.attrib and not len(item) and not _words(item)):
            end_run()
            placed.append(item)
    end_run()
    _contents_given(holder, placed)
    return True


def _words(item: Any) -> bool:
    text = item if isinstance(item, str) else item.text_content()
    return bool(text.strip())


def _contents(element: Any) -> list[Any]:
    """What `element` holds, in order: its words (strings) and its elements."""
    items: list[Any] = [element.text] if element.text else []
    for child in element:
        items.append(child)
        if child.tail:
            items.append(child.tail)
    return items


def _contents_taken(element: Any) -> list[Any]:
    """`_contents(element)`, taken out of it."""
    items = _contents(element)
    element.text = None
    for child in list(element):
        child.tail = None
        element.remove(child)
    return items


def _contents_given(element: Any, items: list[Any]) -> None:
    """Add `items` (words and elements, in order) at the end of `element`."""
    for item in items:
        if not isinstance(item, str):
            element.append(item)
        elif len(element):
            element[-1].tail = (element[-1].tail or "") + item
        else:
            element.text = (element.text or "") + item


def _replaced(element: Any, items: list[Any]) -> None:
    """Put `items` (words and elements, in order) where `element` stands, in its place."""
    parent, tail = element.getparent(), element.tail
    index = parent.index(element)
    element.tail = None
    parent.remove(element)
    for item in [*items, tail or ""]:
        if not isinstance(item, str):
            parent.insert(index, item)
            index += 1
        elif index:
            parent[index - 1].tail = (parent[index - 1].tail or "") + item
        else:
            parent.text = (parent.text or "") + item
