"""Every article in another language than its issue is marked with its own language in every
output: the EPUB's XHTML (lang and xml:lang), the PDF's structure tree (/Lang), the Atom
feeds (xml:lang) and the HTML inside every feed, the web pages and the email.

tests/workspaces/languages: an English newsletter whose English issue carries articles in
Spanish, French, Greek and Arabic, and a Spanish issue with one Spanish article. Each output
is parsed; the expected languages come from the workspace's front matter, restated below.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

import feedparser
import lxml.etree
import lxml.html
import pikepdf
import pytest
from conftest import WORKSPACES, build_copy
from parsed_outputs import (
    ATOM,
    XML_LANG,
    compact,
    epub_chapters,
    holding,
    marked_ancestor,
    structure,
)
from validators import epubcheck_messages

from publisher.build import BuildReport

ISSUE = "001-many-voices"  # English, with the four articles below
SPANISH_ISSUE = "002-numero-especial"  # Spanish, with one Spanish article
SITE_LANGUAGE = "en"
BASE = "https://voices.example.org/"  # publisher.toml's base_url


@dataclass(frozen=True)
class Article:
    slug: str
    language: str
    direction: str
    title: str
    phrase: str  # words from its body only (not its title): found where the body is


FOREIGN = (
    Article(
        "huelga-estibadores",
        "es",
        "ltr",
        "Los estibadores paran el puerto",
        "dejaron de trabajar el lunes",
    ),
    Article("lettre-dockers", "fr", "ltr", "Lettre aux dockers du port", "soutient sans réserve"),
    Article(
        "epistoli-naftergaton",
        "el",
        "ltr",
        "Επιστολή των λιμενεργατών του Πειραιά",
        "στέκονται στο πλευρό σας",
    ),
    Article("risalat-tadamun", "ar", "rtl", "رسالة تضامن من عمال الميناء", "إضرابكم"),
)
ids = [article.language for article in FOREIGN]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildReport:
    return build_copy(WORKSPACES / "languages", tmp_path_factory)


# --- EPUB ----------------------------------------------------------------------------------


@pytest.mark.parametrize("article", FOREIGN, ids=ids)
def test_epub_article_carries_lang_and_xml_lang(built: BuildReport, article: Article) -> None:
    chapters = epub_chapters(built.out_dir / ISSUE / f"{ISSUE}.epub")
    body = [c for c in chapters.values() if article.phrase in "".join(c.itertext())]
    assert len(body) == 1, "the article is in one chapter"
    marked = marked_ancestor(holding(body[0], article.phrase))
    assert marked.get("lang") == article.language
    assert marked.get(XML_LANG) == article.language
    assert marked.get("dir") == article.direction
    # The whole article (heading included), not one paragraph of it, is marked.
    assert marked.xpath(".//*[local-name()='h2']"), "the article's title is inside"


@pytest.mark.parametrize("article", FOREIGN, ids=ids)
def test_epub_contents_marks_each_title_with_its_language(
    built: BuildReport, article: Article
) -> None:
    nav = epub_chapters(built.out_dir / ISSUE / f"{ISSUE}.epub")["EPUB/nav.xhtml"]
    entry = marked_ancestor(holding(nav, article.title))
    assert entry.get("lang") == entry.get(XML_LANG) == article.language


def test_epub_package_language_stays_the_issues_and_epubcheck_passes(built: BuildReport) -> None:
    for slug, language in ((ISSUE, "en"), (SPANISH_ISSUE, "es")):
        path = built.out_dir / slug / f"{slug}.epub"
        with zipfile.ZipFile(path) as epub:
            opf = lxml.etree.fromstring(epub.read("EPUB/content.opf"))
        dc = "{http://purl.org/dc/elements/1.1/}"
        assert [e.text for e in opf.iter(f"{dc}language")] == [language]
        assert epubcheck_messages(path) == []


# --- PDF -----------------------------------------------------------------------------------


@pytest.mark.parametrize("article", FOREIGN, ids=ids)
def test_pdf_structure_element_of_the_article_carries_its_lang(
    built: BuildReport, article: Article
) -> None:
    with pikepdf.open(built.out_dir / ISSUE / f"{ISSUE}.pdf") as pdf:
        assert str(pdf.Root.Lang) == "en"
        elements = list(structure(pdf))
        # Arabic glyphs are drawn in visual order, right to left: their text comes reversed.
        phrases = {compact(article.phrase), compact(article.phrase)[::-1]}
        holders = [e for e, text in elements if any(p in compact(text) for p in phrases)]
        assert holders, "the article's text is in the structure tree"
        languages = {str(e.Lang) for e in holders if "/Lang" in e}
        assert article.language in languages, languages


# --- Feeds ---------------------------------------------------------------------------------


def atom(built: BuildReport, relative: str) -> lxml.etree._Element:
    path = built.out_dir / relative
    assert feedparser.parse(path).bozo == 0, relative
    return lxml.etree.parse(str(path)).getroot()


def entry_languages(feed: lxml.etree._Element) -> dict[str, str | None]:
    """Entry id (its URL) → the entry's xml:lang."""
    return {e.findtext(f"{ATOM}id"): e.get(XML_LANG) for e in feed.iter(f"{ATOM}entry")}


