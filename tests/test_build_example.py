"""The example newsletter in this repository builds into outputs that pass real validators."""

from __future__ import annotations

import re
from pathlib import Path

import feedparser
import lxml.etree
import lxml.html
import pikepdf
import pytest
import yaml
from conftest import REPO
from validators import epubcheck_messages, nu_html_errors, parse_eml, pdffonts, pdftotext

from publisher.build import BuildReport

MANIFESTS = sorted((REPO / "issues").glob("*.yaml"))
ISSUES = [(m.stem, yaml.safe_load(m.read_text())) for m in MANIFESTS]


def test_the_example_has_issues_and_the_documents_the_readme_promises() -> None:
    documents = {p.suffix for p in (REPO / "documents").iterdir()}
    assert len(list((REPO / "documents").iterdir())) >= 6
    assert {".md", ".docx", ".odt", ".html", ".txt"} <= documents
    assert ISSUES


@pytest.mark.parametrize(("slug", "manifest"), ISSUES)
def test_every_issue_gets_pdf_epub_email_and_web_page(
    built_example: BuildReport, slug: str, manifest: dict
) -> None:
    folder = built_example.out_dir / slug
    for name in (
        f"{slug}.pdf",
        f"{slug}.epub",
        "email.html",
        "email.txt",
        "email.eml",
        "index.html",
    ):
        assert (folder / name).stat().st_size > 0, name


def test_archive_outputs_exist(built_example: BuildReport) -> None:
    for name in ("index.html", "feed.atom", "feed.rss", "site.css"):
        assert (built_example.out_dir / name).stat().st_size > 0


@pytest.mark.parametrize(("slug", "manifest"), ISSUES)
def test_epub_passes_epubcheck_without_errors_or_warnings(
    built_example: BuildReport, slug: str, manifest: dict
) -> None:
    assert epubcheck_messages(built_example.out_dir / slug / f"{slug}.epub") == []


@pytest.mark.parametrize("name", ["feed.atom", "feed.rss"])
def test_feeds_parse_cleanly_with_one_entry_per_issue_and_enclosures(
    built_example: BuildReport, name: str
) -> None:
    feed = feedparser.parse(built_example.out_dir / name)
    assert feed.bozo == 0, feed.get("bozo_exception")
    assert len(feed.entries) == len(ISSUES)
    newest_first = sorted(ISSUES, key=lambda item: item[1]["date"], reverse=True)
    for entry, (slug, manifest) in zip(feed.entries, newest_first, strict=True):
        assert entry.id.endswith(f"/{slug}/")
        assert manifest["title"] in entry.title
        assert entry.enclosures, f"{slug} has no enclosure in {name}"
        for enclosure in entry.enclosures:  # the issue's PDF and EPUB, and its leaflet
            file = built_example.out_dir / slug / enclosure.href.rsplit("/", 1)[1]
            assert int(enclosure.length) == file.stat().st_size, enclosure.href
        assert any(e.href.endswith(f"/{slug}/{slug}.pdf") for e in entry.enclosures)
        # Full text: every document title of the issue is in the entry's content.
        content = entry.content[0].value if "content" in entry else entry.description
        for section in manifest["sections"]:
            assert section["title"] in content
    if name == "feed.atom":
        assert {e.type for e in feed.entries[0].enclosures} == {
            "application/pdf",
            "application/epub+zip",
        }


@pytest.mark.parametrize(
    ("feed", "page"),
    [("feed.rss", ""), ("editions/es/feed.rss", "editions/es/")],
)
def test_an_rss_channel_links_the_page_it_follows_and_names_itself_apart(
    built_example: BuildReport, feed: str, page: str
) -> None:
    """RSS's channel <link> is the web site (RSS 2.0: "the URL to the HTML website
    corresponding to the channel"), where a reader's "visit site" goes; it was the Atom
    feed's address. The feed's own address is atom:link rel="self"."""
    site = "https://bulletin.dockside.example.org/"
    channel = lxml.etree.parse(str(built_example.out_dir / feed)).getroot().find("channel")
    assert channel.findtext("link") == site + page
    assert (built_example.out_dir / page / "index.html").is_file()
    [own] = channel.findall("{http://www.w3.org/2005/Atom}link")
    assert (own.get("rel"), own.get("href")) == ("self", site + page + "feed.rss")


@pytest.mark.parametrize(("slug", "manifest"), ISSUES)
def test_pdf_embeds_every_font_and_carries_metadata(
    built_example: BuildReport, slug: str, manifest: dict
) -> None:
    path = built_example.out_dir / slug / f"{slug}.pdf"
    fonts = pdffonts(path)
    assert fonts
    assert all(font["emb"] == "yes" for font in fonts), fonts
    with pikepdf.open(path) as pdf:
        assert str(pdf.docinfo["/Title"]).endswith(manifest["title"])
        assert str(pdf.docinfo["/Author"]) == "Dockside Workers' Network"
        assert str(pdf.Root.Lang) == manifest.get("language", "en")
        width, height = (float(v) for v in pdf.pages[0].MediaBox[2:])
        assert (round(width), round(height)) == (595, 842)  # A4 in points
        assert len(pdf.pages) >= 4  # cover, contents, articles, colophon


