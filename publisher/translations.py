"""Which documents translate which, and whether each translation still matches its original.

A translation is found, as Hugo finds them,

- by its file name: `name.es.md` beside `name.md` (in a Hugo bundle `x/index.es.md` beside
  `x/index.md`);
- by its folder: a document under a top-level folder named by a two-letter language tag
  (`fr/`, `es/`, `pt-br/`: Hugo's "translation by content directory"), or under one right
  inside a `content/` folder (`content/fr/`: Hugo's `contentDir` per language), is in that
  language, and the translation of the document at the same path without that folder
  (`fr/posts/x.md` of `posts/x.md`);
- by `translation_of: name` in its front matter;
- by Hugo's `translationKey`: documents that share one are translations of the one among
  them whose path names no language (one such, or it is an error: which is the original?);
  when every one of them is in a language folder (`en/`, `es/`, `fr/`), of the one an issue
  names, else of the one in the newsletter's language.

It records the original it was made from as `original_hash: sha256:…`; when the original
changes, the hash no longer matches and the translation is outdated. A translation whose
front matter marks it as a draft is found, but no edition publishes it yet.

This runs on every build, so it never calls pandoc: only files that may be translations
have their front matter parsed, and what was parsed is kept while the file is unchanged.
"""

from __future__ import annotations

import difflib
import logging
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from . import textfiles
from .controls import strip_controls
from .errors import Problem, PublisherError
from .front_matter import split_front_matter
from .languages import (
    NotALanguage,
    checked_language,
    file_name_language,
    folder_language,
    language_folder,
    named_in_a_path,
    outside_language_folder,
    same_language,
)
from .original_hash import original_hash, records
from .paths import composed
from .pool import DocumentPool, UnresolvedReference
from .readers.metadata import (
    ALIASES,
    marked_draft,  # the build's own test
)
from .sites import HUGO_CONFIGS

if TYPE_CHECKING:
    from .manifest import IssueManifest

log = logging.getLogger(__name__)

HASH_KEY = "original_hash"
REFERENCE_KEY = "translation_of"
GROUP_KEY = "translationKey"  # Hugo's
_FRONT_MATTER_SUFFIXES = (".md", ".markdown")

Status = Literal["current", "outdated"]


@dataclass(frozen=True)
class Translation:
    original: Path  # relative to documents/, as DocumentPool/manifests name documents
    language: str  # canonical BCP 47 tag of the translation ("es", "pt-BR")
    path: Path  # the translation's file, relative to documents/
    recorded_hash: str  # its front matter `original_hash:` ("" when absent)
    draft: bool = False  # its front matter marks it unfinished: editions show the original


def status(t: Translation, pool_root: Path) -> Status:
    """Outdated when the original's hash is not the one recorded. A translation that
    records none is "current": unknown is not outdated (`list` says no hash is recorded)."""
    recorded = t.recorded_hash.strip().lower()
    if not recorded or records(recorded, pool_root / t.original):
        return "current"
    return "outdated"


def hash_line(t: Translation, pool_root: Path) -> str:
    """The line to put in the translation's front matter now, in its front matter's syntax."""
    value = original_hash(pool_root / t.original)
    head = _head(pool_root / t.path)
    if head.startswith("+++"):
        return f'{HASH_KEY} = "{value}"'
    if head.startswith("{"):  # Hugo's JSON front matter
        return f'"{HASH_KEY}": "{value}",'
    return f"{HASH_KEY}: {value}"


