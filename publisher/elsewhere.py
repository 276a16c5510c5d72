"""The articles of every issue the web archive publishes, and where, for links from one
issue to an article of another (`[as we reported](old.md)` in this month's issue, naming
an article of last month's): the archive publishes every issue of issues/, so such a link
leads to the article's page there, in the edition it is read in when that issue has one.

Worked out from the manifests, the Markdown documents' front matter and the others as their
reader reads them (`build.read_elsewhere`: from the conversion cache): building one issue
(`publisher build 2`) links the others' articles as a whole build does, and `publisher
send` assembles the issue as the build did.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Generic, TypeVar

from . import textfiles, urls
from .assemble import edition_languages
from .controls import strip_controls
from .errors import PublisherError
from .front_matter import split_front_matter
from .languages import same_language
from .manifest import IssueManifest
from .model import Document, Issue
from .paths import followed
from .pool import slug_for
from .readers.markdown import MarkdownReader
from .readers.metadata import marked_draft
from .renderers.links import (
    Article,
    Articles,
    Layered,
    OtherIssues,
    Target,
    Unfinished,
    place,
)
from .translations import Translation, translation_for


class ArchiveArticles:
    """Every issue's published articles (not drafts), the latest issue first: an article in
    several issues is linked where it was first published (`_Ranked`: later outrank);
    and the drafts they list, for a link to one to be said to lead to a draft."""

    def __init__(
        self,
        manifests: Sequence[IssueManifest],
        translated: Mapping[str, Mapping[Path, Mapping[str, Translation]]],
        pool: Path,
        language: str,
        read: Mapping[Path, Document] | None = None,
    ) -> None:
        """`translated`: each issue's documents' translations, by edition
        (`build.edition_translations`); `language`: the newsletter's; `read`: documents read
        already (every one that is not Markdown: `build.read_elsewhere`), whose front matter
        is not parsed again."""
        read = read or {}
        self.translated = translated
        self.pool = pool
        self.language = language
        ordered = sorted(manifests, key=lambda m: (m.date, m.number, m.slug), reverse=True)
        listed = {m.slug: _section_documents(m) for m in ordered}
        unfinished = {
            d for documents in listed.values() for d in documents
            if (read[d].draft if d in read else _draft(pool / d))
        }  # fmt: skip
        self.published = [
            (m, tuple(d for d in listed[m.slug] if d not in unfinished)) for m in ordered
        ]
        drafts = sorted(unfinished)
        self.drafts = Unfinished(
            {
                (pool / d).resolve(): tuple(
                    m.slug for m in reversed(ordered) if d in listed[m.slug]
                )
                for d in drafts
            },
            Articles.of([((pool / d).resolve(), slug_for(d)) for d in drafts], pool),
        )
        self._seen: dict[tuple[str, str], _Seen] = {}
        self._shown: dict[str, _Ranked[Path, Target]] = {}

    def around(self, issue: Issue, base_url: str) -> OtherIssues:
        """The other issues, as `issue`'s links see them: each article at its page in the
        issue's language when its issue has an edition in it showing the article, else at
        its original's (a translation's file leads there too); each file's own text at the
        page showing it (an original's in its issue, a translation's in its edition), a
        link to a heading of that file (`call.es.md#las-demandas`) leading there. Made once
        per language, then for each issue less its own: in proportion to the issue."""
        key = (issue.language, base_url)
        if key not in self._seen:
            self._seen[key] = _Seen(self._articles(issue.language, base_url), self.pool)
        if base_url not in self._shown:
            self._shown[base_url] = _Ranked(self._texts(base_url))
        seen = self._seen[key]
        return OtherIssues(
            seen.targets.without(issue.slug),
            Articles(
                followed(self.pool),
                seen.by_path.without(issue.slug),
                seen.renamed.without(issue.slug),
            ),
            self._shown[base_url].without(issue.slug),
            self.drafts,
        )

    def _texts(self, base_url: str) -> Iterator[tuple[str, Path, Target]]:
        """Each issue's slug with each file its pages show, and the page showing it."""
        for manifest, documents in self.published:
            original = manifest.language or self.language
            for document in documents:
                available = self._translations(manifest, document)
                shown = {"": (self.pool / document).resolve()} | {
                    edition: (self.pool / t.path).resolve()
                    for edition in edition_languages(manifest, original)
                    if (t := translation_for(available, edition)) and not t.draft
                }
                for edition, path in shown.items():
                    target = self._target(manifest, document, edition, path, base_url)
                    yield manifest.slug, path, target

    def _articles(self, language: str, base_url: str) -> Iterator[tuple[str, Article]]:
        """Each issue's slug with each of its articles as read in `language`."""
        for manifest, documents in self.published:
            for document in documents:
                slug = slug_for(document)
                edition, translation = self._edition(manifest, document, language)
                original = (self.pool / document).resolve()
                shown = (self.pool / translation.path).resolve() if translation else original
                target = self._target(manifest, document, edition, shown, base_url)
                yield manifest.slug, Article(original, slug, target)
                if translation is not None:
                    yield manifest.slug, Article(shown, slug, target)

    def _translations(self, manifest: IssueManifest, document: Path) -> dict[str, Translation]:
        """`document`'s translations the editions of `manifest` may show, by language."""
        return dict(self.translated.get(manifest.slug, {}).get(document, {}))

    def _target(
        self, manifest: IssueManifest, document: Path, edition: str, text: Path, base_url: str
    ) -> Target:
        """The page of `document` in `manifest`'s `edition` ("": the original), showing the
        file `text`."""
        slug = slug_for(document)
        folder = urls.issue_folder(manifest.slug, edition)
        return Target(urls.document_url(base_url, folder, slug), f"{slug}-", text=text)

    def _edition(
        self, manifest: IssueManifest, document: Path, language: str
    ) -> tuple[str, Translation | None]:
        """The edition of `manifest` in `language` showing `document` ("": the original),
        and the translation it shows there."""
        original = manifest.language or self.language
        if same_language(original, language):
            return "", None
        for edition in edition_languages(manifest, original):
            if not same_language(edition, language):
                continue
            translation = translation_for(self._translations(manifest, document), edition)
            if translation is not None and not translation.draft:
                return edition, translation
            if manifest.untranslated != "omit":  # shown untranslated
                return edition, None
        return "", None


