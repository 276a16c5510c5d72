"""Reader metadata → validated Document fields (plain text, parsed dates, lists).

Documents arrive from static-site generators and platform exporters, each with its own
front-matter habits. The well-known names are understood (`excerpt`/`description` →
summary, `categories` → tags, `draft`/`published: false`/`status: draft` (or `pending`,
`private`, a `password`: a post readers could not see) → draft); keys publisher has no
use for are kept as the document's `extra`, for templates, and only refused when the
workspace asks for strict front matter.
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import difflib
import logging
import posixpath
import re
from collections.abc import Callable, Hashable, Mapping
from pathlib import Path
from typing import Any

from ..controls import warn_bidi_override
from ..day_hint import day_hint
from ..errors import PublisherError
from ..languages import NotALanguage, checked_language, file_name_language
from ..sanitize import plain_text
from ..settings_schema import Problems, Setting, Table, check, yes_or_no
from ..sourcefile import SourceData

# Field → the names it goes by, first found wins (tags: all are merged).
ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",),
    "subtitle": ("subtitle",),
    "authors": ("authors", "author"),
    "date": ("date", "pubdate", "pubDate", "published_at", "date_published"),
    # Corrected or revised since: Hugo's lastmod, Jekyll's last_modified_at, Pelican's modified
    "updated": (
        "updated",
        "lastmod",
        "last_modified_at",
        "modified",
        "updated_at",
        "date_modified",
    ),
    "language": ("lang", "language", "locale"),
    "tags": ("tags", "categories", "category"),
    "summary": ("summary", "excerpt", "description"),
    "draft": ("draft", "published", "status", "password"),
    "aliases": ("aliases",),  # the document's old addresses (Hugo's key): the web archive redirects
}
# Known keys kept in doc.extra for templates: `source`, the original URL `publisher import`
# records for a post brought from another platform; Hugo's `publishDate`, also read as the
# date of a post without one (`_DATED_AS_WELL`) and when it is due (build._say_unscheduled).
PASSED_TO_TEMPLATES = frozenset(
    {"source", "image", "image_alt", "publishDate", "publishdate", *("featured_image", "images")}
)
# Where Hugo's themes find a post's lead image when it has no `image`: Ananke's
# featured_image, the first of Hugo's own `images` (its cards); kept for templates too.
_LEAD_IMAGES = ("featured_image", "images")
# Where Hugo dates a page without a `date`: its publishDate (then its lastmod, `updated`)
_DATED_AS_WELL = {"published": ("publishDate", "publishdate")}
# Hand-written front matter's keys; the values are read leniently below (office files'
# properties arrive through the same fields), so the table only names the keys.
FRONT_MATTER_TABLE = Table(
    {
        name: Setting()
        for name in sorted(
            {name for names in ALIASES.values() for name in names}
            | {"imported"}  # written by `publisher import`: where the document came from
            | {"translation_of", "original_hash", "translationKey"}  # translations.py
            | PASSED_TO_TEMPLATES
        )
    },
    noun="front matter key",
)
KNOWN_KEYS = set(FRONT_MATTER_TABLE.keys)
# Other generators' own keys, which are no typos of ours however close (Hugo's
# `publishDate` is no misspelt `published`, Jekyll's yes-or-no; Pelican's `translation:
# true` marks a translation, it is not `translation_of` misspelt): kept for templates.
NOT_TYPOS = frozenset(
    {
        # Hugo
        "expiryDate", "expirydate", "videos",
        "audio", "weight", "url", "slug", "type", "layout", "linkTitle", "keywords",
        "outputs", "resources", "headless", "cascade", "build", "markup", "menu", "menus",
        "series", "sitemap", "isCJKLanguage", "toc",
        # Jekyll, Eleventy
        "permalink", "excerpt_separator", "eleventyNavigation", "eleventyComputed",
        "eleventyExcludeFromCollections", "pagination",
        # Pelican, Zola
        "translation", "save_as", "template", "path", "taxonomies", "in_search_index",
        # Astro, Docusaurus
        "updatedDate", "heroImage", "sidebar_position", "sidebar_label", "id",
        "hide_table_of_contents",
    }
)  # fmt: skip
log = logging.getLogger(__name__)
_PLACEHOLDER_TAGS = {"uncategorized", "uncategorised"}  # WordPress's default category
_DATED_FILE_NAME = re.compile(r"^(\d{4}-\d{2}-\d{2})-")  # Jekyll's _posts/2026-02-22-title.md
Fail = Callable[..., PublisherError]


def document_fields(
    meta: dict[str, Any],
    path: Path,
    source: SourceData | None,
    default_language: str,
    strict: bool = False,
    printed: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    """Validate metadata; errors point at the front-matter line when there is one.

    `source` is set for hand-written front matter; without it, metadata came from a
    file's own properties (Word, OpenDocument), which are looser. `printed`: the keys
    the text prints (`{{ page.location }}`, Hugo's param), which are used, not unknown."""

    def fail(message: str, *key: Hashable, hint: str | None = None) -> PublisherError:
        if source is not None:
            return source.error(message, *key, hint=hint)
        return PublisherError.at(message, path, hint=hint)

    unknown = [key for key in meta if str(key) not in KNOWN_KEYS and key not in printed]
    if strict and source is not None:
        problems = Problems(source)
        check(FRONT_MATTER_TABLE, {k: v for k, v in meta.items() if k not in printed}, problems)
        problems.raise_any()
    if source is not None:
        _warn_about_typos(unknown, source)

    def text(field: str) -> str:
        key, value = _first(meta, field)
        if isinstance(value, list | dict):
            raise fail(f"{key!r} must be text, not a list", key)
        if isinstance(value, bool) and source is not None:  # "title: true", read as a boolean
            written = str(value).lower()
            raise fail(
                f"{key!r} is {written}, which YAML reads as true or false, not as text",
                key,
                hint=f'put it in quotes to keep the words: {key}: "{written}"',
            )
        return plain_text(str(value)) if value is not None else ""

    for field in ("title", "subtitle", "authors"):
        key, value = _first(meta, field)
        if value is not None:
            where = f"{source.path}:{source.line(key)}" if source else str(path)
            warn_bidi_override(str(value), where, key)
    _check_draft_flags(meta, fail)
    return {
        "title": text("title"),
        "subtitle": text("subtitle"),
        "authors": _names(meta, "authors", path, fail, source is not None),
        "date": (date := _dated(meta, path, fail, strict=source is not None)),
        "updated": _later(
            _date(meta, path, fail, strict=source is not None, field="updated"), date
        ),
        "language": _language(meta, path, fail, source is not None) or default_language,
        "tags": _names(meta, "tags", path, fail, source is not None),
        "summary": text("summary"),
        "draft": marked_draft(meta, path),
        "aliases": _aliases(meta, fail),
        # A web page's <meta name=viewport> or a Word property is nothing to keep or mention.
        "extra": {
            str(key): _plain_data(meta[key])
            for key in meta
            if key in unknown or key in PASSED_TO_TEMPLATES
        }
        | _lead_image(meta)
        if source
        else {},
    }


def _lead_image(meta: dict[str, Any]) -> dict[str, str]:
    """`image`, the lead image, from where Hugo's themes find one (`_LEAD_IMAGES`) when the
    front matter names none itself: a post's picture was otherwise silently not shown."""
    if meta.get("image"):
        return {}
    for key in _LEAD_IMAGES:
        value = meta.get(key)
        first = value[0] if isinstance(value, list) and value else value
        if isinstance(first, str) and first.strip():
            return {"image": first.strip()}
    return {}


def _aliases(meta: dict[str, Any], fail: Fail) -> tuple[str, ...]:
    """Old addresses: one, or a list of them."""
    value = meta.get("aliases")
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(i, str) for i in items):
        raise fail("'aliases' must be an address or a list of addresses", "aliases")
    return tuple(i.strip() for i in items if i.strip())