def find_translations(
    pool: DocumentPool, named: Collection[Path] = (), language: str = ""
) -> dict[Path, dict[str, Translation]]:
    """original → {language: Translation}, found as the module's docstring says. `named`
    (the documents the issues name) and `language` (the newsletter's) say which of a
    `translationKey`'s documents is the original when each is in its language's folder.

    Every problem (a reference to no document, a translation without a language, two
    translations into one language) is raised together, each with its file and line."""
    originals = _originals_by_name(pool.files)
    found: dict[Path, dict[str, Translation]] = {}
    problems: list[Problem] = []
    grouped: dict[str, list[tuple[Path, _Front]]] = {}  # translationKey → its documents
    for relative in pool.files:
        try:
            translation, front = _translation(pool, relative, originals)
        except PublisherError as exc:
            problems.extend(exc.problems)
            continue
        if front is not None and front.group:
            grouped.setdefault(front.group, []).append((relative, front))
        if translation is not None:
            problems.extend(_added(found, translation, pool.root))
        elif front is None or not (front.reference or front.group):
            _say_if_lost(pool, relative, originals)
            _say_if_named_otherwise(pool, relative, originals, named)
    for groups in (grouped, _by_same_path(pool)):
        try:
            for translation in _by_translation_key(pool.root, groups, found, named, language):
                problems.extend(_added(found, translation, pool.root))
        except PublisherError as exc:
            problems.extend(exc.problems)
    problems.extend(_translations_of_translations(pool.root, found))
    if problems:
        raise PublisherError(*problems)
    return found


def _added(
    found: dict[Path, dict[str, Translation]], translation: Translation, root: Path
) -> list[Problem]:
    """`translation` put in `found`, or the problem of a second one into its language."""
    same = found.setdefault(translation.original, {})
    if translation.language in same:
        other = same[translation.language].path.as_posix()
        return [
            Problem(
                f"{translation.original.as_posix()} has two translations into"
                f" {translation.language}: {other} and {translation.path.as_posix()}",
                root / translation.path,
                None,
                "keep one, or give the other its own language",
            )
        ]
    same[translation.language] = translation
    return []


def _translation(
    pool: DocumentPool, relative: Path, originals: dict[tuple[str, str], list[Path]]
) -> tuple[Translation | None, _Front | None]:
    """The translation `relative` is by its front matter's `translation_of`, its name or its
    folder (None when it is none of those), and its front matter's translation keys."""
    path = pool.root / relative
    named = path_language(relative)
    by_path = _original_by_path(relative, originals) if named else None
    front = _front_matter(path, candidate=by_path is not None)
    if front is None or (front.reference is None and by_path is None):
        return None, front
    if front.reference is not None:
        original = _referenced(pool, relative, front)
        language = _language(pool.root, relative, front, original)
        if language is None:
            raise PublisherError.at(
                f"{relative.as_posix()} is a translation but says not into which language",
                path,
                front.reference_line,
                "add its language to the front matter, e.g. lang: es",
            )
    else:
        assert by_path is not None and named is not None
        original, language = by_path, _language(pool.root, relative, front, by_path) or named
    return Translation(original, language, relative, front.recorded_hash, front.draft), front


def _language(root: Path, relative: Path, front: _Front, original: Path) -> str | None:
    """The language of `relative`, the translation of `original`: its front matter's, else
    its path's. When they name different languages, the front matter's is taken, with a
    warning at its line: a Spanish file still saying `lang: fr` (copied from the French
    one) translated nothing in the Spanish edition, which showed the original, unsaid."""
    named = path_language(relative)
    if front.language and named and not same_language(front.language, named):
        by_name = file_name_language(relative) is not None
        base = Path(relative.stem).stem
        fix = (
            f"name it {base}.{front.language.lower()}{relative.suffix}"
            if by_name
            else f"move it into a {front.language.lower()}/ folder"
        )
        log.warning(
            "%s:%s: its %s makes it the %s translation of %s, but its front matter says"
            " %s: %s, so it is read as the %s translation and the %s edition shows the"
            " original; write %s: %s, or %s",
            root / relative,
            front.language_line,
            "name" if by_name else "folder",
            named,
            original.as_posix(),
            front.language_key,
            front.language,
            front.language,
            named,
            front.language_key,
            named,
            fix,
        )
    return front.language or named


