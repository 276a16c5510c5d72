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
    one they are sent to (both from the site's root), two pages of one listing having
    both been indexed: `site`'s listing that lists just what an edition language's does
    (`editions`: language → its `Indexes.of_edition`), such as a topic only that
    language's translations carry (tags/sanidad/ and editions/es/tags/sanidad/), names
    the edition's, which that language's pages link; an edition's listing of only
    copies (originals it shows untranslated, each naming its original's page) names the
    site's, which lists those originals."""
    ours = listings(site)
    canonical = {}
    for language, indexes in editions.items():
        home = edition_home_folder(language)
        for folder, placed in listings(indexes).items():
            theirs = ours.get(folder, [])
            if _addresses(theirs) == _addresses(placed):
                canonical[folder] = home + folder
            elif theirs and _only_copies(placed, theirs):
                canonical[home + folder] = folder
    return canonical


def _addresses(placed: list[Placed]) -> list[tuple[str, str]]:
    """The pages a listing links, in its order: two listings of them are one."""
    return [(item.issue.folder, item.document.slug) for item in placed]


def _only_copies(placed: list[Placed], site: list[Placed]) -> bool:
    """Whether every article `placed` lists is one the site's listing `site` has at
    another address: the original an edition shows untranslated, not its translation."""
    texts = {item.document.source for item in site}
    pages = set(_addresses(site))
    return all(
        item.document.source in texts and address not in pages
        for item, address in zip(placed, _addresses(placed), strict=True)
    )


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
