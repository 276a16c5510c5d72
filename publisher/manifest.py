"""issues/*.yaml|toml → IssueManifest, validated before anything renders.

Every problem in every manifest is collected and reported together, each with the
manifest's file and line and a suggestion, so an editor fixes them in one pass.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from slugify import slugify

from .controls import warn_bidi_override
from .errors import Problem, PublisherError
from .languages import NotALanguage, checked_language
from .manifest_schema import (
    EDITION_TABLE,
    LEAFLET_EXAMPLE,
    LEAFLET_TABLE,
    MANIFEST_TABLE,
    SECTION_SHAPE,
    SECTION_TABLE,
    number_for,
)
from .paths import files_meant, followed, is_file, no_file
from .picture_copies import CONVERTED_SUFFIXES
from .pool import DocumentPool, UnresolvedReference, is_housekeeping, slug_for, slugged
from .printing import PrintSettings
from .settings_schema import Problems, check, misspelt_keys
from .sourcefile import SourceData, parse_file
from .urls import SITE_FOLDERS, SUBSCRIPTION_PAGES, split_url

log = logging.getLogger(__name__)

MANIFEST_SUFFIXES = (".yaml", ".yml", ".toml")


@dataclass(frozen=True)
class SectionPlan:
    title: str
    documents: tuple[Path, ...]  # relative to documents/


@dataclass(frozen=True)
class LeafletPlan:
    """The manifest's `leaflet:` entry: one document laid out as a one-sheet handout."""

    document: Path  # relative to documents/
    # printed on one side or both; None: as its text asks (both when it has a page break)
    sides: int | None = None
    columns: int = 1
    standfirst: str = ""  # plain text; the document's subtitle or summary when empty
    pull_quote: str = ""
    qr: str = ""  # where the QR code points; "": the issue's page
    pdf: PrintSettings = field(default_factory=PrintSettings)
    sides_line: int | None = None  # the manifest's line of `sides:`, for its warning


@dataclass(frozen=True)
class IssueManifest:
    path: Path
    slug: str
    number: int
    title: str  # "" for an issue known by its number and date
    date: dt.date
    language: str | None
    editorial: str  # Markdown
    summary: str
    sections: tuple[SectionPlan, ...]
    cover: Path | None  # absolute, inside the workspace
    pdf: PrintSettings = field(default_factory=PrintSettings)  # print options, this issue
    cover_alt: str = ""  # what the cover shows, for readers who cannot see it
    leaflet: LeafletPlan | None = None
    # Language editions besides the original's (canonical BCP 47 tags), and what an edition
    # does with a document not yet translated: "note" shows the original, marked; "omit".
    editions: tuple[str, ...] = ()
    untranslated: str = "note"
    edition_texts: dict[str, EditionTexts] = field(default_factory=dict)
    aliases: tuple[str, ...] = ()  # its old addresses (a manifest renamed): redirected
    # the platform that emailed it before it was imported: `publisher send` asks for --again
    sent_by: str = ""
    updated: dt.date | None = None  # changed since it went out (an article taken down)

    @property
    def documents(self) -> tuple[Path, ...]:
        """Every document the issue's outputs need: its sections', then the leaflet's."""
        listed = [doc for section in self.sections for doc in section.documents]
        if self.leaflet:
            listed.append(self.leaflet.document)
        return tuple(dict.fromkeys(listed))


def manifest_paths(issues_dir: Path) -> list[Path]:
    """The manifests in `issues_dir`, their suffixes in any case (`.YAML`, as Windows
    tools write it); one that is no file (a folder, a named pipe, a link that loops) is
    left out with a warning, and so is a manifest an editor saved with `.txt` added
    (Notepad's "x.yaml.txt"), with the name to give it. Hidden files are no manifests
    (`is_manifest_name`), and are passed over in silence, as in documents/."""
    if not issues_dir.is_dir():
        return []
    found = []
    for path in sorted(issues_dir.iterdir()):
        if is_housekeeping(path):
            continue
        if not is_manifest_name(path):
            if _saved_as_text(path):
                log.warning(
                    "left out %s: it is a manifest saved as text; rename it to %s",
                    path,
                    path.stem,
                )
            continue
        if why := no_file(path):
            log.warning("left out %s: it is %s", path, why)
        else:
            found.append(path)
    return found


