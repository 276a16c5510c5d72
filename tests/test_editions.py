"""Language editions (#19): one issue published in several languages, every format per
edition, under <out>/<slug>/<lang>/, with the interface in the edition's language.

One module-scoped build of tests/workspaces/editions: issue 1 in English with a Spanish
edition (one article translated by file name, one already in Spanish, one not translated)
and an Arabic one (translated by `translation_of:`); issue 2 with `untranslated: omit`.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, cast

import feedparser
import lxml.etree
import lxml.html
import pytest
from conftest import WORKSPACES, build_copy, build_with_warnings, minimal_with
from validators import epubcheck_messages, nu_html_errors, parse_eml, pdftotext

from publisher.build import BuildReport, build, edition_translations
from publisher.build_notes import note_outdated
from publisher.errors import PublisherError
from publisher.manifest import IssueManifest, load_manifest
from publisher.manifest_yaml import IssueEdit, SectionEdit, edited
from publisher.pool import DocumentPool

ISSUE = "001-editions"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
OMITTED = "002-omitted"
SITE = "https://editions.example.org/"
NOTES = {
    "es": "Todavía sin traducir: este artículo se publica en su idioma original.",
    "ar": "لم يُترجم بعد: هذا المقال منشور بلغته الأصلية.",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    return build_copy(WORKSPACES / "editions", tmp_path_factory)


def folder(built: BuildReport, edition: str = "", issue: str = ISSUE) -> Path:
    return built.out_dir / issue / edition if edition else built.out_dir / issue


def page(built: BuildReport, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((built.out_dir / relative).read_bytes())


def test_each_edition_has_every_format_in_its_language_folder(built: BuildReport) -> None:
    names = {f"{ISSUE}.pdf", f"{ISSUE}.epub", "email.eml", "email.html", "email.txt"}
    for edition in ("", "es", "ar"):
        assert names <= {p.name for p in folder(built, edition).iterdir()}, edition
    assert {"pdf 001-editions/es", "email 001-editions/ar", "web 001-editions/es"} <= set(
        built.rendered
    )
    assert not (folder(built) / "en").exists()  # the original stays where it always was


def test_pdf_of_an_edition_is_in_its_language_with_the_note_on_the_untranslated(
    built: BuildReport,
) -> None:
    import pikepdf

    with pikepdf.open(folder(built, "es") / f"{ISSUE}.pdf") as pdf:
        assert str(pdf.Root.Lang) == "es"
        assert "Igualdad salarial ya" in str(pdf.docinfo["/Title"])
    spanish = " ".join(pdftotext(folder(built, "es") / f"{ISSUE}.pdf").split())
    assert "Las limpiadoras están en huelga" in spanish  # the translation
    assert "Los jornaleros paran" in spanish  # already Spanish: as it is, no note
    assert "Rents are rising" in spanish and spanish.count(NOTES["es"]) == 1
    assert "Noticias" in spanish and "Hola desde la redacción" in spanish
    with pikepdf.open(folder(built, "ar") / f"{ISSUE}.pdf") as pdf:
        assert str(pdf.Root.Lang) == "ar"
    arabic = " ".join(pdftotext(folder(built, "ar") / f"{ISSUE}.pdf").split())
    assert "عاملات النظافة في إضراب" in arabic
    assert "Todavía" not in pdftotext(folder(built) / f"{ISSUE}.pdf")


def with_english_summary_and_arabic_edition(root: Path) -> Path:
    """The minimal workspace's issue with an English summary and an Arabic edition that
    translates its section's title but not the summary."""
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text()
        + 'summary: "Cleaners strike, rents rise."\neditions: {ar: {sections: [أخبار]}}\n',
        encoding="utf-8",
    )
    return root


def test_an_untranslated_summary_on_an_arabic_editions_pdf_cover_keeps_its_full_stop_at_its_end(
    workspace: Callable[[str], Path],
) -> None:
    """The Arabic edition's cover read ".Cleaners strike, rents rise": the English summary
    it keeps from the original was set right to left, as Arabic. It is marked English, as
    the web pages mark it, and reads as written."""
    root = with_english_summary_and_arabic_edition(workspace("minimal"))
    report = build(root, formats=["pdf"])
    cover = pdftotext(report.out_dir / "001-first" / "ar" / "001-first.pdf").split("\f")[0]
    assert "Cleaners strike, rents rise." in cover
    assert ".Cleaners" not in cover


def test_an_untranslated_summary_in_an_arabic_editions_epub_is_marked_english(
    workspace: Callable[[str], Path],
) -> None:
    """The Arabic edition's package gave the English summary it keeps from the original as
    its dc:description, unmarked: a library or a screen reader took it for Arabic (the
    package's xml:lang) and read it right to left, in an Arabic voice."""
    root = with_english_summary_and_arabic_edition(workspace("minimal"))
    report = build(root, formats=["epub"])
    dc = {"dc": "http://purl.org/dc/elements/1.1/"}
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    found = {}
    for edition in ("", "ar"):
        path = report.out_dir / "001-first" / edition / "001-first.epub"
        with zipfile.ZipFile(path) as book:
            package = lxml.etree.fromstring(book.read("EPUB/content.opf"))
        [description] = package.xpath("//dc:description", namespaces=dc)
        found[edition] = (description.text, description.get(lang), description.get("dir"))
        assert epubcheck_messages(path) == []
    assert found == {
        "": ("Cleaners strike, rents rise.", None, None),  # the book's own language
        "ar": ("Cleaners strike, rents rise.", "en", "ltr"),
    }


def test_an_untranslated_title_on_an_arabic_editions_epub_cover_is_drawn_left_to_right(
    workspace: Callable[[str], Path], epub_cover_drawings: list[lxml.etree._Element]
) -> None:
    """The cover drew every title line right to left, the edition's way: an English title
    the Arabic edition keeps read "!Equal pay now" on it."""
    from PIL import Image

    root = workspace("minimal")
    (root / "documents" / "media").mkdir()
    Image.new("RGB", (1600, 1000), (30, 90, 160)).save(root / "documents" / "media" / "cover.png")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        manifest.read_text().replace('"First issue"', '"Equal pay now!"')
        + "cover: documents/media/cover.png\neditions: {ar: {sections: [أخبار]}}\n",
        encoding="utf-8",
    )
    build(root, formats=["epub"])
    [arabic] = [  # the Arabic edition's cover (the English issue's is drawn too)
        drawing
        for drawing in epub_cover_drawings
        if "العدد" in drawing.xpath("string(//*[local-name()='title'])")
    ]
    [title] = arabic.xpath("//*[local-name()='text'][.='Equal pay now!']")
    assert title.get("direction") == "ltr"