def _warn_about_typos(unknown: list[Any], source: SourceData) -> None:
    """A key one letter off a known one ("sumary") is kept, but the editor should know."""
    for key in (str(key) for key in unknown if str(key) not in NOT_TYPOS):
        if close := difflib.get_close_matches(key, sorted(KNOWN_KEYS), n=1, cutoff=0.8):
            log.warning(_TYPO, f"{source.path}:{source.line(key)}", key, close[0])


_TYPO = "%s: front matter key %r is not used: did you mean %r? (kept as doc.extra)"
_TYPO_SAID = re.compile(
    r"^(.+?:\d+): front matter key ('[^']*'|\"[^\"]*\") is not used:"
    r" did you mean ('[^']*')\? \(kept as doc\.extra\)$"
)


def typo_said(message: str) -> tuple[str, str, str] | None:
    """(file:line, key, the key it is close to) of a warning `_warn_about_typos` gave, said
    again from the cache as its words: a build groups those of one key (`typo_in_files`)."""
    found = _TYPO_SAID.match(message)
    return (found.group(1), found.group(2), found.group(3)) if found else None


def typo_in_files(key: str, close: str, places: list[str]) -> str:
    """One warning for a key misspelt alike in many files (a site's archetype copied into
    each post): a line per file would bury the rest of the build's warnings."""
    shown = ", ".join(sorted(places)[:3]) + (
        f" and {len(places) - 3} more" if len(places) > 3 else ""
    )
    return (
        f"front matter key {key} is not used in {len(places)} files ({shown}): did you mean"
        f" {close}? (kept as doc.extra)"
    )


