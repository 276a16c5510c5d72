"""The archive's documents by tag and by language: what the web pages list and the
per-topic and per-language feeds carry."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from ..model import Archive, Document, Issue


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
        indexes = cls()
        for issue in archive.issues:  # newest first, so every listing is too
            for document in issue.documents:
                placed = Placed(issue, document)
                for tag in document.tags:
                    indexes.tags[tag].append(placed)
                indexes.languages[document.language].append(placed)
            for edition in archive.issues_of(issue)[1:]:  # its translations, in their editions
                for document in edition.documents:
                    if document.source not in {d.source for d in issue.documents}:
                        placed = Placed(edition, document)
                        for tag in document.tags:
                            indexes.tags[tag].append(placed)
                        indexes.languages[document.language].append(placed)
        return indexes


def issue_tags(issue: Issue) -> list[str]:
    """The topics of an issue's documents, each once, in the order they first appear: an
    issue's subjects (EPUB) and categories (feeds)."""
    return list(dict.fromkeys(tag for document in issue.documents for tag in document.tags))
