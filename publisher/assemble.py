"""Assemble: a validated manifest plus its read documents → an Issue, and one more Issue per
language edition. Pure: no I/O."""

from __future__ import annotations

import dataclasses
import logging
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .config import Config
from .errors import PublisherError
from .issue_ids import with_unique_ids
from .languages import same_language
from .manifest import EditionTexts, IssueManifest
from .model import Document, Issue, Leaflet, Section, text_direction
from .sanitize import clean_html, plain_text
from .translations import Translation
from .typography import typeset_text

log = logging.getLogger(__name__)


def assemble(
    manifest: IssueManifest,
    documents: Mapping[Path, Document],
    editorial_html: str,
    config: Config,
) -> Issue:
    language = manifest.language or config.language
    sections = tuple(
        Section(_typeset(plan.title, language), published)
        for plan in manifest.sections
        if (published := tuple(d for p in plan.documents if not (d := documents[p]).draft))
    )
    if manifest.sections and not sections:
        raise PublisherError.at(
            "every document in this issue is marked as a draft",
            manifest.path,
            hint="take out of their front matter what keeps them from readers: draft: true,"
            " published: false, a status such as private, or a password",
        )
    issue = Issue(
        slug=manifest.slug,
        number=manifest.number,
        title=_typeset(manifest.title, language),
        date=manifest.date,
        language=language,
        editorial_html=clean_html(editorial_html),
        sections=sections,
        source=manifest.path,
        summary=_typeset(manifest.summary, language)
        or _contents(sections, language)
        or _opening(editorial_html),
        cover=manifest.cover,
        cover_alt=_typeset(manifest.cover_alt, language),
        pdf=manifest.pdf,
        leaflet=_leaflet(manifest, documents),
        aliases=manifest.aliases,
        revised=manifest.updated,
    )
    return with_unique_ids(issue)  # one article's heading may be named as another article


def _typeset(text: str, language: str) -> str:
    """A text of the manifest (a title, a summary) as plain text, its quotation marks and
    French's spaces set as in a document's."""
    return typeset_text(plain_text(text), language)


def _leaflet(manifest: IssueManifest, documents: Mapping[Path, Document]) -> Leaflet | None:
    plan = manifest.leaflet
    if plan is None:
        return None
    document = documents[plan.document]
    if document.draft:
        return None
    return Leaflet(
        document=document,
        sides=plan.sides or (2 if document.page_breaks else 1),
        columns=plan.columns,
        standfirst=_typeset(plan.standfirst, document.language)
        or document.subtitle
        or document.summary,
        pull_quote=plain_text(plan.pull_quote),
        qr=plan.qr,
        pdf=plan.pdf,
        sides_line=plan.sides_line,
    )


def edition_languages(manifest: IssueManifest, original: str) -> tuple[str, ...]:
    """The manifest's editions but the original's language (known only with the config)."""
    return tuple(e for e in manifest.editions if e not in (original, original.split("-")[0]))


def assemble_editions(
    manifest: IssueManifest,
    original: Issue,
    documents: Mapping[Path, Document],
    translated: Mapping[Path, Mapping[str, Translation]],
    editorials: Mapping[str, str],
) -> tuple[Issue, ...]:
    """The original and one Issue per edition, each a whole issue in its language.

    In an edition a document is its translation (`translated`: original → language → its
    translation, whose file is read into `documents`), or the document itself when it is already
    in that language; otherwise the original, `untranslated` (or left out with
    `untranslated: omit`). A translation takes the original's slug, so each article has
    the same address in every edition but for the language folder. `editorials`: the
    editions' own editorials, as HTML, by language.
    """
    editions = [
        edition
        for language in edition_languages(manifest, original.language)
        if (edition := _edition(manifest, original, language, documents, translated, editorials))
    ]
    if not editions:
        return (original,)
    every = (original.language, *(e.language for e in editions))
    return tuple(
        dataclasses.replace(e, editions=every, original_language=original.language)
        for e in (original, *editions)
    )


