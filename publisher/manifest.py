"""issues/*.yaml|toml → IssueManifest, validated before anything renders.

Every problem in every manifest is collected and reported together, each with the
manifest's file and line and a suggestion, so an editor fixes them in one pass.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from slugify import slugify

from .controls import warn_bidi_override
from .errors import Problem, PublisherError, near_misses
from .languages import NotALanguage, checked_language
from .limits import DEFAULT_LIMITS
from .pool import DocumentPool, UnresolvedReference, slug_for
from .printing import PRINT_KEYS, PrintSettings, parse_settings
from .sourcefile import SourceData, parse_file

MANIFEST_SUFFIXES = (".yaml", ".yml", ".toml")
_KEYS = {
    "number",
    "title",
    "date",
    "language",
    "editorial",
    "summary",
    "sections",
    "cover",
    "pdf",
    "leaflet",
}
_SECTION_KEYS = {"title", "documents"}
_LEAFLET_KEYS = {"document", "sides", "columns", "standfirst", "pull_quote", *PRINT_KEYS}
_LEAFLET_EXAMPLE = "leaflet:\n    document: may-day-leaflet\n    page_size: A5\n    sides: 2"


@dataclass(frozen=True)
class SectionPlan:
    title: str
    documents: tuple[Path, ...]  # relative to documents/


@dataclass(frozen=True)
class LeafletPlan:
    """The manifest's `leaflet:` entry: one document laid out as a one-sheet handout."""

    document: Path  # relative to documents/
    sides: int = 1  # printed on one side or both
    columns: int = 1
    standfirst: str = ""  # plain text; the document's subtitle or summary when empty
    pull_quote: str = ""
    pdf: PrintSettings = field(default_factory=PrintSettings)


@dataclass(frozen=True)
class IssueManifest:
    path: Path
    slug: str
    number: int
    title: str
    date: dt.date
    language: str | None
    editorial: str  # Markdown
    summary: str
    sections: tuple[SectionPlan, ...]
    cover: Path | None  # absolute, inside the workspace
    pdf: PrintSettings = field(default_factory=PrintSettings)  # print options, this issue
    leaflet: LeafletPlan | None = None

    @property
    def documents(self) -> tuple[Path, ...]:
        """Every document the issue's outputs need: its sections', then the leaflet's."""
        listed = [doc for section in self.sections for doc in section.documents]
        if self.leaflet:
            listed.append(self.leaflet.document)
        return tuple(dict.fromkeys(listed))


def manifest_paths(issues_dir: Path) -> list[Path]:
    if not issues_dir.is_dir():
        return []
    return sorted(p for p in issues_dir.iterdir() if p.suffix in MANIFEST_SUFFIXES and p.is_file())


def load_manifests(issues_dir: Path, pool: DocumentPool, workspace: Path) -> list[IssueManifest]:
    """Load and validate every manifest; raise one error listing all problems found."""
    manifests: list[IssueManifest] = []
    problems: list[Problem] = []
    for path in manifest_paths(issues_dir):
        try:
            manifests.append(load_manifest(path, pool, workspace))
        except PublisherError as exc:
            problems.extend(exc.problems)
    seen: dict[int, IssueManifest] = {}
    for manifest in manifests:
        if manifest.number in seen:
            problems.append(
                Problem(
                    f"issue number {manifest.number} is also used by {seen[manifest.number].path.name}",
                    manifest.path,
                    _line_of(manifest.path, "number"),
                    "give each issue its own number",
                )
            )
        seen[manifest.number] = manifest
    if problems:
        raise PublisherError(*problems)
    return sorted(manifests, key=lambda m: (m.date, m.number), reverse=True)


def load_manifest(path: Path, pool: DocumentPool, workspace: Path) -> IssueManifest:
    source = parse_file(path)
    problems: list[Problem] = []

    def problem(message: str, *key: Any, hint: str | None = None) -> None:
        problems.append(Problem(message, path, source.line(*key), hint))

    data = source.data
    for key in data:
        if key not in _KEYS:
            problem(
                f"unknown key {key!r}",
                key,
                hint=near_misses(str(key), _KEYS) or f"known keys: {', '.join(sorted(_KEYS))}",
            )

    number = data.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number < 0:
        problem("'number' must be a whole number, e.g. number: 149", "number")
    title = data.get("title")
    if not isinstance(title, str) or not title.strip():
        problem(
            "'title' is required and must be text", "title", hint='title: "Against the war drive"'
        )
    elif "\n" in title.strip() or "\r" in title:  # it becomes the email's Subject header
        problem("'title' must be a single line", "title", hint="remove the line break")
    elif len(title) > DEFAULT_LIMITS.title_length:  # it is the email's subject, too
        problem(
            f"'title' is {len(title):,} characters long; at most"
            f" {DEFAULT_LIMITS.title_length} make a title",
            "title",
            hint="put the rest in the summary or the editorial",
        )
    else:
        warn_bidi_override(title, f"{path}:{source.line('title')}", "title")
    date = _date(data.get("date"))
    if date is None:
        problem(
            f"'date' must be a date, got {data.get('date')!r}",
            "date",
            hint="write it as YYYY-MM-DD, e.g. date: 2026-02-22",
        )
    language = data.get("language")
    if language is not None:
        try:
            language = checked_language(language)
        except NotALanguage as exc:
            problem(str(exc), "language", hint=exc.hint)
    for key in ("editorial", "summary"):
        if not isinstance(data.get(key, ""), str):
            problem(f"'{key}' must be text (use '|' for several paragraphs)", key)

    sections = _sections(source, pool, problem)
    cover = _cover(data.get("cover"), workspace, problem)
    pdf = _print_settings(data.get("pdf"), ("pdf",), problem)
    leaflet = _leaflet(data.get("leaflet"), pool, problem)
    if problems:
        raise PublisherError(*problems)
    return IssueManifest(
        path=path,
        slug=slugify(path.stem) or path.stem,
        number=number,
        title=str(title).strip(),
        date=date,  # type: ignore[arg-type]  # checked above
        language=language,
        editorial=data.get("editorial", "") or "",
        summary=data.get("summary", "") or "",
        sections=sections,
        cover=cover,
        pdf=pdf,
        leaflet=leaflet,
    )


