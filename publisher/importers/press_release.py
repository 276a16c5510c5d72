"""A press release pasted as text, or the main text of a web page that is one: its labels,
date line and end mark out of the text, as `readers.press_release` says, which reads
word-processed ones."""

from __future__ import annotations

from ..readers.press_release import (
    NOTES_KEPT,
    date_line,
    embargo_note,
    ends_release,
    is_label,
    release_marks_out,
    without_label,
)
from .draft import Draft
from .textblocks import Block


def without_release_marks(blocks: list[Block], draft: Draft) -> list[Block]:
    """`blocks` without a press release's labels, date line and end mark."""
    blocks = list(blocks)
    labels = 0
    while blocks and is_label(blocks[0].lines[0]):
        if note := embargo_note(blocks[0].lines[0]):
            draft.unsure.append(note)
        labels += 1
        _drop_first_line(blocks)
    if blocks and (headline := without_label(blocks[0].lines[0])) != blocks[0].lines[0]:
        blocks[0] = Block((headline, *blocks[0].lines[1:]), False, blocks[0].gap)
        labels += 1  # "PRESS RELEASE: headline"
    if labels:
        draft.found["press release labels left out"] += labels
        if blocks and (when := date_line(blocks[0].lines[0])):
            draft.date = when
            draft.found["press release date"] += 1
            _drop_first_line(blocks)
    for index, block in enumerate(blocks):
        if block.single_line and ends_release(block.text, bool(labels)):
            del blocks[index]
            draft.found["press release end mark left out"] += 1
            if index < len(blocks):
                draft.unsure.append(NOTES_KEPT)
            break
    return blocks


def page_without_release_marks(body_html: str, draft: Draft) -> str:
    """A web page's main text (HTML) without a press release's labels, date line and end
    mark; its date line is the draft's date (a page's date is often a guess)."""
    if (headline := without_label(draft.title)) != draft.title:
        draft.title = headline  # the page's title: "Press release: headline"
    release = release_marks_out(body_html)
    if release is None:
        return body_html
    draft.found["press release labels left out"] += len(release.labels)
    draft.unsure.extend(filter(None, map(embargo_note, release.labels)))
    if release.date:
        draft.date = release.date
        draft.found["press release date"] += 1
    if release.ended:
        draft.found["press release end mark left out"] += 1
    if release.notes_kept:
        draft.unsure.append(NOTES_KEPT)
    return release.body_html


def _drop_first_line(blocks: list[Block]) -> None:
    if rest := blocks[0].lines[1:]:
        blocks[0] = Block(rest, False, blocks[0].gap)
    else:
        blocks.pop(0)