def _edition(
    manifest: IssueManifest,
    original: Issue,
    language: str,
    documents: Mapping[Path, Document],
    translated: Mapping[Path, Mapping[str, Translation]],
    editorials: Mapping[str, str],
) -> Issue | None:
    """One edition; None when it would be empty (nothing translated yet, `omit`)."""
    texts = manifest.edition_texts.get(language, EditionTexts())
    by_source = {documents[p].source: p for p in manifest.documents}
    drafts: dict[Path, Translation] = {}  # original → its translation, still a draft
    in_language: list[Document] = []  # the documents the edition shows in its language

    def in_edition(doc: Document) -> Document | None:
        if same_language(doc.language, language):
            in_language.append(doc)
            return doc
        found = translated.get(by_source[doc.source], {}).get(language)
        if found is not None and not (translation := documents[found.path]).draft:
            # in the language its path gives, when it says none (fr/posts/x.md)
            in_language.append(translation)
            return _in_place_of(doc, translation, found.language)
        if found is not None:
            drafts[found.original] = found
        return None if manifest.untranslated == "omit" else _untranslated(doc)

    planned = (_typeset(plan.title, original.language) for plan in manifest.sections)
    titles = dict(zip(planned, texts.sections, strict=False))
    sections = tuple(
        Section(translated_title, kept)
        if (translated_title := _typeset(titles.get(section.title, ""), language))
        else Section(section.title, kept, _unless_same(original.language, language))
        for section in original.sections
        if (kept := tuple(d for doc in section.documents if (d := in_edition(doc))))
    )
    leaflet = original.leaflet
    if leaflet is not None:
        shown = in_edition(leaflet.document)
        leaflet = dataclasses.replace(leaflet, document=shown) if shown else None
    _note_drafts(manifest, language, drafts.values())
    if manifest.sections and not sections:
        log.warning(
            "%s: no edition in %s yet: none of its documents is translated into it"
            " (untranslated: omit leaves the others out)",
            manifest.path,
            language,
        )
        return None
    if not in_language:  # planned ahead of its translations, maybe: a note, not a warning
        log.info(
            "%s: the edition in %s shows only the originals, marked untranslated: none of"
            " its documents is translated into it yet",
            manifest.path,
            language,
        )
    edition = dataclasses.replace(
        original,
        language=language,
        edition=language,
        title=_typeset(texts.title, language) or original.title,
        title_language=""
        if texts.title or not original.title
        else _unless_same(original.language, language),
        summary=_typeset(texts.summary or manifest.summary, language)
        or _contents(sections, language)
        or _opening(editorials.get(language, "")),
        summary_language=""
        if texts.summary or not manifest.summary
        else _unless_same(original.language, language),
        editorial_html=clean_html(editorials[language])
        if language in editorials
        else _marked(original.editorial_html, original.language),
        sections=sections,
        leaflet=leaflet,
    )
    return with_unique_ids(edition)  # its translations' ids, and its own editorial's


def _in_place_of(original: Document, translation: Document, language: str) -> Document:
    """The translation shown where its original is: under the original's slug, and its ids
    prefixed with it as the original's are. Read from its own file, its ids were that
    file's (`call-es-demands`), so a link to a heading (`call.es.md#demands`, or
    `call.md#demands`), made `#call-demands` on the edition's page, found none."""
    body = translation.body_html
    if translation.slug != original.slug:
        own = re.compile(rf'(\sid="|\shref="#){re.escape(translation.slug)}-')
        body = own.sub(lambda m: f"{m.group(1)}{original.slug}-", body)
    return dataclasses.replace(translation, slug=original.slug, language=language, body_html=body)


def _unless_same(written_in: str, edition: str) -> str:
    """`written_in`, the language of a text the edition shows untranslated, unless the
    edition reads it as its own (an es-MX title in the es edition)."""
    return "" if same_language(written_in, edition) else written_in


def _note_drafts(manifest: IssueManifest, language: str, drafts: Iterable[Translation]) -> None:
    """Say why an article has no translation in an edition when it has one: still a draft."""
    omitted = manifest.untranslated == "omit"
    for t in drafts:
        log.info(
            "%s: the %s edition %s %s%s: its translation %s is marked as a draft",
            manifest.path,
            language,
            "leaves out" if omitted else "shows",
            t.original.as_posix(),
            "" if omitted else " untranslated",
            t.path.as_posix(),
        )


def _contents(sections: tuple[Section, ...], language: str) -> str:
    """An issue's or an edition's summary when the manifest gives none: its titles, in its
    language (the interface's translation of "In this issue")."""
    from .i18n import gettext, interface_language

    if not sections:
        return ""
    with interface_language(language):
        separator = gettext("; ")  # Arabic and Farsi write their own semicolon: "؛ "
        titles = separator.join(doc.title for section in sections for doc in section.documents)
        return gettext("In this issue: %(titles)s") % {"titles": titles}


def _opening(editorial_html: str) -> str:
    """The summary of an issue that is its editorial alone: the editorial's first paragraph,
    shortened to what an email preview or a feed reader's list shows."""
    import textwrap

    first = re.search(r"<p\b[^>]*>(.*?)</p>", editorial_html, re.S)
    words = plain_text(first[1] if first else editorial_html)
    return textwrap.shorten(words, width=200, placeholder=" …")


def _untranslated(doc: Document) -> Document:
    return dataclasses.replace(doc, untranslated=True)


def _marked(html: str, language: str) -> str:
    """The original's editorial in an edition: marked with its own language."""
    if not html:
        return html
    return f'<div lang="{language}" dir="{text_direction(language)}">{html}</div>'
