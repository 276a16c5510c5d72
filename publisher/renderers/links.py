"""Links between documents, and the links a PDF may hold: only the web, mail, telephone
numbers and the PDF's own anchors.

A relative link (`[see](other.md)`) leads nowhere in an email, an EPUB or a feed reader,
and WeasyPrint would resolve it against the documents/ folder, printing the editor's disk
path as a file: link. When an issue is assembled (`with_archive_links`), such a link in a
body or the editorial becomes the absolute web archive address of what it points to when
the archive publishes it (a document of the issue or of another, an image it shows), and
anything else loses its href, with a warning naming the document (and line): the words
stay, the link goes. In a PDF, `keep_safe_links` then checks the whole page, templates included, as the
last word.

What a link points to is the file it names beside the document; else the article Hugo
would find (its `ref` and `relref` shortcodes, written out as the path they name, and its
link render hook): from documents/ (Hugo's content root) with a leading `/`; else from the
page's folder (a bundle's `index.md` from its parent's, as Hugo does) then from documents/;
else the one article whose path ends so (a site copied with its content/ folder itself).
A path may leave out the extension, a bundle is named by its folder; the editorial names
it from the workspace (`documents/call.md`). An article is the same article in every
language: a link to `call.md`, `call.es.md` or `es/call.md` (a language folder) leads to the article's page in
the edition the link is in, as does one to an original from its translation published
under another name (`translation_of`, `translationKey`), which takes the original's slug;
but one to a heading of a file (`call.es.md#las-demandas`) leads to the page showing that
file's text, where the heading is, when the edition's page shows another's.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import logging
import os
import posixpath
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Generic, NamedTuple, TypeVar
from urllib.parse import SplitResult, quote, unquote

from .. import textfiles, urls
from ..attachments import editorial_media, kind_of, linked_files, with_kinds_and_sizes
from ..config import Config
from ..languages import file_name_language, outside_language_folder
from ..model import Document, Issue
from ..paths import composed, followed, is_file
from ..pool import slug_for
from ..readers import EXTENSIONS
from ..resources import media_path
from ..sanitize import ADDRESS_SCHEMES, URL_SCHEMES
from ..urls import split_url

log = logging.getLogger(__name__)

# A link: its opening tag, and its words up to its end tag (links never hold links: the
# sanitiser's HTML closes one before the next opens), or the tag alone where none ends it
_A = re.compile(r"<a\b[^>]*>(?:(?P<words>(?:(?!<a\b).)*?)</a>)?", re.IGNORECASE | re.DOTALL)
_HREF = re.compile(r"""\shref\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_ID = re.compile(r"""\sid\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""", re.IGNORECASE)
_LINK_ONLY = re.compile(
    r"""\s(?:rel|target|hreflang|type|download|ping|referrerpolicy)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""",
    re.IGNORECASE,
)
WEB_SCHEMES = URL_SCHEMES


class Target(NamedTuple):
    """Where the web archive publishes a file, the prefix of the ids on that page, the
    ids its assembly renamed there, as read → as shown (`issue_ids`), the ids the
    document gives there, when known (its issue's: assembled with it), and the file
    whose text the page shows (an article's page in an edition: its translation's)."""

    url: str
    id_prefix: str = ""
    renamed_ids: tuple[tuple[str, str], ...] = ()
    ids: frozenset[str] | None = None
    text: Path | None = None  # resolved; None: a picture or file, published as it is

    def fragment(self, written: str) -> str:
        """The id on the page a link's `#written` names: as the document was read, or
        as the page gives it (`#call-fn1` copied from the page's address), prefixed."""
        read = f"{self.id_prefix}{written}"
        shown = dict(self.renamed_ids).get(unquote(read), read)
        if self.ids is not None and unquote(shown) not in self.ids and unquote(written) in self.ids:
            return written
        return shown

    def gives(self, written: str) -> bool:
        """Whether the page is known to give the id a link's `#written` names."""
        return self.ids is not None and unquote(self.fragment(written)) in self.ids


class Article(NamedTuple):
    """An article of another issue, for links to it (`elsewhere.ArchiveArticles`): its
    file (or a translation's), its slug, and its page."""

    source: Path  # resolved
    slug: str
    target: Target