def _say_if_lost(
    pool: DocumentPool, relative: Path, originals: dict[tuple[str, str], list[Path]]
) -> None:
    """Warn of a file named as a translation (`name.es.md`) of no document, when it is one
    by its front matter's `original_hash` or by a document its name nearly matches: left
    behind when its original was renamed, it goes unused and the edition shows the
    original untranslated. A document of its own in a language (`about.fr.md`) is none."""
    named = file_name_language(relative)
    if named is None or _original_by_path(relative, originals) is not None:
        return
    front = _front_matter(pool.root / relative, candidate=True) or _NOTHING
    base = Path(relative.stem).stem
    likely = _likely_original(pool, relative, front.recorded_hash, originals)
    if likely is None and not front.recorded_hash:
        return
    if likely is None:
        fix = f"rename it after the document it translates (name{relative.name[len(base) :]})"
        reference = "name"
    else:
        renamed = relative.with_name(likely.stem + relative.name[len(base) :])
        fix = f"rename it {renamed.as_posix()}"
        reference = likely.with_suffix("").as_posix()
    log.warning(
        "%s is named as the %s translation of %s, which is no document: no edition uses it;"
        " %s, or write in its front matter %s: %s",
        pool.root / relative,
        named,
        (relative.parent / base).as_posix(),
        fix,
        REFERENCE_KEY,
        reference,
    )


def _likely_original(
    pool: DocumentPool,
    relative: Path,
    recorded_hash: str,
    originals: dict[tuple[str, str], list[Path]],
) -> Path | None:
    """The document a lost translation was probably made from: the one whose text is what
    its `original_hash` records (a renamed original, unchanged), else the one in its folder
    whose name is nearest its own."""
    candidates = sorted(file for files in originals.values() for file in files if file != relative)
    if recorded_hash:
        for file in candidates:
            if records(recorded_hash.strip().lower(), pool.root / file):
                return file
    return _nearest_beside(relative, Path(relative.stem).stem, candidates)


def _nearest_beside(relative: Path, base: str, candidates: Iterable[Path]) -> Path | None:
    """The candidate in `relative`'s folder whose name is nearest `base`: a translation's
    name is its original's, give or take a typo or a rename."""
    beside = {composed(f.stem): f for f in candidates if f.parent == relative.parent}
    close = difflib.get_close_matches(composed(base), sorted(beside), n=1, cutoff=0.6)
    return beside[close[0]] if close else None


# `welcome-fr.md`, `welcome_fr.md`, `welcome (fr).md`: how sites and translators often name
# a translation, which only `welcome.fr.md` is (as Hugo has it)
_TAG = r"[A-Za-z]{2}(?:[-_][A-Za-z]{2})?"
_LANGUAGE_SUFFIX = re.compile(
    rf"(?P<base>.+?)(?:[-_ ](?P<tag>{_TAG})|\s*\((?P<bracketed>{_TAG})\))"
)


def _say_if_named_otherwise(
    pool: DocumentPool,
    relative: Path,
    originals: dict[tuple[str, str], list[Path]],
    named: Collection[Path],
) -> None:
    """Warn of a file named as translations often are but not as this one reads them
    (`welcome-fr.md`) when its name is, but for its language, near that of a document an
    issue names, and its front matter says no other language: it goes unused, and the
    edition shows the original untranslated, unsaid."""
    match = _LANGUAGE_SUFFIX.fullmatch(relative.stem)
    if match is None or file_name_language(relative) is not None:
        return
    language = named_in_a_path(match["tag"] or match["bracketed"])
    if language is None:
        return
    front = _front_matter(pool.root / relative, candidate=True) or _NOTHING
    if front.language and not same_language(front.language, language):
        return  # first-article-uk.md in British English
    exact = originals.get(_name_key(relative.parent, match["base"]), [])
    issued = [file for file in exact if file in named]
    if not issued and front.language:  # said to be in that language: a typo'd name too
        candidates = (file for files in originals.values() for file in files if file in named)
        issued = [near] if (near := _nearest_beside(relative, match["base"], candidates)) else []
    if not issued:
        return
    original = issued[0]
    renamed = relative.with_name(f"{original.stem}.{language.lower()}{relative.suffix}")
    log.warning(
        "%s looks like the %s translation of %s, but is not named as one: no edition uses"
        " it; rename it %s, or write in its front matter %s: %s",
        pool.root / relative,
        language,
        original.with_suffix("").as_posix(),
        renamed.as_posix(),
        REFERENCE_KEY,
        original.with_suffix("").as_posix(),
    )


