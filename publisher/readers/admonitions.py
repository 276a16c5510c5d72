"""Admonitions, the boxes docs sites and pads draw round a tip or a warning, as a reader
sees them: Docusaurus' `:::danger Title` … `:::` and `:::note[Title]` (Starlight's too),
VitePress' `::: details Title`, HedgeDoc's `:::info` and `:::spoiler Title`; nested ones
with more colons around them. And Python-Markdown's (MkDocs', Material for MkDocs',
Pelican's): `!!! warning "Title"` over lines indented four spaces, `??? note` folded.

Each is drawn as an Obsidian callout is (readers/obsidian.lua): a quote whose first line
is its title in bold, or its kind ("Tip") when it has none. Read as pandoc reads `:::`,
one with a title was a paragraph holding the marks ("`:::tip[Join us] Meetings on
Tuesdays. :::`"), one without a `<div class="note">` that nothing drew; `!!!`'s words
were a paragraph, and its second paragraph a block of code.
"""

from __future__ import annotations

import re

# The kinds Docusaurus (secondary … caution), Starlight (note, tip, caution, danger),
# VitePress (info, tip, warning, danger, details) and HedgeDoc (success … spoiler) know
_ADMONITION = re.compile(
    r"^([ \t]*):{3,}[ \t]*"
    r"(note|tip|info|caution|warning|danger|important|success|secondary|details|spoiler)"
    r"(?:\[([^\]\n]*)\])?[ \t]*(.*)$"
)
# `::: note` alone: how pandoc writes publisher's own editorial note (a `<div class="note">`
# of a draft `publisher import` wrote), which the theme styles: no admonition
_PUBLISHERS_NOTE = re.compile(r"^[ \t]*:{3}[ \t]+note[ \t]*$")
_ADMONITION_END = re.compile(r"^[ \t]*:{3,}[ \t]*$")
# pandoc's fenced div: `::: {.callout-warning title="Bring water"}`, `::: columns`
_DIV = re.compile(r"^([ \t]*):{3,}[ \t]*(?:\{([^}\n]*)\}|[\w-]+)[ \t]*:*[ \t]*$")
# A class naming a callout's kind: Quarto's (`.callout-warning`), or a kind of the above
_CALLOUT_CLASS = re.compile(
    r"(?:^|\s)\.(?:callout-)?(note|tip|info|caution|warning|danger|important)(?=\s|$)"
)
_TITLE_ATTRIBUTE = re.compile(r"""(?:^|\s)title=(?:"([^"]*)"|'([^']*)'|([^\s"']+))""")
_HEADING = re.compile(r"^[ \t]*#{1,6}[ \t]+(.+?)[ \t#]*$")
_FENCE = re.compile(r"^[ \t]*(`{3,}|~{3,})")
# Boxes in boxes deeper than this are written as they are, in the deepest: each line of a
# box is quoted once for each box it is in, and 50,000 opened one in another made a text
# of gigabytes
_DEEPEST = 16


def _fence_after(line: str, fence: str) -> str:
    """The marks of the code fence open after `line` ("" for none), `fence` open before."""
    if found := _FENCE.match(line):
        marks = found.group(1)
        if not fence:
            return marks
        if marks[0] == fence[0] and len(marks) >= len(fence):
            return ""
    return fence


def _callout(line: str, lines: list[str], after: int) -> tuple[str, str, int] | None:
    """The kind and title of the admonition `line` opens (`lines[after:]` is what follows
    it), and how many lines after it its title took (a Quarto callout's heading); None
    when it opens none. A pandoc div of a kind's class is one: `{.callout-tip}` (Quarto's),
    `{.warning title="…"}`; `{.note}` with no title is publisher's own editorial note."""
    if _PUBLISHERS_NOTE.match(line):
        return None
    if opening := _ADMONITION.match(line):
        title = opening.group(3) if opening.group(3) is not None else opening.group(4)
        return opening.group(2), title, 0
    div = _DIV.match(line)
    kind = _CALLOUT_CLASS.search(div.group(2)) if div and div.group(2) else None
    if kind is None or div is None:
        return None
    named = _TITLE_ATTRIBUTE.search(div.group(2))
    title = next((t for t in named.groups() if t is not None), "") if named else ""
    quarto = "callout-" in div.group(2)
    if kind.group(1) == "note" and not title and not quarto:
        return None
    taken = 0
    if not title and quarto:  # Quarto's title: the heading it opens with
        first = next((n for n in range(after, len(lines)) if lines[n].strip()), None)
        heading = _HEADING.match(lines[first]) if first is not None else None
        if heading and first is not None:
            title, taken = heading.group(1), first - after + 1
    return kind.group(1), title, taken