class Unlinked(NamedTuple):
    """A link left without its href, as written, and the issues that leave out the draft
    it names (none: it names nothing of any issue); or, `heading_only`, one that lost only
    its `#id`: a heading of a file (`call.fr.md#appel`) no page shows; or, `kept`, one
    kept as written that names a page of the site's own (base_url's) no article is at."""

    value: str
    draft_in: tuple[str, ...] = ()
    heading_only: bool = False
    kept: bool = False
    meant: str = ""  # the article a misspelt link most likely names, as a link to it


K = TypeVar("K")
V = TypeVar("V")


class Layered(Mapping[K, V], Generic[K, V]):
    """`over`'s entries, then `under`'s whose keys it lacks, less `hidden`'s keys: an issue's
    own pages laid over the other issues' (`OtherIssues`), and those, the archive's pages
    built once per build less the issue's own (`elsewhere`), rather than merged into a new
    dict for each issue: that cost each of 300 issues the whole archive's articles."""

    def __init__(
        self, over: Mapping[K, V], under: Mapping[K, V], hidden: Collection[K] = ()
    ) -> None:
        self.over = over
        self.under = under
        self.hidden = hidden

    def __getitem__(self, key: K) -> V:
        if key in self.over:
            return self.over[key]
        if key in self.hidden:
            raise KeyError(key)
        return self.under[key]

    def __iter__(self) -> Iterator[K]:
        yield from self.over
        yield from (k for k in self.under if k not in self.over and k not in self.hidden)

    def __len__(self) -> int:
        return sum(1 for _ in self)


class OtherIssues(NamedTuple):
    """The other issues of the web archive, as one issue's links see them
    (`elsewhere.ArchiveArticles.around`): the page of each file they publish, their
    articles as Hugo finds pages, the page showing each file's own text (see
    `shown_texts`), and every issue's drafts."""

    targets: Mapping[Path, Target]
    articles: Articles
    shown: Mapping[Path, Target]
    drafts: Unfinished

    @classmethod
    def none(cls, root: Path) -> OtherIssues:
        """No other issue (an issue assembled alone): its links lead to its own pages."""
        nothing = Articles.of((), root)
        return cls({}, nothing, {}, Unfinished({}, nothing))


def issue_targets(issue: Issue, config: Config) -> dict[Path, Target]:
    """The files of an issue the web archive publishes (its documents, their images and
    the files they link to)."""
    pool = config.documents_dir.resolve()
    targets = {doc.source.resolve(): _page(doc, issue, config) for doc in issue.documents}
    media = {file for doc in issue.documents for file in doc.media}
    for published in media | set(editorial_media(issue)):
        # a document linked as a file is linked as the article
        targets.setdefault((pool / published).resolve(), Target(_media_url(config, published)))
    return targets


def shown_texts(editions: Sequence[Issue], config: Config) -> dict[Path, Target]:
    """The page of each document's own text among an issue's editions (the original
    first): a translation's in its edition, an original's in the original issue (an
    untranslated one is shown in the other editions too). A link to a heading of a file
    leads there, where the heading is."""
    pages: dict[Path, Target] = {}
    for edition in editions:
        for doc in edition.documents:
            pages.setdefault(doc.source.resolve(), _page(doc, edition, config))
    return pages


def _page(doc: Document, issue: Issue, config: Config) -> Target:
    """The page of a document of the issue (or edition), with the ids its body gives."""
    return Target(
        urls.document_url(config.base_url, issue.folder, doc.slug),
        f"{doc.slug}-",
        doc.renamed_ids,
        frozenset(html.unescape(_unquoted(m.group(1))) for m in _ID.finditer(doc.body_html)),
        doc.source.resolve(),
    )


def _media_url(config: Config, pool_relative: str) -> str:
    """Where the web archive publishes a picture or file of documents/."""
    return config.base_url + quote(media_path(pool_relative).as_posix())