def is_manifest_name(path: Path) -> bool:
    """Whether a file in issues/ named `path` is an issue's manifest: a YAML or TOML file
    someone wrote, not a hidden one (a Mac's `._041-pay.yaml` resource fork on a shared
    drive, a `.041-pay.yaml` of a tool's), as in documents/ (`pool.is_housekeeping`)."""
    return path.suffix.lower() in MANIFEST_SUFFIXES and not is_housekeeping(path)


def _saved_as_text(path: Path) -> bool:
    """A manifest with the .txt a text editor added to its name ("may-day.yaml.txt")."""
    stem = Path(path.stem)
    return path.suffix.lower() == ".txt" and stem.suffix.lower() in MANIFEST_SUFFIXES


def manifest_slug(path: Path) -> str:
    """An issue's slug, its folder in dist/: the manifest's file name, made URL-safe by the
    rule documents' slugs follow (Arabic and Hebrew letters kept: `pool.slugged`)."""
    return slugged(path.stem) or path.stem


def former_slug(path: Path) -> str:
    """The slug the issue had before Arabic and Hebrew names kept their letters ('dd-ldrb'
    for عدد-الإضراب.yaml): it still names the issue on the command line, the delivery
    ledger may know the issue by it, and the issue's old pages redirect to the new."""
    return slugify(path.stem) or path.stem


def former_names(paths: Iterable[Path]) -> dict[str, list[Path]]:
    """Each slug issues had before Arabic and Hebrew names kept their letters, where it is
    not their slug now, with the manifests whose name made it: two when transliteration
    made one of two names ('ml' for عمال.yaml and عمل.yaml), and then it names neither."""
    found: dict[str, list[Path]] = {}
    for path in paths:
        if (former := former_slug(path)) != manifest_slug(path):
            found.setdefault(former, []).append(path)
    return found


def former_slugs(paths: Iterable[Path]) -> dict[Path, str]:
    """Each issue's former slug (`former_slug`) that still names it alone: not another
    issue's slug now, nor another issue's former slug too (a redirect from it, or a send
    by it, could lead to only one of them)."""
    paths = list(paths)
    slugs = {manifest_slug(path) for path in paths}
    return {
        same[0]: former
        for former, same in former_names(paths).items()
        if len(same) == 1 and former not in slugs
    }


# The longest slug an issue may have: its outputs' file names add to it ("-leaflet-2up.pdf")
# and must stay within the 255 bytes most file systems allow a name, with room to spare.
LONGEST_SLUG = 200


def _slug_problem(path: Path) -> str | None:
    """Why the manifest's name makes a slug that cannot name the issue's outputs: too long,
    or one of the web archive's own folders or serve-subscriptions' pages (a slug is lower
    case: Tags.yaml is tags/)."""
    slug = manifest_slug(path)
    if slug in SITE_FOLDERS:
        return (
            f"this file name makes the issue's folder {slug}/, where the web archive keeps"
            f" its own pages and files ({slug}/ beside the issues')"
        )
    if slug in SUBSCRIPTION_PAGES:
        return (
            f"this file name makes the issue's folder {slug}/, the address where"
            f" `publisher serve-subscriptions` answers readers (BASE_URL/{slug}/): the"
            " web server sends it there, not to the issue's pages"
        )
    length = len(slug.encode("utf-8"))
    if length <= LONGEST_SLUG:
        return None
    return (
        f"this file name makes a name of {length} characters for the issue's folder and"
        f" files, which may have at most {LONGEST_SLUG} (file systems allow 255, and the"
        " outputs add to it, as in -leaflet.pdf)"
    )


def loadable_manifests(
    issues_dir: Path, pool: DocumentPool, workspace: Path
) -> list[IssueManifest]:
    """Every manifest that loads, the broken ones left out (`load_manifests` names them):
    what the composer lists, and `publisher list` beside the error."""
    loaded = []
    for path in manifest_paths(issues_dir):
        try:
            loaded.append(load_manifest(path, pool, workspace))
        except PublisherError:
            continue
    return loaded


def load_manifests(issues_dir: Path, pool: DocumentPool, workspace: Path) -> list[IssueManifest]:
    """Load and validate every manifest; raise one error listing all problems found."""
    manifests, broken = read_manifests(issues_dir, pool, workspace)
    if broken:
        raise PublisherError(*(problem for problems in broken.values() for problem in problems))
    return manifests