def _by_translation_key(
    root: Path,
    grouped: dict[str, list[tuple[Path, _Front]]],
    found: dict[Path, dict[str, Translation]],
    named: Collection[Path],
    language: str,
) -> list[Translation]:
    """The translations Hugo's `translationKey` makes: in each group of documents sharing
    one, those found no other way translate the one whose path names no language, or,
    every one being in a language, the one an issue names or in the newsletter's language
    (`_original_among`)."""
    known = {t.path for by_language in found.values() for t in by_language.values()}
    made: list[Translation] = []
    problems: list[Problem] = []
    for key, members in grouped.items():
        free = [(relative, front) for relative, front in members if relative not in known]
        unmarked = [(relative, front) for relative, front in free if not path_language(relative)]
        if len(members) < 2:
            continue
        if len(unmarked) > 1:
            problems.append(_no_original(root, key, unmarked))
            continue
        original = unmarked[0][0] if unmarked else _original_among(free, named, language)
        if original is None:
            continue  # none an issue names, none in the newsletter's language: none is used
        for relative, front in free:
            if relative == original:
                continue
            into = _language(root, relative, front, original)
            assert into is not None  # it is in a language folder or named with one
            made.append(Translation(original, into, relative, front.recorded_hash, front.draft))
    if problems:
        raise PublisherError(*problems)
    return made


def _by_same_path(pool: DocumentPool) -> dict[str, list[tuple[Path, _Front]]]:
    """Documents at one path in several language folders, and at none outside them
    (content/en/posts/x.md, content/es/posts/x.md), grouped as a `translationKey` groups
    them: Hugo takes them for translations of one another, with no key to say so, and
    none of them names no language to be the original (`_original_by_path`)."""
    paths = set(pool.files)
    by_path: dict[Path, list[Path]] = {}
    for relative in pool.files:
        if language_folder(relative) is not None and file_name_language(relative) is None:
            by_path.setdefault(outside_language_folder(relative), []).append(relative)
    return {
        rest.as_posix(): [
            (file, _front_matter(pool.root / file, candidate=True) or _NOTHING) for file in files
        ]
        for rest, files in by_path.items()
        if len(files) > 1 and rest not in paths
    }


def _original_among(
    members: list[tuple[Path, _Front]], named: Collection[Path], language: str
) -> Path | None:
    """The original of documents each in its language (Hugo's `content/en/`, `content/es/`):
    the one an issue names, else the one in the newsletter's language."""
    chosen = [relative for relative, _ in members if relative in named]
    if len(chosen) != 1 and language:
        chosen = [
            relative
            for relative, front in members
            if same_language(front.language or path_language(relative) or "", language)
        ]
    return chosen[0] if len(chosen) == 1 else None


def _no_original(root: Path, key: str, unmarked: list[tuple[Path, _Front]]) -> Problem:
    """Several documents of one translationKey without a language in their path: any of
    them could be the original."""
    names = " and ".join(relative.as_posix() for relative, _ in unmarked)
    first = unmarked[0][0].with_suffix("").as_posix()
    second, front = unmarked[1]
    return Problem(
        f"{GROUP_KEY} {key!r} is shared by {names}, and none of them has its language in its"
        " path: which one is the original, which the translations?",
        root / second,
        front.group_line,
        "put a translation in its language's folder (fr/...) or name it with its language"
        f" (name.fr.md), or write in its front matter {REFERENCE_KEY}: {first}",
    )