def with_archive_links(
    issue: Issue,
    config: Config,
    editorial_line: int = 1,
    others: OtherIssues | None = None,
    shown: Mapping[Path, Target] | None = None,
) -> Issue:
    """The issue with its documents' relative links (`[the survey](rent-survey.md)`)
    pointing at the web archive's page of what they name, or unlinked when it publishes
    nothing there: in an email, an EPUB or a feed reader, a relative link leads nowhere,
    and in a PDF it would name a file on the editor's disk. The editorial's paths are the
    workspace's, like its images' (`documents/rent-survey.md`); `editorial_line`: the
    manifest's line it starts at (an edition's own is below the original's); `others`: the
    other issues' articles, which its own outrank, and every issue's drafts, which links
    are said to lead to when they lead nowhere; `shown`: the page showing each file's own
    text among the issue's editions (`shown_texts`; the other issues' are `others`'), where
    a link to a heading of that file leads when the page of the link's edition shows
    another language's."""
    # the files the editorial offers, named while its links still name them
    offered = linked_files(issue.editorial_html, config.root, config.documents_dir)
    issue = dataclasses.replace(issue, editorial_files=offered)
    others = others or OtherIssues.none(config.documents_dir)
    targets = Layered(issue_targets(issue, config), others.targets)
    own = Articles.of(
        [(d.source, d.slug) for d in issue.documents],
        config.documents_dir,
        {old: d.source for d in issue.documents for old in (*d.aliases, *d.addresses)},
    )
    articles = own.over(others.articles)
    pages = Layered(shown or {}, others.shown)
    files = published_files(issue, config)
    said: set[Path] = set()  # the leaflet's document is often one of the sections' too

    def linked(doc: Document) -> Document:
        body, unlinked = absolute_links(
            doc.body_html, doc.source.parent, targets, articles, others.drafts, pages,
            config.base_url,
        )  # fmt: skip
        if doc.attachments:
            body = with_kinds_and_sizes(body, files, doc.language)
        if doc.source not in said and not (issue.edition and doc.untranslated):
            _warn(doc.source, unlinked, issue)  # an untranslated one's: said of the original
            said.add(doc.source)
        return doc if body == doc.body_html else dataclasses.replace(doc, body_html=body)

    sections = tuple(
        dataclasses.replace(section, documents=tuple(linked(d) for d in section.documents))
        for section in issue.sections
    )
    leaflet = issue.leaflet and dataclasses.replace(
        issue.leaflet, document=linked(issue.leaflet.document)
    )
    editorial, unlinked = absolute_links(
        issue.editorial_html, config.root, targets, articles, others.drafts, pages,
        config.base_url,
    )  # fmt: skip
    editorial = with_kinds_and_sizes(editorial, files, issue.language)
    _warn(issue.source, unlinked, issue, editorial_line)
    return dataclasses.replace(issue, sections=sections, leaflet=leaflet, editorial_html=editorial)


def published_files(issue: Issue, config: Config) -> dict[str, tuple[str, int]]:
    """The web archive's address of each file the issue's documents and editorial offer,
    with its kind and size (`attachments`)."""
    found = {}
    linked = {file for doc in issue.documents for file in doc.attachments}
    for file in linked | set(issue.editorial_files):
        try:
            size = (config.documents_dir / file).stat().st_size
        except OSError:  # gone since it was read: the archive will not have it either
            continue
        found[_media_url(config, file)] = (kind_of(PurePosixPath(file)), size)
    return found


def absolute_links(
    fragment: str,
    folder: Path,
    targets: Mapping[Path, Target],
    articles: Articles,
    drafts: Unfinished | None = None,
    shown: Mapping[Path, Target] | None = None,
    site: str = "",
) -> tuple[str, list[Unlinked]]:
    """Relative links of a body written in `folder` → web archive URLs, or no href; and
    the links left without one, with the issues leaving out the `drafts` they name, and
    those left without the heading they name (see `with_archive_links`). A full address
    under `site` (base_url: a Hugo site moved here keeps its domain) naming an article as
    a path from the site's root would (https://site/posts/x/ as /posts/x/) leads to its
    page too; one naming a folder of the site's but no article is kept, and said."""
    unlinked: list[Unlinked] = []
    pages = {} if shown is None else shown

    def decide(value: str, parts: SplitResult) -> str | None:
        if value.startswith("#") and len(value) > 1:
            return None
        if parts.scheme.lower() in WEB_SCHEMES:
            return on_site(value, parts)
        return linked(value, parts)

    def on_site(value: str, parts: SplitResult) -> str | None:
        """A full address: its article's page, when it is one on the site's own."""
        path = _path_on_site(parts, site)
        if path is None:
            return None
        target = _target(articles.found(path, folder), targets)
        if target is None:
            if _names_a_site_folder(path, articles):
                unlinked.append(Unlinked(value, kept=True))
            return None
        return target.url + (f"#{target.fragment(parts.fragment)}" if parts.fragment else "")

    def linked(value: str, parts: SplitResult) -> str | None:
        target: Target | None = None
        draft_in: tuple[str, ...] = ()
        if not parts.scheme and not parts.netloc and parts.path:
            path = unquote(parts.path)
            beside = followed(folder / path)
            target = targets.get(beside) or _target(articles.found(path, folder), targets)
            if target is None and drafts is not None:
                named = beside if beside in drafts.issues else drafts.articles.found(path, folder)
                draft_in = drafts.issues.get(named, ()) if named else ()
        if target is None:
            meant = (
                None if draft_in or not parts.path else articles.near(unquote(parts.path), folder)
            )
            unlinked.append(Unlinked(value, draft_in, meant=_relative(meant, folder)))
            return ""
        if parts.fragment and _shows_another_text(target, beside, parts.fragment):
            if (page := pages.get(beside)) is None:
                unlinked.append(Unlinked(value, heading_only=True))
                return target.url
            target = page
        return target.url + (f"#{target.fragment(parts.fragment)}" if parts.fragment else "")

    return _rewrite_links(fragment, decide), unlinked