K = TypeVar("K")
V = TypeVar("V")


class _Ranked(Generic[K, V]):
    """A map of every issue's entries, the latest issue first, the last given outranking
    (an article is linked where it was first published), which leaves out any one issue
    (`without`: the map an issue's links see of the others) at the cost of that issue's
    entries, not the archive's: each key keeps the value of the issue giving it last, and
    the last value another issue gave before, which stands in for it without that issue."""

    def __init__(self, entries: Iterable[tuple[str, K, V]]) -> None:
        self.values: dict[K, V] = {}
        self._issue: dict[K, str] = {}  # the slug of the issue giving values' value
        self._before: dict[K, V] = {}  # the last value another issue gave before it
        for slug, key, value in entries:
            if key in self._issue and self._issue[key] != slug:
                self._before[key] = self.values[key]
            self.values[key] = value
            self._issue[key] = slug
        self._keys: dict[str, list[K]] = defaultdict(list)
        for key, slug in self._issue.items():
            self._keys[slug].append(key)

    def without(self, slug: str) -> Layered[K, V]:
        """The map without the issue `slug`'s entries."""
        own = self._keys.get(slug, [])
        standing_in = {key: self._before[key] for key in own if key in self._before}
        return Layered(standing_in, self.values, frozenset(own))


class _Seen:
    """The articles of every issue as read in one language (`ArchiveArticles._articles`):
    the page of each file, and the files by their logical path and by slug, as
    `renderers.links.Articles` finds them, each map able to leave out any one issue."""

    def __init__(self, articles: Iterable[tuple[str, Article]], pool: Path) -> None:
        root = followed(pool)
        targets: list[tuple[str, Path, Target]] = []
        by_path: list[tuple[str, str, Path]] = []
        renamed: list[tuple[str, str, Path]] = []
        for slug, article in articles:
            targets.append((slug, article.source, article.target))
            if (found := place(article.source, root)) is None:
                continue
            logical, source, named_as = found
            by_path.append((slug, logical, source))
            if named_as != article.slug:
                renamed.append((slug, article.slug, source))
        self.targets = _Ranked(targets)
        self.by_path = _Ranked(by_path)
        self.renamed = _Ranked(renamed)


def _section_documents(manifest: IssueManifest) -> tuple[Path, ...]:
    """The documents an issue's web pages publish: its sections' (a leaflet's is printed)."""
    return tuple(dict.fromkeys(d for section in manifest.sections for d in section.documents))


def _draft(path: Path) -> bool:
    """Whether the front matter of a Markdown document marks it as a draft, left out of its
    issue (`readers.metadata.marked_draft`, the readers' own test); others are known as read
    (`read`), one no reader could read counting as none."""
    meta: dict[str, object] = {}
    if path.suffix.lower() in MarkdownReader.extensions:
        try:
            front, _ = split_front_matter(strip_controls(textfiles.read_text(path))[0], path)
            meta = front.parse(path).data if front else {}
        except (OSError, PublisherError):
            pass  # reading its issue says what is wrong with it
    return marked_draft(meta, path)