def test_epub_of_each_edition_declares_its_language_and_passes_epubcheck(
    built: BuildReport,
) -> None:
    for edition, direction in (("es", None), ("ar", "rtl")):
        path = folder(built, edition) / f"{ISSUE}.epub"
        with zipfile.ZipFile(path) as book:
            opf = book.read("EPUB/content.opf").decode()
            text = " ".join(book.read(n).decode() for n in book.namelist() if n.endswith(".xhtml"))
        assert f"<dc:language>{edition}</dc:language>" in opf
        if direction:
            assert f'page-progression-direction="{direction}"' in opf
        note = re.search(
            r'<div class="untranslated-note" lang="([^"]+)"[^>]*>\s*([^<]+?)\s*</div>', text
        )
        assert note is not None and note.groups() == (edition, NOTES[edition])
        assert epubcheck_messages(path) == []


def test_email_of_an_edition_says_its_language_in_header_subject_and_note(
    built: BuildReport,
) -> None:
    message = parse_eml(folder(built, "es") / "email.eml")
    assert message["Content-Language"] == "es"
    assert message["Subject"] == "Harbour Bulletin N.º 1: Igualdad salarial ya"
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    tree: lxml.html.HtmlElement = lxml.html.fromstring(html)
    [note] = tree.find_class("untranslated-note")
    assert (note.get("lang"), note.text_content()) == ("es", NOTES["es"])
    assert note.xpath("ancestor::*[@lang][1]/@lang") == ["en"]  # inside the original's text
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert NOTES["es"] in " ".join(text.split())
    assert parse_eml(folder(built) / "email.eml")["Content-Language"] == "en"
    arabic = parse_eml(folder(built, "ar") / "email.eml")
    assert arabic["Content-Language"] == "ar"
    html = arabic.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert lxml.html.fromstring(html).get("dir") == "rtl"


def alternates(tree: lxml.html.HtmlElement) -> dict[str, str]:
    return {
        link.get("hreflang"): link.get("href")
        for link in tree.xpath('//head/link[@rel="alternate"][@hreflang]')
    }


def test_hreflang_alternates_resolve_and_answer_each_other(built: BuildReport) -> None:
    pages = sorted(built.out_dir.rglob("index.html"))
    linked = 0
    for path in pages:
        tree = lxml.html.fromstring(path.read_bytes())
        here = SITE + path.relative_to(built.out_dir).as_posix().removesuffix("index.html")
        found = alternates(tree)
        if not found:
            continue
        linked += 1
        assert found["x-default"] in found.values() and here in found.values(), path
        for language, url in found.items():
            target = built.out_dir / url.removeprefix(SITE) / "index.html"
            assert target.is_file(), f"{path}: {language} → {url}"
            assert here in alternates(lxml.html.fromstring(target.read_bytes())).values()
    # Issue 1: 3 editions × (its page and its one translated article's: the others are
    # copies of the original); issue 2: 2 × (its page and 1 article's); the home page and
    # each edition language's
    assert linked == 3 * 2 + 2 * 2 + 3


def test_the_language_switcher_and_the_untranslated_note_on_the_web(built: BuildReport) -> None:
    tree = page(built, f"{ISSUE}/es/report/index.html")
    switcher = tree.find_class("editions")[0]
    assert switcher.get("aria-label") == "Este número en otros idiomas"
    links = {a.get("hreflang"): a.get("href") for a in switcher.iter("a")}
    assert links == {
        "en": "../../../001-editions/report/",
        "ar": "../../../001-editions/ar/report/",
    }
    assert switcher.xpath(".//*[@aria-current='page']/text()") == ["Español"]
    [note] = tree.find_class("untranslated-note")
    assert note.get("lang") == "es" and note.text_content() == NOTES["es"]
    assert tree.get("lang") == "en"  # the page is the original's text, marked as such
    arabic = page(built, f"{ISSUE}/ar/index.html")
    assert (arabic.get("lang"), arabic.get("dir")) == ("ar", "rtl")
    assert page(built, f"{ISSUE}/es/nota/index.html").find_class("untranslated-note") == []
    home = page(built, "index.html")
    assert home.xpath("//ol[@class='archive']//a[@hreflang='ar']/@href") == [f"{ISSUE}/ar/"]
    assert (
        nu_html_errors(
            [
                built.out_dir / f"{ISSUE}/es/index.html",
                built.out_dir / f"{ISSUE}/ar/strike/index.html",
                built.out_dir / f"{ISSUE}/report/index.html",
            ]
        )
        == []
    )


def test_each_editions_downloads_are_saved_under_a_name_of_their_own(built: BuildReport) -> None:
    """Every edition's EPUB and PDF are named as the original's (001-editions.epub in the
    issue's folder and in es/): downloaded from both pages, the second was saved as
    "001-editions (1).epub". The links name the file to save, with the edition's language."""

    def saved_as(relative: str) -> dict[str, str]:
        links = page(built, relative).xpath("//ul[@class='downloads']//a")
        return {a.get("href"): a.get("download") for a in links}

    spanish = saved_as(f"{ISSUE}/es/index.html")
    assert spanish[f"{ISSUE}.epub"] == f"{ISSUE}-es.epub"
    assert spanish[f"{ISSUE}.pdf"] == f"{ISSUE}-es.pdf"
    assert saved_as(f"{ISSUE}/index.html")[f"{ISSUE}.epub"] == f"{ISSUE}.epub"
    names = [
        name
        for relative in (f"{ISSUE}/index.html", f"{ISSUE}/es/index.html", f"{ISSUE}/ar/index.html")
        for name in saved_as(relative).values()
    ]
    assert len(names) == len(set(names)) >= 6  # PDF and EPUB (and leaflet) of each edition
    article = page(built, f"{ISSUE}/ar/strike/index.html")
    assert article.xpath(f"//a[@href='../{ISSUE}.epub']/@download") == [f"{ISSUE}-ar.epub"]


