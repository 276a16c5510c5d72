"""The document pool as the composer lists it: what each document is and where it is used.

Listing must be quick enough to redo on every page load, so nothing is converted: Markdown
front matter is read with the build's own metadata rules, and other formats (whose
properties need pandoc) show what the last build that read them found (its cache), or
their file name until one has.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ...build import cached_document
from ...config import Config
from ...manifest import loadable_manifests
from ...pool import DocumentPool, slug_for
from ...readers import fallback_title
from ...readers.markdown import front_matter_fields
from ...translations import editions_using, language_folders


@dataclass(frozen=True)
class PoolEntry:
    path: Path  # relative to documents/
    ref: str  # how a manifest names it: its slug, or its path when the slug is shared
    title: str
    language: str
    date: str  # ISO, or "" when the document gives none
    tags: tuple[str, ...]
    used_in: tuple[str, ...]  # the issues that list it, the editions that publish it
    problem: str = ""  # why its metadata could not be read
    draft: bool = False  # its front matter marks it unfinished: issues leave it out

    def matches(self, query: str, language: str, tag: str) -> bool:
        words = " ".join((self.title, self.ref, self.path.as_posix(), *self.tags)).casefold()
        return (
            all(word in words for word in query.casefold().split())
            and (not language or self.language == language)
            and (not tag or tag in self.tags)
        )


def pool_entries(config: Config, pool: DocumentPool) -> list[PoolEntry]:
    manifests = loadable_manifests(config.issues_dir, pool, config.root)
    used = editions_using(pool, manifests, config.language)  # translations, by edition
    for manifest in manifests:
        for document in manifest.documents:
            used.setdefault(document, []).append(manifest.slug)
    shared = Counter(slug_for(path) for path in pool.files)
    mirrored = language_folders(pool, config.language)  # fr/posts/x.md: in French
    entries = []
    for relative in pool.files:
        slug = slug_for(relative)
        ref = slug if shared[slug] == 1 else relative.as_posix()
        fields, problems = front_matter_fields(config.documents_dir / relative, config.language)
        problem = "\n".join(str(p.named_from(config.root)) for p in problems)
        built = None if fields or problem else cached_document(config, pool, relative, mirrored)
        if built:
            fields = dataclasses.asdict(built)  # a Word file's title, language, date…
        entries.append(
            PoolEntry(
                path=relative,
                ref=ref,
                title=str(fields.get("title") or fallback_title(relative)),
                language=str(fields.get("language") or config.language),
                date=fields["date"].isoformat() if fields.get("date") else "",
                tags=tuple(fields.get("tags", ())),
                used_in=tuple(used.get(relative, ())),
                problem=problem,
                draft=bool(fields.get("draft")),
            )
        )
    return entries
