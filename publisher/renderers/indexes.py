"""The archive's documents by tag and by language: what the web pages list and the
per-topic and per-language feeds carry."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import reading_language
from ..model import Archive, Document, Issue
from ..urls import edition_home_folder, tag_path


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
        placed = []
        for issue in archive.issues:  # newest first, so every listing is too
            placed += [Placed(issue, document) for document in issue.documents]
            originals = {d.source for d in issue.documents}
            for edition in archive.issues_of(issue)[1:]:  # its translations, in their editions
                placed += [
                    Placed(edition, d) for d in edition.documents if d.source not in originals
                ]
        return cls._listing(placed)

    @classmethod
    def of_edition(cls, issues: Iterable[Issue]) -> Indexes:
        """The topics and languages of one edition language's issues as read in it
        (`Archive.by_edition_language`): its readers' topic and language pages list its
        articles as it shows them, under the topics they carry there."""
        return cls._listing(
            [Placed(issue, document) for issue in issues for document in issue.documents]
        )

    @classmethod
    def _listing(cls, placed: Iterable[Placed]) -> Indexes:
        indexes = cls()
        named: dict[str, str] = {}  # a tag's page → the tag as first written
        for item in placed:
            for tag in item.document.tags:
                indexes.tags[named.setdefault(tag_path(tag), tag)].append(item)
            indexes.languages[reading_language(item.document.language)].append(item)
        for listings in (indexes.tags, indexes.languages):
            for key, items in listings.items():
                listings[key] = _each_once(items)
        return indexes


def listings(indexes: Indexes) -> dict[str, list[Placed]]:
    """Each topic's and language's listing by its folder (tags/pay/, languages/es/), as
    its pages and feed are published under the site's or an edition language's folder."""
    topics = {tag_path(tag): placed for tag, placed in indexes.tags.items()}
    return topics | {f"languages/{code}/": placed for code, placed in indexes.languages.items()}


def canonical_listings(site: Indexes, editions: Mapping[str, Indexes]) -> dict[str, str]:
    """The folder of each listing search engines are sent away from → the folder of the
    one they are sent to (both from the site's root): `site`'s listing that lists just
    what an edition language's does (`editions`: language → its `Indexes.of_edition`),
    such as a topic only that language's translations carry (tags/sanidad/ and
    editions/es/tags/sanidad/), names the edition's, which that language's pages link:
    two pages of one listing were both indexed."""
    ours = {folder: _addresses(placed) for folder, placed in listings(site).items()}
    canonical = {}
    for language, indexes in editions.items():
        for folder, placed in listings(indexes).items():
            if ours.get(folder) == _addresses(placed):
                canonical[folder] = edition_home_folder(language) + folder
    return canonical


def _addresses(placed: list[Placed]) -> list[tuple[str, str]]:
    """The pages a listing links, in its order: two listings of them are one."""
    return [(item.issue.folder, item.document.slug) for item in placed]


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