def test_sitemap_lists_every_edition_with_its_alternates(built: BuildReport) -> None:
    sitemap = lxml.etree.parse(str(built.out_dir / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}

    def xpath(where: Any, path: str) -> list[Any]:
        return cast(list[Any], where.xpath(path, namespaces=ns))

    locations = set(xpath(sitemap, "//s:loc/text()"))
    assert f"{SITE}{ISSUE}/ar/strike/" in locations
    [entry] = xpath(sitemap, f"//s:url[s:loc='{SITE}{ISSUE}/es/']")
    links = {x.get("hreflang"): x.get("href") for x in xpath(entry, "x:link")}
    assert links == {
        "en": f"{SITE}{ISSUE}/",
        "es": f"{SITE}{ISSUE}/es/",
        "ar": f"{SITE}{ISSUE}/ar/",
        "x-default": f"{SITE}{ISSUE}/",
    }
    every = set(xpath(sitemap, "//x:link/@href"))
    assert every <= locations


def test_a_copy_of_the_original_in_another_edition_sends_search_engines_to_the_original(
    built: BuildReport,
) -> None:
    """An article an edition shows as the original wrote it (not translated yet, or
    already in the edition's language) is the same text at two addresses: each was its own
    canonical, so search engines had two indexable copies, and hreflang announced the
    English text as Spanish, and the Spanish one as English. A copy names the original's
    page as canonical and is no hreflang alternate, nor in the sitemap; hreflang pairs
    only translations, each by the language it is written in."""
    original = {
        f"{ISSUE}/es/report/": f"{SITE}{ISSUE}/report/",  # English, "not translated yet"
        f"{ISSUE}/ar/report/": f"{SITE}{ISSUE}/report/",
        f"{ISSUE}/es/nota/": f"{SITE}{ISSUE}/nota/",  # written in Spanish
        f"{ISSUE}/report/": f"{SITE}{ISSUE}/report/",
        f"{ISSUE}/nota/": f"{SITE}{ISSUE}/nota/",
    }
    for path, canonical in original.items():
        tree = page(built, f"{path}index.html")
        assert tree.xpath("//link[@rel='canonical']/@href") == [canonical], path
        assert tree.xpath("//meta[@property='og:url']/@content") == [canonical], path
        assert alternates(tree) == {}, path
        assert tree.find_class("editions"), path  # readers still change language there
    assert alternates(page(built, f"{ISSUE}/es/strike/index.html")) == {
        "en": f"{SITE}{ISSUE}/strike/",
        "es": f"{SITE}{ISSUE}/es/strike/",
        "ar": f"{SITE}{ISSUE}/ar/strike/",
        "x-default": f"{SITE}{ISSUE}/strike/",
    }
    sitemap = (built.out_dir / "sitemap.xml").read_text()
    assert f"<loc>{SITE}{ISSUE}/report/</loc>" in sitemap
    assert f"{ISSUE}/es/report/" not in sitemap and f"{ISSUE}/es/nota/" not in sitemap


def test_each_edition_language_has_its_own_feed(built: BuildReport) -> None:
    original = feedparser.parse(built.out_dir / "feed.atom")
    assert [e.link for e in original.entries] == [f"{SITE}{OMITTED}/", f"{SITE}{ISSUE}/"]
    spanish = feedparser.parse(built.out_dir / "editions" / "es" / "feed.atom")
    assert not spanish.bozo and spanish.feed.language == "es"
    assert [e.link for e in spanish.entries] == [f"{SITE}{OMITTED}/es/", f"{SITE}{ISSUE}/es/"]
    assert spanish.entries[1].title == "N.º 1: Igualdad salarial ya"
    enclosures = {link.href for link in spanish.entries[1].links if link.rel == "enclosure"}
    assert f"{SITE}{ISSUE}/es/{ISSUE}.pdf" in enclosures
    rss = feedparser.parse(built.out_dir / "editions" / "ar" / "feed.rss")
    assert not rss.bozo and [e.link for e in rss.entries] == [f"{SITE}{ISSUE}/ar/"]
    head = page(built, f"{ISSUE}/es/index.html").xpath("//link[@type='application/atom+xml']/@href")
    assert "../../editions/es/feed.atom" in head


def test_later_pages_of_a_home_page_keep_the_menu_of_the_other_languages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Page 2 of the Spanish home page (editions/es/page/2/) had lost the menu of the
    newsletter's other languages its first page has: a reader leafing back through the
    Spanish issues had no way to the English or the Arabic ones. The menu links each
    language's home page (its own marked as the current one); only first pages are each
    other's hreflang alternates: page 2 in Spanish is not page 2 in Arabic."""
    from publisher.renderers import web

    monkeypatch.setattr(web, "PER_PAGE", 1)
    root = tmp_path / "ws"
    shutil.copytree(WORKSPACES / "editions", root)
    out, _ = build_with_warnings(root, ["web"])

    later = lxml.html.fromstring((out / "editions/es/page/2/index.html").read_bytes())
    menu = later.find_class("editions")[0]
    assert {a.get("hreflang"): a.get("href") for a in menu.iter("a")} == {
        "en": "../../../../",
        "es": "../../../../editions/es/",
        "ar": "../../../../editions/ar/",
    }
    assert menu.xpath(".//a[@aria-current]/@hreflang") == ["es"]
    assert later.xpath("//link[@hreflang]") == []
    assert nu_html_errors([out / "editions/es/page/2/index.html", out / "page/2/index.html"]) == []


def test_each_edition_language_has_a_home_page_in_that_language(built: BuildReport) -> None:
    """editions/es/, beside the Spanish feeds: the Spanish editions, newest first, with
    the menus in Spanish, reached from every page of a Spanish edition and from the home
    page's language switcher; the Arabic one right to left."""
    spanish = page(built, "editions/es/index.html")
    assert (spanish.get("lang"), spanish.get("dir")) == ("es", "ltr")
    archive = spanish.xpath("//ol[@class='archive']/li/a[1]")
    assert [a.get("href") for a in archive] == [f"../../{OMITTED}/es/", f"../../{ISSUE}/es/"]
    assert archive[1].text_content() == "N.º 1: Igualdad salarial ya"
    assert spanish.xpath("//h2[@id='archive-title']/text()") == ["Todos los números"]
    latest = spanish.xpath("//section[@class='latest']//ul[@class='contents']//a/@href")
    assert latest == [f"../../{OMITTED}/es/strike/"]  # its one translated article
    feeds = spanish.xpath("//link[@type='application/atom+xml']/@href")
    assert "../../editions/es/feed.atom" in feeds  # its own
    assert spanish.xpath("//nav[@class='site-nav']/a[1]/@href") == ["./"]
    switcher = {
        a.get("hreflang"): a.get("href") for a in spanish.find_class("editions")[0].iter("a")
    }
    assert switcher == {"en": "../../", "ar": "../../editions/ar/"}
    assert spanish.find_class("editions")[0].get("aria-label") == "Este boletín en otros idiomas"
    home = page(built, "index.html").find_class("editions")[0]
    assert {a.get("hreflang"): a.get("href") for a in home.iter("a")} == {
        "es": "editions/es/",
        "ar": "editions/ar/",
    }
    arabic = page(built, "editions/ar/index.html")
    assert (arabic.get("lang"), arabic.get("dir")) == ("ar", "rtl")
    assert arabic.xpath("//ol[@class='archive']/li/a[1]/@href") == [f"../../{ISSUE}/ar/"]
    for edition_page in (f"{ISSUE}/es/index.html", f"{ISSUE}/es/report/index.html"):
        tree = page(built, edition_page)
        root = "../" * edition_page.count("/")
        assert tree.xpath("//nav[@class='site-nav']/a[1]/@href") == [f"{root}editions/es/"]
        assert tree.xpath("//p[@class='site-title']/a/@href") == [f"{root}editions/es/"]
    assert page(built, f"{ISSUE}/report/index.html").xpath(
        "//nav[@class='site-nav']/a[1]/@href"
    ) == ["../../"]
    assert feedparser.parse(built.out_dir / "editions/es/feed.atom").feed.link == (
        f"{SITE}editions/es/"
    )
    assert (
        nu_html_errors(
            [built.out_dir / "editions/es/index.html", built.out_dir / "editions/ar/index.html"]
        )
        == []
    )


def english_and_french(root: Path, french: str) -> Path:
    """The minimal workspace's English issue 1 with a French edition, and an issue 2 in
    `french` (fr, fr-CA) with an English one."""
    first = root / "issues" / "001-first.yaml"
    first.write_text(first.read_text() + "editions: [fr]\n", encoding="utf-8")
    (root / "documents" / "greve.md").write_text(
        f'---\ntitle: "La grève"\nlang: {french}\n---\nLes dockers arrêtent le travail.\n',
        encoding="utf-8",
    )
    (root / "issues" / "002-deux.yaml").write_text(
        f'number: 2\ntitle: "Numéro deux"\ndate: 2026-02-10\nlanguage: {french}\n'
        "sections:\n  - title: Nouvelles\n    documents: [greve]\neditions: [en]\n",
        encoding="utf-8",
    )
    return root


def test_a_language_home_page_and_feed_list_the_issues_first_written_in_it_too(
    workspace: Callable[[str], Path],
) -> None:
    """An English issue 1 with a French edition, a French issue 2 with an English one:
    editions/fr/ lists issue 2 as written and issue 1's French edition, editions/en/ issue
    2's English edition and issue 1 as written, their feeds alike. The home page (every
    original) leaves "en" to editions/en/: each language has one address in the menus."""
    report = build(english_and_french(workspace("minimal"), "fr"), formats=["web", "feed"])
    site = "https://minimal.example.org/"
    listed = {
        language: page(report, f"editions/{language}/index.html").xpath(
            "//ol[@class='archive']/li/a[1]/@href"
        )
        for language in ("fr", "en")
    }
    assert listed == {
        "fr": ["../../002-deux/", "../../001-first/fr/"],
        "en": ["../../002-deux/en/", "../../001-first/"],
    }
    for language, links in {
        "fr": [f"{site}002-deux/", f"{site}001-first/fr/"],
        "en": [f"{site}002-deux/en/", f"{site}001-first/"],
    }.items():
        feed = feedparser.parse(report.out_dir / "editions" / language / "feed.atom")
        assert [entry.link for entry in feed.entries] == links, language
    for home in ("index.html", "editions/en/index.html", "editions/fr/index.html"):
        links = page(report, home).xpath('//head/link[@rel="alternate"][@hreflang]')
        assert [(a.get("hreflang"), a.get("href")) for a in links] == [
            ("en", f"{site}editions/en/"),
            ("fr", f"{site}editions/fr/"),
            ("x-default", site),
        ], home
    menu = page(report, "index.html").find_class("editions")[0]
    assert {a.get("hreflang"): a.get("href") for a in menu.iter("a")} == {
        "en": "editions/en/",
        "fr": "editions/fr/",
    }
    homes = ["index.html", "editions/en/index.html", "editions/fr/index.html"]
    assert nu_html_errors([report.out_dir / home for home in homes]) == []


def test_an_issue_written_in_a_regional_variety_is_listed_on_its_languages_home_page(
    workspace: Callable[[str], Path],
) -> None:
    """An issue in fr-CA has no French edition (it is French already): editions/fr/
    lists it as written, beside issue 1's French edition."""
    report = build(english_and_french(workspace("minimal"), "fr-CA"), formats=["web"])
    listed = page(report, "editions/fr/index.html").xpath("//ol[@class='archive']/li/a[1]/@href")
    assert listed == ["../../002-deux/", "../../001-first/fr/"]


def test_an_editions_feed_and_its_languages_article_feed_say_which_is_which(
    built: BuildReport,
) -> None:
    """A reader subscribing in Spanish sees two feeds: the edition's issues and the
    articles written in Spanish. They used to share one title, "Harbour Bulletin (es)"."""
    issues = feedparser.parse(built.out_dir / "editions" / "es" / "feed.atom").feed.title
    articles = feedparser.parse(built.out_dir / "languages" / "es" / "feed.atom").feed.title
    assert issues == "Harbour Bulletin (español)"
    assert articles == "Harbour Bulletin: artículos en español"
    arabic = feedparser.parse(built.out_dir / "languages" / "ar" / "feed.atom").feed.title
    assert arabic == "Harbour Bulletin: مقالات باللغة العربية"


def test_a_title_an_edition_leaves_untranslated_is_marked_in_its_own_language(
    built: BuildReport,
) -> None:
    """The Arabic edition gives no title of its own: "Equal pay now" and "News" stay
    English, marked so (lang, dir) that they are read in English and set left to right
    inside the right-to-left page; the Spanish edition's own titles need no mark."""
    arabic = page(built, f"{ISSUE}/ar/index.html")
    for heading in (arabic.xpath("//h1")[0], arabic.xpath("//h2[@class='section-title']")[0]):
        [span] = heading.xpath("span")
        assert (span.get("lang"), span.get("dir"), span.text) in (
            ("en", "ltr", "Equal pay now"),
            ("en", "ltr", "News"),
        )
    for article in ("strike", "report"):  # its article pages' breadcrumb and "From No. 1"
        pages_own = page(built, f"{ISSUE}/ar/{article}/index.html")
        spans = pages_own.xpath("//nav[@class='breadcrumb']//span | //aside//a/span")
        assert [(s.get("lang"), s.get("dir"), s.text) for s in spans] == [
            ("en", "ltr", "Equal pay now")
        ] * 2
    email = parse_eml(folder(built, "ar") / "email.eml").get_body(("html",)).get_content()
    assert '<span lang="en" dir="ltr">Equal pay now</span>' in email
    with zipfile.ZipFile(folder(built, "ar") / f"{ISSUE}.epub") as book:
        package = lxml.etree.fromstring(book.read("EPUB/content.opf"))
        title_page = lxml.etree.fromstring(book.read("EPUB/text/title_page.xhtml"))
    [dc_title] = package.xpath("//*[local-name()='title']")
    assert dc_title.get(XML_LANG) == "en" and "Equal pay now" in dc_title.text
    [span] = title_page.xpath("//*[local-name()='h1']/*[local-name()='span']")
    assert (span.get("lang"), span.get(XML_LANG), span.get("dir"), span.text) == (
        "en",
        "en",
        "ltr",
        "Equal pay now",
    )
    spanish = page(built, f"{ISSUE}/es/index.html")
    assert spanish.xpath("string(//h1)") == "Igualdad salarial ya"
    assert not spanish.xpath("//h1//span[@lang]|//h2[@class='section-title']//span[@lang]")


def in_effect(element: lxml.html.HtmlElement) -> tuple[str, str]:
    """The language and direction an element is read in: its own, or the nearest
    enclosing element's."""
    [language] = element.xpath("ancestor-or-self::*[@lang][1]/@lang")
    [direction] = element.xpath("ancestor-or-self::*[@dir][1]/@dir")
    return language, direction


def spans(element: lxml.html.HtmlElement) -> list[tuple[str | None, str | None, str | None]]:
    """(lang, dir, text) of each span inside `element`."""
    return [(span.get("lang"), span.get("dir"), span.text) for span in element.iter("span")]


def test_home_pages_speak_their_own_language_around_an_issues_words_marked_in_theirs(
    workspace: Callable[[str], Path],
) -> None:
    """A Farsi issue in an English newsletter, with an English edition. On the home page,
    "Latest issue", "No. 1" and the dates are English, left to right, and the Farsi title
    and summary each marked Farsi, right to left; on editions/en/, so is the summary the
    edition keeps from the original, and a summary of its own is not."""
    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    farsi = 'title: "شماره یک"\nlanguage: fa\nsummary: "خلاصه به فارسی"'
    original = manifest.read_text().replace('title: "First issue"', farsi)
    manifest.write_text(original + "editions: [en]\n", encoding="utf-8")
    report = build(root, formats=["web"])
    in_farsi = ("fa", "rtl")

    def latest(tree: lxml.html.HtmlElement) -> tuple[Any, Any, Any]:
        [meta] = tree.xpath("//section[@class='latest']/p[@class='issue-meta']")
        [title] = tree.xpath("//h1[@id='latest-title']")
        [summary] = tree.xpath("//section[@class='latest']/p[not(@class)]")
        return meta, title, summary

    for home in ("index.html", "editions/en/index.html"):
        meta, title, summary = latest(page(report, home))
        assert meta.text_content() == "Latest issue · No. 1 · January 10, 2026", home
        assert in_effect(meta) == ("en", "ltr"), home
        assert spans(title) == [(*in_farsi, "شماره یک")], home
        assert spans(summary) == [(*in_farsi, "خلاصه به فارسی")], home
    [listed] = page(report, "index.html").xpath("//ol[@class='archive']/li/a[1]")
    assert (listed.text, in_effect(listed)) == ("No. 1: ", ("en", "ltr"))
    assert spans(listed) == [(*in_farsi, "شماره یک")]
    [date] = page(report, "index.html").xpath("//ol[@class='archive']//time")
    assert in_effect(date) == ("en", "ltr")
    homes = [report.out_dir / "index.html", report.out_dir / "editions/en/index.html"]
    assert nu_html_errors(homes) == []

    english = "  en:\n    title: Issue one\n    summary: A summary of its own\n"
    manifest.write_text(original + "editions:\n" + english, encoding="utf-8")
    _, title, summary = latest(page(build(root, formats=["web"]), "editions/en/index.html"))
    assert (title.text_content(), spans(title)) == ("Issue one", [])
    assert (summary.text_content(), spans(summary)) == ("A summary of its own", [])


def test_untranslated_omit_leaves_the_document_out_of_the_edition(built: BuildReport) -> None:
    spanish = folder(built, "es", OMITTED)
    assert (spanish / "strike" / "index.html").is_file()
    assert not (spanish / "report").exists()
    contents = page(built, f"{OMITTED}/es/index.html").xpath("//nav[@class='contents']//a/text()")
    assert contents == ["Las limpiadoras están en huelga"]
    assert "es" not in alternates(page(built, f"{OMITTED}/report/index.html"))
    assert "Rents are rising" not in pdftotext(spanish / f"{OMITTED}.pdf")


def test_an_unchanged_issue_with_editions_renders_nothing_again(built: BuildReport) -> None:
    again = build(built.out_dir.parent)
    assert again.rendered == [] and "pdf 001-editions/ar" in again.skipped


def test_two_editions_in_one_language_are_told_apart_by_region(tmp_path: Path) -> None:
    """Brazilian and European Portuguese editions: each named with its region in the
    language menus, where one language alone is named without (`autonym`)."""
    root = tmp_path / "minimal"
    shutil.copytree(WORKSPACES / "minimal", root)
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "editions: [pt-BR, pt-PT]\n", encoding="utf-8")
    report = build(root, formats=["web"])
    menu = page(report, "001-first/pt-BR/index.html").find_class("editions")[0]
    names = [item.text_content() for item in menu.iter("li")]
    assert names == ["English", "Português (Brasil)", "Português (Portugal)"]
    listed = page(report, "index.html").xpath("//ol[@class='archive']//a[@hreflang]/text()")
    assert listed == ["Português (Brasil)", "Português (Portugal)"]