def _path_on_site(parts: SplitResult, site: str) -> str | None:
    """The path from the site's root (`/posts/x/`) of a full address under `site`
    (base_url; with or without www.), or None for another site's."""
    home = split_url(site)
    if not site or not parts.hostname or not home.hostname:
        return None
    if parts.hostname.removeprefix("www.") != home.hostname.removeprefix("www."):
        return None
    folder = "/" + home.path.strip("/")
    path = unquote(parts.path) or "/"
    if folder != "/" and not (path + "/").startswith(folder + "/"):
        return None
    return "/" + path.removeprefix(folder).lstrip("/")


def _names_a_site_folder(path: str, articles: Articles) -> bool:
    """Whether the path from the site's root names a folder an article is in (`posts/`,
    as documents/posts/ or a copied content/posts/ holds): a page of the old site."""
    first = path.strip("/").split("/")[0].casefold()
    return bool(first) and any(
        key.startswith(f"{first}/") or f"/content/{first}/" in f"/{key}" for key in articles.by_path
    )


def _shows_another_text(target: Target, named: Path, fragment: str) -> bool:
    """Whether a link to a heading of the file `named` (`call.es.md#las-demandas`) leads
    to a page showing another file's text (the English call, in the English edition)
    not known to give that heading: the heading is on the file's own page."""
    return target.text not in (None, named) and is_file(named) and not target.gives(fragment)


def _target(source: Path | None, targets: Mapping[Path, Target]) -> Target | None:
    return None if source is None else targets.get(source)


class Unfinished(NamedTuple):
    """The drafts links may name: the issues leaving each out, and the drafts as articles."""

    issues: Mapping[Path, tuple[str, ...]]
    articles: Articles