def _first(meta: dict[str, Any], field: str) -> tuple[str, Any]:
    names = ALIASES.get(field) or _DATED_AS_WELL[field]
    for key in names:
        if meta.get(key) not in (None, ""):
            return key, meta[key]
    return names[0], None


def _names(
    meta: dict[str, Any], field: str, path: Path, fail: Fail, hand_written: bool
) -> tuple[str, ...]:
    """Authors or tags: a list, or one string (see _tag_list for tags written as one).

    In hand-written front matter an item YAML made into no text is refused at its line:
    `null` (or a bare `-`) names nobody, and `true`/`false` were words YAML turned into
    booleans ("True" is not what was written). Properties of office files are looser:
    an empty one is left out."""
    keys = ALIASES[field] if field == "tags" else (_first(meta, field)[0],)
    names: list[str] = []
    seen: set[str] = set()  # "Housing" in categories and "housing" in tags are one tag
    for key in keys:
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, str) and field == "tags":
            value = _tag_list(value, jekyll_post="_posts" in path.parts)
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, dict):  # Ghost and some themes: {name: …, slug: …}
                item = item.get("name") or item.get("title") or ""
            if item is None or isinstance(item, bool):
                if not hand_written:
                    continue
                where = (key, index) if isinstance(value, list) else (key,)
                raise _no_name(fail, field, item, where)
            name = plain_text(str(item))
            if name and name.casefold() not in _PLACEHOLDER_TAGS | seen:
                names.append(name)
                seen.add(name.casefold())
    return tuple(names)


def _tag_list(written: str, jekyll_post: bool) -> list[str]:
    """Tags written as one string: separated by commas, as Pelican reads them and people
    write them for any generator (`tags: housing, rent, "tenants union"`; a tag with a
    comma in it is quoted); else by spaces in a Jekyll post (`categories: news strikes`);
    else the string is one tag."""
    if "," in written:
        return [item.strip() for item in next(csv.reader([written], skipinitialspace=True))]
    return written.split() if jekyll_post else [written]


def _no_name(
    fail: Fail, field: str, item: bool | None, where: tuple[str | int, ...]
) -> PublisherError:
    """The error for an author or tag that YAML read as null or as true or false."""
    noun = "author" if field == "authors" else "tag"
    if item is None:
        return fail(
            f"{where[0]!r} has an empty item (null), which names no {noun}",
            *where,
            hint=f"remove the item, or write the {noun} in quotes if it is the word null",
        )
    written = str(item).lower()
    return fail(
        f"{where[0]!r} has {written}, which YAML reads as true or false, not as a {noun}",
        *where,
        hint=f'put it in quotes to keep the word: "{written}"',
    )


def _language(meta: dict[str, Any], path: Path, fail: Fail, hand_written: bool) -> str | None:
    """Front matter names the language; else the file name does ("article.es.md"), which
    wins over an office file's own property (Word sets it to the editor's interface)."""
    key, value = _first(meta, "language")
    from_name = file_name_language(path)
    if value is None or (from_name and not hand_written):
        return from_name
    try:
        return checked_language(value)
    except NotALanguage as exc:
        if not hand_written:
            return from_name  # a damaged office property is no reason to stop
        raise fail(str(exc), key, hint=exc.hint) from None