def read_manifests(
    issues_dir: Path, pool: DocumentPool, workspace: Path
) -> tuple[list[IssueManifest], dict[Path, list[Problem]]]:
    """Every manifest that loads, newest first, and the problems of each that does not:
    for a command to leave out an unfinished issue it was not asked for, rather than stop
    on it. Problems between manifests (one slug or number for two) are raised here: which
    of the two is meant cannot be told."""
    manifests: list[IssueManifest] = []
    paths = manifest_paths(issues_dir)
    shared = _shared_slugs(paths)
    broken: dict[Path, list[Problem]] = {}
    for path in paths:
        try:
            manifests.append(load_manifest(path, pool, workspace))
        except PublisherError as exc:
            broken[path] = exc.problems
    numbers: list[Problem] = []
    seen: dict[int, IssueManifest] = {}
    for manifest in manifests:
        if manifest.number in seen:
            numbers.append(
                Problem(
                    f"issue number {manifest.number} is also used by {seen[manifest.number].path.name}",
                    manifest.path,
                    _line_of(manifest.path, "number"),
                    "give each issue its own number",
                )
            )
        seen[manifest.number] = manifest
    if shared or numbers:  # with every broken manifest's, as load_manifests lists them
        raise PublisherError(*shared, *(p for found in broken.values() for p in found), *numbers)
    return sorted(manifests, key=lambda m: (m.date, m.number), reverse=True), broken


def _shared_slugs(paths: list[Path]) -> list[Problem]:
    """Manifests whose names make one slug ("May Day.yaml", "may-day.yaml"; "número-1.yaml",
    "numero-1.yaml") would publish into one folder, the later overwriting the earlier."""
    problems = []
    first: dict[str, Path] = {}
    for path in paths:
        slug = manifest_slug(path)
        if slug not in first:
            first[slug] = path
            continue
        problems.append(
            Problem(
                f"{path.name} and {first[slug].name} would both be published as {slug}/",
                path,
                None,
                "rename one of them: an issue's folder is made from its manifest's file name",
            )
        )
    return problems


def load_manifest(path: Path, pool: DocumentPool, workspace: Path) -> IssueManifest:
    source = parse_file(path)
    problems = Problems(source)
    table = MANIFEST_TABLE.with_settings(number=number_for(path))
    values: dict[str, Any] = check(table, source.data, problems)
    if values.get("title"):
        warn_bidi_override(values["title"], f"{path}:{source.line('title')}", "title")
    sections = _sections(source, pool, problems)
    cover = _cover(values.get("cover"), workspace, problems)
    leaflet = _leaflet(values.get("leaflet"), pool, problems)
    if leaflet and leaflet.sides:
        leaflet = replace(leaflet, sides_line=source.line("leaflet", "sides"))
    editions = _editions(source, values.get("language"), problems)
    _warn_of_section_titles(source)
    if too_long := _slug_problem(path):  # of the file's name, at none of its lines
        hint = "rename the manifest: the issue's folder and files are named after it"
        problems.found.append(Problem(too_long, path, None, hint))
    problems.raise_any()
    return IssueManifest(
        path=path,
        slug=manifest_slug(path),
        number=values["number"],
        title=values.get("title", ""),
        date=values["date"],
        language=values.get("language"),
        editorial=values.get("editorial", ""),
        summary=values.get("summary", ""),
        sections=sections,
        cover=cover,
        cover_alt=values.get("cover_alt", ""),
        pdf=values["pdf"],
        leaflet=leaflet,
        editions=tuple(editions),
        edition_texts=editions,
        untranslated=values.get("untranslated", "note"),
        aliases=values.get("aliases", ()),
        sent_by=values.get("sent_by", ""),
        updated=values.get("updated"),
    )


