"""Every id given once on each page that shows an issue's articles together, with every
link on it still landing where it did. A document's ids are its slug and what follows
(`strike.md`'s heading "Pay" is `strike-pay`) and each article carries its bare slug, so
the heading of `strike.md` and the article `strike-pay.md` of the same issue both gave
`id="strike-pay"`: EPUBCheck refused the book (RSC-005) and the issue page's contents
link to the article led to the heading. In the EPUB, `footnotes.md`'s article met
pandoc's section of the chapter's notes, `id="footnotes"`. The heading that meets an
article takes the first free `-<n>` (`strike-pay-1`), its links following it; every id
that meets nothing stays as it was."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import lxml.etree
import lxml.html
import pytest
from conftest import FIXED_EPOCH, minimal_with
from parsed_outputs import epub_chapters
from validators import epubcheck_messages, nu_html_errors

from publisher.build import build
from publisher.issue_ids import TEMPLATE_IDS

SLUG = "001-first"
STRIKE_PAGE = f"https://minimal.example.org/{SLUG}/strike/"
DOCUMENTS = {
    # the reproducer's pair: strike.md's heading "Pay" is named as strike-pay.md
    "strike.md": "---\ntitle: The strike\n---\n\nIntro, and [the pay](#pay).\n\n"
    "## Pay\n\nPay text.\n",
    "strike-pay.md": "---\ntitle: Strike pay explained\n---\n\n"
    "How strike pay works: [its pay rules](strike.md#pay).\n",
    # an article named as pandoc's section of a chapter's notes in the EPUB
    "footnotes.md": "---\ntitle: With notes\n---\n\nA claim.[^1] Another.[^2]\n\n"
    "[^1]: The source.\n[^2]: Another source.\n",
}


@pytest.fixture(scope="module")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = minimal_with(tmp_path_factory.mktemp("ids") / "ws", DOCUMENTS)
    with pytest.MonkeyPatch.context() as env:
        env.setenv("SOURCE_DATE_EPOCH", FIXED_EPOCH)
        return build(root, formats=["web", "epub", "email", "feed"]).out_dir


def issue_page(dist: Path) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((dist / SLUG / "index.html").read_bytes())


def repeated_ids(root: lxml.etree._Element) -> list[str]:
    counted = Counter(e.get("id") for e in root.iter() if e.get("id") is not None)
    return sorted(found for found, times in counted.items() if times > 1)


def only(root: lxml.etree._Element, found: str) -> lxml.etree._Element:
    """The one element of `root` with the id `found`."""
    [element] = [e for e in root.iter() if e.get("id") == found]
    return element


def text(element: lxml.etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def link(root: lxml.etree._Element, words: str) -> str:
    [href] = [a.get("href") for a in root.iter("{*}a", "a") if text(a) == words]
    return href


def test_the_epub_passes_epubcheck(dist: Path) -> None:
    assert epubcheck_messages(dist / SLUG / f"{SLUG}.epub") == []


def test_every_epub_chapter_gives_each_id_once(dist: Path) -> None:
    chapters = epub_chapters(dist / SLUG / f"{SLUG}.epub")
    assert {name: repeated_ids(root) for name, root in chapters.items()} == {
        name: [] for name in chapters
    }


def test_in_the_epub_the_heading_is_renamed_and_its_link_and_the_notes_follow(
    dist: Path,
) -> None:
    [chapter] = [
        root
        for root in epub_chapters(dist / SLUG / f"{SLUG}.epub").values()
        if any(e.get("id") == "strike" for e in root.iter())
    ]
    assert only(chapter, "strike-pay").get("class").split()[0] == "article"
    # pandoc makes the heading a section holding its text
    assert text(only(chapter, "strike-pay-1")) == "Pay Pay text."
    assert link(chapter, "the pay").endswith("#strike-pay-1")
    assert only(chapter, "footnotes").get("class").split()[0] == "article"
    calls = [a.get("href") for a in chapter.iter("{*}a") if "footnote-ref" in a.get("class", "")]
    notes = [href.partition("#")[2] for href in calls]
    assert len(notes) == 2
    assert [text(only(chapter, note)) for note in notes] == ["1. The source.", "2. Another source."]


def test_the_issue_page_gives_each_id_once_and_is_valid(dist: Path) -> None:
    assert repeated_ids(issue_page(dist)) == []
    assert nu_html_errors([dist / SLUG / "index.html", dist / SLUG / "strike" / "index.html"]) == []


def test_the_contents_link_leads_to_the_article(dist: Path) -> None:
    page = issue_page(dist)
    contents = page.get_element_by_id("contents-title").getparent()
    assert link(contents, "Strike pay explained") == "#strike-pay"
    assert only(page, "strike-pay").tag == "article"
    assert text(only(page, "strike-pay").find(".//h3")) == "Strike pay explained"


@pytest.mark.parametrize("page", [f"{SLUG}/index.html", f"{SLUG}/strike/index.html"])
def test_the_heading_link_within_its_article_lands_on_the_renamed_heading(
    dist: Path, page: str
) -> None:
    tree = lxml.html.fromstring((dist / page).read_bytes())
    assert link(tree, "the pay") == "#strike-pay-1"
    heading = only(tree, "strike-pay-1")
    assert (heading.tag, text(heading)) in {("h2", "Pay"), ("h4", "Pay")}
    assert heading.xpath("ancestor::article")[0].get("id") == "strike"


@pytest.mark.parametrize(
    "page", [f"{SLUG}/index.html", f"{SLUG}/strike-pay/index.html", f"{SLUG}/email.html"]
)
def test_a_link_from_another_article_leads_to_the_heading_on_its_page(
    dist: Path, page: str
) -> None:
    tree = lxml.html.fromstring((dist / page).read_bytes())
    assert link(tree, "its pay rules") == f"{STRIKE_PAGE}#strike-pay-1"
    target = lxml.html.fromstring((dist / SLUG / "strike" / "index.html").read_bytes())
    assert text(only(target, "strike-pay-1")) == "Pay"


def test_the_email_and_the_feed_entry_give_each_id_once(dist: Path) -> None:
    email = lxml.html.fromstring((dist / SLUG / "email.html").read_bytes())
    assert repeated_ids(email) == []
    feed = lxml.etree.parse(str(dist / "feed.atom"))
    [content] = feed.xpath("//*[local-name()='content']")
    assert repeated_ids(lxml.html.fromstring(content.text)) == []


def test_the_ids_that_meet_nothing_stay_as_read_with_their_links(dist: Path) -> None:
    page = issue_page(dist)
    assert only(page, "first-article-a-heading-inside").tag == "h4"
    assert only(page, "footnotes").tag == "article"
    calls = [a for a in page.iter("a") if a.get("class") == "footnote-ref"]
    backs = [a for a in page.iter("a") if a.get("class") == "footnote-back"]
    assert [a.get("href") for a in calls] == ["#footnotes-fn1", "#footnotes-fn2"]
    assert [a.get("href") for a in backs] == ["#footnotes-fnref1", "#footnotes-fnref2"]
    assert [text(only(page, "footnotes-fn1")), text(only(page, "footnotes-fn2"))] == [
        "The source.↩︎",
        "Another source.↩︎",
    ]
    assert [only(page, a.get("id")) for a in calls] == calls


TEMPLATES = Path(__file__).resolve().parents[1] / "templates" / "default"


def test_every_fixed_id_of_the_pages_showing_articles_is_kept_free() -> None:
    """A heading may not take an id the templates give on a page beside the articles."""
    pages = ("web/issue.html", "web/base.html", "epub/book.html", "email/newsletter.mjml")
    pages += ("pdf/issue.html", "partials/article.html")
    given = {
        found
        for page in pages
        for found in re.findall(r'\sid="([^"{]+)"', (TEMPLATES / page).read_text())
    }
    assert given <= TEMPLATE_IDS