def front_matter_as_read(
    meta: dict[str, Any], source: SourceData | None
) -> tuple[dict[str, Any], SourceData | None]:
    """Front matter with its keys where publisher reads them: Hugo's `params` lifted
    (`with_page_params`), and a known key written in another case (`Title`, `Date`,
    `translationkey`) as it is known (`with_keys_in_known_case`)."""
    return with_keys_in_known_case(*with_page_params(meta, source))


# Each known key by its letters in lower case: the one spelling publisher reads it by
_KNOWN_BY_CASEFOLD = {key.casefold(): key for key in sorted(KNOWN_KEYS, reverse=True)}


def with_keys_in_known_case(
    meta: dict[str, Any], source: SourceData | None
) -> tuple[dict[str, Any], SourceData | None]:
    """Front matter with each key that is a known one written in other capitals (`Title:`,
    `Tags:`, Hugo's lower-cased `translationkey`) renamed to it, its line with it, unless
    the known key is there too. Hugo reads front matter keys in any case, so a site whose
    posts say `Title:` built there; here it lost its titles to the file names. Only front
    matter: an office file's custom property (`Status`) is its own, not a key misspelt."""
    if source is None:
        return meta, source
    renamed: dict[Hashable, str] = {
        key: known
        for key in meta
        if isinstance(key, str)
        and key not in KNOWN_KEYS
        and (known := _KNOWN_BY_CASEFOLD.get(key.casefold()))
        and known not in meta
    }
    if not renamed:
        return meta, source
    meta = {renamed.get(key, key): value for key, value in meta.items()}
    lines = {
        (renamed.get(path[0], path[0]), *path[1:]): line for path, line in source.lines.items()
    }
    return meta, dataclasses.replace(source, data=meta, lines=lines)


def with_page_params(
    meta: dict[str, Any], source: SourceData | None
) -> tuple[dict[str, Any], SourceData | None]:
    """Front matter with the keys of Hugo's `params` table that publisher reads (`author`,
    `summary`, `image`…) taken up to the top, where Hugo's own keys are, unless the top has
    them already: since Hugo 0.123 a page's own fields go under `params`, and themes read
    them from either place. Their lines go up with them; `params` stays for templates with
    whatever else it holds, and goes when nothing is left."""
    params = meta.get("params")
    if not isinstance(params, dict):
        return meta, source
    taken = [key for key in params if str(key) in KNOWN_KEYS and key not in meta]
    if not taken:
        return meta, source
    lifted = {key: value for key, value in meta.items() if key != "params"}
    lifted |= {key: params[key] for key in taken}
    if rest := {key: value for key, value in params.items() if key not in taken}:
        lifted["params"] = rest
    if source is None:
        return lifted, None
    lines = dict(source.lines)
    for path, line in source.lines.items():
        if path[:1] == ("params",) and len(path) > 1 and path[1] in taken:
            lines[path[1:]] = line
    return lifted, dataclasses.replace(source, data=lifted, lines=lines)


def aliases_from_the_page(aliases: tuple[str, ...], path: Path, pool: Path) -> tuple[str, ...]:
    """`aliases` with each that does not start with / (nor is a full address) made a path
    from the site's root as Hugo makes it: from the folder of the page's address
    (`old-strike` of posts/strike/index.md, or of content/en/posts/strike.md, is
    /posts/old-strike): its redirect was written at the site's root, where no old link led."""
    if all(alias.startswith("/") or "://" in alias for alias in aliases):
        return aliases
    from ..languages import outside_language_folder

    try:
        relative = outside_language_folder(path.relative_to(pool))
    except ValueError:
        return aliases  # a working copy's: said of the file as the user knows it
    folders = list(relative.parent.parts)
    lowered = [folder.casefold() for folder in folders]
    if "content" in lowered:  # a site copied with its content/: addresses are from there
        folders = folders[len(lowered) - lowered[::-1].index("content") :]
    if relative.name.split(".")[0] in ("index", "_index"):
        folders = folders[:-1]  # a bundle's address is its folder's
    folder = "/".join(folders)
    return tuple(
        alias
        if alias.startswith("/") or "://" in alias
        else posixpath.normpath(posixpath.join("/", folder, alias)) + "/" * alias.endswith("/")
        for alias in aliases
    )


