"""One statement posted on several accounts: organisations post it on Facebook, Mastodon,
Bluesky and X alike, and each import would add it to the pool again. A post whose words a
document an import wrote already holds (its start, or all of it: a post cut for X's
length) is that document's: it is not written again. A post that holds more words than
such a document (the whole statement, after X's cut copy) is written: nothing an account
said is lost.

Words are compared as a reader reads them: letters and digits, lowercased, without web
addresses (one account links what another writes out) or hashtags (which become tags).
Only runs of at least MIN_WORDS words count: short posts ("Pickets at 6am!") say the
same thing by chance.
"""

from __future__ import annotations

import re
from pathlib import Path

MIN_WORDS = 12
SAME_WORDS = "same words: not written again"  # the report's status for such a post
_ADDRESS = re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)+/\S*")
_MARKDOWN_TARGET = re.compile(r"\]\([^)]*\)")  # a link's or picture's address
_HASHTAG = re.compile(r"(?<!\w)#\w+")
_WORD = re.compile(r"\w+")


def words_of(text: str) -> tuple[str, ...]:
    """The words of a post's text or a document's Markdown, as they are compared."""
    text = _HASHTAG.sub(" ", _ADDRESS.sub(" ", _MARKDOWN_TARGET.sub("]", text)))
    return tuple(word.lower() for word in _WORD.findall(text))


class PoolWords:
    """The words of each document an import wrote into the pool, by its path: read when
    first asked for (an export of newsletters, whose posts are issues, never asks)."""

    def __init__(self, documents: list[Path]) -> None:
        self._unread = documents
        self._words: dict[Path, tuple[str, ...]] = {}
        self._starts: dict[tuple[str, ...], list[Path]] = {}  # first MIN_WORDS words → docs

    def _read(self) -> None:
        unread, self._unread = self._unread, []
        for path in unread:
            try:
                text = path.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            self.add(path, words_of(text.split("---\n", 2)[-1]))

    def add(self, path: Path, words: tuple[str, ...]) -> None:
        self._read()
        if len(words) >= MIN_WORDS:
            self._words[path] = words
            self._starts.setdefault(words[:MIN_WORDS], []).append(path)

    def holding(self, words: tuple[str, ...], cut: bool = False) -> Path | None:
        """The document that starts with these words and holds them all, if any; `cut`:
        they end in "…", their last word perhaps cut short ("withh…")."""
        if len(words) < MIN_WORDS:
            return None
        self._read()
        shorter = f" {' '.join(words[:-1] if cut else words)} "
        for path in self._starts.get(words[:MIN_WORDS], ()):
            if shorter in f" {' '.join(self._words[path])} ":
                return path
        return None