def test_an_outdated_translation_is_noted(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = tmp_path / "editions"
    shutil.copytree(WORKSPACES / "editions", root)
    documents = root / "documents"
    (documents / "strike.md").write_text(
        (documents / "strike.md").read_text() + "\nA new line.\n", encoding="utf-8"
    )
    pool = DocumentPool.scan(documents)
    manifests = [load_manifest(p, pool, root) for p in sorted((root / "issues").glob("*.yaml"))]
    with caplog.at_level(logging.WARNING):
        note_outdated(edition_translations(pool, manifests, "en"), documents)
    outdated = sorted(r.getMessage().split(":")[0] for r in caplog.records)
    assert outdated == [str(documents / "strike-ar.md"), str(documents / "strike.es.md")]


BAD_EDITIONS = """\
number: 3
date: 2026-02-01
sections:
  - title: News
    documents: [report]
editions:
  - es
  - Spansh
untranslated: omitt
"""


def test_bad_editions_are_named_at_their_lines(tmp_path: Path) -> None:
    manifest = tmp_path / "003-bad.yaml"
    manifest.write_text(BAD_EDITIONS, encoding="utf-8")
    pool = DocumentPool.scan(WORKSPACES / "editions" / "documents")
    with pytest.raises(PublisherError) as raised:
        load_manifest(manifest, pool, tmp_path)
    problems = {(p.line, p.message.split(":")[0], p.hint) for p in raised.value.problems}
    assert problems == {
        (
            8,
            "edition 'Spansh'",
            "did you mean 'es' (Spanish)? use a BCP 47 code such as en, es, fr, ar or pt-BR",
        ),
        (9, "'untranslated' must be note or omit, not 'omitt'", "did you mean 'omit'?"),
    }


def loaded_with_editions(tmp_path: Path, editions: str) -> IssueManifest:
    """A one-section manifest of the editions workspace's report, with `editions` (its YAML
    lines), loaded: its line 6 is the first of them."""
    manifest = tmp_path / "006.yaml"
    manifest.write_text(
        "number: 6\ndate: 2026-01-10\nsections:\n  - title: News\n    documents: [report]\n"
        + editions,
        encoding="utf-8",
    )
    return load_manifest(
        manifest, DocumentPool.scan(WORKSPACES / "editions" / "documents"), tmp_path
    )


@pytest.mark.parametrize(
    ("words", "hint"),
    [
        ("Salarios de miseria", "es:\n    title: Salarios de miseria"),
        ("[Noticias, Informes]", "es:\n    title: …"),
        ("true", "es:\n    title: …"),
    ],
    ids=["title", "list", "flag"],
)
def test_an_editions_words_written_on_its_languages_line_are_refused_at_that_line(
    tmp_path: Path, words: str, hint: str
) -> None:
    """`es: Salarios de miseria` under `editions:`, the Spanish title written where the
    edition's table of words goes, ended the build in a Python error ('str' object has no
    attribute 'get')."""
    with pytest.raises(PublisherError) as raised:
        loaded_with_editions(tmp_path, f"editions:\n  es: {words}\n")
    [problem] = raised.value.problems
    assert (problem.line, problem.message) == (
        7,
        "the es edition's words must be a table: its title, summary, editorial and sections",
    )
    assert problem.hint is not None and f"editions:\n  {hint}" in problem.hint


@pytest.mark.parametrize(
    "titles", ["[Noticias, Informes]", "[Noticias, Declaraciones, Informes, Otras]"]
)
def test_an_edition_with_a_section_title_too_few_or_too_many_is_warned_of_at_its_line(
    tmp_path: Path, titles: str, caplog: pytest.LogCaptureFixture
) -> None:
    """Titles go to the sections in order: a section added to the issue and not to the
    edition gave every section after it its neighbour's title; one too many was dropped.
    Without a word either way."""
    manifest = tmp_path / "005-sections.yaml"
    manifest.write_text(
        "number: 5\ntitle: Pay\ndate: 2026-01-10\nsections:\n"
        "  - title: News\n    documents: [strike]\n"
        "  - title: Statements\n    documents: [nota]\n"
        "  - title: Reports\n    documents: [report]\n"
        f"editions:\n  es:\n    title: Salarios\n    sections: {titles}\n",
        encoding="utf-8",
    )
    pool = DocumentPool.scan(WORKSPACES / "editions" / "documents")
    load_manifest(manifest, pool, tmp_path)
    given = titles.count(",") + 1
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"{manifest}:14: the es edition has {given} section title(s), the issue 3 section(s):"
        " give one title for each section, in the sections' order: 'News', 'Statements',"
        " 'Reports'"
    ]