def hugo_addresses(
    extra: Mapping[str, Any], path: Path, pool: Path, title: str = "", date: dt.date | None = None
) -> tuple[str, ...]:
    """The address a page had on the Hugo site it was copied from (in a `content/` folder
    of documents/): its front matter's `url`, else its section's pattern in the site's
    permalinks (`hugo_permalinks`), else its section's path and its `slug` or file name (a
    bundle's by its folder), in lower case as Hugo writes them; a page of a language
    folder (content/es/) at that path under its language too (/es/posts/x/), as Hugo has
    every language but its default one. A site moved from Hugo keeps its domain: these
    are where its readers' bookmarks and other sites' links lead."""
    from ..languages import language_folder, outside_language_folder
    from .hugo_permalinks import HugoPage, permalink

    url = extra.get("url")
    if isinstance(url, str) and url.strip() and "://" not in url:
        return ("/" + url.strip().lstrip("/"),)
    try:
        relative = path.relative_to(pool)
    except ValueError:
        return ()
    language = language_folder(relative)
    inside = outside_language_folder(relative)
    lowered = [folder.casefold() for folder in inside.parent.parts]
    if "content" not in lowered:
        return ()  # no Hugo site's: its addresses are not known
    folders = [*inside.parent.parts[len(lowered) - lowered[::-1].index("content") :]]
    content = path.parents[len(folders)]  # content/, or its language's content/es/
    name = inside.name.split(".")[0]
    if name in ("index", "_index"):
        name = folders.pop() if folders and name == "index" else ""
    slug = extra.get("slug")
    slug = slug.strip() if isinstance(slug, str) else ""
    sections = tuple(  # the first folder is a section; one deeper, with its _index page
        folder
        for depth, folder in enumerate(folders)
        if not depth or any(content.joinpath(*folders[: depth + 1]).glob("_index.*"))
    )
    site = next(folder for folder in path.parents if folder.name.casefold() == "content").parent
    hugo_page = HugoPage(title, slug, date, name, sections)
    address = permalink(site, hugo_page) if name else None
    if address is None:
        if slug and name:
            name = slug
        page = "/".join(part for part in (*folders, name) if part).casefold().replace(" ", "-")
        if not page:
            return ()  # the home page: the archive's own
        address = f"/{page}/"
    found = [address]
    if language is not None:
        found.insert(0, f"/{language.name.casefold()}{address}")
    return tuple(found)


def declares_language(meta: dict[str, Any], path: Path, hand_written: bool) -> bool:
    """Whether the editor said which language the document is in: in its front matter or
    its file name. An office file's own property does not count: Word sets it to the
    language of the editor's Word, whatever the text is in."""
    return bool(file_name_language(path)) or (
        hand_written and _first(meta, "language")[1] is not None
    )


def marked_draft(meta: dict[str, Any], path: Path) -> bool:
    if "_drafts" in path.parts:  # Jekyll keeps unpublished posts there
        return True
    if _flag(meta.get("draft")) is True or _flag(meta.get("published")) is False:
        return True
    status = str(meta.get("status", "")).strip().casefold()
    return status in _UNPUBLISHED or password_protected(meta)


def password_protected(meta: Mapping[str, Any]) -> bool:
    """A post only those given its password could read where it came from: WordPress's
    post_password, as jekyll-import writes it (`password: ''` for every other post).
    Published openly, a migrated site would show what its editors kept behind it."""
    value = meta.get("password")
    return value is not None and not isinstance(value, bool) and bool(str(value).strip())


# A post's `status` on the platform it came from (WordPress's, Ghost's, as exporters and
# migrations to Hugo or Jekyll write it) when readers could not see it there: waiting for
# review, for logged-in members only, in the bin. Any other status publishes.
_UNPUBLISHED = frozenset({"draft", "auto-draft", "pending", "private", "trash"})


def _flag(value: Any) -> bool | None:
    """A yes or no as front matter writes it: true, yes, on, 1; false, no, off, 0."""
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return yes_or_no(value)