def _referenced(pool: DocumentPool, relative: Path, front: _Front) -> Path:
    """The document `translation_of:` names, resolved as a manifest's reference is."""
    path = pool.root / relative
    try:
        original = pool.resolve(str(front.reference))
    except UnresolvedReference as exc:
        raise PublisherError.at(
            f"{REFERENCE_KEY}: {exc}", path, front.reference_line, exc.hint
        ) from None
    if original == relative:
        raise PublisherError.at(
            f"{REFERENCE_KEY}: {front.reference!r} is this document itself",
            path,
            front.reference_line,
            "name the document this one translates",
        )
    return original


def _translations_of_translations(
    root: Path, found: dict[Path, dict[str, Translation]]
) -> Iterable[Problem]:
    """A translation made from another translation names the wrong original: the hash it
    records would follow the intermediate text, not the original's."""
    translated = {t.path: t for by_language in found.values() for t in by_language.values()}
    for original, by_language in found.items():
        if original in translated:
            first = translated[original]
            for t in by_language.values():
                yield Problem(
                    f"{t.path.as_posix()} is a translation of {original.as_posix()}, which"
                    f" is itself a translation of {first.original.as_posix()}",
                    root / t.path,
                    None,
                    f"name the original: {REFERENCE_KEY}: {first.original.with_suffix('')}",
                )


def _originals_by_name(files: Iterable[Path]) -> dict[tuple[str, str], list[Path]]:
    """(folder, stem), composed (paths.composed) → the files without a language in their
    name: what `name.es.md` may be the translation of."""
    index: dict[tuple[str, str], list[Path]] = {}
    for file in files:
        if file_name_language(file) is None:
            index.setdefault(_name_key(file.parent, file.stem), []).append(file)
    return index


def path_language(relative: Path) -> str | None:
    """The language a document's path gives (relative to documents/): its file name's
    (`name.es.md`), else its top-level folder's (`fr/posts/x.md`)."""
    return file_name_language(relative) or folder_language(relative)


def language_folders(pool: DocumentPool, language: str) -> set[Path]:
    """The folders of documents/ that are language folders as Hugo's translation by content
    directory has them: named by a language (`folder_language`), and holding a document at
    a path that is also outside them (`fr/posts/x.md` beside `posts/x.md`) or in another
    language folder beside them (`en/news/_index.md` and `es/news/_index.md`: then `fr/`
    beside them is one too); or right inside a `content/` folder whose every document is
    in such a folder, one of them in the newsletter's `language` or each declared by the
    site's configuration (Hugo's `contentDir` per language, `content/fa/` beside
    `content/en/`, whose posts may be named in their own language). A union's `uk/` or
    `it/` of its own documents, or its `content/uk/` and `content/eu/` news, is no
    Ukrainian, Italian or Basque."""
    paths = set(pool.files)
    outside: dict[Path, set[Path]] = {}  # path without its language folder → those folders
    contents: dict[Path, bool] = {}  # a content/ folder → whether all it holds is in them
    for path in paths:
        folder = language_folder(path)
        if folder is not None:
            outside.setdefault(outside_language_folder(path), set()).add(folder)
        for content in (p for p in path.parents if p.name.lower() == "content"):
            in_language = folder is not None and folder.parent == content
            contents[content] = contents.get(content, True) and in_language
    mirroring = {
        folder
        for rest, folders in outside.items()
        if rest in paths or len(folders) > 1
        for folder in folders
    }
    parents = {folder.parent for folder in mirroring}
    named = {f for folders in outside.values() for f in folders}  # each once: not per file
    beside = {f for f in named if f.parent in parents}
    own = language.split("-")[0].lower()
    in_own = {
        f.parent for f in named if (named_in_a_path(f.name) or "").split("-")[0].lower() == own
    }
    per_language = {
        f
        for f in named
        if contents.get(f.parent) and (f.parent in in_own or _declared(pool.root, f))
    }
    return mirroring | beside | per_language


