"""A list pasted from a mail program's To, Cc or Bcc field, as a newsletter sent by Bcc
keeps it: addresses side by side, separated by commas (Gmail, Apple Mail, Thunderbird) or
semicolons (Outlook), each with its name or not (`"Ruiz, Ana" <ana@example.org>`). Read
with the standard library's parser of address headers, each person named by their line."""

from __future__ import annotations

from email.utils import getaddresses
from pathlib import Path

from ..importers.members import Member


def pasted_recipients(text: str, path: Path) -> list[Member] | None:
    """The people of a pasted recipients list, or None when `text` is not one: its first
    line must hold several addresses side by side, and every line addresses alone (a
    list of columns, or one address a line, is read as CSV). A mistyped address is kept,
    for the import to refuse by its line."""
    members: list[Member] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        # Outlook separates with semicolons and leaves names unquoted ("Ruiz, Ana <ana@…>;"),
        # which the header parser would split at their commas: each part is kept whole, and
        # the import reads the name beside the address as in any cell
        pairs = (
            [("", part.strip()) for part in line.split(";")]
            if ";" in line
            else getaddresses([line])
        )
        found = [(name, address) for name, address in pairs if address]  # "a, b," ends in ""
        if not found or not all("@" in address for _, address in found):
            return None  # words that are no address: columns, read as CSV
        if not members and len(found) < 2:
            return None  # one address a line: a column, read as CSV
        members += [Member(a, f"{path}:{number}", " ".join(name.split())) for name, a in found]
    return members or None