def _check_draft_flags(meta: dict[str, Any], fail: Fail) -> None:
    """`draft` (or Jekyll's `published`) neither yes nor no stops the build: read as "not a
    draft", `draft: sí` published a text its editor was holding back. A date for
    `published` is some exporters' date of publication, not a flag."""
    for key in ("draft", "published"):
        value = meta.get(key)
        if value in (None, "") or _flag(value) is not None or isinstance(value, dt.date):
            continue
        keep_out = "true" if key == "draft" else "false"
        raise fail(
            f"{key!r} is {value!r}, which is neither true nor false",
            key,
            hint=f"write {key}: {keep_out} to keep the document out of its issues while it is"
            " a draft; take the line out to publish it",
        )


def _dated(meta: dict[str, Any], path: Path, fail: Fail, strict: bool) -> dt.date | None:
    """A document's date: its own, else Hugo's publishDate, else the one its file name
    begins with (Jekyll's posts), else its last update (Hugo's lastmod): Hugo dates a page
    without a `date` so, and a post that had only one of those had no date at all."""
    return (
        _date(meta, path, fail, strict)
        or _date(meta, path, fail, strict, field="published")
        or _file_name_date(path)
        or _date(meta, path, fail, strict, field="updated")
    )


def _later(updated: dt.date | None, date: dt.date | None) -> dt.date | None:
    """An update date only when it is later than the date: Hugo writes lastmod on the day
    of publication too, which is no update to tell readers of."""
    return updated if updated and (date is None or updated > date) else None


def _date(
    meta: dict[str, Any], path: Path, fail: Fail, strict: bool, field: str = "date"
) -> dt.date | None:
    key, value = _first(meta, field)
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, dt.datetime):
        return value.date()  # the day where it was written, not in UTC
    if isinstance(value, dt.date):
        return value
    written = str(value).strip()
    try:  # "2026-02-22T10:00:00+01:00", "2026-02-22 10:00:00 +0100", "2026-02-22T09:00Z"
        day = dt.date.fromisoformat(written[:10])
        if strict:
            _check_time(written)
        return day
    except ValueError as exc:
        if strict and str(exc).startswith(("hour", "minute", "second")):
            raise fail(
                f"date {value!r} is not a valid date: {exc}",
                key,
                hint="check the times: hours go from 0 to 23, minutes and seconds from 0 to 59",
            ) from None
        if strict:
            raise fail(
                f"date {value!r} is not a date",
                key,
                hint=day_hint(value, str(key)),
            ) from None
        return _written_date(str(value).strip(), key, path)


# The time after a date's day, as front matter writes it: YAML reads one without seconds
# ("2026-04-08T25:00") as text, not as a time it checks, so 25:00 passed as the 8th.
_TIME = re.compile(r"[Tt ](\d{1,2}):(\d{2})(?::(\d{2}))?")


def _check_time(written: str) -> None:
    """ValueError ("hour must be in 0..23") when the time after the day is none."""
    if match := _TIME.match(written, 10):
        dt.time(int(match[1]), int(match[2]), int(match[3] or 0))


def _written_date(written: str, key: str, path: Path) -> dt.date | None:
    """A date as an office file or a web page gives it: a Word paragraph in the Date style
    holds what the editor typed ("3 March 2026", "3 de marzo de 2026"), read as `publisher
    import` reads a date line. pandoc takes that paragraph out of the text, so one that
    is no day the editor is told of: its words would otherwise vanish without a trace."""
    from ..importers.textdates import dateline

    if day := dateline(written):
        return day
    log.warning(
        "%s: its %s %r is no day publisher can read (write it as 3 March 2026 or"
        " 2026-03-03): it is published without it",
        path,
        key,
        written,
    )
    return None


def _file_name_date(path: Path) -> dt.date | None:
    if match := _DATED_FILE_NAME.match(path.name):
        try:
            return dt.date.fromisoformat(match.group(1))
        except ValueError:
            return None
    return None


def _plain_data(value: Any) -> Any:
    """Front matter as JSON-like data (dates as ISO text), so it can be cached and templated."""
    if isinstance(value, dict):
        return {str(key): _plain_data(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain_data(item) for item in value]
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)