def admonitions_as_callouts(body: str) -> str:
    """`body` with each admonition written as an Obsidian callout (`> [!kind] Title`, each
    line of it quoted), which the Markdown reader draws as a quote with its title; fenced
    code keeps its colons, and another fenced div inside one (`::: columns`) keeps its
    lines. A line becomes a line, so that lines said stay right (but for a blank line put
    before an admonition that follows text, which pandoc needs to see a quote; and a
    Quarto callout's heading, which becomes its title line)."""
    if ":::" not in body:
        return body
    lines = body.split("\n")
    out: list[str] = []
    indent = ""  # the outermost open admonition's
    depth = 0
    divs: list[bool] = []  # the fenced divs open, innermost last: whether each is a box
    fence = ""  # the open code fence's marks
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        callout = None if fence or depth >= _DEEPEST else _callout(line, lines, index)
        closing = not fence and bool(divs) and _ADMONITION_END.match(line) is not None
        if callout:
            kind, title, taken = callout
            if not depth:
                indent = line[: len(line) - len(line.lstrip(" \t"))]
            if out and out[-1].strip(" \t>"):
                out.append(f"{indent}{'> ' * depth}".rstrip())
            depth += 1
            divs.append(True)
            out.append(f"{indent}{'> ' * depth}[!{kind}] {title}".rstrip())
            out.extend([f"{indent}{'> ' * depth}".rstrip()] * taken)  # lines stay lines
            index += taken
        elif closing and divs.pop():
            depth -= 1
            out.append(f"{indent}{'> ' * depth}".rstrip())
        else:
            if not fence and not closing and _DIV.match(line):
                divs.append(False)  # another div: its closing `:::` is its own
            fence = _fence_after(line, fence)
            body_line = line[len(indent) :] if line.startswith(indent) else line.lstrip()
            out.append(f"{indent}{'> ' * depth}{body_line}" if depth else line)
    return "\n".join(out)


# Python-Markdown's: `!!! type "Title"`, `??? type` and `???+ type` (pymdownx.details'
# folded ones); more words after the type are classes, `""` no title at all
_INDENTED_ADMONITION = re.compile(
    r'^([ \t]*)(?:!!!|\?\?\?\+?)[ \t]+([\w-]+)(?:[ \t]+[\w-]+)*(?:[ \t]+"([^"\n]*)")?[ \t]*$'
)
# pymdownx.tabbed's content tab (`=== "English"`), which Material for MkDocs sites use
# for one text in several languages: in print and mail, each under its title in turn
_CONTENT_TAB = re.compile(r'^([ \t]*)===\+?[ \t]+"([^"\n]*)"[ \t]*$')


def indented_admonitions_as_callouts(body: str, depth: int = 0) -> str:
    """`body` with Python-Markdown's admonitions (`!!! note "Title"` over the lines indented
    four spaces under it, nested ones further in) written as Obsidian callouts, as
    `admonitions_as_callouts` writes Docusaurus', and content tabs (`=== "Title"`) as
    their title in bold over their text; fenced code keeps its marks. `depth`: how many
    boxes `body` is in (deeper than `_DEEPEST`, it stays as it is)."""
    if ("!!!" not in body and "???" not in body and "===" not in body) or depth >= _DEEPEST:
        return body
    lines = body.split("\n")
    out: list[str] = []
    fence = ""
    index = 0
    while index < len(lines):
        line = lines[index]
        index += 1
        opening = None if fence else _INDENTED_ADMONITION.match(line) or _CONTENT_TAB.match(line)
        if not opening:
            fence = _fence_after(line, fence)
            out.append(line)
            continue
        indent = opening.group(1)
        inner_indent = indent + "    "
        inner: list[str] = []
        while index < len(lines) and (
            not lines[index].strip() or lines[index].startswith((inner_indent, indent + "\t"))
        ):
            text = lines[index]
            inner.append(
                text[len(inner_indent) :] if text.startswith(inner_indent) else text.strip()
            )
            index += 1
        trailing = 0
        while inner and not inner[-1].strip():  # blank lines after it are the text's own
            inner.pop()
            trailing += 1
        if not inner:  # "!!! STRIKE TOMORROW" over a paragraph: words, not a box
            out.append(line)
            out.extend([""] * trailing)
            continue
        if out and out[-1].strip():
            out.append("")
        written = indented_admonitions_as_callouts("\n".join(inner), depth + 1).split("\n")
        if opening.re is _CONTENT_TAB:  # its title, then its text as it is
            out.extend([f"{indent}**{opening.group(2)}**", ""])
            out.extend(f"{indent}{part}".rstrip() for part in written)
        else:  # `""` is no title: a quote, as Python-Markdown draws it with no title bar
            kind, title = opening.group(2), opening.group(3)
            heading = [] if title == "" else [f"[!{kind}] {title or ''}".rstrip()]
            out.extend(f"{indent}> {part}".rstrip() for part in [*heading, *written])
        out.extend([""] * trailing)
    return "\n".join(out)