@pytest.mark.parametrize("again", ["es", "ES"])
def test_an_edition_listed_twice_is_warned_of_at_the_second_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, again: str
) -> None:
    """`editions: [es, es]` (an edition meant as another, fr, copied and not changed) was
    taken as one es edition without a word."""
    loaded = loaded_with_editions(tmp_path, f"editions:\n  - es\n  - ar\n  - {again}\n")
    manifest = loaded.path
    assert loaded.editions == ("es", "ar")
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"{manifest}:9: {again!r} lists the es edition again (line 7): one es edition is made;"
        " write the language meant, or take the line out"
    ]


@pytest.mark.parametrize(
    ("manifest_language", "line"), [("", 9), ("language: en\n", 10)], ids=["toml", "manifest"]
)
def test_the_issues_own_language_listed_as_an_edition_is_warned_of_at_its_line(
    tmp_path: Path, manifest_language: str, line: int
) -> None:
    """`editions: [en]` on an English issue (English from publisher.toml, or from the
    manifest) was taken without a word, as if it made an edition: it makes none."""
    root = minimal_with(tmp_path / "ws", {})
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(
        'number: 1\ntitle: "First issue"\ndate: 2026-01-10\neditorial: |\n'
        "  Hello from the editors.\nsections:\n  - title: News\n"
        f"    documents: [first-article, second-article]\n{manifest_language}editions: [en]\n",
        encoding="utf-8",
    )
    out, warnings = build_with_warnings(root, ["email"])
    said = f"{manifest}:{line}: en is the issue's own language: it needs no edition"
    assert [w for w in warnings if "own language" in w] == [said]
    assert not (out / "001-first" / "en").exists()