def _editions(
    source: SourceData, original: str | None, problems: Problems
) -> dict[str, EditionTexts]:
    """`editions: [es, fr]`, or a mapping from each language to the issue's own words in it
    (`es: {title: …, summary: …, editorial: …, sections: [Declaraciones, …]}`). Each
    language is checked and made canonical, named at its own line; the original's language,
    when listed too, is no edition of its own."""
    raw = source.data.get("editions")
    if raw is None:
        return {}
    if isinstance(raw, str):
        raw = [raw]
    if isinstance(raw, list):  # each language at its own place in the list: its line
        listed = [(value, None, ("editions", index)) for index, value in enumerate(raw)]
    elif isinstance(raw, dict):
        listed = [(value, texts, ("editions", value)) for value, texts in raw.items()]
    else:
        problems.add("'editions' must list languages", "editions", hint=_EDITIONS_EXAMPLE)
        return {}
    found: dict[str, EditionTexts] = {}
    lines: dict[str, int] = {}
    for value, texts, key in listed:
        try:
            language = checked_language(value)
        except NotALanguage as exc:
            problems.add(f"edition {value!r}: {exc}", *key, hint=exc.hint)
            continue
        if original and language in (original, original.split("-")[0]):
            warn_of_own_language_edition(source.path, source.line(*key), language)
            continue
        if language in lines:  # `[es, fr]` meant, `[es, es]` left by a copy
            log.warning(
                "%s:%d: %r lists the %s edition again (line %d): one %s edition is made;"
                " write the language meant, or take the line out",
                source.path,
                source.line(*key),
                value,
                language,
                lines[language],
                language,
            )
            continue
        lines[language] = source.line(*key)
        if texts is not None and not isinstance(texts, dict):  # `es: Salarios de miseria`
            problems.add(
                f"the {language} edition's words must be a table: its title, summary,"
                " editorial and sections",
                *key,
                hint=_edition_words_example(value, texts),
            )
            continue
        checked: dict[str, Any] = check(EDITION_TABLE, texts or {}, problems, key)
        if "editorial" in checked:
            checked["editorial_line"] = source.line(*key, "editorial")
        found[language] = EditionTexts(**checked, line=lines[language])
    return found


def warn_of_own_language_edition(manifest: Path, line: int, language: str) -> None:
    """`editions: [en]` on an English issue makes no edition: said, so that whoever wrote it
    does not wait for one (or take the line for a switch the issue needs)."""
    log.warning(
        "%s:%d: %s is the issue's own language: it needs no edition", manifest, line, language
    )


def _warn_of_section_titles(source: SourceData) -> None:
    """An edition's section titles go to the sections in order: one too few (a section
    added to the issue by hand, the edition not told; the composer tells it) gives every
    section after the new one its neighbour's title; one too many is dropped. Warned of,
    not refused, so the issue can still be built and composed."""
    planned, editions = source.data.get("sections"), source.data.get("editions")
    if not isinstance(planned, list) or not isinstance(editions, dict):
        return  # said by _sections and _editions
    for language, texts in editions.items():
        titles = texts.get("sections") if isinstance(texts, dict) else None
        if not isinstance(titles, list) or not titles or len(titles) == len(planned):
            continue
        named = [str(p.get("title", "")) if isinstance(p, dict) else "" for p in planned]
        log.warning(
            "%s:%d: the %s edition has %d section title(s), the issue %d section(s): give"
            " one title for each section, in the sections' order: %s",
            source.path,
            source.line("editions", language, "sections"),
            language,
            len(titles),
            len(planned),
            ", ".join(map(repr, named)),
        )


_EDITIONS_EXAMPLE = (
    "editions: [es, fr]   (the languages besides the issue's own), or with the issue's"
    " words translated:\neditions:\n  es:\n    title: No a los salarios de miseria"
)


def _edition_words_example(language: Any, words: Any) -> str:
    """The edition's table, with the words written on its language's line as its title
    when they are a line of text."""
    title = words if isinstance(words, str) and words.strip() else "…"
    return f"write them each under the language:\neditions:\n  {language}:\n    title: {title}"


@dataclass(frozen=True)
class EditionTexts:
    """The issue's own words in one edition's language; "" or (): the original's."""

    title: str = ""
    summary: str = ""
    editorial: str = ""  # Markdown
    sections: tuple[str, ...] = ()  # section titles, in the sections' order
    editorial_line: int = 1  # the manifest's line of its `editorial:`, for warnings
    line: int = 1  # the manifest's line naming the edition, for warnings


