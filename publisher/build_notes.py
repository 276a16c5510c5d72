"""What a build tells the editor about its sources before it renders: drafts left out,
front matter kept unused, posts Hugo would not publish on the issue's date, outdated
translations, editions in the workspace's own language, interfaces not translated,
imposition asked of issues without a leaflet. Each is said once, at the file (and line)
to mend; none stops the build."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping, Sequence
from pathlib import Path

from . import textfiles
from .assemble import edition_languages
from .config import CONFIG_NAME, Config
from .formats import formats as registered_formats
from .logs import concerning
from .manifest import IssueManifest, warn_of_own_language_edition
from .model import Document
from .printing import PrintSettings
from .readers.metadata import PASSED_TO_TEMPLATES
from .translations import Translation, status

log = logging.getLogger(__name__)


def note_leaflets_to_impose(selected: Sequence[IssueManifest], overrides: PrintSettings) -> None:
    """`--impose 2up` or `4up` imposes leaflets: a build of issues with none makes nothing
    of it, which is said rather than passed over in silence."""
    if overrides.impose in registered_formats()["leaflet"].impositions and not any(
        m.leaflet for m in selected
    ):
        log.warning(
            "--impose %s imposes leaflets, and no issue built has one: give an issue one with"
            " 'leaflet: DOCUMENT' in its manifest (see Printing in the README)",
            overrides.impose,
        )


def note_untranslated_interface(config: Config, manifests: Sequence[IssueManifest]) -> None:
    """An issue or edition in a language publisher's interface is not translated into says
    "Contents", "Read online" and "Unsubscribe" in English: said once per language, naming
    where it was asked for (dates and language names are translated all the same)."""
    from .i18n import available_languages, base_language

    known = set(available_languages())
    asked = [(config.language, config.root / CONFIG_NAME)]
    asked += [(e, m.path) for m in manifests for e in (m.language, *m.editions) if e]
    for language, where in dict(reversed(asked)).items():  # the first place that asks
        if base_language(language) in known:
            continue
        with concerning(None if where.name == CONFIG_NAME else where.stem):
            log.warning(
                '%s: publisher\'s own words ("Contents", "Read online", "Unsubscribe")'
                " are not translated into %s: they stay in English (translated: %s)",
                where,
                language,
                ", ".join(sorted(known)),
            )


def note_own_language_editions(language: str, manifests: Sequence[IssueManifest]) -> None:
    """An edition in the language of publisher.toml listed by an issue that takes its
    language from there: no edition (one in the manifest's own language is said as the
    manifest is read)."""
    for manifest in manifests:
        if manifest.language:
            continue
        for edition in manifest.editions:
            if edition not in edition_languages(manifest, language):
                line = manifest.edition_texts[edition].line
                with concerning(manifest.path.stem):
                    warn_of_own_language_edition(manifest.path, line, edition)


def note_front_matter(
    manifests: Sequence[IssueManifest], documents: Mapping[Path, Document]
) -> None:
    """Say once per build what front matter was kept unused, each key with a file to look in,
    and which drafts are left out."""
    files_with: dict[str, list[Path]] = {}
    for doc in sorted(documents.values(), key=lambda doc: doc.source):
        for key in doc.extra.keys() - PASSED_TO_TEMPLATES:
            files_with.setdefault(key, []).append(doc.source)
    if files_with:
        keys = ", ".join(
            f"{key} ({files[0]})"
            if len(files) == 1
            else f"{key} ({len(files)} files, e.g. {files[0]})"
            for key, files in sorted(files_with.items(), key=lambda item: (-len(item[1]), item[0]))
        )
        log.info(
            "front matter keys publisher does not use, kept for templates as doc.extra: %s"
            " ([documents] strict = true in publisher.toml refuses them)",
            keys,
        )
    for manifest in manifests:
        for relative in manifest.documents:
            if documents[relative].draft:
                log.info(
                    "%s: left out %s: its front matter keeps it from readers (draft,"
                    " published, status or password)",
                    manifest.path,
                    relative.as_posix(),
                )
            else:
                _say_unscheduled(documents[relative], manifest)


# Hugo's: a page is published from its publishDate, and no more after its expiryDate
_SCHEDULE = {"publishDate": "not yet", "expiryDate": "no longer"}


def _say_unscheduled(doc: Document, manifest: IssueManifest) -> None:
    """A post Hugo would not publish on the issue's date, said with its date: the issue
    publishes it all the same, which the editor may not want."""
    for key, when in _SCHEDULE.items():
        value = doc.extra.get(key)
        try:
            day = dt.date.fromisoformat(str(value)[:10]) if value else None
        except ValueError:
            continue
        if day is None or (day <= manifest.date if key == "publishDate" else day >= manifest.date):
            continue
        line = textfiles.line_of(textfiles.written_text(doc.source), key)
        log.warning(
            "%s: %s %s: Hugo would %s publish it on %s, the date of %s, which publishes it:"
            " take it out of the issue, or change the date",
            textfiles.where(doc.source, line),
            key,
            day.isoformat(),
            when,
            manifest.date.isoformat(),
            manifest.path.name,
        )


def note_outdated(
    translated: Mapping[str, Mapping[Path, Mapping[str, Translation]]], root: Path
) -> None:
    """Warn once per translation an edition uses that was made from an older original."""
    used = {
        t.path: t
        for by_doc in translated.values()
        for by_language in by_doc.values()
        for t in by_language.values()
    }
    for path, t in sorted(used.items()):
        if status(t, root) == "outdated":
            log.warning(
                "%s: outdated translation: %s changed after it was translated (%s records"
                " another original_hash); 'publisher list --translations' shows what to update",
                root / path,
                t.original.as_posix(),
                path.as_posix(),
            )