def test_the_original_language_listed_as_an_edition_is_no_edition(tmp_path: Path) -> None:
    manifest = tmp_path / "004.yaml"
    text = BAD_EDITIONS.replace("Spansh", "en-GB").replace("omitt", "note")
    manifest.write_text(text.replace("date:", "language: en-GB\ndate:"), encoding="utf-8")
    pool = DocumentPool.scan(WORKSPACES / "editions" / "documents")
    loaded = load_manifest(manifest, pool, tmp_path)
    assert (loaded.editions, loaded.untranslated) == (("es",), "note")


def test_the_composer_keeps_the_editions_as_written() -> None:
    source = (WORKSPACES / "editions" / "issues" / "001-editions.yaml").read_text()
    edit = IssueEdit(
        number=1,
        date=dt.date(2026, 1, 10),
        title="Equal pay, now",
        language="en",
        editorial="Hello from the editors.\n",
        sections=(SectionEdit("News", ("strike", "report", "nota")),),
    )
    after = edited(source, edit)
    changed = [
        (old, new)
        for old, new in zip(source.splitlines(), after.splitlines(), strict=True)
        if old != new
    ]
    assert changed == [('title: "Equal pay now"', 'title: "Equal pay, now"')]
    assert edited(after, IssueEdit(**{**edit.__dict__, "editions": ("es",)})).endswith(
        'editions:\n  es:\n    title: "Igualdad salarial ya"\n    sections: [Noticias]\n'
        "    editorial: |\n      Hola desde la redacción.\n"
    )
    rewritten = edited(source, IssueEdit(**{**edit.__dict__, "editions": ("fr", "es")}))
    assert "editions:\n  fr:\n  es:\n    title" in rewritten
    assert "untranslated: omit\n" in edited(
        source, IssueEdit(**{**edit.__dict__, "untranslated": "omit"})
    )


def test_translations_are_listed_under_their_topics_and_no_link_is_broken(
    built: BuildReport,
) -> None:
    from test_web import unresolved_links

    listing = page(built, "tags/huelgas/index.html").xpath("//main//a/@href")
    assert "../../001-editions/es/strike/" in listing
    assert unresolved_links(built.out_dir, SITE) == []