def _print_settings(value: Any, where: tuple[str, ...], problem: Any) -> PrintSettings:
    if value is None:
        return PrintSettings()
    if not isinstance(value, dict):
        problem(f"'{where[-1]}' must be a mapping of print settings", *where)
        return PrintSettings()
    if where == ("pdf",):
        for key in value:
            if key not in PRINT_KEYS:
                problem(
                    f"unknown print setting {key!r}",
                    *where,
                    key,
                    hint=near_misses(str(key), set(PRINT_KEYS))
                    or f"print settings: {', '.join(PRINT_KEYS)}",
                )
    return parse_settings(
        value, lambda message, key, hint=None: problem(message, *where, key, hint=hint)
    )


def _leaflet(value: Any, pool: DocumentPool, problem: Any) -> LeafletPlan | None:
    """`leaflet: slug` or a mapping with `document` and layout and print settings."""
    if value is None:
        return None
    if isinstance(value, str):
        value = {"document": value}
    if not isinstance(value, dict) or "document" not in value:
        problem("'leaflet' needs a document", "leaflet", hint=_LEAFLET_EXAMPLE)
        return None
    for key in value:
        if key not in _LEAFLET_KEYS:
            problem(
                f"unknown leaflet key {key!r}",
                "leaflet",
                key,
                hint=near_misses(str(key), _LEAFLET_KEYS)
                or f"leaflet keys: {', '.join(sorted(_LEAFLET_KEYS))}",
            )
    try:
        document = pool.resolve(str(value["document"]))
    except UnresolvedReference as exc:
        problem(str(exc), "leaflet", "document", hint=exc.hint)
        return None
    layout: dict[str, Any] = {}
    for key, allowed in (("sides", (1, 2)), ("columns", (1, 2))):
        if key in value:
            if value[key] not in allowed or isinstance(value[key], bool):
                problem(f"leaflet {key} must be 1 or 2, not {value[key]!r}", "leaflet", key)
            else:
                layout[key] = value[key]
    for key in ("standfirst", "pull_quote"):
        if key in value:
            if isinstance(value[key], str):
                layout[key] = value[key].strip()
            else:
                problem(f"leaflet {key} must be text", "leaflet", key)
    if value.get("impose") == "booklet":
        problem(
            "a leaflet is one sheet: it cannot be imposed as a booklet",
            "leaflet",
            "impose",
            hint="use 2up (A5 on A4) or 4up (A6 on A4), or put impose: booklet under pdf:",
        )
    settings = _print_settings(value, ("leaflet",), problem)
    return LeafletPlan(document, **layout, pdf=settings)


def _sections(source: SourceData, pool: DocumentPool, problem: Any) -> tuple[SectionPlan, ...]:
    raw_sections = source.data.get("sections")
    if not isinstance(raw_sections, list) or not raw_sections:
        problem(
            "'sections' must list at least one section",
            "sections",
            hint="sections:\n    - title: News\n      documents: [my-article]",
        )
        return ()
    plans: list[SectionPlan] = []
    used: dict[Path, int] = {}
    slugs: dict[str, Path] = {}
    for s_index, section in enumerate(raw_sections):
        where = ("sections", s_index)
        if not isinstance(section, dict):
            problem("each section needs 'title' and 'documents'", *where)
            continue
        for key in section:
            if key not in _SECTION_KEYS:
                problem(
                    f"unknown section key {key!r}",
                    *where,
                    key,
                    hint=near_misses(str(key), _SECTION_KEYS)
                    or "a section has title and documents",
                )
        title = section.get("title")
        if not isinstance(title, str) or not title.strip():
            problem("section 'title' is required", *where)
        refs = section.get("documents")
        if not isinstance(refs, list) or not refs:
            problem("section 'documents' must list at least one document", *where, "documents")
            continue
        resolved: list[Path] = []
        for d_index, ref in enumerate(refs):
            key = (*where, "documents", d_index)
            try:
                doc = pool.resolve(str(ref))
            except UnresolvedReference as exc:
                problem(str(exc), *key, hint=exc.hint)
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
        plans.append(SectionPlan(str(title or "").strip(), tuple(resolved)))
    return tuple(plans)


def _cover(value: Any, workspace: Path, problem: Any) -> Path | None:
    if value is None:
        return None
    if not isinstance(value, str):
        problem("'cover' must be a path to an image", "cover")
        return None
    path = (workspace / value).resolve()
    if not path.is_relative_to(workspace.resolve()):
        problem(
            f"cover {value!r} is outside the workspace",
            "cover",
            hint="put the image in the workspace, e.g. documents/media/cover.jpg",
        )
    elif path.suffix.lower() not in (".jpg", ".jpeg", ".png", ".gif", ".webp"):
        problem(f"cover {value!r} is not a JPEG, PNG, GIF or WebP image", "cover")
    elif not path.is_file():
        problem(
            f"cover image {value!r} does not exist",
            "cover",
            hint="paths are relative to the workspace folder",
        )
    else:
        return path
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _line_of(path: Path, key: str) -> int | None:
    pattern = re.compile(rf"^{key}\s*[:=]")
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if pattern.match(line):
            return number
    return None
