"""Old addresses → the pages that redirect from them: where each alias (a document's, an
issue's, a renamed manifest's former folder) is written in dist/, and why one cannot be
(another site's address, a query string, a page or file of the build already there), said
at its line with what to do instead.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from .. import textfiles
from ..errors import Problem
from ..model import Archive, Document, Issue
from ..urls import split_url

log = logging.getLogger(__name__)


_ALIAS_SEGMENT = re.compile(r"^[\w\-.~!$&'()*+,;=:@ ]+$")  # a file name, once decoded


def issue_aliases(
    issue: Issue, site: str, formers: dict[Path, str]
) -> Iterator[tuple[str, str, Document | None]]:
    """The redirects from an issue's old folders (`old_folders`): (page, target, the
    article or None) for the issue's page and each of its articles'; and from an old page's
    own name a manifest's `aliases` gives ("/2024/no-41.html")."""
    for alias in issue.aliases:
        page = alias_page(alias, site)
        if page is None:
            warn_of_no_redirect(issue.source, alias, outside(alias, site) or _NOT_A_PATH)
        elif not page.endswith("/index.html"):
            yield page, f"{issue.folder}/", None
    for folder in old_folders(issue, site, formers):
        yield f"{folder}index.html", f"{issue.folder}/", None
        for doc in issue.documents:
            yield f"{folder}{doc.slug}/index.html", f"{issue.folder}/{doc.slug}/", doc


def old_folders(issue: Issue, site: str, formers: dict[Path, str]) -> list[str]:
    """Where the issue's pages were before, in its edition's folder there (old/es/): each
    folder its manifest's `aliases` name (its name before it was renamed), and the one its
    name made before Arabic and Hebrew names kept their letters (dd-ldrb/ for
    عدد-الإضراب.yaml), where readers' bookmarks and the emails sent then lead; not one
    two issues' names made (`formers`: `manifest.former_slugs`), which was only one's."""
    pages = [alias_page(alias, site) for alias in issue.aliases]
    if former := formers.get(issue.source):
        pages.append(f"{former}/index.html")
    edition = f"{issue.edition}/" if issue.edition else ""
    return [
        page.removesuffix("index.html") + edition
        for page in pages
        if page and page.endswith("/index.html")
    ]


# Folders the build fills with files of its own (pictures, the search index, the logo)
_BUILT_FOLDERS = frozenset({"media", "media-email", "pagefind", "style"})


# Files the build writes, whatever the formats built (a web build leaves the others' files)
_BUILT_FILES = frozenset({
    "site.css", "sitemap.xml", "robots.txt", "search.js", "feed.atom", "feed.rss",
    "email.html", "email.txt", "email.eml",
})  # fmt: skip


_ISSUE_FILE = re.compile(r".+\.(?:pdf|epub)|cover(?:-email)?\.\w+")  # in an issue's folder


_SITEMAP_PART = re.compile(r"sitemap-\d+\.xml")  # a big archive's (WebRenderer._sitemaps)


def no_redirect(path: str | None, taken: set[str], archive: Archive) -> str:
    """Why no redirect page can be written at `path` (an `alias_page`), "" when it can: a
    page or file of the build is there, or its folder would be where the build writes a
    file (a redirect at site.css/index.html failed the whole build) or in a folder the build
    fills with its own."""
    if path is None:
        return _NOT_A_PATH
    if path in taken:
        return "already a page"
    segments = path.split("/")
    if segments[0] in _BUILT_FOLDERS:
        return "the build writes that folder"
    issues = {issue.folder for issue in archive.every_edition}
    for at, segment in enumerate(segments[:-1]):
        in_issue = "/".join(segments[:at]) in issues
        if (
            segment in _BUILT_FILES
            or (in_issue and _ISSUE_FILE.fullmatch(segment))
            or (at == 0 and _SITEMAP_PART.fullmatch(segment))
        ):
            return "the build writes that file"
    return ""


def alias_page(alias: object, site: str = "") -> str | None:
    """The file an old address's redirect is written to, relative to the output folder
    ('/p/my-post' → 'p/my-post/index.html', '/2024/old.html' as it is), or None for one
    that cannot be a file here: not text, the home page, a query string, or a path that
    would leave the output folder, or a protocol-relative address (another site's).

    dist/ is served at `site` (base_url): a path is from there, as Hugo's aliases are, and
    one that starts with its folder ('/newsletter/2015/x/' under
    https://example.org/newsletter/: the address as browsers showed it) is from the host's
    root, that folder taken off (it was written twice over, served at
    /newsletter/newsletter/2015/x/). A full address on another host (the old domain's) is
    its path, the same way; one on `site`'s host outside its folder is None (`outside`)."""
    if not isinstance(alias, str):
        return None
    parts = split_url(alias.strip())
    if parts.query or (parts.netloc and not parts.scheme) or outside(alias, site):
        return None  # //evil.example/x/ is another site's page
    path = "/" + parts.path.lstrip("/")
    folder = site_folder(site)
    if folder != "/" and (path + "/").startswith(folder):
        path = path.removeprefix(folder.rstrip("/"))
    segments = [unquote(s) for s in path.split("/") if s]
    if not segments or any(s in (".", "..") or not _ALIAS_SEGMENT.match(s) for s in segments):
        return None
    path = "/".join(segments)
    return path if path.endswith((".html", ".htm")) else f"{path}/index.html"


def site_folder(site: str) -> str:
    """The folder base_url is on its host ("/newsletter/", or "/"): where dist/ is served."""
    folder = split_url(site).path.strip("/")
    return f"/{folder}/" if folder else "/"


def outside(alias: object, site: str) -> str:
    """Why `alias`, a full address on the site's own host, cannot be redirected from dist/
    (it is outside the folder the site is served from), "" when that is not so: dist/ holds
    only what is under base_url, so the redirect is the host's to make."""
    if not isinstance(alias, str) or not site:
        return ""
    old, folder = split_url(alias.strip()), site_folder(site)
    if not old.scheme or old.hostname != split_url(site).hostname:
        return ""  # a path, or another host's address (the old domain's): from base_url
    if ("/" + old.path.lstrip("/") + "/").startswith(folder):
        return ""
    return f"outside this site's folder {folder} (base_url), so no page of the build is there"


_NOT_A_PATH = "not a path on this site"


_SITES_OWN = ("already a page", "the build writes")  # why `no_redirect` gives for a page's


# Where a redirect no page of dist/ can make is made: the web server's or host's own rules
_HOST_RULES = (
    "make it in the web server's or the host's redirect rules (the _redirects file of Netlify"
    " and Cloudflare Pages, Apache's RewriteRule, nginx's rewrite), and take it out of aliases"
)


def warn_of_no_redirect(source: Path, alias: str, why: str) -> None:
    """Say an alias makes no redirect page, at its line of `source` (its front matter or
    manifest), with what to do: the host's rules for an address dist/ cannot hold (a
    WordPress `/?p=123`, one outside the site's folder), or take it out of aliases where
    the site's own page or file is."""
    line = textfiles.line_of(textfiles.written_text(source), alias)
    ours = why.startswith(_SITES_OWN)
    hint = "take it out of aliases: that address is the site's own" if ours else _HOST_RULES
    log.warning("%s", Problem(f"no redirect from alias {alias!r}: {why}", source, line, hint))