def test_an_editions_topic_and_language_pages_speak_its_language_and_list_what_it_shows(
    built: BuildReport,
) -> None:
    """The Spanish pages' "Temas" and "Idiomas" led to the site's English pages ("Topics",
    "Languages", "Skip to content"); the edition's readers get their own, under
    editions/es/, listing its articles as it shows them."""
    nav = page(built, f"{ISSUE}/es/strike/index.html").xpath("//nav[@class='site-nav']/a")
    assert {a.text: a.get("href") for a in nav}["Temas"] == "../../../editions/es/tags/"
    assert {a.text: a.get("href") for a in nav}["Idiomas"] == "../../../editions/es/languages/"
    tag_link = page(built, f"{ISSUE}/es/strike/index.html").xpath("//a[text()='huelgas']/@href")
    assert tag_link == ["../../../editions/es/tags/huelgas/"]

    topics = page(built, "editions/es/tags/index.html")
    assert topics.get("lang") == "es"
    assert topics.xpath("//h1/text()") == ["Temas"]
    assert topics.xpath("//a[@class='skip-link']/text()") == ["Saltar al contenido"]
    listed = topics.xpath("//ul[@class='tag-list']//a")
    assert [(a.text_content(), a.get("href")) for a in listed] == [
        ("huelgas", "../../../editions/es/tags/huelgas/")
    ]  # strike.md's "strikes" is the English edition's
    topic = page(built, "editions/es/tags/huelgas/index.html")
    assert topic.get("lang") == "es"
    assert topic.xpath("//h1/text()") == ["Tema: huelgas"]
    assert topic.xpath("//ul[@class='listing']/li/a/@href") == [f"../../../../{ISSUE}/es/strike/"]
    feed = feedparser.parse(built.out_dir / "editions/es/tags/huelgas/feed.atom")
    assert [entry.link for entry in feed.entries] == [f"{SITE}{ISSUE}/es/strike/"]

    languages = page(built, "editions/es/languages/index.html")
    assert (languages.get("lang"), languages.xpath("//h1/text()")) == ("es", ["Idiomas"])
    listed = languages.xpath("//ul[@class='language-list']//a/@href")
    assert listed == ["../../../editions/es/languages/en/", "../../../editions/es/languages/es/"]
    english = page(built, "editions/es/languages/en/index.html")
    assert english.get("lang") == "es"
    assert english.xpath("//ul[@class='listing']/li/a/@href") == [f"../../../../{ISSUE}/es/report/"]

    arabic = page(built, "editions/ar/tags/index.html")  # its one translation has no topic
    assert (arabic.get("lang"), arabic.get("dir")) == ("ar", "rtl")
    assert page(built, "tags/index.html").xpath("//h1/text()") == ["Topics"]  # the site's
    new_pages = [
        built.out_dir / "editions" / path
        for path in ("es/tags/index.html", "es/tags/huelgas/index.html", "es/languages/index.html")
    ]
    assert nu_html_errors(new_pages) == []


def test_a_topic_the_site_and_an_edition_list_alike_has_one_page_for_search_engines(
    built: BuildReport,
) -> None:
    """The site's topic page of a topic only the Spanish translation carries (tags/huelgas/,
    in English) listed just what the Spanish edition's does (editions/es/tags/huelgas/,
    which the Spanish pages' topic links lead to): two pages of one listing, each its own
    canonical, both in the sitemap. The site's names the edition's as canonical and leaves
    the sitemap; a listing of its own (languages/es/, with the Spanish article of the
    English issue at its own address) keeps its own."""
    canonical = {
        "tags/huelgas/": f"{SITE}editions/es/tags/huelgas/",
        "languages/ar/": f"{SITE}editions/ar/languages/ar/",
        "languages/es/": f"{SITE}languages/es/",
        "editions/es/tags/huelgas/": f"{SITE}editions/es/tags/huelgas/",
        "editions/es/languages/es/": f"{SITE}editions/es/languages/es/",
    }
    for path, expected in canonical.items():
        tree = page(built, f"{path}index.html")
        assert tree.xpath("//link[@rel='canonical']/@href") == [expected], path
    sitemap = (built.out_dir / "sitemap.xml").read_text()
    for path, expected in canonical.items():
        assert (f"<loc>{SITE}{path}</loc>" in sitemap) == (expected == SITE + path), path


def test_an_editions_topic_page_of_only_untranslated_originals_sends_search_engines_to_the_sites(
    workspace: Callable[[str], Path],
) -> None:
    """The Spanish edition shows "Rents are rising" untranslated, and with it its English
    topic: editions/es/tags/rent/ listed only that copy, whose own page names the
    original's as canonical, yet it was its own canonical and in the sitemap, a second
    indexed page of what tags/rent/ lists (half of a big archive's edition pages). It
    names the site's page of the topic; a topic the edition's own translation carries
    (editions/es/tags/huelgas/) keeps its own page."""
    root = workspace("editions")
    report = root / "documents" / "report.md"
    report.write_text(report.read_text().replace("summary:", "tags: [rent]\nsummary:"))
    out = build(root, formats=["web"]).out_dir
    canonical = {
        "editions/es/tags/rent/": f"{SITE}tags/rent/",
        "editions/es/languages/en/": f"{SITE}languages/en/",  # "Rents are rising" alone
        "editions/ar/languages/es/": f"{SITE}languages/es/",  # the Spanish original alone
        "editions/es/tags/huelgas/": f"{SITE}editions/es/tags/huelgas/",
        "editions/es/languages/es/": f"{SITE}editions/es/languages/es/",
        "tags/rent/": f"{SITE}tags/rent/",
    }
    sitemap = (out / "sitemap.xml").read_text()
    for path, expected in canonical.items():
        tree = lxml.html.fromstring((out / path / "index.html").read_bytes())
        assert tree.xpath("//link[@rel='canonical']/@href") == [expected], path
        assert (f"<loc>{SITE}{path}</loc>" in sitemap) == (expected == SITE + path), path
    spanish = lxml.html.fromstring((out / ISSUE / "es" / "report" / "index.html").read_bytes())
    assert spanish.xpath("//p[@class='tags']/a/@href") == ["../../../editions/es/tags/rent/"]


def test_check_finds_the_outputs_of_every_edition(built: BuildReport) -> None:
    from publisher.checks.base import Target
    from publisher.config import load_config
    from publisher.formats import formats

    target = Target(load_config(built.out_dir.parent), built.out_dir, (ISSUE,))
    inputs = {name: f.inputs(target) for name, f in formats().items()}
    for name, file in (("pdf", f"{ISSUE}.pdf"), ("epub", f"{ISSUE}.epub"), ("email", "email.eml")):
        assert {folder(built, e) / file for e in ("", "es", "ar")} <= set(inputs[name]), name
    assert built.out_dir / "editions" / "ar" / "feed.atom" in inputs["feed"]
    assert built.out_dir / ISSUE / "ar" / "strike" / "index.html" in inputs["web"]


def test_the_leaflet_of_an_edition_is_its_translation(built: BuildReport) -> None:
    import pikepdf

    path = folder(built, "es", OMITTED) / f"{OMITTED}-leaflet.pdf"
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == "es"
    assert "Las limpiadoras están en huelga" in " ".join(pdftotext(path).split())
    assert "The cleaners are on strike" in pdftotext(
        folder(built, "", OMITTED) / f"{OMITTED}-leaflet.pdf"
    )


def test_every_image_an_edition_email_shows_is_published(built: BuildReport) -> None:
    """The Arabic translation has a lead image of its own: its edition publishes it."""
    for edition in ("", "es", "ar"):
        html = parse_eml(folder(built, edition) / "email.eml").get_body(("html",))
        tree: lxml.html.HtmlElement = lxml.html.fromstring(html.get_content())  # type: ignore[union-attr]
        sources = [src for src in tree.xpath("//img/@src") if src.startswith(SITE)]
        assert len(sources) == (1 if edition == "ar" else 0), edition
        for src in sources:
            assert (built.out_dir / src.removeprefix(SITE)).is_file(), f"{edition}: {src}"