def _leaflet(value: Any, pool: DocumentPool, problems: Problems) -> LeafletPlan | None:
    """`leaflet: slug` or a mapping with `document` and layout and print settings."""
    if value is None:
        return None
    if isinstance(value, str):
        value = {"document": value}
    if not isinstance(value, dict):
        problems.add("'leaflet' needs a document", "leaflet", hint=LEAFLET_EXAMPLE)
        return None
    layout: dict[str, Any] = check(LEAFLET_TABLE, value, problems, ("leaflet",))
    if "document" not in layout:
        return None
    try:
        document = pool.resolve(str(layout.pop("document")))
    except UnresolvedReference as exc:
        problems.add(str(exc), "leaflet", "document", hint=exc.hint)
        return None
    if pool.empty(document):
        problems.add(_EMPTY.format(document.as_posix()), "leaflet", "document", hint=_EMPTY_HINT)
        return None
    return LeafletPlan(document, **layout)


# An empty document listed in an issue: refused, as `publisher import` refuses an empty file.
_EMPTY = "documents/{} is empty"
_EMPTY_HINT = "write the article in it (and save it), or take it out of the issue"


def _section_name(section: dict[Any, Any], index: int) -> str:
    """How a message names a section: by its title, else by its place in the list."""
    title = section.get("title")
    return (
        f"section {title.strip()!r}"
        if isinstance(title, str) and title.strip()
        else f"section {index + 1}"
    )


def _swallowed_sections(source: SourceData) -> str | None:
    """The text (editorial, summary) whose lines took in an indented `sections:` line."""
    for key, value in source.data.items():
        if isinstance(value, str) and re.search(r"(?m)^\s*sections:\s*$", value):
            return str(key)
    return None


def _sections(
    source: SourceData, pool: DocumentPool, problems: Problems
) -> tuple[SectionPlan, ...]:
    problem = problems.add
    raw_sections = source.data.get("sections")
    if raw_sections is None and (inside := _swallowed_sections(source)):
        problem(  # `sections:` indented under `editorial: |` is a line of the editorial
            f"'sections' is missing: the 'sections:' line is indented, so it is read as part"
            f" of '{inside}'",
            inside,
            hint="start the 'sections:' line at the left edge, as 'number:' and 'date:' are",
        )
        return ()
    in_toml = source.path.suffix.lower() == ".toml"
    if isinstance(raw_sections, dict):  # `- ` left out (`[sections]` in TOML): one section
        fix = "write [[sections]] above each section" if in_toml else "start each section with '- '"
        problem("'sections' must be a list of sections, not one section", "sections", hint=fix)
        return ()
    if raw_sections is None and "documents" in source.data:
        return ()  # the unknown key 'documents' is told to go in a section (_TOP_DOCUMENTS)
    if raw_sections is None and "sections" in misspelt_keys(source.data, MANIFEST_TABLE.settings):
        return ()  # `section:`, told as unknown with its near miss
    if raw_sections in (None, []) and str(source.data.get("editorial") or "").strip():
        return ()  # an issue that is its editorial alone (a call to a strike, a short notice)
    if not isinstance(raw_sections, list) or not raw_sections:
        problem(
            "'sections' must list at least one section (or the issue needs an editorial)",
            "sections",
            hint=SECTION_SHAPE,
        )
        return ()
    plans: list[SectionPlan] = []
    used: dict[Path, int] = {}
    slugs: dict[str, Path] = {}
    named = [str(section) for section in raw_sections if isinstance(section, str)]
    first_named = next((i for i, s in enumerate(raw_sections) if isinstance(s, str)), None)
    split = _split_sections(source, raw_sections, problems, in_toml)
    for s_index, section in enumerate(raw_sections):
        where = ("sections", s_index)
        if isinstance(section, str) and s_index != first_named:
            continue  # documents listed as sections: told once, all of them in the hint
        if s_index in split:
            continue  # a section's title and documents apart: told once, at the documents
        if not isinstance(section, dict):
            shape = _section_with(named, in_toml) if isinstance(section, str) else None
            problem("each section needs 'title' and 'documents'", *where, hint=shape)
            continue
        if "documents" in section and section["documents"] in (None, "", []):
            example = 'documents = ["my-article"]' if in_toml else "documents: [my-article]"
            problem(
                f"{_section_name(section, s_index)} lists no documents",
                *where,
                "documents",
                hint=f"list them, e.g. {example}, or take the section out",
            )
            continue
        checked: dict[str, Any] = check(SECTION_TABLE, section, problems, where)
        title, refs = checked.get("title", ""), checked.get("documents")
        if refs is None:
            continue
        resolved: list[Path] = []
        for d_index, ref in enumerate(refs):
            key = (*where, "documents", d_index)
            try:
                doc = pool.resolve(str(ref))
            except UnresolvedReference as exc:
                problem(str(exc), *key, hint=exc.hint)
                continue
            if pool.empty(doc):
                problem(_EMPTY.format(doc.as_posix()), *key, hint=_EMPTY_HINT)
                continue
            if doc in used:
                problem(
                    f"{ref!r} is already in this issue (line {used[doc]})",
                    *key,
                    hint="list each document once",
                )
                continue
            slug = slug_for(doc)
            if slug in slugs:
                problem(
                    f"{doc.as_posix()} and {slugs[slug].as_posix()} share the slug {slug!r}",
                    *key,
                    hint="rename one of the files",
                )
                continue
            used[doc], slugs[slug] = source.line(*key), doc
            resolved.append(doc)
        plans.append(SectionPlan(title, tuple(resolved)))
    return tuple(plans)


