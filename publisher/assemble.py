"""Assemble: a validated manifest plus its read documents → an Issue. Pure: no I/O."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from .config import Config
from .errors import PublisherError
from .manifest import IssueManifest
from .model import Document, Issue, Leaflet, Section
from .sanitize import clean_html, plain_text


def assemble(
    manifest: IssueManifest,
    documents: Mapping[Path, Document],
    editorial_html: str,
    config: Config,
) -> Issue:
    sections = tuple(
        Section(plain_text(plan.title), published)
        for plan in manifest.sections
        if (published := tuple(d for p in plan.documents if not (d := documents[p]).draft))
    )
    if not sections:
        raise PublisherError.at(
            "every document in this issue is marked as a draft",
            manifest.path,
            hint="remove 'draft: true' (or 'published: false') from their front matter",
        )
    return Issue(
        slug=manifest.slug,
        number=manifest.number,
        title=plain_text(manifest.title),
        date=manifest.date,
        language=manifest.language or config.language,
        editorial_html=clean_html(editorial_html),
        sections=sections,
        source=manifest.path,
        summary=plain_text(manifest.summary) or _first_summary(sections),
        cover=manifest.cover,
        pdf=manifest.pdf,
        leaflet=_leaflet(manifest, documents),
    )


def _leaflet(manifest: IssueManifest, documents: Mapping[Path, Document]) -> Leaflet | None:
    plan = manifest.leaflet
    if plan is None:
        return None
    document = documents[plan.document]
    if document.draft:
        return None
    return Leaflet(
        document=document,
        sides=plan.sides,
        columns=plan.columns,
        standfirst=plain_text(plan.standfirst) or document.subtitle or document.summary,
        pull_quote=plain_text(plan.pull_quote),
        qr=plan.qr,
        pdf=plan.pdf,
    )


def _first_summary(sections: tuple[Section, ...]) -> str:
    titles = [doc.title for section in sections for doc in section.documents]
    return "In this issue: " + "; ".join(titles) if titles else ""
