"""The size budget: Gmail clips HTML over 102 KB behind "View entire message", hiding the
rest of the issue and the unsubscribe link. `[email] mode` decides what the email carries:

- full: every article in full, whatever the size (a warning when Gmail will clip it);
- excerpt: every article as an excerpt with a "continue reading" link;
- auto: every article in full if that fits, else as many leading articles in full as fit,
  the rest as excerpts.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ...email_wire import transfer_encoded

GMAIL_CLIP_BYTES = 102 * 1024
# What auto mode aims under: room for the per-recipient tokens delivery writes into each copy.
BUDGET_BYTES = GMAIL_CLIP_BYTES - 1024


def clipped_by_gmail(html_bytes: int) -> bool:
    """Whether Gmail clips an email whose HTML is this many bytes: the one comparison the
    renderer's warning and `publisher check` share."""
    return html_bytes > GMAIL_CLIP_BYTES


@dataclass(frozen=True)
class Fitted:
    html: str
    excerpted: frozenset[str]  # slugs of the articles shown as excerpts
    mode: str  # the configured mode
    in_full: int  # how many articles are in full
    total: int

    @property
    def size(self) -> int:
        return html_size(self.html)

    def describe(self) -> str:
        if self.in_full == self.total:
            shown = "every article in full"
        elif self.in_full == 0:
            shown = "every article as an excerpt"
        else:
            shown = f"{self.in_full} of {self.total} articles in full, the rest as excerpts"
        return f"mode {self.mode}: {shown}"


def html_size(html: str) -> int:
    """The HTML part's size as it goes on the wire, encoded: Gmail clips by the message as
    sent, not by the HTML it decodes (a Farsi issue of 64.7 KB went out as 159 KB in
    quoted-printable). The one measure of the build's note, auto mode's fitting and
    `publisher check`'s Gmail row."""
    return len(transfer_encoded(html)[1])


def fit(
    slugs: Sequence[str],
    mode: str,
    render: Callable[[frozenset[str]], str],
    budget: int = BUDGET_BYTES,
) -> Fitted:
    """Render with as much full text as `mode` and the budget allow.

    `render(excerpted)` is the email HTML with those articles as excerpts. An excerpt is
    shorter than its article, so the size falls as more trailing articles are excerpted
    and a bisection finds the most leading articles that fit in full.
    """

    @functools.cache
    def with_full(count: int) -> str:
        return render(frozenset(slugs[count:]))

    def too_big(count: int) -> bool:
        return html_size(with_full(count)) > budget

    total = len(slugs)
    if mode == "excerpt":
        in_full = 0
    elif mode == "full" or not too_big(total):
        in_full = total
    else:
        in_full = max(0, bisect.bisect_left(range(total), True, key=too_big) - 1)
    return Fitted(with_full(in_full), frozenset(slugs[in_full:]), mode, in_full, total)
