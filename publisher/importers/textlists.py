"""Lists in pasted text: bullet lines (a deeper-indented line under one is its teaser),
runs of indented lines whose bullets were lost in copying, numbered "(1)" or "1." lines
(bulleted ones between two of them the first's sub-items), and lettered "(a)" items with
their "(i)" points, as a motion resolves.

Each reader takes the blocks from `index` and returns the index after the list, having
added its HTML to `parts` and counted it in the draft's `found`.
"""

from __future__ import annotations

from ..readers.typed_lists import BulletLevels
from .draft import Draft
from .textblocks import BULLET, LETTERED, NUMBERED, ROMAN, Block
from .textmarks import inline


def indented_run(blocks: list[Block], index: int) -> int:
    """How many single-line indented blocks follow from `index`: bullets lost in copying."""
    count = 0
    while (
        index + count < len(blocks)
        and blocks[index + count].indented
        and blocks[index + count].single_line
        and len(blocks[index + count].text) < 400
        and blocks[index + count].number is None
    ):
        count += 1
    return count


def bulleted_list(blocks: list[Block], index: int, parts: list[str], draft: Draft) -> int:
    items: list[tuple[int, list[str]]] = []  # each item: its level, its paragraphs
    lost_bullets = not blocks[index].bullet
    bullet_indent = blocks[index].indent
    levels = BulletLevels()
    while index < len(blocks):
        block = blocks[index]
        if block.bullet:
            first, *teaser = block.lines
            level = levels.of(first[0])
            paragraphs = [inline(BULLET.sub("", first, count=1)), *map(inline, _teaser(teaser))]
            items.append((level, paragraphs))
            bullet_indent = block.indent
        elif items and not lost_bullets and _teaser_block(block, bullet_indent):
            items[-1][1].append(inline(block.text))  # a teaser under the bullet above
            draft.found["teasers"] += 1
        elif lost_bullets and block.indented and block.single_line and block.number is None:
            items.append((1, [inline(block.text)]))
        else:
            break
        index += 1
    parts.append(_nested_list(items))
    draft.found["lists"] += 1
    draft.found["list items"] += len(items)
    if lost_bullets:
        draft.found["lists from indented lines"] += 1
    return index


def _nested_list(items: list[tuple[int, list[str]]]) -> str:
    """The items as a list, each lower level's items a list inside the item above them."""
    html, depth = [], 0
    for level, paragraphs in items:
        if level > depth:
            html.append("<ul>" * (level - depth))  # inside the item still open
        else:
            html.append("</li>" + "</ul></li>" * (depth - level))
        html.append("<li>" + _item_body(paragraphs))
        depth = level
    return "".join(html) + "</li>" + "</ul></li>" * (depth - 1) + "</ul>"


def _teaser_block(block: Block, bullet_indent: int) -> bool:
    """A block after a blank line is the item's teaser only when it is indented deeper than
    the bullet above it; text at the bullet's own depth or less follows the list."""
    return block.indent > bullet_indent


def _item_body(paragraphs: list[str]) -> str:
    """A list item's content: bare text when it is one paragraph (a tight list), else
    paragraphs."""
    if len(paragraphs) == 1:
        return paragraphs[0]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _teaser(lines: list[str]) -> list[str]:
    return [" ".join(lines)] if lines else []


def numbered_list(blocks: list[Block], index: int, parts: list[str], draft: Draft) -> int:
    """A numbered list, and a lettered list ("a.", "b.") under any item as its sub-items."""
    start = blocks[index].number or 0  # its number, 0 too ("0." is no item of a list at 1)
    items: list[str] = []
    expected = start
    while index < len(blocks) and blocks[index].number == expected:
        text = inline(NUMBERED.sub("", blocks[index].text, count=1))
        index, sub_items = _lettered_items(blocks, index + 1)
        index, bullets = _bullets_under(blocks, index, expected + 1, draft)
        items.append(f"<li>{text}{_ordered(sub_items, 'a')}{bullets}</li>")
        expected += 1
    attribute = f' start="{start}"' if start != 1 else ""
    parts.append(f"<ol{attribute}>{''.join(items)}</ol>")
    draft.found["numbered lists"] += 1
    draft.found["list items"] += len(items)
    return index


def _bullets_under(
    blocks: list[Block], index: int, next_number: int, draft: Draft
) -> tuple[int, str]:
    """The bulleted items from `index` on, as a list, and the index after them, when the
    numbered list goes on after them at `next_number` ("2. Fund it" / "- New books" /
    "- Computers" / "3. Consult us"): the item's sub-items, as `readers.typed_lists` reads
    them in any document. None, and `index`, otherwise: a list after the numbered one."""
    if index >= len(blocks) or not blocks[index].bullet:
        return index, ""
    listed: list[str] = []
    read = Draft()
    after = bulleted_list(blocks, index, listed, read)
    if after >= len(blocks) or blocks[after].number != next_number:
        return index, ""
    draft.found.update(read.found)
    return after, listed[0]


def lettered_list(blocks: list[Block], index: int, parts: list[str], draft: Draft) -> int:
    """A lettered list: "(a) to campaign…; (b) to support…", as a motion resolves."""
    index, items = _lettered_items(blocks, index)
    parts.append(_ordered(items, "a"))
    draft.found["numbered lists"] += 1
    draft.found["list items"] += len(items)
    return index


def goes_on(block: Block) -> bool:
    """Whether `block`, after an "(a)", makes it a list: "(b)", or its first point "(i)"."""
    return block.letter == 2 or block.roman == 1


def _lettered_items(blocks: list[Block], index: int) -> tuple[int, list[str]]:
    """The items of the lettered list starting at `index` ("(a)", "b)", "c."), if any,
    and the index after them: each lettered line, a mistyped letter too, with the points
    numbered "(i)", "(ii)" under it as its sub-items ("(i)" after "(h)" is a letter)."""
    items: list[str] = []
    while index < len(blocks) and blocks[index].letter:
        text = inline(LETTERED.sub("", blocks[index].text, count=1))
        points: list[str] = []
        index += 1
        while index < len(blocks) and blocks[index].roman == len(points) + 1:
            if not points and blocks[index - 1].letter == _H:
                break
            points.append(inline(ROMAN.sub("", blocks[index].text, count=1)))
            index += 1
        items.append(text + _ordered(points, "i"))
    return index, items


_H = ord("h") - ord("a") + 1  # the letter before "i", which may be a numeral or a letter


def _ordered(items: list[str], kind: str) -> str:
    return (
        f'<ol type="{kind}">{"".join(f"<li>{item}</li>" for item in items)}</ol>' if items else ""
    )
