"""Whom a send goes to: the active subscribers, narrowed by tag, by language, and to those
who have not had the issue yet (`publisher send --tag/--language/--new`).

Tags are matched as stored (lower case), any of several. A language takes its more
specific tags (`es` takes `es-MX`), and a subscriber who gave no language reads the
newsletter's. Each recipient gets the issue's edition in their language (`edition_for`),
or the original when there is none.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..errors import PublisherError
from ..languages import NotALanguage, language_tag


@dataclass(frozen=True)
class Member:
    """An active subscriber, as far as choosing recipients goes."""

    id: int
    address: str
    language: str
    tags: tuple[str, ...]


@dataclass(frozen=True)
class Audience:
    tags: tuple[str, ...] = ()  # any of these; none: every subscriber
    language: str = ""  # a BCP 47 tag; "": every language
    new: bool = False  # only those who have not had the issue yet
    newsletter_language: str = ""  # what a subscriber without a language reads

    @classmethod
    def chosen(
        cls, tags: Iterable[str], language: str | None, new: bool, newsletter_language: str
    ) -> Audience:
        """From the command line's options, each checked (a PublisherError says what to write)."""
        wanted = tuple(dict.fromkeys(t.strip().lower() for t in tags if t.strip()))
        checked = ""
        if language:
            try:
                checked = language_tag(language)
            except NotALanguage as exc:
                raise PublisherError.at(f"--language {language!r}: {exc}", hint=exc.hint) from None
        return cls(wanted, checked, new, newsletter_language)

    @property
    def narrowed(self) -> bool:
        return bool(self.tags or self.language or self.new)

    def takes(self, member: Member) -> bool:
        """Whether the tag and language choices take this subscriber (`new` is the ledger's)."""
        if self.tags and not set(self.tags) & set(member.tags):
            return False
        if self.language:
            return _within(member.language or self.newsletter_language, self.language)
        return True

    def describe(self) -> str:
        """'tag docks or health, language es, not had it yet'; '' for everyone."""
        parts = []
        if self.tags:
            parts.append(("tag " if len(self.tags) == 1 else "tags ") + " or ".join(self.tags))
        if self.language:
            parts.append(f"language {self.language}")
        if self.new:
            parts.append("not had it yet")
        return ", ".join(parts)


def _within(language: str, wanted: str) -> bool:
    language, wanted = language.lower(), wanted.lower()
    return language == wanted or language.startswith(wanted + "-")


def edition_for(language: str, original: str, editions: Iterable[str]) -> str:
    """The edition a reader of `language` gets ("": the original, in `original`): the same
    tag, else the same language (`es-MX` reads `es`, `pt` reads `pt-BR`), else the original.
    The original wins a tie: a reader of `en` gets an `en-GB` original, not an `en-US`
    edition."""
    wanted = language.lower()
    primary = wanted.split("-")[0]

    def closeness(tag: str) -> int:
        tag = tag.lower()
        return 3 if tag == wanted else 2 if tag == primary else int(tag.split("-")[0] == primary)

    every = ["", *editions]  # max() keeps the first of equals: the original
    best = max(every, key=lambda edition: closeness(edition or original))
    return best if closeness(best or original) else ""


def breakdown(
    members: Sequence[Member], newsletter_language: str
) -> tuple[Counter[str], Counter[str]]:
    """Recipients counted by language (no language: the newsletter's, marked) and by tag."""
    languages = Counter(m.language or f"{newsletter_language} (not set)" for m in members)
    tags = Counter(tag for m in members for tag in m.tags)
    untagged = sum(1 for m in members if not m.tags)
    if untagged:
        tags["(no tag)"] = untagged
    return languages, tags


def nobody_matches(audience: Audience, everyone: Sequence[Member]) -> PublisherError:
    """No active subscriber is in the audience: say which tags and languages there are."""
    languages, tags = breakdown(everyone, audience.newsletter_language)
    known = []
    if audience.tags:
        known.append(
            "tags on the list: " + (", ".join(sorted(t for t in tags if t != "(no tag)")) or "none")
        )
    if audience.language:
        known.append("languages: " + ", ".join(sorted(languages)))
    return PublisherError.at(
        f"no active subscriber has {audience.describe()}",
        hint="; ".join(known) or None,
    )
