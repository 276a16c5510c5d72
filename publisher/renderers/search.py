"""Search: the web archive's full-text index, made by Pagefind, for the search page.

Every article of every issue and edition is a record, and every issue's editorial, and
the home page (the newsletter's name and description: an archive with no issue yet still
has an index, which Pagefind refuses to make of nothing): the title, then the text, at the
page's address. Pagefind's indexer (the `pagefind-bin`
package) reads them as it reads a site, from pages written to a temporary folder, and
makes a bundle of small files that the search page's script fetches as the reader types:
the archive is searched on any static host, with no server of its own. One index for
every language (the newsletter's, `--force-language`), so a search from any page finds an
article in any language.
"""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

from markupsafe import Markup

from ..config import Config
from ..errors import Problem
from ..footnotes import without_back_links
from ..i18n import interface_language
from ..languages import same_language
from ..model import Archive, Document, Issue, text_direction
from ..output import Artifact
from ..templating import issue_name
from .base import OutputFailed

BUNDLE = Path("pagefind")
# Pagefind's other interfaces than the one the search page uses (pagefind-ui.js): not
# published.
_OTHER_INTERFACES = ("pagefind-component-ui.", "pagefind-modular-ui.", "pagefind-highlight.")
# The title is the result's heading, not the start of every excerpt: a meta, not an <h1>.
# The page's language and direction too, for search.js to mark its result with: the index
# is of one language (`--force-language`), and keeps no <html lang> for the results.
_RECORD = Markup(
    '<!DOCTYPE html><html lang="{language}"><head><meta charset="utf-8"><title>{title}</title>'
    '<meta data-pagefind-meta="title[content]" content="{title}">'
    '<meta data-pagefind-meta="lang[content]" content="{language}">'
    '<meta data-pagefind-meta="dir[content]" content="{direction}"></head>'
    "<body><main data-pagefind-body>{text}</main></body></html>"
)


def search_bundle(archive: Archive, config: Config) -> list[Artifact]:
    """The index of every page of `archive` worth finding, as files under pagefind/."""
    about = Markup("<p>{}</p><p>{}</p>").format(config.title, config.description)
    home = _record(config.language, config.title, about)
    with tempfile.TemporaryDirectory(prefix="publisher-search-") as temporary:
        site, bundle = Path(temporary) / "site", Path(temporary) / "bundle"
        for path, record in [("", home), *_records(archive)]:
            page = site / path / "index.html"
            page.parent.mkdir(parents=True, exist_ok=True)
            page.write_text(record, encoding="utf-8")
        _index(site, bundle, config.language)
        return [
            Artifact(BUNDLE / file.relative_to(bundle), file.read_bytes())
            for file in sorted(bundle.rglob("*"))
            if file.is_file() and not file.name.startswith(_OTHER_INTERFACES)
        ]


def _records(archive: Archive) -> list[tuple[str, str]]:
    """(page folder, record) of each issue's page, by its editorial, and each article's."""
    records = []
    for issue in archive.every_edition:
        if issue.editorial_html:
            with interface_language(issue.language):
                name = issue_name(issue)
            records.append((issue.folder, _record(issue.language, name, issue)))
    for issue, doc in _article_pages(archive):
        records.append((f"{issue.folder}/{doc.slug}", _record(doc.language, doc.title, doc)))
    return records


def _article_pages(archive: Archive) -> list[tuple[Issue, Document]]:
    """Each article once, on one of the pages that carry it (several issues, an edition
    carrying it untranslated), so that a search finds it once: on the earliest issue's page
    whose interface speaks the article's language (`en` is spoken on an `en-GB` page:
    tags differing by region alone), else the earliest original issue's: an edition that
    speaks neither carries it only with a "not yet translated" note."""
    pages: dict[Path, tuple[Issue, Document]] = {}
    # The oldest issue first, each original before its editions.
    oldest_first = (e for i in reversed(archive.issues) for e in archive.issues_of(i))
    for issue in oldest_first:
        for doc in issue.documents:
            kept = pages.get(doc.source)
            if kept is None or (
                not same_language(doc.language, kept[0].language)
                and same_language(doc.language, issue.language)
            ):
                pages[doc.source] = (issue, doc)
    return list(pages.values())


def _record(language: str, title: str, of: Issue | Document | Markup) -> str:
    """The page Pagefind indexes for an issue's editorial, an article, or (Markup) text."""
    if isinstance(of, Markup):
        text = of
    elif isinstance(of, Issue):
        text = Markup(of.editorial_html)
    else:
        byline = Markup("<p>{}</p>").format(", ".join(of.authors)) if of.authors else ""
        text = Markup(byline) + Markup(of.body_html)  # sanitised as it was read
    direction = text_direction(language)
    text = Markup(passages_marked(without_back_links(text)))
    return str(_RECORD.format(language=language, direction=direction, title=title, text=text))


# The ids of the empty marks at the start and end of a passage in its own language.
PASSAGE_START = "lang:{language}:{direction}:{number}"
PASSAGE_END = "lang-end:{number}"


def passages_marked(text: str) -> str:
    """`text` (HTML) with an empty mark, named by its id, at the start and the end of each
    passage marked with a language (`lang`): an editorial an edition shows in the
    original's language, an English line in an Arabic statement. Pagefind keeps no `lang`,
    but says at which word of the text each element with an id is (its anchors): search.js
    marks the words of an excerpt between a passage's two marks with its language and
    direction, not the page's, so that they are read in the right order and voice."""
    if "lang=" not in text:
        return text
    from ..tree_edits import body_html, body_tree

    root = body_tree(text)
    for number, passage in enumerate(root.xpath("//*[@lang]"), start=1):
        language = passage.get("lang", "")
        direction = passage.get("dir") or text_direction(language)
        mark = PASSAGE_START.format(language=language, direction=direction, number=number)
        start = passage.makeelement("span", {"id": mark})
        start.tail, passage.text = passage.text, None
        passage.insert(0, start)
        end = passage.makeelement("span", {"id": PASSAGE_END.format(number=number)})
        end.tail, passage.tail = passage.tail, None
        passage.addnext(end)
    return body_html(root)


def _index(site: Path, bundle: Path, language: str) -> None:
    from pagefind_bin import get_executable

    command = [
        str(get_executable()),
        *("--site", str(site), "--output-path", str(bundle)),
        *("--force-language", language.split("-")[0].lower(), "--silent"),
    ]
    try:
        subprocess.run(command, capture_output=True, text=True, check=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        said = getattr(exc, "stderr", "") or str(exc)
        raise OutputFailed(
            Problem(
                f"the archive's search index could not be made: {said.strip()[:300]}",
                hint="reinstall publisher (its pagefind-bin package holds the indexer)",
            )
        ) from None