def article_url(issue: str, slug: str) -> str:
    return f"{BASE}{issue}/{slug}/"


@pytest.mark.parametrize("article", FOREIGN, ids=ids)
def test_a_languages_feed_speaks_that_language(built: BuildReport, article: Article) -> None:
    feed = atom(built, f"languages/{article.language}/feed.atom")
    assert feed.get(XML_LANG) == article.language
    languages = entry_languages(feed)
    assert languages[article_url(ISSUE, article.slug)] == article.language
    assert set(languages.values()) == {article.language}


def test_a_topic_feed_marks_each_entry_with_its_articles_language(built: BuildReport) -> None:
    feed = atom(built, "tags/harbour/feed.atom")
    assert feed.get(XML_LANG) == SITE_LANGUAGE
    languages = entry_languages(feed)
    for article in FOREIGN:
        assert languages[article_url(ISSUE, article.slug)] == article.language


def test_the_issue_feed_marks_entries_with_the_issues_language_and_articles_with_theirs(
    built: BuildReport,
) -> None:
    feed = atom(built, "feed.atom")
    assert feed.get(XML_LANG) == SITE_LANGUAGE
    assert entry_languages(feed) == {f"{BASE}{ISSUE}/": "en", f"{BASE}{SPANISH_ISSUE}/": "es"}
    entry = next(
        e for e in feed.iter(f"{ATOM}entry") if e.findtext(f"{ATOM}id").endswith(ISSUE + "/")
    )
    content = lxml.html.fragment_fromstring(entry.findtext(f"{ATOM}content"), create_parent="div")
    for article in FOREIGN:
        marked = marked_ancestor(holding(content, article.phrase))
        assert (marked.get("lang"), marked.get("dir")) == (article.language, article.direction)


def test_rss_keeps_the_sites_language_and_each_articles_lang_in_its_content(
    built: BuildReport,
) -> None:
    path = built.out_dir / "feed.rss"
    assert feedparser.parse(path).bozo == 0
    channel = lxml.etree.parse(str(path)).getroot().find("channel")
    assert channel.findtext("language") == SITE_LANGUAGE
    encoded = "{http://purl.org/rss/1.0/modules/content/}encoded"
    item = next(i for i in channel.iter("item") if i.findtext("link").endswith(ISSUE + "/"))
    content = lxml.html.fragment_fromstring(item.findtext(encoded), create_parent="div")
    for article in FOREIGN:
        marked = marked_ancestor(holding(content, article.phrase))
        assert (marked.get("lang"), marked.get("dir")) == (article.language, article.direction)


# --- Web -----------------------------------------------------------------------------------


def web_page(built: BuildReport, relative: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(built.out_dir / relative)).getroot()


@pytest.mark.parametrize("article", FOREIGN, ids=ids)
def test_an_article_page_is_in_the_articles_language(built: BuildReport, article: Article) -> None:
    page = web_page(built, f"{ISSUE}/{article.slug}/index.html")
    assert (page.get("lang"), page.get("dir")) == (article.language, article.direction)
    # The navigation around it is the issue's, in English, and says so.
    header = page.find(".//header[@class='site-header']")
    assert (header.get("lang"), header.get("dir")) == ("en", "ltr")


@pytest.mark.parametrize("article", FOREIGN, ids=ids)
def test_the_issue_page_marks_each_article(built: BuildReport, article: Article) -> None:
    page = web_page(built, f"{ISSUE}/index.html")
    assert page.get("lang") == "en"
    marked = marked_ancestor(holding(page, article.phrase))
    assert marked.tag == "article"
    assert (marked.get("lang"), marked.get("dir")) == (article.language, article.direction)


# --- Email ---------------------------------------------------------------------------------


@pytest.mark.parametrize("article", FOREIGN, ids=ids)
def test_the_email_marks_each_article(built: BuildReport, article: Article) -> None:
    email = lxml.html.parse(str(built.out_dir / ISSUE / "email.html")).getroot()
    assert email.get("lang") == "en"
    marked = marked_ancestor(holding(email, article.phrase))
    assert (marked.get("lang"), marked.get("dir")) == (article.language, article.direction)
    assert marked.xpath(f".//h3[@id='{article.slug}']"), "the article's title is inside"