def _split_sections(
    source: SourceData, raw_sections: list[Any], problems: Problems, in_toml: bool
) -> set[int]:
    """The sections that are one section's title and its documents apart, as a '- ' (or a
    [[sections]] line) in front of `documents:` makes them: each pair is told once, at its
    documents, rather than as a section with no documents and one with no title."""
    split: set[int] = set()
    for index, (above, below) in enumerate(itertools.pairwise(raw_sections)):
        if not (isinstance(above, dict) and isinstance(below, dict)) or index in split:
            continue
        apart = "title" in above and "documents" not in above
        if apart and "documents" in below and "title" not in below:
            fix = (
                "take out the [[sections]] line above 'documents'"
                if in_toml
                else "take out the '- ' in front of 'documents', so that it lines up under 'title'"
            )
            problems.add(
                f"'documents' starts a section of its own, apart from its title"
                f" {str(above['title']).strip()!r} (line {source.line('sections', index, 'title')})",
                "sections",
                index + 1,
                "documents",
                hint=fix,
            )
            split |= {index, index + 1}
    return split


def _section_with(documents: list[str], in_toml: bool) -> str:
    """A section holding `documents`, as the manifest writes one: what an editor who
    listed documents straight under `sections` meant."""
    if in_toml:
        listed = ", ".join(f'"{document}"' for document in documents)
        return f'[[sections]]\n  title = "News"\n  documents = [{listed}]'
    return f"sections:\n    - title: News\n      documents: [{', '.join(documents)}]"


_COVER_SUFFIXES = (".jpg", ".jpeg", ".png", ".gif", ".webp", *CONVERTED_SUFFIXES)


def _cover(value: Any, workspace: Path, problems: Problems) -> Path | None:
    problem = problems.add
    if value is None:
        return None
    if not isinstance(value, str):
        problem("'cover' must be a path to an image", "cover")
        return None
    if split_url(value.strip()).scheme in ("http", "https"):  # else read as a missing file
        problem(
            f"cover {value!r} is on the web",
            "cover",
            hint="pictures are not fetched from the web when an issue is built: save it into"
            " documents/media/ and give its path there, e.g. cover: documents/media/cover.jpg",
        )
        return None
    path = followed(workspace / value)
    if not path.is_relative_to(workspace.resolve()):
        problem(
            f"cover {value!r} is outside the workspace",
            "cover",
            hint="put the image in the workspace, e.g. documents/media/cover.jpg",
        )
    elif path.suffix.lower() not in _COVER_SUFFIXES:
        problem(f"cover {value!r} is not a JPEG, PNG, GIF, WebP, HEIC, TIFF or BMP image", "cover")
    elif not is_file(path):
        problem(f"cover image {value!r} does not exist", "cover", hint=_cover_fix(value, workspace))
    else:
        return path
    return None


def _cover_fix(value: str, workspace: Path) -> str:
    """The path of the picture a cover not found most likely meant: the same path from
    documents/ (as a document's image: is written), or one `files_meant` finds."""
    if is_file(workspace / "documents" / value):
        return f"write it from the workspace folder: cover: documents/{value}"
    if meant := files_meant(value, workspace, _COVER_SUFFIXES):
        return "did you mean " + " or ".join(map(repr, meant)) + "?"
    return "paths are relative to the workspace folder, e.g. cover: documents/media/cover.jpg"


def _line_of(path: Path, key: str) -> int | None:
    pattern = re.compile(rf"^{key}\s*[:=]")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