def _declared(root: Path, folder: Path) -> bool:
    """Whether the Hugo site `folder` (`content/fa`) was copied with names it as a language's
    `contentDir`, in its configuration beside `content/` (hugo.toml, config/_default/…)."""
    site = root / folder.parent.parent
    configs = [site / name for name in HUGO_CONFIGS]
    configs += sorted((site / "config" / "_default").glob("*.*"))
    wanted = re.compile(  # contentDir = "content/fa", contentDir: content/fa, "contentDir": …
        r"""contentDir["']?\s*[=:]\s*["']?(?:\./)?"""
        + re.escape(f"{folder.parent.name}/{folder.name}")
        + r"""["'/\s]"""
    )
    for config in configs:
        try:
            if wanted.search(config.read_text(encoding="utf-8", errors="replace")):
                return True
        except OSError:
            continue
    return False


def _original_by_path(relative: Path, originals: dict[tuple[str, str], list[Path]]) -> Path | None:
    """`name.md` for `name.es.md`, `posts/x.md` for `fr/posts/x.md` (the same kind of file
    first, when several are there)."""
    if file_name_language(relative):
        folder, base = relative.parent, Path(relative.stem).stem
    else:  # in a language folder
        folder, base = outside_language_folder(relative).parent, relative.stem
    candidates = originals.get(_name_key(folder, base), [])
    same_kind = [c for c in candidates if c.suffix.lower() == relative.suffix.lower()]
    chosen = same_kind or candidates
    return chosen[0] if chosen else None


def _name_key(folder: Path, stem: str) -> tuple[str, str]:
    return composed(folder.as_posix()), composed(stem)


@dataclass(frozen=True)
class _Front:
    """The front matter keys a translation is known by."""

    reference: str | None = None  # translation_of
    reference_line: int | None = None
    language: str | None = None
    language_key: str = ""  # the key that gives it (`lang`, `language`), and its line
    language_line: int | None = None
    recorded_hash: str = ""
    group: str = ""  # Hugo's translationKey
    group_line: int | None = None
    draft: bool = False


_NOTHING = _Front()
_cache: dict[tuple[Path, bool], tuple[tuple[int, int], _Front | None]] = {}


def _front_matter(path: Path, candidate: bool) -> _Front | None:
    """The translation keys of a file's front matter (`_NOTHING` when it has none); None
    for a file that is no translation: not a `candidate` by its path, and no
    `translation_of` or `translationKey` in its text. Kept while the file's modification
    time and size stay."""
    if path.suffix.lower() not in _FRONT_MATTER_SUFFIXES:
        return _NOTHING if candidate else None
    stat = path.stat()
    key = (stat.st_mtime_ns, stat.st_size)
    cached = _cache.get((path, candidate))
    if cached is None or cached[0] != key:
        cached = (key, _parse(path, candidate))
        _cache[(path, candidate)] = cached
    return cached[1]