@dataclass(frozen=True)
class Articles:
    """An issue's (or edition's) articles as Hugo finds pages: their files by their logical
    path (`logical_path`), and by slug those published under another name than their
    original's (a translation takes its original's slug)."""

    root: Path  # documents/, its links followed
    by_path: Mapping[str, Path]
    renamed: Mapping[str, Path]
    # by their old addresses (`aliases`, their Hugo site's: `Document.addresses`), as
    # `_address` writes them: a link to one leads to the article
    moved: Mapping[str, Path] = dataclasses.field(default_factory=dict)

    @classmethod
    def of(
        cls,
        documents: Iterable[tuple[Path, str]],
        root: Path,
        addresses: Mapping[str, Path] | None = None,
    ) -> Articles:
        """From each document's file and slug (later ones outrank earlier ones), and the
        files of `addresses`, their old ones."""
        by_path: dict[str, Path] = {}
        renamed: dict[str, Path] = {}
        real_root = followed(root)
        for file, slug in documents:
            if (found := place(file, real_root)) is None:
                continue
            logical, source, named_as = found
            by_path[logical] = source
            if named_as != slug:
                renamed[slug] = source
        moved = {_address(old): followed(file) for old, file in (addresses or {}).items()}
        return cls(real_root, by_path, renamed, moved)

    def over(self, others: Articles) -> Articles:
        """These articles laid over `others` (theirs outranked), without copying `others`."""
        return Articles(
            self.root,
            Layered(self.by_path, others.by_path),
            Layered(self.renamed, others.renamed),
            Layered(self.moved, others.moved),
        )

    def near(self, path: str, folder: Path) -> Path | None:
        """The article whose logical path is nearest a misspelt link's (`second-artcle.md`)
        written in `folder`, if one is near enough to be what was meant."""
        import difflib

        page = followed(folder)
        here = page.relative_to(self.root).as_posix() if page.is_relative_to(self.root) else "."
        written = path.lstrip("/") if path.startswith("/") else posixpath.join(here, path)
        # from the workspace, as an editor may write it: documents/x.md, ../documents/x.md
        wanted = logical_path(
            re.sub(r"^(?:\.\./)*(?:documents/)?", "", posixpath.normpath(written))
        )
        close = difflib.get_close_matches(wanted, list(self.by_path), n=1, cutoff=0.8)
        return self.by_path[close[0]] if close else None

    def found(self, path: str, folder: Path) -> Path | None:
        """The article a relative link names, written in `folder` (see the module's
        docstring), when it is not the file it names beside the document."""
        page = followed(folder)
        if path.startswith("/") and (moved := self.moved.get(_address(path))):
            return moved  # an article's old address
        if path.startswith("/"):  # from the content root: documents/, or content/ in it
            path = path.lstrip("/")
        elif page.is_relative_to(self.root):
            here = page.relative_to(self.root).as_posix()
            if target := self._named(posixpath.normpath(posixpath.join(here, path))):
                return target
            if here != ".":  # as Hugo resolves from a bundle's index: from its parent
                beside = posixpath.normpath(posixpath.join(posixpath.dirname(here), path))
                if target := self._named(beside):
                    return target
        elif (named := followed(page / path)).is_relative_to(self.root):
            path = named.relative_to(self.root).as_posix()  # the editorial's: documents/x.md
        if target := self._named(path):
            return target
        wanted = logical_path(path)
        ending = {t for key, t in self.by_path.items() if key.endswith(f"/{wanted}")}
        return ending.pop() if len(ending) == 1 else None

    def _named(self, relative: str) -> Path | None:
        logical = logical_path(relative)
        if not logical or logical.startswith(".."):
            return None
        return self.by_path.get(logical) or self.renamed.get(_slug(logical))


def _address(path: str) -> str:
    """An address from the site's root as old addresses are compared: /Posts/x/,
    posts/x and /posts/x/index.html are one."""
    return unquote(path).strip("/").removesuffix("index.html").strip("/").casefold()


@functools.cache
def place(file: Path, real_root: Path) -> tuple[str, Path, str] | None:
    """A document's logical path, its file with links followed, and the slug its logical
    path gives; None outside documents/. Kept for the build: the archive's articles are
    placed for each language its issues are read in, an issue's own for each of its
    editions (`forget_places` at each build's start: files move)."""
    source = followed(file)
    if not source.is_relative_to(real_root):
        return None
    logical = logical_path(source.relative_to(real_root).as_posix())
    return logical, source, _slug(logical)


def forget_places() -> None:
    """Forget the documents' places (`place`): a new build (of `publisher serve`) finds
    files that moved, and links that changed, since the last."""
    place.cache_clear()


def _slug(logical: str) -> str:
    """The slug of the document at a logical path, as the pool gives it (`pool.slug_for`)."""
    return slug_for(Path(f"{logical}.md"))


def logical_path(relative: str) -> str:
    """A document's path as Hugo names its page, from documents/: without a language folder,
    a language in its name or an extension, a bundle's index by its folder, in lower case
    (`fr/Posts/x/index.fr.md` → `posts/x`)."""
    parts = [part for part in PurePosixPath(composed(relative)).parts if part not in ("/", ".")]
    if len(parts) > 1:
        parts = list(outside_language_folder(Path(*parts)).parts)
    if not parts:
        return ""
    name = parts[-1]
    suffix = PurePosixPath(name).suffix
    if suffix.lower() in EXTENSIONS:
        name = name[: -len(suffix)]
    if file_name_language(Path(f"{name}.md")):
        name = name.rpartition(".")[0]
    if name in ("index", "_index") and len(parts) > 1:
        parts = parts[:-1]
    else:
        parts[-1] = name
    return "/".join(parts).casefold()


