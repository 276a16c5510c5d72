"""Untrusted HTML in documents never yields a script, handler, frame or dangerous URL in any
output, and nothing outside the workspace is read or fetched. Checked by parsing outputs."""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path

import lxml.etree
import lxml.html
import pikepdf
from validators import parse_eml, pdftotext

from publisher.build import BuildReport

DANGEROUS_TAGS = {"script", "iframe", "frame", "svg", "math", "object", "embed", "form", "applet"}
SLUG = "001-hostile"


def offences(markup: str | bytes) -> list[str]:
    """Everything in an HTML or XHTML document that could run code or load a frame."""
    data = markup.encode() if isinstance(markup, str) else markup
    found: list[str] = []
    if not data.strip():
        return found
    tree = lxml.html.fromstring(data)
    for element in tree.iter():
        tag = element.tag if isinstance(element.tag, str) else ""
        local = tag.rsplit("}", 1)[-1].lower()
        if local in DANGEROUS_TAGS:
            found.append(f"<{local}>")
        for name, value in element.attrib.items():
            name = name.rsplit("}", 1)[-1].lower()
            if name.startswith("on"):
                found.append(f"{name}= on <{local}>")
            if name in {"href", "src", "action", "formaction", "xlink:href"}:
                scheme = "".join(value.split()).lower()
                if scheme.startswith(("javascript:", "data:", "vbscript:", "file:")):
                    found.append(f"{name}={value[:30]} on <{local}>")
    return found


def test_document_text_survives_so_outputs_are_not_trivially_empty(
    built_hostile: BuildReport,
) -> None:
    page = (built_hostile.out_dir / SLUG / "index.html").read_text()
    assert "Visible text of the evil page" in page
    assert "Before the script." in page and "After the script." in page


def test_addresses_no_one_could_open_are_words_in_every_output(built_hostile: BuildReport) -> None:
    """A host with a stray bracket ("https://mailer.example.]net/", "http://[::1", as an
    address is copied cut short) ended the build in a Python error: Python refuses to read
    such an address. Their words stay, and nothing links to them."""
    page = lxml.html.fromstring((built_hostile.out_dir / SLUG / "index.html").read_bytes())
    (said,) = [p for p in page.iter("p") if "no one could open" in p.text_content()]
    assert " ".join(said.text_content().split()) == (
        "Addresses no one could open: one, two, , https://[1.2.3.4]/a.png, five."
    )
    assert not [a for a in page.iter("a") if "[" in (a.get("href") or "")]


# The pages with scripts: the search pages (search/, and search/es/ in an edition's language)
# run Pagefind's interface and its own starter, both files of the build, none of them inline
# (templates/default/web/search.html).
SEARCH_PAGE = re.compile(r"search/(?:[A-Za-z-]+/)?index\.html")


def page_offences(name: str | Path, markup: str | bytes) -> list[str]:
    """`offences` of the web page at `name` (relative to dist/), where a search page's
    own scripts are expected: those, and only those, are none."""
    found = offences(markup)
    path = Path(name).as_posix()
    if COVER_PAGE.fullmatch(path) and is_cover_frame(markup):
        return [offence for offence in found if offence != "<svg>"]
    if not SEARCH_PAGE.fullmatch(path):
        return found
    root = "../" * path.count("/")
    expected = [(f"{root}pagefind/pagefind-ui.js", ""), (f"{root}search.js", "")]
    scripts = lxml.html.fromstring(markup).iter("script")
    if [(s.get("src"), (s.text or "").strip()) for s in scripts] == expected:
        found = [offence for offence in found if offence != "<script>"]
    return found


# An EPUB's cover page (EPUB/text/cover.xhtml in the book, or book.epub!EPUB/text/… as
# `parsed_outputs.published_files` names it), where pandoc frames the cover picture in an
# <svg> that scales it to the screen, as e-book makers do: that frame, and only it, is none.
COVER_PAGE = re.compile(r"(?:.*\.epub!)?EPUB/text/cover\.xhtml")
SVG = "{http://www.w3.org/2000/svg}"


def is_cover_frame(markup: str | bytes) -> bool:
    """Whether the page's one <svg> holds nothing but one picture of the book's own."""
    frames = list(lxml.etree.fromstring(markup).iter(f"{SVG}svg"))
    if len(frames) != 1 or [child.tag for child in frames[0]] != [f"{SVG}image"]:
        return False
    picture = frames[0][0].get("{http://www.w3.org/1999/xlink}href", "")
    return bool(re.fullmatch(r"\.\./media/[\w.-]+\.(?:jpg|png)", picture))


def test_web_pages_are_clean(built_hostile: BuildReport) -> None:
    out = built_hostile.out_dir
    for page in out.rglob("*.html"):
        assert page_offences(page.relative_to(out), page.read_bytes()) == [], page


def test_email_parts_are_clean(built_hostile: BuildReport) -> None:
    message = parse_eml(built_hostile.out_dir / SLUG / "email.eml")
    assert offences(message.get_body(("html",)).get_content()) == []
    text = message.get_body(("plain",)).get_content()
    for needle in ("<script", "javascript:", "<iframe", "onerror", "alert("):
        assert needle not in text.lower()
    assert "alert(" not in message["Subject"] and "<script" not in message["Subject"]


def test_epub_documents_are_clean_and_embed_nothing_from_outside(
    built_hostile: BuildReport,
) -> None:
    with zipfile.ZipFile(built_hostile.out_dir / SLUG / f"{SLUG}.epub") as epub:
        names = epub.namelist()
        for name in names:
            data = epub.read(name)
            assert b"root:x:0:0" not in data, f"{name} embeds /etc/passwd"
            if name.endswith((".xhtml", ".html")):
                assert page_offences(name, data) == [], name
    assert not any("passwd" in n or "urandom" in n or "meta-data" in n for n in names)


def test_feed_content_is_clean(built_hostile: BuildReport) -> None:
    for name in ("feed.atom", "feed.rss"):
        root = lxml.etree.parse(str(built_hostile.out_dir / name)).getroot()
        for element in root.iter():
            if element.text and "<" in element.text:  # escaped HTML content
                assert offences(element.text) == [], name
            assert "alert(" not in (element.text or ""), name


def test_pdf_has_no_script_and_no_file_from_outside(built_hostile: BuildReport) -> None:
    path = built_hostile.out_dir / SLUG / f"{SLUG}.pdf"
    text = pdftotext(path)
    assert "root:x:0:0" not in text and "alert(" not in text
    with pikepdf.open(path) as pdf:
        assert "/JavaScript" not in pdf.Root.get("/Names", {})
        assert "/OpenAction" not in pdf.Root
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    assert "JavaScript:      no" in info


def test_metadata_is_plain_text_everywhere(built_hostile: BuildReport) -> None:
    for path in Path(built_hostile.out_dir).rglob("*"):
        if path.suffix in {".html", ".txt", ".atom", ".rss", ".eml"}:
            text = path.read_text(errors="replace")
            assert "alert('title')" not in text and "alert('issue')" not in text, path