def _parse(path: Path, candidate: bool) -> _Front | None:
    try:
        text = textfiles.read_text(path)
    except PublisherError:
        text = ""  # the reader says so, naming the byte, when an issue uses the file
    if not candidate and REFERENCE_KEY not in text and GROUP_KEY not in text:
        return None  # most documents: no front matter is parsed
    front, _ = split_front_matter(strip_controls(text)[0], path)
    if front is None:
        return _NOTHING if candidate else None
    source = front.parse(path)
    meta = source.data
    reference = meta.get(REFERENCE_KEY)
    if reference is not None and (not isinstance(reference, str) or not reference.strip()):
        raise source.error(
            f"'{REFERENCE_KEY}' must name one document", REFERENCE_KEY,
            hint=f"{REFERENCE_KEY}: cleaners-strike-statement",
        )  # fmt: skip
    group = meta.get(GROUP_KEY)
    group = group.strip() if isinstance(group, str) else ""
    if reference is None and not group and not candidate:
        return None  # `translation_of` or `translationKey` was only in the text
    recorded = meta.get(HASH_KEY, "")
    language, language_key = None, ""
    for key in ALIASES["language"]:  # as the readers take them, first found wins
        if meta.get(key) is not None:
            try:
                language, language_key = checked_language(meta[key]), key
            except NotALanguage as exc:
                raise source.error(str(exc), key, hint=exc.hint) from None
            break
    return _Front(
        reference.strip() if reference else None,
        source.line(REFERENCE_KEY) if reference else None,
        language,
        language_key,
        source.line(language_key) if language_key else None,
        str(recorded).strip() if recorded else "",
        group,
        source.line(GROUP_KEY) if group else None,
        marked_draft(meta, path),
    )


def _head(path: Path) -> str:
    return textfiles.beginning(path, 16).lstrip()


def in_other_languages(
    document: Path,
    found: dict[Path, dict[str, Translation]],
    pool_root: Path,
    newsletter_language: str,
) -> dict[str, Translation]:
    """The files an edition may show `document` as, by language: its translations; for a
    translation an issue names (`port.es.md` in a Spanish issue), its original, in the
    language the build reads it in, and the original's other translations: the English
    edition of that issue showed the Spanish text, said to be untranslated."""
    if document in found:
        return found[document]
    for original, by_language in found.items():
        siblings = {lang: t for lang, t in by_language.items() if t.path != document}
        if len(siblings) == len(by_language):
            continue  # not one of its translations
        written = _written_in(pool_root, original, newsletter_language)
        return {written: Translation(document, written, original, "")} | siblings
    return {}


def translation_for(available: dict[str, Translation], language: str) -> Translation | None:
    """The translation an edition in `language` uses: one into exactly that language, else
    one into a regional form of it (`es-ES` serves `es`)."""
    if language in available:
        return available[language]
    primary = language.split("-")[0]
    regional = [t for tag, t in sorted(available.items()) if tag.split("-")[0] == primary]
    return regional[0] if regional else None


def editions_using(
    pool: DocumentPool, manifests: Iterable[IssueManifest], language: str
) -> dict[Path, list[str]]:
    """translation → the editions that publish it (`041-no-poverty-pay (es)`): a translation
    an edition uses is in an issue, not one to tidy away. Translation problems are the
    build's to name: none is found then."""
    manifests = list(manifests)
    named = {d for m in manifests for d in m.documents}
    try:
        found = find_translations(pool, named, language)
    except PublisherError:
        return {}
    using: dict[Path, list[str]] = {}
    for manifest in manifests:
        for edition in manifest.editions:
            for document in manifest.documents:
                if t := translation_for(found.get(document, {}), edition):
                    using.setdefault(t.path, []).append(f"{manifest.slug} ({edition})")
    return using


State = Literal["translated", "outdated", "draft", "missing", "written in it"]
READY: tuple[State, ...] = ("translated", "written in it")  # what an edition publishes as such


@dataclass(frozen=True)
class EditionEntry:
    """One document of an issue, as one of its editions has it (`publisher list
    --translations`)."""

    document: Path  # the original, relative to documents/
    state: State
    translation: Translation | None = None
    # the line to put in the translation's front matter when its hash is outdated or not
    # recorded; "" when it is right, or when the file has no front matter to put it in
    hash_line: str = ""

    @property
    def recorded(self) -> bool:
        return self.translation is not None and bool(self.translation.recorded_hash)


