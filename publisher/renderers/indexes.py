"""The archive's documents by tag and by language: what the web pages list and the
per-topic and per-language feeds carry."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import reading_language
from ..model import Archive, Document, Issue
from ..urls import tag_path


@dataclass(frozen=True)
class Placed:
    """A document as it appears in one issue (documents are listed by where they appeared)."""

    issue: Issue
    document: Document


@dataclass
class Indexes:
    tags: dict[str, list[Placed]] = field(default_factory=lambda: defaultdict(list))
    languages: dict[str, list[Placed]] = field(default_factory=lambda: defaultdict(list))

    @classmethod
    def of(cls, archive: Archive) -> Indexes:
        """Tags that have one page ("Housing" and "housing": `urls.tag_path`) are one
        topic, named as the newest document writes it: two listings for one page left
        one of them unpublished. Languages are listed as readers read them
        (`reading_language`): "en" and "en-GB" are one English page, not two."""
        indexes = cls()
        named: dict[str, str] = {}  # a tag's page → the tag as first written

        def add(placed: Placed) -> None:
            for tag in placed.document.tags:
                indexes.tags[named.setdefault(tag_path(tag), tag)].append(placed)
            indexes.languages[reading_language(placed.document.language)].append(placed)

        for issue in archive.issues:  # newest first, so every listing is too
            for document in issue.documents:
                add(Placed(issue, document))
            for edition in archive.issues_of(issue)[1:]:  # its translations, in their editions
                for document in edition.documents:
                    if document.source not in {d.source for d in issue.documents}:
                        add(Placed(edition, document))
        for listings in (indexes.tags, indexes.languages):
            for key, placed in listings.items():
                listings[key] = _each_once(placed)
        return indexes


def _each_once(placed: list[Placed]) -> list[Placed]:
    """Each document once, where it first appeared: one reprinted in a later issue was
    listed twice on its topic's page and was two entries, of two ids, in its feed."""
    seen: set[Path] = set()
    kept = []
    for item in reversed(placed):  # oldest first
        if item.document.source not in seen:
            seen.add(item.document.source)
            kept.append(item)
    return kept[::-1]


def issue_tags(issue: Issue) -> list[str]:
    """The topics of an issue's documents, each once, in the order they first appear: an
    issue's subjects (EPUB) and categories (feeds)."""
    return list(dict.fromkeys(tag for document in issue.documents for tag in document.tags))