@pytest.mark.parametrize(("slug", "manifest"), ISSUES)
def test_pdf_contents_page_lists_articles_with_page_numbers(
    built_example: BuildReport, slug: str, manifest: dict
) -> None:
    pages = pdftotext(built_example.out_dir / slug / f"{slug}.pdf").split("\f")
    contents = pages[1]
    assert "Contents" in contents
    for section in manifest["sections"]:
        assert section["title"] in contents
    # Each entry is "Title ........ N", N the contents page (2: a short editorial and what
    # follows it share it) or a page after it.
    numbers = [int(n) for n in re.findall(r"\.{3,}\s*(\d+)\s*$", contents, re.MULTILINE)]
    entries = 1 + sum(len(section["documents"]) for section in manifest["sections"])
    assert len(numbers) == entries
    assert numbers == sorted(numbers) and all(2 <= n <= len(pages) for n in numbers)


@pytest.mark.parametrize(("slug", "manifest"), ISSUES)
def test_email_is_multipart_alternative_with_plain_text_first(
    built_example: BuildReport, slug: str, manifest: dict
) -> None:
    message = parse_eml(built_example.out_dir / slug / "email.eml")
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    for header in (
        "Subject",
        "From",
        "Date",
        "Message-ID",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "List-Id",
    ):
        assert message[header], header
    assert manifest["title"] in message["Subject"]
    assert message["Message-ID"].endswith("@bulletin.dockside.example.org>")
    raw = (built_example.out_dir / slug / "email.eml").read_bytes()
    assert max(len(line) for line in raw.split(b"\r\n")) <= 998
    html_part = message.get_body(("html",)).get_content()
    # MIME canonicalises line endings to CRLF; the content is otherwise the .html file.
    assert (
        html_part.replace("\r\n", "\n").strip()
        == (built_example.out_dir / slug / "email.html").read_text().strip()
    )


@pytest.mark.parametrize(("slug", "manifest"), ISSUES)
def test_email_html_has_inlined_styles_and_links_online(
    built_example: BuildReport, slug: str, manifest: dict
) -> None:
    html = (built_example.out_dir / slug / "email.html").read_text()
    tree = lxml.html.fromstring(html)
    assert len(html.encode()) < 102 * 1024
    assert tree.xpath("//*[@style]"), "CSS should be inlined into style attributes"
    hrefs = set(tree.xpath("//a/@href"))
    assert f"https://bulletin.dockside.example.org/{slug}/" in hrefs  # view in browser
    assert any("unsubscribe" in href for href in hrefs)


def test_web_index_links_every_issue_page(built_example: BuildReport) -> None:
    index = lxml.html.parse(str(built_example.out_dir / "index.html")).getroot()
    links = set(index.xpath("//main//a/@href"))
    for slug, _ in ISSUES:
        assert f"{slug}/" in links
        page = lxml.html.parse(str(built_example.out_dir / slug / "index.html")).getroot()
        downloads = page.xpath("//ul[@class='downloads']//a/@href")
        leaflet = (
            [f"{slug}-leaflet.pdf"]
            if (built_example.out_dir / slug / f"{slug}-leaflet.pdf").is_file()
            else []
        )
        assert downloads == [f"{slug}.pdf", *leaflet, f"{slug}.epub"]  # a leaflet where it has one
        said = page.xpath("//ul[@class='downloads']//a/text()")
        labels = ["Download PDF", *["Download leaflet (PDF)"] * len(leaflet), "Download EPUB"]
        assert said == labels  # the leaflet is told from the issue's PDF
        for href in downloads:
            assert (built_example.out_dir / slug / href).is_file()


def test_web_pages_pass_the_nu_html_checker(built_example: BuildReport) -> None:
    pages = sorted(built_example.out_dir.glob("**/index.html"))
    documents = sum(len(s["documents"]) for _, m in ISSUES for s in m["sections"])
    assert len(pages) >= 1 + len(ISSUES) + documents
    assert nu_html_errors(pages) == []


def test_arabic_passage_keeps_its_language_and_direction(built_example: BuildReport) -> None:
    pages = [
        lxml.html.parse(str(p)).getroot() for p in Path(built_example.out_dir).glob("*/index.html")
    ]
    rtl = [e for page in pages for e in page.xpath("//*[@lang='ar']")]
    assert rtl, "the example has an Arabic passage marked lang=ar"
    assert all(e.get("dir") == "rtl" for e in rtl)