def test_an_edition_with_nothing_translated_and_omit_is_left_out_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from publisher.assemble import assemble, assemble_editions
    from publisher.config import load_config
    from publisher.readers import read_document

    root = WORKSPACES / "editions"
    manifest_path = tmp_path / "005-french.yaml"
    manifest_path.write_text(
        "number: 5\ndate: 2026-03-01\nsections:\n  - title: News\n    documents: [report]\n"
        "editions: [fr, es]\nuntranslated: omit\n",
        encoding="utf-8",
    )
    pool = DocumentPool.scan(root / "documents")
    manifest = load_manifest(manifest_path, pool, root)
    config = load_config(root)
    documents = {
        p: read_document(root / "documents" / p, p.stem, root / "documents", "en")
        for p in manifest.documents
    }
    with caplog.at_level(logging.WARNING):
        issues = assemble_editions(
            manifest, assemble(manifest, documents, "", config), documents, {}, {}
        )
    assert [i.language for i in issues] == ["en"] and issues[0].editions == ()
    assert [r.getMessage() for r in caplog.records] == [
        f"{manifest_path}: no edition in {lang} yet: none of its documents is translated into"
        " it (untranslated: omit leaves the others out)"
        for lang in ("fr", "es")
    ]


def test_an_edition_with_nothing_translated_yet_is_said_when_it_shows_only_originals(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """`editions: [ar]` with no document translated into Arabic made an Arabic edition of
    the English articles, marked untranslated, and the build said nothing of it. A note
    says so (an edition planned ahead of its translations is no mistake)."""
    from publisher.assemble import assemble, assemble_editions
    from publisher.config import load_config
    from publisher.readers import read_document

    root = WORKSPACES / "editions"
    manifest_path = tmp_path / "006-planned.yaml"
    manifest_path.write_text(
        "number: 6\ndate: 2026-03-08\nsections:\n  - title: News\n    documents: [report]\n"
        "editions: [fr]\n",
        encoding="utf-8",
    )
    manifest = load_manifest(manifest_path, DocumentPool.scan(root / "documents"), root)
    documents = {
        p: read_document(root / "documents" / p, p.stem, root / "documents", "en")
        for p in manifest.documents
    }
    with caplog.at_level(logging.INFO, logger="publisher.assemble"):
        issues = assemble_editions(
            manifest, assemble(manifest, documents, "", load_config(root)), documents, {}, {}
        )
    assert [i.language for i in issues] == ["en", "fr"]
    assert [r.getMessage() for r in caplog.records if r.name == "publisher.assemble"] == [
        f"{manifest_path}: the edition in fr shows only the originals, marked untranslated:"
        " none of its documents is translated into it yet"
    ]


def test_a_document_name_means_the_original_and_a_suffixed_one_its_translation() -> None:
    pool = DocumentPool.scan(WORKSPACES / "editions" / "documents")
    assert pool.resolve("strike") == Path("strike.md")
    assert pool.resolve("strike.es") == Path("strike.es.md")


@pytest.mark.parametrize(
    ("language", "edition"),
    [("", ""), ("es", "es"), ("es-MX", "es"), ("ar", "ar"), ("en", ""), ("EN-us", "")],
)
def test_preview_email_photographs_the_edition_a_reader_of_the_language_gets(
    built: BuildReport, language: str, edition: str
) -> None:
    from publisher.preview import edition_to_preview

    assert edition_to_preview(folder(built), language) == edition


def test_preview_email_refuses_a_language_the_issue_is_not_published_in(
    built: BuildReport,
) -> None:
    from publisher.preview import edition_to_preview

    with pytest.raises(PublisherError, match=r"(?s)no edition in 'fr'.*its languages: en, ar, es"):
        edition_to_preview(folder(built), "fr")


def test_preview_email_of_an_edition_is_written_beside_it(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from publisher.cli import main

    root = tmp_path / "ws"
    shutil.copytree(WORKSPACES / "editions", root, ignore=shutil.ignore_patterns("dist"))
    result = CliRunner().invoke(
        main, ["-C", str(root), "preview-email", "1", "--language", "es-MX"]
    )
    assert result.exit_code == 0, result.output
    shots = sorted(p.name for p in (root / ".publisher/previews" / ISSUE / "es").glob("*.png"))
    assert shots == ["email-375px.png", "email-600px.png"]
    assert not list((root / "dist").rglob("*.png"))  # dist/ is published: no previews in it


def test_an_edition_in_a_language_publisher_does_not_speak_is_said_once(
    workspace: Callable[[str], Path], caplog: pytest.LogCaptureFixture
) -> None:
    """German pages said "Contents" and "Unsubscribe" in English without a word."""
    root = workspace("minimal")
    manifest = root / "issues" / "001-first.yaml"
    manifest.write_text(manifest.read_text() + "editions: [de, es]\n")
    with caplog.at_level("WARNING", logger="publisher"):
        build(root, formats=["web"])
    said = [r.getMessage() for r in caplog.records if "not translated into" in r.getMessage()]
    assert said == [
        f'{manifest}: publisher\'s own words ("Contents", "Read online", "Unsubscribe") are'
        " not translated into de: they stay in English (translated: ar, en, es, fa, fr)"
    ]


def spanish_issue_naming_the_translation(root: Path) -> Path:
    """A Spanish issue 2 naming `port.es.md`, the Spanish translation of the English
    `port.md` (by its name), with an English edition and a French one (`port.fr.md`)."""
    documents = {
        "port.md": "---\ntitle: Port strike\nlang: en\n---\n\nThe dockers stop work.\n",
        "port.es.md": "---\ntitle: Huelga portuaria\nlang: es\n---\n\nLos estibadores paran.\n",
        "port.fr.md": "---\ntitle: Grève du port\nlang: fr\n---\n\nLes dockers arrêtent.\n",
    }
    for name, text in documents.items():
        (root / "documents" / name).write_text(text, encoding="utf-8")
    (root / "issues" / "002-dos.yaml").write_text(
        "number: 2\ntitle: Dos\ndate: 2026-02-10\nlanguage: es\neditions: [en, fr]\n"
        "sections:\n  - title: Noticias\n    documents: [port.es.md]\n",
        encoding="utf-8",
    )
    return root


@pytest.mark.parametrize(
    ("edition", "text"), [("en", "The dockers stop work."), ("fr", "Les dockers arrêtent.")]
)
def test_an_edition_of_an_issue_naming_a_translation_shows_the_article_in_its_language(
    workspace: Callable[[str], Path], edition: str, text: str
) -> None:
    """The English edition showed the Spanish text, under "Not yet translated: this article
    is in its original language": both false, the original is English."""
    report = build(spanish_issue_naming_the_translation(workspace("minimal")), formats=["web"])
    article = page(report, f"002-dos/{edition}/port-es/index.html")
    words = " ".join(article.text_content().split())
    assert text in words
    assert "Los estibadores paran." not in words
    assert not article.find_class("untranslated-note")