def _relative(article: Path | None, folder: Path) -> str:
    """A link to `article` from a document in `folder`, as one is written ("" for none)."""
    return "" if article is None else Path(os.path.relpath(article, followed(folder))).as_posix()


def _warn(source: Path, unlinked: list[Unlinked], issue: Issue, first_line: int = 1) -> None:
    """One warning per link left without its href, naming the document and the line it
    is on, from `first_line`, and the issue it is in (a document may be in several); a
    draft is named so, with the issues leaving it out, not as missing from this one."""
    edition = f" (in the {issue.edition} edition)" if issue.edition else ""
    text = textfiles.written_text(source) if unlinked else ""
    for value, draft_in, heading_only, kept, meant in dict.fromkeys(unlinked):
        line = textfiles.line_of(text, value, start=first_line)
        if kept:
            log.warning(
                "%s: the link to %r in issue %s names a page of this site (base_url) where"
                " the web archive publishes no article: it is kept as written, and leads"
                " nowhere once the archive is the site; link the document itself (its file,"
                " as posts/x.md) or a page of the archive%s",
                textfiles.where(source, line),
                value,
                issue.slug,
                edition,
            )
            continue
        if heading_only:
            log.warning(
                "%s: the link to %r in issue %s names a heading of a file no page of the web"
                " archive shows: it leads to the article's page, not to the heading%s",
                textfiles.where(source, line),
                value,
                issue.slug,
                edition,
            )
            continue
        if draft_in:
            several = len(draft_in) > 1
            named = ", ".join(draft_in[:-1]) + " and " * several + draft_in[-1]
            leads = f"leads to a draft, left out of issue{'s' * several} {named}"
        else:
            leads = "leads to no article, picture or file the web archive publishes"
        address = _web_address_meant(value)
        log.warning(
            "%s: %s in issue %s %s: its words stay, unlinked%s%s",
            textfiles.where(source, line),
            f"the link to {value!r}" if value.strip("#") else "an empty link",
            issue.slug,
            leads,
            edition,
            f"; a web address starts with https://: write {address}"
            if address
            else f"; did you mean {meant!r}?"
            if meant
            else "",
        )


def _web_address_meant(value: str) -> str:
    """The web address a link written without its https:// stands for, "" if it reads as
    none: www.example.net/page is taken for a file of the workspace's. linkify-it (as
    addresses in text are found) must read the whole of it as one; a bare name.md (a file,
    and a domain of Moldova's) needs a www. or a path to count."""
    if "/" not in value and not value.lower().startswith("www."):
        return ""
    from linkify_it import LinkifyIt

    found = LinkifyIt().match(value) or []
    whole = len(found) == 1 and found[0].index == 0 and found[0].last_index == len(value)
    return f"https://{value}" if whole else ""


def keep_safe_links(page: str) -> str:
    """The page with every link that is not http(s), mailto, tel or an anchor on it unlinked."""
    ids = {_unquoted(m.group(1)) for m in _ID.finditer(page)}

    def decide(value: str, parts: SplitResult) -> str | None:
        web = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
        mail = parts.scheme.lower() in ADDRESS_SCHEMES
        return None if web or mail or (value.startswith("#") and unquote(value[1:]) in ids) else ""

    return _rewrite_links(page, decide)


def _rewrite_links(markup: str, decide: Callable[[str, SplitResult], str | None]) -> str:
    """Each `<a href>` of `markup`, as `decide` says: kept (None), unlinked (''), or
    pointed at the URL it returns."""

    def rewrite(match: re.Match[str]) -> str:
        element, words = match.group(0), match.group("words")
        tag = element[: element.index(">") + 1]
        rest = element[len(tag) :]
        href = _HREF.search(tag)
        if href is None:
            return element
        value = html.unescape(_unquoted(href.group(1))).strip()
        url = decide(value, split_url(value))
        if url is None:
            return element
        if not url:  # unlinked: its words, in a span, not an <a> still styled as a link
            kept = _LINK_ONLY.sub("", tag[: href.start()] + tag[href.end() :])
            if words is None:
                return kept + rest  # no end tag to say where its words end
            return f"<span{kept[2:]}{words}</span>"
        return f'{tag[: href.start()]} href="{html.escape(url)}"{tag[href.end() :]}{rest}'

    return _A.sub(rewrite, markup)


def _unquoted(value: str) -> str:
    return value[1:-1] if value[:1] in "\"'" and value[-1:] == value[:1] else value