def edition_entries(
    documents: Iterable[Path],
    language: str,
    found: dict[Path, dict[str, Translation]],
    pool_root: Path,
    newsletter_language: str,
) -> list[EditionEntry]:
    """Each document of an issue in its edition in `language`: translated (and whether the
    translation still matches its original), a draft (the build shows the original until it
    is not), missing, or already written in that language (one that does not say its
    language is in the newsletter's, as the build reads it)."""
    entries = []
    for document in documents:
        t = translation_for(found.get(document, {}), language)
        if t is None:
            written = _written_in(pool_root, document, newsletter_language)
            same = same_language(written, language)
            entries.append(EditionEntry(document, "written in it" if same else "missing"))
            continue
        current = status(t, pool_root) == "current"
        state: State = "draft" if t.draft else "translated" if current else "outdated"
        line = ""
        if (not current or not t.recorded_hash) and _has_front_matter_kind(t.path):
            line = hash_line(t, pool_root)
        entries.append(EditionEntry(document, state, t, line))
    return entries


def _written_in(pool_root: Path, document: Path, newsletter_language: str) -> str:
    """The language the build reads `document` in: the one its name or front matter says,
    else the one its letters or its words show against its folder's or the newsletter's (a
    Farsi statement without `lang:` in an English newsletter, "read as Persian (fa) by its
    letters"; a Spanish one, "by its words"), else that one."""
    around = folder_language(document) or newsletter_language
    path = pool_root / document
    return document_language(path) or _language_told(path, around) or around


def _language_told(path: Path, language: str) -> str | None:
    """The language a Markdown or plain text document is written in when its letters run
    the other way from `language`'s or its words plainly tell another, as the build finds
    it (without pandoc: its text as written); None when they do not, or for other kinds of
    file."""
    from .readers.directions import language_told

    if (read := _front_matter_and_body(path)) is None:
        return None
    meta, body = read
    told = language_told([str(meta.get("title") or ""), *body.split("\n\n")], language)
    return told[0] if told else None


def _front_matter_and_body(path: Path) -> tuple[dict[str, object], str] | None:
    """A Markdown or plain text document's front matter and the text after it, as the build
    reads them (a `.txt` has front matter only when its editor wrote some:
    `plain_text_front_matter`); None for other kinds of file, and for one that cannot be
    read (the build says what is wrong with it)."""
    from .front_matter import plain_text_front_matter
    from .readers.metadata import KNOWN_KEYS

    plain = path.suffix.lower() == ".txt"
    if not (plain or _has_front_matter_kind(path)):
        return None
    try:
        text = strip_controls(textfiles.read_text(path))[0]
        front, body = (
            plain_text_front_matter(text, KNOWN_KEYS) if plain else split_front_matter(text, path)
        )
        return (front.parse(path).data if front else {}), body
    except (OSError, PublisherError):
        return None


def _office_language(path: Path) -> str | None:
    from .readers.pandoc_formats import docx_properties, odt_properties

    try:
        docx = path.suffix.lower() == ".docx"
        written = (docx_properties(path) if docx else odt_properties(path)).get("lang", "")
        return checked_language(written) if written else None
    except (OSError, PublisherError, NotALanguage):
        return None  # damaged: the build says so, or takes the newsletter's language


def document_language(path: Path) -> str | None:
    """A document's language as far as its name and front matter (a `.txt`'s too) say,
    without converting it (None: not said, so the newsletter's or the issue's)."""
    named = file_name_language(path)
    if path.suffix.lower() in (".docx", ".odt"):  # its properties, as the build reads them
        return named or _office_language(path)
    meta = read[0] if (read := _front_matter_and_body(path)) else {}
    for key in ALIASES["language"]:  # as the readers take them, first found wins
        if meta.get(key) is not None:
            try:
                return checked_language(meta[key])
            except NotALanguage:
                break  # the build says what is wrong with it
    return named


def _has_front_matter_kind(path: Path) -> bool:
    return path.suffix.lower() in _FRONT_MATTER_SUFFIXES
