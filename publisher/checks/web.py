"""Web page checks: the Nu HTML checker, internal links and anchors, image alt text."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from ..urls import split_url
from . import tools
from .base import Result, Target


def pages(target: Target) -> list[Path]:
    """The web archive's pages (the email's HTML is checked as email, not here)."""
    return [p for p in target.archive_files("*.html") if p.name != "email.html"]


def inputs(target: Target) -> list[Path]:
    """What the web checks read: the pages, every page a link leads to (its ids are looked
    up, whichever issue it is of) and, by name, every file of the output folder (links lead
    to stylesheets, pictures, downloads)."""
    if not pages(target):
        return []
    return [*target.out_dir.rglob("*.html"), target.out_dir]


def nu_html_checker(target: Target) -> Iterator[Result]:
    """Errors of the Nu HTML checker (its warnings are advice), from the validator service."""
    jar = tools.vnu_jar(target.config.root)
    tools.java()
    files = pages(target)
    if not files:
        return
    from . import service

    messages = service.nu_messages(files, jar)
    failing = {Path(m["path"]) for m in messages}
    for message in messages:
        yield Result("fail", message["message"], Path(message["path"]), message["lastLine"])
    for page in files:
        if page.resolve() not in failing:
            yield Result("pass", "0 errors", page)


def internal_links(target: Target) -> Iterator[Result]:
    """Every relative link, stylesheet and image points at a file in the output folder,
    and every #fragment at an element with that id; so does every link and image at the
    site's own address (base_url), as bodies link other articles and the files they offer,
    and every link from the host's root (/news/site.css), as the not-found page's are."""
    import lxml.html

    site = target.config.base_url
    folder_of_site = "/" + split_url(site).path.lstrip("/")  # where dist/ is served
    out = target.out_dir.resolve()

    ids: dict[Path, set[str]] = {}

    def ids_of(page: Path) -> set[str]:
        if page not in ids:
            tree = lxml.html.parse(str(page)).getroot()
            ids[page] = set(tree.xpath("//@id")) | set(tree.xpath("//a/@name"))
        return ids[page]

    for page in pages(target):
        tree = lxml.html.parse(str(page)).getroot()
        broken = []
        for element, attribute, link, _ in tree.iterlinks():
            on_site = link.startswith(site) and element.tag in ("a", "img")
            from_root = link.startswith("/") and not link.startswith("//")
            if from_root and link.startswith(folder_of_site):  # 404.html's, from the root
                link, on_site = site + link.removeprefix(folder_of_site), True
            parts = split_url(link.removeprefix(site) if on_site else link)
            if parts.scheme or parts.netloc or (element.tag == "a" and attribute != "href"):
                continue
            if from_root and not on_site:  # outside the site's folder: not this build's
                broken.append((element.sourceline, f"{link} → outside {folder_of_site}"))
                continue
            folder = out if on_site else page.parent
            linked = (folder / unquote(parts.path)).resolve() if parts.path or on_site else page
            if linked.is_dir():
                linked = linked / "index.html"
            if not linked.is_file() or not linked.is_relative_to(out):
                broken.append((element.sourceline, f"{link} → no such file"))
            elif (
                parts.fragment
                and linked.suffix == ".html"
                and unquote(parts.fragment) not in ids_of(linked)
            ):
                broken.append(
                    (element.sourceline, f"{link} → no element with id {parts.fragment!r}")
                )
        for line, detail in broken:
            yield Result("fail", detail, page, line)
        if not broken:
            yield Result("pass", "all resolve", page)


def image_alt_text(target: Target) -> Iterator[Result]:
    import lxml.html

    for page in pages(target):
        tree = lxml.html.parse(str(page)).getroot()
        missing = [img for img in tree.iter("img") if img.get("alt") is None]
        for img in missing:
            yield Result(
                "fail",
                f"<img src={img.get('src')!r}> has no alt",
                page,
                img.sourceline,
            )
        if not missing:
            yield Result("pass", "every image has alt text", page)
